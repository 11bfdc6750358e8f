// The per-contract LEDGER: everything the portfolio arrears roll-up reads about one contract,
// packed into one short string, so the roll-up reads one small row per contract instead of every
// obligation and payment record (reading IndexedDB costs per byte; the raw rows are ~30× larger).
//
// What a ledger holds: the contract's type, value, interest policy and rate, the ids of its SME parties,
// its warning codes, what the fiscal outlook projects from (payment mechanism, signing and operation
// dates, indexation, project), and per live obligation [group, kind, due day, payable amount,
// disputed, trigger lead, performance-linked amount, active deductions] and per live payment
// [obligation index, paid day, amount]. A "group" is a distinct (project, payee, payer
// department, currency) of the contract's obligations — nearly always one per contract.
// The payable amount is the obligation amount less the active performance deductions against it
// (a finalised review that cuts a fee reduces what is owed, not just what is paid).
// Only rows the screen (ledger-rows.ts) lets through are packed: a malformed row, or a payment in
// another currency than its obligation, is held apart and its problem is packed instead, so replay
// may give every payment its obligation's currency and one bad row never stops a rebuild.
//
// Packing: a Latin-1 string (every char 0–255, so V8 stores and IndexedDB serialises it as one
// byte per char; a plain string also survives backups and JSON, which typed arrays do not).
// Integers are base-128 varints, signed ones zig-zagged; due days are deltas from the previous
// obligation's, paid days deltas from their obligation's due day, so most numbers take 1–3 bytes.
// UUID strings are stored as their 16 bytes.
//
// replayLedgers turns decoded ledgers back into computeArrears input with reused objects, so the
// roll-up over ledgers runs the very same arithmetic as the one over raw rows.
import { CONTRACT_WARNING_CODES, type ContractWarning, type ContractWarningCode, type ContractWarningSeverity } from './contract-rules';
import type { ArrearsContract, ArrearsObligation, ArrearsPayment } from './arrears';
import { MAX_ROW_PROBLEMS, ROW_PROBLEM_CODES, screenContract, screenRows, type RowProblem, type ScreenContract, type ScreenPayment } from './ledger-rows';
import { fromDayNumber } from '../core/dates';
import { isoDayNumber } from './interest';
import {
  CONTRACT_TYPES,
  INTEREST_POLICY_KINDS,
  OBLIGATION_KINDS,
  PPP_PAYMENT_MECHANISMS,
  type ContractType,
  type InterestPolicyKind,
  type IsoDate,
  type Money,
  type ObligationKind,
  type PaymentObligation,
  type PppPaymentMechanism,
  type Uuid,
} from '../core/types';
import { isIsoDate } from '../core/dates';
import { isAmount } from './payment-rules';
import { payableAmount } from './payable';
import { compareObligations } from './schedule';
import { HEX_OF_BYTE } from '../core/hex';

// 5: the SME "no interest" warning became serious; ledgers written before carry its old severity.
// 6: what the fiscal outlook projects from (obligation kinds, trigger leads, performance-linked and
// deducted amounts; the contract's payment mechanism, dates, indexation and project).
const FORMAT_VERSION = 6;
const SEVERITIES: readonly ContractWarningSeverity[] = ['info', 'warning', 'serious'];
/** 2^52: zig-zag doubles a value, which must stay a safe integer. */
const MAX_MAGNITUDE = 2 ** 52;

export interface LedgerGroup {
  projectId: Uuid;
  payeeId: Uuid | '';
  deptId: Uuid | '';
  currency: string;
}

/** A contract's ledger, decoded. Obligation columns are parallel arrays; payments are sorted by obligation. */
export interface ContractLedger {
  contractId: Uuid;
  type: ContractType;
  interestPolicy: InterestPolicyKind;
  contractRatePpmPerDay: number;
  /** The contract value (for portfolio totals by type without reading the contracts). */
  value: Money;
  /** Non-government parties flagged SME on the contract. */
  smeOrgIds: Uuid[];
  warnings: Pick<ContractWarning, 'code' | 'severity'>[];
  /** Rows held apart (malformed, or a payment in another currency), left out of every figure. */
  heldApart: number;
  /** The first MAX_ROW_PROBLEMS of them, naming the row. */
  problems: RowProblem[];
  /** PPP or franchise payment mechanism; '' when not recorded or not applicable. */
  pppPaymentMechanism: PppPaymentMechanism | '';
  /** UTC day numbers of the signing date and the operation period; null when not recorded. */
  signedDay: number | null;
  operationStartDay: number | null;
  operationEndDay: number | null;
  /** Yearly indexation of recurring fees in bp; null = the office's default applies. */
  indexationBp: number | null;
  projectId: Uuid;
  groups: LedgerGroup[];
  oGroup: number[];
  oKind: ObligationKind[];
  oDueDay: number[];
  oAmount: number[];
  oDisputed: number[];
  /** Days from the trigger date (period end, acceptance, invoice) to the due date. */
  oTriggerLead: number[];
  /** The performance-linked part of the amount as scheduled, before deductions. */
  oLinked: number[];
  /** Active performance deductions: amount as scheduled = payable + deducted. */
  oDeducted: number[];
  pObligation: number[];
  pDay: number[];
  pAmount: number[];
}

