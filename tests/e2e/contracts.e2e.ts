// Contracts and arrears end to end: a PPP contract on a new project, a 10-year yearly O&M schedule,
// a partial late payment; the arrears view as of a chosen date shows days overdue, bucket and
// interest, changes with the date, survives a reload; the statement of arrears lists the items;
// the plan → build gate's signed-contract check turns met.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { go, openApp, see, setOperator, type AppSession } from './support';

describe('contracts, payments and arrears', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp({ locale: 'zh-CN' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('creates a PPP contract, generates its O&M schedule, records a late partial payment and sees the arrears', async () => {
    const { page } = app;
    await setOperator(page, '王海燕');

    // Two organisations for the parties: the paying department and the operator (an SME).
    await go(page, '#/organisations');
    for (const [name, kind, sme] of [['市交通运输局（测试）', 'government', false], ['畅行智慧交通科技有限公司（测试）', 'company', true]] as const) {
      await page.getByTestId('new-org').click();
      const form = page.getByTestId('org-form');
      await form.getByTestId('of-name').fill(name);
      await form.getByTestId('of-kind').selectOption(kind);
      if (sme) await form.getByTestId('of-sme').check();
      await form.getByTestId('of-save').click();
      await see(page.getByTestId('org-row').filter({ hasText: name })).toHaveCount(1);
    }

    await go(page, '#/projects');
    await page.getByTestId('new-project').click();
    const pf = page.getByTestId('project-form');
    await pf.getByTestId('pf-code').fill('ZH-E2E-PPP');
    await pf.getByTestId('pf-name').fill('智慧交通信号优化（端到端 PPP）');
    await pf.getByTestId('pf-department').selectOption({ label: '市交通运输局（测试）' });
    await pf.getByTestId('pf-save').click();
    await see(page.getByTestId('project-title')).toHaveText('智慧交通信号优化（端到端 PPP）');
    const projectUrl = page.url();
    await see(page.getByTestId('gate-build').getByTestId('check-signed-contract')).toHaveAttribute('data-status', 'not-recorded');

    // The contract: PPP (BOT, government pays), signed, 10-year operation, 30 days after acceptance.
    await page.getByTestId('tab-contracts').click();
    await see(page.getByTestId('contracts-empty')).toContainText('尚未登记合同');
    await page.getByTestId('new-contract').click();
    const cf = page.getByTestId('contract-form');
    await cf.getByTestId('cf-code').fill('HT-E2E-001');
    await cf.getByTestId('cf-title').fill('智慧交通信号优化 PPP 项目合同');
    await cf.getByTestId('cf-type').selectOption('ppp');
    await cf.getByTestId('cf-ppp-model').selectOption('BOT');
    await cf.getByTestId('cf-ppp-mechanism').selectOption('government-pays');
    await cf.getByTestId('party-add').click();
    await cf.getByTestId('party-org').nth(0).selectOption({ label: '市交通运输局（测试）' });
    await cf.getByTestId('party-add').click();
    await cf.getByTestId('party-org').nth(1).selectOption({ label: '畅行智慧交通科技有限公司（测试）' });
    await cf.getByTestId('party-role').nth(1).selectOption('operator');
    // The SME flag comes from the directory.
    expect(await cf.getByTestId('party-sme').nth(1).isChecked()).toBe(true);
    // Dates out of order across pairs: each pair alone is fine, but operation starts before
    // construction ends and the contract is dated after both. The messages sit next to the dates.
    await cf.getByTestId('cf-signed').fill('2033-01-01');
    await cf.getByTestId('cf-construction-start').fill('2021-03-15');
    await cf.getByTestId('cf-construction-end').fill('2022-06-30');
    await cf.getByTestId('cf-operation-start').fill('2022-06-01');
    await cf.getByTestId('cf-operation-end').fill('2032-06-30');
    await see(cf.locator('#cf-cs-error')).toContainText('不能早于签订日期');
    await see(cf.locator('#cf-os-error')).toContainText('不能早于签订日期');
    await cf.getByTestId('cf-signed').fill('2021-03-01');
    await see(cf.locator('#cf-cs-error')).toHaveCount(0);
    await see(cf.locator('#cf-os-error')).toContainText('不能早于建设期结束');
    await cf.getByTestId('cf-save').click();
    await see(cf.locator('#cf-os-error')).toContainText('不能早于建设期结束');
    await cf.getByTestId('cf-operation-start').fill('2022-07-01');
    await see(cf.locator('#cf-os-error')).toHaveCount(0);
    await cf.getByTestId('cf-value').fill('215,000,000.00');
    await cf.getByTestId('cf-term').fill('30');
    await cf.getByTestId('cf-performance').fill('30');
    await cf.getByTestId('cf-save').click();
    await see(page.getByTestId('contract-title')).toHaveText('智慧交通信号优化 PPP 项目合同');
    await see(page.getByTestId('contract-facts')).toContainText('中小企业');
    await see(page.getByTestId('no-warnings')).toContainText('未发现合规问题');

    // A 10-year yearly O&M schedule over the operation period: 10 × ¥1,000,000.00, due 30 days after
    // each period's last day (first period 2022-07-01…2023-06-30 → due 2023-07-30).
    await page.getByTestId('generate-schedule').click();
    const gen = page.getByTestId('generate-dialog');
    await see(gen.getByTestId('gen-start')).toHaveValue('2022-07-01');
    await see(gen.getByTestId('gen-end')).toHaveValue('2032-06-30');
    await gen.getByTestId('gen-amount').fill('10000000');
    await see(gen.getByTestId('gen-summary')).toHaveText('将生成 10 笔，合计 ¥10,000,000.00');
    await see(gen.getByTestId('gen-preview-row')).toHaveCount(10);
    await gen.getByTestId('gen-save').click();
    await see(page.getByTestId('obligation-row')).toHaveCount(10);
    const first = page.locator('[data-testid="obligation-row"][data-due="2023-07-30"]');

    // A partial payment, two months late: ¥400,000.00 on 2023-09-28.
    await first.getByTestId('ob-pay').click();
    const pay = page.getByTestId('payment-dialog');
    await see(pay.getByTestId('pay-amount')).toHaveValue('1000000.00');
    await pay.getByTestId('pay-date').fill('2023-09-28');
    await pay.getByTestId('pay-amount').fill('400000');
    await pay.getByTestId('pay-voucher').fill('记-2023-0917');
    await pay.getByTestId('pay-save').click();
    await see(page.getByTestId('payment-row')).toHaveCount(1);
    await see(first.getByTestId('ob-paid')).toHaveText('400,000.00');

    // Arrears as of 2023-12-31. Worked by hand (cn-sme policy: 0.05% a day = 500 ppm):
    //   days overdue = 2023-12-31 − 2023-07-30 = 154 → bucket 91–180 days
    //   interest = 1,000,000.00 × 0.05% × 59 days (07-31…09-27) + 600,000.00 × 0.05% × 95 days (09-28…12-31)
    //            = 29,500.00 + 28,500.00 = 58,000.00; overdue 600,000.00.
    await go(page, '#/contracts/arrears?asOf=2023-12-31');
    await see(page.getByTestId('asof-input')).toHaveValue('2023-12-31');
    const row = page.getByTestId('arrears-contract-row').first();
    const expectRow = async (overdue: string, days: string, bucket: string, interest: string) => {
      await see(row.getByTestId('contract-overdue')).toHaveText(overdue);
      await see(row.getByTestId('contract-days')).toHaveText(days);
      await see(row.getByTestId('contract-bucket')).toHaveText(bucket);
      await see(row.getByTestId('contract-interest')).toHaveText(interest);
    };
    await expectRow('¥600,000.00', '154 天', '91–180 天', '¥58,000.00');
    await see(page.getByTestId('arrears-total-overdue')).toHaveText('¥600,000.00');
    await see(page.getByTestId('arrears-total-interest')).toHaveText('¥58,000.00');
    await see(page.getByTestId('aging-row').first().getByTestId('aging-cell-d91_180')).toHaveText('600,000.00');
    await page.getByTestId('aging-chart').waitFor();

    // As of 2024-08-15 the first item is 382 days late (1–2 years) and the second 16 days:
    //   first:  29,500.00 + 600,000.00 × 0.05% × 323 days (2023-09-28…2024-08-15) = 29,500.00 + 96,900.00 = 126,400.00
    //   second: 1,000,000.00 × 0.05% × 16 days (2024-07-31…08-15) = 8,000.00
    //   contract: overdue 1,600,000.00, oldest 382 days, interest 134,400.00.
    await page.getByTestId('asof-input').fill('2024-08-15');
    await expectRow('¥1,600,000.00', '382 天', '1–2 年', '¥134,400.00');
    await see(page.getByTestId('aging-row').first().getByTestId('aging-cell-d0_30')).toHaveText('1,000,000.00');
    await see(page.getByTestId('aging-row').first().getByTestId('aging-cell-y1_2')).toHaveText('600,000.00');

    // The as-of date is in the URL: a reload shows the same.
    await page.reload();
    await see(page.getByTestId('asof-input')).toHaveValue('2024-08-15');
    await expectRow('¥1,600,000.00', '382 天', '1–2 年', '¥134,400.00');

    // The statement of arrears for the operator (an SME, listed first).
    await page.getByTestId('dim-counterparty').click();
    const payee = page.getByTestId('aging-row').first();
    await see(payee).toContainText('畅行智慧交通科技有限公司（测试）');
    await see(payee).toContainText('中小企业');
    await payee.getByTestId('statement-link').click();
    await see(page.getByTestId('statement-to')).toContainText('畅行智慧交通科技有限公司（测试）');
    await see(page.getByTestId('statement-line')).toHaveCount(2);
    await see(page.getByTestId('statement-line').first().getByTestId('line-days')).toHaveText('382');
    await see(page.getByTestId('statement-line').first().getByTestId('line-interest')).toHaveText('¥126,400.00');
    // 1,600,000.00 + 134,400.00 = 1,734,400.00.
    await see(page.getByTestId('statement-owed')).toContainText('¥1,734,400.00');

    // The plan → build gate now finds the signed contract.
    await page.goto(projectUrl);
    await see(page.getByTestId('gate-build').getByTestId('check-signed-contract')).toHaveAttribute('data-status', 'met');
  });

  it('an LPR entered in the rate tables flags an agreed SME rate below it, on the contract and in the portfolio list', async () => {
    const { page } = app;
    // The contract above gets an agreed late rate of 0.011% a day = 110 ppm = 4.015% a year. Signed
    // 2021-03-01, when the built-in 1-year LPR was 3.85% (since 2020-04-20): not below, no warning.
    await go(page, '#/contracts/list?q=HT-E2E-001');
    await page.getByTestId('portfolio-contract-row').filter({ hasText: 'HT-E2E-001' }).getByRole('link').first().click();
    await page.getByTestId('edit-contract').click();
    const cf = page.getByTestId('contract-form');
    await cf.getByTestId('cf-policy').selectOption('contract-rate');
    await cf.getByTestId('cf-rate').fill('0.011');
    await cf.getByTestId('cf-save').click();
    await see(page.getByTestId('no-warnings')).toContainText('未发现合规问题');
    const contractUrl = page.url();

    // The office enters LPR 4.50% from 2021-01-01: 4.015% is below it; the least daily rate is
    // ⌈45 000 / 365⌉ = ⌈123.3⌉ = 124 ppm = 0.0124%.
    await go(page, '#/contracts/rates');
    const lpr = page.getByTestId('rates-lpr');
    await lpr.getByTestId('rate-date-lpr').fill('2021-01-01');
    await lpr.getByTestId('rate-value-lpr').fill('4.50');
    await lpr.getByTestId('rate-add-lpr').click();
    await see(lpr.getByTestId('rate-row')).toHaveCount(1);

    await page.goto(contractUrl);
    const warning = page.getByTestId('warning-sme-rate-below-lpr');
    await see(warning).toContainText('4.5%');
    await see(warning).toContainText('0.0124%');
    // The portfolio list reads the flags from the ledgers, rebuilt after the LPR change.
    await go(page, '#/contracts/warnings');
    await see(page.getByTestId('portfolio-contract-row').filter({ hasText: 'HT-E2E-001' }).getByTestId('portfolio-warning')).toContainText('LPR');
    await page.reload();
    await see(page.getByTestId('portfolio-contract-row').filter({ hasText: 'HT-E2E-001' }).getByTestId('portfolio-warning')).toContainText('LPR');

    // Deleted again: the built-in table applies and the warning goes.
    await go(page, '#/contracts/rates');
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('rates-lpr').getByRole('button', { name: '删除' }).click();
    await see(page.getByTestId('rates-lpr').getByTestId('rate-row')).toHaveCount(0);
    await page.goto(contractUrl);
    await see(page.getByTestId('no-warnings')).toContainText('未发现合规问题');

    // "No late interest" with an SME operator: a serious warning that says what the statute's
    // 0.05% a day would have accrued by the schedule's date — the 134,400.00 worked out above.
    await page.getByTestId('edit-contract').click();
    await cf.getByTestId('cf-policy').selectOption('none');
    await cf.getByTestId('cf-save').click();
    await page.goto(`${contractUrl}&asOf=2024-08-15`);
    const none = page.getByTestId('warning-sme-statute-interest-applies');
    await see(none).toContainText('违规风险');
    await see(none).toContainText('应计 ¥134,400.00');
    await see(page.getByTestId('schedule-total-interest')).toHaveText('0.00');
  });
});
