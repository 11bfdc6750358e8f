// Exchange files between two machines: two separate fake-indexeddb databases play "office" and
// "laptop". Every case goes through real bytes: export → (maybe tamper) → import.
import { describe, expect, it } from 'vitest';
import type { WorkbenchDb, StoredFile } from '../../../renderer/src/data/db';
import { deleteRecord, insertRecord, updateRecord, type Writer } from '../../../renderer/src/data/repo';
import {
  exportExchange,
  importExchangeFile,
  listConflicts,
  listImports,
  readExchangeFile,
  resolvePendingConflict,
  ConflictChoiceError,
  IMPORT_LOG_KEY,
  type ImportResult,
} from '../../../renderer/src/data/interchange/exchange';
import { allocateContainer, decodeBody, readHeader, sha256Bytes } from '../../../renderer/src/data/interchange/exchange/container';
import { compareEntries } from '../../../renderer/src/data/interchange/exchange/history';
import { auditSealText, signAudit, snapshotTemplate } from '../../../renderer/src/domain/audits/audits';
import { signAsDesk } from '../../../renderer/src/data/trail/desk';
import type { AuditFinding, AuditRun, ChecklistTemplate, RectificationTask } from '../../../renderer/src/domain/audits/audit-types';
import type { Organisation, Project } from '../../../renderer/src/domain/core/types';
import { seedStarterSystems } from '../../../renderer/src/data/indicator-systems';
import { STARTER_SYSTEM_IDS } from '../../../renderer/src/domain/reviews/starter-systems';
import type { PerformanceDeduction, PerformanceReview } from '../../../renderer/src/domain/reviews/review-types';
import { freshDb } from './helpers';
import { dump, openFile as open, repack, resign } from './exchange-fixtures';

// ---------------------------------------------------------------- two machines and their data

interface Machine {
  db: WorkbenchDb;
  w: Writer;
}

async function machine(by: string): Promise<Machine> {
  const { db, w } = await freshDb();
  return { db, w: { ...w, by } };
}

const PROFILE = (name: string) => ({ name, department: '市大数据管理局' });

async function exportFrom(m: Machine, projectIds: string[], passphrase?: string): Promise<Uint8Array> {
  const r = await exportExchange(m.db, { projectIds, exporter: PROFILE(m.w.by), appVersion: '0.1.0', passphrase });
  return r.bytes;
}

async function importInto(m: Machine, bytes: Uint8Array, passphrase?: string): Promise<ImportResult> {
  return importExchangeFile(m.w, bytes, { fileName: 'test.scwx', passphrase });
}

async function mustImport(m: Machine, bytes: Uint8Array) {
  const r = await importInto(m, bytes);
  if (!r.ok) throw new Error(`import refused: ${JSON.stringify(r.problems.slice(0, 5))}`);
  return r.summary;
}

