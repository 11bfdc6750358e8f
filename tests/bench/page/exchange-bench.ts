// Exchange-file benchmark operations (see tests/bench/exchange.ts): a field laptop's worth of
// audits with answers and photos, exported to one .scwx file and imported into a second database
// (the office). The file stays in the page: half a gigabyte is not worth shipping over CDP.
import { openDb, type StoredFile, type WorkbenchDb } from '../../../renderer/src/data/db';
import { buildRecord, insertMany, type Writer } from '../../../renderer/src/data/repo';
import { exportExchange, importExchangeFile } from '../../../renderer/src/data/interchange/exchange';
import { sha256Bytes } from '../../../renderer/src/data/interchange/exchange/container';
import { snapshotTemplate } from '../../../renderer/src/domain/audits/audits';
import type { AuditRun, ChecklistItem, ChecklistTemplate } from '../../../renderer/src/domain/audits/audit-types';
import { makeRng } from '../../../renderer/src/domain/core/random';
import type { Project } from '../../../renderer/src/domain/core/types';

export interface ExchangeSeed {
  projects: number;
  audits: number;
  answersPerAudit: number;
  photos: number;
  photoMinBytes: number;
  photoMaxBytes: number;
}

/** JPEG-looking bytes: SOI/APP0 markers, then incompressible content, as real photos are. */
function photoBytes(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let at = 0; at < size; at += 65536) crypto.getRandomValues(bytes.subarray(at, Math.min(at + 65536, size)));
  bytes.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
  bytes[size - 2] = 0xff;
  bytes[size - 1] = 0xd9;
  return bytes;
}

export function exchangeBench(laptop: WorkbenchDb, w: Writer) {
  let file: Uint8Array | null = null;
  let projectIds: string[] = [];
  const officeName = 'smart-city-workbench-bench-office';

  return {
    async seedExchange(s: ExchangeSeed) {
      const t0 = performance.now();
      const rng = makeRng(7);
      const items: ChecklistItem[] = Array.from({ length: s.answersPerAudit }, (_, i) => ({
        id: `i${i + 1}`,
        text: { zh: `核查项 ${i + 1}`, en: `Check ${i + 1}` },
        answerType: i % 10 === 9 ? 'text' : 'pass-fail-na',
        photoRequired: i < 2,
        severityIfFailed: (['low', 'medium', 'high', 'critical'] as const)[i % 4],
      }));
      const [template] = await insertMany<ChecklistTemplate>(w, 'checklistTemplates', [
        { name: { zh: '机房现场核查（基准）', en: 'Server room check (bench)' }, description: { zh: '', en: '' }, sections: [{ id: 's1', title: { zh: '全部', en: 'All' }, items }] },
      ]);
      const projects = await insertMany<Project>(
        w,
        'projects',
        Array.from({ length: s.projects }, (_, i) => ({
          code: `BX-${String(i + 1).padStart(3, '0')}`, name: `基准项目 ${i + 1}`, searchText: `bx-${i + 1}`, category: 'data-platform', departmentId: '', phase: 'operate',
          phaseSince: '2025-01-01', description: '', budget: { amount: 100_000_00, currency: 'CNY' }, startDate: '', plannedEndDate: '', operatorId: '', operatingModel: '',
          omFundingSource: '', benefitSharing: '', supervision: '', valueForMoney: { date: '', reference: '' }, fiscalAffordability: { date: '', reference: '' },
          completionAcceptance: { date: '', reference: '' }, reviewCycle: 'yearly', transferAudit: { date: '', reference: '' }, indicatorSystemId: '',
        })),
      );
      projectIds = projects.map((p) => p.id);
      const snapshot = snapshotTemplate(template);

      // Photos first (they need their hashes), in batches so the page never holds them all.
      const auditIds = Array.from({ length: s.audits }, () => crypto.randomUUID());
      const photoIdsByAudit = new Map<string, string[]>(auditIds.map((id) => [id, []]));
      let photoBytesTotal = 0;
      for (let start = 0; start < s.photos; start += 100) {
        const batch: StoredFile[] = [];
        for (let i = start; i < Math.min(start + 100, s.photos); i++) {
          const size = rng.int(s.photoMinBytes, s.photoMaxBytes);
          const bytes = photoBytes(size);
          photoBytesTotal += size;
          const auditId = auditIds[i % s.audits];
          const rec = buildRecord<StoredFile>(w, { ownerType: 'audits', ownerId: auditId, name: `IMG_${i}.jpg`, mime: 'image/jpeg', size, sha256: await sha256Bytes(bytes), blob: new Blob([bytes], { type: 'image/jpeg' }), width: 1600, height: 1200 });
          photoIdsByAudit.get(auditId)!.push(rec.id);
          batch.push(rec);
        }
        await insertMany<StoredFile>(w, 'files', batch);
      }

      const audits = auditIds.map((id, n) => ({
        id,
        projectId: projectIds[n % projectIds.length],
        site: `政务云机房 ${n + 1} 号`,
        date: `2026-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`,
        auditors: ['李工', '王工'],
        templateId: template.id,
        template: snapshot,
        answers: items.map((it, k) => ({ itemId: it.id, value: it.answerType === 'text' ? '机房整洁，标识清楚' : (n + k) % 17 === 0 ? 'fail' : 'pass', note: (n + k) % 17 === 0 ? '需整改' : '' })),
        photos: photoIdsByAudit.get(id)!.map((pid, k) => ({ id: pid, itemId: items[k % 2].id, caption: `现场照片 ${k + 1}` })),
        status: 'draft' as const,
        signedBy: '',
        signedAt: '' as const,
        signature: null,
        contentHash: '',
      }));
      for (let start = 0; start < audits.length; start += 200) await insertMany<AuditRun>(w, 'audits', audits.slice(start, start + 200));
      return {
        ms: Math.round(performance.now() - t0),
        audits: await laptop.audits.count(),
        answers: audits.reduce((n, a) => n + a.answers.length, 0),
        photos: await laptop.files.count(),
        photoBytes: photoBytesTotal,
      };
    },

    async exportExchange() {
      const t0 = performance.now();
      const r = await exportExchange(laptop, { projectIds, exporter: { name: '李工', department: '现场核查组' }, appVersion: 'bench' });
      file = r.bytes;
      return { ms: Math.round(performance.now() - t0), bytes: r.bytes.byteLength, blobs: r.manifest.blobs.length, entries: r.manifest.changeLogEntries };
    },

    /** Imports the last exported file into a fresh second database; `again` imports it a second time (no-op). */
    async importExchange() {
      if (!file) throw new Error('export first');
      const office = openDb(officeName);
      await office.delete();
      await office.open();
      const ow: Writer = { db: office, by: '王芳' };
      const steps = new Map<string, number>();
      const t0 = performance.now();
      const first = await importExchangeFile(ow, file, { fileName: 'bench.scwx', progress: (p) => void (steps.has(p.step) || steps.set(p.step, performance.now())) });
      const t1 = performance.now();
      const again = await importExchangeFile(ow, file, { fileName: 'bench.scwx' });
      const t2 = performance.now();
      if (!first.ok || !again.ok) throw new Error('bench import refused');
      const counts = { audits: await office.audits.count(), files: await office.files.count() };
      office.close();
      await office.delete();
      return {
        ms: Math.round(t1 - t0),
        validateMs: Math.round((steps.get('merge') ?? t1) - t0),
        mergeMs: Math.round(t1 - (steps.get('merge') ?? t1)),
        againMs: Math.round(t2 - t1),
        added: first.summary.tables.audits.added,
        againSkipped: again.summary.tables.audits.skipped,
        ...counts,
      };
    },
  };
}
