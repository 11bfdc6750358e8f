// Live read models: a loader from data/ re-run by Dexie's liveQuery whenever a table it read
// changes, as Svelte state. The one place outside the repositories that observes the database, so
// screens never import Dexie. A failed read is state too (`error`, with `retry`), so a screen can say
// so instead of showing an empty list.
import { liveQuery } from 'dexie';

export interface Live<T> {
  readonly current: T;
  readonly loading: boolean;
  /** What the last read threw; null while reads succeed. */
  readonly error: unknown;
  /** Reads again after a failure (a live query stops at its first error). */
  retry(): void;
}

/**
 * `makeQuery` runs synchronously inside an effect, so the $state it reads (filters, ids) is tracked;
 * the query it returns re-runs when the tables it read change. Call during component setup.
 */
export function live<T>(makeQuery: () => () => Promise<T>, initial: T): Live<T> {
  const s = $state({ current: initial, loading: true, error: null as unknown });
  let attempt = $state(0);
  $effect(() => {
    void attempt;
    const query = makeQuery();
    s.loading = true;
    const sub = liveQuery(query).subscribe({
      next: (v) => {
        s.current = v;
        s.loading = false;
        s.error = null;
      },
      error: (e) => {
        console.error(e);
        s.error = e;
        s.loading = false;
      },
    });
    return () => sub.unsubscribe();
  });
  return {
    get current() {
      return s.current;
    },
    get loading() {
      return s.loading;
    },
    get error() {
      return s.error;
    },
    retry() {
      s.error = null;
      attempt++;
    },
  };
}

/** A live query for a feature's own state (values kept raw, custom handling); returns the unsubscribe. */
export function observe<T>(query: () => Promise<T>, observer: { next: (value: T) => void; error: (e: unknown) => void }): () => void {
  const sub = liveQuery(query).subscribe(observer);
  return () => sub.unsubscribe();
}

/** An in-memory read model that says when it changed (data/register-index.ts). */
export interface Watchable {
  readonly loading: boolean;
  readonly error: unknown;
  /** Changes whenever what the model answers may have changed. */
  readonly version: number;
  subscribe(listener: () => void): () => void;
  /** Reads again after a failure, where the model can. */
  retry?(): void;
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
    retry() {
      source.retry?.();
    },
  };
}
