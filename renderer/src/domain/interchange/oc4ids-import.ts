// OC4IDS project package → drafts of workbench records, plus an honest account of what had no
// place to go. The package is untrusted: it is first copied within bounds (untrusted-json.ts),
// then each project is checked with zod, then mapped. `errors` mean the input must be rejected;
// `unmapped` lists valid data the workbench cannot hold, by source path, with a reason code.
//
// Records reference each other by source keys (OC4IDS ids), never by our ids: the data layer
// creates the records, then resolves keys to the new ids.
import type { z } from 'zod';
import { isIsoDate, todayIso } from '../core/dates';
import type { AmendmentFields } from './import-drafts';
import {
  CATEGORY_SCHEME,
  CODE_SCHEME,
  CONTRACT_DATE_MILESTONES,
  contractProcessStatus,
  CREDIT_CODE_SCHEME,
  GOVERNMENT_ROLES,
  PROJECT_DOCUMENTS,
  PROJECT_STATUSES,
  STATUS_TO_PHASE,
  sectorsToCategory,
  type ProjectStatus,
} from './oc4ids-codes';
import {
  LIMITS,
  envelopeSchema,
  projectSchema,
  type Oc4OrgRef,
  type Oc4Project,
  type Oc4Summary,
  type Oc4Value,
} from './oc4ids-import-schema';
import type {
  ContractImportDraft,
  ObligationImportDraft,
  Oc4idsImportError,
  Oc4idsImportErrorCode,
  Oc4idsImportOptions,
  Oc4idsImportResult,
  Oc4idsUnmappedReason,
  TransitionImportDraft,
} from './oc4ids-import-types';
import { majorNumberToMinor } from '../core/scaled-decimal';
import { contractDateOrderProblems, type ContractDateField } from '../contracts/contract-draft';
import {
  PROJECT_CATEGORIES,
  type ContractParty,
  type DocumentRef,
  type IsoDate,
  type Money,
  type OrgKind,
  type Phase,
  type ProjectCategory,
} from '../core/types';
import { DEFAULT_JSON_LIMITS, formatPath, sanitizeJson, type JsonValue } from '../core/untrusted-json';

export * from './oc4ids-import-types';

// ---- entry point ----

export function fromOc4idsPackage(json: unknown, options: Oc4idsImportOptions = {}): Oc4idsImportResult {
  const result: Oc4idsImportResult = {
    projects: [],
    organisations: [],
    contracts: [],
    amendments: [],
    obligations: [],
    payments: [],
    transitions: [],
    unmapped: [],
    errors: [],
  };
  let input = json;
  if (typeof json === 'string') {
    if (json.length > (options.maxTextLength ?? 50_000_000)) {
      result.errors.push({ path: '', code: 'tooLarge' });
      return result;
    }
    try {
      input = JSON.parse(json);
    } catch {
      result.errors.push({ path: '', code: 'invalidJson' });
      return result;
    }
  }
  const clean = sanitizeJson(input, { ...DEFAULT_JSON_LIMITS, ...options.limits });
  result.errors.push(...clean.errors);
  for (const path of clean.ignored) result.unmapped.push({ path, reason: 'forbiddenKey' });
  const root = clean.value;
  if (root === undefined) return result;
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    result.errors.push({ path: '', code: 'notAnObject' });
    return result;
  }
  const envelope = envelopeSchema.safeParse(root);
  if (!envelope.success) {
    result.errors.push(...zodErrors(envelope.error.issues, [], root));
    return result;
  }

  const m = new Mapper(result, options);
  m.use('version');
  const packageDate = m.date(envelope.data.publishedDate, 'publishedDate');
  envelope.data.projects.forEach((raw, i) => m.project(raw, i, packageDate));
  m.reportUnmapped(root);
  return result;
}

// ---- mapping ----

class Mapper {
  private readonly used = new Set<string>();
  private readonly reasons = new Map<string, Oc4idsUnmappedReason>();
  private readonly orgKeys = new Set<string>();
  private readonly projectKeys = new Set<string>();
  private readonly contractKeys = new Set<string>();

  constructor(
    private readonly out: Oc4idsImportResult,
    private readonly options: Oc4idsImportOptions,
  ) {}

