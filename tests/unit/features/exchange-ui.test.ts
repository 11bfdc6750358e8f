// @vitest-environment happy-dom
// Text from an exchange file reaches the screen as text: conflict values and problem reports are
// text nodes (Svelte escapes interpolation; the components never use {@html}).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/svelte';
import ConflictCard from '../../../renderer/src/features/exchange/ConflictCard.svelte';
import ImportReport from '../../../renderer/src/features/exchange/ImportReport.svelte';
import type { PendingConflict } from '../../../renderer/src/data/interchange/exchange';
import type { AuditFinding } from '../../../renderer/src/domain/audits/audit-types';
import type { PaymentObligation } from '../../../renderer/src/domain/core/types';

const HOSTILE = '<script>window.__owned = 1</script><img src=x onerror="window.__owned = 2">';

function finding(description: string, title = '消防设施完好'): AuditFinding {
  return {
    id: '7d0f6a1e-2b1c-4f3a-9c55-0a1b2c3d4e5f', createdAt: '2026-11-20T01:00:00.000Z', updatedAt: '2026-11-20T01:00:00.000Z', updatedBy: '李工', rev: 2, deleted: 0,
    auditId: '0d0e3000-8119-4087-8b7f-c47e32a8f67a', projectId: '990375c0-de47-441c-bbec-ed1ada51941a', itemId: 'i2', severity: 'high', title, description, raisedOn: '2026-11-20',
  };
}

afterEach(() => cleanup());

describe('exchange UI shows file text as text', () => {
  it('a conflict whose incoming side carries markup', () => {
    const item: PendingConflict = {
      rowId: 'row-1', entity: 'findings', recordId: finding('').id, createdAt: '2026-11-21T02:00:00.000Z', importId: 'imp-1', wholeOnly: false,
      conflict: {
        id: finding('').id, kind: 'edit-edit', lockedSide: null, incomingEntries: [],
        local: { record: finding('灭火器过期'), history: ['a', 'b'] },
        incoming: { record: finding(HOSTILE, HOSTILE), history: ['a', 'c'] },
        fields: [
          { field: 'description', local: '灭火器过期', incoming: HOSTILE },
          { field: 'title', local: '消防设施完好', incoming: HOSTILE },
        ],
      },
    };
    const { container, getAllByTestId } = render(ConflictCard, { props: { item } });
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    const incoming = getAllByTestId('incoming-value').map((e) => e.textContent);
    expect(incoming).toEqual([HOSTILE, HOSTILE]);
    expect((window as unknown as { __owned?: number }).__owned).toBeUndefined();
  });

  it('a refused file whose record id and path carry markup', () => {
    const { container, getByTestId } = render(ImportReport, {
      props: {
        fileName: '<b>evil</b>.scwx',
        result: { ok: false, more: 0, needsPassphrase: false, problems: [{ entity: 'findings', id: HOSTILE.slice(0, 60), path: 'record.<i>x</i>', code: 'invalid-uuid' }] },
      },
    });
    expect(container.querySelector('script, img, b, i')).toBeNull();
    expect(getByTestId('exchange-problems').textContent).toContain(HOSTILE.slice(0, 60));
    expect(getByTestId('exchange-refused').textContent).toContain('<b>evil</b>.scwx');
  });

  it('an obligation conflict reads as the contract forms name its fields, amounts as money', () => {
    const obligation = (disputedAmount: number, dueDate: string): PaymentObligation => ({
      id: '5b7e1c2a-3d4f-4a5b-8c6d-7e8f9a0b1c2d', createdAt: '2026-11-20T01:00:00.000Z', updatedAt: '2026-11-20T01:00:00.000Z', updatedBy: '李工', rev: 2, deleted: 0,
      contractId: '0d0e3000-8119-4087-8b7f-c47e32a8f67a', projectId: '990375c0-de47-441c-bbec-ed1ada51941a', payeeId: '', payerDepartmentId: '', kind: 'milestone',
      description: '质保期满', triggerDate: '2024-01-20', dueDate, amount: { amount: 18_400_000_00, currency: 'CNY' }, performanceLinkedAmount: 0, disputedAmount,
    });
    const local = obligation(1_000_000_00, '2024-02-19');
    const incoming = obligation(2_000_000_00, '2024-03-20');
    const item: PendingConflict = {
      rowId: 'row-2', entity: 'obligations', recordId: local.id, createdAt: '2026-11-21T02:00:00.000Z', importId: 'imp-2', wholeOnly: false,
      conflict: {
        id: local.id, kind: 'edit-edit', lockedSide: null, incomingEntries: [],
        local: { record: local, history: ['a', 'b'] },
        incoming: { record: incoming, history: ['a', 'c'] },
        fields: [
          { field: 'disputedAmount', local: local.disputedAmount, incoming: incoming.disputedAmount },
          { field: 'dueDate', local: local.dueDate, incoming: incoming.dueDate },
        ],
      },
    };
    const { getAllByTestId } = render(ConflictCard, { props: { item } });
    const rows = getAllByTestId('exchange-conflict-field').map((r) => r.textContent?.replace(/\s+/g, ' ').trim());
    expect(rows).toEqual(['Disputed or withheld amount CN¥1,000,000.00 CN¥2,000,000.00', 'Due date 2024-02-19 2024-03-20']);
  });

  it('a contract refused for its date order is named, its dates in words', () => {
    const { getByTestId } = render(ImportReport, {
      props: {
        fileName: 'x.scwx',
        result: {
          ok: false, more: 0, needsPassphrase: false,
          problems: [{ entity: 'contracts', id: 'c1', path: 'record.constructionStart', code: 'contract-date-order', params: { record: 'HT-01 城市大脑运维服务', field: 'constructionStart', after: 'signedOn', date: '2024-01-10' } }],
        },
      },
    });
    expect(getByTestId('exchange-problem').textContent).toContain('Contract “HT-01 城市大脑运维服务”: “Construction start” falls before “Signed on” (2024-01-10)');
  });
});
