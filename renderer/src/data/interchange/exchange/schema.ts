// zod shapes of everything an exchange file may carry. The file is untrusted: every string is
// bounded, ids are UUID-shaped, dates are ISO, enums are closed. Objects keep fields not named
// here (catchall) so a record written by a newer build is neither refused nor silently cut; the
// JSON pass before zod (untrusted-json.ts) has already bounded those values and refused
// __proto__/constructor/prototype keys.
import { z } from 'zod';
import { canonicalJson } from '../../../domain/core/canonical-json';
import { isIsoDate } from '../../../domain/core/dates';
import { fromBase64, isPublicKeyText } from '../../../domain/trail/fingerprint';
import { isDecimalText } from '../../../domain/core/decimal';
import {
  ANSWER_TYPES,
  AUDIT_STATUSES,
  RECTIFICATION_STATUSES,
  SEVERITIES,
  type AuditFinding,
  type AuditRun,
  type ChecklistTemplate,
  type RectificationTask,
} from '../../../domain/audits/audit-types';
import {
  INDICATOR_SYSTEM_STATUSES,
  REVIEW_GRADES,
  REVIEW_STATUSES,
  type IndicatorNode,
  type IndicatorSystem,
  type PerformanceDeduction,
  type PerformanceReview,
} from '../../../domain/reviews/review-types';
import {
  CONTRACT_TYPES,
  INTEREST_POLICY_KINDS,
  OBLIGATION_KINDS,
  OPERATING_MODELS,
  ORG_KINDS,
  PARTY_ROLES,
  PHASES,
  PPP_MODELS,
  PPP_PAYMENT_MECHANISMS,
  PROJECT_CATEGORIES,
  REVIEW_CYCLES,
  type ChangeLogEntry,
  type Contract,
  type ContractAmendment,
  type Organisation,
  type Payment,
  type PaymentObligation,
  type PhaseTransition,
  type Project,
  type ReferenceRate,
} from '../../../domain/core/types';
import { BUDGET_KINDS, FISCAL_RULE_KINDS, type BudgetLine, type FiscalRule } from '../../../domain/fiscal/budgets';

export const FORMAT_NAME = 'smart-city-workbench/exchange';
/**
 * 2: signed by the exporting desk (manifest.signature); chained change-log entries.
 * 3: also carries contracts, amendments, obligations and payments. Version 2 files still import.
 * 4: also carries the office's budget figures and fiscal rule entries. Version 2 and 3 files still import.
 */
export const FORMAT_VERSION = 4;

/** Tables an exchange file carries, in the order they are written and applied. */
export const EXCHANGE_TABLES = [
  'projects',
  'organisations',
  'phaseTransitions',
  'contracts',
  'amendments',
  'obligations',
  'payments',
  'indicatorSystems',
  'checklistTemplates',
  'reviews',
  'deductions',
  'audits',
  'findings',
  'rectifications',
  'files',
  // Office data, not a project's: every file carries all of it, so desks share one budget.
  'budgets',
  'fiscalRules',
] as const;
export type ExchangeTable = (typeof EXCHANGE_TABLES)[number];

/** The format version that added a table; a file of an older version has no such table (read as empty). */
export const TABLE_SINCE: Partial<Record<ExchangeTable, number>> = { contracts: 3, amendments: 3, obligations: 3, payments: 3, budgets: 4, fiscalRules: 4 };

/** True when a file of `formatVersion` carries `table` (and must name it in its counts and payload). */
export function carriesTable(formatVersion: number, table: ExchangeTable): boolean {
  return formatVersion >= (TABLE_SINCE[table] ?? 1);
}

export const LIMITS = {
  /** Whole file; also the maxBytes handed to platform.openFile (the desktop shell's own ceiling). */
  fileBytes: 1024 * 1024 * 1024,
  manifestBytes: 8 * 1024 * 1024,
  payloadBytes: 512 * 1024 * 1024,
  blobBytes: 64 * 1024 * 1024,
  blobs: 50_000,
  recordsPerTable: 200_000,
  changeLogEntries: 2_000_000,
  /** Problems listed before the report stops counting them one by one. */
  problems: 2_000,
  id: 64,
  shortText: 500,
  text: 20_000,
  list: 5_000,
  jsonDepth: 40,
  jsonNodes: 50_000_000,
  jsonArray: 2_000_000,
  jsonString: 100_000,
} as const;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
export const SHA256_RE = /^[0-9a-f]{64}$/;

