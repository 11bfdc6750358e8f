// `npm run web`: serves the built renderer on 127.0.0.1 for any browser, with the office-server
// sync endpoints (sync/web-host.ts) behind a key printed here as part of the address to open.
// Runs under tsx (package.json) because the sync module is TypeScript shared with Electron.
import { readFile } from 'node:fs/promises';
import { configFromCommandLine, startWebSync, WebConfigError } from '../sync/web-host.ts';
import { startStaticServer } from './static-server.mjs';

const port = Number(process.env.PORT ?? 5180);
let config;
try {
  config = await configFromCommandLine(process.argv.slice(2), process.env, (file) => readFile(file, 'utf8'));
} catch (err) {
  if (err instanceof WebConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
const sync = await startWebSync({ config, log: (message) => console.log(message) });
const { url } = await startStaticServer({ root: 'dist', port, api: sync.handler });
console.log(`智慧城市项目治理工作台 (web build) — open ${url}?key=${sync.key}`);
console.log('The key changes at every start; without it the app works but cannot reach the office server.');
console.log(config ? `Office server: ${config.user}@${config.host}:${config.port}/${config.database} as desk "${config.desk}" (password: Settings → Office server).` : 'Office server: not configured (Settings → Office server, or --server-host=… see README).');
console.log('Ctrl+C to stop.');
const stop = () => sync.close().finally(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
