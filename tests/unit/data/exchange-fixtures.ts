// Shared by the exchange tests: opening and re-packing a file as a forger would, a byte-exact dump
// of a database, and two desks (separate keys) that trust each other and trade a signed file.
import { expect } from 'vitest';
import { openDb, type WorkbenchDb } from '../../../renderer/src/data/db';
import { exportExchange, importExchangeFile, IMPORT_LOG_KEY, type ImportResult } from '../../../renderer/src/data/interchange/exchange';
import { allocateContainer, decodeBody, readHeader, sha256Bytes } from '../../../renderer/src/data/interchange/exchange/container';
import { manifestSignatureText, type ExchangeManifest } from '../../../renderer/src/data/interchange/exchange/schema';
import { createAudit, saveAnswer } from '../../../renderer/src/data/audits';
import { ensureStarterChecklists } from '../../../renderer/src/data/checklists';
import { insertRecord, updateRecord, type Writer } from '../../../renderer/src/data/repo';
import { createContract, emptyContractDraft } from '../../../renderer/src/data/contracts';
import { addObligation, deletePayment, recordPayment } from '../../../renderer/src/data/payments';
import { deskOf, signAsDesk } from '../../../renderer/src/data/trail/desk';
import { trustDeskKey } from '../../../renderer/src/data/trail/trust';
import type { Project } from '../../../renderer/src/domain/core/types';

/** Every table, every row, Blobs as their bytes: equal dumps = byte-for-byte equal databases. */
export async function dump(db: WorkbenchDb, opts: { withoutImportLog?: boolean } = {}): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) {
    const rows = await table.toArray();
    const plain = [];
    for (const row of rows) {
      if (opts.withoutImportLog && table.name === 'settings' && (row as { key: string }).key === IMPORT_LOG_KEY) continue;
      const copy: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row as object)) copy[k] = v instanceof Blob ? `blob:${v.type}:${Buffer.from(await v.arrayBuffer()).toString('hex')}` : v;
      plain.push(copy);
    }
    out[table.name] = plain.sort((a, b) => JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);
  }
  return JSON.stringify(out, (_k, v) => (v instanceof Object && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v));
}

export interface Opened {
  manifest: Record<string, unknown> & { blobs: { sha256: string; size: number }[]; payloadSha256: string };
  payload: { tables: Record<string, { record: Record<string, unknown>; history: string[] }[]>; changeLog: Record<string, unknown>[] };
  blobs: Uint8Array[];
}

export function openFile(bytes: Uint8Array): Opened {
  const body = decodeBody(readHeader(bytes).body, { maxManifest: 1e9, maxPayload: 1e9, maxBlob: 1e9, maxBlobs: 1e6 });
  const text = (b: Uint8Array) => JSON.parse(new TextDecoder().decode(b));
  return { manifest: text(body.manifest), payload: text(body.payload), blobs: body.blobs };
}

/** Re-packs a file; with `rehash` the manifest's payload hash is made to match (a careful forger). */
export async function repack(o: Opened, opts: { rehash: boolean; payloadText?: string }): Promise<Uint8Array> {
  const payload = new TextEncoder().encode(opts.payloadText ?? JSON.stringify(o.payload));
  const manifest = { ...o.manifest, payloadSha256: opts.rehash ? await sha256Bytes(payload) : o.manifest.payloadSha256 };
  const { bytes, blobOffsets } = allocateContainer(new TextEncoder().encode(JSON.stringify(manifest)), payload, o.blobs.map((b) => b.byteLength));
  o.blobs.forEach((b, i) => bytes.set(b, blobOffsets[i]));
  return bytes;
}

/** Re-signs a changed file with `by`'s desk key (an attacker's own installation, or a compromised desk). */
export async function resign(o: Opened, by: WorkbenchDb): Promise<void> {
  const payload = new TextEncoder().encode(JSON.stringify(o.payload));
  const { signature: _s, ...m } = { ...o.manifest, payloadSha256: await sha256Bytes(payload) } as unknown as ExchangeManifest;
  o.manifest = { ...m, signature: await signAsDesk(by, manifestSignatureText(m as ExchangeManifest)) } as unknown as Opened['manifest'];
}

let n = 0;
/** A desk of its own: its workbench database and its own key (a separate desk-key database). */
export async function desk(by: string, deskDb: string): Promise<Writer & { db: WorkbenchDb }> {
  const db = openDb(`trail-x-${Date.now()}-${n++}`, { deskDb });
  await db.open();
  let t = Date.parse('2026-11-24T02:00:00.000Z');
  return { db, by, now: () => new Date((t += 1000)) };
}

