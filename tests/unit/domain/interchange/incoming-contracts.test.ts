// Worked examples of the rules incoming contract records meet: form rules on live records,
// references on every record (tombstones too), parents found in the file or on the desk.
import { describe, expect, it } from 'vitest';
import { incomingContractProblems, type IncomingContractRecords, type KnownParents } from '../../../../renderer/src/domain/interchange/incoming-contracts';
import { emptyContractDraft } from '../../../../renderer/src/domain/contracts/contract-draft';
import type { Contract, ContractAmendment, Payment, PaymentObligation } from '../../../../renderer/src/domain/core/types';

const meta = (id: string) => ({ id, createdAt: '2026-11-24T02:00:00.000Z', updatedAt: '2026-11-24T02:00:00.000Z', updatedBy: '王芳', rev: 1, deleted: 0 as 0 | 1 });

const contract = (over: Partial<Contract> = {}): Contract => ({
  ...meta('c1'),
  ...emptyContractDraft('p1'),
  code: 'HT-01',
  title: '城市大脑运维服务',
  signedOn: '2024-01-10',
  constructionStart: '2024-02-01',
  constructionEnd: '2024-12-31',
  operationStart: '2025-01-01',
  operationEnd: '2027-12-31',
  value: { amount: 1_000_000_00, currency: 'CNY' },
  ...over,
});

const obligation = (over: Partial<PaymentObligation> = {}): PaymentObligation => ({
  ...meta('o1'),
  contractId: 'c1',
  projectId: 'p1',
  payeeId: '',
  payerDepartmentId: '',
  kind: 'service-fee',
  description: '一季度服务费',
  triggerDate: '2025-03-31',
  dueDate: '2025-04-30',
  amount: { amount: 250_000_00, currency: 'CNY' },
  performanceLinkedAmount: 0,
  disputedAmount: 0,
  ...over,
});

const payment = (over: Partial<Payment> = {}): Payment => ({
  ...meta('y1'),
  obligationId: 'o1',
  contractId: 'c1',
  paidOn: '2025-04-20',
  amount: { amount: 100_000_00, currency: 'CNY' },
  voucherNo: 'PZ-7',
  note: '',
  ...over,
});

const amendment = (over: Partial<ContractAmendment> = {}): ContractAmendment => ({
  ...meta('a1'),
  contractId: 'c1',
  signedOn: '2025-06-01',
  summary: '延长运营期',
  valueDelta: 0,
  changes: [],
  ...over,
});

const none: KnownParents = { projects: new Set(), contracts: new Map(), obligations: new Map() };
const desk: KnownParents = {
  projects: new Set(['p1']),
  contracts: new Map([['c1', { id: 'c1', projectId: 'p1' }]]),
  obligations: new Map([['o1', { id: 'o1', contractId: 'c1', amount: { amount: 250_000_00, currency: 'CNY' } }]]),
};

const rows = (r: Partial<IncomingContractRecords>): IncomingContractRecords => ({ projectIds: [], contracts: [], amendments: [], obligations: [], payments: [], ...r });
const brief = (r: Partial<IncomingContractRecords>, known: KnownParents) =>
  incomingContractProblems(rows(r), known).map((p) => `${p.entity}:${p.path}:${p.code}`);

describe('incoming contract records', () => {
  const cases: [string, Partial<IncomingContractRecords>, KnownParents, string[]][] = [
    ['a whole contract family in the file, project in the file', { projectIds: ['p1'], contracts: [contract()], obligations: [obligation()], payments: [payment()], amendments: [amendment()] }, none, []],
    ['parents on the desk only', { payments: [payment()], obligations: [obligation({ id: 'o2' })], amendments: [amendment()] }, desk, []],
    ['a contract whose project is nowhere', { contracts: [contract()] }, none, ['contracts:record.projectId:reference-missing']],
    ['construction before signing', { contracts: [contract({ constructionStart: '2023-12-01' })] }, desk, ['contracts:record.constructionStart:contract-date-order']],
    ['operation ends before it starts', { contracts: [contract({ operationEnd: '2024-06-30' })] }, desk, ['contracts:record.operationEnd:contract-date-order']],
    ['a tombstoned contract is held to its reference only', { contracts: [contract({ deleted: 1, constructionStart: '2023-12-01' })] }, desk, []],
    ['a contract without a title, with an unknown type', { contracts: [contract({ title: ' ', type: 'grant' as Contract['type'] })] }, desk, ['contracts:record.title:required', 'contracts:record.type:invalid-value']],
    ['an amendment of a contract nobody has', { amendments: [amendment({ contractId: 'c9' })] }, desk, ['amendments:record.contractId:reference-missing']],
    ['an obligation of a contract nobody has', { obligations: [obligation({ contractId: 'c9' })] }, desk, ['obligations:record.contractId:reference-missing']],
    ['an obligation filed under another project than its contract', { obligations: [obligation({ projectId: 'p2' })] }, desk, ['obligations:record.projectId:reference-mismatch']],
    ['due before its trigger', { obligations: [obligation({ dueDate: '2025-03-01' })] }, desk, ['obligations:record.dueDate:obligation-date-order']],
    ['disputed more than due', { obligations: [obligation({ disputedAmount: 300_000_00 })] }, desk, ['obligations:record.disputedAmount:over-amount']],
    ['a payment in dollars against a yuan obligation', { payments: [payment({ amount: { amount: 100, currency: 'USD' } })] }, desk, ['payments:record.amount.currency:currency-mismatch']],
    ['a payment in dollars against a dollar obligation in the same file', { obligations: [obligation({ amount: { amount: 100_00, currency: 'USD' } })], payments: [payment({ amount: { amount: 100, currency: 'USD' } })] }, desk, []],
    ['a payment of nothing', { payments: [payment({ amount: { amount: 0, currency: 'CNY' } })] }, desk, ['payments:record.amount:invalid-amount']],
    ['a payment whose obligation is nowhere', { payments: [payment({ obligationId: 'o9' })] }, desk, ['payments:record.obligationId:reference-missing']],
    ['a payment filed under another contract than its obligation', { payments: [payment({ contractId: 'c2' })] }, desk, ['payments:record.contractId:reference-mismatch']],
    ['a tombstoned payment in another currency is no longer counted anywhere', { payments: [payment({ deleted: 1, amount: { amount: 100, currency: 'USD' } })] }, desk, []],
    ['a tombstoned payment still needs its obligation', { payments: [payment({ deleted: 1, obligationId: 'o9' })] }, desk, ['payments:record.obligationId:reference-missing']],
  ];
  it.each(cases)('%s', (_name, r, known, want) => {
    expect(brief(r, known)).toEqual(want);
  });

  it('names the record and the dates of a contract out of order', () => {
    const [p] = incomingContractProblems(rows({ contracts: [contract({ constructionStart: '2023-12-01' })] }), desk);
    expect(p).toEqual({ entity: 'contracts', id: 'c1', path: 'record.constructionStart', code: 'contract-date-order', params: { record: 'HT-01 城市大脑运维服务', field: 'constructionStart', after: 'signedOn', date: '2024-01-10' } });
  });

  it('names the payment and both currencies', () => {
    const [p] = incomingContractProblems(rows({ payments: [payment({ amount: { amount: 100, currency: 'USD' } })] }), desk);
    expect(p.params).toEqual({ record: '2025-04-20 PZ-7', currency: 'USD', expected: 'CNY' });
  });
});
