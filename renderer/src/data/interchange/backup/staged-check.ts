// What a check over a staged backup is given, apart from the list of checks (validate.ts), so a check
// written elsewhere (data/trail/restore-check.ts) and the list need not import each other.
import type Dexie from 'dexie';
import type { BackupHeader } from '../../../domain/interchange/backup-format';
import type { BackupProgress } from './create';

export interface StagedCheckContext {
  header: BackupHeader;
  /** This desk's public key: its own chains in the backup must be complete from their genesis. */
  ownKey: string;
  signal?: AbortSignal;
  onProgress?: (p: BackupProgress) => void;
}

/** A check over the whole staging database; throws a BackupError to refuse the backup. */
export type StagedCheck = (staged: Dexie, ctx: StagedCheckContext) => Promise<void>;
