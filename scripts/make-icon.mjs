// Renders assets/icon.png (512×512, transparent corners) from the SVG below with Debian's Chromium via
// playwright-core. The logo uses shapes only, no text, so the output does not depend on installed fonts.
// Run: node scripts/make-icon.mjs   (CHROMIUM_PATH overrides /usr/bin/chromium)
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';

const SIZE = 512;
const out = fileURLToPath(new URL('../assets/icon.png', import.meta.url));

// A city skyline under a network of linked nodes: the smart-city platform watching over its projects.
const svg = `
<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 512 512">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#1e40af"/>
      <stop offset="1" stop-color="#0891b2"/>
    </linearGradient>
    <linearGradient id="tower" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#ffffff"/>
      <stop offset="1" stop-color="#dbeafe"/>
    </linearGradient>
  </defs>
  <rect x="16" y="16" width="480" height="480" rx="104" fill="url(#bg)"/>
  <g stroke="#a5f3fc" stroke-width="10" stroke-linecap="round" opacity="0.9">
    <line x1="140" y1="170" x2="256" y2="112"/>
    <line x1="256" y1="112" x2="372" y2="170"/>
    <line x1="140" y1="170" x2="256" y2="200"/>
    <line x1="372" y1="170" x2="256" y2="200"/>
    <line x1="256" y1="112" x2="256" y2="200"/>
  </g>
  <g fill="#ecfeff">
    <circle cx="256" cy="112" r="24"/>
    <circle cx="140" cy="170" r="20"/>
    <circle cx="372" cy="170" r="20"/>
    <circle cx="256" cy="200" r="18"/>
  </g>
  <g fill="url(#tower)">
    <rect x="104" y="300" width="56" height="120" rx="8"/>
    <rect x="172" y="250" width="56" height="170" rx="8"/>
    <rect x="240" y="230" width="64" height="190" rx="8"/>
    <rect x="316" y="270" width="56" height="150" rx="8"/>
    <rect x="384" y="320" width="36" height="100" rx="8"/>
  </g>
  <g fill="#1e3a8a" opacity="0.55">
    <rect x="254" y="256" width="12" height="16" rx="2"/><rect x="278" y="256" width="12" height="16" rx="2"/>
    <rect x="254" y="288" width="12" height="16" rx="2"/><rect x="278" y="288" width="12" height="16" rx="2"/>
    <rect x="186" y="276" width="12" height="16" rx="2"/><rect x="204" y="276" width="12" height="16" rx="2"/>
    <rect x="330" y="296" width="12" height="16" rx="2"/><rect x="348" y="296" width="12" height="16" rx="2"/>
  </g>
  <rect x="88" y="420" width="336" height="14" rx="7" fill="#ecfeff"/>
</svg>`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}
