// Office-wide settings (what-syncs.ts: isOfficeSetting) travel through the server's office settings,
// a small key/value table with compare-and-set on a version. Per-desk settings never leave the desk.
//
// The desk remembers, per key, the version and value it last exchanged (SyncNotes.officeSettings).
// A local value equal to that memory has not changed here: the server's version is taken. A local
// value that differs was changed here: it is put on top of the remembered version; when another
// desk changed the key first, ours is put again on top of theirs (the later writer wins — these are
// preferences such as the OC4IDS publisher, not records with a history).
import type { OfficeSetting, SyncApi } from '../../../../sync/api';
import { sameValue } from '../../domain/interchange/merge';
import type { WorkbenchDb } from '../db';
import { newId } from '../repo';
import { readNote, writeNote, type SyncNotes } from './state';
import { isOfficeSetting } from './what-syncs';

export interface OfficeSettingsOutcome {
  taken: number;
  sent: number;
}

export async function syncOfficeSettings(db: WorkbenchDb, api: SyncApi): Promise<OfficeSettingsOutcome> {
  const server = new Map<string, OfficeSetting>((await api.settingsList()).filter((s) => isOfficeSetting(s.key)).map((s) => [s.key, s]));
  const memory: SyncNotes['officeSettings'] = { ...(await readNote(db, 'officeSettings')) };
  const local = new Map((await db.settings.toArray()).filter((r) => isOfficeSetting(r.key)).map((r) => [r.key, r.value]));
  const out: OfficeSettingsOutcome = { taken: 0, sent: 0 };
  const take: { key: string; value: unknown }[] = [];

  for (const key of new Set([...server.keys(), ...local.keys()])) {
    const remote = server.get(key);
    const mine = local.get(key);
    const known = memory[key];
    const changedHere = local.has(key) && (!known || !sameValue(known.value, mine));
    if (!changedHere) {
      if (remote && (!known || known.version !== remote.version)) {
        take.push({ key, value: remote.value });
        memory[key] = { version: remote.version, value: remote.value };
      }
      continue;
    }
    let base = remote ? (known?.version === remote.version ? known.version : remote.version) : null;
    for (let attempt = 0; attempt < 3; attempt++) {
      const version = newId();
      const r = await api.settingsPut({ key, value: mine, baseVersion: base, version });
      if (r.ok) {
        memory[key] = { version, value: mine };
        out.sent++;
        break;
      }
      base = r.current?.version ?? null;
    }
  }
  await db.transaction('rw', ['settings', 'syncState'], async () => {
    for (const { key, value } of take) await db.settings.put({ key, value });
    await writeNote(db, 'officeSettings', memory);
  });
  out.taken = take.length;
  return out;
}