// Custom issue codes travel in `params.code` and become ExchangeProblem codes.
const bad = (code: string) => ({ params: { code } });

export const uuid = z.string().max(36).refine((v) => UUID_RE.test(v), bad('invalid-uuid'));
const uuidOrEmpty = z.union([z.literal(''), uuid]);
const isoDate = z.string().max(10).refine((v) => isIsoDate(v), bad('invalid-date'));
const isoDateOrEmpty = z.union([z.literal(''), isoDate]);
export const isoDateTime = z
  .string()
  .max(30)
  .refine((v) => DATETIME_RE.test(v) && Number.isFinite(Date.parse(v)), bad('invalid-datetime'));
const isoDateTimeOrEmpty = z.union([z.literal(''), isoDateTime]);
const shortText = z.string().max(LIMITS.shortText);
const text = z.string().max(LIMITS.text);
const localId = z.string().min(1).max(LIMITS.id);
const decimalText = z.string().max(40).refine((v) => isDecimalText(v), bad('invalid-decimal'));
const int = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const bp = z.number().int().min(0).max(1_000_000);
const sha256 = z.string().max(64).refine((v) => SHA256_RE.test(v), bad('invalid-hash'));
const list = <T extends z.ZodType>(item: T, max: number = LIMITS.list) => z.array(item).max(max);
/** Open object: named fields checked, others kept (already bounded by the JSON pass). */
const obj = <S extends z.ZodRawShape>(shape: S) => z.object(shape).catchall(z.unknown());

const localized = obj({ zh: text, en: text });
const money = obj({ amount: int, currency: z.string().max(3).refine((v) => /^[A-Z]{3}$/.test(v), bad('invalid-currency')) });
const documentRef = obj({ date: isoDateOrEmpty, reference: text });

const meta = {
  id: uuid,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  updatedBy: shortText,
  rev: z.number().int().min(1).max(1_000_000_000),
  deleted: z.union([z.literal(0), z.literal(1)]),
};

const projectSchema = obj({
  ...meta,
  code: shortText,
  name: shortText,
  searchText: text,
  category: z.enum(PROJECT_CATEGORIES),
  departmentId: uuidOrEmpty,
  phase: z.enum(PHASES),
  phaseSince: isoDate,
  description: text,
  budget: money,
  startDate: isoDateOrEmpty,
  plannedEndDate: isoDateOrEmpty,
  operatorId: uuidOrEmpty,
  operatingModel: z.union([z.literal(''), z.enum(OPERATING_MODELS)]),
  omFundingSource: text,
  benefitSharing: text,
  supervision: text,
  valueForMoney: documentRef,
  fiscalAffordability: documentRef,
  completionAcceptance: documentRef,
  reviewCycle: z.union([z.literal(''), z.enum(REVIEW_CYCLES)]),
  transferAudit: documentRef,
  indicatorSystemId: uuidOrEmpty,
});

const organisationSchema = obj({
  ...meta,
  name: shortText,
  kind: z.enum(ORG_KINDS),
  creditCode: shortText,
  isSme: z.boolean(),
  contact: shortText,
});

const phaseTransitionSchema = obj({
  ...meta,
  projectId: uuid,
  from: z.enum(PHASES),
  to: z.enum(PHASES),
  at: isoDateTime,
  by: shortText,
  failedChecks: list(shortText, 200),
  justification: text,
});

