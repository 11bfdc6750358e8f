// Portfolio → OC4IDS 0.9 project package (assets/oc4ids/project-package-schema.json, draft-04).
// The schema gives most strings minLength 1 and most arrays minItems 1, so empty values are left
// out rather than written as '' or [].
import { minorToMajorNumber } from '../core/scaled-decimal';
import {
  CATEGORY_SCHEME,
  CATEGORY_SECTORS,
  CODE_SCHEME,
  CONTRACT_DATE_MILESTONES,
  CONTRACT_NATURE,
  contractProcessStatus,
  CREDIT_CODE_SCHEME,
  OC4IDS_VERSION,
  PROJECT_DOCUMENTS,
  phaseToStatus,
  type ProjectStatus,
} from './oc4ids-codes';
import type {
  Contract,
  ContractAmendment,
  IsoDate,
  IsoDateTime,
  Money,
  Organisation,
  Payment,
  PaymentObligation,
  Phase,
  PhaseTransition,
  Project,
} from '../core/types';

export interface Oc4idsValue {
  amount: number;
  currency: string;
}
export interface Oc4idsPeriod {
  startDate?: string;
  endDate?: string;
}
export interface Oc4idsOrgRef {
  id: string;
  name: string;
}
export interface Oc4idsParty extends Oc4idsOrgRef {
  identifier?: { scheme: string; id: string; legalName: string };
  contactPoint?: { name: string };
  roles?: string[];
  /** OCDS 1.1 Organization.details.scale; OC4IDS allows extra fields and has no SME flag of its own. */
  details?: { scale: 'sme' };
}
export interface Oc4idsMilestone {
  id: string;
  title?: string;
  /** 'payment' for an obligation; 'approval' (signing) and 'delivery' (period bounds) for the contract's dates. */
  type: 'payment' | 'approval' | 'delivery';
  /** For the contract's dates: which one (CONTRACT_DATE_MILESTONES). */
  code?: string;
  dueDate: string;
  dateMet?: string;
  status: 'scheduled' | 'met' | 'notMet' | 'partiallyMet';
  value?: Oc4idsValue;
}
export interface Oc4idsTransaction {
  id: string;
  date: string;
  value: Oc4idsValue;
  payer?: Oc4idsOrgRef;
  payee?: Oc4idsOrgRef;
  relatedImplementationMilestone: { id: string; title?: string };
}
export interface Oc4idsModification {
  id: string;
  date: string;
  description?: string;
  type: 'value' | 'duration' | 'scope';
  oldContractValue?: Oc4idsValue;
  newContractValue?: Oc4idsValue;
  oldContractPeriod?: Oc4idsPeriod;
  newContractPeriod?: Oc4idsPeriod;
}
export interface Oc4idsContractingProcess {
  id: string;
  summary: {
    externalReference?: string;
    nature?: string[];
    title?: string;
    status: 'pre-award' | 'active' | 'closed';
    tender?: { procuringEntity: Oc4idsOrgRef };
    suppliers?: Oc4idsOrgRef[];
    contractValue: Oc4idsValue;
    contractPeriod?: Oc4idsPeriod;
    finalValue?: Oc4idsValue;
    modifications?: Oc4idsModification[];
    milestones?: Oc4idsMilestone[];
    transactions?: Oc4idsTransaction[];
  };
}
export interface Oc4idsDocument {
  id: string;
  documentType: string;
  title?: string;
  datePublished?: string;
}
export interface Oc4idsProject {
  id: string;
  identifiers: { id: string; scheme: string }[];
  updated: string;
  title: string;
  description?: string;
  status: ProjectStatus;
  period?: Oc4idsPeriod;
  preparationPeriod?: Oc4idsPeriod;
  implementationPeriod?: Oc4idsPeriod;
  maintenancePeriod?: Oc4idsPeriod;
  decommissioningPeriod?: Oc4idsPeriod;
  sector?: string[];
  additionalClassifications: { scheme: string; id: string }[];
  budget?: { amount: Oc4idsValue };
  parties?: Oc4idsParty[];
  publicAuthority?: Oc4idsOrgRef;
  documents?: Oc4idsDocument[];
  contractingProcesses?: Oc4idsContractingProcess[];
  completion?: { endDate: string };
}
export interface Oc4idsPackage {
  version: string;
  uri: string;
  publishedDate: IsoDateTime;
  publisher: { name: string };
  projects: Oc4idsProject[];
}

