// Connection settings: stored without the password, replaced atomically, turned into pg settings
// with the chosen TLS mode; the command-line form of the web build.
import { describe, expect, it } from 'vitest';
import type { SyncConnectionConfig } from '../../../sync/api';
import { fileConfigStore, poolConfig, type ConfigFiles } from '../../../sync/config';
import { validateConfigInput } from '../../../sync/validate';
import { configFromCommandLine, WebConfigError } from '../../../sync/web-host';

const CONFIG: SyncConnectionConfig = { host: 'db.zwy.gov.local', port: 5432, database: 'scw', user: 'desk_caiwu', tls: 'require', caPem: null, desk: '财务科-1' };
const PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUZ3d7\n-----END CERTIFICATE-----\n';

class Files implements ConfigFiles {
  readonly files = new Map<string, string>();
  readonly renames: [string, string][] = [];
  async readFile(path: string) {
    const f = this.files.get(path);
    if (f === undefined) throw new Error('ENOENT');
    return f;
  }
  async writeFile(path: string, data: string) {
    this.files.set(path, data);
  }
  async rename(from: string, to: string) {
    this.renames.push([from, to]);
    this.files.set(to, this.files.get(from)!);
    this.files.delete(from);
  }
  async rm(path: string) {
    this.files.delete(path);
  }
}

describe('fileConfigStore', () => {
  it('writes through a temporary file, reads back, forgets', async () => {
    const fs = new Files();
    const store = fileConfigStore(fs, '/u/office-server.json');
    expect(await store.load()).toBeNull();
    await store.save(CONFIG);
    expect(fs.renames).toEqual([['/u/office-server.json.tmp', '/u/office-server.json']]);
    expect(await store.load()).toEqual(CONFIG);
    await store.save(null);
    expect(fs.files.size).toBe(0);
  });

  it('an unreadable or foreign file means no configuration', async () => {
    const fs = new Files();
    const store = fileConfigStore(fs, '/c');
    for (const text of ['{', '[]', '{"host":1}', JSON.stringify({ ...CONFIG, tls: 'maybe' })]) {
      fs.files.set('/c', text);
      expect(await store.load()).toBeNull();
    }
  });
});

describe('poolConfig', () => {
  it.each([
    ['disable', { ...CONFIG, tls: 'disable' as const }, false],
    ['require', CONFIG, { rejectUnauthorized: false }],
  ])('%s', (_label, config, ssl) => {
    expect(poolConfig(config, 'pw').ssl).toEqual(ssl);
  });

  it('verify-full checks the chain against the given CA alone and the name (SNI only for names)', async () => {
    const { execFileSync } = await import('node:child_process');
    const pem = execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', '/dev/null', '-subj', '/CN=ca', '-days', '1'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(poolConfig({ ...CONFIG, tls: 'verify-full', caPem: pem }, 'pw').ssl).toEqual({ rejectUnauthorized: true, ca: pem, servername: 'db.zwy.gov.local' });
    expect(poolConfig({ ...CONFIG, host: '10.1.2.3', tls: 'verify-full', caPem: pem }, 'pw').ssl).toEqual({ rejectUnauthorized: true, ca: pem, servername: undefined });
    expect(() => poolConfig({ ...CONFIG, tls: 'verify-full', caPem: PEM }, 'pw')).toThrow(/tls-ca-invalid/);
  });

  it('bounds every wait: connect, locks, idle transactions', () => {
    const c = poolConfig(CONFIG, 'pw');
    expect(c).toMatchObject({ connectionTimeoutMillis: 10_000, lock_timeout: 30_000, idle_in_transaction_session_timeout: 60_000, application_name: 'scw-desk 财务科-1' });
  });
});

describe('validateConfigInput', () => {
  it.each([
    ['verify-full without a CA', { ...CONFIG, tls: 'verify-full' }],
    ['a port out of range', { ...CONFIG, port: 70000 }],
    ['a host with a space', { ...CONFIG, host: 'db host' }],
    ['an empty desk name', { ...CONFIG, desk: '  ' }],
    ['an unknown key', { ...CONFIG, sslmode: 'require' }],
  ])('refuses %s', (_label, input) => {
    expect(() => validateConfigInput(input)).toThrow(/^sync-error:invalid-argument/);
  });
});

describe('web build configuration from the command line', () => {
  const read = async (path: string) => (path === '/etc/ca.pem' ? PEM : '');
  it('flags, then environment variables; TLS defaults to verify-full with a CA, else require', async () => {
    expect(await configFromCommandLine(['--server-host=db', '--server-database=scw', '--server-user=u', '--desk=前台'], {}, read)).toEqual({
      host: 'db', port: 5432, database: 'scw', user: 'u', tls: 'require', caPem: null, desk: '前台',
    });
    expect(await configFromCommandLine(['--server-ca=/etc/ca.pem', '--server-port=6432'], { SCW_SERVER_HOST: 'db', SCW_SERVER_DATABASE: 'scw', SCW_SERVER_USER: 'u', SCW_DESK: 'd' }, read)).toMatchObject({ port: 6432, tls: 'verify-full', caPem: PEM });
    expect(await configFromCommandLine([], {}, read)).toBeNull();
  });

  it('never takes a password, and says what is missing', async () => {
    await expect(configFromCommandLine(['--server-password=x'], {}, read)).rejects.toBeInstanceOf(WebConfigError);
    await expect(configFromCommandLine([], { PGPASSWORD: 'x' }, read)).rejects.toBeInstanceOf(WebConfigError);
    await expect(configFromCommandLine(['--server-host=db'], {}, read)).rejects.toThrow(/--server-database/);
  });
});
