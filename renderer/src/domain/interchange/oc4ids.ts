// OC4IDS 0.9 import and export: the public entry point for the data layer and the tests.
export { toOc4idsPackage, type Oc4idsExportInput, type Oc4idsPackage, type Oc4idsProject } from './oc4ids-export';
export {
  fromOc4idsPackage,
  OC4IDS_IMPORT_ERROR_CODES,
  OC4IDS_UNMAPPED_REASONS,
  type AmendmentImportDraft,
  type ContractImportDraft,
  type ObligationImportDraft,
  type Oc4idsImportError,
  type Oc4idsImportErrorCode,
  type Oc4idsImportOptions,
  type Oc4idsImportResult,
  type Oc4idsUnmapped,
  type Oc4idsUnmappedReason,
  type OrgDraft,
  type PaymentImportDraft,
  type ProjectImportDraft,
  type TransitionImportDraft,
} from './oc4ids-import';
export { OC4IDS_VERSION, PROJECT_STATUSES, phaseToStatus, STATUS_TO_PHASE, type ProjectStatus } from './oc4ids-codes';