export interface Oc4idsExportInput {
  projects: readonly Project[];
  organisations: readonly Organisation[];
  contracts: readonly Contract[];
  /** Amendments become the contract's modification history; optional. */
  amendments?: readonly ContractAmendment[];
  obligations: readonly PaymentObligation[];
  payments: readonly Payment[];
  transitions: readonly PhaseTransition[];
  publisher: { name: string };
  /** Also the as-of instant for contract and milestone status. */
  publishedDate: IsoDateTime;
  /** Absolute URI (https:, urn:, …) under which this office publishes; the package URI extends it. */
  uriBase: string;
  /** Registered OC4IDS project-id prefix; offices without one get the placeholder 'oc4ids-xxxxxx'. */
  idPrefix?: string;
}

const URI_RE = /^[a-z][a-z0-9+.-]*:\S+$/i;
const DATE_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Builds the package. Money leaves as decimal numbers in major units (amount / 100, exact as
 * explained in decimal.ts); tombstoned records are skipped. Throws RangeError when the selection
 * has no live project (the schema needs at least one) or the URI base / date are malformed.
 */
export function toOc4idsPackage(input: Oc4idsExportInput): Oc4idsPackage {
  if (!URI_RE.test(input.uriBase)) throw new RangeError('uriBase must be an absolute URI');
  if (!DATE_TIME_RE.test(input.publishedDate)) throw new RangeError('publishedDate must be an ISO date-time');
  if (!input.publisher.name.trim()) throw new RangeError('publisher name is required');
  const live = <T extends { deleted: 0 | 1 }>(rows: readonly T[]) => rows.filter((r) => r.deleted === 0);
  const projects = live(input.projects);
  if (projects.length === 0) throw new RangeError('an OC4IDS package needs at least one project');

  const ctx: ExportContext = {
    asOf: input.publishedDate.slice(0, 10),
    orgs: new Map(live(input.organisations).map((o) => [o.id, o])),
    contractsByProject: groupBy(live(input.contracts), (c) => c.projectId),
    amendmentsByContract: groupBy(live(input.amendments ?? []), (a) => a.contractId),
    obligationsByContract: groupBy(live(input.obligations), (o) => o.contractId),
    paymentsByObligation: groupBy(live(input.payments), (p) => p.obligationId),
    transitionsByProject: groupBy(live(input.transitions), (t) => t.projectId),
    idPrefix: (input.idPrefix ?? 'oc4ids-xxxxxx').replace(/-+$/, ''),
  };
  const base = input.uriBase.replace(/\/+$/, '');
  const stamp = input.publishedDate.replace(/[-:]/g, '').replace(/\.\d+/, '');
  const ids = projectIds(projects, ctx.idPrefix);
  return {
    version: OC4IDS_VERSION,
    uri: `${base}/oc4ids/package-${stamp}.json`,
    publishedDate: input.publishedDate,
    publisher: { name: input.publisher.name.trim() },
    projects: projects.map((p) => exportProject(p, ids.get(p.id)!, ctx)),
  };
}

/**
 * OC4IDS project ids, unique in the package: prefix-code where the code is the project's alone;
 * where two live projects share a code (registered apart on two desks before they merged) each
 * also carries its UUID, so neither overwrites the other in a consumer.
 */
function projectIds(projects: readonly Project[], prefix: string): Map<string, string> {
  const uses = new Map<string, number>();
  for (const p of projects) uses.set(p.code, (uses.get(p.code) ?? 0) + 1);
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const p of projects) {
    let id = p.code && uses.get(p.code) === 1 ? `${prefix}-${p.code}` : `${prefix}-${p.code ? `${p.code}-` : ''}${p.id}`;
    if (taken.has(id)) id = `${prefix}-${p.id}`;
    taken.add(id);
    out.set(p.id, id);
  }
  return out;
}

