// The fiscal outlook (财政支出责任测算): what the office will owe in each coming year, from the
// contract ledgers (contract-ledger.ts), so it is figured from the payment record itself.
//
// Each amount is counted once, in the fiscal (calendar) year it is expected to be PAID:
// - scheduled: an obligation due on or after the as-of date, for what is still open on it (the payable
//   amount less payments to date and the part in dispute: arrears.ts's outstanding − disputed);
// - projected: recurring fees not yet scheduled (see below);
// - arrears: amounts that fell due before the year they are paid in: what is overdue as of the as-of
//   date (arrears.ts's overdue, the arrears view's figure), and under a late-payment scenario the
//   scheduled or projected amounts pushed into a later year;
// - interest: late interest accrued to the as-of date on past-due obligations (arrears.ts's, whether
//   or not the principal is paid), plus under a late-payment scenario the interest the delay adds;
// - linked (shown apart, part of the above): the performance-linked share of scheduled, projected
//   and arrears amounts (the linked part less active deductions, at most what is open).
// Amounts in other currencies than the outlook's are left out and the contracts listed (no exchange
// rates are kept); scheduled amounts paid after the last year of the horizon are summed apart, and
// projections stop at the horizon.
//
// Projection of recurring fees (the policy's recurring kinds: availability, O&M, service and lease
// fees). Per contract and kind, the LAST scheduled obligation (latest period end = trigger date) is
// the model; its period is the gap to the one before it (≤ 45 days monthly, ≤ 135 quarterly,
// ≤ 270 half-yearly, else yearly; yearly when it is the only one). Periods continue, anchored on
// the day after its period end as schedule.ts anchors them, up to the contract's operation end; a
// short last period is pro-rated by days like schedule.ts's stub. Each full year after the last
// scheduled period end the fee is indexed once: fee(n) = fee(n−1) × (10 000 + rate) / 10 000,
// rounded half up to the minor unit, the rate being the scenario's, else the contract's, else the
// office default in force on the day the step applies. A projected fee falls due as many days
// after its period end as the model did, and its linked share is the model's, rounded half up.
// A contract operating past its last fee with no operation end recorded cannot be projected; one
// whose operation runs on with no recurring fee scheduled at all (and is not user-pays) has nothing
// to project from: both are listed.
//
// Late-payment scenario ("payments keep running N days late"): every amount open from the as-of
// date on is paid N days after it falls due (arrears on the as-of date: N days after it), and bears
// the contract's late interest for those N days under its interest policy (interest.ts, one
// rounding per amount). A scenario changes no stored data.
//
// PPP expenditure responsibility for the red line: everything counted (scheduled, projected,
// arrears, interest) on contracts of the policy's PPP types, per year.
import { accrueFurther, isoDayNumber, roundInterest, type InterestPlan, type InterestPolicyTables } from '../contracts/interest';
import { InterestPlanCache, settleOnDays } from '../contracts/arrears';
import { isoOfDay, type LedgerSet } from '../contracts/contract-ledger';
import { addMonths, monthsLaterDay } from '../core/dates';
import { OBLIGATION_KINDS, type ContractType, type IsoDate, type ObligationKind } from '../core/types';
import { defaultIndexationOn, type FiscalPolicy } from './fiscal-policy';

export const OUTLOOK_MEASURES = ['scheduled', 'projected', 'arrears', 'interest', 'linked'] as const;
export type OutlookMeasure = (typeof OUTLOOK_MEASURES)[number];
/** The measures that add up to what is owed (linked is part of them). */
export const OWED_MEASURES = ['scheduled', 'projected', 'arrears', 'interest'] as const;
const M = OUTLOOK_MEASURES.length;
const SCHEDULED = 0;
const PROJECTED = 1;
const ARREARS = 2;
const INTEREST = 3;
const LINKED = 4;

export const DEFAULT_HORIZON_YEARS = 10;
export const MAX_HORIZON_YEARS = 30;
/** Ten years late is already a scenario no office plans for. */
export const MAX_LATE_DAYS = 3650;

export interface OutlookScenario {
  /** Every payment from the as-of date on is made this many days after it falls due (0 = on time). */
  lateDays: number;
  /** Yearly indexation of every projected fee instead of the contracts' and the office's; null = theirs. */
  indexationBp: number | null;
}

export const NO_SCENARIO: OutlookScenario = { lateDays: 0, indexationBp: null };

