import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  chooseBackupFolder,
  openFileWithDialog,
  sanitizeFileName,
  saveFileWithDialog,
  writeIntoGrantedFolder,
  type FileDeps,
} from '../../../electron/files';
import { loadFolderGrants } from '../../../electron/folder-grants';
import { FakeDialog, FakeFs, failureCode } from './fakes';

const DOCS = '/home/officer/Documents';
const deps = (dialog: FakeDialog, fs = new FakeFs()): FileDeps & { fs: FakeFs } => ({
  dialog,
  fs,
  defaultDir: DOCS,
  path: path.posix,
});

describe('sanitizeFileName', () => {
  it.each([
    ['项目台账 2024.xlsx', '项目台账 2024.xlsx'],
    ['report.pdf', 'report.pdf'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['bell\u0085.pdf', 'bell_.pdf'],
    ['../../etc/passwd', '.._.._etc_passwd'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a_b_c_d_e_f_g_h_i_j'],
    ['tab\there', 'tab_here'],
    ['trailing dots...', 'trailing dots'],
    ['  spaced  ', 'spaced'],
    ['CON', '_CON'],
    ['lpt1.txt', '_lpt1.txt'],
    ['', 'untitled'],
    ['...', 'untitled'],
    ['x'.repeat(300), 'x'.repeat(200)],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });
});

describe('saveFileWithDialog', () => {
  it('offers the sanitised name in Documents with the given filters, then writes the bytes', async () => {
    const dialog = new FakeDialog({ savePath: `${DOCS}/台账.xlsx` });
    const d = deps(dialog);
    const data = new Uint8Array([1, 2, 3]);
    const filters = [{ name: 'Excel', extensions: ['xlsx'] }];

    const result = await saveFileWithDialog(d, { suggestedName: '台账/2024.xlsx', data, filters });

    expect(result).toEqual({ saved: true, path: `${DOCS}/台账.xlsx` });
    expect(dialog.saveCalls[0]).toMatchObject({ defaultPath: `${DOCS}/台账_2024.xlsx`, filters });
    expect(d.fs.files.get(`${DOCS}/台账.xlsx`)).toEqual(data);
  });

  it('writes strings as UTF-8', async () => {
    const d = deps(new FakeDialog({ savePath: '/tmp/a.csv' }));
    await saveFileWithDialog(d, { suggestedName: 'a.csv', data: '名称,金额\n城市大脑,100' });
    expect(d.fs.text('/tmp/a.csv')).toBe('名称,金额\n城市大脑,100');
  });

  it('writes nothing when the user cancels', async () => {
    const d = deps(new FakeDialog({ savePath: null }));
    expect(await saveFileWithDialog(d, { suggestedName: 'a.csv', data: 'x' })).toEqual({ saved: false });
    expect(d.fs.writes).toEqual([]);
  });

  it('turns a write error into write-failed', async () => {
    const d = deps(new FakeDialog({ savePath: '/readonly/a.csv' }));
    d.fs.failWrites = true;
    expect(await failureCode(saveFileWithDialog(d, { suggestedName: 'a.csv', data: 'x' }))).toBe('write-failed');
  });
});

describe('openFileWithDialog', () => {
  const fs = () => new FakeFs().put('/in/合同.xlsx', new Uint8Array(10)).put('/in/big.zip', new Uint8Array(2048));

  it('returns the base name and bytes', async () => {
    const d = deps(new FakeDialog({ openPaths: ['/in/合同.xlsx'] }), fs());
    const file = await openFileWithDialog(d, { maxBytes: 100, filters: [{ name: 'Excel', extensions: ['xlsx'] }] });
    expect(file).toEqual({ name: '合同.xlsx', data: new Uint8Array(10) });
    expect((d.dialog as FakeDialog).openCalls[0]).toMatchObject({ properties: ['openFile'] });
  });

  it('returns null when the user cancels', async () => {
    const d = deps(new FakeDialog({ openPaths: null }), fs());
    expect(await openFileWithDialog(d, { maxBytes: 100 })).toBeNull();
  });

  it.each([
    ['a file over maxBytes, refused before it is read', '/in/big.zip', 1024, 'file-too-large'],
    ['a file exactly at maxBytes', '/in/big.zip', 2048, 'resolved'],
    ['a vanished file', '/in/gone.csv', 1024, 'read-failed'],
  ])('%s', async (_label, file, maxBytes, expected) => {
    const d = deps(new FakeDialog({ openPaths: [file] }), fs());
    expect(await failureCode(openFileWithDialog(d, { maxBytes }))).toBe(expected);
    if (expected === 'file-too-large') expect(d.fs.reads).toEqual([]);
  });

  it('refuses a directory', async () => {
    const f = fs();
    f.dirs.add('/in/folder');
    const d = deps(new FakeDialog({ openPaths: ['/in/folder'] }), f);
    expect(await failureCode(openFileWithDialog(d, { maxBytes: 10 }))).toBe('read-failed');
  });

  it('refuses a file that grew past maxBytes between stat and read', async () => {
    const f = fs();
    f.stat = async () => ({ size: 1, isFile: () => true, isDirectory: () => false });
    const d = deps(new FakeDialog({ openPaths: ['/in/big.zip'] }), f);
    expect(await failureCode(openFileWithDialog(d, { maxBytes: 100 }))).toBe('file-too-large');
  });
});

describe('backup folders', () => {
  const STORE = '/userData/backup-folders.json';

  it('grants a chosen folder, persists it, and remembers it after a restart', async () => {
    const fs = new FakeFs();
    const grants = await loadFolderGrants(fs, STORE, path.posix);
    const d = deps(new FakeDialog({ openPaths: ['/mnt/backup'] }), fs);

    expect(await chooseBackupFolder(d, grants)).toBe('/mnt/backup');
    expect((d.dialog as FakeDialog).openCalls[0].properties).toContain('openDirectory');
    expect(JSON.parse(fs.text(STORE)!)).toEqual(['/mnt/backup']);

    const reloaded = await loadFolderGrants(fs, STORE, path.posix);
    expect(reloaded.has('/mnt/backup/')).toBe(true);
    expect(reloaded.has('/mnt')).toBe(false);
  });

  it('grants nothing when the folder dialog is cancelled', async () => {
    const fs = new FakeFs();
    const grants = await loadFolderGrants(fs, STORE, path.posix);
    expect(await chooseBackupFolder(deps(new FakeDialog({ openPaths: null }), fs), grants)).toBeNull();
    expect(fs.files.has(STORE)).toBe(false);
  });

  it('treats an unreadable store as no grants', async () => {
    const fs = new FakeFs().put(STORE, '{not json');
    const grants = await loadFolderGrants(fs, STORE, path.posix);
    expect(grants.has('/mnt/backup')).toBe(false);
  });

  describe('writeIntoGrantedFolder', () => {
    const setup = async () => {
      const fs = new FakeFs().put(STORE, JSON.stringify(['/mnt/backup']));
      const grants = await loadFolderGrants(fs, STORE, path.posix);
      return { fs, grants, d: { fs, path: path.posix } };
    };

    it('writes via a .partial file renamed into place', async () => {
      const { fs, grants, d } = await setup();
      const data = new Uint8Array([7, 7]);
      expect(await writeIntoGrantedFolder(d, grants, '/mnt/backup', 'backup-2024-05-01.json', data)).toEqual({
        path: '/mnt/backup/backup-2024-05-01.json',
      });
      expect(fs.writes).toEqual(['/mnt/backup/backup-2024-05-01.json.partial']);
      expect(fs.files.get('/mnt/backup/backup-2024-05-01.json')).toEqual(data);
      expect(fs.files.has('/mnt/backup/backup-2024-05-01.json.partial')).toBe(false);
    });

    it.each([
      ['an ungranted folder', '/home/officer', 'b.json', 'folder-not-granted'],
      ['a relative folder', 'mnt/backup', 'b.json', 'folder-not-granted'],
      ['a name with a folder in it', '/mnt/backup', '../b.json', 'invalid-argument'],
      ['a hidden name', '/mnt/backup', '.bashrc', 'invalid-argument'],
      ['a name with reserved characters', '/mnt/backup', 'a:b.json', 'invalid-argument'],
    ])('refuses %s', async (_label, folder, name, code) => {
      const { fs, grants, d } = await setup();
      expect(await failureCode(writeIntoGrantedFolder(d, grants, folder, name, new Uint8Array(1)))).toBe(code);
      expect(fs.writes).toEqual([]);
    });

    it('reports write-failed when the disk refuses', async () => {
      const { fs, grants, d } = await setup();
      fs.failWrites = true;
      expect(await failureCode(writeIntoGrantedFolder(d, grants, '/mnt/backup', 'b.json', new Uint8Array(1)))).toBe(
        'write-failed',
      );
    });
  });
});
