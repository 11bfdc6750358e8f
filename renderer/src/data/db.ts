// The one place the IndexedDB schema is declared. Add a new version with an
// upgrade function for every change; never edit a released version.
import Dexie, { type EntityTable } from 'dexie';
import type {
  ChangeLogEntry,
  Contract,
  ContractAmendment,
  Organisation,
  Payment,
  PaymentObligation,
  PhaseTransition,
  Project,
  ReferenceRate,
} from '../domain/types';

export interface SettingRow {
  key: string;
  value: unknown;
}

export type WorkbenchDb = Dexie & {
  projects: EntityTable<Project, 'id'>;
  organisations: EntityTable<Organisation, 'id'>;
  phaseTransitions: EntityTable<PhaseTransition, 'id'>;
  changeLog: EntityTable<ChangeLogEntry, 'id'>;
  settings: EntityTable<SettingRow, 'key'>;
  contracts: EntityTable<Contract, 'id'>;
  amendments: EntityTable<ContractAmendment, 'id'>;
  obligations: EntityTable<PaymentObligation, 'id'>;
  payments: EntityTable<Payment, 'id'>;
  referenceRates: EntityTable<ReferenceRate, 'id'>;
};

export const DB_NAME = 'smart-city-workbench';

/** Schema v1. Tombstoned rows stay (deleted = 1) so merges cannot resurrect them. */
export const SCHEMA_V1: Record<string, string> = {
  projects:
    'id, code, updatedAt, [deleted+phase], [deleted+category], [deleted+departmentId], [deleted+name], [deleted+updatedAt]',
  organisations: 'id, name, kind, deleted',
  phaseTransitions: 'id, projectId, at',
  changeLog: 'id, [entity+entityId], at',
  settings: 'key',
  contracts: 'id, projectId, type, signedOn, deleted',
  amendments: 'id, contractId',
  obligations: 'id, contractId, projectId, payeeId, payerDepartmentId, dueDate, deleted',
  payments: 'id, obligationId, contractId, paidOn',
  referenceRates: 'id, [policy+effectiveFrom]',
};

export function openDb(name: string = DB_NAME): WorkbenchDb {
  const db = new Dexie(name) as WorkbenchDb;
  db.version(1).stores(SCHEMA_V1);
  return db;
}
