// Three desks of one office on one real PostgreSQL, each a browser profile on its own web-build
// server (as `npm run web`): A loads the office's portfolio and syncs it; B (configured at start)
// and C (configured by a person in Settings → 办公室服务器) receive it; a payment entered on A
// shows in B's arrears view; the same obligation disputed on A and B while both are offline
// becomes ONE conflict, resolved on B and seen resolved on A and C; C works offline, reconnects,
// and nothing is lost. At the end every desk's record tables and change log are equal row for row.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { SyncConfigInput } from '../../sync/api';
import { memoryConfigStore } from '../../sync/config';
import { createPgPool } from '../../sync/pg';
import { loadMigrations } from '../../sync/schema';
import { memorySecretStore } from '../../sync/secrets';
import { createSyncService } from '../../sync/service';
import { STARTER_AUTHOR } from '../../renderer/src/data/indicator-systems';
import { psqlFile, startCluster, type PgCluster } from '../support/pg-cluster';
import { startDeskServer, type DeskServer } from '../support/sync-web';
import { deskIdentity, dumpDb, go, loadDemo, openApp, see, setOperator, trustDesk, type AppSession } from './support';

const OWNER_PASSWORD = 'owner-e2e-1';
const DESK_PASSWORD = 'desk-e2e-1';
const DATABASE = 'office_e2e';
const AS_OF = '2026-11-30';
/** Record tables and the change log: what must be equal on every desk (ledgers and per-desk tables aside). */
const COMPARED = [
  'organisations', 'projects', 'phaseTransitions', 'referenceRates', 'indicatorSystems', 'checklistTemplates', 'deskKeys', 'contracts', 'amendments',
  'obligations', 'payments', 'files', 'reviews', 'deductions', 'audits', 'findings', 'rectifications', 'changeLog',
];

let cluster: PgCluster;
const servers: DeskServer[] = [];
const apps: AppSession[] = [];

const config = (user: string, desk: string): SyncConfigInput => ({ host: cluster.host, port: cluster.port, database: DATABASE, user, password: DESK_PASSWORD, tls: 'require', caPem: null, desk });

async function installSchema(): Promise<void> {
  const { password, ...connection } = { ...config('scw_owner', 'installer'), password: OWNER_PASSWORD };
  const secretStore = memorySecretStore();
  await secretStore.set(password);
  const migrations = await loadMigrations(join(import.meta.dirname, '../../sync/sql/migrations'), { readdir, readFile });
  const owner = createSyncService({ createPool: createPgPool, configStore: memoryConfigStore(connection), secretStore, migrations });
  try {
    const r = await owner.test();
    if (!r.ok) throw new Error(`schema install failed: ${r.code}`);
  } finally {
    await owner.close();
  }
}

const state = (page: Page) => page.getByTestId('sync-status');
/** Waits until the desk says 已同步 with nothing waiting (the specific state, polled). */
const synced = (page: Page) => see(state(page), 90_000).toHaveAttribute('data-state', 'synced');

const yuan = (text: string) => Math.round(Number(text.replace(/[¥,\s]/g, '')) * 100);
const money = (minor: number) => `¥${(minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

async function totalOverdue(page: Page): Promise<number> {
  await go(page, `#/contracts/arrears?asOf=${AS_OF}`);
  await see(page.getByTestId('arrears-total-overdue')).toHaveText(/¥/);
  return yuan(await page.getByTestId('arrears-total-overdue').innerText());
}

/** Fields of the starter indicator systems and checklists that each desk writes itself when it first starts. */
const SEEDED_LOCALLY = ['at', 'createdAt', 'updatedAt', 'desk', 'seq', 'prev', 'hash', 'state'];

async function tables(page: Page): Promise<Record<string, unknown>> {
  const all = JSON.parse(await dumpDb(page)) as Record<string, Record<string, unknown>[]>;
  // Starter rows are seeded on every desk under fixed ids (the same version everywhere, so the
  // merge keeps each desk's copy); their content is compared, not when and in which chain each
  // desk wrote them.
  const seeded = (r: Record<string, unknown>) => r.by === STARTER_AUTHOR || r.updatedBy === STARTER_AUTHOR;
  const norm = (r: Record<string, unknown>) => (seeded(r) ? Object.fromEntries(Object.entries(r).filter(([k]) => !SEEDED_LOCALLY.includes(k))) : r);
  return Object.fromEntries(COMPARED.map((t) => [t, all[t].map(norm)]));
}

