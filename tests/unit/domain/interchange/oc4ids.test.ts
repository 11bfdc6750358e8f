import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { fromOc4idsPackage, phaseToStatus, toOc4idsPackage, type Oc4idsExportInput } from '../../../../renderer/src/domain/interchange/oc4ids';
import { emptyProjectDraft } from '../../../../renderer/src/domain/projects/project-rules';
import { computeArrears, groupPaymentsByObligation } from '../../../../renderer/src/domain/contracts/arrears';
import { DEFAULT_INTEREST_TABLES } from '../../../../renderer/src/domain/contracts/interest';
import { majorNumberToMinor, numberToDecimalText } from '../../../../renderer/src/domain/core/scaled-decimal';
import type {
  Contract,
  ContractAmendment,
  Organisation,
  Payment,
  PaymentObligation,
  PhaseTransition,
  Project,
  RecordMeta,
} from '../../../../renderer/src/domain/core/types';

// The standard's files are copied into assets/oc4ids/ so a clean clone can run this test.
const asset = (name: string) => readFileSync(fileURLToPath(new URL(`../../../../assets/oc4ids/${name}`, import.meta.url)), 'utf8');
const PROJECT_SCHEMA_URL = 'https://standard.open-contracting.org/infrastructure/schema/0__9__5/project-schema.json';

function packageValidator() {
  // strict: false because the OC4IDS schema carries its own keywords (codelist, openCodelist, …).
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv as never);
  ajv.addSchema(JSON.parse(asset('project-schema.json')), PROJECT_SCHEMA_URL);
  return ajv.compile(JSON.parse(asset('project-package-schema.json')));
}
const validatePackage = packageValidator();
const codelist = (name: string) =>
  new Set(
    asset(`codelists/${name}.csv`)
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0])
      .filter(Boolean),
  );