/** What a ledger is built from: the contract and its stored rows (tombstones are left out here). */
export interface LedgerSource {
  contract: LedgerContract;
  warnings: readonly Pick<ContractWarning, 'code' | 'severity'>[];
  obligations: readonly LedgerObligation[];
  payments: readonly ScreenPayment[];
  /** Active deductions per obligation id (minor units, the obligation's currency). */
  deductions?: ReadonlyMap<Uuid, number>;
}

/** What a ledger reads of its contract: what the arrears read, and what the outlook projects from. */
export interface LedgerContract extends ScreenContract {
  projectId: Uuid;
  pppPaymentMechanism: PppPaymentMechanism | '';
  signedOn: IsoDate | '';
  operationStart: IsoDate | '';
  operationEnd: IsoDate | '';
  /** Absent on records written before contracts carried it: the office default applies. */
  indexationBp?: number | null;
}

/** An obligation as a ledger reads it. */
export type LedgerObligation = ArrearsObligation &
  Partial<Pick<PaymentObligation, 'kind' | 'triggerDate' | 'performanceLinkedAmount'>> & { description?: string; deleted?: 0 | 1 };

/**
 * The obligations a ledger holds, in its order: index k of a ledger is the k-th of these. The
 * outlook names the rows behind a figure with it, so it must screen and sort exactly as buildLedger does.
 */
export function ledgerObligations<O extends LedgerObligation>(contractId: Uuid, obligations: readonly O[], deductions?: ReadonlyMap<Uuid, number>): O[] {
  return screenRows(contractId, obligations, [], deductions).obligations.sort(compareObligations);
}

// The outlook's fields are not screened with the arrears' (a bad one must not hold a row apart from
// the arrears): a malformed date, kind, mechanism or amount is read as not recorded instead.
const dayOrNull = (d: unknown) => (typeof d === 'string' && isIsoDate(d) ? isoDayNumber(d) : null);
const INDEXATION_LIMIT = 100_000;

/** Builds the ledger: live, well-formed obligations in schedule order, their payments by date. */
export function buildLedger(src: LedgerSource): ContractLedger {
  const { contract, problems: contractProblems } = screenContract(src.contract);
  const rows = screenRows(contract.id, src.obligations, src.payments, src.deductions);
  const live = rows.obligations.sort(compareObligations);
  const index = new Map(live.map((o, i) => [o.id, i]));
  const groups: LedgerGroup[] = [];
  const groupIndex = new Map<string, number>();
  const l: ContractLedger = {
    contractId: contract.id,
    type: contract.type,
    interestPolicy: contract.interestPolicy,
    contractRatePpmPerDay: contract.contractRatePpmPerDay,
    value: { amount: contract.value.amount, currency: contract.value.currency },
    smeOrgIds: [...new Set(contract.parties.filter((p) => p.isSme && p.role !== 'government').map((p) => p.orgId))],
    warnings: src.warnings.map((w) => ({ code: w.code, severity: w.severity })),
    heldApart: contractProblems.length + rows.heldApart,
    problems: [...contractProblems, ...rows.problems].slice(0, MAX_ROW_PROBLEMS),
    pppPaymentMechanism: (PPP_PAYMENT_MECHANISMS as readonly string[]).includes(contract.pppPaymentMechanism) ? contract.pppPaymentMechanism : '',
    signedDay: dayOrNull(contract.signedOn),
    operationStartDay: dayOrNull(contract.operationStart),
    operationEndDay: dayOrNull(contract.operationEnd),
    indexationBp:
      Number.isSafeInteger(contract.indexationBp) && Math.abs(contract.indexationBp as number) <= INDEXATION_LIMIT ? (contract.indexationBp as number) : null,
    projectId: typeof contract.projectId === 'string' ? contract.projectId : '',
    groups,
    oGroup: [],
    oKind: [],
    oDueDay: [],
    oAmount: [],
    oDisputed: [],
    oTriggerLead: [],
    oLinked: [],
    oDeducted: [],
    pObligation: [],
    pDay: [],
    pAmount: [],
  };
  for (const o of live) {
    const key = `${o.projectId}\u0000${o.payeeId}\u0000${o.payerDepartmentId}\u0000${o.amount.currency}`;
    let g = groupIndex.get(key);
    if (g === undefined) {
      g = groups.length;
      groupIndex.set(key, g);
      groups.push({ projectId: o.projectId, payeeId: o.payeeId, deptId: o.payerDepartmentId, currency: o.amount.currency });
    }
    const due = isoDayNumber(o.dueDate);
    const payable = payableAmount(o, src.deductions);
    l.oGroup.push(g);
    l.oKind.push(o.kind && (OBLIGATION_KINDS as readonly string[]).includes(o.kind) ? o.kind : 'other');
    l.oDueDay.push(due);
    l.oAmount.push(payable);
    l.oDisputed.push(o.disputedAmount);
    l.oTriggerLead.push(typeof o.triggerDate === 'string' && isIsoDate(o.triggerDate) ? due - isoDayNumber(o.triggerDate) : 0);
    l.oLinked.push(isAmount(o.performanceLinkedAmount) ? o.performanceLinkedAmount : 0);
    l.oDeducted.push(o.amount.amount - payable);
  }
  const pays = rows.payments
    .filter((p) => index.has(p.obligationId))
    .map((p) => ({ o: index.get(p.obligationId) as number, day: isoDayNumber(p.paidOn), amount: p.amount.amount }))
    .sort((a, b) => a.o - b.o || a.day - b.day);
  for (const p of pays) {
    l.pObligation.push(p.o);
    l.pDay.push(p.day);
    l.pAmount.push(p.amount);
  }
  return l;
}

