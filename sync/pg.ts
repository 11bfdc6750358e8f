// The real pg Pool. Kept apart so that the logic modules only see the PoolFactory type.
import pg from 'pg';
import type { PoolFactory } from './pg-types';

export const createPgPool: PoolFactory = (config) => new pg.Pool(config) as unknown as ReturnType<PoolFactory>;
