import type { Page } from 'playwright-core';

/**
 * Loads `target` as a new document (in the running browser, as when the app starts) and returns
 * the milliseconds from its navigation start until `ready` resolves, read from performance.now()
 * in the page. A goto that changes only the hash would stay in the same document, and
 * performance.now() would then count from that document's first load; so when the page already
 * shows the app, the URL is swapped in place and the page reloaded.
 */
export async function timePageLoad(page: Page, target: string, ready: () => Promise<unknown>): Promise<number> {
  if (new URL(page.url()).pathname === new URL(target).pathname) {
    await page.evaluate((t) => history.replaceState(null, '', t), target);
    await page.reload();
  } else {
    await page.goto(target);
  }
  await ready();
  return page.evaluate(() => Math.round(performance.now()));
}

/** Milliseconds from setting the hash inside the running app (a click on a link) until `ready` resolves. */
export async function timeInAppNavigation(page: Page, hash: string, ready: () => Promise<unknown>): Promise<number> {
  const start = await page.evaluate((h) => {
    const t = performance.now();
    location.hash = h;
    return t;
  }, hash);
  await ready();
  return page.evaluate((t) => Math.round(performance.now() - t), start);
}

const watching = new WeakSet<Page>();

/**
 * Loads `target` as a new document and returns the milliseconds from its navigation start until
 * the first element matching `selector` is in the document and the next frame has run, read in
 * the page itself (a MutationObserver installed before the page's own scripts), as the register's
 * interactions are timed; and, beside it, the moment the driver saw the element, which adds its
 * polling and a round trip.
 */
export async function timeFirstPaint(page: Page, target: string, selector: string): Promise<{ page: number; driver: number }> {
  if (!watching.has(page)) {
    watching.add(page);
    await page.addInitScript(() => {
      const sel = sessionStorage.getItem('bench:first');
      if (!sel) return;
      const w = window as unknown as { __benchFirst?: number };
      const obs = new MutationObserver(() => {
        if (!document.querySelector(sel)) return;
        obs.disconnect();
        requestAnimationFrame(() => setTimeout(() => (w.__benchFirst = performance.now()), 0));
      });
      obs.observe(document, { subtree: true, childList: true });
    });
  }
  if (new URL(page.url()).origin === new URL(target).origin) await page.evaluate((s) => sessionStorage.setItem('bench:first', s), selector);
  else throw new Error(`timeFirstPaint: open a page of ${new URL(target).origin} first`);
  const driver = await timePageLoad(page, target, () => page.locator(selector).first().waitFor());
  await page.waitForFunction(() => typeof (window as unknown as { __benchFirst?: number }).__benchFirst === 'number');
  const inPage = await page.evaluate(() => Math.round((window as unknown as { __benchFirst: number }).__benchFirst));
  await page.evaluate(() => sessionStorage.removeItem('bench:first'));
  return { page: inPage, driver };
}