/**
 * The ledger of a contract whose rebuild failed in a way the screen did not foresee: no rows, and
 * one problem saying so, so the failure is visible and the rest of the portfolio is computed.
 */
export function failedLedger(contractId: Uuid, reason: string): ContractLedger {
  const l = buildLedger({
    contract: {
      id: contractId,
      projectId: '',
      type: 'traditional',
      pppPaymentMechanism: '',
      signedOn: '',
      operationStart: '',
      operationEnd: '',
      interestPolicy: 'none',
      contractRatePpmPerDay: 0,
      value: { amount: 0, currency: 'CNY' },
      parties: [],
    },
    warnings: [],
    obligations: [],
    payments: [],
  });
  l.heldApart = 1;
  l.problems = [{ contractId, entity: 'contract', id: contractId, field: '', code: 'ledger-failed', params: { value: reason.slice(0, 200) } }];
  return l;
}

// ---- packing ----

class Writer {
  private codes: number[] = [];
  byte(b: number): void {
    this.codes.push(b);
  }
  uint(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`ledger: not a count ${n}`);
    while (n >= 128) {
      this.codes.push((n % 128) + 128);
      n = Math.floor(n / 128);
    }
    this.codes.push(n);
  }
  int(n: number): void {
    if (!Number.isSafeInteger(n) || Math.abs(n) > MAX_MAGNITUDE) throw new RangeError(`ledger: amount out of range ${n}`);
    this.uint(n >= 0 ? n * 2 : -n * 2 - 1);
  }
  /** null as 0, a number as its zig-zag + 1. */
  optInt(n: number | null): void {
    if (n === null) this.uint(0);
    else {
      if (!Number.isSafeInteger(n) || Math.abs(n) > MAX_MAGNITUDE / 2) throw new RangeError(`ledger: value out of range ${n}`);
      this.uint((n >= 0 ? n * 2 : -n * 2 - 1) + 1);
    }
  }
  str(s: string): void {
    if (s === '') {
      this.byte(0);
    } else if (UUID_RE.test(s)) {
      this.byte(1);
      const hex = s.replace(/-/g, '');
      for (let i = 0; i < 32; i += 2) this.byte(parseInt(hex.slice(i, i + 2), 16));
    } else {
      this.byte(2);
      this.uint(s.length);
      for (let i = 0; i < s.length; i++) this.uint(s.charCodeAt(i));
    }
  }
  done(): string {
    let out = '';
    for (let i = 0; i < this.codes.length; i += 8192) out += String.fromCharCode(...this.codes.slice(i, i + 8192));
    return out;
  }
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeLedger(l: ContractLedger): string {
  const w = new Writer();
  w.byte(FORMAT_VERSION);
  // The counts first, so a reader can size its arrays for many ledgers before decoding any.
  w.uint(l.oDueDay.length);
  w.uint(l.pDay.length);
  w.byte(CONTRACT_TYPES.indexOf(l.type));
  w.byte(INTEREST_POLICY_KINDS.indexOf(l.interestPolicy));
  w.uint(Math.max(0, l.contractRatePpmPerDay));
  // Strings once each, referred to by index.
  const strings: string[] = [];
  const at = new Map<string, number>();
  const ref = (s: string) => {
    let i = at.get(s);
    if (i === undefined) {
      i = strings.length;
      at.set(s, i);
      strings.push(s);
    }
    return i;
  };
  const valueCurrency = ref(l.value.currency);
  const projectRef = ref(l.projectId);
  const smeRefs = l.smeOrgIds.map(ref);
  const groupRefs = l.groups.map((g) => [ref(g.projectId), ref(g.payeeId), ref(g.deptId), ref(g.currency)]);
  w.uint(strings.length);
  for (const s of strings) w.str(s);
  w.int(l.value.amount);
  w.uint(valueCurrency);
  w.uint(smeRefs.length);
  for (const r of smeRefs) w.uint(r);
  w.uint(l.warnings.length);
  for (const x of l.warnings) {
    w.byte(CONTRACT_WARNING_CODES.indexOf(x.code));
    w.byte(SEVERITIES.indexOf(x.severity));
  }
  w.uint(l.heldApart);
  w.uint(l.problems.length);
  for (const p of l.problems) w.str(JSON.stringify([p.entity, p.id, p.field, p.code, p.params]));
  w.byte(PPP_PAYMENT_MECHANISMS.indexOf(l.pppPaymentMechanism as PppPaymentMechanism) + 1);
  w.optInt(l.signedDay);
  w.optInt(l.operationStartDay);
  w.optInt(l.operationEndDay);
  w.optInt(l.indexationBp);
  w.uint(projectRef);
  w.uint(groupRefs.length);
  for (const g of groupRefs) for (const r of g) w.uint(r);
  // Deltas: a schedule's due days step by a period and its fees repeat, so most deltas are tiny.
  const n = l.oDueDay.length;
  let prevDay = 0;
  let prevAmount = 0;
  let prevLinked = 0;
  for (let i = 0; i < n; i++) {
    // The kind rides in the group number's low bits (there are fewer than 8 kinds).
    w.uint(l.oGroup[i] * 8 + OBLIGATION_KINDS.indexOf(l.oKind[i]));
    w.int(l.oDueDay[i] - prevDay);
    w.int(l.oAmount[i] - prevAmount);
    w.int(l.oDisputed[i]);
    w.int(l.oTriggerLead[i]);
    w.int(l.oLinked[i] - prevLinked);
    w.int(l.oDeducted[i]);
    prevDay = l.oDueDay[i];
    prevAmount = l.oAmount[i];
    prevLinked = l.oLinked[i];
  }
  // Payments by obligation: the index as a step from the previous payment's, the day from the
  // obligation's due day, the amount from the obligation's payable amount (a full payment is 0).
  const m = l.pDay.length;
  let prevO = 0;
  for (let i = 0; i < m; i++) {
    const o = l.pObligation[i];
    if (o < prevO) throw new RangeError('ledger: payments not sorted by obligation');
    w.uint(o - prevO);
    w.int(l.pDay[i] - l.oDueDay[o]);
    w.int(l.pAmount[i] - l.oAmount[o]);
    prevO = o;
  }
  return w.done();
}