  use(path: string): void {
    this.used.add(path);
  }

  /** The part at `path` (and below) was not imported, for this reason. */
  skip(path: string, reason: Oc4idsUnmappedReason): void {
    if (!this.reasons.has(path)) this.reasons.set(path, reason);
  }

  /** Something about `path` worth telling the user although it was imported (or absent). */
  note(path: string, reason: Oc4idsUnmappedReason): void {
    this.out.unmapped.push({ path, reason });
  }

  error(path: string, code: Oc4idsImportErrorCode, params?: Record<string, string | number>): void {
    this.out.errors.push(params ? { path, code, params } : { path, code });
  }

  /** Date part of an OC4IDS date-time, as written (no time-zone shift); '' when absent. */
  date(v: string | undefined, path: string): IsoDate | '' {
    if (v === undefined) return '';
    const d = v.slice(0, 10);
    if (!isIsoDate(d) || !(v.length === 10 || v[10] === 'T')) {
      this.error(path, 'invalidDate');
      return '';
    }
    this.use(path);
    return d;
  }

  money(v: Oc4Value | undefined, path: string): Money | null {
    if (!v) return null;
    if (v.amount === undefined || v.currency === undefined) {
      this.skip(path, 'incomplete');
      return null;
    }
    const amount = majorNumberToMinor(v.amount);
    if (amount === null) {
      this.error(`${path}.amount`, 'invalidAmount', { value: String(v.amount).slice(0, 40) });
      return null;
    }
    if (!/^[A-Z]{3}$/.test(v.currency)) {
      this.error(`${path}.currency`, 'invalidCurrency', { value: v.currency.slice(0, 20) });
      return null;
    }
    this.use(path);
    return { amount, currency: v.currency };
  }

  text(v: string | undefined, path: string, max: number): string {
    if (v === undefined) return '';
    this.use(path);
    const t = v.trim();
    if (t.length <= max) return t;
    this.note(path, 'truncated');
    return t.slice(0, max);
  }

  code(v: string, path: string, max: number): string | null {
    const t = v.trim();
    if (t.length > max) {
      this.error(path, 'tooLong', { max });
      return null;
    }
    this.use(path);
    return t;
  }

  project(raw: unknown, i: number, packageDate: IsoDate | ''): void {
    const P = `projects[${i}]`;
    const parsed = projectSchema.safeParse(raw);
    if (!parsed.success) {
      this.out.errors.push(...zodErrors(parsed.error.issues, ['projects', i], raw));
      this.use(P);
      return;
    }
    const p = parsed.data;
    if (this.projectKeys.has(p.id)) {
      this.error(`${P}.id`, 'duplicateId', { id: p.id.slice(0, 80) });
      this.use(P);
      return;
    }
    this.projectKeys.add(p.id);
    this.use(`${P}.id`);
    const errorsBefore = this.out.errors.length;

    const parties = this.parties(p, P);
    const departmentKey = this.department(p, P, parties);

    const codeSource = this.projectCodeSource(p, P);
    const code = this.code(codeSource.value, codeSource.path, LIMITS.projectCode);
    let name = this.text(p.title, `${P}.title`, LIMITS.projectName);
    if (!name) {
      name = (code ?? p.id).slice(0, LIMITS.projectName);
      this.note(`${P}.title`, 'defaulted');
    }
    const phase = this.phase(p, P);
    const category = this.category(p, P);
    const budget = this.money(p.budget?.amount, `${P}.budget.amount`) ?? { amount: 0, currency: 'CNY' };
    const startDate = this.date(p.period?.startDate, `${P}.period.startDate`);
    const plannedEndDate = this.date(p.period?.endDate, `${P}.period.endDate`);
    const docs = this.projectDocuments(p, P);
    const completionDate = this.date(p.completion?.endDate, `${P}.completion.endDate`);
    if (completionDate) docs.completionAcceptance.date = completionDate;

    const transitions = this.phaseHistory(p, P, phase);
    // A cancellation is not dated by any stage period, so a cancelled project counts from its update.
    const phaseSince =
      (phase === 'cancelled' ? '' : transitions.at(-1)?.record.at.slice(0, 10)) ||
      this.date(p.updated, `${P}.updated`) ||
      packageDate ||
      this.options.today ||
      todayIso();

    this.contractingProcesses(p, P, parties, phase, packageDate || this.options.today || todayIso());
    // Payments live under contracts here; project-level ones have no contract to attach to.
    for (const field of ['milestones', 'transactions']) if (field in p) this.skip(`${P}.${field}`, 'noContract');

    if (code === null || this.out.errors.length > errorsBefore) return;
    this.out.transitions.push(...transitions);
    this.out.projects.push({
      key: p.id,
      departmentKey,
      record: {
        code,
        name,
        category,
        phase,
        phaseSince,
        description: this.text(p.description, `${P}.description`, LIMITS.description),
        budget,
        startDate,
        plannedEndDate,
        operatingModel: '',
        omFundingSource: '',
        benefitSharing: '',
        supervision: '',
        valueForMoney: docs.valueForMoney,
        fiscalAffordability: docs.fiscalAffordability,
        completionAcceptance: docs.completionAcceptance,
        reviewCycle: '',
        transferAudit: docs.transferAudit,
        indicatorSystemId: '',
      },
    });
  }

