import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  PRIVILEGED_SCHEMES,
  blockExternalRequests,
  restrictPermissions,
  hardenWebContents,
  isAppUrl,
  isBlockedRequest,
  type BlockedReason,
  type GuardedContents,
  type PermissionSession,
} from '../../../electron/security';

function cspDirectives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values] as [string, string[]];
    }),
  );
}

describe('Content-Security-Policy', () => {
  const csp = cspDirectives(CONTENT_SECURITY_POLICY);

  it.each([
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
  ])('%s is %j', (directive, values) => {
    expect(csp.get(directive)).toEqual(values);
  });

  it('never allows eval or inline scripts, nor any remote origin', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
  });
});

describe('privileged app:// scheme', () => {
  it('is standard and secure (a real origin for IndexedDB) and fetch-capable for module chunks', () => {
    expect(PRIVILEGED_SCHEMES).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }),
      }),
    ]);
    expect(PRIVILEGED_SCHEMES[0].privileges).not.toHaveProperty('bypassCSP');
  });

  it('loads the window from app://workbench/index.html', () => {
    expect(APP_ENTRY_URL).toBe('app://workbench/index.html');
  });
});

describe('isAppUrl', () => {
  it.each([
    ['app://workbench/index.html', true],
    ['app://workbench/index.html#/projects/1/overview', true],
    ['app://WORKBENCH/', true],
    ['app://evil/index.html', false],
    ['app://workbench.evil.example/', false],
    ['https://workbench/index.html', false],
    ['file:///C:/Windows/win.ini', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>1</script>', false],
    ['not a url', false],
    ['', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});

type Listener = (event: { url: string; preventDefault(): void }) => void;

/** Records the handlers hardenWebContents installs, so each can be fired by hand. */
function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  const contents: GuardedContents = {
    setWindowOpenHandler: (handler) => {
      openHandler = handler;
    },
    on: (event: string, listener: Listener) => {
      listeners.set(event, listener);
      return contents;
    },
  } as GuardedContents;
  const fire = (event: string, url = '') => {
    let prevented = false;
    listeners.get(event)!({ url, preventDefault: () => (prevented = true) });
    return prevented;
  };
  return { contents, fire, open: (url: string) => openHandler!({ url }) };
}

describe('hardenWebContents', () => {
  const log: [BlockedReason, string][] = [];
  const fake = fakeContents();
  hardenWebContents(fake.contents, (reason, detail) => log.push([reason, detail]));

  it.each(['https://example.com/', 'app://workbench/index.html', 'about:blank'])('denies window.open(%s)', (url) => {
    expect(fake.open(url)).toEqual({ action: 'deny' });
  });

  it.each([
    ['will-navigate', 'app://workbench/index.html#/settings', false],
    ['will-navigate', 'https://example.com/phish', true],
    ['will-navigate', 'file:///etc/passwd', true],
    ['will-navigate', 'app://other/index.html', true],
    ['will-redirect', 'app://workbench/index.html', false],
    ['will-redirect', 'http://127.0.0.1:8080/', true],
  ])('%s to %s is prevented: %s', (event, url, prevented) => {
    expect(fake.fire(event, url)).toBe(prevented);
  });

  it('refuses every <webview>', () => {
    expect(fake.fire('will-attach-webview')).toBe(true);
  });

  it('logs what it blocked', () => {
    expect(log).toContainEqual(['navigation', 'https://example.com/phish']);
    expect(log).toContainEqual(['window-open', 'https://example.com/']);
  });
});

describe('restrictPermissions', () => {
  let request: Parameters<PermissionSession['setPermissionRequestHandler']>[0] = null;
  let check: Parameters<PermissionSession['setPermissionCheckHandler']>[0] = null;
  restrictPermissions({
    setPermissionRequestHandler: (h) => (request = h),
    setPermissionCheckHandler: (h) => (check = h),
  });
  const ask = (permission: string, url: string) => {
    let granted: boolean | undefined;
    request!(null, permission, (g) => (granted = g), { requestingUrl: url });
    return { granted, checked: check!(null, permission, url) };
  };

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal', 'fileSystem', 'unknown'])(
    'refuses a request for %s and reports it as not granted',
    (permission) => {
      expect(ask(permission, 'app://workbench/index.html')).toEqual({ granted: false, checked: false });
    },
  );

  it('grants durable storage to the app origin only', () => {
    expect(ask('persistent-storage', 'app://workbench/index.html')).toEqual({ granted: true, checked: true });
    expect(ask('persistent-storage', 'app://workbench')).toEqual({ granted: true, checked: true });
    expect(ask('persistent-storage', 'https://example.com/')).toEqual({ granted: false, checked: false });
    expect(ask('persistent-storage', '')).toEqual({ granted: false, checked: false });
  });
});

describe('external request blocking', () => {
  it.each([
    ['app://workbench/assets/a.js', false],
    ['blob:app://workbench/1234', false],
    ['data:image/png;base64,AAAA', false],
    ['devtools://devtools/bundled/inspector.html', false],
    ['https://example.com/track.gif', true],
    ['http://127.0.0.1:5173/', true],
    ['wss://example.com/socket', true],
    ['file:///etc/passwd', true],
    ['::not a url::', true],
  ])('%s blocked: %s', (url, blocked) => {
    expect(isBlockedRequest(url)).toBe(blocked);
  });

  it('cancels through the session webRequest hook for every URL', () => {
    let filter: { urls: string[] } | undefined;
    let listener: ((d: { url: string }, cb: (r: { cancel?: boolean }) => void) => void) | undefined;
    blockExternalRequests({ webRequest: { onBeforeRequest: (f, l) => ((filter = f), (listener = l)) } });
    expect(filter).toEqual({ urls: ['<all_urls>'] });
    const answers: { cancel?: boolean }[] = [];
    listener!({ url: 'https://example.com/' }, (r) => answers.push(r));
    listener!({ url: 'app://workbench/index.html' }, (r) => answers.push(r));
    expect(answers).toEqual([{ cancel: true }, { cancel: false }]);
  });
});
