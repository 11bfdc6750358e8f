// A desk of the web build for end-to-end tests: the built app (dist/) served on 127.0.0.1 with
// the sync endpoints, as `npm run web` does, configured for one office database. Three of these
// against one cluster are three desks (each browser profile opens its own desk's appUrl).
import type { Server } from 'node:http';
import type { SyncConfigInput } from '../../sync/api';
import { startWebSync, type WebSyncHost } from '../../sync/web-host';
import type { SyncServiceOptions } from '../../sync/service';
// @ts-expect-error plain ESM script without type declarations
import { startStaticServer } from '../../scripts/static-server.mjs';

export interface DeskServer {
  /** http://127.0.0.1:<port>/ */
  url: string;
  /** The address a user opens: url with this start's key (the page moves it to sessionStorage). */
  appUrl: string;
  key: string;
  host: WebSyncHost;
  close(): Promise<void>;
}

/**
 * `config` null: sync endpoints on, nothing configured (the desk configures it in Settings).
 * The password, when given, is handed over in-process, never on a command line.
 */
export async function startDeskServer(opts: { config: SyncConfigInput | null; root?: string; service?: Partial<SyncServiceOptions> }): Promise<DeskServer> {
  const { password, ...connection } = opts.config ?? ({} as SyncConfigInput);
  const host = await startWebSync({ config: opts.config ? connection : null, password, service: opts.service });
  const { server, url } = (await startStaticServer({ root: opts.root ?? 'dist', port: 0, api: host.handler })) as { server: Server; url: string };
  return {
    url,
    appUrl: `${url}?key=${encodeURIComponent(host.key)}`,
    key: host.key,
    host,
    async close() {
      await host.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