  private projectCodeSource(p: Oc4Project, P: string): { value: string; path: string } {
    const ids = p.identifiers ?? [];
    const k = Math.max(0, ids.findIndex((x) => x.scheme === CODE_SCHEME));
    if (ids[k]) {
      this.use(`${P}.identifiers[${k}].scheme`);
      return { value: ids[k].id, path: `${P}.identifiers[${k}].id` };
    }
    return { value: p.id, path: `${P}.id` };
  }

  private phase(p: Oc4Project, P: string): Phase {
    if (p.status === undefined) {
      this.note(`${P}.status`, 'defaulted');
      return 'plan';
    }
    if (!(PROJECT_STATUSES as readonly string[]).includes(p.status)) {
      this.skip(`${P}.status`, 'unknownCode');
      return 'plan';
    }
    this.use(`${P}.status`);
    return STATUS_TO_PHASE[p.status as ProjectStatus];
  }

  private category(p: Oc4Project, P: string): ProjectCategory {
    const classes = p.additionalClassifications ?? [];
    const k = classes.findIndex(
      (c) => c.scheme === CATEGORY_SCHEME && (PROJECT_CATEGORIES as readonly string[]).includes(c.id ?? ''),
    );
    if (k >= 0) {
      this.use(`${P}.additionalClassifications[${k}]`);
      // The sector was derived from the category on export; it carries nothing more.
      if (p.sector) this.use(`${P}.sector`);
      return classes[k].id as ProjectCategory;
    }
    const fromSector = sectorsToCategory(p.sector ?? []);
    if (fromSector) {
      this.use(`${P}.sector`);
      return fromSector;
    }
    return 'other';
  }

  private projectDocuments(p: Oc4Project, P: string): Record<(typeof PROJECT_DOCUMENTS)[number]['field'], DocumentRef> {
    const out = {
      completionAcceptance: { date: '', reference: '' } as DocumentRef,
      valueForMoney: { date: '', reference: '' } as DocumentRef,
      fiscalAffordability: { date: '', reference: '' } as DocumentRef,
      transferAudit: { date: '', reference: '' } as DocumentRef,
    };
    const taken = new Set<string>();
    (p.documents ?? []).forEach((d, k) => {
      const spec = PROJECT_DOCUMENTS.find((s) => s.documentType === d.documentType);
      if (!spec || taken.has(spec.field)) return;
      taken.add(spec.field);
      const D = `${P}.documents[${k}]`;
      this.use(`${D}.id`);
      this.use(`${D}.documentType`);
      out[spec.field] = {
        date: this.date(d.datePublished, `${D}.datePublished`),
        reference: this.text(d.title, `${D}.title`, LIMITS.docReference),
      };
    });
    return out;
  }

