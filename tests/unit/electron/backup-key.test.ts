import { describe, expect, it } from 'vitest';
import { backupPassphraseStore, type SafeStoragePort } from '../../../electron/backup-key';
import { FakeFs, failureCode } from './fakes';

/** A reversible stand-in for the OS key store (XOR with a per-"machine" key byte). */
function fakeSafe(key = 0x5a, available = true): SafeStoragePort {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s) => Uint8Array.from(new TextEncoder().encode(s), (b) => b ^ key),
    decryptString: (b) => {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(b, (x) => x ^ key));
      if (!text.startsWith('城市')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return text;
    },
  };
}

class UnlinkFs extends FakeFs {
  async unlink(path: string) {
    this.files.delete(path);
  }
}

describe('backup passphrase in safeStorage', () => {
  it('keeps the passphrase encrypted on disk and gives it back', async () => {
    const fs = new UnlinkFs();
    const store = backupPassphraseStore(fakeSafe(), fs, '/user/backup-key.bin');
    expect(await store.get()).toBeNull();
    await store.set('城市大脑 2026 备份');
    const onDisk = fs.files.get('/user/backup-key.bin')!;
    expect(new TextDecoder().decode(onDisk)).not.toContain('城市');
    expect(await store.get()).toBe('城市大脑 2026 备份');
    await store.set(null);
    expect(await store.get()).toBeNull();
  });

  it('refuses to keep it without an OS key store, and says so when another key cannot open it', async () => {
    const fs = new UnlinkFs();
    expect(await failureCode(backupPassphraseStore(fakeSafe(0x5a, false), fs, '/k').set('城市大脑 2026'))).toBe('secure-storage-unavailable');
    expect(fs.files.size).toBe(0);
    await backupPassphraseStore(fakeSafe(0x5a), fs, '/k').set('城市大脑 2026');
    expect(await failureCode(backupPassphraseStore(fakeSafe(0x33), fs, '/k').get())).toBe('read-failed');
  });
});
