// The renderer side of `npm run bench sync`, in Chromium on the real IndexedDB: the sync client's
// initial pull into an empty desk (validation, trail checks and merge included) beside a raw
// IndexedDB write of the same rows, and the data layer's bulk write (change log and outbox) beside
// a raw write of the same records. The raw baselines write into a plain Dexie database of the same
// stores and indexes, with none of the app's middlewares, in the same page and run.
import Dexie from 'dexie';
import type { SyncPullPage } from '../../../sync/api';
import { openDb, SCHEMA_HISTORY, type WorkbenchDb } from '../../../renderer/src/data/db';
import { pullAll } from '../../../renderer/src/data/office-sync/pull';
import { createHttpSync } from '../../../renderer/src/platform/sync-http';
import { insertMany, type Writer } from '../../../renderer/src/data/repo';
import { generatePortfolio } from '../../../renderer/src/data/demo/synthetic';
import type { Project } from '../../../renderer/src/domain/core/types';

const RAW_DB = 'sync-bench-raw';
const LAYER_DB = 'sync-bench-layer';

async function rawDb(name = RAW_DB): Promise<Dexie> {
  await Dexie.delete(name);
  const raw = new Dexie(name);
  const latest = Math.max(...Object.keys(SCHEMA_HISTORY).map(Number));
  raw.version(latest).stores(SCHEMA_HISTORY[latest]);
  await raw.open();
  return raw;
}

const api = (key: string) => createHttpSync({ fetch: (input, init) => fetch(input, init), base: '/api/sync/', key: () => key });

export function syncBench(db: WorkbenchDb, w: Writer) {
  return {
    /** The client's pull of everything on the server into this (empty) desk. */
    async syncInitialPull(key: string, limit = 1000) {
      const t0 = performance.now();
      const r = await pullAll({ db, api: api(key), by: 'bench', limit });
      return { ms: Math.round(performance.now() - t0), records: r.records, pages: r.pages, entries: await db.changeLog.count() };
    },
    /** The same pages fetched first (not timed), then written raw: records into their stores and entries into the log, a transaction per page. */
    async syncRawWrite(key: string, limit = 1000) {
      const sync = api(key);
      const pages: SyncPullPage[] = [];
      let cursor: string | null = null;
      for (;;) {
        const page = await sync.pull({ cursor, limit });
        pages.push(page);
        cursor = page.cursor;
        if (!page.more) break;
      }
      const raw = await rawDb();
      const t0 = performance.now();
      let records = 0;
      for (const page of pages) {
        const byTable = new Map<string, unknown[]>();
        const entries: unknown[] = [];
        for (const r of page.records) {
          byTable.set(r.entity, [...(byTable.get(r.entity) ?? []), r.record]);
          for (const e of r.entries) entries.push(e.entry);
        }
        await raw.transaction('rw', [...byTable.keys(), 'changeLog'], async () => {
          for (const [t, rows] of byTable) await raw.table(t).bulkPut(rows);
          await raw.table('changeLog').bulkPut(entries);
        });
        records += page.records.length;
      }
      const ms = Math.round(performance.now() - t0);
      raw.close();
      await Dexie.delete(RAW_DB);
      return { ms, records };
    },
    /**
     * The data layer's bulk write (insertMany: records, change log, outbox, trail chain) beside a raw
     * bulkAdd of the same records and entries, in the order the data layer wrote them (IndexedDB
     * writes rows arriving in key order much faster than rows at random, so the raw write must not
     * get them sorted), a transaction per chunk of 2,000 on both sides.
     *
     * A first layer write (into a database of its own) gives the rows as the data layer stores
     * them. Then each round writes the same rows into a new layer database and a new raw one, chunk
     * by chunk, alternating which side writes a chunk first (layer, raw, raw, layer…). IndexedDB's
     * speed on this machine drifts by half within a minute (its background work after earlier
     * writes, other processes); interleaving by chunk puts both sides in the same moments, which
     * whole rounds one after the other did not. No database is deleted before the end.
     */
    async syncBulkWrite(projects: number, rounds = 4) {
      const rows = generatePortfolio(7, projects).projects;
      const CHUNK = 2000;
      const opened: Dexie[] = [];
      const layerDb = async () => {
        const ldb = openDb(`${LAYER_DB}-${opened.length}`);
        opened.push(ldb);
        await ldb.open();
        return { db: ldb, by: w.by } satisfies Writer;
      };
      const first = await layerDb();
      const t0 = performance.now();
      const written: Project[] = [];
      for (let i = 0; i < rows.length; i += CHUNK) written.push(...(await insertMany<Project>(first, 'projects', rows.slice(i, i + CHUNK))));
      const firstMs = Math.round(performance.now() - t0);
      const outboxRows = await first.db.syncOutbox.count();
      // The records as the data layer stored them and their entries, in the order it wrote them.
      const byId = new Map((await first.db.projects.toArray()).map((r) => [r.id, r]));
      const entryOf = new Map(
        (await first.db.changeLog.where('[entity+entityId]').between(['projects', Dexie.minKey], ['projects', Dexie.maxKey]).toArray()).map((e) => [e.entityId, e]),
      );
      const stored = written.map((r) => byId.get(r.id)!);
      const logged = written.map((r) => entryOf.get(r.id)!);
      const timed = async (write: () => Promise<unknown>) => {
        const start = performance.now();
        await write();
        return performance.now() - start;
      };
      let layerMs = 0;
      let rawMs = 0;
      let chunk = 0;
      // Each chunk's pair of times, raw / layer: how much one chunk's ratio wanders around the total's.
      const pairRatios: number[] = [];
      for (let r = 0; r < rounds; r++) {
        const lw = await layerDb();
        const raw = await rawDb(`${RAW_DB}-${opened.length}`);
        opened.push(raw);
        for (let i = 0; i < rows.length; i += CHUNK, chunk++) {
          const layer = () => insertMany<Project>(lw, 'projects', rows.slice(i, i + CHUNK));
          const plain = () =>
            raw.transaction('rw', ['projects', 'changeLog'], async () => {
              await raw.table('projects').bulkAdd(stored.slice(i, i + CHUNK));
              await raw.table('changeLog').bulkAdd(logged.slice(i, i + CHUNK));
            });
          // Layer first on chunks 0, 3, 4, 7, 8…; raw first on 1, 2, 5, 6…
          let l: number;
          let p: number;
          if (chunk % 4 === 0 || chunk % 4 === 3) {
            l = await timed(layer);
            p = await timed(plain);
          } else {
            p = await timed(plain);
            l = await timed(layer);
          }
          layerMs += l;
          rawMs += p;
          pairRatios.push(p / l);
        }
      }
      for (const d of opened) {
        d.close();
        await Dexie.delete(d.name);
      }
      pairRatios.sort((a, b) => a - b);
      return { firstMs, layerMs: Math.round(layerMs), rawMs: Math.round(rawMs), rounds, projects: stored.length, outboxRows, chunk: CHUNK, pairRatios };
    },
  };
}