  /**
   * Entering build = implementation (or completion) stage start; operate = maintenance start;
   * transferred/closed = decommissioning start. Only steps up to the current status are history.
   */
  private phaseHistory(p: Oc4Project, P: string, phase: Phase): TransitionImportDraft[] {
    // A cancelled project may have been built and run before it was stopped.
    const rank: Record<Phase, number> = { plan: 0, build: 1, operate: 2, transferred: 3, closed: 3, cancelled: 2 };
    const steps: { to: Phase; period: string; start: string | undefined }[] = [
      p.implementationPeriod?.startDate
        ? { to: 'build', period: 'implementationPeriod', start: p.implementationPeriod.startDate }
        : { to: 'build', period: 'completionPeriod', start: p.completionPeriod?.startDate },
      { to: 'operate', period: 'maintenancePeriod', start: p.maintenancePeriod?.startDate },
      { to: phase === 'closed' ? 'closed' : 'transferred', period: 'decommissioningPeriod', start: p.decommissioningPeriod?.startDate },
    ];
    const out: TransitionImportDraft[] = [];
    let from: Phase = 'plan';
    for (const step of steps) {
      const path = `${P}.${step.period}`;
      if (!step.start) continue;
      if (rank[step.to] > rank[phase]) {
        this.skip(path, 'beyondCurrentPhase');
        continue;
      }
      const at = this.date(step.start, `${path}.startDate`);
      if (!at) continue;
      this.use(path);
      out.push({
        projectKey: p.id,
        record: { from, to: step.to, at: `${at}T00:00:00.000Z`, failedChecks: [], justification: '' },
      });
      from = step.to;
    }
    return out;
  }

  // ---- parties ----

  /** Adds the project's parties as organisations; returns how to find them by id or name. */
  private parties(p: Oc4Project, P: string): PartyIndex {
    const index: PartyIndex = { byId: new Map(), byName: new Map() };
    (p.parties ?? []).forEach((party, j) => {
      const Q = `${P}.parties[${j}]`;
      const name = this.text(party.name, `${Q}.name`, LIMITS.orgName);
      if (!name) {
        this.skip(Q, 'incomplete');
        return;
      }
      const key = party.id ?? `name:${name}`;
      if (party.id) this.use(`${Q}.id`);
      const roles = party.roles ?? [];
      if (party.roles) this.use(`${Q}.roles`);
      index.byName.set(name, key);
      if (party.id) index.byId.set(party.id, key);
      if (this.orgKeys.has(key)) return;
      this.orgKeys.add(key);
      let creditCode = '';
      if (party.identifier?.scheme === CREDIT_CODE_SCHEME && party.identifier.id) {
        creditCode = this.text(party.identifier.id, `${Q}.identifier.id`, LIMITS.creditCode);
        this.use(`${Q}.identifier.scheme`);
      }
      const contact = [
        this.text(party.contactPoint?.name, `${Q}.contactPoint.name`, LIMITS.orgContact),
        this.text(party.contactPoint?.telephone, `${Q}.contactPoint.telephone`, LIMITS.orgContact),
        this.text(party.contactPoint?.email, `${Q}.contactPoint.email`, LIMITS.orgContact),
      ]
        .filter(Boolean)
        .join(' ')
        .slice(0, LIMITS.orgContact);
      const isSme = party.details?.scale === 'sme';
      if (party.details?.scale !== undefined) this.use(`${Q}.details.scale`);
      this.out.organisations.push({
        key,
        roles: [...roles],
        record: { name, kind: orgKind(roles), creditCode, isSme, contact },
      });
    });
    return index;
  }

  /**
   * Finds the organisation a reference names. A reference to a party the package never lists
   * still names an organisation, so it is added from the reference itself.
   */
  private orgRef(ref: Oc4OrgRef | undefined, path: string, index: PartyIndex, kind: OrgKind): string {
    if (!ref) return '';
    const known = (ref.id && index.byId.get(ref.id)) || (ref.name && index.byName.get(ref.name.trim()));
    if (known) {
      this.use(path);
      return known;
    }
    const name = ref.name?.trim().slice(0, LIMITS.orgName);
    if (!name) {
      this.skip(path, 'unresolvedParty');
      return '';
    }
    const key = ref.id ?? `name:${name}`;
    if (!this.orgKeys.has(key)) {
      this.orgKeys.add(key);
      this.out.organisations.push({ key, roles: [], record: { name, kind, creditCode: '', isSme: false, contact: '' } });
    }
    if (ref.id) index.byId.set(ref.id, key);
    index.byName.set(name, key);
    this.use(path);
    return key;
  }

