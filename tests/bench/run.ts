// `npm run bench`: figures, not assertions. Runs in Debian Chromium against the real IndexedDB.
import { chromium, type Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain ESM script without type declarations
import { startStaticServer } from '../../scripts/static-server.mjs';
import { benchSections } from './sections';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const only = process.argv.slice(2);

async function main() {
  // BENCH_PROFILE keeps the browser profile (and so IndexedDB) in that folder between runs, on a
  // fixed port (BENCH_PORT, default 4391) since IndexedDB belongs to the page's origin: a section
  // whose fixture takes long to write (the fiscal outlook's) then seeds it once and later runs
  // measure the code of their day over it.
  const keptProfile = process.env.BENCH_PROFILE;
  const port = keptProfile ? Number(process.env.BENCH_PORT ?? 4391) : 0;
  const { server, url } = (await startStaticServer({ root: '.bench-out/dist', port })) as { server: import('node:http').Server; url: string };
  const profile = keptProfile ?? mkdtempSync(join(tmpdir(), 'scw-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page: Page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(600_000);
  console.log(`Benchmarks — Chromium ${context.browser()?.version() ?? ''}, ${new Date().toISOString()}`);
  try {
    for (const section of benchSections) {
      if (only.length && !only.includes(section.id)) continue;
      console.log(`\n## ${section.title}`);
      await page.goto(`${url}tests/bench/page/index.html`);
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
      const kept = !!keptProfile && !!section.reusesFixture;
      if (!kept) await page.evaluate(() => window.bench.reset());
      await section.run({ page, url: `${url}renderer/`, kept, log: (label, value) => console.log(`${label.padEnd(58)} ${value}`) });
    }
  } finally {
    await context.close();
    server.close();
    if (!keptProfile) rmSync(profile, { recursive: true, force: true });
  }
}

await main();
