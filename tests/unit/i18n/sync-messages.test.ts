// Every way office sync can fail or stand has words in both languages: the server's codes, the
// client's own, and each state the shell shows. A code without words would show as a raw code.
import { describe, expect, it } from 'vitest';
import { enGB, lookup, zhCN } from '../../../renderer/src/i18n/catalogue';
import { SYNC_ERROR_CODES } from '../../../renderer/src/platform/sync-errors';
import type { SyncRunError } from '../../../renderer/src/data/office-sync/client';
import type { ShellSyncState } from '../../../renderer/src/domain/office-sync/status';

const CLIENT_CODES: SyncRunError[] = ['refused', 'local-full', 'local-error'];
const SHELL: ShellSyncState[] = ['off', 'syncing', 'conflicts', 'offline', 'attention', 'paused', 'pending', 'synced'];

describe('office sync messages', () => {
  it.each([...SYNC_ERROR_CODES, ...CLIENT_CODES])('%s has a message with what to do, in zh-CN and en', (code) => {
    for (const cat of [zhCN, enGB]) expect(lookup(cat, `sync.error.${code}`)).toMatch(/\S{4,}/);
  });
  it.each(SHELL)('the shell state %s has words', (state) => {
    for (const cat of [zhCN, enGB]) expect(lookup(cat, `sync.shell.${state}`)).toBeTruthy();
  });
});
