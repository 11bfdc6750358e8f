// The service's configuration life cycle with in-memory stores and a pool factory that only
// records what it was asked for (no server: these paths never connect).
import { describe, expect, it } from 'vitest';
import type { SyncConfigInput, SyncEvent } from '../../../sync/api';
import { memoryConfigStore } from '../../../sync/config';
import type { PoolFactory } from '../../../sync/pg-types';
import { memorySecretStore } from '../../../sync/secrets';
import { createSyncService } from '../../../sync/service';

const INPUT: SyncConfigInput = { host: 'db', port: 5432, database: 'scw', user: 'desk_a', tls: 'disable', caPem: null, desk: 'A', password: 'pw' };

function setup() {
  const pools: unknown[] = [];
  const createPool: PoolFactory = (config) => {
    pools.push(config);
    throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
  };
  const secretStore = memorySecretStore();
  const service = createSyncService({ createPool, configStore: memoryConfigStore(), secretStore, migrations: [{ version: 1, name: 'x', sql: '', sha256: '' }] });
  const events: SyncEvent[] = [];
  service.onEvent((e) => events.push(e));
  return { service, secretStore, pools, events };
}

describe('configuration', () => {
  it('starts unconfigured; operations say so', async () => {
    const { service } = setup();
    expect(await service.getConfig()).toBeNull();
    expect(await service.status()).toMatchObject({ state: 'unconfigured', error: null });
    await expect(service.pull({ cursor: null })).rejects.toMatchObject({ code: 'not-configured' });
    await service.close();
  });

  it('keeps the password out of the stored settings and the view', async () => {
    const { service, secretStore } = setup();
    const view = await service.configure(INPUT);
    expect(view).toEqual({ host: 'db', port: 5432, database: 'scw', user: 'desk_a', tls: 'disable', caPem: null, desk: 'A', hasPassword: true, passwordStorage: 'memory' });
    expect(JSON.stringify(await service.getConfig())).not.toContain('pw');
    expect(await secretStore.get()).toBe('pw');
    await service.close();
  });

  it('a change without a password keeps it for the same server and user, drops it for another', async () => {
    const { service, secretStore } = setup();
    await service.configure(INPUT);
    const { password: _p, ...withoutPassword } = INPUT;
    expect((await service.configure({ ...withoutPassword, desk: 'A2' })).hasPassword).toBe(true);
    expect((await service.configure({ ...withoutPassword, user: 'desk_b' })).hasPassword).toBe(false);
    expect(await secretStore.get()).toBeNull();
    expect(await service.status()).toMatchObject({ state: 'needs-password', error: 'password-required' });
    await expect(service.push({ items: [] })).rejects.toMatchObject({ code: 'invalid-argument' });
    await service.close();
  });

  it('forget removes settings and password, and says so in a status event', async () => {
    const { service, secretStore, events } = setup();
    await service.configure(INPUT);
    await service.forget();
    expect(await service.getConfig()).toBeNull();
    expect(await secretStore.get()).toBeNull();
    expect(events.at(-1)).toMatchObject({ type: 'status', status: { state: 'unconfigured' } });
    await service.close();
  });

  it('test() refuses to run without a password rather than trying an empty one', async () => {
    const { service, pools } = setup();
    const { password: _p, ...withoutPassword } = INPUT;
    await expect(service.test(withoutPassword)).rejects.toMatchObject({ code: 'password-required' });
    expect(pools).toEqual([]);
    await service.close();
  });
});