interface ExportContext {
  asOf: IsoDate;
  orgs: Map<string, Organisation>;
  contractsByProject: Map<string, Contract[]>;
  amendmentsByContract: Map<string, ContractAmendment[]>;
  obligationsByContract: Map<string, PaymentObligation[]>;
  paymentsByObligation: Map<string, Payment[]>;
  transitionsByProject: Map<string, PhaseTransition[]>;
  idPrefix: string;
}

function exportProject(p: Project, id: string, ctx: ExportContext): Oc4idsProject {
  const contracts = ctx.contractsByProject.get(p.id) ?? [];
  const parties = new PartyCollector(ctx.orgs);
  const department = parties.add(p.departmentId, 'publicAuthority');
  const processes = contracts.map((c) => exportContract(c, p, department, parties, ctx));

  const out: Oc4idsProject = {
    id,
    identifiers: [{ id: p.code || p.id, scheme: CODE_SCHEME }],
    updated: p.updatedAt,
    title: p.name,
    status: phaseToStatus(p, contracts.length > 0),
    additionalClassifications: [{ scheme: CATEGORY_SCHEME, id: p.category }],
  };
  if (p.description.trim()) out.description = p.description;
  const period = periodOf(p.startDate, p.plannedEndDate);
  if (period) out.period = period;
  Object.assign(out, stagePeriods(p, ctx.transitionsByProject.get(p.id) ?? []));
  const sectors = CATEGORY_SECTORS[p.category];
  if (sectors.length) out.sector = [...sectors];
  if (p.budget.amount > 0) out.budget = { amount: value(p.budget) };
  if (department) out.publicAuthority = department;
  const documents = PROJECT_DOCUMENTS.flatMap(({ field, documentType, id }) => {
    const ref = p[field];
    if (!ref.date && !ref.reference) return [];
    const doc: Oc4idsDocument = { id, documentType };
    if (ref.reference.trim()) doc.title = ref.reference;
    if (ref.date) doc.datePublished = dateTime(ref.date);
    return [doc];
  });
  if (documents.length) out.documents = documents;
  if (processes.length) out.contractingProcesses = processes;
  if (p.completionAcceptance.date) out.completion = { endDate: dateTime(p.completionAcceptance.date) };
  const partyList = parties.list();
  if (partyList.length) out.parties = partyList;
  return out;
}

/**
 * Stage periods from the phase history: the day a project entered each phase. Plan has no known
 * start (projects are registered in plan), so only its end is given; build ends at completion
 * acceptance when that is dated.
 */
function stagePeriods(p: Project, transitions: PhaseTransition[]): Partial<Oc4idsProject> {
  const entered = new Map<Phase, IsoDate>();
  for (const t of [...transitions].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))) {
    entered.set(t.to, t.at.slice(0, 10));
  }
  if (!entered.has(p.phase) && p.phaseSince) entered.set(p.phase, p.phaseSince);
  const build = entered.get('build') ?? '';
  const operate = entered.get('operate') ?? '';
  const end = entered.get('transferred') ?? entered.get('closed') ?? '';
  const out: Partial<Oc4idsProject> = {};
  const prep = periodOf('', build);
  if (prep) out.preparationPeriod = prep;
  const impl = build ? periodOf(build, p.completionAcceptance.date || operate) : null;
  if (impl) out.implementationPeriod = impl;
  const maint = operate ? periodOf(operate, end) : null;
  if (maint) out.maintenancePeriod = maint;
  if (end && p.phase !== 'cancelled') out.decommissioningPeriod = { startDate: dateTime(end) };
  return out;
}

