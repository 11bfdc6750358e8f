// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { acceptFor, createBrowserPlatform, mimeForName, type BrowserEnv } from '../../../renderer/src/platform/browser';
import { desktopErrorCode } from '../../../renderer/src/platform/errors';
import pkg from '../../../package.json';

/** The real happy-dom document, with URL and print faked so downloads and printing can be observed. */
function env() {
  const blobs: Blob[] = [];
  const revoked: string[] = [];
  const printed: { title: string; pageCss: string }[] = [];
  const value: BrowserEnv = {
    document,
    window: {
      print: () => printed.push({ title: document.title, pageCss: [...document.head.querySelectorAll('style')].map((s) => s.textContent).join('') }),
      setTimeout: ((fn: () => void) => {
        fn();
        return 0;
      }) as unknown as Window['setTimeout'],
    },
    url: {
      createObjectURL: (blob: Blob) => {
        blobs.push(blob);
        return `blob:app://workbench/${blobs.length}`;
      },
      revokeObjectURL: (url: string) => revoked.push(url),
    },
  };
  return { value, blobs, revoked, printed };
}

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('helpers', () => {
  it.each([
    [undefined, ''],
    [[{ name: 'Excel', extensions: ['xlsx', 'XLS'] }], '.xlsx,.xls'],
    [[{ name: 'Excel', extensions: ['xlsx'] }, { name: 'CSV', extensions: ['csv', 'xlsx'] }], '.xlsx,.csv'],
    [[{ name: 'All', extensions: ['*'] }], ''],
  ])('acceptFor(%j) → %j', (filters, accept) => {
    expect(acceptFor(filters)).toBe(accept);
  });

  it.each([
    ['台账.xlsx', new Uint8Array(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['a.CSV', 'x', 'text/csv;charset=utf-8'],
    ['backup.json', new Uint8Array(), 'application/json'],
    ['notes', 'x', 'text/plain;charset=utf-8'],
    ['blob.bin', new Uint8Array(), 'application/octet-stream'],
  ])('mimeForName(%s) → %s', (name, data, mime) => {
    expect(mimeForName(name, data)).toBe(mime);
  });
});

describe('browser platform', () => {
  it('saveFile downloads through a temporary <a download> and revokes the blob URL', async () => {
    const e = env();
    const clicked: { download: string; href: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href });
    });
    const result = await createBrowserPlatform(() => e.value).saveFile({ suggestedName: '项目台账.csv', data: '名称\n城市大脑' });

    expect(result).toEqual({ saved: true });
    expect(clicked).toEqual([{ download: '项目台账.csv', href: 'blob:app://workbench/1' }]);
    expect(await e.blobs[0].text()).toBe('名称\n城市大脑');
    expect(e.blobs[0].type).toBe('text/csv;charset=utf-8');
    expect(e.revoked).toEqual(['blob:app://workbench/1']);
    expect(document.querySelectorAll('a')).toHaveLength(0);
  });

  /** Makes the hidden file input "pick" the given files (or cancel) when clicked. */
  function pick(files: File[] | 'cancel') {
    const inputs: HTMLInputElement[] = [];
    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      inputs.push(this);
      if (files === 'cancel') {
        this.dispatchEvent(new Event('cancel'));
      } else {
        Object.defineProperty(this, 'files', { value: files, configurable: true });
        this.dispatchEvent(new Event('change'));
      }
    });
    return inputs;
  }

  it('openFile reads the picked file and sets accept from the filters', async () => {
    const inputs = pick([new File([new Uint8Array([1, 2, 3])], '合同.xlsx')]);
    const file = await createBrowserPlatform(() => env().value).openFile({
      filters: [{ name: 'Excel', extensions: ['xlsx'] }],
    });
    expect(file).toEqual({ name: '合同.xlsx', data: new Uint8Array([1, 2, 3]) });
    expect(inputs[0].type).toBe('file');
    expect(inputs[0].accept).toBe('.xlsx');
    expect(document.querySelectorAll('input')).toHaveLength(0);
  });

  it('openFile resolves null when the picker is cancelled', async () => {
    pick('cancel');
    expect(await createBrowserPlatform(() => env().value).openFile({})).toBeNull();
  });

  it('openFile refuses a file over maxBytes with file-too-large', async () => {
    pick([new File([new Uint8Array(11)], 'big.zip')]);
    const failure = await createBrowserPlatform(() => env().value).openFile({ maxBytes: 10 }).catch((err: unknown) => err);
    expect(desktopErrorCode(failure)).toBe('file-too-large');
  });

  it('printToPdf prints with the suggested name as title and an A4 @page, then restores both', async () => {
    const e = env();
    document.title = '工作台';
    const result = await createBrowserPlatform(() => e.value).printToPdf({ suggestedName: '季度报告.pdf', landscape: true });
    expect(result).toEqual({ saved: false });
    expect(e.printed).toEqual([{ title: '季度报告', pageCss: '@page { size: A4 landscape; }' }]);
    expect(document.title).toBe('工作台');
    expect(document.head.querySelectorAll('style')).toHaveLength(0);
  });

  it('has no folders: chooseFolder is null and writeFileToFolder downloads', async () => {
    const e = env();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const api = createBrowserPlatform(() => e.value);
    expect(await api.chooseFolder()).toBeNull();
    expect(await api.writeFileToFolder('/ignored', 'backup.json', new Uint8Array([123, 125]))).toEqual({ path: 'backup.json' });
    expect(await e.blobs[0].text()).toBe('{}');
  });

  it('reports the package version and that it is not the desktop build', async () => {
    const api = createBrowserPlatform(() => env().value);
    expect(await api.appInfo()).toEqual({ version: pkg.version, electron: null, platform: 'web', desktop: false });
    expect(api.pdfBytes).toBeUndefined();
    await expect(api.setMenuLanguage('en')).resolves.toBeUndefined();
  });
});
