// Backup and restore in Chromium against the real IndexedDB: load the demo, add a stored file with
// Blobs, back up (a download), wipe the database, restore from the downloaded file through the file
// input, and compare every table row by row; then an encrypted round trip with a wrong passphrase
// first, a re-hashed file with a wrong-typed row, a damaged file, and the browser build's "backup
// due" notice.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAME } from '../../renderer/src/domain/interchange/backup-format';
import { explode, forge, fromLines, lines, rehashTrailer } from '../support/backup-forge';
import { chainEntry } from '../../renderer/src/domain/trail/chain';
import { deskIdentity, go, loadDemo, openApp, see, setOperator, type AppSession } from './support';

const DB = 'smart-city-workbench';
const STORED_FILE_ID = '0e2e0000-0000-4000-8000-000000000001';
type Dump = Record<string, unknown[]>;

/**
 * Every object store of the app's database, opened directly (not through the app), rows in key
 * order; Blobs become their type, size and SHA-256 of their bytes. Settings under backup.* are left out: they describe
 * this installation's backups and are meant to differ (the restore keeps the live ones).
 */
async function dumpDb(page: Page): Promise<Dump> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const plain = async (v: unknown): Promise<unknown> => {
      if (v instanceof Blob) {
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await v.arrayBuffer()));
        return { blobType: v.type, size: v.size, sha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('') };
      }
      if (v === undefined) return '<undefined>';
      if (v === null || typeof v !== 'object' || v instanceof Date) return v;
      if (Array.isArray(v)) return Promise.all(v.map(plain));
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) o[k] = await plain(x);
      return o;
    };
    const out: Record<string, unknown[]> = {};
    for (const store of Array.from(db.objectStoreNames)) {
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const kept = store === 'settings' ? rows.filter((r) => !String((r as { key: string }).key).startsWith('backup.')) : rows;
      out[store] = (await Promise.all(kept.map(plain))) as unknown[];
    }
    db.close();
    return out;
  }, DB);
}

/** The number of rows in one store of the app's database. */
function storeCount(page: Page, store: string): Promise<number> {
  return page.evaluate(
    ([name, table]) =>
      new Promise<number>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const count = req.result.transaction(table).objectStore(table).count();
          count.onsuccess = () => {
            resolve(count.result);
            req.result.close();
          };
          count.onerror = () => reject(count.error);
        };
      }),
    [DB, store] as const,
  );
}

const FILE_SIZES = { blob: 300_000, original: 9_000_000 };

/**
 * A stored file with a photo and its original (9 MB: its Blob spans several frames), written straight
 * into IndexedDB with the chained change-log entry the app would have written for it (computed here
 * with the app's own chain rules), so a backup of it passes the restore's audit-trail check.
 */
