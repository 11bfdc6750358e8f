// A restore re-verifies what the backup claims was sealed and signed, on the staged database before
// anyone is asked to confirm: every signed audit against its seal and its desk signature, every trail
// checkpoint against its signature, then the whole audit trail (verifyTrail: every chain, every
// record against its newest entry). A backup edited and re-hashed cannot bring in a forged "signed"
// audit, an edited record or a rewritten history.
import type Dexie from 'dexie';
import { auditSealText, verifyAuditHash } from '../../domain/audits/audits';
import type { AuditRun } from '../../domain/audits/audit-types';
import { checkpointMessage } from '../../domain/trail/chain';
import { BackupError } from '../../domain/interchange/backup-format';
import type { StoredFile, TrailRow } from '../db';
import { auditImageIds } from '../audits';
import { verifySignature } from './desk';
import { verifyTrail, type TrailStep } from './check';
import type { StagedCheckContext } from '../interchange/backup/staged-check';

function refuse(table: string, row: number, field: string, problem: string): never {
  throw new BackupError('invalid-row', { table, row, field, problem });
}

export async function checkSealsAndSignatures(staged: Dexie): Promise<void> {
  const audits = (await staged.table('audits').toArray()) as AuditRun[];
  for (const [i, a] of audits.entries()) {
    if (a.status !== 'signed') continue;
    const files = (await staged.table('files').bulkGet(auditImageIds(a))) as (StoredFile | undefined)[];
    const hashes = new Map(files.filter((f): f is StoredFile => !!f).map((f) => [f.id, f.sha256]));
    if (!(await verifyAuditHash(a, hashes))) refuse('audits', i + 1, 'contentHash', 'audit-hash-mismatch');
    const s = a.deskSignature;
    if (s && !(await verifySignature(s.key, auditSealText(a), s.sig))) refuse('audits', i + 1, 'deskSignature', 'audit-signature-invalid');
  }
  const trail = (await staged.table('trail').toArray()) as TrailRow[];
  for (const [i, r] of trail.entries()) {
    if (r.kind === 'legacy') continue;
    const { id: _id, kind: _kind, ...cp } = r;
    if (!(await verifySignature(cp.key, checkpointMessage(cp), cp.sig))) refuse('trail', i + 1, 'sig', 'checkpoint-signature-invalid');
  }
}

const TRAIL_STEPS: readonly TrailStep[] = ['checkpoints', 'chains', 'legacy', 'records'];

/**
 * The Settings trail check on the staging database, with this desk's key as "own". Any problem
 * refuses the backup ('trail-broken'), naming the first one and how many there are.
 */
export async function checkStagedTrail(staged: Dexie, ctx: StagedCheckContext): Promise<void> {
  const report = await verifyTrail(staged, {
    ownKey: ctx.ownKey,
    signal: ctx.signal,
    progress: (p) => ctx.onProgress?.({ stage: 'trail', done: TRAIL_STEPS.indexOf(p.step) + 1, total: TRAIL_STEPS.length }),
  });
  const first = report.problems[0];
  if (!first) return;
  const detail: Record<string, string | number> = { problem: first.code, count: report.problems.length + report.more };
  for (const k of ['desk', 'seq', 'entryId', 'entity', 'recordId'] as const) if (first[k] !== undefined) detail[k] = first[k]!;
  const fp = report.desks.find((d) => d.desk === first.desk)?.fingerprint;
  if (fp) detail.fingerprint = fp;
  throw new BackupError('trail-broken', detail);
}
