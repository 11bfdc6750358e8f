// Record shapes produced by importers before anything is stored. The data layer adds RecordMeta
// (id, timestamps, rev) when it writes them, so an importer never invents ids or clocks.
import type { ProjectDraft } from '../projects/project-rules';
import type {
  Contract,
  ContractAmendment,
  Organisation,
  Payment,
  PaymentObligation,
  PhaseTransition,
  RecordMeta,
} from '../core/types';

export type Fields<T extends RecordMeta> = Omit<T, keyof RecordMeta>;
export type { ProjectDraft };
export type OrgFields = Fields<Organisation>;
export type ContractFields = Fields<Contract>;
export type AmendmentFields = Fields<ContractAmendment>;
export type ObligationFields = Fields<PaymentObligation>;
export type PaymentFields = Fields<Payment>;
export type TransitionFields = Fields<PhaseTransition>;
