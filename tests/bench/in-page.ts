// Timings taken inside the page, free of the driver's round trips. Code that runs in the page is
// passed as strings: the bench runner's TypeScript transform wraps named inner functions in a
// helper that exists only in Node.
import type { Page } from 'playwright-core';

/** Milliseconds of one getAll over a whole store of the app's database (no Dexie): the raw baseline. */
export async function rawRead(page: Page, store: string): Promise<number> {
  const r = (await page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('smart-city-workbench');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const t0 = performance.now();
      const req = db.transaction(${JSON.stringify(store)}).objectStore(${JSON.stringify(store)}).getAll();
      req.onsuccess = () => { const ms = performance.now() - t0; db.close(); resolve(ms); };
      req.onerror = () => reject(req.error);
    };
  })`)) as number;
  return r;
}

export interface Step {
  label: string;
  kind: 'select' | 'input' | 'click';
  /** data-testid of the control. */
  target: string;
  value?: string;
}

/**
 * Performs one interaction the way the browser delivers it (a change or input event, a click) and
 * returns the milliseconds until the page shows its result — the text of `watch[0]` or the
 * data-code of the first `watch[1]` element changed — and the next frame ran.
 */
export async function timeStep(page: Page, step: Step, watch: [count: string, firstRow: string]): Promise<number> {
  const args = JSON.stringify({ ...step, watch });
  return (await page.evaluate(`(() => { const a = ${args}; return new Promise((resolve, reject) => {
    const state = () => (document.querySelector('[data-testid="' + a.watch[0] + '"]')?.textContent ?? '') + '|' +
      (document.querySelector('[data-testid="' + a.watch[1] + '"]')?.getAttribute('data-code') ?? '');
    const before = state();
    const timer = setTimeout(() => { obs.disconnect(); reject(new Error('no change after ' + a.kind + ' ' + a.target)); }, 120000);
    const obs = new MutationObserver(() => {
      if (state() === before) return;
      obs.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
    });
    obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    const el = document.querySelector('[data-testid="' + a.target + '"]');
    const t0 = performance.now();
    if (a.kind === 'click') el.click();
    else {
      el.value = a.value;
      el.dispatchEvent(new Event(a.kind === 'input' ? 'input' : 'change', { bubbles: true }));
    }
  }); })()`)) as number;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const ms = (x: number) => `${Math.round(x)} ms`;
export const spread = (xs: number[]) => `${ms(median(xs))} (${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))})`;
