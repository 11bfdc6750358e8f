// Exchange files between two separate browser profiles, "office" and "laptop":
// the office sends a demo project to the laptop; the laptop audits it on site with a photo and a
// hand-recorded finding and sends it back; the office sees it. Then the same finding is edited on
// both machines: the laptop's file conflicts at the office, which resolves it field by field. A
// corrupted file is refused with its problems listed and the office's IndexedDB stays
// byte-for-byte the same. A payment recorded on the laptop against the project's contract shows in
// the office's arrears view after import. Finally the laptop signs the audit and the office
// re-verifies its seal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { encodePng } from '../../renderer/src/data/demo/placeholder-png';
import { dumpDb, exportProject, go, importFile, loadDemo, openApp, see, setOperator, trustEachOther, type AppSession } from './support';

const PROJECT = 'ZH-2020-001';
/** The demo's general-integration contract of PROJECT: its last milestone (质保期满) is unpaid. */
const CONTRACT = 'DN-ZJ-2020-02';
const AS_OF = '2026-11-24';
const HOSTILE = '<img src=x onerror="window.__owned=1">已通知物业<script>window.__owned=2</script>';

function sitePhoto(): Buffer {
  const w = 640;
  const h = 480;
  const rgb = new Uint8Array(w * h * 3);
  for (let i = 0; i < rgb.length; i += 3) {
    const p = i / 3;
    rgb[i] = (p % w) % 256;
    rgb[i + 1] = Math.floor(p / w) % 256;
    rgb[i + 2] = 120;
  }
  return Buffer.from(encodePng(w, h, rgb));
}

const summaryCell = (page: Page, entity: string, col: string) =>
  page.locator(`[data-testid="exchange-summary-row"][data-entity="${entity}"] [data-col="${col}"]`);

async function openProjectAudits(page: Page): Promise<void> {
  await go(page, '#/projects');
  await page.getByTestId('register-search').fill(PROJECT);
  await see(page.getByTestId('project-row')).toHaveCount(1);
  await page.getByTestId('project-row').first().click();
  await page.getByTestId('tab-audits').click();
}

/** The contract's row in the arrears view as of AS_OF. */
async function arrearsRow(page: Page) {
  await go(page, `#/contracts/arrears?asOf=${AS_OF}`);
  const row = page.getByTestId('arrears-contract-row').filter({ hasText: CONTRACT });
  await see(row).toHaveCount(1);
  return row.getByTestId('contract-overdue');
}

async function editFindingDescription(page: Page, site: string, text: string): Promise<void> {
  await openProjectAudits(page);
  await page.getByTestId('audit-row').filter({ hasText: site }).getByTestId('open-audit').click();
  const finding = page.getByTestId('finding').filter({ hasText: '机房门禁记录缺失' });
  await finding.getByRole('button', { name: '编辑' }).click();
  const dialog = page.getByTestId('finding-dialog');
  await dialog.locator('#fd-desc').fill(text);
  await dialog.getByTestId('fd-save').click();
  await see(page.getByTestId('finding').filter({ hasText: '机房门禁记录缺失' })).toContainText(text.slice(0, 8));
}

