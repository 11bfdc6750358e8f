// `npm run bench sync`: the office server at portfolio size, measured in Node against a throwaway
// PostgreSQL on loopback (tests/support/pg-cluster.ts). The rows are the contracts bench's
// portfolio (5,000 projects, 20,000 contracts, 500,000 obligations + payments) as records with one
// creation entry each, as the data layer logs them. Printed beside the raw baseline measured in the
// same run: PostgreSQL COPY of the same rows (JSON text) into tables of the same shape and indexes.
// The renderer's end-to-end figures (IndexedDB in and out, A → B propagation) go in this section too.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { SyncPushItem, SyncRecord } from '../../sync/api';
import { createHttpSync } from '../../renderer/src/platform/sync-http';
import { generatePortfolio } from '../../renderer/src/data/demo/synthetic';
import { syntheticContractChunks } from '../../renderer/src/data/demo/synthetic-contracts';
import { buildRecord, diffFields, type Writer } from '../../renderer/src/data/repo';
import type { Organisation, Project } from '../../renderer/src/domain/core/types';
import { loadMigrations } from '../../sync/schema';
import { startWebSync } from '../../sync/web-host';
import { adminQuery, psqlCopyIn, psqlFile, startCluster, type PgCluster } from '../support/pg-cluster';
import { memoryConfigStore } from '../../sync/config';
import { createPgPool } from '../../sync/pg';
import { memorySecretStore } from '../../sync/secrets';
import { createSyncService, type SyncService } from '../../sync/service';
import { MIGRATIONS_DIR } from '../../sync/web-host';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { BenchSection } from './sections';
import { sizeFromEnv } from './env';
// @ts-expect-error plain ESM script without type declarations
import { startStaticServer } from '../../scripts/static-server.mjs';

/**
 * BENCH_SYNC_PARTS=renderer (or server) runs one part of the section: the renderer part alone
 * needs no portfolio-size push, so it can be profiled in minutes instead of an hour.
 */
const PARTS = new Set((process.env.BENCH_SYNC_PARTS ?? 'server,renderer').split(',').map((p) => p.trim()));

const PROJECTS = 5000;
const CONTRACTS = 20_000;
const BATCH = 2000;
const PASSWORD = 'bench';

const writer: Pick<Writer, 'by' | 'now'> = { by: '基准测试', now: () => new Date('2026-11-24T08:00:00Z') };

/** A record new to the server with the creation entry repo.ts would have logged for it. */
function item(entity: string, record: SyncRecord): SyncPushItem {
  const entry = { id: randomUUID(), at: record.createdAt as string, by: writer.by, entity, entityId: record.id, op: 'create', rev: 1, changes: diffFields(undefined, record) };
  return { entity, baseHead: null, head: entry.id, record, entries: [entry] };
}

/** Every row of the portfolio as push items, in batches, made on demand (deterministic but for entry ids). */
function* portfolioBatches(): Generator<SyncPushItem[]> {
  const portfolio = generatePortfolio(42, PROJECTS);
  const at = writer.now!().toISOString();
  let batch: SyncPushItem[] = [];
  const add = function* (entity: string, record: unknown) {
    batch.push(item(entity, record as SyncRecord));
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  };
  for (const o of portfolio.organisations) yield* add('organisations', buildRecord<Organisation>(writer as Writer, o, at));
  for (const p of portfolio.projects) yield* add('projects', buildRecord<Project>(writer as Writer, p, at));
  const projects = portfolio.projects as Pick<Project, 'id' | 'departmentId'>[];
  const companies = portfolio.organisations.filter((o) => o.kind === 'company') as Pick<Organisation, 'id' | 'isSme'>[];
  for (const chunk of syntheticContractChunks(writer, { seed: 43, from: 0, to: CONTRACTS, projects, companies })) {
    for (const c of chunk) {
      yield* add('contracts', c.contract);
      for (const o of c.obligations) yield* add('obligations', o);
      for (const p of c.payments) yield* add('payments', p);
    }
  }
  if (batch.length) yield batch;
}