const direction = z.enum(['higher-better', 'lower-better']);
const scoringRule = z.discriminatedUnion('type', [
  obj({ type: z.literal('target-linear'), direction, target: decimalText, zero: decimalText }),
  obj({ type: z.literal('threshold-bands'), direction, bands: list(obj({ bound: decimalText, scoreShareBp: bp }), 100) }),
  obj({ type: z.literal('qualitative-grade'), grades: list(obj({ key: shortText, scoreShareBp: bp }), 100) }),
  obj({ type: z.literal('deduction-per-incident'), pointsPerIncident: count }),
]);
const indicatorNode: z.ZodType<IndicatorNode> = z.lazy(() =>
  obj({
    id: localId,
    code: shortText,
    name: localized,
    weight: count,
    unit: localized,
    evidenceHint: localized,
    rule: scoringRule.optional(),
    children: list(indicatorNode, 500),
  }),
);
const indicatorSystemSchema = obj({
  ...meta,
  lineageId: uuid,
  version: z.number().int().min(1).max(1_000_000),
  status: z.enum(INDICATOR_SYSTEM_STATUSES),
  name: localized,
  description: localized,
  gradeBands: list(obj({ grade: z.enum(REVIEW_GRADES), min: count, max: count }), 20),
  coefficientBands: list(obj({ min: count, max: count, coefficientBp: bp }), 50),
  indicators: list(indicatorNode, 500),
});

const reviewSchema = obj({
  ...meta,
  projectId: uuid,
  systemId: uuid,
  periodStart: isoDate,
  periodEnd: isoDate,
  isFinal: z.boolean(),
  status: z.enum(REVIEW_STATUSES),
  entries: list(obj({ indicatorId: localId, value: shortText, note: text, attachmentIds: list(uuid, 500) })),
  totalScore: count,
  grade: z.union([z.literal(''), z.enum(REVIEW_GRADES)]),
  coefficientBp: bp,
  finalisedAt: isoDateTimeOrEmpty,
  finalisedBy: shortText,
  reopenings: list(obj({ at: isoDateTime, by: shortText, justification: text }), 500),
});

const deductionSchema = obj({
  ...meta,
  reviewId: uuid,
  obligationId: uuid,
  contractId: uuid,
  projectId: uuid,
  performanceLinkedAmount: int,
  coefficientBp: bp,
  amount: money,
  status: z.enum(['active', 'reversed']),
  reversedAt: isoDateTimeOrEmpty,
  reversedBy: shortText,
  reversalJustification: text,
});

const checklistItem = obj({
  id: localId,
  text: localized,
  answerType: z.enum(ANSWER_TYPES),
  photoRequired: z.boolean(),
  severityIfFailed: z.enum(SEVERITIES),
  maxScore: count.optional(),
  passScore: count.optional(),
  range: obj({ min: decimalText.optional(), max: decimalText.optional() }).optional(),
  unit: localized.optional(),
});
const checklistSections = list(obj({ id: localId, title: localized, items: list(checklistItem, 1000) }), 200);

const checklistTemplateSchema = obj({
  ...meta,
  name: localized,
  description: localized,
  sections: checklistSections,
});

/** A desk's Ed25519 signature: its raw public key and the signature, both base64. */
const deskSignature = z.strictObject({
  key: z.string().max(44).refine((v) => isPublicKeyText(v), bad('invalid-key')),
  sig: z.string().max(88).refine((v) => fromBase64(v)?.length === 64, bad('invalid-signature')),
});

const signature = z.discriminatedUnion('kind', [
  obj({ kind: z.literal('typed'), name: shortText }),
  obj({ kind: z.literal('drawn'), name: shortText, imageId: uuid }),
]);
const auditSchema = obj({
  ...meta,
  projectId: uuid,
  site: shortText,
  date: isoDate,
  auditors: list(shortText, 50),
  templateId: uuid,
  template: obj({ templateRev: count, name: localized, sections: checklistSections }),
  answers: list(obj({ itemId: localId, value: text, note: text })),
  photos: list(obj({ id: uuid, itemId: z.string().max(LIMITS.id), caption: text })),
  status: z.enum(AUDIT_STATUSES),
  signedBy: shortText,
  signedAt: isoDateTimeOrEmpty,
  signature: signature.nullable(),
  contentHash: z.union([z.literal(''), sha256]),
  deskSignature: deskSignature.optional(),
});

