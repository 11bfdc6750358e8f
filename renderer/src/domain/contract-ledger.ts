// The per-contract LEDGER: everything the portfolio arrears roll-up reads about one contract,
// packed into one short string, so the roll-up reads one small row per contract instead of every
// obligation and payment record (reading IndexedDB costs per byte; the raw rows are ~30× larger).
//
// What a ledger holds: the contract's type, interest policy and rate, the ids of its SME parties,
// its warning codes, and per live obligation [group, due day, payable amount, disputed] and per live
// payment [obligation index, paid day, amount]. A "group" is a distinct (project, payee, payer
// department, currency) of the contract's obligations — nearly always one per contract.
// The payable amount is the obligation amount less the active performance deductions against it
// (a finalised review that cuts a fee reduces what is owed, not just what is paid).
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
import { fromDayNumber } from './dates';
import { isoDayNumber } from './interest';
import { CONTRACT_TYPES, INTEREST_POLICY_KINDS, type ContractType, type InterestPolicyKind, type Uuid } from './types';

const FORMAT_VERSION = 1;
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
  /** Non-government parties flagged SME on the contract. */
  smeOrgIds: Uuid[];
  warnings: Pick<ContractWarning, 'code' | 'severity'>[];
  groups: LedgerGroup[];
  oGroup: number[];
  oDueDay: number[];
  oAmount: number[];
  oDisputed: number[];
  pObligation: number[];
  pDay: number[];
  pAmount: number[];
}

/** What a ledger is built from: the contract and its live rows (tombstones are left out here). */
export interface LedgerSource {
  contract: {
    id: Uuid;
    type: ContractType;
    interestPolicy: InterestPolicyKind;
    contractRatePpmPerDay: number;
    parties: readonly { orgId: Uuid; role: string; isSme: boolean }[];
  };
  warnings: readonly Pick<ContractWarning, 'code' | 'severity'>[];
  obligations: readonly (ArrearsObligation & { deleted?: 0 | 1 })[];
  payments: readonly { obligationId: Uuid; paidOn: string; amount: { amount: number }; deleted?: 0 | 1 }[];
  /** Active deductions per obligation id (minor units, the obligation's currency). */
  deductions?: ReadonlyMap<Uuid, number>;
}

/** Builds the ledger: live obligations in due-date order (then id), their live payments by date. */
export function buildLedger(src: LedgerSource): ContractLedger {
  const live = src.obligations
    .filter((o) => !o.deleted)
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const index = new Map(live.map((o, i) => [o.id, i]));
  const groups: LedgerGroup[] = [];
  const groupIndex = new Map<string, number>();
  const l: ContractLedger = {
    contractId: src.contract.id,
    type: src.contract.type,
    interestPolicy: src.contract.interestPolicy,
    contractRatePpmPerDay: src.contract.contractRatePpmPerDay,
    smeOrgIds: [...new Set(src.contract.parties.filter((p) => p.isSme && p.role !== 'government').map((p) => p.orgId))],
    warnings: src.warnings.map((w) => ({ code: w.code, severity: w.severity })),
    groups,
    oGroup: [],
    oDueDay: [],
    oAmount: [],
    oDisputed: [],
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
    l.oGroup.push(g);
    l.oDueDay.push(isoDayNumber(o.dueDate));
    l.oAmount.push(o.amount.amount - (src.deductions?.get(o.id) ?? 0));
    l.oDisputed.push(o.disputedAmount);
  }
  const pays = src.payments
    .filter((p) => !p.deleted && index.has(p.obligationId))
    .map((p) => ({ o: index.get(p.obligationId) as number, day: isoDayNumber(p.paidOn), amount: p.amount.amount }))
    .sort((a, b) => a.o - b.o || a.day - b.day);
  for (const p of pays) {
    l.pObligation.push(p.o);
    l.pDay.push(p.day);
    l.pAmount.push(p.amount);
  }
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
  const smeRefs = l.smeOrgIds.map(ref);
  const groupRefs = l.groups.map((g) => [ref(g.projectId), ref(g.payeeId), ref(g.deptId), ref(g.currency)]);
  w.uint(strings.length);
  for (const s of strings) w.str(s);
  w.uint(smeRefs.length);
  for (const r of smeRefs) w.uint(r);
  w.uint(l.warnings.length);
  for (const x of l.warnings) {
    w.byte(CONTRACT_WARNING_CODES.indexOf(x.code));
    w.byte(SEVERITIES.indexOf(x.severity));
  }
  w.uint(groupRefs.length);
  for (const g of groupRefs) for (const r of g) w.uint(r);
  const n = l.oDueDay.length;
  w.uint(n);
  let prev = 0;
  for (let i = 0; i < n; i++) {
    w.uint(l.oGroup[i]);
    w.int(l.oDueDay[i] - prev);
    prev = l.oDueDay[i];
    w.int(l.oAmount[i]);
    w.int(l.oDisputed[i]);
  }
  const m = l.pDay.length;
  w.uint(m);
  for (let i = 0; i < m; i++) {
    const o = l.pObligation[i];
    w.uint(o);
    w.int(l.pDay[i] - l.oDueDay[o]);
    w.int(l.pAmount[i]);
  }
  return w.done();
}