describe('three desks on one office server', () => {
  let A: AppSession;
  let B: AppSession;
  let C: AppSession;

  beforeAll(async () => {
    cluster = await startCluster({ tls: true });
    await psqlFile(cluster, 'postgres', 'sync/sql/setup/1-roles.sql', { owner_password: OWNER_PASSWORD });
    for (const user of ['desk_a', 'desk_b', 'desk_c']) await psqlFile(cluster, 'postgres', 'sync/sql/setup/3-desk-user.sql', { desk_user: user, desk_password: DESK_PASSWORD });
    await psqlFile(cluster, 'postgres', 'sync/sql/setup/2-database.sql', { database: DATABASE });
    await installSchema();
    servers.push(await startDeskServer({ config: config('desk_a', '财务科-A') }));
    servers.push(await startDeskServer({ config: config('desk_b', '项目科-B') }));
    servers.push(await startDeskServer({ config: null }));
    A = await openApp({ url: servers[0].appUrl });
    B = await openApp({ url: servers[1].appUrl });
    C = await openApp({ url: servers[2].appUrl });
    apps.push(A, B, C);
  }, 240_000);

  afterAll(async () => {
    for (const a of apps) await a.close().catch(() => undefined);
    for (const s of servers) await s.close().catch(() => undefined);
    await cluster?.stop();
  });

  it('A loads the portfolio and syncs it; B is refused until it trusts A, C (set up in Settings) trusts A through the office list; both receive it', async () => {
    await setOperator(A.page, '王芳');
    await setOperator(B.page, '李强');
    await setOperator(C.page, '赵敏');
    const a = await deskIdentity(A.page);
    // A's demo office has signed audits: the other desks trust A's key first (fingerprint checked).
    await loadDemo(A.page);
    await synced(A.page);
    // B does not trust A yet: the page with A's signed audits is refused, naming A's fingerprint and
    // what to do; once the fingerprint is compared and A's key added, the same sync goes through.
    await go(B.page, '#/settings');
    const panel = B.page.getByTestId('office-server');
    await see(panel.getByTestId('os-error'), 90_000).toHaveAttribute('data-code', 'refused');
    await see(panel.getByTestId('os-refusal').locator('[data-code="signer-untrusted"]').first()).toContainText(a.fingerprint);
    await see(panel.getByTestId('os-refusal-trust')).toContainText('核对指纹');
    await trustDesk(B.page, '财务科-A', a);
    await B.page.getByTestId('os-sync-now').click();
    await synced(B.page);

    // C: a person fills in the office server, tests the connection and saves.
    await go(C.page, '#/settings');
    const form = C.page.getByTestId('office-server');
    await form.getByTestId('os-host').fill(cluster.host);
    await form.getByTestId('os-port').fill(String(cluster.port));
    await form.getByTestId('os-database').fill(DATABASE);
    await form.getByTestId('os-user').fill('desk_c');
    await form.getByTestId('os-password').fill('wrong-password');
    await form.getByTestId('os-tls').selectOption('require');
    await form.getByTestId('os-desk').fill('审计-C');
    await form.getByTestId('os-test').click();
    await see(form.getByTestId('os-result')).toHaveAttribute('data-code', 'auth-failed');
    await see(form.getByTestId('os-result')).toContainText('用户名或密码错误');
    await form.getByTestId('os-password').fill(DESK_PASSWORD);
    await form.getByTestId('os-test').click();
    await see(form.getByTestId('os-result')).toHaveAttribute('data-ok', 'true');
    await see(form.getByTestId('os-result')).toContainText('连接成功');
    await form.getByTestId('os-save').click();
    await see(form.getByTestId('os-password-where')).toContainText('内存');
    // C trusts A through the office's list, which B's trust put on the server.
    await synced(C.page);

    const onA = await totalOverdue(A.page);
    expect(onA).toBeGreaterThan(0);
    // The other desks rebuild their ledgers from what arrived; the (live) view settles on A's figure.
    for (const s of [B, C]) {
      await go(s.page, `#/contracts/arrears?asOf=${AS_OF}`);
      await see(s.page.getByTestId('arrears-total-overdue'), 60_000).toHaveText(money(onA));
    }
  });

  let contractHash = '';
  let due = '';

  it('a payment entered on A appears in B’s arrears view', async () => {
    const before = await totalOverdue(B.page);
    await go(A.page, `#/contracts/arrears?asOf=${AS_OF}`);
    await A.page.getByTestId('arrears-contract-row').first().locator('a').click();
    const row = A.page.locator('[data-testid="obligation-row"][data-status="overdue"]').first();
    await row.waitFor();
    contractHash = new URL(A.page.url()).hash;
    due = (await row.getAttribute('data-due'))!;
    await row.getByTestId('ob-pay').click();
    const pay = A.page.getByTestId('payment-dialog');
    await pay.getByTestId('pay-date').fill('2026-11-02');
    await pay.getByTestId('pay-amount').fill('1000');
    await pay.getByTestId('pay-voucher').fill('记-SYNC-0001');
    await pay.getByTestId('pay-save').click();
    await see(A.page.getByTestId('payment-row').filter({ hasText: '记-SYNC-0001' })).toHaveCount(1);
    await synced(A.page);

    // B pulls on A's NOTIFY; its (live) arrears view shows ¥1,000.00 less overdue.
    await go(B.page, `#/contracts/arrears?asOf=${AS_OF}`);
    await see(B.page.getByTestId('arrears-total-overdue'), 60_000).toHaveText(money(before - 1000_00));
  });

  it('the same obligation disputed on A and B offline becomes one conflict; resolved on B, seen resolved on A and C', async () => {
    const dispute = async (s: AppSession, amount: string) => {
      await go(s.page, contractHash);
      const row = s.page.locator(`[data-testid="obligation-row"][data-due="${due}"]`).first();
      await row.getByTestId('ob-dispute').click();
      await s.page.getByTestId('dispute-amount').fill(amount);
      await s.page.getByTestId('dispute-save').click();
      await see(row.getByTestId('ob-disputed')).toContainText(amount.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
    };
    // The screens are opened while connected: offline, the page cannot fetch a section's code it
    // has not loaded yet (the emulated outage cuts the local web server too, not only PostgreSQL).
    for (const s of [A, B]) {
      await go(s.page, contractHash);
      await s.page.locator(`[data-testid="obligation-row"][data-due="${due}"]`).first().waitFor();
    }
    await A.context.setOffline(true);
    await B.context.setOffline(true);
    await dispute(A, '2000');
    await dispute(B, '3000');
    await see(state(B.page), 60_000).toHaveAttribute('data-state', 'offline');
    await A.context.setOffline(false);
    await synced(A.page);
    await B.context.setOffline(false);
    await see(state(B.page), 90_000).toHaveAttribute('data-state', 'conflicts');
    await see(B.page.getByTestId('sync-label')).toHaveText('1 个冲突');

    await B.page.getByTestId('sync-label').click();
    const card = B.page.locator('[data-testid="exchange-conflict"][data-entity="obligations"]');
    await see(card).toHaveCount(1);
    await card.getByTestId('keep-local').click();
    await see(card).toHaveCount(0);
    await synced(B.page);

    for (const s of [A, C]) {
      await go(s.page, contractHash);
      const row = s.page.locator(`[data-testid="obligation-row"][data-due="${due}"]`).first();
      await see(row.getByTestId('ob-disputed'), 90_000).toContainText('3,000.00');
      await see(state(s.page)).toHaveAttribute('data-state', 'synced');
    }
  });

  it('one project code registered on A and on B while apart: both projects kept, the register flags the code until one is renamed', async () => {
    // B opens a project's screens while connected (offline it cannot fetch code it has not loaded).
    await go(B.page, '#/projects');
    await B.page.getByTestId('project-row').first().click();
    await B.page.getByTestId('project-title').waitFor();
    await go(B.page, '#/projects');
    await B.context.setOffline(true);
    const register = async (s: AppSession, name: string) => {
      await go(s.page, '#/projects');
      await s.page.getByTestId('new-project').click();
      const form = s.page.getByTestId('project-form');
      await form.getByTestId('pf-code').fill('SC-DUP-01');
      await form.getByTestId('pf-name').fill(name);
      await form.getByTestId('pf-save').click();
      await see(s.page.getByTestId('project-title')).toHaveText(name);
    };
    await register(B, '城市运行体征监测（B 登记）');
    await register(A, '城市运行体征监测（A 登记）');
    await synced(A.page);
    await B.context.setOffline(false);
    await synced(B.page);

    for (const s of [A, B]) {
      await go(s.page, '#/projects');
      const notice = s.page.getByTestId('register-shared-codes');
      await see(notice, 90_000).toHaveAttribute('data-count', '1');
      await see(notice).toContainText('SC-DUP-01');
    }
    await A.page.getByTestId('register-show-shared').click();
    await see(A.page.getByTestId('project-row')).toHaveCount(2);
    await see(A.page.getByTestId('row-shared-code')).toHaveCount(2);
    if (process.env.SYNC_SHOTS) await A.page.screenshot({ path: `${process.env.SYNC_SHOTS}/register-shared-zh.png` });

    // B's project cannot be saved under the shared code; renamed, the flag goes on every desk.
    await B.page.getByTestId('register-search').fill('B 登记');
    await B.page.getByTestId('project-row').first().click();
    await B.page.getByTestId('edit-project').click();
    const form = B.page.getByTestId('project-form');
    await form.getByTestId('pf-save').click();
    await see(form.locator('#pf-code-error')).toContainText('SC-DUP-01');
    await form.getByTestId('pf-code').fill('SC-DUP-02');
    await form.getByTestId('pf-save').click();
    await see(form).toHaveCount(0);
    await synced(B.page);
    await go(A.page, '#/projects');
    await see(A.page.getByTestId('register-shared-codes'), 90_000).toHaveCount(0);
  });

  it('C works offline, reconnects, and nothing is lost; every desk ends row for row equal', async () => {
    await go(C.page, '#/organisations');
    await C.page.getByTestId('new-org').waitFor();
    await C.context.setOffline(true);
    await C.page.getByTestId('new-org').click();
    const form = C.page.getByTestId('org-form');
    await form.getByTestId('of-name').fill('离线时登记的监理单位');
    await form.getByTestId('of-kind').selectOption('company');
    await form.getByTestId('of-save').click();
    await see(C.page.getByTestId('org-row').filter({ hasText: '离线时登记的监理单位' })).toHaveCount(1);
    await see(state(C.page), 60_000).toHaveAttribute('data-state', 'offline');
    await see(C.page.getByTestId('sync-pending')).toContainText('待上传');
    await C.context.setOffline(false);
    await synced(C.page);

    await go(A.page, '#/organisations');
    await see(A.page.getByTestId('org-row').filter({ hasText: '离线时登记的监理单位' }), 90_000).toHaveCount(1);
    await go(B.page, '#/organisations');
    await see(B.page.getByTestId('org-row').filter({ hasText: '离线时登记的监理单位' }), 90_000).toHaveCount(1);
    // C re-downloads everything from the server (it has nothing unsent): its records come back.
    await go(C.page, '#/settings');
    await C.page.getByTestId('os-redownload').click();
    await C.page.getByTestId('redownload-go').click();
    await see(C.page.getByTestId('os-redownload-done'), 120_000).toContainText('已从服务器重新下载全部数据');
    if (process.env.SYNC_SHOTS) {
      await C.page.screenshot({ path: `${process.env.SYNC_SHOTS}/settings-zh.png`, fullPage: true });
      await B.page.screenshot({ path: `${process.env.SYNC_SHOTS}/b-zh.png` });
    }
    for (const s of [A, B, C]) {
      await s.page.getByTestId('sync-now').click();
      await synced(s.page);
    }
    const onA = await tables(A.page);
    expect(await tables(B.page)).toEqual(onA);
    expect(await tables(C.page)).toEqual(onA);
  });
});
