// What the OC4IDS import reads, as zod shapes with bounds. Objects are loose: fields not named here
// pass through untouched to the unmapped-data report.
import { z } from 'zod';
import { CONTRACT_LIMITS } from '../contracts/contract-draft';
import { PAYMENT_LIMITS } from '../contracts/payment-rules';

/** Target lengths: the project form's limits (project-rules.ts) and the contract, payment and organisation forms'. */
export const LIMITS = {
  projectCode: 40,
  projectName: 120,
  description: 4000,
  docReference: 200,
  orgName: 200,
  orgContact: 200,
  creditCode: 40,
  contractCode: CONTRACT_LIMITS.code,
  contractTitle: CONTRACT_LIMITS.title,
  amendmentSummary: CONTRACT_LIMITS.summary,
  obligationDescription: PAYMENT_LIMITS.description,
  voucherNo: PAYMENT_LIMITS.voucherNo,
} as const;

export const MAX_PROJECTS = 5000;
const MAX_ITEMS = 20_000;
const ID_MAX = 500;
const TEXT_MAX = 20_000;

// ---- zod shapes of what the mapping reads; everything else passes through to the unmapped walk ----

const id = z.string().min(1).max(ID_MAX);
const text = z.string().max(TEXT_MAX);
const dateText = z.string().max(64);
const list = <T extends z.ZodType>(item: T, max = MAX_ITEMS) => z.array(item).max(max);
const valueSchema = z.looseObject({ amount: z.number().optional(), currency: z.string().max(16).optional() });
const periodSchema = z.looseObject({ startDate: dateText.optional(), endDate: dateText.optional() });
const orgRefSchema = z.looseObject({ id: id.optional(), name: text.optional() });
const partySchema = z.looseObject({
  id: id.optional(),
  name: text.optional(),
  identifier: z.looseObject({ scheme: text.optional(), id: text.optional() }).optional(),
  contactPoint: z
    .looseObject({ name: text.optional(), telephone: text.optional(), email: text.optional() })
    .optional(),
  roles: list(z.string().max(100), 100).optional(),
  details: z.looseObject({ scale: z.string().max(100).optional() }).optional(),
});
const documentSchema = z.looseObject({
  id: id,
  documentType: z.string().max(200).optional(),
  title: text.optional(),
  datePublished: dateText.optional(),
});
const milestoneSchema = z.looseObject({
  id: id,
  title: text.optional(),
  type: z.string().max(200).optional(),
  code: z.string().max(200).optional(),
  dueDate: dateText.optional(),
  dateMet: dateText.optional(),
  value: valueSchema.optional(),
});
const transactionSchema = z.looseObject({
  id: id,
  date: dateText.optional(),
  value: valueSchema.optional(),
  payer: orgRefSchema.optional(),
  payee: orgRefSchema.optional(),
  relatedImplementationMilestone: z.looseObject({ id: id, title: text.optional() }).optional(),
});
const modificationSchema = z.looseObject({
  id: id,
  date: dateText.optional(),
  description: text.optional(),
  rationale: text.optional(),
  oldContractValue: valueSchema.optional(),
  newContractValue: valueSchema.optional(),
  oldContractPeriod: periodSchema.optional(),
  newContractPeriod: periodSchema.optional(),
});
const summarySchema = z.looseObject({
  ocid: id.optional(),
  status: z.string().max(100).optional(),
  externalReference: id.optional(),
  title: text.optional(),
  tender: z
    .looseObject({ procuringEntity: orgRefSchema.optional(), administrativeEntity: orgRefSchema.optional() })
    .optional(),
  suppliers: list(orgRefSchema).optional(),
  contractValue: valueSchema.optional(),
  contractPeriod: periodSchema.optional(),
  finalValue: valueSchema.optional(),
  modifications: list(modificationSchema).optional(),
  milestones: list(milestoneSchema).optional(),
  transactions: list(transactionSchema).optional(),
});
export const projectSchema = z.looseObject({
  id: id,
  identifiers: list(z.looseObject({ id: id, scheme: z.string().max(200).optional() }), 100).optional(),
  updated: dateText.optional(),
  title: text.optional(),
  description: text.optional(),
  status: z.string().max(100).optional(),
  period: periodSchema.optional(),
  implementationPeriod: periodSchema.optional(),
  completionPeriod: periodSchema.optional(),
  maintenancePeriod: periodSchema.optional(),
  decommissioningPeriod: periodSchema.optional(),
  sector: list(z.string().max(200), 100).optional(),
  additionalClassifications: list(z.looseObject({ scheme: text.optional(), id: text.optional() }), 100).optional(),
  budget: z.looseObject({ amount: valueSchema.optional() }).optional(),
  parties: list(partySchema).optional(),
  publicAuthority: orgRefSchema.optional(),
  documents: list(documentSchema).optional(),
  contractingProcesses: list(z.looseObject({ id: id, summary: summarySchema.optional() })).optional(),
  completion: z.looseObject({ endDate: dateText.optional() }).optional(),
});
export const envelopeSchema = z.looseObject({
  version: z.string().max(20).optional(),
  publishedDate: dateText.optional(),
  projects: z.array(z.unknown()).min(1).max(MAX_PROJECTS),
});

export type Oc4Project = z.infer<typeof projectSchema>;
export type Oc4Summary = z.infer<typeof summarySchema>;
export type Oc4Value = z.infer<typeof valueSchema>;
export type Oc4OrgRef = z.infer<typeof orgRefSchema>;
