// The passphrase of automatic backups, when the office sets one: kept in userData encrypted with
// Electron's safeStorage (the OS keychain, DPAPI or the desktop's secret service), never in the
// database and never in plain text on disk. Without an OS key store it is refused rather than kept
// weakly.
import { DesktopFailure } from './errors';
import type { FilePort } from './ports';

/** Electron's safeStorage; tests pass a fake. */
export interface SafeStoragePort {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Uint8Array;
  decryptString(encrypted: Uint8Array): string;
}

export interface BackupPassphraseStore {
  set(passphrase: string | null): Promise<void>;
  get(): Promise<string | null>;
}

export function backupPassphraseStore(
  safe: SafeStoragePort,
  fs: Pick<FilePort, 'readFile' | 'writeFile' | 'rename'> & { unlink(path: string): Promise<void> },
  file: string,
): BackupPassphraseStore {
  return {
    async set(passphrase) {
      if (passphrase === null) {
        await fs.unlink(file).catch(() => undefined);
        return;
      }
      if (!safe.isEncryptionAvailable()) throw new DesktopFailure('secure-storage-unavailable');
      const tmp = `${file}.tmp`;
      try {
        await fs.writeFile(tmp, safe.encryptString(passphrase));
        await fs.rename(tmp, file);
      } catch (err) {
        throw new DesktopFailure('write-failed', (err as Error)?.message);
      }
    },
    async get() {
      let bytes: Uint8Array;
      try {
        bytes = await fs.readFile(file);
      } catch {
        return null;
      }
      if (!safe.isEncryptionAvailable()) throw new DesktopFailure('secure-storage-unavailable');
      try {
        return safe.decryptString(bytes);
      } catch (err) {
        // Another user's or machine's key: the office sets the passphrase again.
        throw new DesktopFailure('read-failed', (err as Error)?.message);
      }
    },
  };
}