let n = 0;
const meta = (id?: string): RecordMeta => ({
  id: id ?? `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  createdAt: '2021-01-05T08:00:00.000Z',
  updatedAt: '2024-12-01T08:00:00.000Z',
  updatedBy: '李工',
  rev: 1,
  deleted: 0,
});

function project(over: Partial<Project>): Project {
  return { ...meta(), ...emptyProjectDraft('2021-01-05'), category: 'other', code: 'P', name: '项目', searchText: '', ...over };
}

function contract(over: Partial<Contract>): Contract {
  return {
    ...meta(),
    projectId: '',
    code: 'C',
    title: '合同',
    type: 'traditional',
    pppModel: '',
    pppPaymentMechanism: '',
    indexationBp: null,
    parties: [],
    signedOn: '',
    constructionStart: '',
    constructionEnd: '',
    operationStart: '',
    operationEnd: '',
    value: { amount: 0, currency: 'CNY' },
    paymentTermDays: 30,
    paymentTermBasis: 'acceptance',
    performanceLinkedBp: 0,
    interestPolicy: 'cn-sme',
    contractRatePpmPerDay: 0,
    riskAllocation: '',
    benefitSharing: '',
    ...over,
  };
}

function obligation(over: Partial<PaymentObligation>): PaymentObligation {
  return {
    ...meta(),
    contractId: '',
    projectId: '',
    payeeId: '',
    payerDepartmentId: '',
    kind: 'om-fee',
    description: '',
    triggerDate: '2022-07-01',
    dueDate: '2022-07-31',
    amount: { amount: 0, currency: 'CNY' },
    performanceLinkedAmount: 0,
    disputedAmount: 0,
    ...over,
  };
}

const payment = (obligationId: string, contractId: string, paidOn: string, fen: number): Payment => ({
  ...meta(),
  obligationId,
  contractId,
  paidOn,
  amount: { amount: fen, currency: 'CNY' },
  voucherNo: `记-${paidOn}`,
  note: '',
});

const transition = (projectId: string, from: Project['phase'], to: Project['phase'], at: string): PhaseTransition => ({
  ...meta(),
  projectId,
  from,
  to,
  at,
  by: '李工',
  failedChecks: [],
  justification: '',
});

/** A small office: a city-brain PPP in operation, a transport project in planning, a cancelled one. */
function portfolio(): Oc4idsExportInput {
  const bureau: Organisation = { ...meta(), name: '市大数据管理局', kind: 'government', creditCode: '11330100MB0000000X', isSme: false, contact: '王科长 0571-8888' };
  const spv: Organisation = { ...meta(), name: '城市大脑运营有限公司', kind: 'company', creditCode: '91330100MA2AAAAA1X', isSme: true, contact: '' };
  const integrator: Organisation = { ...meta(), name: '智慧城市集成股份公司', kind: 'company', creditCode: '', isSme: false, contact: '' };
  const brain = project({
    code: 'ZH-2021-001',
    name: '城市大脑一期',
    category: 'city-brain',
    departmentId: bureau.id,
    phase: 'operate',
    phaseSince: '2022-06-30',
    description: '汇聚全市数据',
    // 1 234 567.89 yuan
    budget: { amount: 123_456_789, currency: 'CNY' },
    startDate: '2021-03-01',
    plannedEndDate: '2032-06-30',
    operatorId: spv.id,
    valueForMoney: { date: '2020-11-20', reference: '物有所值评价报告' },
    completionAcceptance: { date: '2022-06-15', reference: '验收〔2022〕12号' },
  });
  const transport = project({ code: 'ZH-2024-007', name: '智慧交通信号优化', category: 'smart-transport', departmentId: bureau.id });
  const stopped = project({ code: 'ZH-2020-003', name: '老旧平台改造', phase: 'cancelled', phaseSince: '2023-03-01' });
  const gone = project({ code: 'ZH-DELETED', name: '已删除', deleted: 1 });

  const ppp = contract({
    projectId: brain.id,
    code: 'HT-2021-001',
    title: '城市大脑 PPP 项目合同',
    type: 'ppp',
    pppModel: 'BOT',
    parties: [
      { orgId: bureau.id, role: 'government', isSme: false },
      { orgId: spv.id, role: 'spv', isSme: true },
    ],
    signedOn: '2021-02-01',
    constructionStart: '2021-03-01',
    constructionEnd: '2022-06-15',
    operationStart: '2022-07-01',
    operationEnd: '2032-06-30',
    // Current value 5 000 000.50 yuan after one amendment of +100 000.25 → signed at 4 900 000.25.
    value: { amount: 500_000_050, currency: 'CNY' },
  });
  const service = contract({
    projectId: brain.id,
    code: 'HT-2022-009',
    title: '运维服务',
    type: 'purchase-of-service',
    parties: [
      { orgId: bureau.id, role: 'government', isSme: false },
      { orgId: integrator.id, role: 'operator', isSme: false },
    ],
    signedOn: '2023-01-01',
    operationStart: '2023-01-01',
    operationEnd: '2023-12-31',
    value: { amount: 80_000_000, currency: 'CNY' },
  });
  const amendment: ContractAmendment = {
    ...meta(),
    contractId: ppp.id,
    signedOn: '2022-01-10',
    summary: '增加视频汇聚模块',
    valueDelta: 10_000_025,
    changes: [{ field: 'value', before: { amount: 490_000_025, currency: 'CNY' }, after: { amount: 500_000_050, currency: 'CNY' } }],
  };
  const extension: ContractAmendment = {
    ...meta(),
    contractId: service.id,
    signedOn: '2023-06-01',
    summary: '服务期延长',
    valueDelta: 0,
    changes: [{ field: 'operationEnd', before: '2023-09-30', after: '2023-12-31' }],
  };
  const base = { contractId: ppp.id, projectId: brain.id, payeeId: spv.id, payerDepartmentId: bureau.id };
  const o1 = obligation({ ...base, kind: 'milestone', description: '建设期可用性付费', dueDate: '2022-07-31', amount: { amount: 100_000_000, currency: 'CNY' } });
  const o2 = obligation({ ...base, description: '2023 年运维费', dueDate: '2023-07-31', amount: { amount: 20_000_000, currency: 'CNY' } });
  const o3 = obligation({ ...base, description: '2024 年运维费', dueDate: '2024-07-31', amount: { amount: 20_000_000, currency: 'CNY' } });
  const o4 = obligation({ ...base, description: '2025 年运维费', dueDate: '2025-07-31', amount: { amount: 20_000_000, currency: 'CNY' } });
  return {
    projects: [brain, transport, stopped, gone],
    organisations: [bureau, spv, integrator],
    contracts: [ppp, service],
    amendments: [amendment, extension],
    obligations: [o1, o2, o3, o4],
    payments: [
      payment(o1.id, ppp.id, '2022-08-10', 50_000_000),
      payment(o1.id, ppp.id, '2022-09-01', 50_000_000),
      payment(o2.id, ppp.id, '2023-12-20', 5_000_000),
    ],
    transitions: [transition(brain.id, 'plan', 'build', '2021-03-01T02:00:00.000Z'), transition(brain.id, 'build', 'operate', '2022-06-30T02:00:00.000Z')],
    publisher: { name: '某市大数据管理局' },
    publishedDate: '2025-01-15T00:00:00Z',
    uriBase: 'https://data.example.gov.cn/smartcity/',
    idPrefix: 'oc4ids-zhcity',
  };
}

describe('toOc4idsPackage', () => {
  const input = portfolio();
  const pkg = toOc4idsPackage(input);
  const [brain, transport, stopped] = pkg.projects;

  it('validates against the OC4IDS 0.9.5 package schema (draft-04, formats on)', () => {
    const ok = validatePackage(pkg);
    expect(validatePackage.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the shipped example validates with the same validator (the validator is not vacuous)', () => {
    expect(validatePackage(JSON.parse(asset('example.json')))).toBe(true);
    expect(validatePackage({ ...pkg, projects: [{ ...brain, status: 'operate' }] })).toBe(false);
  });

  it('writes the envelope and skips tombstones', () => {
    expect(pkg.version).toBe('0.9');
    expect(pkg.uri).toBe('https://data.example.gov.cn/smartcity/oc4ids/package-20250115T000000Z.json');
    expect(pkg.publisher).toEqual({ name: '某市大数据管理局' });
    expect(pkg.projects.map((p) => p.id)).toEqual(['oc4ids-zhcity-ZH-2021-001', 'oc4ids-zhcity-ZH-2024-007', 'oc4ids-zhcity-ZH-2020-003']);
    expect(brain.identifiers).toEqual([{ id: 'ZH-2021-001', scheme: 'internal' }]);
  });

  it('maps status, sector, budget, periods, documents and completion', () => {
    expect([brain.status, transport.status, stopped.status]).toEqual(['maintenance', 'identification', 'cancelled']);
    expect(brain.sector).toEqual(['communications', 'governance']);
    expect(transport.sector).toEqual(['communications', 'transport', 'transport.urban']);
    expect(stopped.sector).toBeUndefined();
    expect(brain.additionalClassifications).toEqual([{ scheme: 'X-SMARTCITY-CATEGORY', id: 'city-brain' }]);
    expect(brain.budget).toEqual({ amount: { amount: 1234567.89, currency: 'CNY' } });
    expect(JSON.stringify(brain.budget)).toContain('1234567.89');
    expect(transport.budget).toBeUndefined();
    expect(brain.period).toEqual({ startDate: '2021-03-01T00:00:00Z', endDate: '2032-06-30T00:00:00Z' });
    expect(brain.preparationPeriod).toEqual({ endDate: '2021-03-01T00:00:00Z' });
    expect(brain.implementationPeriod).toEqual({ startDate: '2021-03-01T00:00:00Z', endDate: '2022-06-15T00:00:00Z' });
    expect(brain.maintenancePeriod).toEqual({ startDate: '2022-06-30T00:00:00Z' });
    expect(brain.completion).toEqual({ endDate: '2022-06-15T00:00:00Z' });
    expect(brain.documents).toEqual([
      { id: 'completion-acceptance', documentType: 'completionCertificate', title: '验收〔2022〕12号', datePublished: '2022-06-15T00:00:00Z' },
      { id: 'value-for-money', documentType: 'valueForMoneyAnalysis', title: '物有所值评价报告', datePublished: '2020-11-20T00:00:00Z' },
    ]);
  });

  it('lists parties once with their roles from the code list, and the SME flag', () => {
    const roles = codelist('partyRole');
    const parties = brain.parties ?? [];
    expect(parties.map((p) => [p.name, p.roles])).toEqual([
      ['市大数据管理局', ['publicAuthority', 'buyer', 'procuringEntity', 'payer']],
      ['城市大脑运营有限公司', ['supplier', 'payee']],
      ['智慧城市集成股份公司', ['supplier']],
    ]);
    for (const p of parties) for (const r of p.roles ?? []) expect(roles.has(r)).toBe(true);
    expect(parties[0].identifier).toEqual({ scheme: 'CN-USCC', id: '11330100MB0000000X', legalName: '市大数据管理局' });
    expect(parties[0].contactPoint).toEqual({ name: '王科长 0571-8888' });
    expect(parties[1].details).toEqual({ scale: 'sme' });
    expect(parties[2].details).toBeUndefined();
    expect(brain.publicAuthority).toEqual({ id: parties[0].id, name: '市大数据管理局' });
    expect(stopped.parties).toBeUndefined();
  });

  it('maps contracts to contracting processes with value history, milestones and transactions', () => {
    const [ppp, service] = brain.contractingProcesses ?? [];
    const s = ppp.summary;
    expect(s.externalReference).toBe('HT-2021-001');
    expect(s.status).toBe('active');
    expect(s.nature).toEqual(['construction']);
    // Signed value = 500 000 050 − 10 000 025 = 490 000 025 fen = 4 900 000.25 yuan.
    expect(s.contractValue).toEqual({ amount: 4900000.25, currency: 'CNY' });
    expect(s.finalValue).toBeUndefined();
    expect(s.contractPeriod).toEqual({ startDate: '2021-03-01T00:00:00Z', endDate: '2032-06-30T00:00:00Z' });
    expect(s.modifications).toEqual([
      {
        id: expect.any(String),
        date: '2022-01-10T00:00:00Z',
        description: '增加视频汇聚模块',
        type: 'value',
        oldContractValue: { amount: 4900000.25, currency: 'CNY' },
        newContractValue: { amount: 5000000.5, currency: 'CNY' },
      },
    ]);
    expect(s.tender?.procuringEntity.name).toBe('市大数据管理局');
    expect(s.suppliers?.map((x) => x.name)).toEqual(['城市大脑运营有限公司']);
    // Published 2025-01-15: o1 paid in full (met), o2 5 of 20 万 (partially met), o3 due 2024-07-31
    // unpaid (not met), o4 due 2025-07-31 (scheduled).
    // The contract's own dates come first, as approval and delivery milestones (met once passed).
    expect(s.milestones?.filter((m) => m.type !== 'payment').map((m) => [m.type, m.code, m.dueDate, m.status])).toEqual([
      ['approval', 'contractSigned', '2021-02-01T00:00:00Z', 'met'],
      ['delivery', 'constructionStart', '2021-03-01T00:00:00Z', 'met'],
      ['delivery', 'constructionEnd', '2022-06-15T00:00:00Z', 'met'],
      ['delivery', 'operationStart', '2022-07-01T00:00:00Z', 'met'],
      ['delivery', 'operationEnd', '2032-06-30T00:00:00Z', 'scheduled'],
    ]);
    expect(s.milestones?.filter((m) => m.type === 'payment').map((m) => [m.title, m.status, m.dateMet])).toEqual([
      ['建设期可用性付费', 'met', '2022-09-01T00:00:00Z'],
      ['2023 年运维费', 'partiallyMet', undefined],
      ['2024 年运维费', 'notMet', undefined],
      ['2025 年运维费', 'scheduled', undefined],
    ]);
    expect(s.transactions?.map((t) => [t.date, t.value.amount, t.payer?.name, t.payee?.name, t.relatedImplementationMilestone.title])).toEqual([
      ['2022-08-10T00:00:00Z', 500000, '市大数据管理局', '城市大脑运营有限公司', '建设期可用性付费'],
      ['2022-09-01T00:00:00Z', 500000, '市大数据管理局', '城市大脑运营有限公司', '建设期可用性付费'],
      ['2023-12-20T00:00:00Z', 50000, '市大数据管理局', '城市大脑运营有限公司', '2023 年运维费'],
    ]);
    // Ended 2023-12-31, before the publication date: closed, with its final value.
    expect(service.summary.status).toBe('closed');
    expect(service.summary.nature).toBeUndefined();
    expect(service.summary.finalValue).toEqual({ amount: 800000, currency: 'CNY' });
    expect(service.summary.modifications?.[0]).toMatchObject({
      type: 'duration',
      oldContractPeriod: { endDate: '2023-09-30T00:00:00Z' },
      newContractPeriod: { endDate: '2023-12-31T00:00:00Z' },
    });
    const statuses = codelist('contractingProcessStatus');
    expect(statuses.has(s.status) && statuses.has(service.summary.status)).toBe(true);
  });

  it('derives a contract\'s status from its dates and payments, not from a blank signing date', () => {
    const base = portfolio();
    const brainId = base.projects[0].id;
    const running = contract({ projectId: brainId, code: 'HT-RUN', constructionStart: '2024-01-01', constructionEnd: '2026-12-31' });
    const paidOnly = contract({ projectId: brainId, code: 'HT-PAID' });
    const nothing = contract({ projectId: brainId, code: 'HT-NONE' });
    const future = contract({ projectId: brainId, code: 'HT-LATER', signedOn: '2025-06-01' });
    const o = obligation({ contractId: paidOnly.id, projectId: brainId, dueDate: '2024-03-31', amount: { amount: 100, currency: 'CNY' } });
    const pkg2 = toOc4idsPackage({
      ...base,
      contracts: [running, paidOnly, nothing, future],
      amendments: [],
      obligations: [o],
      payments: [payment(o.id, paidOnly.id, '2024-04-01', 100)],
    });
    const status = new Map(pkg2.projects[0].contractingProcesses?.map((cp) => [cp.summary.externalReference, cp.summary.status]));
    // Published 2025-01-15: started construction, a payment made → active; nothing recorded, or signed
    // only later → pre-award.
    expect(Object.fromEntries(status)).toEqual({ 'HT-RUN': 'active', 'HT-PAID': 'active', 'HT-NONE': 'pre-award', 'HT-LATER': 'pre-award' });
    expect(validatePackage(pkg2)).toBe(true);
  });

  it('gives projects that share a code distinct ids', () => {
    const base = portfolio();
    const twin = project({ code: 'ZH-2021-001', name: '城市大脑一期（笔记本登记）' });
    const pkg2 = toOc4idsPackage({ ...base, projects: [...base.projects, twin] });
    const ids = pkg2.projects.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([
      `oc4ids-zhcity-ZH-2021-001-${base.projects[0].id}`,
      'oc4ids-zhcity-ZH-2024-007',
      'oc4ids-zhcity-ZH-2020-003',
      `oc4ids-zhcity-ZH-2021-001-${twin.id}`,
    ]);
    // Both still carry the shared code as their register identifier.
    expect(pkg2.projects.filter((p) => p.identifiers[0].id === 'ZH-2021-001')).toHaveLength(2);
    expect(validatePackage(pkg2)).toBe(true);
  });

  it('rejects an empty selection and malformed envelope input', () => {
    expect(() => toOc4idsPackage({ ...input, projects: [] })).toThrow(RangeError);
    expect(() => toOc4idsPackage({ ...input, uriBase: 'not a uri' })).toThrow(RangeError);
    expect(() => toOc4idsPackage({ ...input, publishedDate: '2025-01-15' })).toThrow(RangeError);
  });
});

describe('phaseToStatus', () => {
  const statuses = codelist('projectStatus');
  const p = project({});
  // [phase, extra project fields, has contracts, expected status]
  const cases: [Project['phase'], Partial<Project>, boolean, string][] = [
    ['plan', {}, false, 'identification'],
    ['plan', {}, true, 'preparation'],
    ['plan', { startDate: '2024-01-01' }, false, 'preparation'],
    ['plan', { fiscalAffordability: { date: '', reference: '财承论证' } }, false, 'preparation'],
    ['build', {}, true, 'implementation'],
    ['build', { completionAcceptance: { date: '2024-05-01', reference: '' } }, true, 'completion'],
    ['operate', {}, true, 'maintenance'],
    ['transferred', {}, true, 'decommissioning'],
    ['closed', {}, true, 'decommissioned'],
    ['cancelled', {}, false, 'cancelled'],
  ];
  it.each(cases)('%s %o (contracts: %s) → %s', (phase, extra, hasContracts, expected) => {
    const status = phaseToStatus({ ...p, ...extra, phase }, hasContracts);
    expect(status).toBe(expected);
    expect(statuses.has(status)).toBe(true);
  });
});

describe('exact money conversion', () => {
  // [JSON number, expected fen or null]
  const cases: [number, number | null][] = [
    [40000000, 4_000_000_000],
    [12.29, 1229],
    [0.1, 10],
    [1234567.89, 123_456_789],
    [-5.5, -550],
    [12.345, null],
    [1e-7, null],
    [1e21, null],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
  ];
  it.each(cases)('%s → %s fen', (value, fen) => expect(majorNumberToMinor(value)).toBe(fen));

  it('prints exponents as plain decimals', () => {
    expect(numberToDecimalText(1e-7)).toBe('0.0000001');
    expect(numberToDecimalText(1.5e21)).toBe('1500000000000000000000');
  });

  it('round-trips every amount a register holds: fen → number → fen', () => {
    for (const fen of [1, 7, 10, 99, 101, 123_456_789, 999_999_999_999, 7_036_874_417_766_399]) {
      expect(majorNumberToMinor(fen / 100)).toBe(fen);
    }
  });
});

describe('a payment in another currency: the export and the arrears agree it pays nothing', () => {
  it('leaves the yuan milestone not met and the yuan arrears whole', () => {
    const input = portfolio();
    // o3 (2024 O&M fee, 200 000.00 yuan, due 2024-07-31) "paid" 200 000.00 in dollars.
    const o3 = input.obligations[2];
    const usd: Payment = { ...payment(o3.id, o3.contractId, '2024-08-01', 20_000_000), amount: { amount: 20_000_000, currency: 'USD' } };
    const pkg = toOc4idsPackage({ ...input, payments: [...input.payments, usd] });
    const milestones = pkg.projects[0].contractingProcesses?.[0].summary.milestones ?? [];
    expect(milestones.find((m) => m.id === o3.id)?.status).toBe('notMet');
    const arrears = computeArrears(
      [o3],
      groupPaymentsByObligation([usd]),
      new Map(input.contracts.map((c) => [c.id, c])),
      DEFAULT_INTEREST_TABLES,
      '2025-01-15',
    );
    expect([arrears.rows[0].paid, arrears.rows[0].overdue]).toEqual([0, 20_000_000]);
    // The dollar payment is still reported as what happened, against the milestone it names.
    expect(pkg.projects[0].contractingProcesses?.[0].summary.transactions?.at(-1)?.value).toEqual({ amount: 200000, currency: 'USD' });
  });
});

describe('fromOc4idsPackage: the OC4IDS example', () => {
  const result = fromOc4idsPackage(asset('example.json'));
  const unmapped = new Map(result.unmapped.map((u) => [u.path, u.reason]));

  it('imports without errors', () => {
    expect(result.errors).toEqual([]);
  });

  it('maps the project', () => {
    expect(result.projects).toHaveLength(1);
    const [p] = result.projects;
    expect(p.key).toBe('oc4ids-bu3kcz-m75-junctions-4-to-5-smart-motorway');
    expect(p.departmentKey).toBe('GB-GOR-XX1234');
    expect(p.record).toMatchObject({
      code: 'M75/SM/4-5',
      name: 'M75 Junctions 4 to 5 upgrade smart motorway',
      category: 'smart-transport',
      phase: 'operate',
      phaseSince: '2018-01-01',
      // 40 000 000 GBP in pence.
      budget: { amount: 4_000_000_000, currency: 'GBP' },
      startDate: '2016-01-01',
      plannedEndDate: '2018-12-10',
      completionAcceptance: { date: '2018-12-10', reference: '' },
    });
    expect(result.transitions.map((t) => [t.record.from, t.record.to, t.record.at])).toEqual([
      ['plan', 'build', '2017-01-01T00:00:00.000Z'],
      ['build', 'operate', '2018-01-01T00:00:00.000Z'],
    ]);
  });

  it('maps parties to organisations with kinds', () => {
    expect(result.organisations.map((o) => [o.key, o.record.name, o.record.kind])).toEqual([
      ['GB-GOR-XX1234', 'Motorways UK', 'government'],
      ['GB-COH-11111111', 'A1 Expert Smart Moto Design', 'company'],
      ['GB-COH-12345678', 'Motorway Design Services PLC', 'company'],
      ['GB-COH-22222222', 'Expert Motorway Supervisors Ltd', 'company'],
      ['GB-COH-33333333', 'Concrete Motorways Construction', 'company'],
      ['GB-GOR-XX9876', 'Motorways Administrator UK', 'government'],
      ['1', 'United Nations Development Programme', 'institution'],
    ]);
  });

  it('maps contracting processes to contracts, modifications to amendments', () => {
    expect(result.contracts.map((c) => [c.record.code, c.record.value.amount, c.record.value.currency, c.record.constructionStart, c.record.constructionEnd])).toEqual([
      // finalValue 35 250 000 after the value modification; end date moved 2018-07-01 → 2018-12-01.
      ['2016-SMP-M75-J4_J5-construction', 3_525_000_000, 'GBP', '2017-07-07', '2018-12-01'],
      ['2016-SMP-M75-J4_J5-design', 195_000_000, 'GBP', '2016-06-01', '2017-07-07'],
      ['2016-SMP-M75-J4_J5-supervision', 490_000_000, 'GBP', '2017-02-24', '2018-10-10'],
    ]);
    expect(result.contracts[0].parties).toEqual([
      { orgKey: 'GB-GOR-XX1234', role: 'government', isSme: false },
      { orgKey: 'GB-GOR-XX9876', role: 'government', isSme: false },
      { orgKey: 'GB-COH-33333333', role: 'general-integrator', isSme: false },
    ]);
    expect(result.amendments.map((a) => [a.record.signedOn, a.record.valueDelta, a.record.changes.map((c) => c.field)])).toEqual([
      ['2018-04-01', 0, ['constructionEnd']],
      ['2018-04-01', 0, []],
      // 35 250 000 − 29 000 000 = 6 250 000 GBP = 625 000 000 pence.
      ['2018-04-01', 625_000_000, ['value']],
    ]);
  });

  it('maps the payment milestone and its transaction', () => {
    expect(result.obligations).toHaveLength(1);
    expect(result.obligations[0]).toMatchObject({
      payeeKey: 'GB-COH-33333333',
      payerKey: 'GB-GOR-XX1234',
      record: { kind: 'milestone', description: 'Construction payment', dueDate: '2017-08-07', amount: { amount: 195_000_000, currency: 'GBP' } },
    });
    expect(result.payments).toHaveLength(1);
    expect(result.payments[0]).toMatchObject({
      obligationKey: result.obligations[0].key,
      record: { paidOn: '2017-08-07', amount: { amount: 195_000_000, currency: 'GBP' } },
    });
  });

  it('reports what could not be mapped, by path and reason', () => {
    const expected: [string, string][] = [
      ['projects[0].locations', 'unsupportedField'],
      ['projects[0].budget.budgetBreakdowns', 'unsupportedField'],
      ['projects[0].budget.finance', 'unsupportedField'],
      ['projects[0].parties[0].address', 'unsupportedField'],
      ['projects[0].parties[4].beneficialOwners', 'unsupportedField'],
      ['projects[0].documents', 'unsupportedField'],
      ['projects[0].contractingProcesses[0].summary.tender.tenderers', 'unsupportedField'],
      ['projects[0].contractingProcesses[0].releases', 'unsupportedField'],
      ['projects[0].contractingProcesses[0]', 'contractTypeDefaulted'],
      ['projects[0].decommissioningPeriod', 'beyondCurrentPhase'],
      ['projects[0].transactions', 'noContract'],
      ['projects[0].milestones', 'noContract'],
      ['projects[0].environment', 'unsupportedField'],
      ['projects[0].completion.finalValue', 'unsupportedField'],
      ['license', 'unsupportedField'],
    ];
    for (const [path, reason] of expected) expect([path, unmapped.get(path)]).toEqual([path, reason]);
    // Mapped parts are not reported.
    for (const path of ['projects[0].title', 'projects[0].budget.amount', 'projects[0].contractingProcesses[0].summary.contractValue', 'projects[0].status']) {
      expect(unmapped.has(path)).toBe(false);
    }
  });
});

describe('fromOc4idsPackage: round trip of our own export', () => {
  const input = portfolio();
  const result = fromOc4idsPackage(JSON.parse(JSON.stringify(toOc4idsPackage(input))));

  it('gets back codes, names, categories, phases and exact budgets', () => {
    expect(result.errors).toEqual([]);
    expect(result.projects.map((p) => [p.record.code, p.record.name, p.record.category, p.record.phase, p.record.budget.amount])).toEqual([
      ['ZH-2021-001', '城市大脑一期', 'city-brain', 'operate', 123_456_789],
      ['ZH-2024-007', '智慧交通信号优化', 'smart-transport', 'plan', 0],
      ['ZH-2020-003', '老旧平台改造', 'other', 'cancelled', 0],
    ]);
    const brain = result.projects[0].record;
    expect(brain.completionAcceptance).toEqual({ date: '2022-06-15', reference: '验收〔2022〕12号' });
    expect(brain.valueForMoney).toEqual({ date: '2020-11-20', reference: '物有所值评价报告' });
    expect(brain.phaseSince).toBe('2022-06-30');
  });

  it('gets back every contract date, and the status follows from them', () => {
    const dates = (code: string) => {
      const r = result.contracts.find((c) => c.record.code === code)?.record;
      return r && [r.signedOn, r.constructionStart, r.constructionEnd, r.operationStart, r.operationEnd];
    };
    expect(dates('HT-2021-001')).toEqual(['2021-02-01', '2021-03-01', '2022-06-15', '2022-07-01', '2032-06-30']);
    expect(dates('HT-2022-009')).toEqual(['2023-01-01', '', '', '2023-01-01', '2023-12-31']);
    // The statuses written agree with those dates: nothing to report about them.
    expect(result.unmapped.filter((u) => u.reason === 'statusFromDates')).toEqual([]);
    expect(result.unmapped.filter((u) => u.path.includes('milestones') && u.reason === 'nonPaymentMilestone')).toEqual([]);
  });

  it('gets back contract values, the SME flag and every payment', () => {
    const ppp = result.contracts.find((c) => c.record.code === 'HT-2021-001');
    expect(ppp?.record.value).toEqual({ amount: 500_000_050, currency: 'CNY' });
    expect(ppp?.parties.map((p) => [p.role, p.isSme])).toEqual([
      ['government', false],
      ['general-integrator', true],
    ]);
    expect(result.amendments.find((a) => a.contractKey === ppp?.key)?.record.valueDelta).toBe(10_000_025);
    // OC4IDS carries no late-interest clause: the SME supplier's contract gets the statute, the other none.
    expect(result.contracts.map((c) => [c.record.code, c.record.interestPolicy])).toEqual([
      ['HT-2021-001', 'cn-sme'],
      ['HT-2022-009', 'none'],
    ]);
    expect(result.payments.map((p) => p.record.amount.amount)).toEqual([50_000_000, 50_000_000, 5_000_000]);
    expect(result.obligations).toHaveLength(4);
    expect(result.organisations.find((o) => o.record.name === '城市大脑运营有限公司')?.record).toMatchObject({
      creditCode: '91330100MA2AAAAA1X',
      isSme: true,
      kind: 'company',
    });
  });
});

describe('fromOc4idsPackage: hostile and malformed input', () => {
  const minimal = (project: Record<string, unknown>) => ({ version: '0.9', projects: [{ id: 'p1', title: '项目', ...project }] });
  const codes = (json: unknown) => fromOc4idsPackage(json).errors.map((e) => [e.path, e.code]);

  // [case, input, expected [path, code] errors]
  const cases: [string, unknown, [string, string][]][] = [
    ['invalid JSON text', '{"projects": [', [['', 'invalidJson']]],
    ['an array', [1, 2], [['', 'notAnObject']]],
    ['a number', 42, [['', 'notAnObject']]],
    ['no projects', { version: '0.9', projects: [] }, [['projects', 'noProjects']]],
    ['projects not an array', { projects: 'all' }, [['projects', 'invalidType']]],
    ['project without id', { projects: [{ title: 'x' }] }, [['projects[0].id', 'required']]],
    ['title of the wrong type', minimal({ title: 123 }), [['projects[0].title', 'invalidType']]],
    ['a huge string', minimal({ description: 'x'.repeat(200_000) }), [['projects[0].description', 'tooLong']]],
    ['more than two decimals', minimal({ budget: { amount: { amount: 12.345, currency: 'CNY' } } }), [['projects[0].budget.amount.amount', 'invalidAmount']]],
    ['an amount as text', minimal({ budget: { amount: { amount: '100', currency: 'CNY' } } }), [['projects[0].budget.amount.amount', 'invalidType']]],
    ['a non-finite amount', minimal({ budget: { amount: { amount: Number.POSITIVE_INFINITY, currency: 'CNY' } } }), [['projects[0].budget.amount.amount', 'invalidNumber']]],
    ['a bad currency', minimal({ budget: { amount: { amount: 1, currency: 'yuan' } } }), [['projects[0].budget.amount.currency', 'invalidCurrency']]],
    ['a bad date', minimal({ period: { startDate: '2023-02-29T00:00:00Z' } }), [['projects[0].period.startDate', 'invalidDate']]],
    ['a code too long for the register', minimal({ identifiers: [{ id: 'X'.repeat(41), scheme: 'internal' }] }), [['projects[0].identifiers[0].id', 'tooLong']]],
    ['duplicate project ids', { projects: [{ id: 'a', title: 'x' }, { id: 'a', title: 'y' }] }, [['projects[1].id', 'duplicateId']]],
    [
      'a transaction in dollars paying a yuan milestone',
      minimal({
        contractingProcesses: [
          {
            id: 'c1',
            summary: {
              milestones: [{ id: 'm1', type: 'payment', dueDate: '2024-01-31T00:00:00Z', value: { amount: 100, currency: 'CNY' } }],
              transactions: [{ id: 't1', date: '2024-02-01T00:00:00Z', value: { amount: 100, currency: 'USD' }, relatedImplementationMilestone: { id: 'm1' } }],
            },
          },
        ],
      }),
      [['projects[0].contractingProcesses[0].summary.transactions[0].value.currency', 'currencyMismatch']],
    ],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(codes(input)).toEqual(expected);
  });

  it('rejects nesting deeper than the limit and arrays longer than the limit', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 60; i++) deep = { a: deep };
    expect(fromOc4idsPackage(minimal({ locations: [deep] })).errors.map((e) => e.code)).toEqual(['tooDeep']);
    // The bound also caps an object's keys; the project here has three (id, title, sector).
    const many = fromOc4idsPackage(minimal({ sector: ['a', 'b', 'c', 'd'] }), { limits: { maxArray: 3 } });
    expect(many.errors).toEqual([{ path: 'projects[0].sector', code: 'tooMany' }]);
  });

  it('ignores __proto__, constructor and prototype keys without polluting anything', () => {
    const text =
      '{"__proto__": {"polluted": true}, "projects": [{"id": "p1", "title": "项目", "constructor": {"prototype": {"polluted": true}},' +
      ' "__proto__": {"status": "cancelled"}, "parties": [{"id": "o1", "name": "某公司", "__proto__": {"isSme": true}}]}]}';
    const result = fromOc4idsPackage(text);
    expect(result.errors).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(result.unmapped.filter((u) => u.reason === 'forbiddenKey').map((u) => u.path)).toEqual([
      '__proto__',
      'projects[0].constructor',
      'projects[0].__proto__',
      'projects[0].parties[0].__proto__',
    ]);
    expect(result.projects[0].record.phase).toBe('plan');
    expect(result.organisations[0].record.isSme).toBe(false);
    expect(Object.getPrototypeOf(result.projects[0].record)).toBe(Object.prototype);
  });

  it('never runs a getter on a hostile object', () => {
    let ran = false;
    const project = { id: 'p1' };
    Object.defineProperty(project, 'title', { enumerable: true, get: () => ((ran = true), 'x') });
    const result = fromOc4idsPackage({ projects: [project] });
    expect(ran).toBe(false);
    expect(result.errors).toEqual([{ path: 'projects[0].title', code: 'invalidType' }]);
  });

  it('truncates over-long free text and says so; defaults a missing status', () => {
    const result = fromOc4idsPackage(minimal({ title: '长'.repeat(130), description: 'd'.repeat(5000) }));
    expect(result.errors).toEqual([]);
    expect(result.projects[0].record.name).toHaveLength(120);
    expect(result.projects[0].record.description).toHaveLength(4000);
    expect(result.unmapped).toEqual(
      expect.arrayContaining([
        { path: 'projects[0].title', reason: 'truncated' },
        { path: 'projects[0].description', reason: 'truncated' },
        { path: 'projects[0].status', reason: 'defaulted' },
      ]),
    );
  });

  it('reads a contract\'s status and period: a status its dates do not bear out is reported; dates out of order are refused', () => {
    const withContract = (summary: Record<string, unknown>) =>
      fromOc4idsPackage(minimal({ status: 'implementation', contractingProcesses: [{ id: 'c1', summary: { title: '合同', ...summary } }] }), { today: '2025-01-15' });
    const C = 'projects[0].contractingProcesses[0].summary';
    // Active, with a contract period under way: consistent.
    const ok = withContract({ status: 'active', contractPeriod: { startDate: '2024-01-01T00:00:00Z', endDate: '2026-12-31T00:00:00Z' } });
    expect(ok.errors).toEqual([]);
    expect(ok.contracts[0].record).toMatchObject({ constructionStart: '2024-01-01', constructionEnd: '2026-12-31' });
    expect(ok.unmapped.some((u) => u.path === `${C}.status`)).toBe(false);
    // "Active" with no date and no payment: nothing to hold it by — said, not stored.
    const bare = withContract({ status: 'active' });
    expect(bare.unmapped).toContainEqual({ path: `${C}.status`, reason: 'statusFromDates' });
    // Signed after the construction started.
    const reversed = withContract({
      milestones: [
        { id: 's', type: 'approval', code: 'contractSigned', dueDate: '2024-06-01T00:00:00Z' },
        { id: 'b', type: 'delivery', code: 'constructionStart', dueDate: '2024-01-01T00:00:00Z' },
      ],
    });
    expect(reversed.errors).toEqual([{ path: `${C}.milestones[1].dueDate`, code: 'dateOrder', params: { date: '2024-01-01', after: '2024-06-01' } }]);
  });

  it('reports an unknown status code and keeps the project in plan', () => {
    const result = fromOc4idsPackage(minimal({ status: 'operating' }));
    expect(result.projects[0].record.phase).toBe('plan');
    expect(result.unmapped).toContainEqual({ path: 'projects[0].status', reason: 'unknownCode' });
  });
});