/** A recurring fee series of one contract, continued by the projection. */
export interface FeeSeries {
  contract: number;
  kind: ObligationKind;
  /** Ledger-set index of the last scheduled obligation of the series (the model). */
  last: number;
  group: number;
  periodMonths: 1 | 3 | 6 | 12;
  /** UTC day of the model's period end (trigger date). */
  endDay: number;
  /** The model's amount as scheduled (before deductions), its linked part, and its due date's lead over its period end. */
  amount: number;
  linked: number;
  lead: number;
}

/** What does not depend on the scenario, the horizon or the currency: computed once per ledger snapshot and as-of date. */
export interface OutlookBase {
  set: LedgerSet;
  asOf: IsoDate;
  asOfDay: number;
  /** Per obligation: still open as of asOf, undisputed (overdue when past due). */
  open: Float64Array;
  /** Per obligation: late interest accrued to asOf. */
  interest: Float64Array;
  plans: InterestPlan[];
  series: FeeSeries[];
  /** Flat groups: contract c owns groups groupStart[c] … groupStart[c+1]−1. */
  groupStart: Int32Array;
  groupDept: Int32Array;
  groupProject: Int32Array;
  groupCurrency: string[];
  deptKeys: string[];
  projectKeys: string[];
  /** Per contract: index into kindKeys ('type|mechanism'). */
  contractKind: Int32Array;
  kindKeys: string[];
  /** Contracts operating past their last fee with no operation end recorded. */
  noOperationEnd: number[];
  /** Contracts still operating on the as-of date with no recurring fee scheduled. */
  noFeeSchedule: number[];
  computeMs: number;
}

const now = () => (typeof performance === 'undefined' ? Date.now() : performance.now());

function keyIndex(keys: string[], at: Map<string, number>, key: string): number {
  let i = at.get(key);
  if (i === undefined) {
    i = keys.length;
    at.set(key, i);
    keys.push(key);
  }
  return i;
}

/** The key of a contract type and payment mechanism ('ppp|viability-gap', 'lease|'). */
export function kindKey(type: ContractType, mechanism: string): string {
  return `${type}|${mechanism}`;
}

export function parseKindKey(key: string): { type: ContractType; mechanism: string } {
  const [type, mechanism = ''] = key.split('|');
  return { type: type as ContractType, mechanism };
}

function periodOf(gapDays: number): 1 | 3 | 6 | 12 {
  return gapDays <= 45 ? 1 : gapDays <= 135 ? 3 : gapDays <= 270 ? 6 : 12;
}

/**
 * Open amounts and interest to date per obligation (arrears.ts's own per-obligation figures), the
 * fee series to project, and the keys of departments, projects and contract kinds.
 */
