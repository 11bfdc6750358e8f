// Audit-trail benchmark operations (see tests/bench/trail.ts): signing and verifying an audit seal
// with the desk key; verifying a chained log of a million entries by the trail check's rules in
// memory; and the whole trail check of a log in IndexedDB; each beside a raw baseline measured in
// the same page (SHA-256 of the same bytes; an IndexedDB read of the same rows).
import { sha256 } from '@noble/hashes/sha2';
import type { WorkbenchDb } from '../../../renderer/src/data/db';
import { keepHead, verifiedCheckpoints, verifyTrail, type HeadInfo } from '../../../renderer/src/data/trail/check';
import { deskOf, sealTrail, signAsDesk, verifySignature } from '../../../renderer/src/data/trail/desk';
import { auditSealText, canonicalAuditContent, signAudit, snapshotTemplate, verifyAuditHash } from '../../../renderer/src/domain/audits/audits';
import type { AuditRun, ChecklistItem } from '../../../renderer/src/domain/audits/audit-types';
import { canonicalJson } from '../../../renderer/src/domain/core/canonical-json';
import type { ChangeLogEntry, RecordMeta } from '../../../renderer/src/domain/core/types';
import { chainEntry, type ChainedEntry, type ChainHead } from '../../../renderer/src/domain/trail/chain';
import { ChainWalker, checkRecord, type TrailProblem } from '../../../renderer/src/domain/trail/verify';
import { committed } from './raw-idb';

/** The trail check reads the log in pages of this many entries (data/trail/check.ts). */
const PAGE = 2000;

/**
 * One desk's chain over `records` obligations, made page by page by the app's own chain rules: each
 * entry updates one record (round robin), and `records` keeps every record as its newest entry left it.
 */
class BenchLog {
  made = 0;
  readonly records = new Map<string, { disputedAmount: number; rev: number }>();
  private readonly ids: string[];

  constructor(
    private head: ChainHead,
    records: number,
  ) {
    this.ids = Array.from({ length: records }, () => crypto.randomUUID());
  }

  next(n: number): ChainedEntry[] {
    const rows: ChainedEntry[] = [];
    for (const end = this.made + n; this.made < end; this.made++) {
      const i = this.made;
      const rev = Math.floor(i / this.ids.length) + 1;
      const entityId = this.ids[i % this.ids.length];
      const entry: ChangeLogEntry = {
        id: crypto.randomUUID(), at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(), by: '张晓明', entity: 'obligations', entityId,
        op: rev === 1 ? 'create' : 'update', rev, changes: [{ field: 'disputedAmount', before: i, after: i + 1 }, { field: 'description', before: '运维服务费', after: `运维服务费 第 ${rev} 期` }],
      };
      const record = { disputedAmount: i + 1, rev };
      const c = chainEntry(entry, this.head, record);
      this.head = { desk: c.desk, seq: c.seq, hash: c.hash };
      this.records.set(entityId, record);
      rows.push(c);
    }
    return rows;
  }
}

/** The bytes an entry's hash covers: its canonical JSON without the hash. */
function hashedBytes(e: ChainedEntry): Uint8Array {
  const { hash: _omit, ...rest } = e;
  return new TextEncoder().encode(canonicalJson(rest));
}

function benchAudit(answers: number): AuditRun {
  const items: ChecklistItem[] = Array.from({ length: answers }, (_, i) => ({
    id: `i${i + 1}`, text: { zh: `核查项 ${i + 1}：机房温湿度、消防、门禁`, en: `Check ${i + 1}` }, answerType: 'pass-fail-na', photoRequired: false, severityIfFailed: 'high',
  }));
  const meta = { id: crypto.randomUUID(), createdAt: '2026-11-20T02:00:00.000Z', updatedAt: '2026-11-20T02:00:00.000Z', updatedBy: 'bench', rev: 1, deleted: 0 as const };
  return {
    ...meta, projectId: crypto.randomUUID(), site: '市政务云机房', date: '2026-11-20', auditors: ['李工'], templateId: crypto.randomUUID(),
    template: snapshotTemplate({ rev: 1, name: { zh: '机房核查', en: 'Server room' }, sections: [{ id: 's1', title: { zh: '全部', en: 'All' }, items }] }),
    answers: items.map((it) => ({ itemId: it.id, value: 'pass', note: '正常' })), photos: [], status: 'draft', signedBy: '', signedAt: '', signature: null, contentHash: '',
  };
}

