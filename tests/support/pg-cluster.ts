// A throwaway PostgreSQL cluster for tests: initdb + pg_ctl from Debian's postgresql package in a
// temporary folder, on a free port of 127.0.0.1, stopped and removed afterwards. Runs the server
// as the `postgres` user through runuser when the tests run as root (initdb refuses root), as the
// current user otherwise. Password authentication (SCRAM) for every TCP connection, so tests of a
// wrong password mean something; TLS optional, with a throwaway CA from openssl.
import { execFile, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export const SUPERUSER = 'scw';
export const SUPERUSER_PASSWORD = 'scw-test-superuser';

export interface ClusterInfo {
  host: string;
  port: number;
  /** Folder of the cluster (data/, the socket, the log, certificates). */
  dir: string;
  binDir: string;
  /** PEM of the CA that signed the server certificate, when started with tls. */
  caPem: string | null;
}

export interface PgCluster extends ClusterInfo {
  stop(): Promise<void>;
}

/** The newest /usr/lib/postgresql/<major>/bin, or PG_BIN. */
export function findPgBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const major of majors) {
    const bin = join(root, major, 'bin');
    if (existsSync(join(bin, 'initdb'))) return bin;
  }
  throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: apt-get install postgresql (or set PG_BIN)');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a server binary as the cluster's owner: `postgres` when we are root. */
function asOwner(bin: string, args: string[], opts: { timeout?: number } = {}) {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return run(cmd, argv, { timeout: opts.timeout ?? 180_000, maxBuffer: 16 * 1024 * 1024 });
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const { stdout } = await run('id', ['-u', 'postgres']);
  const { stdout: g } = await run('id', ['-g', 'postgres']);
  return { uid: Number(stdout.trim()), gid: Number(g.trim()) };
}

/** A CA and a server certificate for 127.0.0.1 and localhost, made with the openssl command. */
async function makeCertificates(dir: string): Promise<string> {
  const ssl = (args: string[]) => run('openssl', args, { cwd: dir, timeout: 60_000 });
  await ssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=scw-test-ca', '-keyout', 'ca.key', '-out', 'ca.crt']);
  await ssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', 'server.key', '-out', 'server.csr']);
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  await ssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'san.ext', '-out', 'server.crt']);
  const { readFileSync } = await import('node:fs');
  return readFileSync(join(dir, 'ca.crt'), 'utf8');
}

/**
 * Starts a cluster; about 3 s on an idle machine. `tls: true` turns on ssl with a throwaway CA
 * (returned as caPem); connections may still choose plain TCP unless the test's pg_hba says otherwise.
 */
export async function startCluster(opts: { tls?: boolean } = {}): Promise<PgCluster> {
  const binDir = findPgBin();
  const dir = mkdtempSync(join(tmpdir(), 'scw-pg-'));
  const data = join(dir, 'data');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${SUPERUSER_PASSWORD}\n`);
  let caPem: string | null = null;
  if (opts.tls) caPem = await makeCertificates(dir);
  if (isRoot()) {
    const { uid, gid } = await postgresIds();
    for (const f of readdirSync(dir)) chownSync(join(dir, f), uid, gid);
    chownSync(dir, uid, gid);
  }
  if (opts.tls) chmodSync(join(dir, 'server.key'), 0o600);
  await asOwner(join(binDir, 'initdb'), ['-D', data, '-U', SUPERUSER, '--pwfile', pwfile, '-A', 'scram-sha-256', '-E', 'UTF8', '--locale', 'C', '--no-sync']);
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    // Throwaway data: durability settings off for speed.
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
    ...(opts.tls ? ['-c ssl=on', `-c ssl_cert_file=${join(dir, 'server.crt')}`, `-c ssl_key_file=${join(dir, 'server.key')}`] : []),
  ];
  await asOwner(join(binDir, 'pg_ctl'), ['-D', data, '-o', settings.join(' '), '-l', join(dir, 'log'), '-w', '-t', '180', 'start']);
  let stopped = false;
  return {
    host: '127.0.0.1',
    port,
    dir,
    binDir,
    caPem,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await asOwner(join(binDir, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A superuser connection to one database of the cluster. */
export function adminClient(info: Pick<ClusterInfo, 'host' | 'port'>, database = 'postgres'): pg.Client {
  return new pg.Client({ host: info.host, port: info.port, user: SUPERUSER, password: SUPERUSER_PASSWORD, database });
}

/** Runs SQL as the superuser on one database and closes the connection. */
export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(info: Pick<ClusterInfo, 'host' | 'port'>, database: string, sql: string, params: unknown[] = []): Promise<pg.QueryResult<T>> {
  const client = adminClient(info, database);
  await client.connect();
  try {
    return await client.query<T>(sql, params);
  } finally {
    await client.end();
  }
}

let counter = 0;

/** A fresh database for one test file (name unique in the cluster); returns its name. */
export async function createDatabase(info: Pick<ClusterInfo, 'host' | 'port'>, prefix = 'scw_test', owner = SUPERUSER): Promise<string> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter++}`.toLowerCase();
  await adminQuery(info, 'postgres', `CREATE DATABASE ${name} OWNER ${owner}`);
  return name;
}

/**
 * Runs a SQL file with psql as the superuser, the way a DBA would (`-v name=value` variables,
 * ON_ERROR_STOP, optionally one transaction).
 */
export async function psqlFile(info: ClusterInfo, database: string, file: string, vars: Record<string, string> = {}, opts: { singleTransaction?: boolean; user?: string; password?: string } = {}): Promise<string> {
  const args = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', info.host, '-p', String(info.port), '-U', opts.user ?? SUPERUSER, '-d', database];
  if (opts.singleTransaction) args.push('-1');
  for (const [k, v] of Object.entries(vars)) args.push('-v', `${k}=${v}`);
  args.push('-f', file);
  const { stdout } = await run(join(info.binDir, 'psql'), args, { env: { ...process.env, PGPASSWORD: opts.password ?? SUPERUSER_PASSWORD }, timeout: 120_000 });
  return stdout;
}

/** Pipes text into `psql -c "COPY … FROM STDIN"`; resolves when psql exits. */
export function psqlCopyIn(info: ClusterInfo, database: string, copySql: string, write: (sink: NodeJS.WritableStream) => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(info.binDir, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', info.host, '-p', String(info.port), '-U', SUPERUSER, '-d', database, '-c', copySql], {
      env: { ...process.env, PGPASSWORD: SUPERUSER_PASSWORD },
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql exited ${code}: ${stderr}`))));
    write(child.stdin).then(
      () => child.stdin.end(),
      (err: unknown) => {
        child.kill();
        reject(err);
      },
    );
  });
}
