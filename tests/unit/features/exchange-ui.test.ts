// @vitest-environment happy-dom
// Text from an exchange file reaches the screen as text: conflict values and problem reports are
// text nodes (Svelte escapes interpolation; the components never use {@html}).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/svelte';
import ConflictCard from '../../../renderer/src/features/exchange/ConflictCard.svelte';
import ImportReport from '../../../renderer/src/features/exchange/ImportReport.svelte';
import type { PendingConflict } from '../../../renderer/src/data/interchange/exchange';
import type { AuditFinding } from '../../../renderer/src/domain/audits/audit-types';

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
});