export function trailBench(db: WorkbenchDb) {
  return {
    /** Per audit, the mean over `runs`: seal + desk signature, and verification, beside raw SHA-256 of the sealed bytes. */
    async auditSigning(answers: number, runs: number) {
      const draft = benchAudit(answers);
      const at = '2026-11-20T08:00:00.000Z';
      let t = performance.now();
      const signed: { audit: AuditRun; sig: { key: string; sig: string } }[] = [];
      for (let i = 0; i < runs; i++) {
        const audit = await signAudit(draft, { by: '李工', at, signature: { kind: 'typed', name: '李工' } }, new Map());
        signed.push({ audit, sig: await signAsDesk(db, auditSealText(audit)) });
      }
      const signMs = (performance.now() - t) / runs;
      t = performance.now();
      for (const { audit, sig } of signed) {
        const ok = (await verifyAuditHash(audit, new Map())) && (await verifySignature(sig.key, auditSealText(audit), sig.sig));
        if (!ok) throw new Error('bench audit did not verify');
      }
      const verifyMs = (performance.now() - t) / runs;
      const bytes = signed.map(({ audit }) => new TextEncoder().encode(canonicalAuditContent(audit, new Map())));
      t = performance.now();
      for (const b of bytes) await crypto.subtle.digest('SHA-256', b);
      const rawMs = (performance.now() - t) / runs;
      return { signMs, verifyMs, rawMs, bytes: bytes[0].byteLength };
    },

    /**
     * The trail check's walk over a chain of `count` entries, in memory: the pages are made (timed
     * apart) and handed over as the check reads them from IndexedDB; each entry's hash, link and
     * checkpoint are checked and the newest entry of each record kept, then every record is compared
     * with it. Beside it, SHA-256 of the same bytes, one call per entry. Pages are dropped once
     * checked, so a million entries never sit in memory.
     */
    async verifyLogInMemory(count: number, records: number) {
      const desk = deskOf(db);
      const problems: TrailProblem[] = [];
      const checkpoints = await verifiedCheckpoints(await db.trail.toArray(), problems);
      const log = new BenchLog({ desk: desk.desk, seq: 0, hash: desk.genesisHash }, records);
      const walker = new ChainWalker(desk.desk, checkpoints.get(desk.desk) ?? [], true);
      const heads = new Map<string, HeadInfo>();
      let makeMs = 0;
      let verifyMs = 0;
      let hashMs = 0;
      let bytes = 0;
      while (log.made < count) {
        let t = performance.now();
        const page = log.next(Math.min(PAGE, count - log.made));
        makeMs += performance.now() - t;
        t = performance.now();
        for (const e of page) {
          walker.push(e);
          keepHead(heads, e);
        }
        verifyMs += performance.now() - t;
        const texts = page.map(hashedBytes);
        t = performance.now();
        for (const b of texts) sha256(b);
        hashMs += performance.now() - t;
        for (const b of texts) bytes += b.byteLength;
      }
      const t = performance.now();
      const end = walker.finish();
      if (end) problems.push(end);
      for (const [id, r] of log.records) {
        const p = checkRecord('obligations', { id, ...r } as unknown as RecordMeta, heads.get(`obligations\u0000${id}`)?.entry);
        if (p) problems.push(p);
      }
      verifyMs += performance.now() - t;
      return { makeMs: Math.round(makeMs), verifyMs: Math.round(verifyMs), hashMs: Math.round(hashMs), bytes, entries: walker.entries, records: log.records.size, problems: problems.length };
    },

    /**
     * A complete chain of `count` entries of this desk over `records` obligations in IndexedDB, with
     * the records as their newest entries left them (so the check finds nothing wrong), then sealed.
     * Written with raw IndexedDB in large transactions, past the data layer (outbox, change feed):
     * the seed is the bench's setup, the check is what it measures.
     */
    async seedLog(count: number, records: number) {
      const t0 = performance.now();
      const desk = deskOf(db);
      const log = new BenchLog({ desk: desk.desk, seq: 0, hash: desk.genesisHash }, records);
      const idb = db.backendDB();
      const write = (store: string, rows: readonly object[]) => {
        const tx = idb.transaction(store, 'readwrite', { durability: 'relaxed' });
        const os = tx.objectStore(store);
        for (const r of rows) os.add(r);
        return committed(tx);
      };
      const BATCH = 20_000;
      let chainMs = 0;
      let writeMs = 0;
      while (log.made < count) {
        let t = performance.now();
        const rows = log.next(Math.min(BATCH, count - log.made));
        chainMs += performance.now() - t;
        t = performance.now();
        await write('changeLog', rows);
        writeMs += performance.now() - t;
      }
      const t = performance.now();
      const recordRows = [...log.records].map(([id, r]) => ({ id, ...r }));
      for (let at = 0; at < recordRows.length; at += BATCH) await write('obligations', recordRows.slice(at, at + BATCH));
      writeMs += performance.now() - t;
      await sealTrail(db);
      return { ms: Math.round(performance.now() - t0), chainMs: Math.round(chainMs), writeMs: Math.round(writeMs), entries: await db.changeLog.count(), records: await db.obligations.count() };
    },

    /** The whole trail check, beside a raw read of the same rows in the same pages and raw SHA-256 of their bytes. */
    async verifyLog() {
      let t = performance.now();
      const report = await verifyTrail(db);
      const verifyMs = Math.round(performance.now() - t);

      // Raw read of the same rows in the same pages (the log, then the records); SHA-256 of the same
      // bytes (the canonical text the check hashes), timed apart page by page so the log never sits
      // in memory whole.
      let readMs = 0;
      let hashMs = 0;
      let bytes = 0;
      let rows = 0;
      let after: [string, number] | null = null;
      for (;;) {
        t = performance.now();
        const page = (await (after ? db.changeLog.where('[desk+seq]').above(after) : db.changeLog.orderBy('[desk+seq]')).limit(PAGE).toArray()) as ChainedEntry[];
        readMs += performance.now() - t;
        if (page.length === 0) break;
        rows += page.length;
        const texts = page.map(hashedBytes);
        t = performance.now();
        for (const b of texts) sha256(b);
        hashMs += performance.now() - t;
        for (const b of texts) bytes += b.byteLength;
        after = [page[page.length - 1].desk, page[page.length - 1].seq];
      }
      // The check also reads every record it compares with its newest entry.
      let lastId: string | null = null;
      for (;;) {
        t = performance.now();
        const page: { id: string }[] = await (lastId === null ? db.obligations.orderBy(':id') : db.obligations.where(':id').above(lastId)).limit(PAGE).toArray();
        readMs += performance.now() - t;
        if (page.length === 0) break;
        rows += page.length;
        lastId = page[page.length - 1].id;
      }
      return { verifyMs, readMs: Math.round(readMs), hashMs: Math.round(hashMs), bytes, rows, problems: report.problems.length, entries: report.entries };
    },
  };
}