/**
 * Uuid text of 16 packed bytes, memoised: a portfolio repeats few projects, payees and departments.
 * Looked up by a hash of the bytes, checked against the bytes kept with the text, so reading one
 * allocates nothing once its text is known (a 16-char slice as the key cost more than the rest of
 * a contract's header).
 */
const uuidMemo = new Map<number, { raw: string; id: string }>();

function uuidAt(s: string, pos: number): string {
  // Random ids differ in their first bytes already; eight make a key that rarely meets another.
  let h = 0;
  for (let i = pos; i < pos + 8; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  // A small integer key (30 bits) whatever the engine's pointer size.
  const key = h & 0x3fffffff;
  const hit = uuidMemo.get(key);
  if (hit !== undefined) {
    // Compared char by char: startsWith at an offset costs more than the whole lookup.
    const raw = hit.raw;
    let i = 0;
    while (i < 16 && raw.charCodeAt(i) === s.charCodeAt(pos + i)) i++;
    if (i === 16) return hit.id;
  }
  let hex = '';
  for (let i = pos; i < pos + 16; i++) hex += HEX_OF_BYTE[s.charCodeAt(i)];
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  // Another id with the same hash keeps its place (this one is rebuilt each time, correctly); a
  // truncated ledger (which fails its length check) is not remembered.
  if (hit === undefined && pos + 16 <= s.length) {
    if (uuidMemo.size > 200_000) uuidMemo.clear();
    uuidMemo.set(key, { raw: s.slice(pos, pos + 16), id });
  }
  return id;
}

/**
 * The signed integer a zig-zagged one stands for. Halved with Math.floor, not tested with `%`: an
 * amount's zig-zag is past 2^31, where V8 holds it as a double and `%` is a slow library call.
 */
function unzigzag(z: number): number {
  const h = Math.floor(z / 2);
  return z === h * 2 ? h : -h - 1;
}

/** The numbers of the ledger being decoded (reused: decoding is synchronous). */
let scratch = new Float64Array(4096);

function columnScratch(need: number): Float64Array {
  if (scratch.length < need) scratch = new Float64Array(Math.max(need, scratch.length * 2));
  return scratch;
}

/**
 * Reads `rows` × `width` varints from `pos` into `out` from index `at`, the first of each row
 * unsigned, the others zig-zagged, and returns the position after them. One loop without calls,
 * as fast before the optimising compiler has got to it as after: the zig-zag sign and half are
 * taken from the first byte (its low bit is the value's). Past the end of the string a read gives
 * 0 and the position runs on past its length, which the caller checks.
 */
function readColumns(s: string, pos: number, rows: number, width: number, out: Float64Array, at: number): number {
  const end = at + rows * width;
  let col = 0;
  for (let k = at; k < end; k++) {
    const b = s.charCodeAt(pos++);
    const low = b & 127;
    // The value is low + rest × 128.
    let rest = 0;
    if (b >= 128) {
      let mul = 1;
      for (;;) {
        const c = s.charCodeAt(pos++);
        if (c < 128) {
          rest += c * mul;
          break;
        }
        if (!(c >= 128)) break;
        rest += (c - 128) * mul;
        mul *= 128;
      }
    }
    if (col === 0) {
      out[k] = low + rest * 128;
    } else {
      const half = (low >> 1) + rest * 64;
      out[k] = (low & 1) === 0 ? half : -half - 1;
    }
    col = col + 1 === width ? 0 : col + 1;
  }
  return pos;
}

class Reader {
  pos = 0;
  constructor(readonly s: string) {}
  byte(): number {
    return this.s.charCodeAt(this.pos++);
  }
  /** Past the end of the string: 0, and the position runs on past its length, which add() checks. */
  uint(): number {
    const s = this.s;
    let b = s.charCodeAt(this.pos++);
    if (b < 128) return b;
    if (!(b >= 128)) return 0;
    let n = b - 128;
    let mul = 128;
    for (;;) {
      b = s.charCodeAt(this.pos++);
      if (b < 128) return n + b * mul;
      if (!(b >= 128)) return 0;
      n += (b - 128) * mul;
      mul *= 128;
    }
  }
  int(): number {
    return unzigzag(this.uint());
  }
  optInt(): number | null {
    const z = this.uint();
    return z === 0 ? null : unzigzag(z - 1);
  }
  str(): string {
    const tag = this.byte();
    if (tag === 0) return '';
    if (tag === 1) {
      const id = uuidAt(this.s, this.pos);
      this.pos += 16;
      return id;
    }
    const len = this.uint();
    // Text of one-byte chars (a currency code) is its own bytes: taken in one slice.
    const s = this.s;
    const end = this.pos + len;
    let i = this.pos;
    while (i < end && s.charCodeAt(i) < 128) i++;
    if (i === end) {
      const text = s.slice(this.pos, end);
      this.pos = end;
      return text;
    }
    let out = '';
    for (let i = 0; i < len; i++) out += String.fromCharCode(this.uint());
    return out;
  }
}

export class LedgerFormatError extends Error {
  constructor(readonly contractId: string) {
    super(`ledger of ${contractId} has an unknown format`);
    this.name = 'LedgerFormatError';
  }
}

/** Only the header: type, policy and warnings (lists and filters need no amounts). */
export interface LedgerHeader {
  contractId: Uuid;
  type: ContractType;
  interestPolicy: InterestPolicyKind;
  warnings: Pick<ContractWarning, 'code' | 'severity'>[];
}

interface Head {
  heldApart: number;
  problems: RowProblem[];
  obligations: number;
  payments: number;
  type: ContractType;
  policy: InterestPolicyKind;
  ppm: number;
  value: Money;
  strings: string[];
  smeOrgIds: string[];
  warnings: Pick<ContractWarning, 'code' | 'severity'>[];
  mechanism: PppPaymentMechanism | '';
  signedDay: number | null;
  operationStartDay: number | null;
  operationEndDay: number | null;
  indexationBp: number | null;
  projectId: Uuid;
}

function readHead(r: Reader, contractId: Uuid): Head {
  if (r.byte() !== FORMAT_VERSION) throw new LedgerFormatError(contractId);
  const obligations = r.uint();
  const payments = r.uint();
  const type = CONTRACT_TYPES[r.byte()];
  const policy = INTEREST_POLICY_KINDS[r.byte()];
  const ppm = r.uint();
  if (!type || !policy) throw new LedgerFormatError(contractId);
  const nStrings = r.uint();
  const strings = new Array<string>(nStrings);
  for (let i = 0; i < nStrings; i++) strings[i] = r.str();
  const amount = r.int();
  const value = { amount, currency: strings[r.uint()] };
  const nSme = r.uint();
  const smeOrgIds: string[] = [];
  for (let i = 0; i < nSme; i++) smeOrgIds.push(strings[r.uint()]);
  const nWarnings = r.uint();
  const warnings: Pick<ContractWarning, 'code' | 'severity'>[] = nWarnings === 0 ? NO_WARNINGS : [];
  for (let i = 0; i < nWarnings; i++) {
    const code = CONTRACT_WARNING_CODES[r.byte()] as ContractWarningCode | undefined;
    const severity = SEVERITIES[r.byte()];
    if (code && severity) warnings.push({ code, severity });
  }
  const heldApart = r.uint();
  const nProblems = r.uint();
  const problems: RowProblem[] = nProblems === 0 ? NO_PROBLEMS : [];
  for (let i = 0; i < nProblems; i++) {
    const p = readProblem(contractId, r.str());
    if (!p) throw new LedgerFormatError(contractId);
    problems.push(p);
  }
  const m = r.byte();
  const mechanism = m === 0 ? '' : PPP_PAYMENT_MECHANISMS[m - 1];
  if (mechanism === undefined) throw new LedgerFormatError(contractId);
  const signedDay = r.optInt();
  const operationStartDay = r.optInt();
  const operationEndDay = r.optInt();
  const indexationBp = r.optInt();
  const projectId = strings[r.uint()];
  if (projectId === undefined) throw new LedgerFormatError(contractId);
  return {
    heldApart,
    problems,
    obligations,
    payments,
    type,
    policy,
    ppm,
    value,
    strings,
    smeOrgIds,
    warnings,
    mechanism,
    signedDay,
    operationStartDay,
    operationEndDay,
    indexationBp,
    projectId,
  };
}

function readProblem(contractId: Uuid, text: string): RowProblem | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(v) || v.length !== 5) return null;
  const [entity, id, field, code, params] = v as unknown[];
  if (entity !== 'contract' && entity !== 'obligation' && entity !== 'payment') return null;
  if (typeof id !== 'string' || typeof field !== 'string' || !(ROW_PROBLEM_CODES as readonly unknown[]).includes(code)) return null;
  if (!params || typeof params !== 'object' || Array.isArray(params)) return null;
  return { contractId, entity, id, field, code: code as RowProblem['code'], params: params as RowProblem['params'] };
}

