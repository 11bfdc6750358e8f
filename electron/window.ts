import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The renderer gets no Node: isolated context, OS sandbox, no <webview>, and webSecurity left at its
 * default (on). DevTools are available only in unpackaged runs.
 */
export function mainWindowOptions(preloadPath: string, opts: { devTools: boolean; title: string }): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: opts.title,
    backgroundColor: '#f5f7fa',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      spellcheck: false,
      devTools: opts.devTools,
    },
  };
}

export interface FocusableWindow {
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/** A second launch brings the running window forward instead of opening a second database writer. */
export function focusWindow(win: FocusableWindow | null | undefined): boolean {
  if (!win) return false;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
  return true;
}
