import { describe, expect, it } from 'vitest';
import type { DesktopApi } from '../../../electron/api';
import { CHANNELS, createDesktopBridge } from '../../../electron/bridge';
import { isTrustedSender, registerDesktopIpc, type DesktopHandlers, type InvokeEvent } from '../../../electron/ipc';
import { LIMITS } from '../../../electron/validate';
import { failureCode } from './fakes';

type Sender = { id: number };
type Listener = (event: InvokeEvent<Sender>, ...args: unknown[]) => unknown;

const TRUSTED: InvokeEvent<Sender> = { senderFrame: { url: 'app://workbench/index.html#/projects', parent: null }, sender: { id: 1 } };

/** A fake ipcMain plus handlers that record the validated arguments they receive. */
function setup() {
  const listeners = new Map<string, Listener>();
  const calls: [string, unknown[]][] = [];
  const record =
    <T>(name: string, result: T) =>
    async (_sender: Sender, ...args: unknown[]) => {
      calls.push([name, args]);
      return result;
    };
  const handlers: DesktopHandlers<Sender> = {
    saveFile: record('saveFile', { saved: true, path: '/p' }),
    openFile: record('openFile', null),
    printToPdf: record('printToPdf', { saved: false }),
    pdfBytes: record('pdfBytes', new Uint8Array([37])),
    chooseFolder: record('chooseFolder', '/mnt/backup'),
    writeFileToFolder: record('writeFileToFolder', { path: '/mnt/backup/b.json' }),
    appInfo: record('appInfo', { version: '0.1.0', electron: '41.7.1', platform: 'linux', desktop: true }),
    setMenuLanguage: record('setMenuLanguage', undefined),
    beginWrite: record('beginWrite', { handle: 'h', path: '/mnt/backup/a.scwb' }),
    writeChunk: record('writeChunk', undefined),
    finishWrite: record('finishWrite', { path: '/mnt/backup/a.scwb' }),
    abortWrite: record('abortWrite', undefined),
    beginRead: record('beginRead', { handle: 'r', name: 'a.scwb', size: 3 * 1024 ** 3 }),
    readChunk: record('readChunk', new Uint8Array([1])),
    finishRead: record('finishRead', undefined),
    defaultBackupFolder: record('defaultBackupFolder', '/home/u/Documents/智慧城市工作台备份'),
    setBackupPassphrase: record('setBackupPassphrase', undefined),
    backupPassphrase: record('backupPassphrase', null),
    diskSpace: record('diskSpace', { free: 1 }),
    listBackupFolder: record('listBackupFolder', []),
    deleteFromBackupFolder: record('deleteFromBackupFolder', undefined),
  };
  registerDesktopIpc<Sender>({ handle: (channel, listener) => listeners.set(channel, listener) }, handlers);
  const invokeAs =
    (event: InvokeEvent<Sender>) =>
    async (channel: string, ...args: unknown[]) => {
      const listener = listeners.get(channel);
      if (!listener) throw new Error(`no handler for ${channel}`);
      return listener(event, ...args);
    };
  return { listeners, calls, invokeAs, bridge: createDesktopBridge(invokeAs(TRUSTED), () => () => {}) };
}

describe('channels', () => {
  it('registers one handler per DesktopApi method, each under desktop:<method>', () => {
    const { listeners } = setup();
    expect([...listeners.keys()].sort()).toEqual(Object.values(CHANNELS).sort());
    for (const [method, channel] of Object.entries(CHANNELS)) expect(channel).toBe(`desktop:${method}`);
  });
});

describe('sender check', () => {
  it.each([
    ['the app page', { url: 'app://workbench/index.html', parent: null }, true],
    ['the app page with a hash route', { url: 'app://workbench/index.html#/settings', parent: null }, true],
    ['a destroyed or navigated frame', null, false],
    ['a subframe, even on app://', { url: 'app://workbench/index.html', parent: {} }, false],
    ['a remote page', { url: 'https://example.com/', parent: null }, false],
    ['a file:// page', { url: 'file:///tmp/evil.html', parent: null }, false],
    ['another app:// host', { url: 'app://evil/index.html', parent: null }, false],
    ['a data: page', { url: 'data:text/html,hi', parent: null }, false],
  ])('%s → trusted %s', (_label, senderFrame, trusted) => {
    expect(isTrustedSender({ senderFrame })).toBe(trusted);
  });

  it('refuses an untrusted sender on every channel before touching the handlers', async () => {
    const { calls, invokeAs } = setup();
    const invoke = invokeAs({ senderFrame: { url: 'https://example.com/', parent: null }, sender: { id: 2 } });
    for (const channel of Object.values(CHANNELS)) {
      expect(await failureCode(invoke(channel, { suggestedName: 'a', data: 'x' }))).toBe('forbidden-sender');
    }
    expect(calls).toEqual([]);
  });

  it('carries the code in the error message, the only part Electron forwards', async () => {
    const { invokeAs } = setup();
    await expect(invokeAs({ senderFrame: null, sender: { id: 3 } })(CHANNELS.appInfo)).rejects.toThrow(
      /^desktop-error:forbidden-sender/,
    );
  });
});