const findingSchema = obj({
  ...meta,
  auditId: uuid,
  projectId: uuid,
  itemId: z.string().max(LIMITS.id),
  severity: z.enum(SEVERITIES),
  title: text,
  description: text,
  raisedOn: isoDate,
});

const rectificationSchema = obj({
  ...meta,
  findingId: uuid,
  projectId: uuid,
  owner: shortText,
  dueDate: isoDate,
  status: z.enum(RECTIFICATION_STATUSES),
  verificationNote: text,
  verifiedBy: shortText,
  verifiedAt: isoDateTimeOrEmpty,
});

/** A Blob as the payload names it: by content hash; the bytes are a container section. */
export const blobRef = obj({ sha256, size: count, type: z.string().max(200) });
export type BlobRef = z.infer<typeof blobRef>;

/** A stored file without its Blobs: `blob` (and `original`) refer to container sections by hash. */
const fileSchema = obj({
  ...meta,
  ownerType: z.string().max(LIMITS.id),
  ownerId: z.string().max(LIMITS.id),
  name: shortText,
  mime: z.string().max(200),
  size: count,
  sha256,
  width: count.optional(),
  height: count.optional(),
  blob: blobRef,
  original: blobRef.optional(),
});
export type FileInFile = z.infer<typeof fileSchema>;

// The office's budget figures and fiscal rule entries (the fiscal outlook's data).
const budgetLineSchema = obj({
  ...meta,
  kind: z.enum(BUDGET_KINDS),
  year: z.number().int().min(1900).max(2200),
  departmentId: uuidOrEmpty,
  amount: money,
  note: text,
});

const fiscalRuleSchema = obj({
  ...meta,
  rule: z.enum(FISCAL_RULE_KINDS),
  effectiveFrom: isoDate,
  rateBp: z.number().int().min(-100_000).max(100_000),
  warnBp: z.number().int().min(-100_000).max(100_000),
  reference: shortText,
});

// Contracts and payments: money in integer minor units with an ISO 4217 code, ISO dates, closed
// enums. The forms' own rules (date order, currencies, references) are checked when a file is
// applied (contract-checks.ts), against the file and the desk together.
const fieldChange = obj({ field: z.string().max(200), before: z.unknown().optional(), after: z.unknown().optional() });

const contractSchema = obj({
  ...meta,
  projectId: uuid,
  code: shortText,
  title: shortText,
  type: z.enum(CONTRACT_TYPES),
  pppModel: z.union([z.literal(''), z.enum(PPP_MODELS)]),
  pppPaymentMechanism: z.union([z.literal(''), z.enum(PPP_PAYMENT_MECHANISMS)]),
  parties: list(obj({ orgId: uuid, role: z.enum(PARTY_ROLES), isSme: z.boolean(), signedOn: isoDateOrEmpty.optional() }), 200),
  signedOn: isoDateOrEmpty,
  constructionStart: isoDateOrEmpty,
  constructionEnd: isoDateOrEmpty,
  operationStart: isoDateOrEmpty,
  operationEnd: isoDateOrEmpty,
  value: money,
  paymentTermDays: count,
  paymentTermBasis: z.enum(['acceptance', 'invoice']),
  performanceLinkedBp: bp,
  interestPolicy: z.enum(INTEREST_POLICY_KINDS),
  contractRatePpmPerDay: count,
  // Absent from backups written before contracts carried it (the upgrade sets null).
  indexationBp: z.number().int().min(-10_000).max(10_000).nullable().default(null),
  riskAllocation: text,
  benefitSharing: text,
});

const amendmentSchema = obj({
  ...meta,
  contractId: uuid,
  signedOn: isoDate,
  summary: text,
  valueDelta: int,
  changes: list(fieldChange, 1000),
});

const obligationSchema = obj({
  ...meta,
  contractId: uuid,
  projectId: uuid,
  payeeId: uuidOrEmpty,
  payerDepartmentId: uuidOrEmpty,
  kind: z.enum(OBLIGATION_KINDS),
  description: text,
  triggerDate: isoDate,
  dueDate: isoDate,
  amount: money,
  performanceLinkedAmount: int,
  disputedAmount: int,
});

