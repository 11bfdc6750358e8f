// Field audit flow in Chromium: start an audit on a demo project, answer items with big buttons
// and fields, attach a photo from disk (downscaled in the browser), fail an item → finding, see
// "photo required" block signing, sign with a typed name, reload → locked with the hash verified
// and the thumbnail shown; the finding's rectification task goes overdue on the board. A second
// flow builds a one-item template in the editor and signs an audit with a drawn signature.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodePng } from '../../renderer/src/data/demo/placeholder-png';
import { go, loadDemo, openApp, see, setOperator, type AppSession } from './support';

/** A 2000 × 1500 PNG "site photo": larger than the 1600 px limit, so it must be downscaled. */
function bigPhoto(): Buffer {
  const w = 2000;
  const h = 1500;
  const rgb = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      rgb[i] = (x * 255) / w;
      rgb[i + 1] = (y * 255) / h;
      rgb[i + 2] = x > 800 && x < 1200 && y > 300 && y < 1200 ? 40 : 180;
    }
  }
  return Buffer.from(encodePng(w, h, rgb));
}

const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

describe('field audits', () => {
  let app: AppSession;
  let dir: string;
  let photoPath: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scw-audit-fixtures-'));
    photoPath = join(dir, 'ups-panel.png');
    writeFileSync(photoPath, bigPhoto());
    app = await openApp({ locale: 'zh-CN' });
    await setOperator(app.page, '李明');
    await loadDemo(app.page);
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('audits a demo project on site, signs it, and follows the finding to an overdue task', async () => {
    const { page } = app;
    await go(page, '#/projects');
    await page.getByTestId('register-search').fill('ZH-2020-001');
    await see(page.getByTestId('project-row')).toHaveCount(1);
    await page.getByTestId('project-row').first().click();
    await page.getByTestId('tab-audits').click();
    // The demo put a signed and a draft audit on 城市大脑一期.
    await see(page.getByTestId('audit-row')).toHaveCount(2);
    // Its open rectification tasks stand out on the tab (both overdue since mid-October 2026).
    await see(page.getByTestId('project-task-line')).toHaveText(/^整改任务：未完成 2 项，其中逾期 2 项/);

    await page.getByTestId('new-audit').click();
    const dialog = page.getByTestId('new-audit-dialog');
    await see(dialog.getByTestId('na-template')).toHaveValue('00a4a9e7-bed5-4ac3-a060-bc60b8f9540e');
    await dialog.getByTestId('na-site').fill('市大数据中心 C 栋机房（端到端）');
    await see(dialog.getByTestId('na-auditors')).toHaveValue('李明');
    await dialog.getByTestId('na-create').click();
    await see(page.getByTestId('audit-site')).toHaveText('市大数据中心 C 栋机房（端到端）');
    await see(page.getByTestId('audit-status')).toHaveAttribute('data-status', 'draft');
    const projectUrl = page.url();

    const pick = (item: string, v: 'pass' | 'fail' | 'na') => page.getByTestId(`answer-${item}-${v}`).click();
    const type = async (item: string, v: string) => {
      await page.getByTestId(`answer-${item}`).fill(v);
      await page.getByTestId(`answer-${item}`).press('Tab');
    };
    await type('dc-env-1', '23');
    await type('dc-env-2', '45');
    for (const item of ['dc-env-3', 'dc-env-4', 'dc-env-5', 'dc-safe-2', 'dc-safe-3', 'dc-om-1', 'dc-om-3']) await pick(item, 'pass');
    await pick('dc-safe-1', 'na'); // "not applicable" lifts the photo requirement
    await type('dc-eqp-1', '8');
    await type('dc-eqp-2', '9');
    await pick('dc-eqp-3', 'na');
    await pick('dc-om-2', 'fail');
    await page.getByTestId('note-dc-om-2').fill('近三个月无恢复演练记录');
    await page.getByTestId('note-dc-om-2').press('Tab');
    await see(page.getByTestId('audit-progress')).toHaveText('已作答 14/14');
    await see(page.getByTestId('item-dc-om-2')).toHaveAttribute('data-outcome', 'fail');

    // The failed item raised a finding with its severity and note.
    const finding = page.getByTestId('finding');
    await see(finding).toHaveCount(1);
    await see(finding.first()).toContainText('数据备份按策略执行，有恢复演练记录');
    await see(finding.first()).toContainText('重大');
    await see(finding.first()).toContainText('近三个月无恢复演练记录');

    // The UPS item still needs its photo: signing is blocked and says so.
    await see(page.getByTestId('sign-issues')).toContainText('“UPS运行正常，电池后备时间满足设计要求”需要拍照。');
    await see(page.getByTestId('sign-audit')).toHaveAttribute('disabled', '');
    await see(page.getByTestId('item-dc-env-3').getByTestId('photo-required')).toHaveText('缺少照片');

    await page.getByTestId('photo-input-dc-env-3').setInputFiles(photoPath);
    const thumb = page.getByTestId('item-dc-env-3').getByTestId('photo-thumb');
    await see(thumb).toHaveCount(1);
    await see(page.getByTestId('item-dc-env-3').getByTestId('photo-required')).toHaveText('需拍照');
    // Downscaled in the browser to 1600 px on the longest side and stored as JPEG.
    await thumb.locator('button.thumb-btn').click();
    await see(page.getByTestId('photo-viewer')).toContainText('ups-panel.jpg · 1600×1200');
    await page.getByTestId('photo-viewer').getByRole('button', { name: '关闭' }).click();
    // With "keep originals" ticked, the file as taken is stored next to the downscaled copy.
    await page.getByTestId('keep-originals').check();
    await page.getByTestId('photo-input-general').setInputFiles(photoPath);
    const general = page.getByTestId('general-photos').getByTestId('photo-thumb');
    await see(general).toHaveCount(1);
    await general.locator('button.thumb-btn').click();
    await see(page.getByTestId('photo-facts')).toContainText('1600×1200');
    await see(page.getByTestId('photo-facts')).toContainText('已保留原图');
    await page.getByTestId('photo-viewer').getByRole('button', { name: '关闭' }).click();

    await see(page.getByTestId('sign-off')).toContainText('全部检查项已作答，可以签署。');
    await see(page.getByTestId('signer-name')).toHaveValue('李明');
    await page.getByTestId('sign-audit').click();
    await see(page.getByTestId('audit-status')).toHaveAttribute('data-status', 'signed');

    await page.reload();
    const banner = page.getByTestId('locked-banner');
    await see(banner).toContainText('已签署并锁定');
    await see(page.getByTestId('hash-status')).toHaveText('哈希校验通过 ✓');
    await see(page.getByTestId('content-hash')).toHaveText(/^[0-9a-f]{64}$/);
    expect(page.url()).toBe(projectUrl);
    // Read-only: no sign-off panel, no attach button, answer buttons disabled; the photo still shows.
    await see(page.getByTestId('sign-off')).toHaveCount(0);
    await see(page.getByTestId('photo-input-dc-env-3')).toHaveCount(0);
    await see(page.getByTestId('answer-dc-om-2-pass')).toHaveAttribute('disabled', '');
    const img = page.getByTestId('item-dc-env-3').getByTestId('photo-thumb').locator('img');
    await page.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await img.elementHandle());
    expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(1600);

    // Signing turned the finding into a rectification task: critical → due in 7 days.
    await see(page.getByTestId('finding-task')).toContainText('待整改');
    const projectId = new URL(projectUrl).hash.split('/')[2];
    await go(page, `#/audits/tasks?project=${projectId}`);
    const row = page.getByTestId('task-row').filter({ hasText: '数据备份按策略执行' }).filter({ hasText: 'C 栋机房（端到端）' });
    await see(row).toHaveCount(1);
    await see(row).toHaveAttribute('data-overdue', 'false');

    await row.getByTestId('edit-task').click();
    const task = page.getByTestId('task-dialog');
    await task.getByTestId('tk-owner').fill('市信息中心运维科');
    await task.getByTestId('tk-due').fill(isoDaysAgo(10));
    await task.getByTestId('tk-save').click();
    await see(row).toHaveAttribute('data-overdue', 'true');
    await see(row.getByTestId('days-overdue')).toHaveText('逾期 10 天');
    await see(row).toContainText('市信息中心运维科');

    await page.getByTestId('task-filter-status').selectOption('overdue');
    await see(page.getByTestId('task-row').filter({ hasText: 'C 栋机房（端到端）' })).toHaveCount(1);
    await see(page.locator('[data-testid="task-row"][data-overdue="false"]')).toHaveCount(0);

    // Verifying needs a note.
    await page.getByTestId('task-row').filter({ hasText: 'C 栋机房（端到端）' }).getByTestId('edit-task').click();
    await task.getByTestId('tk-status').selectOption('done');
    await task.getByTestId('tk-save').click();
    await page.getByTestId('task-filter-status').selectOption('done');
    const done = page.getByTestId('task-row').filter({ hasText: 'C 栋机房（端到端）' });
    await see(done).toHaveAttribute('data-status', 'done');
    await done.getByTestId('edit-task').click();
    await task.getByTestId('tk-status').selectOption('verified');
    await task.getByTestId('tk-save').click();
    await see(task.getByTestId('tk-error')).toHaveText('标记为已验证前请填写验证说明。');
    await task.getByTestId('tk-note').fill('复查恢复演练报告和日志，符合要求。');
    await task.getByTestId('tk-save').click();
    await page.getByTestId('task-filter-status').selectOption('verified');
    await see(page.getByTestId('task-row').filter({ hasText: 'C 栋机房（端到端）' })).toHaveAttribute('data-status', 'verified');
  });

  it('builds a one-item template and signs an audit from it with a drawn signature', async () => {
    const { page } = app;
    await go(page, '#/audits/templates');
    await see(page.getByTestId('template-row')).toHaveCount(2);
    await page.getByTestId('new-template').click();
    await page.getByTestId('tpl-save').click();
    await see(page.getByTestId('tpl-issues')).toContainText('请填写模板的中文名称。');
    await page.getByTestId('tpl-name-zh').fill('门禁快速检查');
    await page.getByTestId('tpl-name-en').fill('Access quick check');
    const section = page.getByTestId('tpl-section').first();
    await section.getByLabel('部分标题（中文）').fill('门禁');
    await section.getByTestId('tpl-item').first().getByLabel('检查项（中文）').fill('机房门禁刷卡记录完整');
    await page.getByTestId('tpl-save').click();
    await see(page.getByTestId('template-row')).toHaveCount(3);

    await go(page, '#/audits');
    await page.getByTestId('new-audit').click();
    const dialog = page.getByTestId('new-audit-dialog');
    await dialog.getByTestId('na-project').selectOption({ label: 'ZH-2021-006 智慧交通信号优化系统（PPP）' });
    await dialog.getByTestId('na-template').selectOption({ label: '门禁快速检查' });
    await dialog.getByTestId('na-site').fill('交通指挥中心机房');
    await dialog.getByTestId('na-create').click();
    await see(page.getByTestId('audit-title')).toHaveText('门禁快速检查');

    const itemRow = page.locator('[data-testid^="item-"]').first();
    await itemRow.getByRole('button', { name: '合格', exact: true }).click();
    await see(page.getByTestId('audit-progress')).toHaveText('已作答 1/1');
    await page.getByTestId('mode-drawn').check();
    await page.getByTestId('sign-audit').click();
    await see(page.getByTestId('sign-error')).toHaveText('请先在签名框内签名。');
    const pad = await page.getByTestId('signature-pad').boundingBox();
    if (!pad) throw new Error('signature pad not visible');
    await page.mouse.move(pad.x + 30, pad.y + pad.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) await page.mouse.move(pad.x + 30 + i * 15, pad.y + pad.height / 2 + Math.sin(i / 2) * 25);
    await page.mouse.up();
    await page.getByTestId('sign-audit').click();
    await see(page.getByTestId('hash-status')).toHaveText('哈希校验通过 ✓');
    await see(page.getByTestId('signature-image')).toHaveCount(1);
    await page.reload();
    await see(page.getByTestId('hash-status')).toHaveText('哈希校验通过 ✓');
    await see(page.getByTestId('audit-summary').getByTestId('summary-pass-rate')).toHaveText('100%');
  });
});