export function decodeLedgerHeader(contractId: Uuid, packed: string): LedgerHeader {
  const h = readHead(new Reader(packed), contractId);
  return { contractId, type: h.type, interestPolicy: h.policy, warnings: h.warnings };
}

/** Shared by every contract without SME parties (most), so decoding allocates nothing for them. */
const NO_PARTIES: ArrearsContract['parties'] = [];
// Shared and frozen likewise (most ledgers have none): a portfolio's decode keeps every contract's.
const NO_WARNINGS = Object.freeze([]) as unknown as Pick<ContractWarning, 'code' | 'severity'>[];
const NO_PROBLEMS = Object.freeze([]) as unknown as RowProblem[];
/** The parties of a contract with one SME party, one frozen list per party (a portfolio has few). */
const smeParties = new Map<string, ArrearsContract['parties']>();

function partiesOf(smeOrgIds: readonly string[]): ArrearsContract['parties'] {
  if (smeOrgIds.length === 0) return NO_PARTIES;
  if (smeOrgIds.length > 1) return smeOrgIds.map((orgId) => ({ orgId, role: 'operator', isSme: true }));
  let list = smeParties.get(smeOrgIds[0]);
  if (!list) {
    if (smeParties.size > 10_000) smeParties.clear();
    list = Object.freeze([Object.freeze({ orgId: smeOrgIds[0], role: 'operator' as const, isSme: true })]) as unknown as ArrearsContract['parties'];
    smeParties.set(smeOrgIds[0], list);
  }
  return list;
}

