// A seeded fuzz run of 1,000 mutated backups against a small live database (fake-indexeddb). Most
// mutations are made as an attacker would: rows edited, added or removed, and the file re-hashed
// (page digests, trailer, counts, body digest) so that only the row checks and the audit-trail
// check stand in the way; the rest flip, cut or reorder bytes. Each case must be refused with a code, the live database
// byte-identical afterwards, or applied so that the live database holds exactly the file's rows.
import { describe, expect, it } from 'vitest';
import { openDb, type WorkbenchDb } from '../../../renderer/src/data/db';
import { loadDemo } from '../../../renderer/src/data/demo';
import { createBackup } from '../../../renderer/src/data/interchange/backup/create';
import { restoreBackup, verifyBackup } from '../../../renderer/src/data/interchange/backup/restore';
import { bytesToHex, sha256 } from '../../../renderer/src/domain/core/crypto';
import type { Rng } from '../../../renderer/src/domain/core/random';
import { BackupError, FRAME } from '../../../renderer/src/domain/interchange/backup-format';
import { explode, forge, fromLines, lines, rehashTrailer, type Exploded } from '../../support/backup-forge';
import { formatFuzzReport, runFuzz, type FuzzOutcome, type FuzzTarget } from '../../support/fuzz';
import { giveHistory } from '../../support/history';

const SEED = 20261124;
const RUNS = 1000;
const PAGE = 1000;
const CHUNK = 16 * 1024;

const WRONG_VALUES: unknown[] = [
  'abc', '', 123, -1, 1.5, 1e300, null, true, [], {}, '2026-02-30', '2026-13-01T00:00:00Z', 'x'.repeat(600),
  { $scwb: 'undef' }, { $scwb: 'num', v: 'NaN' }, { $scwb: 'date', v: 0 }, 'CNY', 'ZZ', '00000000-0000-4000-8000-000000000000',
];

type Row = Record<string, unknown>;

/** A random place in a row: a top-level field, or one level down in an object field. */
function pickPath(rng: Rng, row: Row): string[] {
  const keys = Object.keys(row);
  const k = rng.pick(keys);
  const v = row[k];
  if (v && typeof v === 'object' && !Array.isArray(v) && rng.chance(0.5)) {
    const inner = Object.keys(v);
    if (inner.length) return [k, rng.pick(inner)];
  }
  return [k];
}

function setPath(row: Row, path: string[], value: unknown): void {
  let node = row;
  for (const p of path.slice(0, -1)) node = node[p] as Row;
  if (value === undefined) delete node[path[path.length - 1]];
  else node[path[path.length - 1]] = value;
}

/** One ROWS frame with at least one row, and a row line in it. */
function pickRow(rng: Rng, x: Exploded): { frame: number; line: number; l: string[] } {
  const pages = x.frames.map((f, i) => ({ f, i })).filter(({ f }) => f.kind === FRAME.rows && lines(f.plain).length > 1);
  const { i } = rng.pick(pages);
  const l = lines(x.frames[i].plain);
  return { frame: i, line: rng.int(1, l.length - 1), l };
}

type Mutation = (rng: Rng, x: Exploded, raw: Uint8Array) => Promise<Uint8Array>;

const editRow = (change: (rng: Rng, row: Row) => void, rehash = true): Mutation => async (rng, x) => {
  const { frame, line, l } = pickRow(rng, x);
  const row = JSON.parse(l[line]) as Row;
  change(rng, row);
  l[line] = JSON.stringify(row);
  x.frames[frame].plain = fromLines(l);
  if (rehash) await rehashTrailer(x);
  return forge(x);
};

