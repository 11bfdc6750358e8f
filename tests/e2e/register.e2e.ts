// The register and the contract list answer filters, search and sort from memory, and stay current
// when a record is changed elsewhere: here in a second tab of the same browser profile, without a
// reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { go, loadDemo, openApp, see, setOperator, type AppSession } from './support';

describe('searched lists answered from memory', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp({ locale: 'zh-CN' });
    await setOperator(app.page, '张晓明');
    await loadDemo(app.page);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('filters, searches and sorts, and shows edits and deletes made in another tab without a reload', async () => {
    const { page, context } = app;
    await go(page, '#/projects');
    const rows = page.getByTestId('project-row');
    const count = page.getByTestId('register-count');
    const codes = () => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    await see(count).toHaveText('共 16 个项目');

    await page.getByTestId('filter-phase').selectOption('operate');
    await see(count).toHaveText('共 6 个项目');
    await page.getByTestId('filter-category').selectOption('smart-transport');
    await see(count).toHaveText('共 2 个项目');
    expect(await codes()).toEqual(['ZH-2020-009', 'ZH-2021-006']);
    // Budget sorts largest first: 21,500 万元 before 7,800 万元.
    await page.getByTestId('sort-budget').click();
    await see(rows.first()).toHaveAttribute('data-code', 'ZH-2021-006');
    await see(page.locator('[role="columnheader"][aria-sort="descending"]')).toContainText('总投资');

    await page.getByTestId('register-clear').click();
    await see(count).toHaveText('共 16 个项目');
    await page.getByTestId('register-search').fill('智慧');
    await see(count).toHaveText('共 4 个项目');
    expect(await codes()).toEqual(['ZH-2021-006', 'ZH-2020-009', 'ZH-2023-010', 'ZH-2022-013']);

    // A second tab of the same profile renames a project so that it matches the search…
    const hrefOf = async (code: string) => {
      await go(other, '#/projects');
      await other.getByTestId('register-search').fill(code);
      await see(other.getByTestId('project-row')).toHaveCount(1);
      return other.getByTestId('project-row').first().getAttribute('href');
    };
    const other = await context.newPage();
    other.on('dialog', (d) => void d.accept());
    await other.goto(page.url());
    await go(other, (await hrefOf('ZH-2019-004'))!);
    await other.getByTestId('edit-project').click();
    await other.getByTestId('pf-name').fill('智慧一网通办政务服务平台');
    await other.getByTestId('pf-save').click();
    await see(other.getByTestId('project-title')).toHaveText('智慧一网通办政务服务平台');

    // …and the first tab lists it in its place (12,800 万元), with the filters and order kept.
    await see(count).toHaveText('共 5 个项目');
    expect(await codes()).toEqual(['ZH-2021-006', 'ZH-2019-004', 'ZH-2020-009', 'ZH-2023-010', 'ZH-2022-013']);
    await see(rows.nth(1)).toContainText('智慧一网通办政务服务平台');

    // A delete there leaves the register here.
    await go(other, (await hrefOf('ZH-2022-013'))!);
    await other.getByTestId('delete-project').click();
    await see(count).toHaveText('共 4 个项目');
    expect(await codes()).toEqual(['ZH-2021-006', 'ZH-2019-004', 'ZH-2020-009', 'ZH-2023-010']);
    await other.close();

    await page.getByTestId('register-search').fill('');
    await see(count).toHaveText('共 15 个项目');
  });

  it('the contract list answers its search box per keystroke and lists a contract renamed in another tab', async () => {
    const { page, context } = app;
    await go(page, '#/contracts/list');
    const rows = page.getByTestId('portfolio-contract-row');
    const codes = () => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    const search = page.getByTestId('filter-search');
    await rows.first().waitFor();
    await search.fill('gz-yw');
    await see(rows).toHaveCount(1);
    const link = await rows.first().getByRole('link').first().getAttribute('href');
    await search.fill('特许');
    await see(rows.first()).toHaveAttribute('data-code', 'GA-BOT-2012-01');
    // The demo's franchise agreement (特许经营协议) matches too.
    expect(await codes()).toEqual(['GA-BOT-2012-01', 'SJ-TX-2026-01']);

    const other = await context.newPage();
    await other.goto(page.url());
    await go(other, link!);
    await other.getByTestId('edit-contract').click();
    await other.getByTestId('cf-title').fill('时空信息云平台特许运维服务合同');
    await other.getByTestId('cf-save').click();
    await see(other.getByTestId('contract-title')).toHaveText('时空信息云平台特许运维服务合同');

    await see(rows).toHaveCount(3);
    expect(await codes()).toEqual(['GA-BOT-2012-01', 'GZ-YW-2019-12', 'SJ-TX-2026-01']);
    await other.close();
  });
});