function jpegish(seed: number, size = 3000): Blob {
  const bytes = new Uint8Array(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  for (let i = 4; i < size; i++) bytes[i] = (i * 31 + seed * 17) & 0xff;
  return new Blob([bytes], { type: 'image/jpeg' });
}

async function blobSha(b: Blob): Promise<string> {
  return sha256Bytes(new Uint8Array(await b.arrayBuffer()));
}

const TEMPLATE: Omit<ChecklistTemplate, keyof import('../../../renderer/src/domain/core/types').RecordMeta> = {
  name: { zh: '机房现场核查', en: 'Server room check' },
  description: { zh: '', en: '' },
  sections: [
    {
      id: 's1',
      title: { zh: '环境', en: 'Environment' },
      items: [
        { id: 'i1', text: { zh: '温度在范围内', en: 'Temperature in range' }, answerType: 'pass-fail-na', photoRequired: true, severityIfFailed: 'high' },
        { id: 'i2', text: { zh: '消防设施完好', en: 'Fire equipment in order' }, answerType: 'pass-fail-na', photoRequired: false, severityIfFailed: 'critical' },
      ],
    },
  ],
};

/** The office's starting point: a project with its department and a checklist template. */
async function officeWithProject() {
  const office = await machine('王芳（办公室）');
  const dept = await insertRecord<Organisation>(office.w, 'organisations', { name: '市大数据管理局', kind: 'government', creditCode: '', isSme: false, contact: '' });
  const project = await insertRecord<Project>(office.w, 'projects', {
    code: 'ZH-2025-001', name: '城市大脑一期', searchText: 'zh-2025-001 城市大脑一期', category: 'city-brain', departmentId: dept.id, phase: 'operate',
    phaseSince: '2025-03-01', description: '', budget: { amount: 120_000_000_00, currency: 'CNY' }, startDate: '2024-01-01', plannedEndDate: '',
    operatorId: '', operatingModel: 'purchase-of-service', omFundingSource: '市级财政', benefitSharing: '', supervision: '',
    valueForMoney: { date: '', reference: '' }, fiscalAffordability: { date: '', reference: '' }, completionAcceptance: { date: '2025-02-20', reference: '验收〔2025〕3号' },
    reviewCycle: 'yearly', transferAudit: { date: '', reference: '' }, indicatorSystemId: '',
  });
  const template = await insertRecord<ChecklistTemplate>(office.w, 'checklistTemplates', TEMPLATE);
  return { office, project, template };
}

/** An audit with one photo, one failed item → a finding and its rectification task, as the laptop records it. */
async function auditWithPhoto(m: Machine, projectId: string, template: ChecklistTemplate) {
  const auditId = crypto.randomUUID();
  const blob = jpegish(1);
  const photo = await insertRecord<StoredFile>(m.w, 'files', {
    ownerType: 'audits', ownerId: auditId, name: 'room.jpg', mime: 'image/jpeg', size: blob.size, sha256: await blobSha(blob), blob, width: 64, height: 48,
  });
  const audit = await insertRecord<AuditRun>(m.w, 'audits', {
    id: auditId, projectId, site: '市政务云机房 A 区', date: '2026-11-20', auditors: ['李工'], templateId: template.id, template: snapshotTemplate(template),
    answers: [{ itemId: 'i1', value: 'pass', note: '' }, { itemId: 'i2', value: 'fail', note: '灭火器过期' }],
    photos: [{ id: photo.id, itemId: 'i1', caption: '温湿度计读数' }],
    status: 'draft', signedBy: '', signedAt: '', signature: null, contentHash: '',
  });
  const finding = await insertRecord<AuditFinding>(m.w, 'findings', {
    auditId, projectId, itemId: 'i2', severity: 'critical', title: '消防设施完好', description: '灭火器过期', raisedOn: '2026-11-20',
  });
  const task = await insertRecord<RectificationTask>(m.w, 'rectifications', {
    findingId: finding.id, projectId, owner: '运维公司', dueDate: '2026-12-20', status: 'open', verificationNote: '', verifiedBy: '', verifiedAt: '',
  });
  return { audit, photo, finding, task };
}

async function sign(m: Machine, audit: AuditRun, photo: StoredFile): Promise<AuditRun> {
  const current = (await m.db.audits.get(audit.id))!;
  const signed = await signAudit(current, { by: '李工', at: '2026-11-20T08:00:00.000Z', signature: { kind: 'typed', name: '李工' } }, new Map([[photo.id, photo.sha256]]));
  const deskSignature = await signAsDesk(m.db, auditSealText(signed));
  return updateRecord<AuditRun>(m.w, 'audits', audit.id, { status: signed.status, signedBy: signed.signedBy, signedAt: signed.signedAt, signature: signed.signature, contentHash: signed.contentHash, deskSignature });
}

async function headOf(db: WorkbenchDb, entity: string, id: string): Promise<string> {
  const rows = await db.changeLog.where('[entity+entityId]').equals([entity, id]).toArray();
  return rows.sort(compareEntries).at(-1)!.id;
}

// ---------------------------------------------------------------- tampering helpers

async function problemsOf(bytes: Uint8Array) {
  const r = await readExchangeFile(bytes);
  if (r.ok) throw new Error('expected the file to be refused');
  return r.problems;
}

// ---------------------------------------------------------------- merge cases

describe('exchange between office and laptop', () => {
  it('office → laptop: the project arrives; laptop → office: the audit, its photo, finding and task arrive with their histories', async () => {
    const { office, project, template } = await officeWithProject();
    const laptop = await machine('李工（笔记本）');

    const first = await mustImport(laptop, await exportFrom(office, [project.id]));
    expect(first.tables.projects.added).toBe(1);
    expect(first.tables.organisations.added).toBe(1);
    expect((await laptop.db.projects.get(project.id))?.name).toBe('城市大脑一期');

    // The template reaches the laptop with the audit's own export later; the laptop needs it now.
    await laptop.db.checklistTemplates.add(template);
    await laptop.db.changeLog.bulkAdd(await office.db.changeLog.where('[entity+entityId]').equals(['checklistTemplates', template.id]).toArray());

    const made = await auditWithPhoto(laptop, project.id, template);
    const bytes = await exportFrom(laptop, [project.id]);
    const summary = await mustImport(office, bytes);
    expect(summary.tables.audits).toEqual({ added: 1, updated: 0, skipped: 0, conflicts: 0, rejected: 0 });
    expect(summary.tables.files.added).toBe(1);
    expect(summary.tables.findings.added).toBe(1);
    expect(summary.tables.rectifications.added).toBe(1);
    expect(summary.tables.projects.skipped).toBe(1);
    expect(summary.tables.checklistTemplates.skipped).toBe(1);

    // Stored as is: same rev and timestamps; the change-log entries copied with the same ids.
    expect(await office.db.audits.get(made.audit.id)).toEqual(made.audit);
    expect(await headOf(office.db, 'audits', made.audit.id)).toBe(await headOf(laptop.db, 'audits', made.audit.id));
    const photo = (await office.db.files.get(made.photo.id))!;
    expect(await blobSha(photo.blob)).toBe(made.photo.sha256);
    expect(photo.blob.type).toBe('image/jpeg');
    expect(await listImports(office.db)).toHaveLength(1);
  });

  it('a newer edit is applied; the same record edited on both sides is a conflict, resolved, and both machines converge', async () => {
    const { office, project, template } = await officeWithProject();
    const laptop = await machine('李工（笔记本）');
    await mustImport(laptop, await exportFrom(office, [project.id]));
    const made = await auditWithPhoto(office, project.id, template);
    await mustImport(laptop, await exportFrom(office, [project.id]));

    // Newer edit on the laptop → applied at the office.
    await updateRecord<RectificationTask>(laptop.w, 'rectifications', made.task.id, { status: 'in-progress' });
    let s = await mustImport(office, await exportFrom(laptop, [project.id]));
    expect(s.tables.rectifications.updated).toBe(1);
    expect((await office.db.rectifications.get(made.task.id))?.status).toBe('in-progress');
    expect(await headOf(office.db, 'rectifications', made.task.id)).toBe(await headOf(laptop.db, 'rectifications', made.task.id));

    // The same finding edited on both sides → conflict; nothing changes at the office until someone decides.
    await updateRecord<AuditFinding>(office.w, 'findings', made.finding.id, { description: '灭火器过期两个月', severity: 'high' });
    await updateRecord<AuditFinding>(laptop.w, 'findings', made.finding.id, { description: '灭火器已过期，已通知物业' });
    const before = await office.db.findings.get(made.finding.id);
    s = await mustImport(office, await exportFrom(laptop, [project.id]));
    expect(s.tables.findings.conflicts).toBe(1);
    expect(await office.db.findings.get(made.finding.id)).toEqual(before);
    const [pending] = await listConflicts(office.db);
    expect(pending.entity).toBe('findings');
    expect(pending.conflict.kind).toBe('edit-edit');
    expect(pending.conflict.fields.map((f) => f.field)).toEqual(['description', 'severity']);
    expect(pending.wholeOnly).toBe(false);

    // Importing the same file again adds nothing: the conflict is already waiting.
    const dumpBefore = await dump(office.db, { withoutImportLog: true });
    s = await mustImport(office, await exportFrom(laptop, [project.id]));
    expect(s.alreadyPending).toBe(1);
    expect(await dump(office.db, { withoutImportLog: true })).toBe(dumpBefore);

    // A per-field choice must name every differing field.
    await expect(resolvePendingConflict(office.w, pending.rowId, { description: 'incoming' })).rejects.toThrow(/choice-missing/);
    expect(await resolvePendingConflict(office.w, pending.rowId, { description: 'incoming', severity: 'local' })).toBe('resolved');
    const resolved = (await office.db.findings.get(made.finding.id))!;
    expect(resolved.description).toBe('灭火器已过期，已通知物业');
    expect(resolved.severity).toBe('high');
    expect(resolved.rev).toBe(3);
    expect(await listConflicts(office.db)).toEqual([]);
    // History = both branches + one resolution entry.
    const log = await office.db.changeLog.where('[entity+entityId]').equals(['findings', made.finding.id]).toArray();
    expect(log.map((e) => e.rev).sort()).toEqual([1, 2, 2, 3]);
    expect(log.filter((e) => e.rev === 3)[0].by).toBe('王芳（办公室）');

    // Back to the laptop: it descends from the laptop's version → applied; both are now the same.
    s = await mustImport(laptop, await exportFrom(office, [project.id]));
    expect(s.tables.findings.updated).toBe(1);
    expect(await laptop.db.findings.get(made.finding.id)).toEqual(resolved);
    expect(await headOf(laptop.db, 'findings', made.finding.id)).toBe(await headOf(office.db, 'findings', made.finding.id));
    // And once more to the office: nothing left to do.
    s = await mustImport(office, await exportFrom(laptop, [project.id]));
    expect(Object.values(s.tables).reduce((n, t) => n + t.added + t.updated + t.conflicts + t.rejected, 0)).toBe(0);
  });

  it('a tombstone travels and is never resurrected by an older copy', async () => {
    const { office, project, template } = await officeWithProject();
    const laptop = await machine('李工（笔记本）');
    const made = await auditWithPhoto(office, project.id, template);
    const oldFile = await exportFrom(office, [project.id]);
    await mustImport(laptop, oldFile);

    await deleteRecord(laptop.w, 'rectifications', made.task.id);
    const s = await mustImport(office, await exportFrom(laptop, [project.id]));
    expect(s.tables.rectifications.updated).toBe(1);
    expect((await office.db.rectifications.get(made.task.id))?.deleted).toBe(1);

    // The office's old file, imported on the laptop again, is older: skipped.
    const again = await mustImport(laptop, oldFile);
    expect(again.tables.rectifications.skipped).toBe(1);
    expect((await laptop.db.rectifications.get(made.task.id))?.deleted).toBe(1);
  });

  it('an edit on one side and a delete on the other is a conflict, not a silent loss', async () => {
    const { office, project, template } = await officeWithProject();
    const laptop = await machine('李工（笔记本）');
    const made = await auditWithPhoto(office, project.id, template);
    await mustImport(laptop, await exportFrom(office, [project.id]));
    await deleteRecord(office.w, 'findings', made.finding.id);
    await updateRecord<AuditFinding>(laptop.w, 'findings', made.finding.id, { description: '复查仍未更换' });
    const s = await mustImport(office, await exportFrom(laptop, [project.id]));
    expect(s.tables.findings.conflicts).toBe(1);
    const [c] = await listConflicts(office.db);
    expect(c.conflict.kind).toBe('delete-edit');
    expect(await resolvePendingConflict(office.w, c.rowId, 'incoming')).toBe('resolved');
    const f = (await office.db.findings.get(made.finding.id))!;
    expect([f.deleted, f.description]).toEqual([0, '复查仍未更换']);
  });

  it('a conflict whose local side changed meanwhile is shown again with the current local side', async () => {
    const { office, project, template } = await officeWithProject();
    const laptop = await machine('李工（笔记本）');
    const made = await auditWithPhoto(office, project.id, template);
    await mustImport(laptop, await exportFrom(office, [project.id]));
    await updateRecord<AuditFinding>(office.w, 'findings', made.finding.id, { description: '办公室版本' });
    await updateRecord<AuditFinding>(laptop.w, 'findings', made.finding.id, { description: '现场版本' });
    await mustImport(office, await exportFrom(laptop, [project.id]));
    const [c] = await listConflicts(office.db);
    await updateRecord<AuditFinding>(office.w, 'findings', made.finding.id, { description: '办公室又改了' });
    expect(await resolvePendingConflict(office.w, c.rowId, 'local')).toBe('refreshed');
    const [again] = await listConflicts(office.db);
    expect(again.conflict.fields).toEqual([{ field: 'description', local: '办公室又改了', incoming: '现场版本' }]);
    expect(await resolvePendingConflict(office.w, again.rowId, 'incoming')).toBe('resolved');
    expect((await office.db.findings.get(made.finding.id))?.description).toBe('现场版本');
  });

  it('a signed audit at the office is never altered by an import; the rejection is reported', async () => {
    const { office, project, template } = await officeWithProject();
    const laptop = await machine('李工（笔记本）');
    const made = await auditWithPhoto(office, project.id, template);
    await mustImport(laptop, await exportFrom(office, [project.id]));
    const signed = await sign(office, made.audit, made.photo);
    // The laptop still has the draft and edits it.
    await updateRecord<AuditRun>(laptop.w, 'audits', made.audit.id, { site: '市政务云机房 B 区' });
    // …edits its finding…
    await updateRecord<AuditFinding>(laptop.w, 'findings', made.finding.id, { description: '笔记本上改的' });
    // …and swaps the photo's bytes.
    const other = jpegish(2);
    await updateRecord<StoredFile>(laptop.w, 'files', made.photo.id, { blob: other, sha256: await blobSha(other), size: other.size });

    const before = await dump(office.db, { withoutImportLog: true });
    const s = await mustImport(office, await exportFrom(laptop, [project.id]));
    expect(s.tables.audits.rejected).toBe(1);
    expect(s.tables.files.rejected).toBe(1);
    expect(s.tables.findings.rejected).toBe(1);
    expect(s.rejections).toEqual(
      expect.arrayContaining([
        { entity: 'audits', id: made.audit.id, reason: 'locked' },
        { entity: 'files', id: made.photo.id, reason: 'locked' },
        { entity: 'findings', id: made.finding.id, reason: 'locked' },
      ]),
    );
    expect(await office.db.audits.get(made.audit.id)).toEqual(signed);
    expect(await dump(office.db, { withoutImportLog: true })).toBe(before);

    // The signed audit goes to the laptop intact: its draft edit conflicts; the locked side is whole-only.
    const back = await mustImport(laptop, await exportFrom(office, [project.id]));
    expect(back.tables.audits.conflicts).toBe(1);
    const c = (await listConflicts(laptop.db)).find((x) => x.entity === 'audits')!;
    expect(c.conflict.lockedSide).toBe('incoming');
    expect(c.wholeOnly).toBe(true);
    await expect(resolvePendingConflict(laptop.w, c.rowId, { site: 'incoming' })).rejects.toBeInstanceOf(ConflictChoiceError);
    expect(await resolvePendingConflict(laptop.w, c.rowId, 'incoming')).toBe('resolved');
    const taken = (await laptop.db.audits.get(made.audit.id))!;
    expect([taken.status, taken.contentHash, taken.site]).toEqual(['signed', signed.contentHash, signed.site]);
  });

  it('a review travels with its deduction, its evidence file and the (shared) starter system it uses', async () => {
    const { office, project } = await officeWithProject();
    const laptop = await machine('李工（笔记本）');
    await seedStarterSystems(office.w);
    await seedStarterSystems(laptop.w);
    const systemId = STARTER_SYSTEM_IDS.serviceEffect.id;
    const reviewId = crypto.randomUUID();
    const evidence = new Blob([new TextEncoder().encode('满意度调查报告')], { type: 'application/pdf' });
    const file = await insertRecord<StoredFile>(office.w, 'files', { ownerType: 'reviews', ownerId: reviewId, name: '满意度调查.pdf', mime: 'application/pdf', size: evidence.size, sha256: await blobSha(evidence), blob: evidence });
    await insertRecord<PerformanceReview>(office.w, 'reviews', {
      id: reviewId, projectId: project.id, systemId, periodStart: '2026-01-01', periodEnd: '2026-06-30', isFinal: false, status: 'final',
      entries: [{ indicatorId: 'x', value: '92.5', note: '', attachmentIds: [file.id] }], totalScore: 8_650, grade: 'good', coefficientBp: 9_500,
      finalisedAt: '2026-07-10T02:00:00.000Z', finalisedBy: '王芳', reopenings: [],
    });
    await insertRecord<PerformanceDeduction>(office.w, 'deductions', {
      reviewId, obligationId: crypto.randomUUID(), contractId: crypto.randomUUID(), projectId: project.id, performanceLinkedAmount: 1_000_000_00, coefficientBp: 9_500,
      amount: { amount: 50_000_00, currency: 'CNY' }, status: 'active', reversedAt: '', reversedBy: '', reversalJustification: '',
    });
    const s = await mustImport(laptop, await exportFrom(office, [project.id]));
    expect([s.tables.reviews.added, s.tables.deductions.added, s.tables.files.added]).toEqual([1, 1, 1]);
    // Both machines seeded the starter system with the same creation entry: the same version.
    expect(s.tables.indicatorSystems).toEqual({ added: 0, updated: 0, skipped: 1, conflicts: 0, rejected: 0 });
    expect(await blobSha((await laptop.db.files.get(file.id))!.blob)).toBe(file.sha256);
  });

  it('the same project code registered on both desks is refused as a whole, naming both projects; renamed, it merges', async () => {
    const { office, project } = await officeWithProject();
    const laptop = await machine('李工（笔记本）');
    // The laptop registers its own project with the office's code (it never saw the office's).
    const twin = await insertRecord<Project>(laptop.w, 'projects', { ...(await office.db.projects.get(project.id))!, id: crypto.randomUUID(), name: '城市大脑一期（现场登记）', departmentId: '' });
    const before = await dump(office.db);
    const r = await importInto(office, await exportFrom(laptop, [twin.id]));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      { entity: 'projects', id: twin.id, path: 'record.code', code: 'code-taken', params: { code: 'ZH-2025-001', name: '城市大脑一期（现场登记）', local: '城市大脑一期' } },
    ]);
    // Nothing written: the register still has one ZH-2025-001 and the import log is unchanged.
    expect(await dump(office.db)).toBe(before);
    // A person renames one of them (here on the laptop); the file then merges.
    await updateRecord<Project>(laptop.w, 'projects', twin.id, { code: 'ZH-2025-001-L' });
    const merged = await mustImport(office, await exportFrom(laptop, [twin.id]));
    expect(merged.tables.projects.added).toBe(1);
    expect((await office.db.projects.where('code').equals('ZH-2025-001').toArray()).map((p) => p.id)).toEqual([project.id]);
  });

  it('a conflict is not resolved into a code another project uses here', async () => {
    const { office, project } = await officeWithProject();
    const laptop = await machine('李工（笔记本）');
    await mustImport(laptop, await exportFrom(office, [project.id]));
    await insertRecord<Project>(office.w, 'projects', { ...(await office.db.projects.get(project.id))!, id: crypto.randomUUID(), code: 'ZH-2025-009', name: '另一项目' });
    // Both edit the project: the office its name, the laptop its code (to the other project's).
    await updateRecord<Project>(office.w, 'projects', project.id, { name: '城市大脑一期（改）' });
    await updateRecord<Project>(laptop.w, 'projects', project.id, { code: 'ZH-2025-009' });
    const summary = await mustImport(office, await exportFrom(laptop, [project.id]));
    expect(summary.tables.projects.conflicts).toBe(1);
    const [pending] = await listConflicts(office.db);
    await expect(resolvePendingConflict(office.w, pending.rowId, 'incoming')).rejects.toMatchObject({ area: 'projects', problems: [{ field: 'code', code: 'code-taken', params: { code: 'ZH-2025-009' } }] });
    expect((await office.db.projects.get(project.id))?.code).toBe('ZH-2025-001');
    expect(await resolvePendingConflict(office.w, pending.rowId, 'local')).toBe('resolved');
  });

  it('a change of code that frees the old one, in the same file, is not a clash', async () => {
    const { office, project } = await officeWithProject();
    const laptop = await machine('李工（笔记本）');
    await mustImport(laptop, await exportFrom(office, [project.id]));
    // The laptop renames the office's project and registers a new one under the old code.
    await updateRecord<Project>(laptop.w, 'projects', project.id, { code: 'ZH-2025-001-A' });
    const fresh = await insertRecord<Project>(laptop.w, 'projects', { ...(await laptop.db.projects.get(project.id))!, id: crypto.randomUUID(), code: 'ZH-2025-001', name: '城市大脑二期' });
    const summary = await mustImport(office, await exportFrom(laptop, [project.id, fresh.id]));
    expect([summary.tables.projects.added, summary.tables.projects.updated]).toEqual([1, 1]);
  });

  it('re-importing the same file changes nothing', async () => {
    const { office, project, template } = await officeWithProject();
    const laptop = await machine('李工（笔记本）');
    await auditWithPhoto(office, project.id, template);
    const bytes = await exportFrom(office, [project.id]);
    await mustImport(laptop, bytes);
    const before = await dump(laptop.db, { withoutImportLog: true });
    const s = await mustImport(laptop, bytes);
    for (const t of Object.values(s.tables)) expect([t.added, t.updated, t.conflicts, t.rejected]).toEqual([0, 0, 0, 0]);
    expect(s.tables.audits.skipped).toBe(1);
    expect(await dump(laptop.db, { withoutImportLog: true })).toBe(before);
    expect(await listImports(laptop.db)).toHaveLength(2);
  });

  it('an encrypted file opens only with its passphrase', async () => {
    const { office, project } = await officeWithProject();
    const laptop = await machine('李工（笔记本）');
    const bytes = await exportFrom(office, [project.id], '现场核查 2026');
    expect(new TextDecoder().decode(bytes)).not.toContain('城市大脑一期');
    const none = await importInto(laptop, bytes);
    expect(none.ok ? null : [none.needsPassphrase, none.problems[0].code]).toEqual([true, 'passphrase-required']);
    const wrong = await importInto(laptop, bytes, '错误口令');
    expect(wrong.ok ? null : wrong.problems[0].code).toBe('wrong-passphrase');
    const right = await importInto(laptop, bytes, '现场核查 2026');
    expect(right.ok && right.summary.tables.projects.added).toBe(1);
  });
});

