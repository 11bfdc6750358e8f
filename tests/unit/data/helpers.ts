import { openDb, type WorkbenchDb } from '../../../renderer/src/data/db';
import type { Writer } from '../../../renderer/src/data/repo';

let n = 0;
/** A fresh database per test (fake-indexeddb) and a writer with a controllable clock. */
export async function freshDb(): Promise<{ db: WorkbenchDb; w: Writer; clock: { t: number } }> {
  const db = openDb(`test-${Date.now()}-${n++}`);
  await db.open();
  const clock = { t: Date.parse('2026-11-24T02:00:00.000Z') };
  const w: Writer = { db, by: '张晓明', now: () => new Date((clock.t += 1000)) };
  return { db, w, clock };
}
