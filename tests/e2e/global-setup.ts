// Serves the built renderer once for all end-to-end files; each test opens its own browser profile.
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
// @ts-expect-error plain ESM script without type declarations
import { startStaticServer } from '../../scripts/static-server.mjs';

export default async function setup(project: TestProject) {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `vite build` first (npm run test:e2e does).');
  const { server, url } = (await startStaticServer({ root: 'dist', port: 0 })) as { server: import('node:http').Server; url: string };
  project.provide('baseUrl', url);
  return () => new Promise<void>((r) => server.close(() => r()));
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