// ---------------------------------------------------------------- hostile and broken files

describe('the office budget travels with every file', () => {
  it('budget figures and fiscal rule entries reach the other desk with their histories; a correction and a deletion follow', async () => {
    const { office, project } = await officeWithProject();
    const laptop = await machine('李工（笔记本）');
    const { saveBudgetLine, deleteBudgetLine, saveFiscalRule, listBudgetLines } = await import('../../../renderer/src/data/budgets');
    const dept = (await office.db.organisations.toArray())[0];
    const a = await saveBudgetLine(office.w, { kind: 'appropriation', year: 2027, departmentId: dept.id, amount: { amount: 2_600 * 1_000_000, currency: 'CNY' }, note: '' });
    const g = await saveBudgetLine(office.w, { kind: 'general-expenditure', year: 2027, departmentId: '', amount: { amount: 398_100 * 1_000_000, currency: 'CNY' }, note: '' });
    await saveFiscalRule(office.w, { rule: 'ppp-red-line', effectiveFrom: '2026-01-01', rateBp: 1000, warnBp: 500, reference: '市财政局' });

    const first = await mustImport(laptop, await exportFrom(office, [project.id]));
    expect(first.tables.budgets.added).toBe(2);
    expect(first.tables.fiscalRules.added).toBe(1);
    expect(await laptop.db.budgets.get(a.id)).toEqual(a);
    expect(await headOf(laptop.db, 'budgets', a.id)).toBe(await headOf(office.db, 'budgets', a.id));

    await saveBudgetLine(office.w, { kind: 'appropriation', year: 2027, departmentId: dept.id, amount: { amount: 1_800 * 1_000_000, currency: 'CNY' }, note: '压减' }, a.id);
    await deleteBudgetLine(office.w, g.id);
    const second = await mustImport(laptop, await exportFrom(office, [project.id]));
    expect(second.tables.budgets.updated).toBe(2);
    expect((await listBudgetLines(laptop.db)).map((b) => [b.kind, b.amount.amount, b.note])).toEqual([['appropriation', 1_800 * 1_000_000, '压减']]);
  });

  it('a format 3 file (written before budgets travelled, signed as written) still verifies and imports, as carrying none; a format 4 file must list them', async () => {
    const { office, project } = await officeWithProject();
    const laptop = await machine('李工（笔记本）');
    const o = open(await exportFrom(office, [project.id]));
    expect(o.manifest.formatVersion).toBe(4);
    const current = structuredClone(o);
    delete (current.manifest.counts as Record<string, number>).budgets;
    delete current.payload.tables.budgets;
    await resign(current, office.db);
    const missing = await readExchangeFile(await repack(current, { rehash: true }));
    expect(missing.ok).toBe(false);
    o.manifest.formatVersion = 3;
    const counts = o.manifest.counts as Record<string, number>;
    delete counts.budgets;
    delete counts.fiscalRules;
    delete o.payload.tables.budgets;
    delete o.payload.tables.fiscalRules;
    await resign(o, office.db);
    const bytes = await repack(o, { rehash: true });
    expect((await readExchangeFile(bytes)).ok).toBe(true);
    const summary = await mustImport(laptop, bytes);
    expect([summary.tables.projects.added, summary.tables.budgets.added, summary.tables.fiscalRules.added]).toEqual([1, 0, 0]);
  });
});

