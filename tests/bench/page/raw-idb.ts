// Raw IndexedDB helpers for bench fixtures and baselines, which write past the data layer on purpose.

/** Resolves when a native transaction has committed; rejects when it fails or aborts. */
export function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}
