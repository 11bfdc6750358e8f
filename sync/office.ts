// Office-wide settings (compare-and-set on a version, like records) and the desk register.
import type { OfficeSetting, OfficeSettingPut, OfficeSettingPutResult, SyncDesk } from './api';
import { SyncFailure } from './errors';
import type { Queryable } from './pg-types';
import { NOTIFY_CHANNEL } from './push';

const iso = (d: Date) => new Date(d).toISOString();

interface SettingRow {
  key: string;
  version: string;
  value: string;
  updated_at: Date;
  desk: string;
}

function toSetting(row: SettingRow): OfficeSetting {
  let value: unknown;
  try {
    value = JSON.parse(row.value);
  } catch {
    throw new SyncFailure('server-data-invalid', 'setting');
  }
  return { key: row.key, value, version: row.version, updatedAt: iso(row.updated_at), desk: row.desk };
}

export async function settingsList(db: Queryable): Promise<OfficeSetting[]> {
  const r = await db.query<SettingRow>('SELECT key, version, value, updated_at, desk FROM scw.office_settings ORDER BY key');
  return r.rows.map(toSetting);
}

export async function settingsPut(db: Queryable, put: OfficeSettingPut, ctx: { desk: string; notify: boolean }): Promise<OfficeSettingPutResult> {
  const value = JSON.stringify(put.value);
  const r =
    put.baseVersion === null
      ? await db.query(
          `INSERT INTO scw.office_settings (key, version, value, seq, desk) VALUES ($1, $2, $3, nextval('scw.seq'), $4) ON CONFLICT (key) DO NOTHING`,
          [put.key, put.version, value, ctx.desk],
        )
      : await db.query(
          `UPDATE scw.office_settings SET version = $2, value = $3, seq = nextval('scw.seq'), updated_at = CURRENT_TIMESTAMP, desk = $4
           WHERE key = $1 AND version = $5`,
          [put.key, put.version, value, ctx.desk, put.baseVersion],
        );
  if (r.rowCount === 1) {
    if (ctx.notify) await db.query(`NOTIFY ${NOTIFY_CHANNEL}`);
    return { ok: true };
  }
  const now = await db.query<SettingRow>('SELECT key, version, value, updated_at, desk FROM scw.office_settings WHERE key = $1', [put.key]);
  const current = now.rows[0] ? toSetting(now.rows[0]) : null;
  // Already there: a retried put whose first reply was lost.
  if (current?.version === put.version) return { ok: true };
  return { ok: false, current };
}

/** Records that this desk connected (and as which database user). */
export async function touchDesk(db: Queryable, desk: string): Promise<void> {
  await db.query(
    `INSERT INTO scw.desks (name) VALUES ($1)
     ON CONFLICT (name) DO UPDATE SET last_seen_at = CURRENT_TIMESTAMP, db_user = CURRENT_USER`,
    [desk],
  );
}

export async function desksList(db: Queryable): Promise<SyncDesk[]> {
  const r = await db.query<{ name: string; public_key: string | null; db_user: string; first_seen_at: Date; last_seen_at: Date }>(
    'SELECT name, public_key, db_user, first_seen_at, last_seen_at FROM scw.desks ORDER BY name',
  );
  return r.rows.map((d) => ({ name: d.name, publicKey: d.public_key, user: d.db_user, firstSeenAt: iso(d.first_seen_at), lastSeenAt: iso(d.last_seen_at) }));
}

/** Sets the desk's public key once; the same key again is fine, another one is refused. */
export async function setDeskKey(db: Queryable, desk: string, publicKey: string): Promise<void> {
  await touchDesk(db, desk);
  const r = await db.query('UPDATE scw.desks SET public_key = $2 WHERE name = $1 AND (public_key IS NULL OR public_key = $2)', [desk, publicKey]);
  if (r.rowCount !== 1) throw new SyncFailure('desk-key-mismatch');
}
