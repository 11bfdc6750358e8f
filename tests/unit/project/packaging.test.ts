// The installers' security settings, read from package.json as electron-builder reads them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  scripts: Record<string, string>;
  build: { asar: boolean; electronFuses?: Record<string, boolean>; nsis: Record<string, unknown> };
};

describe('packaged build', () => {
  it.each([
    // An installed app must not run as plain Node, take NODE_OPTIONS or open an inspector port …
    ['runAsNode', false],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    // … and runs only its own, integrity-checked app.asar.
    ['onlyLoadAppFromAsar', true],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['grantFileProtocolExtraPrivileges', false],
  ])('fuse %s is %s', (fuse, want) => {
    expect(pkg.build.electronFuses?.[fuse]).toBe(want);
  });

  it('packs the app into app.asar (the fuses load nothing else)', () => {
    expect(pkg.build.asar).toBe(true);
  });

  it('offers per-user or per-machine installation, and a per-machine installer for deployment by IT', () => {
    expect(pkg.build.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true });
    expect(pkg.scripts['dist:win:machine']).toContain('-c.nsis.perMachine=true');
  });
});