  private department(p: Oc4Project, P: string, index: PartyIndex): string {
    if (p.publicAuthority) return this.orgRef(p.publicAuthority, `${P}.publicAuthority`, index, 'government');
    const authority = this.out.organisations.find((o) => o.roles.includes('publicAuthority') && inIndex(index, o.key));
    return authority?.key ?? '';
  }

  // ---- contracting processes ----

  private contractingProcesses(p: Oc4Project, P: string, index: PartyIndex, phase: Phase, asOf: IsoDate): void {
    (p.contractingProcesses ?? []).forEach((cp, k) => {
      const C = `${P}.contractingProcesses[${k}]`;
      if (this.contractKeys.has(cp.id)) {
        this.skip(C, 'duplicate');
        return;
      }
      if (!cp.summary) {
        this.skip(C, 'incomplete');
        return;
      }
      this.contractKeys.add(cp.id);
      this.use(`${C}.id`);
      this.contract(p, cp.id, cp.summary, C, index, phase, asOf);
    });
  }

  private contract(p: Oc4Project, key: string, s: Oc4Summary, C: string, index: PartyIndex, phase: Phase, asOf: IsoDate): void {
    const S = `${C}.summary`;
    const errorsBefore = this.out.errors.length;
    const codeSource =
      s.externalReference !== undefined
        ? { value: s.externalReference, path: `${S}.externalReference` }
        : s.ocid !== undefined
          ? { value: s.ocid, path: `${S}.ocid` }
          : { value: key, path: `${C}.id` };
    const code = this.code(codeSource.value, codeSource.path, LIMITS.contractCode);
    const title = this.text(s.title, `${S}.title`, LIMITS.contractTitle) || (code ?? '');
    this.note(C, 'contractTypeDefaulted');

    const parties: ContractImportDraft['parties'] = [];
    const addParty = (orgKey: string, role: ContractParty['role']) => {
      if (!orgKey || parties.some((x) => x.orgKey === orgKey)) return;
      const org = this.out.organisations.find((o) => o.key === orgKey);
      parties.push({ orgKey, role, isSme: role !== 'government' && Boolean(org?.record.isSme) });
    };
    const buyer = this.orgRef(s.tender?.procuringEntity, `${S}.tender.procuringEntity`, index, 'government');
    addParty(buyer, 'government');
    addParty(this.orgRef(s.tender?.administrativeEntity, `${S}.tender.administrativeEntity`, index, 'government'), 'government');
    const suppliers = (s.suppliers ?? []).map((ref, n) => this.orgRef(ref, `${S}.suppliers[${n}]`, index, 'company'));
    for (const sup of suppliers) addParty(sup, 'general-integrator');

    // contractValue is the value at signing; modifications step it to finalValue.
    const initial = this.money(s.contractValue, `${S}.contractValue`);
    let current = initial;
    let period = {
      start: this.date(s.contractPeriod?.startDate, `${S}.contractPeriod.startDate`),
      end: this.date(s.contractPeriod?.endDate, `${S}.contractPeriod.endDate`),
    };
    (s.modifications ?? []).forEach((mod, n) => {
      const M = `${S}.modifications[${n}]`;
      const signedOn = this.date(mod.date, `${M}.date`);
      if (!signedOn) {
        this.skip(M, 'incomplete');
        return;
      }
      this.use(`${M}.id`);
      const changes: AmendmentFields['changes'] = [];
      let valueDelta = 0;
      const before = this.money(mod.oldContractValue, `${M}.oldContractValue`) ?? current;
      const after = this.money(mod.newContractValue, `${M}.newContractValue`);
      if (after && before && after.currency === before.currency && after.amount !== before.amount) {
        valueDelta = after.amount - before.amount;
        changes.push({ field: 'value', before, after });
        current = after;
      }
      const newStart = this.date(mod.newContractPeriod?.startDate, `${M}.newContractPeriod.startDate`);
      const newEnd = this.date(mod.newContractPeriod?.endDate, `${M}.newContractPeriod.endDate`);
      if (mod.oldContractPeriod) {
        this.date(mod.oldContractPeriod.startDate, `${M}.oldContractPeriod.startDate`);
        this.date(mod.oldContractPeriod.endDate, `${M}.oldContractPeriod.endDate`);
      }
      if (newStart && newStart !== period.start) {
        changes.push({ field: 'constructionStart', before: period.start, after: newStart });
        period = { ...period, start: newStart };
      }
      if (newEnd && newEnd !== period.end) {
        changes.push({ field: 'constructionEnd', before: period.end, after: newEnd });
        period = { ...period, end: newEnd };
      }
      const summary = [
        this.text(mod.description, `${M}.description`, LIMITS.amendmentSummary),
        this.text(mod.rationale, `${M}.rationale`, LIMITS.amendmentSummary),
      ]
        .filter(Boolean)
        .join('\n')
        .slice(0, LIMITS.amendmentSummary);
      this.out.amendments.push({ key: `${key}/modifications/${mod.id}`, contractKey: key, record: { signedOn, summary, valueDelta, changes } });
    });
    const value = this.money(s.finalValue, `${S}.finalValue`) ?? current;
    if (!value) this.note(`${S}.contractValue`, 'defaulted');
    const contractValue = value ?? { amount: 0, currency: this.projectCurrency(p) };

    const obligations = this.obligations(key, p.id, s, S, buyer, suppliers[0] ?? '');
    const paidOn = this.payments(key, p.id, s, S, index, obligations, buyer, suppliers[0] ?? '');
    const dates = this.contractDates(s, S, period);
    this.contractStatus(s, S, dates.values, phase, asOf, paidOn);

    if (code === null || this.out.errors.length > errorsBefore) return;
    this.out.contracts.push({
      key,
      projectKey: p.id,
      parties,
      record: {
        code,
        title,
        type: 'traditional',
        pppModel: '',
        pppPaymentMechanism: '',
        indexationBp: null,
        ...dates.values,
        value: contractValue,
        paymentTermDays: 30,
        paymentTermBasis: 'acceptance',
        performanceLinkedBp: 0,
        // OC4IDS has no late-interest clause: an SME supplier gets the statute (0.05% a day), since
        // "no interest" is not a neutral default for an SME.
        interestPolicy: parties.some((p) => p.isSme) ? 'cn-sme' : 'none',
        contractRatePpmPerDay: 0,
        riskAllocation: '',
        benefitSharing: '',
      },
    });
  }

