// Small key/value settings kept in the database (operator profile, remembered choices).
import type { OperatorProfile } from '../domain/core/types';
import type { WorkbenchDb } from './db';

export async function getSetting<T>(db: WorkbenchDb, key: string): Promise<T | undefined> {
  return (await db.settings.get(key))?.value as T | undefined;
}

export async function setSetting<T>(db: WorkbenchDb, key: string, value: T): Promise<void> {
  await db.settings.put({ key, value });
}

export function getProfile(db: WorkbenchDb): Promise<OperatorProfile | undefined> {
  return getSetting<OperatorProfile>(db, 'operator');
}

export function saveProfile(db: WorkbenchDb, profile: OperatorProfile): Promise<void> {
  return setSetting(db, 'operator', profile);
}

export type PersistenceState = 'granted' | 'denied' | 'unsupported';

/** Asks the browser to keep this origin's data under storage pressure (navigator.storage.persist). */
export async function requestPersistence(): Promise<PersistenceState> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.persist) return 'unsupported';
  if (await storage.persisted?.()) return 'granted';
  return (await storage.persist()) ? 'granted' : 'denied';
}

export async function persistenceState(): Promise<PersistenceState> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.persisted) return 'unsupported';
  return (await storage.persisted()) ? 'granted' : 'denied';
}
