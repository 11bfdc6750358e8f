// Shared entity shapes. Pure data: no storage, UI or platform code may be imported here.

/** Random UUID (v4), so records from different machines can merge. */
export type Uuid = string;
/** Calendar date `YYYY-MM-DD`; all day arithmetic is done in UTC. */
export type IsoDate = string;
/** Instant as ISO 8601 UTC string, e.g. `2026-11-22T08:00:00.000Z`. */
export type IsoDateTime = string;

/** Integer minor units (fen for CNY) with an ISO 4217 code. Never a float. */
export interface Money {
  amount: number;
  currency: string;
}

/** Fields every stored record carries. `deleted` is a tombstone (0/1 so it can be indexed). */
export interface RecordMeta {
  id: Uuid;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  updatedBy: string;
  rev: number;
  deleted: 0 | 1;
}

export const PHASES = ['plan', 'build', 'operate', 'transferred', 'closed', 'cancelled'] as const;
export type Phase = (typeof PHASES)[number];
export const TERMINAL_PHASES: readonly Phase[] = ['transferred', 'closed', 'cancelled'];

export const PROJECT_CATEGORIES = [
  'city-brain',
  'gov-services',
  'city-governance',
  'data-platform',
  'smart-transport',
  'spatiotemporal',
  'command-centre',
  'public-safety',
  'other',
] as const;
export type ProjectCategory = (typeof PROJECT_CATEGORIES)[number];

export const OPERATING_MODELS = [
  'government-self',
  'state-owned-platform',
  'purchase-of-service',
  'ppp',
  'joint-venture',
  'other',
] as const;
export type OperatingModel = (typeof OPERATING_MODELS)[number];

export const REVIEW_CYCLES = ['quarterly', 'half-yearly', 'yearly'] as const;
export type ReviewCycle = (typeof REVIEW_CYCLES)[number];

/** A dated, referenced document such as an acceptance certificate. Empty strings mean "not recorded". */
export interface DocumentRef {
  date: IsoDate | '';
  reference: string;
}

export interface Project extends RecordMeta {
  code: string;
  name: string;
  /** Lower-cased name + code, kept for search. */
  searchText: string;
  category: ProjectCategory;
  departmentId: Uuid | '';
  phase: Phase;
  phaseSince: IsoDate;
  description: string;
  budget: Money;
  startDate: IsoDate | '';
  plannedEndDate: IsoDate | '';
  /** 运营方案: operator, operating model, O&M funding source. */
  operatorId: Uuid | '';
  operatingModel: OperatingModel | '';
  omFundingSource: string;
  benefitSharing: string;
  supervision: string;
  /** PPP only: 物有所值评价 and 财政承受能力论证. */
  valueForMoney: DocumentRef;
  fiscalAffordability: DocumentRef;
  /** 竣工/终验. */
  completionAcceptance: DocumentRef;
  reviewCycle: ReviewCycle | '';
  /** Transfer audit of asset condition (operate → transferred). */
  transferAudit: DocumentRef;
  /** Performance indicator system attached (issue: reviews). '' until then. */
  indicatorSystemId: Uuid | '';
  /** The officer's conclusions for the project review report (评审结论); absent until written. */
  conclusions?: string;
}