/** Uuid text of 16 packed bytes, memoised: a portfolio repeats few projects, payees and departments. */
const uuidMemo = new Map<string, string>();
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

class Reader {
  pos = 0;
  constructor(private readonly s: string) {}
  byte(): number {
    return this.s.charCodeAt(this.pos++);
  }
  uint(): number {
    const s = this.s;
    let b = s.charCodeAt(this.pos++);
    if (b < 128) return b;
    let n = b - 128;
    let mul = 128;
    for (;;) {
      b = s.charCodeAt(this.pos++);
      if (b < 128) return n + b * mul;
      n += (b - 128) * mul;
      mul *= 128;
    }
  }
  int(): number {
    const z = this.uint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }
  str(): string {
    const tag = this.byte();
    if (tag === 0) return '';
    if (tag === 1) {
      const raw = this.s.slice(this.pos, this.pos + 16);
      this.pos += 16;
      let id = uuidMemo.get(raw);
      if (id === undefined) {
        let h = '';
        for (let i = 0; i < 16; i++) h += HEX[raw.charCodeAt(i)];
        id = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
        if (uuidMemo.size > 200_000) uuidMemo.clear();
        uuidMemo.set(raw, id);
      }
      return id;
    }
    const len = this.uint();
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

export function decodeLedgerHeader(contractId: Uuid, packed: string): LedgerHeader {
  const r = new Reader(packed);
  const head = readHead(r, contractId);
  readStrings(r);
  const nSme = r.uint();
  for (let i = 0; i < nSme; i++) r.uint();
  return { contractId, type: head.type, interestPolicy: head.policy, warnings: readWarnings(r) };
}

function readHead(r: Reader, contractId: Uuid) {
  if (r.byte() !== FORMAT_VERSION) throw new LedgerFormatError(contractId);
  const type = CONTRACT_TYPES[r.byte()];
  const policy = INTEREST_POLICY_KINDS[r.byte()];
  const ppm = r.uint();
  if (!type || !policy) throw new LedgerFormatError(contractId);
  return { type, policy, ppm };
}

function readStrings(r: Reader): string[] {
  const n = r.uint();
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = r.str();
  return out;
}

function readWarnings(r: Reader): Pick<ContractWarning, 'code' | 'severity'>[] {
  const n = r.uint();
  const out: Pick<ContractWarning, 'code' | 'severity'>[] = [];
  for (let i = 0; i < n; i++) {
    const code = CONTRACT_WARNING_CODES[r.byte()] as ContractWarningCode | undefined;
    const severity = SEVERITIES[r.byte()];
    if (code && severity) out.push({ code, severity });
  }
  return out;
}

export function decodeLedger(contractId: Uuid, packed: string): ContractLedger {
  const r = new Reader(packed);
  const head = readHead(r, contractId);
  const strings = readStrings(r);
  const nSme = r.uint();
  const smeOrgIds: string[] = [];
  for (let i = 0; i < nSme; i++) smeOrgIds.push(strings[r.uint()]);
  const warnings = readWarnings(r);
  const nGroups = r.uint();
  const groups: LedgerGroup[] = [];
  for (let i = 0; i < nGroups; i++) {
    groups.push({ projectId: strings[r.uint()], payeeId: strings[r.uint()], deptId: strings[r.uint()], currency: strings[r.uint()] });
  }
  const n = r.uint();
  const l: ContractLedger = {
    contractId,
    type: head.type,
    interestPolicy: head.policy,
    contractRatePpmPerDay: head.ppm,
    smeOrgIds,
    warnings,
    groups,
    oGroup: new Array<number>(n),
    oDueDay: new Array<number>(n),
    oAmount: new Array<number>(n),
    oDisputed: new Array<number>(n),
    pObligation: [],
    pDay: [],
    pAmount: [],
  };
  let day = 0;
  for (let i = 0; i < n; i++) {
    l.oGroup[i] = r.uint();
    day += r.int();
    l.oDueDay[i] = day;
    l.oAmount[i] = r.int();
    l.oDisputed[i] = r.int();
  }
  const m = r.uint();
  for (let i = 0; i < m; i++) {
    const o = r.uint();
    l.pObligation.push(o);
    l.pDay.push(l.oDueDay[o] + r.int());
    l.pAmount.push(r.int());
  }
  if (r.pos !== packed.length) throw new LedgerFormatError(contractId);
  return l;
}

// ---- replay into computeArrears ----

/** ISO text of UTC day numbers, memoised: a portfolio has a few thousand distinct days. */
const isoMemo = new Map<number, string>();
export function isoOfDay(day: number): string {
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
  fill(l: ContractLedger, from: number, to: number, currency: string): void {
    const list = this.current;
    list.length = 0;
    for (let i = from; i < to; i++) {
      let p = this.pool[i - from];
      if (!p) {
        p = { paidOn: '', amount: { amount: 0, currency: '' } };
        this.pool.push(p);
      }
      p.paidOn = isoOfDay(l.pDay[i]);
      p.amount.amount = l.pAmount[i];
      p.amount.currency = currency;
      list.push(p);
    }
  }
}

/** The contract fields computeArrears reads (policy, rate, SME parties), from a ledger. */
export function ledgerContract(l: ContractLedger): ArrearsContract {
  return {
    id: l.contractId,
    interestPolicy: l.interestPolicy,
    contractRatePpmPerDay: l.contractRatePpmPerDay,
    parties: l.smeOrgIds.map((orgId) => ({ orgId, role: 'operator', isSme: true })),
  };
}

/**
 * Obligations of the ledgers as computeArrears input. ONE object is yielded over and over (and
 * `payments` is refilled for it), which is safe because computeArrears copies what it keeps; do
 * not collect the yielded values. Obligation ids are '' — ask for rows: 'none'.
 */
export function* replayLedgers(ledgers: Iterable<ContractLedger>, payments: ReplayPayments): Generator<ArrearsObligation> {
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
  for (const l of ledgers) {
    o.contractId = l.contractId;
    let p = 0;
    const m = l.pObligation.length;
    for (let i = 0; i < l.oDueDay.length; i++) {
      const g = l.groups[l.oGroup[i]];
      o.projectId = g.projectId;
      o.payeeId = g.payeeId;
      o.payerDepartmentId = g.deptId;
      o.dueDate = isoOfDay(l.oDueDay[i]);
      o.amount.amount = l.oAmount[i];
      o.amount.currency = g.currency;
      o.disputedAmount = l.oDisputed[i];
      const from = p;
      while (p < m && l.pObligation[p] === i) p++;
      payments.fill(l, from, p, g.currency);
      yield o;
    }
  }
}