const paymentSchema = obj({
  ...meta,
  obligationId: uuid,
  contractId: uuid,
  paidOn: isoDate,
  amount: money,
  voucherNo: shortText,
  note: text,
});

const referenceRateSchema = obj({
  ...meta,
  policy: z.enum(['eu', 'uk', 'lpr']),
  effectiveFrom: isoDate,
  rateBp: z.number().int().min(-100_000).max(100_000),
});

export const RECORD_SCHEMAS: Record<ExchangeTable, z.ZodType> = {
  projects: projectSchema,
  organisations: organisationSchema,
  phaseTransitions: phaseTransitionSchema,
  contracts: contractSchema,
  amendments: amendmentSchema,
  obligations: obligationSchema,
  payments: paymentSchema,
  indicatorSystems: indicatorSystemSchema,
  checklistTemplates: checklistTemplateSchema,
  reviews: reviewSchema,
  deductions: deductionSchema,
  audits: auditSchema,
  findings: findingSchema,
  rectifications: rectificationSchema,
  files: fileSchema,
  budgets: budgetLineSchema,
  fiscalRules: fiscalRuleSchema,
};

/**
 * Schemas of the contract-side record tables that only backups carry: the office's reference rates.
 * Contracts, amendments, obligations and payments travel in exchange files (RECORD_SCHEMAS).
 */
export const CONTRACT_RECORD_SCHEMAS = {
  referenceRates: referenceRateSchema,
} as const satisfies Record<string, z.ZodType>;

/** A stored file as IndexedDB holds it: the same fields as in an exchange file, the bytes as Blobs. */
/** The office's trusted desk keys (domain/trail/trust.ts). */
export const deskKeySchema = obj({
  ...meta,
  publicKey: z.string().max(44).refine((v) => isPublicKeyText(v), bad('invalid-key')),
  name: shortText,
  note: shortText,
});

const legacySummary = z.strictObject({ count: count, digest: sha256 });
const chainHead = z.strictObject({ desk: uuid, seq: count, hash: sha256 });
/** A signed checkpoint of a desk's chain as stored (domain/trail/chain.ts Checkpoint); seq 0 = genesis. */
export const checkpointSchema = z.strictObject({
  desk: uuid,
  seq: count,
  hash: sha256,
  at: isoDateTime,
  key: z.string().max(44).refine((v) => isPublicKeyText(v), bad('invalid-key')),
  legacy: legacySummary,
  genesis: z.strictObject({ desk: uuid, key: z.string().max(44), at: isoDateTime, legacy: legacySummary, after: chainHead.nullable() }).optional(),
  sig: z.string().max(88).refine((v) => fromBase64(v)?.length === 64, bad('invalid-signature')),
});
/** A row of the trail table: a checkpoint (or genesis) under its id, or the legacy summary. */
export const trailRowSchema = z.union([
  checkpointSchema.extend({ id: z.string().max(80), kind: z.enum(['genesis', 'checkpoint']) }),
  z.strictObject({ id: z.literal('legacy'), kind: z.literal('legacy'), legacy: legacySummary, since: isoDateTime }),
]);

export const storedFileSchema = obj({
  ...fileSchema.shape,
  blob: z.instanceof(Blob),
  original: z.instanceof(Blob).optional(),
});

export const changeLogEntrySchema = obj({
  id: uuid,
  at: isoDateTime,
  by: shortText,
  entity: z.enum(EXCHANGE_TABLES),
  entityId: uuid,
  op: z.enum(['create', 'update', 'delete']),
  rev: z.number().int().min(1).max(1_000_000_000),
  changes: list(fieldChange, 1000),
  // Chain fields (domain/trail/chain.ts): all five or none (an entry written before the chain;
  // read.ts refuses a partial set).
  desk: uuid.optional(),
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  prev: sha256.optional(),
  state: sha256.optional(),
  hash: sha256.optional(),
});

/** True when an entry has all five chain fields or none. */
export function chainFieldsComplete(e: object): boolean {
  const n = ['desk', 'seq', 'prev', 'state', 'hash'].filter((k) => (e as Record<string, unknown>)[k] !== undefined).length;
  return n === 0 || n === 5;
}

