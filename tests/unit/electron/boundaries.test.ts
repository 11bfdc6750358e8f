import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ELECTRON_DIR = join(import.meta.dirname, '../../../electron');
const WIRING = new Set(['main.ts', 'preload.ts']);
const modules = readdirSync(ELECTRON_DIR).filter((f) => f.endsWith('.ts'));

// A runtime `import … from 'electron'` in a logic module would make it untestable without the
// Electron binary; only the two wiring entry points may have one.
describe('electron/ module boundaries', () => {
  it.each(modules.filter((f) => !WIRING.has(f)))('%s imports electron for types only', (file) => {
    const source = readFileSync(join(ELECTRON_DIR, file), 'utf8');
    const runtimeImports = source.match(/^\s*import\s+(?!type\b)[^;]*from\s+['"]electron['"]/gm) ?? [];
    const requires = source.match(/require\(\s*['"]electron['"]\s*\)/g) ?? [];
    expect([...runtimeImports, ...requires]).toEqual([]);
  });

  it('api.ts declares types only', () => {
    const source = readFileSync(join(ELECTRON_DIR, 'api.ts'), 'utf8');
    expect(source).not.toMatch(/^export\s+(const|let|var|function|class|enum)\b/m);
    expect(source).not.toMatch(/^import\s+(?!type\b)/m);
  });

  it('the preload exposes exactly one object, window.desktop', () => {
    const source = readFileSync(join(ELECTRON_DIR, 'preload.ts'), 'utf8');
    expect(source.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(source).toMatch(/exposeInMainWorld\(\s*'desktop'/);
  });
});