export function prepareOutlook(
  set: LedgerSet,
  asOf: IsoDate,
  tables: InterestPolicyTables,
  recurringKinds: readonly ObligationKind[],
): OutlookBase {
  const t0 = now();
  const asOfDay = isoDayNumber(asOf);
  const open = new Float64Array(set.obligations);
  const interest = new Float64Array(set.obligations);
  const plans: InterestPlan[] = [];
  const cache = new InterestPlanCache(tables);
  const groupStart = new Int32Array(set.count + 1);
  let groups = 0;
  for (let c = 0; c < set.count; c++) {
    groupStart[c] = groups;
    groups += set.groups[c].length;
  }
  groupStart[set.count] = groups;
  const groupDept = new Int32Array(groups);
  const groupProject = new Int32Array(groups);
  const groupCurrency: string[] = new Array<string>(groups);
  const deptKeys: string[] = [];
  const projectKeys: string[] = [];
  const kindKeys: string[] = [];
  const deptAt = new Map<string, number>();
  const projectAt = new Map<string, number>();
  const kindAt = new Map<string, number>();
  const contractKind = new Int32Array(set.count);
  const recurring = recurringKinds.map((k) => OBLIGATION_KINDS.indexOf(k));
  const series: FeeSeries[] = [];
  const noOperationEnd: number[] = [];
  const noFeeSchedule: number[] = [];
  // Per kind index: the latest and the one before it, by period end.
  const lastAt = new Int32Array(OBLIGATION_KINDS.length);
  const lastEnd = new Float64Array(OBLIGATION_KINDS.length);
  const prevEnd = new Float64Array(OBLIGATION_KINDS.length);
  const { oStart, oDueDay, oAmount, oDisputed, oKind, oTriggerLead, pStart, pDay, pAmount } = set;

  for (let c = 0; c < set.count; c++) {
    const plan = cache.planFor(set.contracts[c]);
    plans.push(plan);
    contractKind[c] = keyIndex(kindKeys, kindAt, kindKey(set.types[c], set.mechanisms[c]));
    const gs = set.groups[c];
    for (let g = 0; g < gs.length; g++) {
      const flat = groupStart[c] + g;
      groupDept[flat] = keyIndex(deptKeys, deptAt, gs[g].deptId);
      groupProject[flat] = keyIndex(projectKeys, projectAt, gs[g].projectId);
      groupCurrency[flat] = gs[g].currency;
    }
    lastAt.fill(-1);
    lastEnd.fill(-Infinity);
    prevEnd.fill(-Infinity);
    const oEnd = oStart[c + 1];
    for (let i = oStart[c]; i < oEnd; i++) {
      // arrears.ts's own per-obligation figures, on the ledger's day numbers: a ledger's payments
      // are all in their obligation's currency, as replayLedgers gives them to computeArrears.
      const row = settleOnDays(oAmount[i], oDisputed[i], oDueDay[i], asOfDay, pDay, pAmount, pStart[i], pStart[i + 1], plan);
      open[i] = row.outstanding - row.disputed;
      interest[i] = row.interest;

      const k = oKind[i];
      const end = oDueDay[i] - oTriggerLead[i];
      if (end > lastEnd[k]) {
        prevEnd[k] = lastEnd[k];
        lastEnd[k] = end;
        lastAt[k] = i;
      } else if (end < lastEnd[k] && end > prevEnd[k]) {
        prevEnd[k] = end;
      }
    }
    let hasSeries = false;
    const opEnd = set.operationEndDays[c];
    for (const k of recurring) {
      const last = lastAt[k];
      if (last < 0) continue;
      hasSeries = true;
      const endDay = lastEnd[k];
      if (opEnd === null) {
        if (!noOperationEnd.includes(c)) noOperationEnd.push(c);
        continue;
      }
      if (endDay >= opEnd) continue;
      series.push({
        contract: c,
        kind: OBLIGATION_KINDS[k],
        last,
        group: set.oGroup[last],
        periodMonths: prevEnd[k] === -Infinity ? 12 : periodOf(endDay - prevEnd[k]),
        endDay,
        amount: set.oAmount[last] + set.oDeducted[last],
        linked: set.oLinked[last],
        lead: set.oTriggerLead[last],
      });
    }
    // Users pay a user-pays contract's operator: no government fee is missing from its schedule.
    if (!hasSeries && opEnd !== null && opEnd >= asOfDay && set.mechanisms[c] !== 'user-pays') noFeeSchedule.push(c);
  }
  return {
    set,
    asOf,
    asOfDay,
    open,
    interest,
    plans,
    series,
    groupStart,
    groupDept,
    groupProject,
    groupCurrency,
    deptKeys,
    projectKeys,
    contractKind,
    kindKeys,
    noOperationEnd,
    noFeeSchedule,
    computeMs: Math.round(now() - t0),
  };
}

export interface OutlookOptions {
  horizonYears: number;
  currency: string;
  policy: FiscalPolicy;
  scenario: OutlookScenario;
}

/** Where a line's amount goes: contract c's group g (flat index), year y, measure; linked shown apart. */
export interface OutlookLineSink {
  line(
    c: number,
    flatGroup: number,
    y: number,
    measure: number,
    amount: number,
    linked: number,
    obligation: number,
    series: number,
    periodEndDay: number,
    dueDay: number,
    payDay: number,
  ): void;
  beyond(c: number, amount: number): void;
}

const clampInt = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.trunc(Number.isFinite(n) ? n : lo)));

/** Calendar years of the horizon, starting with the as-of date's. */
export function horizonYears(asOf: IsoDate, years: number): number[] {
  const y0 = Number(asOf.slice(0, 4));
  return Array.from({ length: clampInt(years, 1, MAX_HORIZON_YEARS) }, (_, i) => y0 + i);
}

