import { describe, expect, it, vi } from 'vitest';
import { focusWindow, mainWindowOptions } from '../../../electron/window';

describe('mainWindowOptions', () => {
  it.each([true, false])('keeps the renderer isolated and sandboxed (devTools %s)', (devTools) => {
    const prefs = mainWindowOptions('/app/dist-electron/preload.cjs', { devTools, title: '工作台' }).webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/dist-electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      devTools,
    });
    // webSecurity, allowRunningInsecureContent and experimental features stay at their safe defaults.
    expect(prefs).not.toHaveProperty('webSecurity');
    expect(prefs).not.toHaveProperty('allowRunningInsecureContent');
    expect(prefs).not.toHaveProperty('experimentalFeatures');
  });
});

describe('focusWindow (second-instance)', () => {
  const fakeWindow = (minimized: boolean) => ({
    isMinimized: () => minimized,
    restore: vi.fn(),
    show: vi.fn(),
    focus: vi.fn(),
  });

  it('restores a minimised window, then shows and focuses it', () => {
    const win = fakeWindow(true);
    expect(focusWindow(win)).toBe(true);
    expect(win.restore).toHaveBeenCalledOnce();
    expect(win.focus).toHaveBeenCalledOnce();
  });

  it('does not restore a window that is not minimised', () => {
    const win = fakeWindow(false);
    focusWindow(win);
    expect(win.restore).not.toHaveBeenCalled();
    expect(win.show).toHaveBeenCalledOnce();
  });

  it('does nothing before the window exists', () => {
    expect(focusWindow(null)).toBe(false);
  });
});