function exportContract(
  c: Contract,
  project: Project,
  department: Oc4idsOrgRef | null,
  parties: PartyCollector,
  ctx: ExportContext,
): Oc4idsContractingProcess {
  let buyer: Oc4idsOrgRef | null = null;
  const suppliers: Oc4idsOrgRef[] = [];
  for (const party of c.parties) {
    if (party.role === 'government') {
      const ref = parties.add(party.orgId, 'buyer', 'procuringEntity');
      buyer ??= ref;
    } else {
      const ref = parties.add(party.orgId, 'supplier', undefined, party.isSme);
      if (ref && !suppliers.some((s) => s.id === ref.id)) suppliers.push(ref);
    }
  }
  const obligations = ctx.obligationsByContract.get(c.id) ?? [];
  let paidBy = '';
  for (const o of obligations) {
    for (const pay of ctx.paymentsByObligation.get(o.id) ?? []) if (pay.paidOn <= ctx.asOf && (!paidBy || pay.paidOn < paidBy)) paidBy = pay.paidOn;
  }
  const status = contractProcessStatus(c, project.phase, ctx.asOf, paidBy);
  const amendments = [...(ctx.amendmentsByContract.get(c.id) ?? [])].sort((a, b) =>
    a.signedOn === b.signedOn ? (a.createdAt < b.createdAt ? -1 : 1) : a.signedOn < b.signedOn ? -1 : 1,
  );
  const initial = c.value.amount - amendments.reduce((sum, a) => sum + a.valueDelta, 0);

  const summary: Oc4idsContractingProcess['summary'] = {
    status,
    contractValue: value({ amount: initial, currency: c.value.currency }),
  };
  if (c.code.trim()) summary.externalReference = c.code;
  const nature = CONTRACT_NATURE[c.type];
  if (nature.length) summary.nature = [...nature];
  if (c.title.trim()) summary.title = c.title;
  if (buyer) summary.tender = { procuringEntity: buyer };
  if (suppliers.length) summary.suppliers = suppliers;
  const period = periodOf(
    earliest(c.constructionStart, c.operationStart) || c.signedOn,
    latest(c.constructionEnd, c.operationEnd),
  );
  if (period) summary.contractPeriod = period;
  if (status === 'closed') summary.finalValue = value(c.value);
  const modifications = exportModifications(amendments, initial, c.value.currency);
  if (modifications.length) summary.modifications = modifications;

  const payer = buyer ?? department;
  const supplier = suppliers[0] ?? null;
  const milestones: Oc4idsMilestone[] = contractDateMilestones(c, ctx.asOf);
  const transactions: Oc4idsTransaction[] = [];
  for (const o of obligations) {
    const paid = (ctx.paymentsByObligation.get(o.id) ?? []).sort((a, b) => (a.paidOn < b.paidOn ? -1 : 1));
    const obligationPayer = parties.add(o.payerDepartmentId, 'payer') ?? payer;
    const obligationPayee = parties.add(o.payeeId, 'payee') ?? supplier;
    milestones.push(milestone(o, paid, ctx.asOf));
    for (const pay of paid) {
      const tx: Oc4idsTransaction = {
        id: pay.id,
        date: dateTime(pay.paidOn),
        value: value(pay.amount),
        relatedImplementationMilestone: { id: o.id },
      };
      if (o.description.trim()) tx.relatedImplementationMilestone.title = o.description;
      if (obligationPayer) tx.payer = obligationPayer;
      if (obligationPayee) tx.payee = obligationPayee;
      transactions.push(tx);
    }
  }
  if (milestones.length) summary.milestones = milestones;
  if (transactions.length) summary.transactions = transactions;
  return { id: c.id, summary };
}

/** The contract's signing day and period bounds as milestones, met once the day has come. */
function contractDateMilestones(c: Contract, asOf: IsoDate): Oc4idsMilestone[] {
  return CONTRACT_DATE_MILESTONES.flatMap(({ field, code, type }) => {
    const day = c[field];
    if (!day) return [];
    const m: Oc4idsMilestone = { id: `contract-${code}`, type, code, dueDate: dateTime(day), status: 'scheduled' };
    if (day <= asOf) {
      m.status = 'met';
      m.dateMet = dateTime(day);
    }
    return [m];
  });
}

const PERIOD_FIELDS = new Set(['constructionStart', 'constructionEnd', 'operationStart', 'operationEnd']);