/** Runs every line of the outlook into `sink`; `only` restricts it to some contracts. */
export function walkOutlook(base: OutlookBase, opts: OutlookOptions, sink: OutlookLineSink, only?: Iterable<number>): void {
  const set = base.set;
  const years = horizonYears(base.asOf, opts.horizonYears);
  const H = years.length;
  const starts = years.map((y) => isoDayNumber(`${String(y).padStart(4, '0')}-01-01`));
  const horizonEnd = isoDayNumber(`${String(years[H - 1] + 1).padStart(4, '0')}-01-01`);
  const late = clampInt(opts.scenario.lateDays, 0, MAX_LATE_DAYS);
  const yearOf = (day: number): number => {
    if (day >= horizonEnd) return -1;
    // A year has at most 366 days, so this starts at or below the year and steps at most once.
    let y = day < starts[0] ? 0 : Math.min(H - 1, Math.floor((day - starts[0]) / 366));
    while (y + 1 < H && starts[y + 1] <= day) y++;
    return y;
  };
  const asOfDay = base.asOfDay;
  const arrearsYear = yearOf(asOfDay + late);
  const currency = opts.currency;

  const contracts = only ? [...only] : null;
  const count = contracts ? contracts.length : set.count;
  for (let ci = 0; ci < count; ci++) {
    const c = contracts ? contracts[ci] : ci;
    const plan = base.plans[c];
    const g0 = base.groupStart[c];
    for (let i = set.oStart[c]; i < set.oStart[c + 1]; i++) {
      const flat = g0 + set.oGroup[i];
      if (base.groupCurrency[flat] !== currency) continue;
      const due = set.oDueDay[i];
      const open = base.open[i];
      const linkedPayable = Math.max(0, set.oLinked[i] - set.oDeducted[i]);
      const linked = open > 0 ? Math.min(linkedPayable, open) : 0;
      if (due < asOfDay) {
        // Past due: what is overdue is paid (late + N) days on; interest to date and the delay's.
        let interest = base.interest[i];
        if (open > 0 && late > 0) interest += roundInterest(accrueFurther(plan, due, asOfDay, asOfDay + late, open), plan.denominator);
        if (arrearsYear < 0) {
          sink.beyond(c, open + interest);
          continue;
        }
        if (open > 0) sink.line(c, flat, arrearsYear, ARREARS, open, linked, i, -1, -1, due, asOfDay + late);
        if (interest > 0) sink.line(c, flat, arrearsYear, INTEREST, interest, 0, i, -1, -1, due, asOfDay + late);
        continue;
      }
      if (open <= 0) continue;
      const pay = due + late;
      const y = yearOf(pay);
      if (y < 0) {
        sink.beyond(c, open);
        continue;
      }
      sink.line(c, flat, y, y > yearOf(due) ? ARREARS : SCHEDULED, open, linked, i, -1, -1, due, pay);
      if (late > 0) {
        const interest = roundInterest(accrueFurther(plan, due, due, pay, open), plan.denominator);
        if (interest > 0) sink.line(c, flat, y, INTEREST, interest, 0, i, -1, -1, due, pay);
      }
    }
  }

  const wanted = contracts ? new Set(contracts) : null;
  for (let s = 0; s < base.series.length; s++) {
    const fs = base.series[s];
    if (wanted && !wanted.has(fs.contract)) continue;
    const c = fs.contract;
    const flat = base.groupStart[c] + fs.group;
    if (base.groupCurrency[flat] !== currency) continue;
    const opEnd = set.operationEndDays[c] as number;
    const plan = base.plans[c];
    const anchor = isoOfDay(fs.endDay + 1);
    const [ay, am, ad] = [Number(anchor.slice(0, 4)), Number(anchor.slice(5, 7)), Number(anchor.slice(8, 10))];
    const contractRate = set.indexations[c];
    const fees = [fs.amount];
    const feeFor = (n: number): number => {
      while (fees.length <= n) {
        const step = fees.length;
        const rate = opts.scenario.indexationBp ?? contractRate ?? defaultIndexationOn(opts.policy, addMonths(anchor, 12 * step));
        fees.push(roundInterest(mul(fees[step - 1], Math.max(0, 10_000 + rate)), 10_000));
      }
      return fees[n];
    };
    let prevEndDay = fs.endDay;
    for (let k = 1; ; k++) {
      const fullEnd = monthsLaterDay(ay, am, ad, k * fs.periodMonths) - 1;
      const stub = fullEnd > opEnd;
      const endDay = stub ? opEnd : fullEnd;
      if (endDay <= prevEndDay) break;
      const due = endDay + fs.lead;
      if (due < asOfDay) {
        // A period that ended and fell due before the as-of date without being scheduled is not
        // projected backwards: the schedule is the record of the past.
        prevEndDay = endDay;
        if (stub) break;
        continue;
      }
      let amount = feeFor(Math.floor((k * fs.periodMonths) / 12));
      if (stub) amount = roundInterest(mul(amount, endDay - prevEndDay), fullEnd - prevEndDay);
      const linked = fs.amount > 0 ? roundInterest(mul(amount, fs.linked), fs.amount) : 0;
      const pay = due + late;
      const y = yearOf(pay);
      // Projections stop at the horizon; only scheduled amounts are summed beyond it.
      if (y < 0) break;
      const dueYear = yearOf(due);
      sink.line(c, flat, y, y > dueYear ? ARREARS : PROJECTED, amount, linked, -1, s, endDay, due, pay);
      if (late > 0) {
        const interest = roundInterest(accrueFurther(plan, due, due, pay, amount), plan.denominator);
        if (interest > 0) sink.line(c, flat, y, INTEREST, interest, 0, -1, s, endDay, due, pay);
      }
      prevEndDay = endDay;
      if (stub) break;
    }
  }
}