  /**
   * The contract's dates: the signing and period milestones of our own export when present; else
   * contractPeriod as the construction period (OC4IDS has no other date for them). Dates out of
   * order are refused like the contract form refuses them.
   */
  private contractDates(s: Oc4Summary, S: string, period: { start: IsoDate | ''; end: IsoDate | '' }): { values: Record<ContractDateField, IsoDate | ''> } {
    const values: Record<ContractDateField, IsoDate | ''> = { signedOn: '', constructionStart: '', constructionEnd: '', operationStart: '', operationEnd: '' };
    const paths: Partial<Record<ContractDateField, string>> = {};
    (s.milestones ?? []).forEach((ms, n) => {
      const spec = CONTRACT_DATE_MILESTONES.find((d) => d.code === ms.code && d.type === ms.type);
      if (!spec || values[spec.field]) return;
      const M = `${S}.milestones[${n}]`;
      const day = this.date(ms.dueDate, `${M}.dueDate`) || this.date(ms.dateMet, `${M}.dateMet`);
      if (!day) return;
      for (const f of ['id', 'type', 'code', 'status', 'dateMet', 'dueDate']) this.use(`${M}.${f}`);
      values[spec.field] = day;
      paths[spec.field] = `${M}.dueDate`;
    });
    if (!values.constructionStart && !values.constructionEnd && !values.operationStart && !values.operationEnd) {
      values.constructionStart = period.start;
      values.constructionEnd = period.end;
      paths.constructionStart = `${S}.contractPeriod.startDate`;
      paths.constructionEnd = `${S}.contractPeriod.endDate`;
    }
    for (const problem of contractDateOrderProblems(values)) {
      const field = problem.field as ContractDateField;
      this.error(paths[field] ?? S, 'dateOrder', { date: values[field], after: String(problem.params?.date ?? '') });
    }
    return { values };
  }

