// The open database for the running app. Tests and benchmarks open their own and pass it explicitly.
import type { WorkbenchDb } from './db';

let current: WorkbenchDb | null = null;

export function setDb(db: WorkbenchDb): void {
  current = db;
}

export function getDb(): WorkbenchDb {
  if (!current) throw new Error('database not open');
  return current;
}
