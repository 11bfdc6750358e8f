// Guards of the packaged desktop app beyond the window's own (security.ts): no debugger switches, no
// downloads the app did not start, and a crashed renderer brought back instead of a blank window.
// Each takes the Electron objects it touches as parameters; tests pass fakes.
import { APP_ENTRY_URL, APP_ORIGIN, isAppUrl, type SecurityLog } from './security';

/**
 * Switches that would let another process drive or inspect the app. The fuses already strip the
 * Node inspector (--inspect…) from packaged builds; Chromium's remote debugging is not a fuse, so
 * a packaged build refuses to start with it.
 */
const DEBUG_SWITCHES = ['--remote-debugging-port', '--remote-debugging-pipe', '--remote-debugging-address', '--remote-allow-origins', '--inspect', '--inspect-brk', '--inspect-port', '--debug', '--debug-brk', '--js-flags'];

/** The first debugging switch in argv that a packaged build must refuse, or null. */
export function forbiddenDebugSwitch(argv: readonly string[], isPackaged: boolean): string | null {
  if (!isPackaged) return null;
  for (const arg of argv) {
    const name = arg.split('=', 1)[0].toLowerCase();
    if (DEBUG_SWITCHES.includes(name)) return name;
  }
  return null;
}

export interface DownloadItemLike {
  getURL(): string;
  cancel(): void;
}

export interface DownloadSession {
  on(event: 'will-download', listener: (event: { preventDefault(): void }, item: DownloadItemLike) => void): unknown;
}

/**
 * The desktop app saves files through its own dialogs (DesktopApi.saveFile), never as browser
 * downloads. A download can only be a blob: URL the app's own page made (Chromium then asks where
 * to save it); anything else, from an injected link say, is cancelled.
 */
export function isAllowedDownload(url: string): boolean {
  return url.startsWith(`blob:${APP_ORIGIN}/`);
}

export function guardDownloads(session: DownloadSession, log: SecurityLog = () => {}): void {
  session.on('will-download', (event, item) => {
    const url = item.getURL();
    if (isAllowedDownload(url)) return;
    event.preventDefault();
    item.cancel();
    log('download', url);
  });
}

/** Electron's render-process-gone details (the reasons Electron documents). */
export interface GoneDetails {
  reason: string;
  exitCode?: number;
}

/** A clean exit is the window closing; everything else is a crash, a kill or running out of memory. */
export function isCrash(details: GoneDetails): boolean {
  return details.reason !== 'clean-exit';
}

/** Reload after a crash unless it crashed this often within the window (then a reload loop would be all the user sees). */
export const CRASH_LIMIT = { crashes: 3, withinMs: 60_000 } as const;

export function shouldReload(previousCrashes: readonly number[], now: number): boolean {
  return previousCrashes.filter((at) => now - at < CRASH_LIMIT.withinMs).length < CRASH_LIMIT.crashes;
}

/** The query parameter that tells the reloaded page it was brought back after a crash. */
export const RECOVERED_PARAM = 'recovered';

/**
 * Where to reload: the app's entry page with the crash reason in the query, keeping the hash (the
 * screen the user was on). A URL that is not the app's own goes back to the entry page.
 */
export function crashRecoveryUrl(current: string, reason: string): string {
  const hash = isAppUrl(current) ? new URL(current).hash : '';
  const url = new URL(APP_ENTRY_URL);
  url.searchParams.set(RECOVERED_PARAM, reason.replace(/[^a-z-]/g, '').slice(0, 40) || 'crashed');
  url.hash = hash;
  return url.toString();
}

export interface RecoverableContents {
  on(event: 'render-process-gone', listener: (event: unknown, details: GoneDetails) => void): unknown;
  isDestroyed(): boolean;
  getURL(): string;
  loadURL(url: string): Promise<void>;
}

/**
 * Reloads the page after a renderer crash. The data is safe in IndexedDB (every write is one
 * committed transaction; an interrupted restore or import rolls back), so the reload loses nothing
 * saved; the reloaded page reads the reason from its URL and tells the user. Repeated crashes stop
 * the reloads and leave the decision to `giveUp` (an error dialog).
 */
export function recoverFromCrashes(
  contents: RecoverableContents,
  opts: { now?: () => number; giveUp: (details: GoneDetails) => void; log?: (details: GoneDetails) => void },
): void {
  const now = opts.now ?? Date.now;
  const crashes: number[] = [];
  contents.on('render-process-gone', (_event, details) => {
    if (!isCrash(details) || contents.isDestroyed()) return;
    opts.log?.(details);
    const at = now();
    const reload = shouldReload(crashes, at);
    crashes.push(at);
    if (reload) void contents.loadURL(crashRecoveryUrl(contents.getURL(), details.reason)).catch(() => opts.giveUp(details));
    else opts.giveUp(details);
  });
}