const MUTATIONS: Record<string, Mutation> = {
  'field: wrong value': editRow((rng, row) => setPath(row, pickPath(rng, row), rng.pick(WRONG_VALUES))),
  'field: removed': editRow((rng, row) => setPath(row, pickPath(rng, row), undefined)),
  'field: unknown added': editRow((rng, row) => setPath(row, [`extra${rng.int(0, 9)}`], rng.pick(WRONG_VALUES))),
  'field: valid text': editRow((rng, row) => {
    const texts = Object.keys(row).filter((k) => ['name', 'description', 'note', 'title', 'summary', 'by', 'updatedBy'].includes(k));
    if (texts.length) row[rng.pick(texts)] = `改 ${rng.int(0, 999)}`;
  }),
  'field: stale trailer': editRow((rng, row) => setPath(row, pickPath(rng, row), rng.pick(WRONG_VALUES)), false),
  'row: removed': async (rng, x) => {
    const { frame, line, l } = pickRow(rng, x);
    l.splice(line, 1);
    x.frames[frame].plain = fromLines(l);
    await rehashTrailer(x);
    return forge(x);
  },
  'row: duplicated': async (rng, x) => {
    const { frame, line, l } = pickRow(rng, x);
    l.splice(line, 0, l[line]);
    x.frames[frame].plain = fromLines(l);
    await rehashTrailer(x);
    return forge(x);
  },
  'row: not json': async (rng, x) => {
    const { frame, line, l } = pickRow(rng, x);
    l[line] = l[line].slice(0, rng.int(0, l[line].length - 1));
    x.frames[frame].plain = fromLines(l);
    await rehashTrailer(x);
    return forge(x);
  },
  'page: moved to other table': async (rng, x) => {
    const { frame, l } = pickRow(rng, x);
    l[0] = JSON.stringify(rng.pick(x.header.tables).name);
    x.frames[frame].plain = fromLines(l);
    await rehashTrailer(x);
    return forge(x);
  },
  'frames: swapped': async (rng, x) => {
    const a = rng.int(0, x.frames.length - 2);
    const b = rng.int(a + 1, x.frames.length - 1);
    [x.frames[a], x.frames[b]] = [x.frames[b], x.frames[a]];
    await rehashTrailer(x);
    return forge(x);
  },
  'frame: dropped': async (rng, x) => {
    x.frames.splice(rng.int(0, x.frames.length - 1), 1);
    await rehashTrailer(x);
    return forge(x);
  },
  'header: schema version': async (rng, x) => {
    x.header.schemaVersion = rng.pick([0, 1, 2, x.header.schemaVersion + 1, 9999]);
    return forge(x);
  },
  'header: table renamed': async (rng, x) => {
    rng.pick(x.header.tables).name = rng.pick(['dashboards', 'projects', '__proto__', '']);
    return forge(x);
  },
  'bytes: one flipped': async (rng, _x, raw) => {
    const out = raw.slice();
    out[rng.int(0, out.length - 1)] ^= 1 << rng.int(0, 7);
    return out;
  },
  'bytes: cut short': async (rng, _x, raw) => raw.slice(0, rng.int(0, raw.length - 1)),
};

