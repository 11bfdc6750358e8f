// One throwaway PostgreSQL cluster for all integration test files (each file makes its own
// database). The office roles are created the way IT would, with the setup scripts and psql.
import type { TestProject } from 'vitest/node';
import { psqlFile, startCluster, type ClusterInfo } from './pg-cluster';
import { DESK_PASSWORD, DESK_USERS, OWNER_PASSWORD } from './office-db';

export default async function setup(project: TestProject) {
  const cluster = await startCluster({ tls: true });
  try {
    await psqlFile(cluster, 'postgres', 'sync/sql/setup/1-roles.sql', { owner_password: OWNER_PASSWORD });
    for (const user of DESK_USERS) await psqlFile(cluster, 'postgres', 'sync/sql/setup/3-desk-user.sql', { desk_user: user, desk_password: DESK_PASSWORD });
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  const info: ClusterInfo = { host: cluster.host, port: cluster.port, dir: cluster.dir, binDir: cluster.binDir, caPem: cluster.caPem };
  project.provide('pgCluster', info);
  return () => cluster.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgCluster: ClusterInfo;
  }
}
