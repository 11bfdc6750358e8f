// Codes and record drafts of the OC4IDS import (oc4ids-import.ts), apart so the UI and the data
// layer can depend on the shapes without the mapper.
import type {
  AmendmentFields,
  ContractFields,
  ObligationFields,
  OrgFields,
  PaymentFields,
  ProjectDraft,
  TransitionFields,
} from './import-drafts';
import type { ContractParty, IsoDate } from '../core/types';
import type { JsonLimits } from '../core/untrusted-json';

export const OC4IDS_IMPORT_ERROR_CODES = [
  'invalidJson',
  'notAnObject',
  'noProjects',
  'tooDeep',
  'tooLarge',
  'tooMany',
  'tooLong',
  'invalidType',
  'invalidNumber',
  'required',
  'invalidValue',
  'invalidAmount',
  'invalidCurrency',
  'invalidDate',
  'duplicateId',
  /** A transaction in another currency than the milestone it pays: no exchange rates are kept. */
  'currencyMismatch',
  /** A contract's dates out of order (signed ≤ construction ≤ operation), as the contract form refuses. */
  'dateOrder',
] as const;
export type Oc4idsImportErrorCode = (typeof OC4IDS_IMPORT_ERROR_CODES)[number];

export const OC4IDS_UNMAPPED_REASONS = [
  /** The workbench has no field for it. */
  'unsupportedField',
  /** `__proto__`, `constructor` or `prototype`: dropped unread. */
  'forbiddenKey',
  /** A project-level transaction or milestone: payments live under contracts here. */
  'noContract',
  /** A milestone that is not a payment. */
  'nonPaymentMilestone',
  /** Refers to a party that the package does not describe. */
  'unresolvedParty',
  /** A stage period after the project's current status (a plan, not history). */
  'beyondCurrentPhase',
  /** A code outside the OC4IDS code list. */
  'unknownCode',
  /** Text longer than the workbench keeps: the start was kept. */
  'truncated',
  /** Missing: a default was used. */
  'defaulted',
  /** OC4IDS has no contract type: imported as traditional procurement, to be corrected. */
  'contractTypeDefaulted',
  /** Lacks a date or a value the record needs: skipped. */
  'incomplete',
  /** Same id as an earlier item: skipped. */
  'duplicate',
  /** A contract status its dates and payments do not bear out; the status follows from those. */
  'statusFromDates',
] as const;
export type Oc4idsUnmappedReason = (typeof OC4IDS_UNMAPPED_REASONS)[number];

export interface Oc4idsImportError {
  path: string;
  code: Oc4idsImportErrorCode;
  params?: Record<string, string | number>;
}
export interface Oc4idsUnmapped {
  path: string;
  reason: Oc4idsUnmappedReason;
}

export interface OrgDraft {
  key: string;
  record: OrgFields;
  /** OC4IDS roles, kept for the preview (e.g. to match against existing organisations). */
  roles: string[];
}
export interface ProjectImportDraft {
  key: string;
  record: Omit<ProjectDraft, 'departmentId' | 'operatorId'>;
  departmentKey: string;
}
export interface ContractImportDraft {
  key: string;
  projectKey: string;
  record: Omit<ContractFields, 'projectId' | 'parties'>;
  parties: { orgKey: string; role: ContractParty['role']; isSme: boolean }[];
}
export interface AmendmentImportDraft {
  key: string;
  contractKey: string;
  record: Omit<AmendmentFields, 'contractId'>;
}
export interface ObligationImportDraft {
  key: string;
  contractKey: string;
  projectKey: string;
  payeeKey: string;
  payerKey: string;
  record: Omit<ObligationFields, 'contractId' | 'projectId' | 'payeeId' | 'payerDepartmentId'>;
}
export interface PaymentImportDraft {
  key: string;
  obligationKey: string;
  contractKey: string;
  record: Omit<PaymentFields, 'obligationId' | 'contractId'>;
}
export interface TransitionImportDraft {
  projectKey: string;
  /** `by` is the importing operator, set by the data layer. */
  record: Omit<TransitionFields, 'projectId' | 'by'>;
}

export interface Oc4idsImportResult {
  projects: ProjectImportDraft[];
  organisations: OrgDraft[];
  contracts: ContractImportDraft[];
  amendments: AmendmentImportDraft[];
  obligations: ObligationImportDraft[];
  payments: PaymentImportDraft[];
  transitions: TransitionImportDraft[];
  unmapped: Oc4idsUnmapped[];
  errors: Oc4idsImportError[];
}

export interface Oc4idsImportOptions {
  /** Last-resort date for a project's phaseSince when the package dates nothing (default: today, UTC). */
  today?: IsoDate;
  limits?: Partial<JsonLimits>;
  /** Upper bound on JSON text passed as a string (characters). */
  maxTextLength?: number;
}
