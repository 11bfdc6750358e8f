// The sync namespace of the DesktopApi in the main process: one IPC handler per sync method, behind
// the same sender check as the other channels; the service (sync/service.ts) validates arguments
// itself. Failures cross as `sync-error:<code>` in the message, the only part Electron forwards.
import type { SyncEvent, SyncMethod } from '../sync/api';
import { SyncFailure, toSyncFailure } from '../sync/errors';
import { callSyncMethod, type SyncService } from '../sync/service';
import { expectArity } from '../sync/validate';
import { SYNC_CHANNELS, SYNC_EVENT_CHANNEL } from './bridge';
import { isTrustedSender, type IpcMainPort } from './ipc';
import { isAppUrl } from './security';

export function registerSyncIpc<S>(ipcMain: IpcMainPort<S>, service: SyncService, log: (message: string) => void = () => {}): void {
  for (const [method, channel] of Object.entries(SYNC_CHANNELS) as [SyncMethod, string][]) {
    ipcMain.handle(channel, async (event, ...args) => {
      if (!isTrustedSender(event)) throw new SyncFailure('forbidden');
      try {
        expectArity(method, args);
        return await callSyncMethod(service, method, args);
      } catch (err) {
        // Only the code (and a SQLSTATE) reaches the page; the rest stays in the main-process log.
        if (!(err instanceof SyncFailure)) log(`[sync] ${method}: ${String((err as Error)?.stack ?? err)}`);
        throw toSyncFailure(err);
      }
    });
  }
}

/** The parts of WebContents event forwarding needs; tests pass a fake. */
export interface EventTarget {
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, payload: unknown): void;
}

/**
 * Sends every SyncEvent to the window while it shows the app (never to a page that navigated
 * elsewhere). Returns the unsubscribe function.
 */
export function forwardSyncEvents(service: Pick<SyncService, 'onEvent'>, target: () => EventTarget | null): () => void {
  return service.onEvent((event: SyncEvent) => {
    const contents = target();
    if (!contents || contents.isDestroyed() || !isAppUrl(contents.getURL())) return;
    contents.send(SYNC_EVENT_CHANNEL, event);
  });
}
