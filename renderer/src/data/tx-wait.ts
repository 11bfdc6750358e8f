// Awaiting Web Crypto or Blob reads inside a Dexie transaction lets IndexedDB commit it (no request
// is pending while the promise runs). Repository functions that hash may be called inside a caller's
// transaction (the demo loader runs every step in one), so they wait through Dexie.waitFor there.
import Dexie from 'dexie';

export function awaitInTx<T>(promise: Promise<T>): Promise<T> {
  return Dexie.currentTransaction ? Dexie.waitFor(promise) : promise;
}
