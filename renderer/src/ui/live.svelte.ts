// Bridges Dexie's liveQuery to Svelte runes: the query re-runs when the tables it read change,
// and when any $state read synchronously at the start of `query` changes.
import { liveQuery } from 'dexie';

export interface Live<T> {
  readonly current: T;
  readonly loading: boolean;
  readonly error: unknown;
}

export function live<T>(query: () => Promise<T>, initial: T): Live<T> {
  const s = $state({ current: initial, loading: true, error: null as unknown });
  $effect(() => {
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