export const ORG_KINDS = ['government', 'company', 'institution'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export interface Organisation extends RecordMeta {
  name: string;
  kind: OrgKind;
  /** Unified social credit code (统一社会信用代码), optional. */
  creditCode: string;
  /** Counterparty declared itself a small or medium-sized enterprise. */
  isSme: boolean;
  contact: string;
}

export interface PhaseTransition extends RecordMeta {
  projectId: Uuid;
  from: Phase;
  to: Phase;
  at: IsoDateTime;
  by: string;
  /** Ids of gate checks that were not met when the move was made. */
  failedChecks: string[];
  /** Required when failedChecks is not empty (override) or when cancelling. */
  justification: string;
}

export const OPERATOR_ROLES = ['officer', 'auditor', 'lead', 'finance'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

export interface OperatorProfile {
  name: string;
  department: string;
  role: OperatorRole;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** One entry per write: who, when, which record, which fields changed. */
export interface ChangeLogEntry {
  id: Uuid;
  at: IsoDateTime;
  by: string;
  entity: string;
  entityId: Uuid;
  op: 'create' | 'update' | 'delete';
  rev: number;
  changes: FieldChange[];
}

// ---- Contracts and payments ----

/**
 * 'franchise' (特许经营): the user-pays concession of 《基础设施和公用事业特许经营管理办法》, the form new
 * PPP projects take since 国办函〔2023〕115号. Appended last: packed ledgers store a type's index.
 */
export const CONTRACT_TYPES = ['bot', 'ppp', 'purchase-of-service', 'traditional', 'lease', 'franchise'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];
export const PPP_MODELS = ['BOT', 'BOO', 'TOT', 'ROT', 'OM', 'MC'] as const;
export type PppModel = (typeof PPP_MODELS)[number];
export const PPP_PAYMENT_MECHANISMS = ['government-pays', 'user-pays', 'viability-gap'] as const;
export type PppPaymentMechanism = (typeof PPP_PAYMENT_MECHANISMS)[number];
export const PARTY_ROLES = ['government', 'operator', 'spv', 'general-integrator', 'subcontractor', 'lessor'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export interface ContractParty {
  orgId: Uuid;
  role: PartyRole;
  /** SME status as declared by the counterparty when the contract was signed. */
  isSme: boolean;
  /** The day this party signed, when it differs from the contract's (a party joining by amendment); '' or absent = the contract's. */
  signedOn?: IsoDate | '';
}

export const INTEREST_POLICY_KINDS = ['contract-rate', 'cn-sme', 'eu', 'uk', 'none'] as const;
export type InterestPolicyKind = (typeof INTEREST_POLICY_KINDS)[number];

export interface Contract extends RecordMeta {
  projectId: Uuid;
  code: string;
  title: string;
  type: ContractType;
  pppModel: PppModel | '';
  pppPaymentMechanism: PppPaymentMechanism | '';
  parties: ContractParty[];
  signedOn: IsoDate | '';
  constructionStart: IsoDate | '';
  constructionEnd: IsoDate | '';
  operationStart: IsoDate | '';
  operationEnd: IsoDate | '';
  value: Money;
  /** Days after the trigger (acceptance or invoice) within which payment is due. */
  paymentTermDays: number;
  paymentTermBasis: 'acceptance' | 'invoice';
  /** Share of payments linked to performance, in basis points (3000 = 30%). */
  performanceLinkedBp: number;
  interestPolicy: InterestPolicyKind;
  /** Contract late-interest rate per day in millionths (500 = 0.05%/day); used by 'contract-rate'. */
  contractRatePpmPerDay: number;
  /**
   * Yearly adjustment of recurring fees (调价) the contract states, in basis points (200 = 2% a
   * year); null when it states none and the office's default applies to projections. Absent on
   * contracts stored before contracts carried it (read as null; never rewritten, so each record
   * still matches its newest change-log entry).
   */
  indexationBp?: number | null;
  riskAllocation: string;
  benefitSharing: string;
}

export interface ContractAmendment extends RecordMeta {
  contractId: Uuid;
  signedOn: IsoDate;
  summary: string;
  /** Change of contract value in minor units (may be negative). */
  valueDelta: number;
  /** Field-level snapshot of what the amendment changed on the contract. */
  changes: FieldChange[];
}

export const OBLIGATION_KINDS = ['milestone', 'availability', 'om-fee', 'service-fee', 'lease-fee', 'other'] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];

export interface PaymentObligation extends RecordMeta {
  contractId: Uuid;
  projectId: Uuid;
  /** Who is owed (company) and who pays (department): denormalised for roll-ups. */
  payeeId: Uuid | '';
  payerDepartmentId: Uuid | '';
  kind: ObligationKind;
  description: string;
  /** Acceptance / invoice / period-end date the payment term runs from. */
  triggerDate: IsoDate;
  dueDate: IsoDate;
  amount: Money;
  /** Part of `amount` that a performance review may adjust (minor units). */
  performanceLinkedAmount: number;
  /** Amount in dispute or withheld (minor units), shown apart from arrears. */
  disputedAmount: number;
}

export interface Payment extends RecordMeta {
  obligationId: Uuid;
  contractId: Uuid;
  paidOn: IsoDate;
  amount: Money;
  voucherNo: string;
  note: string;
}

/**
 * A published reference rate, in the table named by `policy`: 'eu' (ECB main refinancing rate) and
 * 'uk' (BoE base rate) feed those late-interest policies; 'lpr' (1-year Loan Prime Rate) is what
 * the SME rule compares an agreed contract rate against.
 */
export interface ReferenceRate extends RecordMeta {
  policy: 'eu' | 'uk' | 'lpr';
  effectiveFrom: IsoDate;
  /** Annual rate in basis points (215 = 2.15%). */
  rateBp: number;
}