async function addStoredFile(page: Page): Promise<void> {
  const { publicKey } = await deskIdentity(page);
  // This desk's chain head: its genesis (by key), then its newest entry.
  const head = await page.evaluate(async ({ name, key }) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = <T,>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result as T[]);
        req.onerror = () => reject(req.error);
      });
    const genesis = (await all<{ kind: string; key: string; desk: string; hash: string; seq: number }>('trail')).filter((r) => r.kind === 'genesis' && r.key === key);
    const entries = await all<{ desk?: string; seq?: number; hash?: string }>('changeLog');
    db.close();
    let best: { desk: string; seq: number; hash: string } | null = null;
    for (const g of genesis) {
      const mine = entries.filter((e) => e.desk === g.desk && typeof e.seq === 'number');
      const last = mine.reduce<{ desk: string; seq: number; hash: string }>((h, e) => (e.seq! > h.seq ? { desk: g.desk, seq: e.seq!, hash: e.hash! } : h), { desk: g.desk, seq: 0, hash: g.hash });
      if (!best || last.seq >= best.seq) best = last;
    }
    return best;
  }, { name: DB, key: publicKey });
  if (!head) throw new Error('no chain of this desk in the database');
  const at = '2026-11-20T03:00:00.000Z';
  const fields = {
    ownerType: 'audits', ownerId: '6f1c2b9e-3d4a-4e5f-8a6b-7c8d9e0f1a2b', name: '现场照片.jpg', mime: 'image/jpeg', size: FILE_SIZES.blob, sha256: 'e2'.repeat(32), width: 1600, height: 1200,
  };
  const record = { id: STORED_FILE_ID, createdAt: at, updatedAt: at, updatedBy: '张晓明', rev: 1, deleted: 0, ...fields, blob: new Blob([new Uint8Array(FILE_SIZES.blob)], { type: 'image/jpeg' }), original: new Blob([new Uint8Array(FILE_SIZES.original)], { type: 'image/png' }) };
  const changes = [
    ...Object.entries(fields).map(([field, after]) => ({ field, before: null, after })),
    { field: 'blob', before: null, after: { blob: true, size: FILE_SIZES.blob, type: 'image/jpeg' } },
    { field: 'original', before: null, after: { blob: true, size: FILE_SIZES.original, type: 'image/png' } },
  ];
  const entry = chainEntry({ id: '0e2e0000-0000-4000-8000-0000000000e1', at, by: '张晓明', entity: 'files', entityId: STORED_FILE_ID, op: 'create', rev: 1, changes }, head, record);
  await page.evaluate(async ({ name, entry, id, at, fields, sizes }) => {
    const bytes = (n: number, seed: number) => {
      const b = new Uint8Array(n);
      let x = seed;
      for (let i = 0; i < n; i++) b[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
      return b;
    };
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(['files', 'changeLog'], 'readwrite');
      tx.objectStore('files').add({
        id, createdAt: at, updatedAt: at, updatedBy: '张晓明', rev: 1, deleted: 0, ...fields,
        blob: new Blob([bytes(sizes.blob, 7)], { type: 'image/jpeg' }), original: new Blob([bytes(sizes.original, 11)], { type: 'image/png' }),
      });
      tx.objectStore('changeLog').add(entry);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, { name: DB, entry, id: STORED_FILE_ID, at, fields, sizes: FILE_SIZES });
}

/** Saves the download the click starts; returns where it went and the name the app gave it. */
async function download(page: Page, click: () => Promise<void>, to: string): Promise<{ path: string; name: string }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), click()]);
  await file.saveAs(to);
  return { path: to, name: file.suggestedFilename() };
}

async function chooseBackup(page: Page, path: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('restore-choose').click()]);
  await chooser.setFiles(path);
}

/**
 * Starts a restore with `click` and waits for this restore to finish: the app reloads itself once
 * the data is swapped in, so the reload is the event to wait for (a success message could be one a
 * previous restore left on screen), and the message is then read from the new page. A refusal
 * shows in `errorTestId` instead and fails the test with its text.
 */
async function restoreAndReload(page: Page, click: () => Promise<void>, errorTestId = 'restore-error'): Promise<void> {
  const reloaded = page.waitForEvent('load', { timeout: 300_000 });
  const refused = page.getByTestId(errorTestId).waitFor({ timeout: 300_000 }).then(
    async () => {
      throw new Error(`restore refused: ${await page.getByTestId(errorTestId).innerText()}`);
    },
    () => undefined,
  );
  await click();
  await Promise.race([reloaded, refused]);
  await see(page.locator('.toast.success'), 30_000).toContainText('恢复完成');
}

async function confirmRestore(page: Page): Promise<void> {
  await page.getByTestId('restore-understood').check();
  await restoreAndReload(page, () => page.getByTestId('restore-confirm').click());
}

/**
 * The dump without the change-log entries of restores made since `earlier` was taken, checking
 * that there are exactly `restores` of them: a restore logs itself, and that entry is the one
 * difference a restore may leave.
 */
function withoutNewRestores(d: Dump, earlier: Dump, restores = 1): Dump {
  const known = new Set(earlier.changeLog.map((e) => (e as { id: string }).id));
  const fresh = d.changeLog.filter((e) => !known.has((e as { id: string }).id));
  expect(fresh.map((e) => (e as { entity: string }).entity)).toEqual(Array(restores).fill('database'));
  // That entry is not chained (the restored log's chain is settled at the next start): it is counted
  // in the trail's legacy summary, which is the other row a restore changes.
  const legacy = (x: Dump) => (x.trail.find((r) => (r as { id: string }).id === 'legacy') as { legacy: { count: number } }).legacy.count;
  expect(legacy(d)).toBe(legacy(earlier) + restores);
  return { ...d, changeLog: d.changeLog.filter((e) => known.has((e as { id: string }).id)), trail: d.trail.map((r) => ((r as { id: string }).id === 'legacy' ? earlier.trail.find((x) => (x as { id: string }).id === 'legacy') : r)) as unknown[] };
}