function exportModifications(amendments: ContractAmendment[], initial: number, currency: string): Oc4idsModification[] {
  let running = initial;
  return amendments.map((a) => {
    const m: Oc4idsModification = { id: a.id, date: dateTime(a.signedOn), type: 'scope' };
    if (a.summary.trim()) m.description = a.summary;
    if (a.valueDelta !== 0) {
      m.type = 'value';
      m.oldContractValue = value({ amount: running, currency });
      running += a.valueDelta;
      m.newContractValue = value({ amount: running, currency });
      return m;
    }
    const dated = a.changes.filter(
      (ch) => PERIOD_FIELDS.has(ch.field) && typeof ch.before === 'string' && typeof ch.after === 'string',
    );
    if (dated.length) {
      m.type = 'duration';
      const isEnd = (f: string) => f.endsWith('End');
      const pick = (side: 'before' | 'after', end: boolean) =>
        dated.filter((ch) => isEnd(ch.field) === end).map((ch) => ch[side] as string).filter(isDateLike)[0] ?? '';
      const old = periodOf(pick('before', false), pick('before', true));
      const next = periodOf(pick('after', false), pick('after', true));
      if (old) m.oldContractPeriod = old;
      if (next) m.newContractPeriod = next;
    }
    return m;
  });
}

function milestone(o: PaymentObligation, paid: Payment[], asOf: IsoDate): Oc4idsMilestone {
  const paidSum = paid.filter((p) => p.amount.currency === o.amount.currency).reduce((s, p) => s + p.amount.amount, 0);
  const m: Oc4idsMilestone = {
    id: o.id,
    type: 'payment',
    dueDate: dateTime(o.dueDate),
    status: 'scheduled',
    value: value(o.amount),
  };
  if (o.description.trim()) m.title = o.description;
  if (paidSum >= o.amount.amount && paid.length) {
    m.status = 'met';
    m.dateMet = dateTime(paid[paid.length - 1].paidOn);
  } else if (paidSum > 0) m.status = 'partiallyMet';
  else if (o.dueDate < asOf) m.status = 'notMet';
  return m;
}

/** Collects the organisations a project refers to, each once, with the union of their roles. */
class PartyCollector {
  private readonly parties = new Map<string, Oc4idsParty>();
  constructor(private readonly orgs: Map<string, Organisation>) {}

  add(orgId: string, role: string, role2?: string, smeAtSigning?: boolean): Oc4idsOrgRef | null {
    const org = orgId ? this.orgs.get(orgId) : undefined;
    if (!org) return null;
    let party = this.parties.get(org.id);
    if (!party) {
      party = { id: org.id, name: org.name, roles: [] };
      if (org.creditCode.trim()) {
        party.identifier = { scheme: CREDIT_CODE_SCHEME, id: org.creditCode.trim(), legalName: org.name };
      }
      if (org.contact.trim()) party.contactPoint = { name: org.contact.trim() };
      this.parties.set(org.id, party);
    }
    for (const r of [role, role2]) if (r && !party.roles!.includes(r)) party.roles!.push(r);
    if (org.isSme || smeAtSigning) party.details = { scale: 'sme' };
    return { id: org.id, name: org.name };
  }

  list(): Oc4idsParty[] {
    return [...this.parties.values()];
  }
}

function value(m: Money): Oc4idsValue {
  return { amount: minorToMajorNumber(m.amount), currency: m.currency };
}

function dateTime(d: IsoDate): string {
  return `${d}T00:00:00Z`;
}

function isDateLike(v: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(v);
}

function periodOf(start: IsoDate | '', end: IsoDate | ''): Oc4idsPeriod | null {
  if (!start && !end) return null;
  const p: Oc4idsPeriod = {};
  if (start) p.startDate = dateTime(start);
  if (end) p.endDate = dateTime(end);
  return p;
}

function earliest(...dates: string[]): string {
  return dates.filter(Boolean).sort()[0] ?? '';
}

function latest(...dates: string[]): string {
  return dates.filter(Boolean).sort().pop() ?? '';
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