/** One record of a table, with the change-log entry ids that produced it (oldest first). */
export const versionedShape = z.strictObject({ record: z.unknown(), history: list(uuid, 100_000) });

// A table added by a later format version is optional here; read.ts requires it of files of that version.
const sinceOptional = <T extends z.ZodType>(t: ExchangeTable, s: T) => (TABLE_SINCE[t] ? s.optional() : s);
const countsShape = z.strictObject(Object.fromEntries(EXCHANGE_TABLES.map((t) => [t, sinceOptional(t, count)])) as Record<ExchangeTable, z.ZodOptional<typeof count>>);

export const manifestSchema = z.strictObject({
  format: z.literal(FORMAT_NAME),
  // Version 1 files (unsigned) still parse, so they are refused as unsigned rather than as malformed.
  formatVersion: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(FORMAT_VERSION)]),
  appVersion: z.string().max(40),
  createdAt: isoDateTime,
  exporter: z.strictObject({ name: shortText, department: shortText }),
  projectIds: list(uuid, 100_000),
  counts: countsShape,
  changeLogEntries: count,
  blobs: list(z.strictObject({ sha256, size: count }), LIMITS.blobs),
  payloadSha256: sha256,
  signature: deskSignature.optional(),
});
export type ExchangeManifest = z.infer<typeof manifestSchema>;

/**
 * What the exporting desk signs: the manifest without its signature. The manifest names the
 * payload's SHA-256 and every blob's, so the signature covers the whole file.
 */
export function manifestSignatureText(m: ExchangeManifest): string {
  const { signature: _s, ...rest } = m;
  return canonicalJson({ format: 'smart-city-workbench/exchange-signature', manifest: rest });
}

export const payloadSchema = z.strictObject({
  tables: z.strictObject(
    Object.fromEntries(EXCHANGE_TABLES.map((t) => [t, sinceOptional(t, z.array(z.unknown()).max(LIMITS.recordsPerTable))])) as Record<
      ExchangeTable,
      z.ZodOptional<z.ZodArray<z.ZodUnknown>>
    >,
  ),
  changeLog: z.array(z.unknown()).max(LIMITS.changeLogEntries),
});

// The schemas' output must be usable as the domain's records: a field added to a domain type
// without its schema here fails the type check.
type Assignable<S, T> = [S] extends [T] ? true : never;
const _shapesMatch: [
  Assignable<z.infer<typeof projectSchema>, Project>,
  Assignable<z.infer<typeof organisationSchema>, Organisation>,
  Assignable<z.infer<typeof phaseTransitionSchema>, PhaseTransition>,
  Assignable<z.infer<typeof indicatorSystemSchema>, IndicatorSystem>,
  Assignable<z.infer<typeof checklistTemplateSchema>, ChecklistTemplate>,
  Assignable<z.infer<typeof reviewSchema>, PerformanceReview>,
  Assignable<z.infer<typeof deductionSchema>, PerformanceDeduction>,
  Assignable<z.infer<typeof auditSchema>, AuditRun>,
  Assignable<z.infer<typeof findingSchema>, AuditFinding>,
  Assignable<z.infer<typeof rectificationSchema>, RectificationTask>,
  Assignable<z.infer<typeof contractSchema>, Contract>,
  Assignable<z.infer<typeof amendmentSchema>, Omit<ContractAmendment, 'changes'> & { changes: { field: string; before?: unknown; after?: unknown }[] }>,
  Assignable<z.infer<typeof obligationSchema>, PaymentObligation>,
  Assignable<z.infer<typeof paymentSchema>, Payment>,
  Assignable<z.infer<typeof referenceRateSchema>, ReferenceRate>,
  Assignable<z.infer<typeof budgetLineSchema>, BudgetLine>,
  Assignable<z.infer<typeof fiscalRuleSchema>, FiscalRule>,
  // JSON drops `before: undefined` (a created field), so both ends are optional here.
  Assignable<z.infer<typeof changeLogEntrySchema>, Omit<ChangeLogEntry, 'changes'> & { changes: { field: string; before?: unknown; after?: unknown }[] }>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];
void _shapesMatch;
