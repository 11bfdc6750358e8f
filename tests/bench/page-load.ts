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