async function fingerprintOf(db: WorkbenchDb): Promise<string> {
  const out: unknown[] = [];
  const plain = async (v: unknown): Promise<unknown> => {
    if (v instanceof Blob) return { blob: v.type, sha256: bytesToHex(await sha256(new Uint8Array(await v.arrayBuffer()))) };
    if (v === undefined) return '<undefined>';
    if (v instanceof Date || v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return Promise.all(v.map(plain));
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = await plain(x);
    return o;
  };
  for (const t of db.tables) out.push(t.name, await Promise.all((await t.toArray()).map(plain)));
  return bytesToHex(await sha256(new TextEncoder().encode(JSON.stringify(out))));
}

/** Rows per table (page boundaries dropped) and the Blob bytes in order: what a file holds. */
async function contentOf(bytes: Uint8Array): Promise<{ rows: Record<string, string[]>; blobs: string }> {
  const x = await explode(bytes);
  const rows: Record<string, string[]> = {};
  const blobs: Uint8Array[] = [];
  for (const f of x.frames) {
    if (f.kind === FRAME.blob) blobs.push(f.plain);
    if (f.kind !== FRAME.rows) continue;
    const l = lines(f.plain);
    (rows[JSON.parse(l[0]) as string] ??= []).push(...l.slice(1));
  }
  return { rows, blobs: bytesToHex(await sha256(new Uint8Array(await new Blob(blobs as Uint8Array<ArrayBuffer>[]).arrayBuffer()))) };
}

async function smallDatabase(name: string): Promise<WorkbenchDb> {
  const demo = openDb(`${name}-demo`);
  await demo.open();
  await loadDemo({ db: demo, by: '张晓明', now: () => new Date('2026-11-20T02:00:00.000Z') });
  const db = openDb(name);
  await db.open();
  // A few rows of every table the demo fills, the stored files (with their Blobs) among them.
  // The trail table is the new database's own (its genesis and legacy summary), not copied; signed
  // audits are left out because a restore re-verifies their seals against photos not copied here.
  // The log is not copied either: each record gets one chained entry here, so the database passes
  // the audit-trail check a restore runs, as a real one does.
  for (const t of demo.tables) {
    if (t.name === 'trail' || t.name === 'changeLog') continue;
    const rows = t.name === 'audits' ? await t.filter((a) => a.status !== 'signed').limit(4).toArray() : await t.limit(t.name === 'files' ? 3 : 4).toArray();
    await db.table(t.name).bulkAdd(rows);
  }
  demo.close();
  await giveHistory(db);
  return db;
}

describe('backup fuzz', () => {
  it(`refuses with a code or applies consistently each of ${RUNS} mutated backups (seed ${SEED})`, async () => {
    const live = await smallDatabase(`fuzz-${Date.now()}`);
    const backup = async () => new Uint8Array(await (await createBackup(live, { appVersion: 'fuzz', createdBy: 'fuzz', pageSize: PAGE, blobChunkBytes: CHUNK })).blob.arrayBuffer());
    const original = await backup();
    const baseline = new Map<string, unknown[]>();
    for (const t of live.tables) baseline.set(t.name, await t.toArray());
    const names = Object.keys(MUTATIONS).sort();
    const target: FuzzTarget<Uint8Array> = {
      async mutate(rng) {
        const label = rng.pick(names);
        return { label, input: await MUTATIONS[label](rng, await explode(original), original) };
      },
      async attempt(file): Promise<FuzzOutcome> {
        try {
          await restoreBackup(live, await verifyBackup(file, { currentSchemaVersion: live.verno }));
          return { kind: 'applied' };
        } catch (e) {
          if (e instanceof BackupError) return { kind: 'refused', code: e.code };
          throw e;
        }
      },
      fingerprint: () => fingerprintOf(live),
      async checkApplied(file) {
        const want = await contentOf(file);
        const got = await contentOf(await backup());
        for (const t of live.tables) {
          expect(got.rows[t.name] ?? [], t.name).toEqual(want.rows[t.name] ?? []);
        }
        expect(got.blobs).toBe(want.blobs);
      },
      // Straight back to the baseline rows (the runner checks the fingerprint after each reset).
      async reset() {
        await live.transaction('rw', live.tables, async () => {
          for (const t of live.tables) {
            await t.clear();
            await t.bulkAdd(baseline.get(t.name)!);
          }
        });
      },
    };
    const report = await runFuzz(target, { seed: SEED, runs: RUNS });
    console.log(formatFuzzReport('backup fuzz', report));
    expect(report.failures).toEqual([]);
    // The run reached every defence: row checks behind valid hashes, and the checksums themselves.
    expect(report.outcomes['refused: invalid-row']).toBeGreaterThan(50);
    expect(report.outcomes['refused: damaged']).toBeGreaterThan(50);
    expect(report.outcomes['refused: trail-broken']).toBeGreaterThan(50);
    expect(report.outcomes.applied).toBeGreaterThan(20);
  }, 600_000);
});
