// The renderer side of `npm run bench sync`, in Chromium on the real IndexedDB: the sync client's
// initial pull into an empty desk (validation, trail checks and merge included) beside a raw
// IndexedDB write of the same rows, and the data layer's bulk write (change log and outbox) beside
// a raw write of the same records. The raw baselines write into a plain Dexie database of the same
// stores and indexes, with none of the app's middlewares, in the same page and run.
import Dexie from 'dexie';
import type { SyncPullPage } from '../../../sync/api';
import { SCHEMA_HISTORY, type WorkbenchDb } from '../../../renderer/src/data/db';
import { pullAll } from '../../../renderer/src/data/office-sync/pull';
import { createHttpSync } from '../../../renderer/src/platform/sync-http';
import { insertMany, type Writer } from '../../../renderer/src/data/repo';
import { generatePortfolio } from '../../../renderer/src/data/demo/synthetic';
import type { Project } from '../../../renderer/src/domain/core/types';

const RAW_DB = 'sync-bench-raw';

async function rawDb(): Promise<Dexie> {
  await Dexie.delete(RAW_DB);
  const raw = new Dexie(RAW_DB);
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
     * get them sorted), in chunks of the same size. Two rounds, layer then raw and then raw then
     * layer, so neither always runs on the heels of the other's background work.
     */
    async syncBulkWrite(projects: number) {
      const rows = generatePortfolio(7, projects).projects;
      const layerWrite = async () => {
        const t0 = performance.now();
        const written: Project[] = [];
        for (let i = 0; i < rows.length; i += 2000) written.push(...(await insertMany<Project>(w, 'projects', rows.slice(i, i + 2000))));
        return { ms: Math.round(performance.now() - t0), written };
      };
      const first = await layerWrite();
      const outboxRows = await db.syncOutbox.count();
      // The records as the data layer stored them and their entries, in the order it wrote them.
      const byId = new Map((await db.projects.toArray()).map((r) => [r.id, r]));
      const entryOf = new Map(
        (await db.changeLog.where('[entity+entityId]').between(['projects', Dexie.minKey], ['projects', Dexie.maxKey]).toArray()).map((e) => [e.entityId, e]),
      );
      const stored = first.written.map((r) => byId.get(r.id)!);
      const logged = first.written.map((r) => entryOf.get(r.id)!);
      const rawWrite = async () => {
        const raw = await rawDb();
        const t0 = performance.now();
        for (let i = 0; i < stored.length; i += 2000) {
          await raw.transaction('rw', ['projects', 'changeLog'], async () => {
            await raw.table('projects').bulkAdd(stored.slice(i, i + 2000));
            await raw.table('changeLog').bulkAdd(logged.slice(i, i + 2000));
          });
        }
        const ms = Math.round(performance.now() - t0);
        raw.close();
        await Dexie.delete(RAW_DB);
        return ms;
      };
      const raw1 = await rawWrite();
      const raw2 = await rawWrite();
      await db.delete();
      await db.open();
      const second = await layerWrite();
      return { layerMs: [first.ms, second.ms], rawMs: [raw1, raw2], projects: stored.length, outboxRows };
    },
  };
}