  /**
   * The workbench keeps no contract status: it follows from the dates and payments (as the export
   * derives it). A status in the file that those do not bear out is reported, not stored.
   */
  private contractStatus(s: Oc4Summary, S: string, dates: Record<ContractDateField, IsoDate | ''>, phase: Phase, asOf: IsoDate, paidOn: IsoDate | ''): void {
    if (s.status === undefined) return;
    if (s.status !== 'pre-award' && s.status !== 'active' && s.status !== 'closed') {
      this.skip(`${S}.status`, 'unknownCode');
      return;
    }
    this.use(`${S}.status`);
    if (contractProcessStatus(dates, phase, asOf, paidOn) !== s.status) this.note(`${S}.status`, 'statusFromDates');
  }

  private projectCurrency(p: Oc4Project): string {
    const c = p.budget?.amount?.currency;
    return c && /^[A-Z]{3}$/.test(c) ? c : 'CNY';
  }

  /** Payment milestones become obligations; returns milestone id → obligation key. */
  private obligations(
    contractKey: string,
    projectKey: string,
    s: Oc4Summary,
    S: string,
    payerKey: string,
    payeeKey: string,
  ): Map<string, ObligationImportDraft> {
    const out = new Map<string, ObligationImportDraft>();
    (s.milestones ?? []).forEach((ms, n) => {
      const M = `${S}.milestones[${n}]`;
      if (CONTRACT_DATE_MILESTONES.some((d) => d.code === ms.code && d.type === ms.type)) return;
      if (ms.type !== 'payment' && !(ms.type === undefined && ms.value)) {
        this.skip(M, 'nonPaymentMilestone');
        return;
      }
      if (out.has(ms.id)) {
        this.skip(M, 'duplicate');
        return;
      }
      const dueDate = this.date(ms.dueDate, `${M}.dueDate`);
      const amount = this.money(ms.value, `${M}.value`);
      if (!dueDate || !amount) {
        this.skip(M, 'incomplete');
        return;
      }
      this.use(`${M}.id`);
      if (ms.type !== undefined) this.use(`${M}.type`);
      const draft: ObligationImportDraft = {
        key: `${contractKey}/milestones/${ms.id}`,
        contractKey,
        projectKey,
        payeeKey,
        payerKey,
        record: {
          kind: 'milestone',
          description: this.text(ms.title, `${M}.title`, LIMITS.obligationDescription),
          triggerDate: dueDate,
          dueDate,
          amount,
          performanceLinkedAmount: 0,
          disputedAmount: 0,
        },
      };
      out.set(ms.id, draft);
      this.out.obligations.push(draft);
    });
    return out;
  }

