// Push: one transaction per batch, compare-and-set on every record's head.
//
// Under the push lock (a transaction-scoped advisory lock) the server heads of the batch's records
// are read and compared with each item's baseHead. Any mismatch rolls the whole batch back and
// reports every stale record with the server's head; the desk pulls, merges and pushes again. An
// item whose head the server already has is left alone, so a batch retried after a lost reply
// (it committed, the answer did not arrive) changes nothing. The writes themselves repeat the
// comparison (`UPDATE … WHERE head = base`) and the batch fails if a row count differs.
//
// Why the lock: sequence numbers are handed out at insert but become visible at commit. With every
// writer holding the same lock from before its first nextval until its commit, a row with a higher
// sequence number can never be visible before one with a lower number, so a pull cursor that moves
// past the highest number it saw never skips a row that commits late (docs/SYNC.md). An office's
// write volume is small, and readers never take the lock.
import type { SyncPushResult, SyncStaleItem } from './api';
import { SyncFailure } from './errors';
import type { Queryable } from './pg-types';
import { assertSchemaVersion, PUSH_LOCK_KEY } from './schema';
import { valuesChunks } from './sql';
import type { ValidatedPush } from './validate';

export const NOTIFY_CHANNEL = 'scw_changes';

export interface PushContext {
  desk: string;
  appSchemaVersion: number;
  /** Whether the server supports NOTIFY (the LISTEN connection found out); wake-ups are optional. */
  notify: boolean;
}

async function serverHeads(db: Queryable, keys: readonly [string, string][]): Promise<Map<string, string>> {
  const heads = new Map<string, string>();
  for (const chunk of valuesChunks(keys as unknown as unknown[][], ['varchar', 'varchar'])) {
    const r = await db.query<{ entity: string; id: string; head: string }>(
      `SELECT r.entity, r.id, r.head FROM scw.records r JOIN (VALUES ${chunk.sql}) AS v(entity, id) ON r.entity = v.entity AND r.id = v.id`,
      chunk.params,
    );
    for (const row of r.rows) heads.set(`${row.entity}\u0000${row.id}`, row.head);
  }
  return heads;
}

/** Runs the batch in its own transaction on `db` (a connection held for the whole call). */
export async function pushBatch(db: Queryable, v: ValidatedPush, ctx: PushContext): Promise<SyncPushResult> {
  const { items } = v.batch;
  await db.query('BEGIN');
  try {
    await db.query('SELECT pg_advisory_xact_lock($1)', [PUSH_LOCK_KEY]);
    await assertSchemaVersion(db, ctx.appSchemaVersion);
    const heads = await serverHeads(db, items.map((i) => [i.entity, i.record.id]));

    const stale: SyncStaleItem[] = [];
    const inserts: number[] = [];
    const updates: number[] = [];
    let unchanged = 0;
    items.forEach((item, i) => {
      const server = heads.get(`${item.entity}\u0000${item.record.id}`) ?? null;
      if (server === item.head) unchanged++;
      else if (server !== item.baseHead) stale.push({ entity: item.entity, id: item.record.id, serverHead: server });
      else if (server === null) inserts.push(i);
      else updates.push(i);
    });
    if (stale.length > 0) {
      await db.query('ROLLBACK');
      return { ok: false, stale };
    }

    const writes = [...inserts, ...updates];
    const entryRows: unknown[][] = [];
    for (const i of writes) {
      const item = items[i];
      item.entries.forEach((e, k) => entryRows.push([e.id, item.entity, item.record.id, v.entryText[i][k]]));
    }
    for (const chunk of valuesChunks(entryRows, ['varchar', 'varchar', 'varchar', 'text'], [ctx.desk])) {
      await db.query(
        `INSERT INTO scw.changes (change_id, seq, entity, record_id, desk, entry)
         SELECT v.change_id, nextval('scw.seq'), v.entity, v.record_id, $1, v.entry
         FROM (VALUES ${chunk.sql}) AS v(change_id, entity, record_id, entry)
         ON CONFLICT (change_id) DO NOTHING`,
        chunk.params,
      );
    }

    const insertRows = inserts.map((i) => [items[i].entity, items[i].record.id, items[i].head, items[i].record.deleted, v.recordText[i]]);
    for (const chunk of valuesChunks(insertRows, ['varchar', 'varchar', 'varchar', 'smallint', 'text'], [ctx.desk])) {
      const r = await db.query(
        `INSERT INTO scw.records (entity, id, head, deleted, seq, desk, record)
         SELECT v.entity, v.id, v.head, v.deleted, nextval('scw.seq'), $1, v.record
         FROM (VALUES ${chunk.sql}) AS v(entity, id, head, deleted, record)
         ON CONFLICT (entity, id) DO NOTHING`,
        chunk.params,
      );
      if (r.rowCount !== chunk.rows) throw new SyncFailure('server-error', 'cas-insert');
    }

    const updateRows = updates.map((i) => [items[i].entity, items[i].record.id, items[i].baseHead, items[i].head, items[i].record.deleted, v.recordText[i]]);
    for (const chunk of valuesChunks(updateRows, ['varchar', 'varchar', 'varchar', 'varchar', 'smallint', 'text'], [ctx.desk])) {
      const r = await db.query(
        `UPDATE scw.records AS r
         SET head = v.head, deleted = v.deleted, record = v.record, seq = nextval('scw.seq'), updated_at = CURRENT_TIMESTAMP, desk = $1
         FROM (VALUES ${chunk.sql}) AS v(entity, id, base, head, deleted, record)
         WHERE r.entity = v.entity AND r.id = v.id AND r.head = v.base`,
        chunk.params,
      );
      // The lock makes this impossible short of someone writing around it; refuse the batch then.
      if (r.rowCount !== chunk.rows) throw new SyncFailure('server-error', 'cas-update');
    }

    if (ctx.notify && writes.length > 0) await db.query(`NOTIFY ${NOTIFY_CHANNEL}`);
    await db.query('COMMIT');
    return { ok: true, applied: writes.length, unchanged };
  } catch (err) {
    await db.query('ROLLBACK').catch(() => {});
    throw err;
  }
}