function tableSizes(d: Dump): Record<string, number> {
  return Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v.length]));
}

describe('backup and restore', () => {
  let app: AppSession;
  let dir: string;
  beforeAll(async () => {
    app = await openApp({ locale: 'zh-CN' });
    dir = mkdtempSync(join(tmpdir(), 'scw-backup-'));
  });
  afterAll(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('backs up daily by default: the browser build offers the due backup as a one-click download', async () => {
    const { page } = app;
    await setOperator(page, '张晓明');
    await go(page, '#/data/backup');
    await see(page.getByTestId('schedule-browser-hint')).toContainText('浏览器版');
    // On by default: daily, so a new profile is due at once, and the status bar says none was made.
    await see(page.getByTestId('schedule-frequency')).toHaveValue('daily');
    await see(page.getByTestId('backup-due')).toContainText('按计划应备份数据了');
    await see(page.getByTestId('statusbar-backup')).toContainText('尚未备份');
    await download(page, () => page.getByTestId('backup-due-download').click(), join(dir, 'due.scwb'));
    await see(page.getByTestId('backup-due')).toHaveCount(0);
    await see(page.getByTestId('status-last')).toContainText('成功');
    await see(page.getByTestId('schedule-next')).toContainText('下次自动备份');
    await see(page.getByTestId('statusbar-backup')).toContainText('上次备份');
  });

  it('backs up the demo with a stored file, wipes the database, restores it and gets every table back', async () => {
    const { page } = app;
    await loadDemo(page);
    await addStoredFile(page);
    // The register builds its pages when it is first shown (and does after the restore's reload):
    // show it and let it finish first, so both dumps hold the pages built.
    await go(page, '#/projects');
    await page.getByTestId('project-row').first().waitFor();
    await expect.poll(() => storeCount(page, 'registerStale'), { timeout: 120_000 }).toBe(0);
    const before = await dumpDb(page);
    expect(before.projects.length).toBeGreaterThan(10);
    expect(before.files.length).toBeGreaterThanOrEqual(1);

    await go(page, '#/data/backup');
    const saved = await download(page, () => page.getByTestId('backup-now').click(), join(dir, 'plain.scwb'));
    const file = saved.path;
    expect(readFileSync(file).subarray(0, 4).toString('latin1')).toBe('SCWB');
    // This backup's own entry, not the scheduled one the test before recorded.
    await see(page.getByTestId('status-last')).toContainText(saved.name);

    // Wipe: delete the database (the app's connection closes itself) and start again on an empty one.
    await page.evaluate((name) => new Promise((resolve, reject) => {
      const req = indexedDB.deleteDatabase(name);
      req.onsuccess = resolve;
      req.onerror = () => reject(req.error);
    }), DB);
    await page.reload();
    await see(page.getByTestId('no-profile')).toContainText('操作员');
    const wiped = await dumpDb(page);
    expect(wiped.projects).toEqual([]);
    expect(wiped.files).toEqual([]);

    await go(page, '#/data/backup');
    await chooseBackup(page, file);
    await see(page.getByTestId('restore-verified')).toContainText('校验通过');
    const filesRow = page.getByTestId('restore-counts').locator('tr[data-table="files"]');
    await see(filesRow).toContainText('附件文件');
    expect((await filesRow.locator('td').allInnerTexts()).slice(1)).toEqual([String(before.files.length), '0']);
    await confirmRestore(page);

    const after = withoutNewRestores(await dumpDb(page), before);
    expect(tableSizes(after)).toEqual(tableSizes(before));
    for (const table of Object.keys(before)) expect(after[table], table).toStrictEqual(before[table]);
    await see(page.getByTestId('operator')).toContainText('张晓明');
    await see(page.getByTestId('status-last-restore')).toContainText('恢复自');
  });

  it('encrypts with a passphrase, refuses a wrong one next to the field, restores; the safety copy brings the replaced data back byte for byte', async () => {
    const { page } = app;
    await go(page, '#/data/backup');
    await page.getByTestId('backup-encrypt').check();
    await page.getByTestId('backup-passphrase').fill('太短');
    await page.getByTestId('backup-now').click();
    await see(page.locator('#bk-pass-error')).toHaveText('口令至少 8 个字符。');
    const passphrase = '城市大脑 二〇二六 备份';
    await page.getByTestId('backup-passphrase').fill(passphrase);
    await page.getByTestId('backup-passphrase-repeat').fill(passphrase + '!');
    await page.getByTestId('backup-now').click();
    await see(page.locator('#bk-repeat-error')).toHaveText('两次输入的口令不一致。');
    await page.getByTestId('backup-passphrase-repeat').fill(passphrase);
    const before = await dumpDb(page);
    const file = (await download(page, () => page.getByTestId('backup-now').click(), join(dir, 'encrypted.scwb'))).path;
    expect(readFileSync(file).includes(Buffer.from('智慧'))).toBe(false);

    // Change the data after the backup: the restore must bring the backed-up state back. The new
    // project (a copy of the first under another id, code and name) gets the register mark the app
    // gives every project it writes; the app is then restarted and left to fold that mark into its
    // register pages, so the data is at rest when it is dumped. (Unmarked, the register's check at
    // start-up finds a project its pages lack and rebuilds them after the safety copy's reload, while
    // or after the last dump is taken.)
    await page.evaluate(({ name, project }) => new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => {
        const tx = req.result.transaction(['files', 'projects', 'registerStale'], 'readwrite');
        tx.objectStore('files').delete('0e2e0000-0000-4000-8000-000000000001'); // STORED_FILE_ID
        const first = tx.objectStore('projects').openCursor();
        first.onsuccess = () => {
          const code = 'LATE-1';
          const late = { ...(first.result!.value as object), id: project, code, name: '备份后新增', searchText: `备份后新增 ${code}`.toLowerCase(), rev: 1, deleted: 0 };
          tx.objectStore('projects').put(late);
          tx.objectStore('registerStale').put({ id: project });
        };
        tx.oncomplete = () => { req.result.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
    }), { name: DB, project: '0e2e0000-0000-4000-8000-000000000002' });
    await page.reload();
    await expect.poll(() => storeCount(page, 'registerStale'), { timeout: 120_000 }).toBe(0);
    const changed = await dumpDb(page);
    expect(changed.files).toHaveLength(before.files.length - 1);

    await go(page, '#/data/backup');
    await chooseBackup(page, file);
    await see(page.getByTestId('restore-passphrase')).toHaveCount(1);
    await page.getByTestId('restore-passphrase').fill('城市大脑 二〇二六 备分');
    await page.getByTestId('restore-verify').click();
    await see(page.locator('#rs-pass-error')).toHaveText('口令不正确。');
    expect(await dumpDb(page)).toStrictEqual(changed);

    await page.getByTestId('restore-passphrase').fill(passphrase);
    await page.getByTestId('restore-verify').click();
    await see(page.getByTestId('restore-verified')).toContainText('校验通过');
    await confirmRestore(page);
    const after = withoutNewRestores(await dumpDb(page), before);
    for (const table of Object.keys(before)) expect(after[table], table).toStrictEqual(before[table]);

    // The older backup replaced the changed data; the safety copy taken just before brings it back.
    await go(page, '#/data/backup');
    await see(page.getByTestId('restore-history')).toContainText('从备份文件');
    await see(page.getByTestId('safety-copy')).toHaveCount(2);
    await see(page.getByTestId('safety-copy').first()).toHaveText(/ · [\d.,]+ (KB|MB) · /);
    await restoreAndReload(page, () => page.getByTestId('safety-restore').first().click(), 'safety-error');
    const back = withoutNewRestores(await dumpDb(page), changed);
    for (const table of Object.keys(changed)) expect(back[table], table).toStrictEqual(changed[table]);
    await go(page, '#/data/backup');
    await see(page.getByTestId('restore-history')).toContainText('从安全副本');
    await see(page.getByTestId('safety-copy')).toHaveCount(3);
  }, 600_000);

  it('refuses a re-hashed backup with a wrong-typed row, naming table and row, and changes nothing', async () => {
    const { page } = app;
    // Edited as someone would by hand: an amount of "abc", then every digest recomputed.
    const parts = await explode(new Uint8Array(readFileSync(join(dir, 'plain.scwb'))));
    const page0 = parts.frames.find((f) => f.kind === FRAME.rows && lines(f.plain)[0] === '"payments"')!;
    const l = lines(page0.plain);
    const row = JSON.parse(l[3]) as { amount: { amount: unknown } };
    row.amount.amount = 'abc';
    l[3] = JSON.stringify(row);
    page0.plain = fromLines(l);
    await rehashTrailer(parts);
    const forged = join(dir, 'forged.scwb');
    writeFileSync(forged, await forge(parts));

    const before = await dumpDb(page);
    await go(page, '#/data/backup');
    await chooseBackup(page, forged);
    // Refused by the verify step, before anything is staged or a person is asked to confirm.
    await see(page.getByTestId('restore-error'), 60_000).toContainText('数据表“支付记录”第 3 行不符合记录格式（字段 amount.amount：类型不正确），未做任何更改。');
    await see(page.getByTestId('restore-verified')).toHaveCount(0);
    await see(page.getByTestId('restore-confirm')).toHaveCount(0);
    expect(await dumpDb(page)).toStrictEqual(before);
  });

  it('refuses a re-hashed backup whose budget was changed under its history, naming the record, and changes nothing', async () => {
    const { page } = app;
    // Every row still fits its schema and the register's page is made to agree with the project, as a
    // careful forger would: only the audit trail can tell, the project no longer matches its newest entry.
    const parts = await explode(new Uint8Array(readFileSync(join(dir, 'plain.scwb'))));
    const page0 = parts.frames.find((f) => f.kind === FRAME.rows && lines(f.plain)[0] === '"projects"')!;
    const l = lines(page0.plain);
    const row = JSON.parse(l[2]) as { id: string; budget: { amount: number } };
    row.budget.amount = 100;
    l[2] = JSON.stringify(row);
    page0.plain = fromLines(l);
    const paged = parts.frames.find((f) => f.kind === FRAME.rows && lines(f.plain)[0] === '"registerPages"' && lines(f.plain).some((x) => x.includes(row.id)))!;
    const pl = lines(paged.plain);
    const at = pl.findIndex((x, i) => i > 0 && (JSON.parse(x) as { ids: string[] }).ids.includes(row.id));
    const registerPage = JSON.parse(pl[at]) as { ids: string[]; d: string };
    const columns = JSON.parse(registerPage.d) as { amount: number[] };
    columns.amount[registerPage.ids.indexOf(row.id)] = 100;
    pl[at] = JSON.stringify({ ...registerPage, d: JSON.stringify(columns) });
    paged.plain = fromLines(pl);
    await rehashTrailer(parts);
    const forged = join(dir, 'budget.scwb');
    writeFileSync(forged, await forge(parts));

    const before = await dumpDb(page);
    await go(page, '#/data/backup');
    await chooseBackup(page, forged);
    const error = page.getByTestId('restore-error');
    await see(error, 60_000).toContainText('备份未通过审计追踪校验');
    await see(error).toContainText(`项目 记录 ${row.id.slice(0, 8)}`);
    await see(page.getByTestId('restore-confirm')).toHaveCount(0);
    expect(await dumpDb(page)).toStrictEqual(before);
  });

  it('refuses a damaged file with a translated message and changes nothing', async () => {
    const { page } = app;
    const bytes = readFileSync(join(dir, 'plain.scwb'));
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    const damaged = join(dir, 'damaged.scwb');
    writeFileSync(damaged, bytes);
    const before = await dumpDb(page);
    await go(page, '#/data/backup');
    await chooseBackup(page, damaged);
    await see(page.getByTestId('restore-error')).toContainText('备份文件已损坏或被改动');
    await see(page.getByTestId('restore-confirm')).toHaveCount(0);
    expect(await dumpDb(page)).toStrictEqual(before);
  });
});