  /**
   * Transactions become payments against the milestone they name; a transaction that names none
   * gets an obligation of its own (due on the day it was paid), so the payment is not lost.
   */
  private payments(
    contractKey: string,
    projectKey: string,
    s: Oc4Summary,
    S: string,
    index: PartyIndex,
    obligations: Map<string, ObligationImportDraft>,
    buyer: string,
    supplier: string,
  ): IsoDate | '' {
    let first: IsoDate | '' = '';
    (s.transactions ?? []).forEach((tx, n) => {
      const T = `${S}.transactions[${n}]`;
      const paidOn = this.date(tx.date, `${T}.date`);
      const amount = this.money(tx.value, `${T}.value`);
      if (!paidOn || !amount) {
        this.skip(T, 'incomplete');
        return;
      }
      this.use(`${T}.id`);
      const payer = this.orgRef(tx.payer, `${T}.payer`, index, 'government') || buyer;
      const payee = this.orgRef(tx.payee, `${T}.payee`, index, 'company') || supplier;
      const linkedId = tx.relatedImplementationMilestone?.id;
      let obligation = linkedId !== undefined ? obligations.get(linkedId) : undefined;
      if (obligation && obligation.record.amount.currency !== amount.currency) {
        // A payment settles only an obligation in its own currency: refused, never converted.
        this.error(`${T}.value.currency`, 'currencyMismatch', { value: amount.currency, expected: obligation.record.amount.currency });
        return;
      }
      if (obligation) {
        this.use(`${T}.relatedImplementationMilestone`);
        obligation.payeeKey ||= payee;
        obligation.payerKey ||= payer;
      } else {
        obligation = {
          key: `${contractKey}/transactions/${tx.id}#obligation`,
          contractKey,
          projectKey,
          payeeKey: payee,
          payerKey: payer,
          record: {
            kind: 'other',
            description: tx.id.slice(0, LIMITS.obligationDescription),
            triggerDate: paidOn,
            dueDate: paidOn,
            amount,
            performanceLinkedAmount: 0,
            disputedAmount: 0,
          },
        };
        this.out.obligations.push(obligation);
      }
      this.out.payments.push({
        key: `${contractKey}/transactions/${tx.id}`,
        obligationKey: obligation.key,
        contractKey,
        record: { paidOn, amount, voucherNo: tx.id.slice(0, LIMITS.voucherNo), note: '' },
      });
      if (!first || paidOn < first) first = paidOn;
    });
    return first;
  }

  // ---- what was left ----

  /** Reports every part of the package that no mapping read, at the highest such node. */
  reportUnmapped(root: JsonValue): void {
    const ancestors = new Set<string>();
    for (const path of [...this.used, ...this.reasons.keys()]) {
      for (const prefix of prefixes(path)) ancestors.add(prefix);
    }
    const walk = (v: JsonValue, path: string) => {
      if (path && this.used.has(path)) return;
      const reason = this.reasons.get(path);
      if (path && reason) {
        this.out.unmapped.push({ path, reason });
        return;
      }
      if (path && !ancestors.has(path)) {
        this.out.unmapped.push({ path, reason: 'unsupportedField' });
        return;
      }
      if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${path}[${i}]`));
      else if (v && typeof v === 'object') for (const [k, child] of Object.entries(v)) walk(child, path ? `${path}.${k}` : k);
      else if (path) this.out.unmapped.push({ path, reason: 'unsupportedField' });
    };
    walk(root, '');
  }
}

interface PartyIndex {
  byId: Map<string, string>;
  byName: Map<string, string>;
}

function inIndex(index: PartyIndex, key: string): boolean {
  for (const k of index.byId.values()) if (k === key) return true;
  for (const k of index.byName.values()) if (k === key) return true;
  return false;
}

function orgKind(roles: readonly string[]): OrgKind {
  if (roles.some((r) => GOVERNMENT_ROLES.has(r))) return 'government';
  if (roles.includes('supplier') || roles.includes('tenderer')) return 'company';
  return 'institution';
}

/** 'a.b[2].c' → ['a', 'a.b', 'a.b[2]', 'a.b[2].c']. */
function prefixes(path: string): string[] {
  const out: string[] = [];
  const re = /[.[]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) if (m.index > 0) out.push(path.slice(0, m.index));
  out.push(path);
  return out;
}

function zodErrors(issues: z.ZodError['issues'], base: PropertyKey[], raw: unknown): Oc4idsImportError[] {
  return issues.slice(0, 200).map((issue) => {
    const parts = [...base, ...issue.path];
    const path = formatPath(parts);
    const at = valueAt(raw, issue.path);
    switch (issue.code) {
      case 'invalid_type':
        return { path, code: at === undefined ? 'required' : 'invalidType' };
      case 'too_big':
        return issue.origin === 'string'
          ? { path, code: 'tooLong', params: { max: Number(issue.maximum) } }
          : { path, code: 'tooMany', params: { max: Number(issue.maximum) } };
      case 'too_small':
        return { path, code: path === 'projects' ? 'noProjects' : 'required' };
      default:
        return { path, code: 'invalidValue' };
    }
  });
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Object.prototype.hasOwnProperty.call(node, part) ? (node as Record<PropertyKey, unknown>)[part] : undefined;
  }
  return node;
}