export async function trustEachOther(a: Writer, b: Writer, names: [string, string]): Promise<void> {
  await trustDeskKey(a, { publicKey: deskOf(b.db).publicKey, name: names[1], confirmFingerprint: deskOf(b.db).fingerprint });
  await trustDeskKey(b, { publicKey: deskOf(a.db).publicKey, name: names[0], confirmFingerprint: deskOf(a.db).fingerprint });
}

export const exportOf = async (w: Writer, projectIds: string[]): Promise<Uint8Array> =>
  (await exportExchange(w.db, { projectIds, exporter: { name: w.by, department: '市大数据管理局' }, appVersion: '0.1.0' })).bytes;

export const importInto = (w: Writer, bytes: Uint8Array): Promise<ImportResult> => importExchangeFile(w, bytes, { fileName: 'x.scwx' });

/**
 * An office and a field laptop that trust each other: the office has a project (budget
 * ¥120,000,000) with a draft audit whose critical item failed and a service contract (one
 * obligation, one payment, one deleted payment), sends it to the laptop, and the laptop edits the
 * project, records a payment and exports it back (`honest`, not yet imported at the office).
 */
export async function tradingDesks() {
  const office = await desk('张晓明', 'desk-office');
  const laptop = await desk('李工', 'desk-laptop');
  await trustEachOther(office, laptop, ['办公室', '外业笔记本']);
  await ensureStarterChecklists({ db: office.db, by: 'starter' });
  const template = (await office.db.checklistTemplates.toArray())[0];
  const project = await insertRecord<Project>(office, 'projects', {
    code: 'ZH-2025-001', name: '城市大脑一期', searchText: 'zh-2025-001 城市大脑一期', category: 'city-brain', departmentId: '', phase: 'operate', phaseSince: '2025-01-01',
    description: '', budget: { amount: 12_000_000_000, currency: 'CNY' }, startDate: '', plannedEndDate: '', operatorId: '', operatingModel: '', omFundingSource: '',
    benefitSharing: '', supervision: '', valueForMoney: { date: '', reference: '' }, fiscalAffordability: { date: '', reference: '' },
    completionAcceptance: { date: '', reference: '' }, reviewCycle: '', transferAudit: { date: '', reference: '' }, indicatorSystemId: '',
  });
  const audit = await createAudit(office, { projectId: project.id, templateId: template.id, site: '市政务云机房', date: '2026-11-20', auditors: ['李工'] });
  const critical = template.sections.flatMap((s) => s.items).find((i) => i.severityIfFailed === 'critical' && i.answerType === 'pass-fail-na')!;
  await saveAnswer(office, audit.id, critical.id, { value: 'fail', note: '消防设施缺失' });
  // A service contract with a quarter's fee part paid, and a payment entered by mistake and deleted.
  const contract = await createContract(office, {
    ...emptyContractDraft(project.id),
    code: 'HT-2025-001',
    title: '城市大脑一期运维服务',
    signedOn: '2025-01-10',
    operationStart: '2025-02-01',
    value: { amount: 360_000_000, currency: 'CNY' },
  });
  const obligation = await addObligation(office, contract.id, { kind: 'service-fee', description: '2025 年一季度服务费', triggerDate: '2025-03-31', dueDate: '2025-04-30', amount: 90_000_000 });
  await recordPayment(office, { obligationId: obligation.id, paidOn: '2025-04-25', amount: 40_000_000, voucherNo: 'PZ-2025-011', note: '' });
  const voided = (await recordPayment(office, { obligationId: obligation.id, paidOn: '2025-04-26', amount: 10_000_000, voucherNo: 'PZ-2025-012', note: '误录' })).payment;
  await deletePayment(office, voided.id);
  const toLaptop = await importInto(laptop, await exportOf(office, [project.id]));
  expect(toLaptop.ok ? 'ok' : toLaptop.problems).toBe('ok');
  await updateRecord<Project>(laptop, 'projects', project.id, { description: '现场复核后补充说明' });
  // The laptop pays the rest of the quarter on site.
  await recordPayment(laptop, { obligationId: obligation.id, paidOn: '2025-05-08', amount: 50_000_000, voucherNo: 'PZ-2025-019', note: '现场支付' });
  const honest = await exportOf(laptop, [project.id]);
  return { office, laptop, project, audit, critical, contract, obligation, voided, honest };
}
