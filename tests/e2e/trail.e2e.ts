// Signed desks and the tamper-evident trail in Chromium, with two browser profiles. The laptop
// trusts the office from the import prompt (fingerprint typed as read from the office's Settings),
// the office trusts the laptop in Settings; they trade signed files. Hand-edited, re-hashed copies of
// the laptop's file — a budget cut to ¥1, a log entry dated before its parent, a draft audit
// "signed" by a bureau chief with its failed critical item passed — are each refused and the
// office's IndexedDB stays byte-identical. A project row changed directly in IndexedDB is named by
// Settings → 审计追踪校验.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { allocateContainer, decodeBody, readHeader, sha256Bytes } from '../../renderer/src/data/interchange/exchange/container';
import { contentHash } from '../../renderer/src/domain/audits/audits';
import type { AuditRun } from '../../renderer/src/domain/audits/audit-types';
import { deskIdentity, dumpDb, exportProject, go, importFile, loadDemo, openApp, see, setOperator, trustDesk, type AppSession } from './support';

const PROJECT = 'ZH-2020-001';

interface Opened {
  manifest: Record<string, unknown>;
  payload: { tables: Record<string, { record: Record<string, unknown>; history: string[] }[]>; changeLog: Record<string, unknown>[] };
  blobs: Uint8Array[];
}

function openFile(bytes: Uint8Array): Opened {
  const body = decodeBody(readHeader(bytes).body, { maxManifest: 1e9, maxPayload: 1e9, maxBlob: 1e9, maxBlobs: 1e6 });
  const text = (b: Uint8Array) => JSON.parse(new TextDecoder().decode(b));
  return { manifest: text(body.manifest), payload: text(body.payload), blobs: body.blobs };
}

/** The file packed again with its payload hash made to match, as a careful forger would. */
async function rehashed(o: Opened): Promise<Uint8Array> {
  const payload = new TextEncoder().encode(JSON.stringify(o.payload));
  const manifest = { ...o.manifest, payloadSha256: await sha256Bytes(payload) };
  const { bytes, blobOffsets } = allocateContainer(new TextEncoder().encode(JSON.stringify(manifest)), payload, o.blobs.map((b) => b.byteLength));
  o.blobs.forEach((b, i) => bytes.set(b, blobOffsets[i]));
  return bytes;
}

async function refusedUnchanged(page: Page, path: string, code: string): Promise<void> {
  const before = await dumpDb(page);
  await importFile(page, path);
  await see(page.getByTestId('exchange-refused')).toContainText('未做任何修改');
  await see(page.locator(`[data-testid="exchange-problem"][data-code="${code}"]`)).toHaveCount(1);
  expect(await dumpDb(page)).toBe(before);
}

