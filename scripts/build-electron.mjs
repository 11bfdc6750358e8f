// Bundles the Electron main process and preload into dist-electron/*.cjs. The preload runs sandboxed,
// where require() only knows 'electron', so both are single self-contained files with electron external.
import { build } from 'esbuild';
import { cpSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // Syntax level only: Electron's bundled Node is newer than 20, and nothing here needs more.
  target: 'node20',
  // pg's optional native binding is never used (the pure-JS client is), so it is not bundled.
  external: ['electron', 'pg-native'],
  sourcemap: 'linked',
  logLevel: 'info',
  legalComments: 'none',
};

// The office-server SQL migrations, read at run time by the sync module (main.ts startSync).
cpSync('sync/sql/migrations', 'dist-electron/sql/migrations', { recursive: true });

await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist-electron/main.cjs' }),
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist-electron/preload.cjs' }),
]);
