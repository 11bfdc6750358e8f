// The README's `npm install` must work on a machine that reaches only the npm registry. Install
// scripts are what reach elsewhere (Electron's fetches its runtime from its release host), so the
// repository turns them off, and every dependency that has one must work without it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const npmrc = readFileSync('.npmrc', 'utf8');
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };

/** Packages with install scripts, and why each works without its script. */
const WITHOUT_SCRIPT: Record<string, string> = {
  electron: 'runtime fetched by scripts/ensure-electron.mjs on the first npm start',
  esbuild: 'its platform binary arrives as an optional dependency package; the script only verifies it',
  'electron-winstaller': 'Squirrel.Windows only; the Windows installer is NSIS',
  'es6-error': 'flagged by the lock, but its only scripts are publish-time builds; the package ships built',
};

describe('install on a registry-only machine', () => {
  it('turns off dependencies’ install scripts in the repository’s .npmrc', () => {
    const settings = npmrc.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    expect(settings).toContain('ignore-scripts=true');
  });

  it('has no dependency whose install script is needed', () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([, p]) => p.hasInstallScript)
      .map(([path]) => path.replace(/^.*node_modules\//, ''));
    expect(withScripts.filter((name) => !(name in WITHOUT_SCRIPT))).toEqual([]);
  });

  it('CI runs the README’s install command as written, with no variable', () => {
    const ci = readFileSync('.ci/run', 'utf8');
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain('npm install && npm run web');
    expect(ci).toMatch(/^npm install$/m);
    expect(ci).not.toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD/);
  });
});