function growInt(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

function growByte(a: Uint8Array<ArrayBuffer>, need: number): Uint8Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Uint8Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

function growFloat(a: Float64Array<ArrayBuffer>, need: number): Float64Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Float64Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/**
 * Fills the set's columns from one ledger's numbers (readColumns'), from obligation o0 and payment
 * p0 on; false when they do not hold together. A function of its own, small, so the optimising
 * compiler takes it up early in a portfolio's first decode.
 */
function fillColumns(set: LedgerSet, v: Float64Array, o0: number, n: number, p0: number, m: number, nGroups: number): boolean {
  const { oGroup, oKind, oDueDay, oAmount, oDisputed, oTriggerLead, oLinked, oDeducted, pStart, pDay, pAmount } = set;
  const kinds = OBLIGATION_KINDS.length;
  let day = 0;
  let amount = 0;
  let linked = 0;
  for (let i = o0, k = 0; i < o0 + n; i++, k += 7) {
    // The kind rides in the group number's low 3 bits.
    const gk = v[k];
    if (!(gk < nGroups * 8) || (gk & 7) >= kinds) return false;
    oGroup[i] = gk >> 3;
    oKind[i] = gk & 7;
    day += v[k + 1];
    amount += v[k + 2];
    oDueDay[i] = day;
    oAmount[i] = amount;
    oDisputed[i] = v[k + 3];
    oTriggerLead[i] = v[k + 4];
    linked += v[k + 5];
    oLinked[i] = linked;
    oDeducted[i] = v[k + 6];
  }
  // pStart[o] = first payment of obligation o; filled as the (sorted) payments are read.
  let o = 0;
  let filled = 0;
  for (let j = p0, k = 7 * n; j < p0 + m; j++, k += 3) {
    o += v[k];
    if (o >= n) return false;
    while (filled <= o) pStart[o0 + filled++] = j;
    pDay[j] = oDueDay[o0 + o] + v[k + 1];
    pAmount[j] = oAmount[o0 + o] + v[k + 2];
  }
  while (filled <= n) pStart[o0 + filled++] = p0 + m;
  return true;
}

/**
 * Many ledgers decoded into shared typed arrays: a portfolio's 250,000 obligations live off the
 * JavaScript heap, so neither decoding nor rolling up makes the garbage collector copy them.
 * Contract c owns obligations oStart[c] … oStart[c+1]−1; obligation o owns payments
 * pStart[o] … pStart[o+1]−1 (both in ledger order).
 */
export class LedgerSet {
  count = 0;
  obligations = 0;
  payments = 0;
  readonly contractIds: Uuid[] = [];
  readonly types: ContractType[] = [];
  readonly values: Money[] = [];
  /** What computeArrears reads of each contract (policy, rate, SME parties). */
  readonly contracts: ArrearsContract[] = [];
  readonly warnings: Pick<ContractWarning, 'code' | 'severity'>[][] = [];
  readonly heldApart: number[] = [];
  readonly problems: RowProblem[][] = [];
  readonly groups: LedgerGroup[][] = [];
  readonly mechanisms: (PppPaymentMechanism | '')[] = [];
  readonly signedDays: (number | null)[] = [];
  readonly operationStartDays: (number | null)[] = [];
  readonly operationEndDays: (number | null)[] = [];
  readonly indexations: (number | null)[] = [];
  readonly projectIds: Uuid[] = [];
  oStart = new Int32Array(1024);
  oGroup = new Int32Array(1024);
  /** Index into OBLIGATION_KINDS. */
  oKind = new Uint8Array(1024);
  oDueDay = new Int32Array(1024);
  oAmount = new Float64Array(1024);
  oDisputed = new Float64Array(1024);
  oTriggerLead = new Int32Array(1024);
  oLinked = new Float64Array(1024);
  oDeducted = new Float64Array(1024);
  pStart = new Int32Array(1024);
  pDay = new Int32Array(1024);
  pAmount = new Float64Array(1024);

  /** Sizes the arrays for the ledgers about to be added (their counts lead each packed ledger). */
  reserve(packed: Iterable<string>): void {
    let n = this.obligations;
    let m = this.payments;
    let c = this.count;
    for (const s of packed) {
      c++;
      const r = new Reader(s);
      if (r.byte() !== FORMAT_VERSION) continue;
      n += r.uint();
      m += r.uint();
    }
    this.growObligations(n);
    this.pDay = growInt(this.pDay, m);
    this.pAmount = growFloat(this.pAmount, m);
    this.oStart = growInt(this.oStart, c + 2);
  }

  private growObligations(n: number): void {
    this.oGroup = growInt(this.oGroup, n);
    this.oKind = growByte(this.oKind, n);
    this.oDueDay = growInt(this.oDueDay, n);
    this.oAmount = growFloat(this.oAmount, n);
    this.oDisputed = growFloat(this.oDisputed, n);
    this.oTriggerLead = growInt(this.oTriggerLead, n);
    this.oLinked = growFloat(this.oLinked, n);
    this.oDeducted = growFloat(this.oDeducted, n);
    this.pStart = growInt(this.pStart, n + 1);
  }

  /** Decodes one packed ledger into the set; throws LedgerFormatError (and adds nothing) when unreadable. */
  add(contractId: Uuid, packed: string): void {
    const r = new Reader(packed);
    const head = readHead(r, contractId);
    const nGroups = r.uint();
    // Sized up front: a pushed-to empty array takes room for 17 (nearly always one group here).
    if (nGroups > packed.length - r.pos) throw new LedgerFormatError(contractId);
    const groups = new Array<LedgerGroup>(nGroups);
    const st = head.strings;
    for (let i = 0; i < groups.length; i++) groups[i] = { projectId: st[r.uint()], payeeId: st[r.uint()], deptId: st[r.uint()], currency: st[r.uint()] };
    const n = head.obligations;
    const m = head.payments;
    // The columns end the ledger: their numbers are read first, in one small loop, and the length
    // checked, so the loops that fill the columns below read plain numbers.
    // Each number takes a byte at least, so counts the rest cannot hold are refused before sizing anything.
    if (7 * n + 3 * m > packed.length - r.pos) throw new LedgerFormatError(contractId);
    const v = columnScratch(7 * n + 3 * m);
    const pos = readColumns(packed, r.pos, n, 7, v, 0);
    if (readColumns(packed, pos, m, 3, v, 7 * n) !== packed.length) throw new LedgerFormatError(contractId);
    const o0 = this.obligations;
    const p0 = this.payments;
    // Already sized when reserve() was told of this ledger.
    if (o0 + n > this.oDueDay.length || o0 + n + 1 > this.pStart.length) this.growObligations(o0 + n);
    if (p0 + m > this.pDay.length) {
      this.pDay = growInt(this.pDay, p0 + m);
      this.pAmount = growFloat(this.pAmount, p0 + m);
    }
    if (!fillColumns(this, v, o0, n, p0, m, nGroups)) throw new LedgerFormatError(contractId);
    const c = this.count;
    if (c + 2 > this.oStart.length) this.oStart = growInt(this.oStart, c + 2);
    this.oStart[c] = o0;
    this.oStart[c + 1] = o0 + n;
    this.obligations = o0 + n;
    this.payments = p0 + m;
    this.contractIds.push(contractId);
    this.types.push(head.type);
    this.values.push(head.value);
    this.contracts.push({
      id: contractId,
      interestPolicy: head.policy,
      contractRatePpmPerDay: head.ppm,
      parties: partiesOf(head.smeOrgIds),
    });
    this.warnings.push(head.warnings);
    this.heldApart.push(head.heldApart);
    this.problems.push(head.problems);
    this.groups.push(groups);
    this.mechanisms.push(head.mechanism);
    this.signedDays.push(head.signedDay);
    this.operationStartDays.push(head.operationStartDay);
    this.operationEndDays.push(head.operationEndDay);
    this.indexations.push(head.indexationBp);
    this.projectIds.push(head.projectId);
    this.count = c + 1;
  }

  /** Contract c as a ContractLedger (plain arrays). */
  ledger(c: number): ContractLedger {
    const from = this.oStart[c];
    const to = this.oStart[c + 1];
    const head = this.contracts[c];
    const l: ContractLedger = {
      contractId: this.contractIds[c],
      type: this.types[c],
      interestPolicy: head.interestPolicy,
      contractRatePpmPerDay: head.contractRatePpmPerDay,
      value: this.values[c],
      smeOrgIds: head.parties.map((p) => p.orgId),
      warnings: this.warnings[c],
      heldApart: this.heldApart[c],
      problems: this.problems[c],
      pppPaymentMechanism: this.mechanisms[c],
      signedDay: this.signedDays[c],
      operationStartDay: this.operationStartDays[c],
      operationEndDay: this.operationEndDays[c],
      indexationBp: this.indexations[c],
      projectId: this.projectIds[c],
      groups: this.groups[c],
      oGroup: Array.from(this.oGroup.subarray(from, to)),
      oKind: Array.from(this.oKind.subarray(from, to), (k) => OBLIGATION_KINDS[k]),
      oDueDay: Array.from(this.oDueDay.subarray(from, to)),
      oAmount: Array.from(this.oAmount.subarray(from, to)),
      oDisputed: Array.from(this.oDisputed.subarray(from, to)),
      oTriggerLead: Array.from(this.oTriggerLead.subarray(from, to)),
      oLinked: Array.from(this.oLinked.subarray(from, to)),
      oDeducted: Array.from(this.oDeducted.subarray(from, to)),
      pObligation: [],
      pDay: [],
      pAmount: [],
    };
    for (let o = from; o < to; o++) {
      for (let j = this.pStart[o]; j < this.pStart[o + 1]; j++) {
        l.pObligation.push(o - from);
        l.pDay.push(this.pDay[j]);
        l.pAmount.push(this.pAmount[j]);
      }
    }
    return l;
  }
}

export function decodeLedger(contractId: Uuid, packed: string): ContractLedger {
  const set = new LedgerSet();
  set.add(contractId, packed);
  return set.ledger(0);
}

// ---- replay into computeArrears ----

/** Days covered by the dense ISO-text cache: 1900-01-01 … 2199-12-31 (a plain array, cheaper than a Map). */
const ISO_CACHE_FROM = -25_567;
const ISO_CACHE_DAYS = 109_572;
const isoCache: string[] = new Array<string>(ISO_CACHE_DAYS);
const isoMemo = new Map<number, string>();

/** ISO text of a UTC day number, memoised: the replay asks for it twice per obligation. */
export function isoOfDay(day: number): string {
  const k = day - ISO_CACHE_FROM;
  if (k >= 0 && k < ISO_CACHE_DAYS) {
    let s = isoCache[k];
    if (s === undefined) isoCache[k] = s = fromDayNumber(day);
    return s;
  }
  let s = isoMemo.get(day);
  if (s === undefined) {
    s = fromDayNumber(day);
    isoMemo.set(day, s);
  }
  return s;
}

/**
 * The payments of the obligation being replayed. computeArrears asks for an obligation's payments
 * right before computing it, so one reused list stands in for the whole map (ids are not needed).
 */
export class ReplayPayments extends Map<Uuid, readonly ArrearsPayment[]> {
  current: ArrearsPayment[] = [];
  private pool: { paidOn: string; amount: { amount: number; currency: string } }[] = [];
  override get(): readonly ArrearsPayment[] {
    return this.current;
  }
  fill(set: LedgerSet, from: number, to: number, currency: string): void {
    const list = this.current;
    list.length = 0;
    for (let j = from; j < to; j++) {
      let p = this.pool[j - from];
      if (!p) {
        p = { paidOn: '', amount: { amount: 0, currency: '' } };
        this.pool.push(p);
      }
      p.paidOn = isoOfDay(set.pDay[j]);
      p.amount.amount = set.pAmount[j];
      p.amount.currency = currency;
      list.push(p);
    }
  }
}

/**
 * Obligations of the set's contracts (all, or the given contract indices) as computeArrears input.
 * ONE object is yielded over and over (and `payments` is refilled for it), which is safe because
 * computeArrears copies what it keeps; do not collect the yielded values. Obligation ids are '' —
 * ask for rows: 'none'.
 */
export function* replayLedgers(set: LedgerSet, payments: ReplayPayments, contracts?: Iterable<number>): Generator<ArrearsObligation> {
  const o = {
    id: '',
    contractId: '',
    projectId: '',
    payeeId: '',
    payerDepartmentId: '',
    dueDate: '',
    amount: { amount: 0, currency: '' },
    disputedAmount: 0,
  };
  const all = function* () {
    for (let c = 0; c < set.count; c++) yield c;
  };
  for (const c of contracts ?? all()) {
    o.contractId = set.contractIds[c];
    const groups = set.groups[c];
    for (let i = set.oStart[c]; i < set.oStart[c + 1]; i++) {
      const g = groups[set.oGroup[i]];
      o.projectId = g.projectId;
      o.payeeId = g.payeeId;
      o.payerDepartmentId = g.deptId;
      o.dueDate = isoOfDay(set.oDueDay[i]);
      o.amount.amount = set.oAmount[i];
      o.amount.currency = g.currency;
      o.disputedAmount = set.oDisputed[i];
      payments.fill(set, set.pStart[i], set.pStart[i + 1], g.currency);
      yield o;
    }
  }
}
