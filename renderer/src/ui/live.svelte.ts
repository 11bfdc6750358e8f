// Bridges Dexie's liveQuery to Svelte runes. `makeQuery` runs synchronously inside an effect, so the
// $state it reads (filters, ids) is tracked; the returned query re-runs when the tables it read change.
import { liveQuery } from 'dexie';

export interface Live<T> {
  readonly current: T;
  readonly loading: boolean;
  readonly error: unknown;
}

export function live<T>(makeQuery: () => () => Promise<T>, initial: T): Live<T> {
  const s = $state({ current: initial, loading: true, error: null as unknown });
  $effect(() => {
    const query = makeQuery();
    s.loading = true;
    const sub = liveQuery(query).subscribe({
      next: (v) => {
        s.current = v;
        s.loading = false;
        s.error = null;
      },
      error: (e) => {
        s.error = e;
        s.loading = false;
      },
    });
    return () => sub.unsubscribe();
  });
  return s;
}

/** An in-memory read model that says when it changed (data/register-index.ts). */
export interface Watchable {
  readonly loading: boolean;
  readonly error: unknown;
  /** Changes whenever what the model answers may have changed. */
  readonly version: number;
  subscribe(listener: () => void): () => void;
}

/**
 * Bridges an in-memory read model to Svelte runes. `read` runs synchronously, so the $state it reads
 * (filters, a search box) is tracked; it runs again when they change or when the model does.
 */
export function watch<S extends Watchable, T>(source: S, read: (source: S) => T): Live<T> {
  let version = $state(source.version);
  $effect(() => {
    const stop = source.subscribe(() => (version = source.version));
    // A change between the first read and this subscription would otherwise go unseen.
    version = source.version;
    return stop;
  });
  const current = $derived.by(() => {
    void version;
    return read(source);
  });
  return {
    get current() {
      return current;
    },
    get loading() {
      void version;
      return source.loading;
    },
    get error() {
      void version;
      return source.error;
    },
  };
}
