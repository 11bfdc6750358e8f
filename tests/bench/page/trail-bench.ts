// Audit-trail benchmark operations (see tests/bench/trail.ts): signing and verifying an audit seal
// with the desk key, and verifying a chained log of a million entries, each beside a raw baseline
// measured in the same page (SHA-256 of the same bytes; an IndexedDB read of the same rows).
import { sha256 } from '@noble/hashes/sha2';
import type { WorkbenchDb } from '../../../renderer/src/data/db';
import { verifyTrail } from '../../../renderer/src/data/trail/check';
import { deskOf, sealTrail, signAsDesk, verifySignature } from '../../../renderer/src/data/trail/desk';
import { auditSealText, canonicalAuditContent, signAudit, snapshotTemplate, verifyAuditHash } from '../../../renderer/src/domain/audits/audits';
import type { AuditRun, ChecklistItem } from '../../../renderer/src/domain/audits/audit-types';
import { canonicalJson } from '../../../renderer/src/domain/core/canonical-json';
import type { ChangeLogEntry } from '../../../renderer/src/domain/core/types';
import { chainEntry, type ChainHead } from '../../../renderer/src/domain/trail/chain';

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

    /** A complete chain of `count` entries of this desk over `records` records, written raw in batches, then sealed. */
    async seedLog(count: number, records: number) {
      const t0 = performance.now();
      const desk = deskOf(db);
      let head: ChainHead = { desk: desk.desk, seq: 0, hash: desk.genesisHash };
      const ids = Array.from({ length: records }, () => crypto.randomUUID());
      const BATCH = 10_000;
      for (let at = 0; at < count; at += BATCH) {
        const rows: ChangeLogEntry[] = [];
        for (let i = at; i < Math.min(count, at + BATCH); i++) {
          const rev = Math.floor(i / records) + 1;
          const entry: ChangeLogEntry = {
            id: crypto.randomUUID(), at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(), by: '张晓明', entity: 'obligations', entityId: ids[i % records],
            op: rev === 1 ? 'create' : 'update', rev, changes: [{ field: 'disputedAmount', before: i, after: i + 1 }, { field: 'description', before: '运维服务费', after: `运维服务费 第 ${rev} 期` }],
          };
          const c = chainEntry(entry, head, { disputedAmount: i + 1, rev });
          head = { desk: c.desk, seq: c.seq, hash: c.hash };
          rows.push(c);
        }
        await db.changeLog.bulkAdd(rows);
      }
      await sealTrail(db);
      return { ms: Math.round(performance.now() - t0), entries: await db.changeLog.count() };
    },

    /** The whole trail check, beside a raw read of the same rows in the same pages and raw SHA-256 of their bytes. */
    async verifyLog() {
      let t = performance.now();
      const report = await verifyTrail(db);
      const verifyMs = Math.round(performance.now() - t);

      // Raw read of the same rows in the same pages; then SHA-256 of the same bytes (the canonical
      // text the check hashes), timed apart page by page so the log never sits in memory whole.
      let readMs = 0;
      let hashMs = 0;
      let bytes = 0;
      let rows = 0;
      let after: [string, number] | null = null;
      for (;;) {
        t = performance.now();
        const page = (await (after ? db.changeLog.where('[desk+seq]').above(after) : db.changeLog.orderBy('[desk+seq]')).limit(2000).toArray()) as (ChangeLogEntry & { desk: string; seq: number })[];
        readMs += performance.now() - t;
        if (page.length === 0) break;
        rows += page.length;
        const texts = page.map((e) => new TextEncoder().encode(canonicalJson(e)));
        t = performance.now();
        for (const b of texts) sha256(b);
        hashMs += performance.now() - t;
        for (const b of texts) bytes += b.byteLength;
        after = [page[page.length - 1].desk, page[page.length - 1].seq];
      }
      return { verifyMs, readMs: Math.round(readMs), hashMs: Math.round(hashMs), bytes, rows, problems: report.problems.length, entries: report.entries };
    },
  };
}
