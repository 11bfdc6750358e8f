// The office-server password on the desktop: sealed with safeStorage, never written in plain; kept
// in memory only when the key store is unavailable. A fake safeStorage stands in for Electron's.
import { describe, expect, it } from 'vitest';
import { memorySecretStore, safeStorageSecretStore, type SafeStoragePort, type SecretFiles } from '../../../sync/secrets';

const PASSWORD = 'Zhengwu#2026 密码';

/** Seals by XOR with a per-instance key and a marker, like an OS key store would: opaque bytes. */
class FakeSafeStorage implements SafeStoragePort {
  constructor(
    private readonly available = true,
    private readonly backend = 'gnome_libsecret',
    private readonly secret = 0x5a,
  ) {}
  isEncryptionAvailable() {
    return this.available;
  }
  getSelectedStorageBackend() {
    return this.backend;
  }
  encryptString(plain: string): Buffer {
    return Buffer.concat([Buffer.from('v10'), Buffer.from(plain, 'utf8').map((b) => b ^ this.secret)]);
  }
  decryptString(sealed: Buffer): string {
    if (sealed.subarray(0, 3).toString() !== 'v10') throw new Error('not sealed here');
    return Buffer.from(sealed.subarray(3).map((b) => b ^ this.secret)).toString('utf8');
  }
}

class Files implements SecretFiles {
  readonly files = new Map<string, Uint8Array>();
  readonly modes = new Map<string, number | undefined>();
  async readFile(path: string) {
    const f = this.files.get(path);
    if (!f) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return f;
  }
  async writeFile(path: string, data: Uint8Array, opts?: { mode?: number }) {
    this.files.set(path, data);
    this.modes.set(path, opts?.mode);
  }
  async rename(from: string, to: string) {
    this.files.set(to, this.files.get(from)!);
    this.files.delete(from);
    this.modes.set(to, this.modes.get(from));
  }
  async rm(path: string) {
    this.files.delete(path);
  }
  /** Every byte written anywhere, as text, to look for the password. */
  everything(): string {
    return [...this.files.values()].map((b) => Buffer.from(b).toString('latin1') + Buffer.from(b).toString('utf8')).join('|');
  }
}

const FILE = '/userData/office-server.password';

describe('desktop password store (safeStorage)', () => {
  it('stores the password sealed, never in plain, readable by a later start', async () => {
    const fs = new Files();
    const safeStorage = new FakeSafeStorage();
    const store = safeStorageSecretStore({ safeStorage, fs, file: FILE });
    expect(store.kind()).toBe('safe-storage');
    await store.set(PASSWORD);
    expect([...fs.files.keys()]).toEqual([FILE]);
    expect(fs.everything()).not.toContain(PASSWORD);
    expect(fs.everything()).not.toContain('Zhengwu');
    expect(fs.modes.get(FILE)).toBe(0o600);
    // The next start reads it back through safeStorage.
    expect(await safeStorageSecretStore({ safeStorage, fs, file: FILE }).get()).toBe(PASSWORD);
  });

  it.each([
    ['encryption unavailable', new FakeSafeStorage(false)],
    ['Linux without a key store (basic_text: a fixed key)', new FakeSafeStorage(true, 'basic_text')],
  ])('%s: keeps it in memory only, writes nothing and removes an older sealed copy', async (_label, safeStorage) => {
    const fs = new Files();
    fs.files.set(FILE, new Uint8Array([1, 2, 3]));
    const store = safeStorageSecretStore({ safeStorage, fs, file: FILE });
    expect(store.kind()).toBe('memory');
    await store.set(PASSWORD);
    expect(fs.files.size).toBe(0);
    expect(await store.get()).toBe(PASSWORD);
    // A restart has nothing: the desk asks for the password again.
    expect(await safeStorageSecretStore({ safeStorage, fs, file: FILE }).get()).toBeNull();
  });

  it('a copy sealed elsewhere (another user or machine) reads as no password, not an error', async () => {
    const fs = new Files();
    fs.files.set(FILE, new Uint8Array(Buffer.from('garbage')));
    expect(await safeStorageSecretStore({ safeStorage: new FakeSafeStorage(), fs, file: FILE }).get()).toBeNull();
  });

  it('forgetting removes the sealed file', async () => {
    const fs = new Files();
    const store = safeStorageSecretStore({ safeStorage: new FakeSafeStorage(), fs, file: FILE });
    await store.set(PASSWORD);
    await store.set(null);
    expect(fs.files.size).toBe(0);
    expect(await store.get()).toBeNull();
  });
});

describe('web build password store', () => {
  it('lives in memory only', async () => {
    const store = memorySecretStore();
    expect(store.kind()).toBe('memory');
    expect(await store.get()).toBeNull();
    await store.set(PASSWORD);
    expect(await store.get()).toBe(PASSWORD);
  });
});
