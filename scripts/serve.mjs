// `npm run web`: serves the built renderer on 127.0.0.1 for any browser; no Electron needed.
import { startStaticServer } from './static-server.mjs';

const port = Number(process.env.PORT ?? 5180);
const { url } = await startStaticServer({ root: 'dist', port });
console.log(`智慧城市项目治理工作台 (web build) — open ${url}`);
console.log('Ctrl+C to stop.');
