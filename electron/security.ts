import type { CustomScheme } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'workbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * standard: real origin and relative URLs, so IndexedDB and localStorage persist per origin;
 * secure: a secure context (crypto.randomUUID, storage.persist); supportFetchAPI + corsEnabled: module
 * scripts and dynamic import() of the Vite chunks load from the scheme; codeCache: V8 caches them.
 */
export const PRIVILEGED_SCHEMES: CustomScheme[] = [
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
  },
];

/**
 * Sent with every app:// response. Mirrors the meta tag in renderer/index.html (both apply, so the
 * stricter wins) and adds what only a header can say (frame-ancestors).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "font-src 'self' data:",
  "connect-src 'self' blob: data:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** True only for URLs on the app's own origin: the one place the window may navigate to. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host.toLowerCase() === APP_HOST;
  } catch {
    return false;
  }
}

export type BlockedReason = 'window-open' | 'navigation' | 'redirect' | 'webview' | 'permission' | 'request' | 'download';
export type SecurityLog = (reason: BlockedReason, detail: string) => void;

interface PreventableUrlEvent {
  url: string;
  preventDefault(): void;
}

/** The parts of WebContents the guards touch; Electron's WebContents satisfies it, tests pass a fake. */
export interface GuardedContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: PreventableUrlEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableUrlEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
}

/** No popups, no leaving app://, no <webview>: an injected link cannot take the window anywhere. */
export function hardenWebContents(contents: GuardedContents, log: SecurityLog = () => {}): void {
  contents.setWindowOpenHandler((details) => {
    log('window-open', details.url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) {
      event.preventDefault();
      log('navigation', event.url);
    }
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) {
      event.preventDefault();
      log('redirect', event.url);
    }
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('webview', '');
  });
}

export interface PermissionSession {
  setPermissionRequestHandler(
    handler:
      | ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void)
      | null,
  ): void;
  setPermissionCheckHandler(handler: ((contents: unknown, permission: string, requestingOrigin: string) => boolean) | null): void;
}

/**
 * The one permission the workbench asks for: durable storage, so Chromium never evicts the
 * database under disk pressure (navigator.storage.persist), and only for the app's own origin.
 */
export function isGrantedPermission(permission: string, origin: string): boolean {
  return permission === 'persistent-storage' && isAppUrl(origin);
}

/** Durable storage for app://workbench; no camera, location, notifications, clipboard reads or devices. */
export function restrictPermissions(session: PermissionSession, log: SecurityLog = () => {}): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = isGrantedPermission(permission, details?.requestingUrl ?? '');
    if (!granted) log('permission', permission);
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isGrantedPermission(permission, requestingOrigin));
}

const NETWORK_PROTOCOLS = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:', 'file:']);

/** The app works offline from app://; any network or file:// request means something injected it. */
export function isBlockedRequest(url: string): boolean {
  try {
    return NETWORK_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return true;
  }
}

export interface RequestFilterSession {
  webRequest: {
    onBeforeRequest(
      filter: { urls: string[] },
      listener: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void,
    ): void;
  };
}

export function blockExternalRequests(session: RequestFilterSession, log: SecurityLog = () => {}): void {
  session.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    const cancel = isBlockedRequest(details.url);
    if (cancel) log('request', details.url);
    callback({ cancel });
  });
}
