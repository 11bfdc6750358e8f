// Pull: pages of current records in server-sequence order, each with its change-log entries.
//
// Every record row carries the sequence number of its last write (records.seq); pushes take those
// numbers under the push lock, so visibility order is sequence order (push.ts). A page is the next
// `limit` records with seq > position, read with their entries in one REPEATABLE READ snapshot.
//
// The cursor is `c2.<epoch>.<since>.<position>`: position = the last record seq delivered; since =
// where this pull began (the position of the last completed pull). Entries come with their record
// and are those with seq > since, not > position: a record whose last write falls in a later page
// may have an older entry above `since` that no earlier page carried (it travels with the record,
// so a desk never holds an entry of a version it has not received). When a pull completes (more:
// false) the cursor's since catches up with its position. A page is applied, then its cursor is
// stored; a pull cut anywhere resumes from the last stored cursor.
//
// epoch names this life of the database: a server restored from a backup is older than the
// cursors desks hold, so IT gives it a new epoch (sync/sql/after-restore.sql) and a cursor of
// another epoch, or one beyond the server's sequence, starts again from the beginning
// (`restarted: true`).
import type { SyncPullPage, SyncPulledEntry, SyncPulledRecord, SyncRecord } from './api';
import { SyncFailure } from './errors';
import type { Queryable } from './pg-types';
import { assertSchemaVersion } from './schema';
import { valuesChunks } from './sql';
import { LIMITS } from './validate';

interface Cursor {
  /** null: from the beginning, whatever the epoch. */
  epoch: string | null;
  since: bigint;
  position: bigint;
}

const CURSOR = /^c2\.([0-9a-z]{0,64})\.(\d{1,19})\.(\d{1,19})$/;

export function parseCursor(cursor: string | null): Cursor {
  if (cursor === null) return { epoch: null, since: 0n, position: 0n };
  const m = CURSOR.exec(cursor);
  if (!m) throw new SyncFailure('invalid-argument', 'cursor');
  const since = BigInt(m[2]);
  const position = BigInt(m[3]);
  if (since > position || position > 9_223_372_036_854_775_807n) throw new SyncFailure('invalid-argument', 'cursor');
  return { epoch: m[1], since, position };
}

export function formatCursor(c: Cursor): string {
  return `c2.${c.epoch ?? ''}.${c.since}.${c.position}`;
}

/** The server's epoch and how far its sequence has gone (schema 2 on; '' and no limit before). */
async function serverLife(db: Queryable, withEpoch: boolean): Promise<{ epoch: string; lastSeq: bigint | null }> {
  if (!withEpoch) return { epoch: '', lastSeq: null };
  const e = await db.query<{ epoch: string }>('SELECT epoch FROM scw.server_epoch');
  const q = await db.query<{ last_value: string; is_called: boolean }>('SELECT last_value, is_called FROM scw.seq');
  const s = q.rows[0];
  return { epoch: e.rows[0]?.epoch ?? '', lastSeq: s ? (s.is_called ? BigInt(s.last_value) : 0n) : null };
}

function parseJsonObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SyncFailure('server-data-invalid', 'json');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SyncFailure('server-data-invalid', 'json');
  return value as Record<string, unknown>;
}

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

interface RecordRow {
  entity: string;
  id: string;
  head: string;
  deleted: number;
  seq: string;
  updated_at: Date;
  desk: string;
  record: string;
}

interface EntryRow {
  change_id: string;
  entity: string;
  record_id: string;
  desk: string;
  pushed_by: string;
  pushed_at: Date;
  entry: string;
}

export async function pullPage(db: Queryable, request: { cursor: string | null; limit?: number }, appSchemaVersion: number): Promise<SyncPullPage> {
  const given = parseCursor(request.cursor);
  const limit = request.limit ?? LIMITS.pullLimitDefault;
  await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await assertSchemaVersion(db, appSchemaVersion);
    const life = await serverLife(db, appSchemaVersion >= 2);
    const restarted = given.epoch !== null && (given.epoch !== life.epoch || (life.lastSeq !== null && given.position > life.lastSeq));
    const cursor: Cursor = restarted || given.epoch === null ? { epoch: life.epoch, since: 0n, position: 0n } : given;
    const rows = (
      await db.query<RecordRow>(
        `SELECT entity, id, head, deleted, seq, updated_at, desk, record FROM scw.records
         WHERE seq > CAST($1 AS bigint) ORDER BY seq LIMIT $2`,
        [cursor.position.toString(), limit + 1],
      )
    ).rows;
    const end = (await db.query<{ end: string | null }>('SELECT max(seq) AS end FROM scw.records')).rows[0]?.end;
    let more = rows.length > limit;
    if (more) rows.length = limit;

    const entriesByRecord = new Map<string, EntryRow[]>();
    const keys = rows.map((r) => [r.entity, r.id]);
    for (const chunk of valuesChunks(keys, ['varchar', 'varchar'], [cursor.since.toString()])) {
      const r = await db.query<EntryRow>(
        `SELECT c.change_id, c.entity, c.record_id, c.desk, c.pushed_by, c.pushed_at, c.entry
         FROM scw.changes c JOIN (VALUES ${chunk.sql}) AS v(entity, id) ON c.entity = v.entity AND c.record_id = v.id
         WHERE c.seq > CAST($1 AS bigint) ORDER BY c.seq`,
        chunk.params,
      );
      for (const e of r.rows) {
        const key = `${e.entity}\u0000${e.record_id}`;
        const list = entriesByRecord.get(key);
        if (list) list.push(e);
        else entriesByRecord.set(key, [e]);
      }
    }
    await db.query('COMMIT');

    // A page stops early when its records' entries grow past the cap (one record always fits).
    const records: SyncPulledRecord[] = [];
    let entryCount = 0;
    for (const row of rows) {
      const entries = entriesByRecord.get(`${row.entity}\u0000${row.id}`) ?? [];
      if (records.length > 0 && entryCount + entries.length > LIMITS.pullEntries) {
        more = true;
        break;
      }
      entryCount += entries.length;
      records.push(toPulled(row, entries));
    }
    const last = records.length > 0 ? BigInt(rows[records.length - 1].seq) : cursor.position;
    const next: Cursor = more ? { epoch: life.epoch, since: cursor.since, position: last } : { epoch: life.epoch, since: last, position: last };
    return {
      records,
      cursor: formatCursor(next),
      more,
      restarted,
      progress: { start: Number(cursor.since), position: Number(last), end: Number(end ?? last) },
    };
  } catch (err) {
    await db.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

/** Refuses rows whose JSON does not match the row's own keys: a tampered or broken server row. */
function toPulled(row: RecordRow, entries: EntryRow[]): SyncPulledRecord {
  const record = parseJsonObject(row.record);
  const deleted = Number(row.deleted);
  if (record.id !== row.id || record.deleted !== deleted || (deleted !== 0 && deleted !== 1)) throw new SyncFailure('server-data-invalid', 'record');
  const pulled: SyncPulledEntry[] = entries.map((e) => {
    const entry = parseJsonObject(e.entry);
    if (entry.id !== e.change_id) throw new SyncFailure('server-data-invalid', 'entry');
    return { id: e.change_id, entry: entry as SyncPulledEntry['entry'], desk: e.desk, pushedBy: e.pushed_by, pushedAt: iso(e.pushed_at) };
  });
  return {
    entity: row.entity,
    id: row.id,
    head: row.head,
    deleted: deleted as 0 | 1,
    record: record as SyncRecord,
    entries: pulled,
    desk: row.desk,
    updatedAt: iso(row.updated_at),
  };
}
