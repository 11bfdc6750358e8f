// Room on disk: how much a restore needs, whether there is that much, and which errors mean the
// disk or the browser's quota ran out (so the user is told that, with a size, not "unexpected error").

/**
 * What a restore writes before it can free anything: the staging database (about the backup's
 * size), the same rows again in the live database until the swap commits, and the safety copy of
 * the live data. About twice the database's size when backup and live data are alike, plus the copy.
 */
export function restoreSpaceNeeded(backupBytes: number, liveBytes: number): number {
  return 2 * Math.max(0, backupBytes) + Math.max(0, liveBytes);
}

export interface SpaceCheck {
  ok: boolean;
  needed: number;
  /** What the tightest limit leaves: the browser's quota for this origin, or the disk. */
  available: number;
  /** needed − available when short, else 0. */
  shortBy: number;
}

/**
 * Compares what is needed with each known limit (undefined = not known, as the disk is in a
 * browser); the smallest decides.
 */
export function checkSpace(needed: number, limits: readonly (number | null | undefined)[]): SpaceCheck {
  const known = limits.filter((n): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0);
  const available = known.length ? Math.min(...known) : Number.POSITIVE_INFINITY;
  const shortBy = Math.max(0, needed - available);
  return { ok: shortBy === 0, needed, available, shortBy };
}

/**
 * A quota or disk-full failure, however it arrives: IndexedDB's QuotaExceededError (a DOMException,
 * or wrapped by Dexie as `inner`), or Node's ENOSPC / EDQUOT from the desktop shell's file writes.
 */
export function isOutOfSpace(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 4) return false;
  const { name, code, message, inner } = e as { name?: unknown; code?: unknown; message?: unknown; inner?: unknown };
  if (name === 'QuotaExceededError' || code === 'ENOSPC' || code === 'EDQUOT' || code === 22) return true;
  if (typeof message === 'string' && /QuotaExceededError|ENOSPC|EDQUOT|disk-full/.test(message)) return true;
  return isOutOfSpace(inner, depth + 1);
}
