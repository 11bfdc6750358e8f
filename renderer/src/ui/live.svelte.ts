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