const csv = (v: string | number) => (typeof v === 'number' ? String(v) : `"${v.replace(/"/g, '""')}"`);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString('en')}/s`;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function service(cluster: PgCluster, database: string, user: string, desk: string): Promise<SyncService> {
  const secrets = memorySecretStore();
  await secrets.set(PASSWORD);
  return createSyncService({
    createPool: createPgPool,
    configStore: memoryConfigStore({ host: cluster.host, port: cluster.port, database, user, tls: 'disable', caPem: null, desk }),
    secretStore: secrets,
    migrations: await loadMigrations(MIGRATIONS_DIR, { readdir, readFile }),
  });
}

export const syncBench: BenchSection = {
  id: 'sync',
  title: `Office-server sync at ${PROJECTS.toLocaleString('en')} projects, ${CONTRACTS.toLocaleString('en')} contracts and 500,000 obligations + payments (PostgreSQL, loopback)`,
  async run({ log, page }) {
    const cluster = await startCluster();
    const desks: SyncService[] = [];
    try {
      await psqlFile(cluster, 'postgres', 'sync/sql/setup/1-roles.sql', { owner_password: PASSWORD });
      await psqlFile(cluster, 'postgres', 'sync/sql/setup/2-database.sql', { database: 'scw' });
      for (const u of ['desk_a', 'desk_b']) await psqlFile(cluster, 'postgres', 'sync/sql/setup/3-desk-user.sql', { desk_user: u, desk_password: PASSWORD });
      if (PARTS.has('server')) await serverPart(cluster, desks, log);
      if (PARTS.has('renderer')) await rendererPart(cluster, desks, page, log);
    } finally {
      await Promise.all(desks.map((d) => d.close()));
      await cluster.stop();
    }
  },
};

/** The sync module against PostgreSQL at portfolio size: COPY baseline, initial push and pull, one edit A → B. */
async function serverPart(cluster: PgCluster, desks: SyncService[], log: (label: string, value: string) => void): Promise<void> {
  const owner = await service(cluster, 'scw', 'scw_owner', 'owner');
  desks.push(owner);
  const installed = await owner.test();
  if (!installed.ok) throw new Error(`schema: ${installed.code}`);
  log('server', `PostgreSQL ${installed.server.version}, schema ${installed.server.schemaVersion}`);

  // The rows, made once: push batches, and the same as COPY input (CSV, UTF-8, off the JS heap)
  // so that COPY and the push time only the database and the sync module.
  let t0 = performance.now();
  const batches = [...portfolioBatches()];
  const recordCsv: Buffer[] = [];
  const changeCsv: Buffer[] = [];
  let rows = 0;
  let seq = 0;
  const counts = new Map<string, number>();
  for (const batch of batches) {
    let r = '';
    let c = '';
    for (const it of batch) {
      const e = it.entries[0];
      r += `${csv(it.entity)},${csv(it.record.id)},${csv(it.head)},${it.record.deleted},${++seq},${csv('bench')},${csv(JSON.stringify(it.record))}\n`;
      c += `${csv(e.id)},${++seq},${csv(it.entity)},${csv(it.record.id)},${csv('bench')},${csv(JSON.stringify(e))}\n`;
      counts.set(it.entity, (counts.get(it.entity) ?? 0) + 1);
    }
    rows += batch.length;
    recordCsv.push(Buffer.from(r));
    changeCsv.push(Buffer.from(c));
  }
  const jsonBytes = recordCsv.reduce((n, b) => n + b.length, 0) + changeCsv.reduce((n, b) => n + b.length, 0);
  log('rows (records, each with its creation entry)', `${rows.toLocaleString('en')} (${[...counts].map(([k, v]) => `${v.toLocaleString('en')} ${k}`).join(', ')}); ${(jsonBytes / 1024 / 1024).toFixed(0)} MB as CSV; made in ${secs(performance.now() - t0)}`);

  // Baseline: COPY into tables of the sync tables' shape and indexes.
  await adminQuery(cluster, 'scw', 'CREATE SCHEMA bench; CREATE TABLE bench.records (LIKE scw.records INCLUDING ALL); CREATE TABLE bench.changes (LIKE scw.changes INCLUDING ALL)');
  t0 = performance.now();
  const pipe = (buffers: Buffer[]) => async (sink: NodeJS.WritableStream) => {
    for (const b of buffers) if (!sink.write(b)) await new Promise((r) => sink.once('drain', r));
  };
  await Promise.all([
    psqlCopyIn(cluster, 'scw', `COPY bench.records (entity, id, head, deleted, seq, desk, record) FROM STDIN WITH (FORMAT csv)`, pipe(recordCsv)),
    psqlCopyIn(cluster, 'scw', `COPY bench.changes (change_id, seq, entity, record_id, desk, entry) FROM STDIN WITH (FORMAT csv)`, pipe(changeCsv)),
  ]);
  const copyMs = performance.now() - t0;
  log('[baseline] PostgreSQL COPY of the same rows (records ∥ entries)', `${secs(copyMs)} (${rate(rows, copyMs)} records with their entry)`);
  recordCsv.length = 0;
  changeCsv.length = 0;

  // Initial push from a full desk: batches of 2,000 records, one transaction each.
  const a = await service(cluster, 'scw', 'desk_a', 'A');
  desks.push(a);
  let pushMs = 0;
  const batchMs: number[] = [];
  for (const batch of batches) {
    const b0 = performance.now();
    const r = await a.push({ items: batch });
    const ms = performance.now() - b0;
    if (!r.ok) throw new Error('stale in an empty office?');
    pushMs += ms;
    batchMs.push(ms);
  }
  batches.length = 0;
  batchMs.sort((x, y) => x - y);
  log(`initial push from a full desk (${BATCH.toLocaleString('en')} records per batch)`, `${secs(pushMs)} (${rate(rows, pushMs)}) = ${(pushMs / copyMs).toFixed(1)}× COPY`);
  log('  one batch (the push lock is held this long): p50 / p95 / max', `${Math.round(pct(batchMs, 50))} / ${Math.round(pct(batchMs, 95))} / ${Math.round(batchMs[batchMs.length - 1])} ms`);
  const size = await adminQuery<{ records: string; changes: string }>(cluster, 'scw', `SELECT pg_size_pretty(pg_total_relation_size('scw.records')) AS records, pg_size_pretty(pg_total_relation_size('scw.changes')) AS changes`);
  log('server size: records / change log (with indexes)', `${size.rows[0].records} / ${size.rows[0].changes}`);

  // Initial pull into an empty desk, straight from the module (Electron's main process side).
  const b = await service(cluster, 'scw', 'desk_b', 'B');
  desks.push(b);
  for (const limit of [1000, 5000]) {
    t0 = performance.now();
    let pulled = 0;
    let pages = 0;
    let cursor: string | null = null;
    for (;;) {
      const page = await b.pull({ cursor, limit });
      pulled += page.records.length;
      pages++;
      cursor = page.cursor;
      if (!page.more) break;
    }
    const ms = performance.now() - t0;
    log(`initial pull into an empty desk, module (${limit.toLocaleString('en')} per page, ${pages} pages)`, `${secs(ms)} (${rate(pulled, ms)}) = ${(ms / copyMs).toFixed(1)}× COPY`);
  }

  // The same through the web build's endpoints (JSON over loopback HTTP), as the page would.
  const web = await startWebSync({ config: { host: cluster.host, port: cluster.port, database: 'scw', user: 'desk_b', tls: 'disable', caPem: null, desk: 'B-web' }, password: PASSWORD });
  const { server, url } = (await startStaticServer({ root: 'dist', port: 0, api: web.handler })) as { server: Server; url: string };
  try {
    const origin = url.replace(/\/$/, '');
    const sync = createHttpSync({
      fetch: (input, init) => fetch(new URL(String(input), url), { ...init, headers: { ...(init?.headers as Record<string, string>), Origin: origin } }),
      base: '/api/sync/',
      key: () => web.key,
    });
    t0 = performance.now();
    let pulled = 0;
    let cursor: string | null = null;
    for (;;) {
      const page = await sync.pull({ cursor });
      pulled += page.records.length;
      cursor = page.cursor;
      if (!page.more) break;
    }
    const ms = performance.now() - t0;
    log('initial pull, web build endpoint (1,000 per page, JSON over HTTP)', `${secs(ms)} (${rate(pulled, ms)}) = ${(ms / copyMs).toFixed(1)}× COPY`);
  } finally {
    await web.close();
    server.closeAllConnections();
    server.close();
  }

  // Incremental: 100 single-record pushes (edits) and the pull that brings each to another desk.
  const cursorB = await (async () => {
    let c: string | null = null;
    for (;;) {
      const p = await b.pull({ cursor: c, limit: 5000 });
      c = p.cursor;
      if (!p.more) return c;
    }
  })();
  const some = (await a.pull({ cursor: null, limit: 100 })).records;
  const round: number[] = [];
  let cb = cursorB;
  for (const r of some) {
    const e = { id: randomUUID(), at: new Date().toISOString(), by: writer.by, entity: r.entity, entityId: r.id, op: 'update', rev: 2, changes: [{ field: 'note', before: undefined, after: '已核对' }] };
    const r0 = performance.now();
    const pushed = await a.push({ items: [{ entity: r.entity, baseHead: r.head, head: e.id, record: { ...r.record, note: '已核对', rev: 2 }, entries: [e] }] });
    const page = await b.pull({ cursor: cb });
    round.push(performance.now() - r0);
    if (!pushed.ok || page.records.length !== 1) throw new Error('incremental edit did not arrive');
    cb = page.cursor;
  }
  round.sort((x, y) => x - y);
  log('one edit: push on A + pull on B, module (100 edits) p50 / p95', `${pct(round, 50).toFixed(1)} / ${pct(round, 95).toFixed(1)} ms`);
}

/**
 * Records in the office the renderer figures use: the portfolio's first batches (organisations,
 * projects, then contracts with their obligations and payments). BENCH_SYNC_RECORDS and
 * BENCH_SYNC_PROJECTS shrink them for profiling; the figures in the README are at these defaults.
 */
const RENDERER_RECORDS = sizeFromEnv('BENCH_SYNC_RECORDS', 20_000);
const LAYER_PROJECTS = sizeFromEnv('BENCH_SYNC_PROJECTS', 20_000);

/**
 * With BENCH_SYNC_PROFILE=<folder>, the page's JavaScript CPU profile of `fn` (Chrome DevTools
 * Protocol) is written there as <name>.cpuprofile, to open in DevTools' Performance panel. The
 * sampling costs a little, so figures of a profiled run are not the ones to record.
 */
async function profiled<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_SYNC_PROFILE;
  if (!dir) return fn();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    await cdp.detach();
  }
}

/**
 * The desk's side in Chromium (tests/bench/page/sync-bench.ts): the sync client's initial pull of
 * an office of RENDERER_RECORDS records into an empty desk through the web build's endpoints —
 * validation, trail checks, merge and IndexedDB writes — beside a raw IndexedDB write of the same
 * rows; and the data layer's bulk write with sync on (change log, chain and outbox) beside a raw
 * write of the same records and entries.
 */
export async function rendererPart(cluster: PgCluster, desks: SyncService[], page: Page, log: (label: string, value: string) => void): Promise<void> {
  await psqlFile(cluster, 'postgres', 'sync/sql/setup/2-database.sql', { database: 'scw_r' });
  const owner = await service(cluster, 'scw_r', 'scw_owner', 'owner-r');
  desks.push(owner);
  if (!(await owner.test()).ok) throw new Error('schema (renderer office)');
  const a = await service(cluster, 'scw_r', 'desk_a', 'A-r');
  desks.push(a);
  let pushed = 0;
  for (const batch of portfolioBatches()) {
    const take = batch.slice(0, RENDERER_RECORDS - pushed);
    if (!(await a.push({ items: take })).ok) throw new Error('stale in an empty office?');
    pushed += take.length;
    if (pushed >= RENDERER_RECORDS) break;
  }
  const web = await startWebSync({ config: { host: cluster.host, port: cluster.port, database: 'scw_r', user: 'desk_b', tls: 'disable', caPem: null, desk: 'B-page' }, password: PASSWORD });
  const { server, url } = (await startStaticServer({ root: '.bench-out/dist', port: 0, api: web.handler })) as { server: Server; url: string };
  try {
    await page.goto(`${url}tests/bench/page/index.html`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
    await page.evaluate(() => window.bench.reset());
    const pull = await profiled(page, 'pull', () => page.evaluate((key) => window.bench.syncInitialPull(key), web.key));
    const raw = await page.evaluate((key) => window.bench.syncRawWrite(key), web.key);
    log(`renderer: initial pull of ${pull.records.toLocaleString('en')} records into an empty desk (${pull.pages} pages, web build)`, `${secs(pull.ms)} (${rate(pull.records, pull.ms)})`);
    log('  [baseline] raw IndexedDB write of the same rows (a transaction per page)', `${secs(raw.ms)} → pull = ${(pull.ms / raw.ms).toFixed(1)}× raw`);
    await page.evaluate(() => window.bench.reset());
    const bulk = await profiled(page, 'bulk-write', () => page.evaluate((n) => window.bench.syncBulkWrite(n), LAYER_PROJECTS));
    log(
      `renderer: data-layer bulk write of ${bulk.projects.toLocaleString('en')} projects with sync on (log, chain, outbox: ${bulk.outboxRows} rows), ${bulk.rounds} rounds`,
      `${secs(bulk.layerMs)} (first write, before the rounds: ${secs(bulk.firstMs)})`,
    );
    log(
      '  [baseline] raw IndexedDB bulkAdd of the same records and entries, in the same order, interleaved chunk by chunk with the layer\'s',
      `${secs(bulk.rawMs)} → raw / data layer = ${(bulk.rawMs / bulk.layerMs).toFixed(2)}×`,
    );
    const r = bulk.pairRatios;
    const median = (r[(r.length - 1) >> 1] + r[r.length >> 1]) / 2;
    log(
      `  the same, chunk by chunk (${r.length} pairs of ${bulk.chunk.toLocaleString('en')} projects): raw / data layer, median and range`,
      `${median.toFixed(2)}× (${r[0].toFixed(2)}–${r[r.length - 1].toFixed(2)}×)`,
    );
  } finally {
    await web.close();
    server.closeAllConnections();
    server.close();
  }
}
