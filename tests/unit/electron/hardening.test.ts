import { describe, expect, it } from 'vitest';
import {
  CRASH_LIMIT,
  crashRecoveryUrl,
  forbiddenDebugSwitch,
  guardDownloads,
  isAllowedDownload,
  recoverFromCrashes,
  shouldReload,
  type DownloadItemLike,
  type GoneDetails,
} from '../../../electron/hardening';

describe('forbiddenDebugSwitch', () => {
  it.each([
    [['app.exe'], true, null],
    [['app.exe', '--remote-debugging-port=9222'], true, '--remote-debugging-port'],
    [['app.exe', '--REMOTE-DEBUGGING-PIPE'], true, '--remote-debugging-pipe'],
    [['app.exe', '--inspect-brk=0.0.0.0:9229'], true, '--inspect-brk'],
    [['app.exe', '--js-flags=--allow-natives-syntax'], true, '--js-flags'],
    [['app.exe', '--lang=zh-CN'], true, null],
    // Unpackaged runs are the developer's: DevTools and the inspector stay usable.
    [['electron', '.', '--remote-debugging-port=9222'], false, null],
  ] as const)('%j packaged=%s → %s', (argv, packaged, want) => {
    expect(forbiddenDebugSwitch(argv, packaged)).toBe(want);
  });
});

describe('will-download guard', () => {
  it.each([
    ['blob:app://workbench/7b1e0b5c-0f7a-4a43-9d55-1f8c1c0a2b11', true],
    ['https://example.com/payload.exe', false],
    ['blob:https://evil.example/abc', false],
    ['data:application/octet-stream;base64,AAAA', false],
    ['file:///etc/passwd', false],
  ])('%s → allowed %s', (url, want) => {
    expect(isAllowedDownload(url)).toBe(want);
  });

  it('cancels a download the app did not start and logs it', () => {
    let listener: ((e: { preventDefault(): void }, item: DownloadItemLike) => void) | undefined;
    const log: string[] = [];
    guardDownloads({ on: (_e, l) => (listener = l) }, (reason, detail) => log.push(`${reason} ${detail}`));
    const outcome = (url: string) => {
      let prevented = false;
      let cancelled = false;
      listener!({ preventDefault: () => (prevented = true) }, { getURL: () => url, cancel: () => (cancelled = true) });
      return { prevented, cancelled };
    };
    expect(outcome('https://example.com/x.exe')).toEqual({ prevented: true, cancelled: true });
    expect(outcome('blob:app://workbench/1')).toEqual({ prevented: false, cancelled: false });
    expect(log).toEqual(['download https://example.com/x.exe']);
  });
});

describe('crash recovery', () => {
  it.each([
    [[], 0, true],
    [[1000], 2000, true],
    [[1000, 2000], 3000, true],
    [[1000, 2000, 3000], 4000, false],
    // Crashes older than the window no longer count.
    [[1000, 2000, 3000], 3000 + CRASH_LIMIT.withinMs + 1000, true],
  ])('after crashes at %j, at %d → reload %s', (crashes, now, want) => {
    expect(shouldReload(crashes, now)).toBe(want);
  });

  it.each([
    ['app://workbench/index.html#/projects/abc?tab=contracts', 'crashed', 'app://workbench/index.html?recovered=crashed#/projects/abc?tab=contracts'],
    ['app://workbench/index.html?recovered=oom#/data/backup', 'oom', 'app://workbench/index.html?recovered=oom#/data/backup'],
    ['https://evil.example/#/x', 'killed', 'app://workbench/index.html?recovered=killed'],
    ['', 'launch-failed', 'app://workbench/index.html?recovered=launch-failed'],
  ])('reloads %s after %s at %s', (current, reason, want) => {
    expect(crashRecoveryUrl(current, reason)).toBe(want);
  });

  function fakeContents() {
    let listener: ((e: unknown, d: GoneDetails) => void) | undefined;
    const contents = {
      loads: [] as string[],
      on: (_e: 'render-process-gone', l: (e: unknown, d: GoneDetails) => void) => (listener = l),
      isDestroyed: () => false,
      getURL: () => 'app://workbench/index.html#/audits',
      loadURL: async (url: string) => void contents.loads.push(url),
    };
    return { contents, gone: (reason: string) => listener!({}, { reason, exitCode: 1 }) };
  }

  it('reloads after a crash with the reason in the URL, and gives up after repeated crashes', () => {
    const { contents, gone } = fakeContents();
    let t = 10_000;
    const gaveUp: string[] = [];
    recoverFromCrashes(contents, { now: () => t, giveUp: (d) => gaveUp.push(d.reason) });
    gone('clean-exit');
    expect(contents.loads).toEqual([]);
    gone('crashed');
    expect(contents.loads).toEqual(['app://workbench/index.html?recovered=crashed#/audits']);
    t += 1000;
    gone('oom');
    t += 1000;
    gone('killed');
    expect(contents.loads).toHaveLength(3);
    t += 1000;
    gone('crashed');
    expect(contents.loads).toHaveLength(3);
    expect(gaveUp).toEqual(['crashed']);
  });
});