describe('exchange files between an office and a field laptop', () => {
  let office: AppSession;
  let laptop: AppSession;
  let dir: string;
  const site = '市政务云机房 B 区（交换测试）';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scw-exchange-'));
    writeFileSync(join(dir, 'rack.png'), sitePhoto());
    office = await openApp({ locale: 'zh-CN' });
    laptop = await openApp({ locale: 'zh-CN' });
    await setOperator(office.page, '王芳');
    await loadDemo(office.page);
    await setOperator(laptop.page, '李明');
    // Files are signed by the desk that exports them: the two desks compare fingerprints first.
    await trustEachOther({ page: office.page, name: '办公室' }, { page: laptop.page, name: '外业笔记本' });
  });
  afterAll(async () => {
    await office?.close();
    await laptop?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('office → laptop: the project and its audits arrive on an empty laptop', async () => {
    await exportProject(office.page, PROJECT, join(dir, 'to-laptop.scwx'));
    await importFile(laptop.page, join(dir, 'to-laptop.scwx'));
    await see(laptop.page.getByTestId('exchange-merged')).toContainText('王芳');
    await see(summaryCell(laptop.page, 'projects', 'added')).toHaveText('1');
    await see(summaryCell(laptop.page, 'audits', 'added')).toHaveText('2');
    await openProjectAudits(laptop.page);
    await see(laptop.page.getByTestId('audit-row')).toHaveCount(2);
  });

  it('laptop: an audit with a photo and a finding goes back to the office, which sees it', async () => {
    const { page } = laptop;
    await openProjectAudits(page);
    await page.getByTestId('new-audit').click();
    const dialog = page.getByTestId('new-audit-dialog');
    await dialog.getByTestId('na-site').fill(site);
    await dialog.getByTestId('na-create').click();
    await see(page.getByTestId('audit-site')).toHaveText(site);
    await page.getByTestId('answer-dc-env-3-pass').click();
    await page.getByTestId('photo-input-dc-env-3').setInputFiles(join(dir, 'rack.png'));
    await see(page.getByTestId('item-dc-env-3').getByTestId('photo-thumb')).toHaveCount(1);
    await page.getByTestId('add-finding').click();
    const fd = page.getByTestId('finding-dialog');
    await fd.getByTestId('fd-severity').selectOption('medium');
    await fd.getByTestId('fd-title').fill('机房门禁记录缺失');
    await fd.locator('#fd-desc').fill('11 月门禁日志未归档');
    await fd.getByTestId('fd-save').click();
    await see(page.getByTestId('finding')).toHaveCount(1);

    await exportProject(page, PROJECT, join(dir, 'to-office.scwx'));
    await importFile(office.page, join(dir, 'to-office.scwx'));
    await see(summaryCell(office.page, 'audits', 'added')).toHaveText('1');
    await see(summaryCell(office.page, 'files', 'added')).toHaveText('1');
    await see(summaryCell(office.page, 'findings', 'added')).toHaveText('1');
    await see(summaryCell(office.page, 'audits', 'skipped')).toHaveText('2');
    await see(office.page.getByTestId('exchange-log-row')).toHaveCount(1);

    await openProjectAudits(office.page);
    await office.page.getByTestId('audit-row').filter({ hasText: site }).getByTestId('open-audit').click();
    await see(office.page.getByTestId('audit-site')).toHaveText(site);
    const img = office.page.getByTestId('item-dc-env-3').getByTestId('photo-thumb').locator('img');
    await see(img).toHaveCount(1);
    await office.page.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await img.elementHandle());
    await see(office.page.getByTestId('finding')).toContainText('11 月门禁日志未归档');
  });

  it('a payment recorded on the laptop shows in the office\'s arrears view after import', async () => {
    // The contract came to the laptop with the project: both desks show the same arrears.
    const before = (await (await arrearsRow(office.page)).innerText()).trim();
    expect(before).toMatch(/^¥[\d,]+\.\d\d$/);
    await see(await arrearsRow(laptop.page)).toHaveText(before);

    const { page } = laptop;
    await go(page, '#/projects');
    await page.getByTestId('register-search').fill(PROJECT);
    await see(page.getByTestId('project-row')).toHaveCount(1);
    await page.getByTestId('project-row').first().click();
    await page.getByTestId('tab-contracts').click();
    await page.getByTestId('contract-row').filter({ hasText: CONTRACT }).click();
    const retention = page.getByTestId('obligation-row').filter({ hasText: '质保期满' });
    await retention.getByTestId('ob-pay').click();
    const pay = page.getByTestId('payment-dialog');
    await pay.getByTestId('pay-date').fill('2026-11-01');
    await pay.getByTestId('pay-amount').fill('8400000');
    await pay.getByTestId('pay-voucher').fill('记-2026-1101');
    await pay.getByTestId('pay-save').click();
    await see(retention.getByTestId('ob-paid')).toHaveText('8,400,000.00');
    // The retention was overdue in full: the payment takes exactly its amount off the overdue total.
    const cents = (text: string) => Math.round(Number(text.replace(/[¥,]/g, '')) * 100);
    const after = `¥${((cents(before) - 840_000_000) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    await see(await arrearsRow(page)).toHaveText(after);

    await exportProject(page, PROJECT, join(dir, 'payment.scwx'));
    await importFile(office.page, join(dir, 'payment.scwx'));
    await see(summaryCell(office.page, 'payments', 'added')).toHaveText('1');
    await see(await arrearsRow(office.page)).toHaveText(after);
  });

  it('the same finding edited on both machines is a conflict at the office, resolved field by field', async () => {
    await editFindingDescription(office.page, site, '办公室核实：11 月日志缺 3 天');
    await editFindingDescription(laptop.page, site, HOSTILE);
    await exportProject(laptop.page, PROJECT, join(dir, 'conflict.scwx'));
    await importFile(office.page, join(dir, 'conflict.scwx'));
    await see(summaryCell(office.page, 'findings', 'conflicts')).toHaveText('1');
    await see(office.page.getByTestId('exchange-merged')).toContainText('1 处冲突等待处理');

    const card = office.page.getByTestId('exchange-conflict');
    await see(card).toHaveCount(1);
    await see(card.getByTestId('exchange-conflict-label')).toHaveText('机房门禁记录缺失');
    const row = card.locator('[data-testid="exchange-conflict-field"][data-field="description"]');
    await see(row.getByTestId('local-value')).toHaveText('办公室核实：11 月日志缺 3 天');
    // The laptop's text is shown as text: no element is made from it, nothing runs.
    await see(row.getByTestId('incoming-value')).toHaveText(HOSTILE);
    expect(await card.locator('img, script').count()).toBe(0);
    expect(await office.page.evaluate(() => (window as unknown as { __owned?: number }).__owned)).toBeUndefined();

    await row.getByTestId('pick-incoming').check();
    await card.getByTestId('apply-choice').click();
    await see(office.page.getByTestId('exchange-conflict')).toHaveCount(0);
    await see(office.page.getByTestId('exchange-conflicts')).toContainText('没有待处理的冲突');

    await openProjectAudits(office.page);
    await office.page.getByTestId('audit-row').filter({ hasText: site }).getByTestId('open-audit').click();
    await see(office.page.getByTestId('finding')).toContainText('已通知物业');
    expect(await office.page.getByTestId('findings').locator('img, script').count()).toBe(0);
  });

  it('a corrupted file is refused with its problems and leaves the office database byte-for-byte unchanged', async () => {
    const good = readFileSync(join(dir, 'conflict.scwx'));
    const bad = Buffer.from(good);
    for (const at of [bad.length - 1000, Math.floor(bad.length / 3)]) bad[at] ^= 0xff;
    writeFileSync(join(dir, 'corrupted.scwx'), bad);

    const before = await dumpDb(office.page);
    await importFile(office.page, join(dir, 'corrupted.scwx'));
    await see(office.page.getByTestId('exchange-refused')).toContainText('未通过校验，未做任何修改');
    expect(await office.page.getByTestId('exchange-problem').count()).toBeGreaterThan(0);
    const after = await dumpDb(office.page);
    expect(after).toBe(before);
    // Three imports so far (the audit, the payment, the conflict); the refused file is not one.
    await see(office.page.getByTestId('exchange-log-row')).toHaveCount(3);
  });

  it('the laptop signs the audit; the office receives it sealed and re-verifies its hash', async () => {
    // The office's resolution goes to the laptop first (it descends from the laptop's edit: applied).
    await exportProject(office.page, PROJECT, join(dir, 'resolved.scwx'));
    await importFile(laptop.page, join(dir, 'resolved.scwx'));
    await see(summaryCell(laptop.page, 'findings', 'updated')).toHaveText('1');
    await see(laptop.page.getByTestId('exchange-conflicts')).toContainText('没有待处理的冲突');

    const { page } = laptop;
    await openProjectAudits(page);
    await page.getByTestId('audit-row').filter({ hasText: site }).getByTestId('open-audit').click();
    const type = async (item: string, v: string) => {
      await page.getByTestId(`answer-${item}`).fill(v);
      await page.getByTestId(`answer-${item}`).press('Tab');
    };
    await type('dc-env-1', '23');
    await type('dc-env-2', '45');
    for (const item of ['dc-env-4', 'dc-env-5', 'dc-safe-2', 'dc-safe-3', 'dc-om-1', 'dc-om-2', 'dc-om-3']) await page.getByTestId(`answer-${item}-pass`).click();
    for (const item of ['dc-safe-1', 'dc-eqp-3']) await page.getByTestId(`answer-${item}-na`).click();
    await type('dc-eqp-1', '8');
    await type('dc-eqp-2', '9');
    await see(page.getByTestId('audit-progress')).toHaveText('已作答 14/14');
    await page.getByTestId('sign-audit').click();
    await see(page.getByTestId('audit-status')).toHaveAttribute('data-status', 'signed');

    await exportProject(page, PROJECT, join(dir, 'signed.scwx'));
    await importFile(office.page, join(dir, 'signed.scwx'));
    await see(summaryCell(office.page, 'audits', 'updated')).toHaveText('1');
    await openProjectAudits(office.page);
    await office.page.getByTestId('audit-row').filter({ hasText: site }).getByTestId('open-audit').click();
    await see(office.page.getByTestId('audit-status')).toHaveAttribute('data-status', 'signed');
    await see(office.page.getByTestId('hash-status')).toHaveText('哈希校验通过 ✓');
    await see(office.page.getByTestId('finding')).toContainText('已通知物业');
  });
});