describe('bridge → ipc round trip with valid arguments', () => {
  it('passes each call through to its handler', async () => {
    const { bridge, calls } = setup();
    const bytes = new Uint8Array([1, 2]);
    expect(await bridge.saveFile({ suggestedName: '台账.xlsx', data: bytes, filters: [{ name: 'Excel', extensions: ['xlsx'] }] })).toEqual({
      saved: true,
      path: '/p',
    });
    await bridge.openFile({ maxBytes: 1024 });
    await bridge.openFile({});
    await bridge.printToPdf({ suggestedName: '报告', landscape: true });
    expect(await bridge.pdfBytes({})).toEqual(new Uint8Array([37]));
    expect(await bridge.chooseFolder()).toBe('/mnt/backup');
    await bridge.writeFileToFolder('/mnt/backup', 'b.json', bytes);
    expect((await bridge.appInfo()).desktop).toBe(true);
    await bridge.setMenuLanguage('en');

    expect(calls).toEqual([
      ['saveFile', [{ suggestedName: '台账.xlsx', data: bytes, filters: [{ name: 'Excel', extensions: ['xlsx'] }] }]],
      ['openFile', [{ maxBytes: 1024, filters: undefined }]],
      ['openFile', [{ maxBytes: LIMITS.defaultOpenBytes, filters: undefined }]],
      ['printToPdf', [{ suggestedName: '报告', landscape: true }]],
      ['pdfBytes', [{ landscape: undefined }]],
      ['chooseFolder', []],
      ['writeFileToFolder', ['/mnt/backup', 'b.json', bytes]],
      ['appInfo', []],
      ['setMenuLanguage', ['en']],
    ]);
  });
});

