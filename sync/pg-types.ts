// The slices of the pg driver the sync module uses. The hosts pass a Pool factory (sync/pg.ts
// wraps the real one), so the logic never constructs a connection itself.
import type { Notification, PoolConfig, QueryResult, QueryResultRow } from 'pg';

export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string, params?: unknown[]): Promise<QueryResult<R>>;
}

/** A pooled connection; release(err) with an error destroys it instead of returning it. */
export interface PoolClientLike extends Queryable {
  release(err?: Error | boolean): void;
  on(event: 'notification', listener: (message: Notification) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  removeAllListeners(event?: string): unknown;
  removeListener(event: 'error', listener: (err: Error) => void): unknown;
  /** pg's backend process id, for tests that end a connection on purpose. */
  processID?: number | null;
}

export interface PoolLike extends Queryable {
  connect(): Promise<PoolClientLike>;
  end(): Promise<void>;
  on(event: 'error', listener: (err: Error) => void): unknown;
}

export type PoolFactory = (config: PoolConfig) => PoolLike;