describe('signed desks and the tamper-evident trail', () => {
  let office: AppSession;
  let laptop: AppSession;
  let dir: string;
  let honest: Uint8Array;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scw-trail-'));
    office = await openApp({ locale: 'zh-CN' });
    laptop = await openApp({ locale: 'zh-CN' });
    await setOperator(office.page, '王芳');
    await loadDemo(office.page);
    await setOperator(laptop.page, '李明');
  });
  afterAll(async () => {
    await office?.close();
    await laptop?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('two desks exchange keys by fingerprint and trade signed files', async () => {
    const officeDesk = await deskIdentity(office.page);
    expect(officeDesk.fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    await exportProject(office.page, PROJECT, join(dir, 'to-laptop.scwx'));

    // The laptop does not know the office yet: the import stops and shows the signer's fingerprint.
    await importFile(laptop.page, join(dir, 'to-laptop.scwx'));
    const prompt = laptop.page.getByTestId('exchange-untrusted');
    await see(prompt.getByTestId('untrusted-fingerprint')).toHaveText(officeDesk.fingerprint);
    await prompt.getByTestId('untrusted-name').fill('项目办公室');
    // A fingerprint misread is refused next to the field.
    await prompt.getByTestId('untrusted-confirm').fill('0000 0000 0000 0000 0000 0000 0000 0000');
    await prompt.getByTestId('untrusted-trust').click();
    await see(prompt).toContainText('指纹与该公钥不一致');
    await prompt.getByTestId('untrusted-confirm').fill(officeDesk.fingerprint.toLowerCase());
    await prompt.getByTestId('untrusted-trust').click();
    await see(laptop.page.getByTestId('exchange-merged')).toContainText('王芳');

    // The office trusts the laptop in Settings, after comparing its fingerprint.
    await trustDesk(office.page, '外业笔记本 1', await deskIdentity(laptop.page));
    honest = await exportProject(laptop.page, PROJECT, join(dir, 'from-laptop.scwx'));
    await importFile(office.page, join(dir, 'from-laptop.scwx'));
    await see(office.page.getByTestId('exchange-merged')).toContainText('李明');
  });

  it('a forged budget change is refused and the database stays byte-identical', async () => {
    const o = openFile(honest);
    const project = o.payload.tables.projects.find((p) => p.record.code === PROJECT)!;
    project.record.budget = { amount: 100, currency: 'CNY' };
    writeFileSync(join(dir, 'budget.scwx'), await rehashed(o));
    await refusedUnchanged(office.page, join(dir, 'budget.scwx'), 'signature-invalid');
  });

  it('a log entry dated before its parent is refused and the database stays byte-identical', async () => {
    const o = openFile(honest);
    const project = o.payload.tables.projects.find((p) => p.record.code === PROJECT)!;
    const rec = project.record as { id: string; rev: number; description: string };
    const id = '9d6b8a52-6d3e-4c9e-9c53-2f8f7f0d1a01';
    o.payload.changeLog.push({ id, at: '2020-03-01T08:00:00.000Z', by: '赵某某', entity: 'projects', entityId: rec.id, op: 'update', rev: rec.rev + 1, changes: [{ field: 'description', before: rec.description, after: '2020 年已验收' }] });
    project.history.push(id);
    rec.rev += 1;
    rec.description = '2020 年已验收';
    o.manifest.changeLogEntries = o.payload.changeLog.length;
    writeFileSync(join(dir, 'backdated.scwx'), await rehashed(o));
    await refusedUnchanged(office.page, join(dir, 'backdated.scwx'), 'signature-invalid');
  });

  it('a forged "signed" audit is refused and the database stays byte-identical', async () => {
    const o = openFile(honest);
    const row = o.payload.tables.audits.find((a) => (a.record as unknown as AuditRun).status === 'draft') ?? o.payload.tables.audits[0];
    const a = row.record as unknown as AuditRun;
    a.answers = a.answers.map((x) => (x.value === 'fail' ? { ...x, value: 'pass' } : x));
    Object.assign(a, { status: 'signed', signedBy: '局长 王某', signedAt: '2026-11-21T09:00:00.000Z', signature: { kind: 'typed', name: '局长 王某' } });
    const photos = new Map(o.payload.tables.files.map((f) => [f.record.id as string, f.record.sha256 as string]));
    a.contentHash = await contentHash(a, photos);
    writeFileSync(join(dir, 'audit.scwx'), await rehashed(o));
    await refusedUnchanged(office.page, join(dir, 'audit.scwx'), 'signature-invalid');
  });

  it('the trail check names a project row changed directly in IndexedDB', async () => {
    const { page } = office;
    await go(page, '#/settings');
    await page.getByTestId('trail-run').click();
    await see(page.getByTestId('trail-result')).toHaveAttribute('data-ok', 'true');

    const id = await page.evaluate(async (code) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('smart-city-workbench');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const store = db.transaction('projects', 'readwrite').objectStore('projects');
      const rows = await new Promise<{ id: string; code: string; budget: { amount: number } }[]>((resolve) => {
        const req = store.getAll();
        req.onsuccess = () => resolve(req.result);
      });
      const p = rows.find((r) => r.code === code)!;
      await new Promise((resolve) => {
        const req = store.put({ ...p, budget: { ...p.budget, amount: 100 } });
        req.onsuccess = resolve;
      });
      db.close();
      return p.id;
    }, PROJECT);

    await go(page, '#/settings');
    await page.getByTestId('trail-run').click();
    await see(page.getByTestId('trail-result')).toHaveAttribute('data-ok', 'false');
    const named = page.locator(`[data-testid="trail-problems"] li[data-code="record-state-mismatch"][data-record="${id}"]`);
    await see(named).toHaveCount(1);
    // The table by its name on screen, not its code.
    await see(named).toContainText(`项目 记录 ${id.slice(0, 8)}`);
  });
});