describe('argument validation', () => {
  // Claims to be one byte over the limit without allocating half a gigabyte.
  const oversized = Object.defineProperty(new Uint8Array(0), 'byteLength', { value: LIMITS.saveBytes + 1 });
  const table: [label: string, channel: string, args: unknown[]][] = [
    ['saveFile without options', CHANNELS.saveFile, []],
    ['saveFile with options as a string', CHANNELS.saveFile, ['a.txt']],
    ['saveFile with an empty name', CHANNELS.saveFile, [{ suggestedName: '', data: 'x' }]],
    ['saveFile with an overlong name', CHANNELS.saveFile, [{ suggestedName: 'n'.repeat(256), data: 'x' }]],
    ['saveFile with numeric data', CHANNELS.saveFile, [{ suggestedName: 'a', data: 42 }]],
    ['saveFile with an array for data', CHANNELS.saveFile, [{ suggestedName: 'a', data: [1, 2] }]],
    ['saveFile with oversized data', CHANNELS.saveFile, [{ suggestedName: 'a', data: oversized }]],
    ['saveFile with an unknown key', CHANNELS.saveFile, [{ suggestedName: 'a', data: 'x', path: '/etc/passwd' }]],
    ['saveFile with an extra argument', CHANNELS.saveFile, [{ suggestedName: 'a', data: 'x' }, 'extra']],
    ['saveFile with filters not an array', CHANNELS.saveFile, [{ suggestedName: 'a', data: 'x', filters: 'xlsx' }]],
    ['saveFile with a dotted extension', CHANNELS.saveFile, [{ suggestedName: 'a', data: 'x', filters: [{ name: 'X', extensions: ['.xlsx'] }] }]],
    ['saveFile with a path in an extension', CHANNELS.saveFile, [{ suggestedName: 'a', data: 'x', filters: [{ name: 'X', extensions: ['../x'] }] }]],
    ['saveFile with no extensions', CHANNELS.saveFile, [{ suggestedName: 'a', data: 'x', filters: [{ name: 'X', extensions: [] }] }]],
    ['saveFile with too many filters', CHANNELS.saveFile, [{ suggestedName: 'a', data: 'x', filters: Array(17).fill({ name: 'X', extensions: ['x'] }) }]],
    ['openFile with maxBytes 0', CHANNELS.openFile, [{ maxBytes: 0 }]],
    ['openFile with fractional maxBytes', CHANNELS.openFile, [{ maxBytes: 1.5 }]],
    ['openFile with maxBytes as a string', CHANNELS.openFile, [{ maxBytes: '100' }]],
    ['openFile with maxBytes above 1 GiB', CHANNELS.openFile, [{ maxBytes: LIMITS.openBytes + 1 }]],
    ['openFile with options as an array', CHANNELS.openFile, [[]]],
    ['printToPdf without a name', CHANNELS.printToPdf, [{ landscape: true }]],
    ['printToPdf with landscape as a string', CHANNELS.printToPdf, [{ suggestedName: 'r', landscape: 'yes' }]],
    ['pdfBytes with an unknown key', CHANNELS.pdfBytes, [{ pageSize: 'A3' }]],
    ['chooseFolder with an argument', CHANNELS.chooseFolder, ['/etc']],
    ['writeFileToFolder with a string for data', CHANNELS.writeFileToFolder, ['/mnt/backup', 'b.json', 'data']],
    ['writeFileToFolder with an empty folder', CHANNELS.writeFileToFolder, ['', 'b.json', new Uint8Array(1)]],
    ['writeFileToFolder with a numeric name', CHANNELS.writeFileToFolder, ['/mnt/backup', 7, new Uint8Array(1)]],
    ['appInfo with an argument', CHANNELS.appInfo, [{}]],
    ['setMenuLanguage with fr', CHANNELS.setMenuLanguage, ['fr']],
    ['setMenuLanguage with zh', CHANNELS.setMenuLanguage, ['zh']],
    ['setMenuLanguage without a locale', CHANNELS.setMenuLanguage, []],
    ['beginRead with maxBytes (chunked reads have no ceiling to set)', CHANNELS.beginRead, [{ maxBytes: 10 }]],
    ['readChunk over the chunk limit', CHANNELS.readChunk, ['r', 0, LIMITS.chunkBytes + 1]],
    ['readChunk of 0 bytes', CHANNELS.readChunk, ['r', 0, 0]],
    ['readChunk at a negative offset', CHANNELS.readChunk, ['r', -1, 10]],
    ['readChunk at a fractional offset', CHANNELS.readChunk, ['r', 1.5, 10]],
    ['readChunk with the offset as a string', CHANNELS.readChunk, ['r', '0', 10]],
    ['readChunk without a handle', CHANNELS.readChunk, ['', 0, 10]],
    ['finishRead with an extra argument', CHANNELS.finishRead, ['r', 1]],
  ];

  it.each(table)('refuses %s as invalid-argument', async (_label, channel, args) => {
    const { invokeAs, calls } = setup();
    expect(await failureCode(invokeAs(TRUSTED)(channel, ...args))).toBe('invalid-argument');
    expect(calls).toEqual([]);
  });

  it('passes chunked reads through: any offset a file past 4 GiB needs, chunks up to the limit', async () => {
    const { bridge, calls } = setup();
    expect(await bridge.beginRead({ filters: [{ name: '备份', extensions: ['scwb'] }] })).toEqual({ handle: 'r', name: 'a.scwb', size: 3 * 1024 ** 3 });
    await bridge.readChunk('r', 5 * 1024 ** 3, LIMITS.chunkBytes);
    await bridge.finishRead('r');
    expect(calls).toEqual([
      ['beginRead', [{ filters: [{ name: '备份', extensions: ['scwb'] }] }]],
      ['readChunk', ['r', 5 * 1024 ** 3, LIMITS.chunkBytes]],
      ['finishRead', ['r']],
    ]);
  });

  it('accepts the * wildcard extension and keeps only the known fields', async () => {
    const { bridge, calls } = setup();
    await bridge.openFile({ filters: [{ name: '全部文件', extensions: ['*'] }] });
    expect(calls[0][1]).toEqual([{ filters: [{ name: '全部文件', extensions: ['*'] }], maxBytes: LIMITS.defaultOpenBytes }]);
  });
});

describe('createDesktopBridge', () => {
  it('implements every DesktopApi method, pdfBytes included, and the sync namespace', () => {
    const bridge: Required<DesktopApi> = createDesktopBridge(async () => undefined, () => () => {});
    expect(Object.keys(bridge).sort()).toEqual([...Object.keys(CHANNELS), 'sync'].sort());
  });
});
