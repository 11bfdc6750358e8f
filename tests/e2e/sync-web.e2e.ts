// The web build's sync endpoints in Debian Chromium: the page takes this start's key from the
// address (and out of the address bar), its same-origin calls pass the Origin and Sec-Fetch checks
// as a real browser sends them, and a page of another origin cannot call them even knowing the key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startDeskServer, type DeskServer } from '../support/sync-web';
import { openApp, type AppSession } from './support';

describe('web build sync endpoints in the browser', () => {
  let desk: DeskServer;
  let app: AppSession;
  beforeAll(async () => {
    desk = await startDeskServer({ config: null });
    app = await openApp({ url: `${desk.appUrl}#/settings` });
  });
  afterAll(async () => {
    await app?.close();
    await desk?.close();
  });

  const callStatus = (key: string | null) =>
    app.page.evaluate(async (k) => {
      const r = await fetch('/api/sync/status', { method: 'POST', headers: { 'Content-Type': 'application/json', ...(k ? { 'X-Workbench-Key': k } : {}) }, body: '{"args":[]}' });
      return { status: r.status, body: await r.json() };
    }, key);

  it('the key moves from the address into this tab’s session storage; the route stays', async () => {
    await app.page.waitForFunction(() => !location.search.includes('key='));
    expect(new URL(app.page.url()).hash).toBe('#/settings');
    expect(await app.page.evaluate(() => sessionStorage.getItem('scw.syncKey'))).toBe(desk.key);
  });

  it('a same-origin call with the key is accepted, without it refused', async () => {
    expect(await callStatus(desk.key)).toEqual({ status: 200, body: { ok: true, result: expect.objectContaining({ state: 'unconfigured' }) } });
    expect(await callStatus(null)).toEqual({ status: 403, body: { ok: false, error: 'forbidden' } });
  });

  it('a reload keeps the key (same tab); the app still runs', async () => {
    await app.page.reload();
    expect((await callStatus(await app.page.evaluate(() => sessionStorage.getItem('scw.syncKey')))).status).toBe(200);
  });

  it('a page of another origin cannot call the endpoints, even with the key', async () => {
    const other = await app.context.newPage();
    try {
      await other.goto(inject('baseUrl'));
      const outcome = await other.evaluate(
        async ({ target, key }) => {
          try {
            const r = await fetch(`${target}api/sync/status`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Workbench-Key': key }, body: '{"args":[]}' });
            return `answered ${r.status}`;
          } catch {
            return 'blocked';
          }
        },
        { target: desk.url, key: desk.key },
      );
      expect(outcome).toBe('blocked');
    } finally {
      await other.close();
    }
  });
});