/** a × b exactly: a number while safe, else a bigint (roundInterest divides either). */
function mul(a: number, b: number): number | bigint {
  const p = a * b;
  return Number.isSafeInteger(p) ? p : BigInt(a) * BigInt(b);
}

/** A roll-up: one row per key, H years × the measures per row. */
export interface OutlookRows {
  keys: string[];
  /** values[(row × H + year) × measures + measure]. */
  values: Float64Array;
}

export interface OutlookResult {
  asOf: IsoDate;
  years: number[];
  currency: string;
  scenario: OutlookScenario;
  /** years × measures. */
  total: Float64Array;
  /** The same, over contracts of the policy's PPP types: the red line's numerator. */
  ppp: Float64Array;
  departments: OutlookRows;
  projects: OutlookRows;
  kinds: OutlookRows;
  /** Paid after the horizon's last year. */
  beyondHorizon: number;
  /** Contracts with amounts in other currencies, left out. */
  otherCurrency: number[];
  computeMs: number;
}

/** The outlook by year, department, project and contract kind. */
export function computeOutlook(base: OutlookBase, opts: OutlookOptions): OutlookResult {
  const t0 = now();
  const set = base.set;
  const years = horizonYears(base.asOf, opts.horizonYears);
  const H = years.length;
  const stride = H * M;
  const total = new Float64Array(stride);
  const ppp = new Float64Array(stride);
  const dept = new Float64Array(base.deptKeys.length * stride);
  const proj = new Float64Array(base.projectKeys.length * stride);
  const kinds = new Float64Array(base.kindKeys.length * stride);
  const pppTypes = new Set<string>(opts.policy.pppTypes);
  const isPpp = set.types.map((t) => pppTypes.has(t));
  let beyondHorizon = 0;
  walkOutlook(base, opts, {
    line(c, flat, y, measure, amount, linked) {
      const at = y * M;
      total[at + measure] += amount;
      total[at + LINKED] += linked;
      const d = base.groupDept[flat] * stride + at;
      dept[d + measure] += amount;
      dept[d + LINKED] += linked;
      const p = base.groupProject[flat] * stride + at;
      proj[p + measure] += amount;
      proj[p + LINKED] += linked;
      const k = base.contractKind[c] * stride + at;
      kinds[k + measure] += amount;
      kinds[k + LINKED] += linked;
      if (isPpp[c]) {
        ppp[at + measure] += amount;
        ppp[at + LINKED] += linked;
      }
    },
    beyond(_c, amount) {
      beyondHorizon += amount;
    },
  });
  const otherCurrency: number[] = [];
  for (let c = 0; c < set.count; c++) {
    for (let g = base.groupStart[c]; g < base.groupStart[c + 1]; g++) {
      if (base.groupCurrency[g] !== opts.currency) {
        otherCurrency.push(c);
        break;
      }
    }
  }
  return {
    asOf: base.asOf,
    years,
    currency: opts.currency,
    scenario: opts.scenario,
    total,
    ppp,
    departments: { keys: base.deptKeys, values: dept },
    projects: { keys: base.projectKeys, values: proj },
    kinds: { keys: base.kindKeys, values: kinds },
    beyondHorizon,
    otherCurrency,
    computeMs: Math.round(now() - t0),
  };
}

