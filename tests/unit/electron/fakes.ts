import type { DialogPort, FilePort } from '../../../electron/ports';

type Errno = Error & { code: string };
const errno = (code: string, path: string): Errno => Object.assign(new Error(`${code}: ${path}`), { code });

/** An in-memory node:fs/promises slice: files only, directories implied by `dirs`. */
export class FakeFs implements FilePort {
  readonly files = new Map<string, Uint8Array>();
  readonly dirs = new Set<string>();
  readonly writes: string[] = [];
  readonly reads: string[] = [];
  failWrites = false;

  put(path: string, data: Uint8Array | string): this {
    this.files.set(path, typeof data === 'string' ? new TextEncoder().encode(data) : data);
    return this;
  }

  text(path: string): string | undefined {
    const data = this.files.get(path);
    return data && new TextDecoder().decode(data);
  }

  async stat(path: string) {
    const data = this.files.get(path);
    if (data) return { size: data.byteLength, isFile: () => true, isDirectory: () => false };
    if (this.dirs.has(path)) return { size: 0, isFile: () => false, isDirectory: () => true };
    throw errno('ENOENT', path);
  }

  async readFile(path: string): Promise<Uint8Array> {
    this.reads.push(path);
    if (this.dirs.has(path)) throw errno('EISDIR', path);
    const data = this.files.get(path);
    if (!data) throw errno('ENOENT', path);
    return data;
  }

  async writeFile(path: string, data: Uint8Array | string): Promise<void> {
    if (this.failWrites) throw errno('EACCES', path);
    this.writes.push(path);
    this.put(path, data);
  }

  async rename(from: string, to: string): Promise<void> {
    const data = this.files.get(from);
    if (!data) throw errno('ENOENT', from);
    this.files.delete(from);
    this.files.set(to, data);
  }
}

/** A dialog that answers with scripted results and records what it was asked. */
export class FakeDialog implements DialogPort {
  readonly saveCalls: Parameters<DialogPort['showSaveDialog']>[0][] = [];
  readonly openCalls: Parameters<DialogPort['showOpenDialog']>[0][] = [];

  constructor(
    private readonly answers: { savePath?: string | null; openPaths?: string[] | null } = {},
  ) {}

  async showSaveDialog(options: Parameters<DialogPort['showSaveDialog']>[0]) {
    this.saveCalls.push(options);
    const filePath = this.answers.savePath ?? null;
    return filePath === null ? { canceled: true, filePath: '' } : { canceled: false, filePath };
  }

  async showOpenDialog(options: Parameters<DialogPort['showOpenDialog']>[0]) {
    this.openCalls.push(options);
    const filePaths = this.answers.openPaths ?? null;
    return filePaths === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths };
  }
}

/** Resolves to the DesktopFailure code a promise rejects with (or 'resolved'). */
export async function failureCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (err) {
    return (err as { code?: string }).code ?? `untyped: ${(err as Error).message}`;
  }
}
