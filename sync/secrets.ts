// Where the office-server password lives. Desktop: encrypted with Electron's safeStorage (the
// operating system's key store) in a file of its own, never written in plain; when the key store
// is unavailable the password stays in memory for the session only. Web build: memory only.

export interface SecretStore {
  get(): Promise<string | null>;
  /** null forgets it. */
  set(password: string | null): Promise<void>;
  /** Where a password set now would live. */
  kind(): 'safe-storage' | 'memory';
}

export function memorySecretStore(): SecretStore {
  let secret: string | null = null;
  return {
    get: async () => secret,
    set: async (password) => {
      secret = password;
    },
    kind: () => 'memory',
  };
}

/** The slice of Electron's safeStorage used here; tests pass a fake. */
export interface SafeStoragePort {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means no key store, i.e. a fixed key: no protection at all. */
  getSelectedStorageBackend?(): string;
}

export interface SecretFiles {
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array, opts?: { mode?: number }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, opts: { force: boolean }): Promise<void>;
}

export function safeStorageUsable(safeStorage: SafeStoragePort): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  const backend = safeStorage.getSelectedStorageBackend?.();
  return backend !== 'basic_text' && backend !== 'unknown';
}

export function safeStorageSecretStore(deps: { safeStorage: SafeStoragePort; fs: SecretFiles; file: string }): SecretStore {
  const { safeStorage, fs, file } = deps;
  let cached: string | null | undefined;
  return {
    kind: () => (safeStorageUsable(safeStorage) ? 'safe-storage' : 'memory'),
    async get() {
      if (cached !== undefined) return cached;
      if (!safeStorageUsable(safeStorage)) return (cached = null);
      try {
        cached = safeStorage.decryptString(Buffer.from(await fs.readFile(file)));
      } catch {
        cached = null; // none stored, or sealed by another user or machine: ask again
      }
      return cached;
    },
    async set(password) {
      cached = password;
      if (password === null || !safeStorageUsable(safeStorage)) {
        // Nothing protected to keep: make sure no older copy stays behind either.
        await fs.rm(file, { force: true });
        return;
      }
      const sealed = safeStorage.encryptString(password);
      const tmp = `${file}.tmp`;
      await fs.writeFile(tmp, new Uint8Array(sealed), { mode: 0o600 });
      await fs.rename(tmp, file);
    },
  };
}
