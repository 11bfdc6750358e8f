import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Relative base so the same build loads from app:// in Electron and from http:// in a browser.
// `--mode bench` adds the benchmark page (never shipped in the app build).
export default defineConfig(({ mode }) => ({
  root: 'renderer',
  base: './',
  plugins: [svelte()],
  build: {
    outDir: mode === 'bench' ? '../.bench-out/dist' : '../dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    target: 'es2022',
    rollupOptions:
      mode === 'bench'
        ? { input: { main: 'renderer/index.html', bench: 'renderer/bench/index.html' } }
        : undefined,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
}));
