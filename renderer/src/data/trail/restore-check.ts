// A restore re-verifies what the backup claims was sealed and signed, on the staged database before
// the swap: every signed audit against its seal and its desk signature, every trail checkpoint
// against its signature. A backup edited and re-hashed cannot bring in a forged "signed" audit.
import type Dexie from 'dexie';
import { auditSealText, verifyAuditHash } from '../../domain/audits/audits';
import type { AuditRun } from '../../domain/audits/audit-types';
import { checkpointMessage } from '../../domain/trail/chain';
import { BackupError } from '../../domain/interchange/backup-format';
import type { StoredFile, TrailRow } from '../db';
import { auditImageIds } from '../audits';
import { verifySignature } from './desk';

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