/** One measure of one year in a years × measures block (row 0 of `values` unless given). */
export function figure(values: Float64Array, years: number, y: number, measure: OutlookMeasure | 'owed', row = 0): number {
  const at = (row * years + y) * M;
  if (measure === 'owed') return values[at + SCHEDULED] + values[at + PROJECTED] + values[at + ARREARS] + values[at + INTEREST];
  return values[at + OUTLOOK_MEASURES.indexOf(measure)];
}

/** A row's sum over all years. */
export function rowTotal(values: Float64Array, years: number, measure: OutlookMeasure | 'owed', row = 0): number {
  let s = 0;
  for (let y = 0; y < years; y++) s += figure(values, years, y, measure, row);
  return s;
}

export type OutlookDimension = 'total' | 'department' | 'project' | 'kind';

/** One line behind a figure: a scheduled obligation, a projected fee, an arrear or its interest. */
export interface OutlookLine {
  contract: number;
  /** The dimension keys of its group. */
  departmentId: string;
  projectId: string;
  measure: Exclude<OutlookMeasure, 'linked'>;
  year: number;
  /** Ledger-set index of the obligation; −1 for a projected fee. */
  obligation: number;
  /** The projected fee's series (index into base.series); −1 for an obligation. */
  series: number;
  /** A projected fee's period end. */
  periodEnd: IsoDate | '';
  dueDate: IsoDate;
  /** When the outlook expects it paid (the due date, or later under a late-payment scenario). */
  payDate: IsoDate;
  amount: number;
  linked: number;
}

export interface LineQuery {
  dimension: OutlookDimension;
  /** The row's key (department id, project id, kind key); ignored for 'total'. */
  key: string;
  /** Index into the horizon's years. */
  year: number;
  measure: OutlookMeasure | 'owed';
  /** Only the PPP-type contracts (the red line's figure). */
  pppOnly?: boolean;
}

/**
 * The lines behind one figure, in the order they add up: the sum of their amounts (or, for the
 * 'linked' measure, of their linked parts) equals the figure computeOutlook gives.
 */
export function outlookLines(base: OutlookBase, opts: OutlookOptions, q: LineQuery): OutlookLine[] {
  const set = base.set;
  const years = horizonYears(base.asOf, opts.horizonYears);
  const pppTypes = new Set<string>(opts.policy.pppTypes);
  const m = q.measure === 'owed' ? -1 : OUTLOOK_MEASURES.indexOf(q.measure);
  const keyAt = (keys: string[]) => keys.indexOf(q.key);
  const want =
    q.dimension === 'department' ? keyAt(base.deptKeys) : q.dimension === 'project' ? keyAt(base.projectKeys) : q.dimension === 'kind' ? keyAt(base.kindKeys) : 0;
  const out: OutlookLine[] = [];
  if (want < 0) return out;
  const candidates: number[] = [];
  for (let c = 0; c < set.count; c++) {
    if (q.pppOnly && !pppTypes.has(set.types[c])) continue;
    if (q.dimension === 'kind' && base.contractKind[c] !== want) continue;
    if (q.dimension === 'department' || q.dimension === 'project') {
      const keys = q.dimension === 'department' ? base.groupDept : base.groupProject;
      let hit = false;
      for (let g = base.groupStart[c]; g < base.groupStart[c + 1] && !hit; g++) hit = keys[g] === want;
      if (!hit) continue;
    }
    candidates.push(c);
  }
  walkOutlook(
    base,
    opts,
    {
      line(c, flat, y, measure, amount, linked, obligation, series, periodEndDay, dueDay, payDay) {
        if (y !== q.year) return;
        if (q.dimension === 'department' && base.groupDept[flat] !== want) return;
        if (q.dimension === 'project' && base.groupProject[flat] !== want) return;
        if (m === LINKED ? linked <= 0 : m >= 0 && measure !== m) return;
        const g = set.groups[c][flat - base.groupStart[c]];
        out.push({
          contract: c,
          departmentId: g.deptId,
          projectId: g.projectId,
          measure: OUTLOOK_MEASURES[measure] as OutlookLine['measure'],
          year: years[y],
          obligation,
          series,
          periodEnd: periodEndDay >= 0 ? isoOfDay(periodEndDay) : '',
          dueDate: isoOfDay(dueDay),
          payDate: isoOfDay(payDay),
          amount,
          linked,
        });
      },
      beyond() {},
    },
    candidates,
  );
  return out;
}
