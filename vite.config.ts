import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Relative base so the same build loads from app:// in Electron and from http:// in a browser.
// `--mode bench` builds from the repository root so the benchmark page (tests/bench/page, never
// shipped in the app build) sits beside the app: .bench-out/dist/renderer/index.html and
// .bench-out/dist/tests/bench/page/index.html.
export default defineConfig(({ mode }) => ({
  root: mode === 'bench' ? '.' : 'renderer',
  base: './',
  plugins: [svelte()],
  build: {
    outDir: mode === 'bench' ? '.bench-out/dist' : '../dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    target: 'es2022',
    rollupOptions:
      mode === 'bench'
        ? { input: { main: 'renderer/index.html', bench: 'tests/bench/page/index.html' } }
        : undefined,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
}));