describe('malformed and hostile files are refused whole, with every problem by record', () => {
  async function sample() {
    const { office, project, template } = await officeWithProject();
    const made = await auditWithPhoto(office, project.id, template);
    const signed = await sign(office, made.audit, made.photo);
    return { office, project, made, signed, bytes: await exportFrom(office, [project.id]) };
  }

  it('wrong schema: each bad field is reported with entity, id, path and code', async () => {
    const { bytes, made } = await sample();
    const o = open(bytes);
    const finding = o.payload.tables.findings[0].record;
    finding.severity = 'catastrophic';
    finding.raisedOn = '2026-02-30';
    finding.auditId = 'not-a-uuid';
    const task = o.payload.tables.rectifications[0].record;
    delete task.owner;
    task.dueDate = 20261220;
    const problems = await problemsOf(await repack(o, { rehash: true }));
    expect(problems).toEqual(
      expect.arrayContaining([
        { entity: 'findings', id: made.finding.id, path: 'record.severity', code: 'invalid-value' },
        { entity: 'findings', id: made.finding.id, path: 'record.raisedOn', code: 'invalid-date' },
        { entity: 'findings', id: made.finding.id, path: 'record.auditId', code: 'invalid-uuid' },
        { entity: 'rectifications', id: made.task.id, path: 'record.owner', code: 'required' },
        { entity: 'rectifications', id: made.task.id, path: 'record.dueDate', code: 'invalid-type' },
      ]),
    );
  });

  it('a project breaking the register form\'s rules, or two with one code, is refused like the form refuses it', async () => {
    const { bytes, project } = await sample();
    const o = open(bytes);
    const record = o.payload.tables.projects[0].record;
    record.code = 'X'.repeat(41);
    record.name = '   ';
    record.plannedEndDate = '2023-01-01';
    const copy = { record: { ...record, id: crypto.randomUUID(), code: 'ZH-DUP' }, history: [] };
    const copy2 = { record: { ...copy.record, id: crypto.randomUUID() }, history: [] };
    o.payload.tables.projects.push(copy, copy2);
    o.manifest.counts = { ...(o.manifest.counts as object), projects: 3 };
    const problems = await problemsOf(await repack(o, { rehash: true }));
    expect(problems).toEqual(
      expect.arrayContaining([
        { entity: 'projects', id: project.id, path: 'record.code', code: 'too-long', params: { max: 40 } },
        { entity: 'projects', id: project.id, path: 'record.name', code: 'required', params: {} },
        { entity: 'projects', id: project.id, path: 'record.plannedEndDate', code: 'date-order', params: {} },
        { entity: 'projects', id: copy2.record.id, path: 'record.code', code: 'duplicate-code', params: { code: 'ZH-DUP', other: copy.record.id } },
      ]),
    );
  });

  it('oversized: the whole file, a declared section, and a string past its bound', async () => {
    const huge = { byteLength: 1024 * 1024 * 1024 + 1 } as Uint8Array;
    expect((await problemsOf(huge))[0]).toMatchObject({ entity: 'file', code: 'too-large' });

    const { bytes, made } = await sample();
    const declared = bytes.slice();
    new DataView(declared.buffer).setUint32(8, 0xfffffff0, true);
    expect((await problemsOf(declared))[0]).toMatchObject({ entity: 'file', code: 'section-too-large' });

    const o = open(bytes);
    o.payload.tables.findings[0].record.title = '超'.repeat(20_001);
    expect(await problemsOf(await repack(o, { rehash: true }))).toContainEqual({ entity: 'findings', id: made.finding.id, path: 'record.title', code: 'too-long', params: { max: 20_000 } });
  });

  it('mismatched blob hash and mismatched payload hash', async () => {
    const { bytes } = await sample();
    const flipped = bytes.slice();
    flipped[flipped.length - 10] ^= 0xff; // inside the last blob
    expect(await problemsOf(flipped)).toContainEqual(expect.objectContaining({ entity: 'blobs', code: 'blob-hash-mismatch' }));

    const o = open(bytes);
    o.payload.tables.findings[0].record.description = '篡改过的描述';
    expect(await problemsOf(await repack(o, { rehash: false }))).toContainEqual(expect.objectContaining({ entity: 'payload', code: 'payload-hash-mismatch' }));
  });

  it('a signed audit whose content no longer matches its seal', async () => {
    const { bytes, made } = await sample();
    const o = open(bytes);
    const audit = o.payload.tables.audits[0].record as unknown as AuditRun;
    audit.answers[1].value = 'pass';
    expect(await problemsOf(await repack(o, { rehash: true }))).toContainEqual({ entity: 'audits', id: made.audit.id, path: 'contentHash', code: 'audit-hash-mismatch' });
  });

  it.each([
    // name, mime, the problem: an arriving attachment meets the upload rules
    ['invoice\u202Efdp.exe', 'application/pdf', 'name', 'attachment-type', 'invoicefdp.exe'],
    ['现场照片\u200B.jpg', 'image/jpeg', 'name', 'attachment-name', '现场照片.jpg'],
    ['发票\u0007.pdf', 'application/pdf', 'name', 'attachment-name', '发票.pdf'],
    ['宏.docm', 'application/vnd.ms-word.document.macroEnabled.12', 'name', 'attachment-type', '宏.docm'],
    ['photo.jpg', 'application/x-msdownload', 'mime', 'attachment-mime', 'photo.jpg'],
  ])('an attachment named %j (%s) arriving in a file is refused, naming it', async (name, mime, path, code, shown) => {
    const { bytes, made } = await sample();
    const o = open(bytes);
    Object.assign(o.payload.tables.files.find((f) => f.record.id === made.photo.id)!.record, { name, mime });
    expect(await problemsOf(await repack(o, { rehash: true }))).toContainEqual({ entity: 'files', id: made.photo.id, path, code, params: { name: shown } });
  });

  it('__proto__ and constructor keys are refused, and nothing is polluted', async () => {
    const { bytes } = await sample();
    const o = open(bytes);
    const text = JSON.stringify(o.payload).replace('"site":', '"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"site":');
    const problems = await problemsOf(await repack(o, { rehash: true, payloadText: text }));
    expect(problems.filter((p) => p.code === 'forbidden-key').map((p) => p.path)).toEqual(
      expect.arrayContaining(['tables.audits[0].record.__proto__', 'tables.audits[0].record.constructor']),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('history entries that are missing, for another record, or unreferenced', async () => {
    const { bytes, made } = await sample();
    const o = open(bytes);
    o.payload.tables.findings[0].history.push(crypto.randomUUID());
    o.payload.tables.rectifications[0].history = [...o.payload.tables.findings[0].history.slice(0, 1)];
    const problems = await problemsOf(await repack(o, { rehash: true }));
    expect(problems).toContainEqual(expect.objectContaining({ entity: 'findings', id: made.finding.id, code: 'history-entry-missing' }));
    expect(problems).toContainEqual(expect.objectContaining({ entity: 'rectifications', id: made.task.id, code: 'history-entry-mismatch' }));
    expect(problems).toContainEqual(expect.objectContaining({ entity: 'changeLog', code: 'entry-unreferenced' }));
  });

  it('not an exchange file, truncated, or not JSON', async () => {
    expect((await problemsOf(new TextEncoder().encode('PK\u0003\u0004 a zip file')))[0].code).toBe('not-exchange-file');
    const { bytes } = await sample();
    expect((await problemsOf(bytes.subarray(0, 200)))[0].code).toBe('truncated');
    const o = open(bytes);
    expect(await problemsOf(await repack(o, { rehash: true, payloadText: '{"tables": [' }))).toContainEqual(expect.objectContaining({ entity: 'payload', code: 'invalid-json' }));
  });

  it('a corrupted file leaves the database byte-for-byte unchanged', async () => {
    const { office, project, template } = await officeWithProject();
    const laptop = await machine('李工（笔记本）');
    await mustImport(laptop, await exportFrom(office, [project.id]));
    await auditWithPhoto(laptop, project.id, template);
    await updateRecord<Project>(laptop.w, 'projects', project.id, { description: '笔记本上补充的说明' });
    const bytes = await exportFrom(laptop, [project.id]);
    const before = await dump(office.db);
    for (const at of [20, Math.floor(bytes.length / 2), bytes.length - 5]) {
      const bad = bytes.slice();
      bad[at] ^= 0x5a;
      const r = await importInto(office, bad);
      expect(r.ok).toBe(false);
      expect(await dump(office.db)).toBe(before);
    }
  });

  it('script in text fields is stored verbatim as text', async () => {
    const { office, project, template } = await officeWithProject();
    const laptop = await machine('李工（笔记本）');
    const made = await auditWithPhoto(laptop, project.id, template);
    const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    await updateRecord<AuditFinding>(laptop.w, 'findings', made.finding.id, { title: hostile, description: `"'&<b>` });
    await mustImport(office, await exportFrom(laptop, [project.id]));
    const f = (await office.db.findings.get(made.finding.id))!;
    expect([f.title, f.description]).toEqual([hostile, `"'&<b>`]);
  });
});
