import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditRun, ChecklistItem } from '../../../renderer/src/domain/audits/audit-types';
import { AuditNotSignableError } from '../../../renderer/src/domain/audits/audits';
import { STARTER_CHECKLIST_CREATE_CHANGE_IDS, STARTER_CHECKLIST_IDS } from '../../../renderer/src/domain/audits/starter-checklists';
import {
  addAuditPhoto,
  addFinding,
  AuditLockedError,
  auditPhotoHashes,
  createAudit,
  deleteAudit,
  getAudit,
  listAuditRows,
  listFindings,
  removeAuditPhoto,
  saveAnswer,
  signAuditRun,
  updateAuditHeader,
  verifyStoredAudit,
} from '../../../renderer/src/data/audits';
import { ChecklistInvalidError, createTemplate, deleteTemplate, ensureStarterChecklists, getTemplate, listTemplates, updateTemplate } from '../../../renderer/src/data/checklists';
import { fileBlob, listFiles, sha256Blob } from '../../../renderer/src/data/files';
import { listTaskRows, TaskInputError, tasksByFinding, updateTask } from '../../../renderer/src/data/rectification';
import { deleteRecord, historyOf, insertRecord, type Writer } from '../../../renderer/src/data/repo';
import { loadDemo } from '../../../renderer/src/data/demo';
import { placeholderPhoto } from '../../../renderer/src/data/demo/placeholder-png';
import type { Organisation, Project } from '../../../renderer/src/domain/core/types';
import { freshDb } from './helpers';

const png = (seed: number) => ({ name: `p${seed}.png`, blob: new Blob([placeholderPhoto(seed) as Uint8Array<ArrayBuffer>], { type: 'image/png' }), width: 128, height: 96 });

async function project(w: Writer, operator = ''): Promise<Project> {
  let operatorId = '';
  if (operator) operatorId = (await insertRecord<Organisation>(w, 'organisations', { name: operator, kind: 'company', isSme: true, creditCode: '', contact: '' })).id;
  return insertRecord<Project>(w, 'projects', {
    code: 'ZH-T-001', name: '城市大脑一期', searchText: '', category: 'city-brain', departmentId: '', phase: 'operate', phaseSince: '2024-01-01',
    description: '', budget: { amount: 0, currency: 'CNY' }, startDate: '', plannedEndDate: '', operatorId, operatingModel: '', omFundingSource: '',
    benefitSharing: '', supervision: '', valueForMoney: { date: '', reference: '' }, fiscalAffordability: { date: '', reference: '' },
    completionAcceptance: { date: '', reference: '' }, reviewCycle: '', transferAudit: { date: '', reference: '' }, indicatorSystemId: '',
  });
}

function passing(item: ChecklistItem): string {
  if (item.answerType === 'pass-fail-na') return 'pass';
  if (item.answerType === 'score') return String(item.maxScore);
  if (item.answerType === 'number') return item.range?.min ?? item.range?.max ?? '1';
  return 'ok';
}

/** A data-centre audit with every item answered to pass; no photos yet. */
async function answeredAudit(w: Writer, projectId: string): Promise<AuditRun> {
  await ensureStarterChecklists(w);
  const audit = await createAudit(w, { projectId, templateId: STARTER_CHECKLIST_IDS.dataCentre, site: '市大数据中心 A 栋', date: '2026-09-15', auditors: ['李明', ' '] });
  let last = audit;
  for (const item of audit.template.sections.flatMap((s) => s.items)) last = await saveAnswer(w, audit.id, item.id, { value: passing(item) });
  return last;
}

const PHOTO_ITEMS = ['dc-env-3', 'dc-safe-1', 'dc-eqp-3'];

async function withPhotos(w: Writer, auditId: string): Promise<void> {
  for (const [i, itemId] of PHOTO_ITEMS.entries()) await addAuditPhoto(w, auditId, png(i + 1), { itemId });
}

describe('starter checklists', () => {
  it('seeds both templates once, under their fixed creation ids, and never resurrects a deleted one', async () => {
    const { db, w } = await freshDb();
    expect(await ensureStarterChecklists(w)).toBe(2);
    expect(await ensureStarterChecklists(w)).toBe(0);
    expect((await listTemplates(db)).map((t) => t.id).sort()).toEqual(Object.values(STARTER_CHECKLIST_IDS).sort());
    for (const id of Object.values(STARTER_CHECKLIST_IDS)) {
      const log = await historyOf(db, 'checklistTemplates', id);
      expect(log.map((e) => [e.op, e.id])).toEqual([['create', STARTER_CHECKLIST_CREATE_CHANGE_IDS[id]]]);
    }
    // Two concurrent callers (the tab and the section mounting together) still seed once.
    const { db: db2, w: w2 } = await freshDb();
    expect((await Promise.all([ensureStarterChecklists(w2), ensureStarterChecklists(w2)])).sort()).toEqual([0, 2]);
    expect(await db2.checklistTemplates.count()).toBe(2);

    await deleteTemplate(w, STARTER_CHECKLIST_IDS.commandCentre);
    expect(await ensureStarterChecklists(w)).toBe(0);
    expect((await listTemplates(db)).map((t) => t.id)).toEqual([STARTER_CHECKLIST_IDS.dataCentre]);
  });

  it('validates template edits; audits keep the snapshot they started from', async () => {
    const { db, w } = await freshDb();
    const p = await project(w);
    await ensureStarterChecklists(w);
    await expect(createTemplate(w, { name: { zh: ' ', en: '' }, description: { zh: '', en: '' }, sections: [] })).rejects.toSatisfy(
      (e) => e instanceof ChecklistInvalidError && e.problems.map((i) => i.code).join() === 'template.name-missing,template.no-items',
    );
    const mine = await createTemplate(w, {
      name: { zh: ' 自定义核查 ', en: 'Custom' },
      description: { zh: '', en: '' },
      sections: [{ id: 's1', title: { zh: '一', en: 'One' }, items: [{ id: 'i1', text: { zh: '门禁正常', en: 'Access ok' }, answerType: 'pass-fail-na', photoRequired: false, severityIfFailed: 'high' }] }],
    });
    expect(mine.name.zh).toBe('自定义核查');
    const audit = await createAudit(w, { projectId: p.id, templateId: mine.id, site: '机房', date: '2026-10-01', auditors: ['王芳'] });
    const edited = structuredClone(mine.sections);
    edited[0].items[0].text.zh = '门禁和视频监控正常';
    await updateTemplate(w, mine.id, { name: mine.name, description: mine.description, sections: edited });
    expect((await getTemplate(db, mine.id))?.sections[0].items[0].text.zh).toBe('门禁和视频监控正常');
    expect((await getAudit(db, audit.id))?.template.sections[0].items[0].text.zh).toBe('门禁正常');
    expect((await getAudit(db, audit.id))?.template.templateRev).toBe(1);
  });
});

describe('audit lifecycle', () => {
  it('creates a draft, records answers, and raises, updates and withdraws findings as items fail', async () => {
    const { db, w } = await freshDb();
    const p = await project(w);
    const audit = await answeredAudit(w, p.id);
    expect(audit.status).toBe('draft');
    expect(audit.auditors).toEqual(['李明']);
    expect(await listFindings(db, audit.id)).toEqual([]);

    // 28.5 ℃ is outside 18–27: a medium finding with the note as its description.
    await saveAnswer(w, audit.id, 'dc-env-1', { value: '28.5', note: '冷通道 B 列' });
    let findings = await listFindings(db, audit.id);
    expect(findings.map((f) => [f.itemId, f.severity, f.title, f.description, f.raisedOn])).toEqual([['dc-env-1', 'medium', '冷通道温度', '冷通道 B 列', '2026-09-15']]);
    await saveAnswer(w, audit.id, 'dc-env-1', { note: '冷通道 B 列盲板缺失' });
    await updateAuditHeader(w, audit.id, { site: '市大数据中心 A 栋', date: '2026-09-16', auditors: ['李明'] });
    findings = await listFindings(db, audit.id);
    expect(findings.map((f) => [f.description, f.raisedOn, f.rev])).toEqual([['冷通道 B 列盲板缺失', '2026-09-16', 3]]);

    await saveAnswer(w, audit.id, 'dc-om-2', { value: 'fail' });
    expect((await listFindings(db, audit.id)).map((f) => f.severity)).toEqual(['medium', 'critical']);
    await saveAnswer(w, audit.id, 'dc-env-1', { value: '24' });
    expect((await listFindings(db, audit.id)).map((f) => f.itemId)).toEqual(['dc-om-2']);

    const hand = await addFinding(w, audit.id, { severity: 'low', title: '消防通道堆放纸箱', description: '' });
    expect(hand.itemId).toBe('');
    await expect(addFinding(w, audit.id, { severity: 'low', title: ' ', description: '' })).rejects.toThrow(/finding.title-missing/);
    await expect(saveAnswer(w, audit.id, 'no-such-item', { value: 'pass' })).rejects.toThrow(/answer.unknown-item/);

    const rows = await listAuditRows(db, p.id);
    expect(rows.map((r) => [r.audit.id, r.findings, r.summary.fail, r.project?.code])).toEqual([[audit.id, 2, 1, 'ZH-T-001']]);
  });

  it('refuses to sign while a required photo is missing, and signs once it is attached', async () => {
    const { db, w } = await freshDb();
    const p = await project(w);
    const audit = await answeredAudit(w, p.id);
    await expect(signAuditRun(w, audit.id, { name: '李明' })).rejects.toSatisfy(
      (e) => e instanceof AuditNotSignableError && e.problems.filter((i) => i.code === 'answer.photo-required').map((i) => i.params.itemId).join() === PHOTO_ITEMS.join(),
    );
    expect((await getAudit(db, audit.id))?.status).toBe('draft');

    await withPhotos(w, audit.id);
    // Answering "not applicable" also lifts the requirement; a removed photo counts as missing again.
    const extra = await addAuditPhoto(w, audit.id, png(9), { itemId: '', caption: '全景' });
    await removeAuditPhoto(w, audit.id, extra.id);
    expect((await listFiles(db, 'audits', audit.id)).length).toBe(3);

    const signed = await signAuditRun(w, audit.id, { name: '李明' });
    expect(signed.status).toBe('signed');
    expect(signed.signature).toEqual({ kind: 'typed', name: '李明' });
    expect(signed.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stores photos with the SHA-256 of their bytes', async () => {
    const { db, w } = await freshDb();
    const p = await project(w);
    const audit = await answeredAudit(w, p.id);
    const photo = await addAuditPhoto(w, audit.id, png(4), { itemId: 'dc-env-3', caption: ' UPS 面板 ' });
    expect(photo.caption).toBe('UPS 面板');
    const [file] = await listFiles(db, 'audits', audit.id);
    expect(file.id).toBe(photo.id);
    expect(file.sha256).toBe(createHash('sha256').update(placeholderPhoto(4)).digest('hex'));
    expect([file.mime, file.size, file.width, file.height]).toEqual(['image/png', placeholderPhoto(4).length, 128, 96]);
    expect(await sha256Blob((await fileBlob(db, photo.id))!)).toBe(file.sha256);
    expect((await auditPhotoHashes(db, (await getAudit(db, audit.id))!)).get(photo.id)).toBe(file.sha256);
  });

  it('locks a signed audit: every edit is refused and nothing changes', async () => {
    const { db, w } = await freshDb();
    const p = await project(w);
    const audit = await answeredAudit(w, p.id);
    await withPhotos(w, audit.id);
    const signed = await signAuditRun(w, audit.id, { name: '李明' });
    const [photo] = signed.photos;
    const refused = [
      () => saveAnswer(w, audit.id, 'dc-env-1', { value: '30' }),
      () => updateAuditHeader(w, audit.id, { site: '别处', date: '2026-09-15', auditors: ['李明'] }),
      () => addAuditPhoto(w, audit.id, png(7), { itemId: '' }),
      () => removeAuditPhoto(w, audit.id, photo.id),
      () => addFinding(w, audit.id, { severity: 'low', title: '补记', description: '' }),
      () => signAuditRun(w, audit.id, { name: '王芳' }),
      () => deleteAudit(w, audit.id),
    ];
    for (const attempt of refused) await expect(attempt()).rejects.toBeInstanceOf(AuditLockedError);
    expect(await getAudit(db, audit.id)).toEqual(signed);
    expect(await verifyStoredAudit(db, signed)).toBe(true);
  });

  it('verifies the sealed hash, and fails it for a tampered answer or photo', async () => {
    const { db, w } = await freshDb();
    const p = await project(w);
    const audit = await answeredAudit(w, p.id);
    await withPhotos(w, audit.id);
    const signed = await signAuditRun(w, audit.id, { name: '李明', drawing: new Blob([placeholderPhoto(42) as Uint8Array<ArrayBuffer>], { type: 'image/png' }) });
    expect(signed.signature?.kind).toBe('drawn');
    const sigId = signed.signature?.kind === 'drawn' ? signed.signature.imageId : '';
    expect((await listFiles(db, 'audits', audit.id)).map((f) => f.id)).toContain(sigId);
    expect(await verifyStoredAudit(db, (await getAudit(db, audit.id))!)).toBe(true);

    // Someone edits IndexedDB directly: the answer changes, the stored hash does not.
    const tampered = structuredClone(signed);
    tampered.answers = tampered.answers.map((a) => (a.itemId === 'dc-env-1' ? { ...a, value: '35' } : a));
    await db.audits.put(tampered);
    expect(await verifyStoredAudit(db, (await getAudit(db, audit.id))!)).toBe(false);
    await db.audits.put(signed);
    expect(await verifyStoredAudit(db, signed)).toBe(true);

    // A swapped photo (bytes and even its sha256 field) fails too: verification rehashes the bytes.
    const file = (await db.files.get(signed.photos[0].id))!;
    await db.files.put({ ...file, blob: new Blob([placeholderPhoto(99) as Uint8Array<ArrayBuffer>], { type: 'image/png' }) });
    expect(await verifyStoredAudit(db, signed)).toBe(false);
    // A draft never verifies.
    const draft = await answeredAudit(w, p.id);
    expect(await verifyStoredAudit(db, draft)).toBe(false);
  });
});

describe('rectification tasks', () => {
  it('turns every finding into a task at sign-off, due by severity and owned by the operator', async () => {
    const { db, w } = await freshDb();
    const p = await project(w, '数智城市科技有限公司');
    const audit = await answeredAudit(w, p.id);
    await withPhotos(w, audit.id);
    await saveAnswer(w, audit.id, 'dc-om-2', { value: 'fail', note: '无恢复演练记录' }); // critical: 7 days
    await saveAnswer(w, audit.id, 'dc-eqp-2', { value: '5' }); // low (below pass score 6): 60 days
    await addFinding(w, audit.id, { severity: 'high', title: '消防通道堆放纸箱', description: '' }); // 15 days
    const findings = await listFindings(db, audit.id);
    expect((await tasksByFinding(db, findings.map((f) => f.id))).size).toBe(0); // no tasks while a draft

    await signAuditRun(w, audit.id, { name: '李明' });
    const tasks = await tasksByFinding(db, findings.map((f) => f.id));
    // Raised 2026-09-15: +7 → 09-22, +60 → 11-14, +15 → 09-30.
    expect(findings.map((f) => [f.severity, tasks.get(f.id)?.dueDate, tasks.get(f.id)?.status, tasks.get(f.id)?.owner])).toEqual([
      ['critical', '2026-09-22', 'open', '数智城市科技有限公司'],
      ['low', '2026-11-14', 'open', '数智城市科技有限公司'],
      ['high', '2026-09-30', 'open', '数智城市科技有限公司'],
    ]);
  });

  it('moves a task through its statuses; verifying needs a note and is final', async () => {
    const { db, w } = await freshDb();
    const p = await project(w);
    const audit = await answeredAudit(w, p.id);
    await withPhotos(w, audit.id);
    await saveAnswer(w, audit.id, 'dc-om-2', { value: 'fail' });
    await signAuditRun(w, audit.id, { name: '李明' });
    const [row] = await listTaskRows(db, {}, '2026-09-20');
    const id = row.task.id;
    const codes = (e: unknown) => (e instanceof TaskInputError ? e.problems.map((i) => i.code).join() : String(e));
    await expect(updateTask(w, id, { status: 'verified', verificationNote: '已复查' }).catch(codes)).resolves.toBe('rectification.transition-invalid');
    await expect(updateTask(w, id, { dueDate: '2026-02-30' }).catch(codes)).resolves.toBe('rectification.due-date-invalid');
    await updateTask(w, id, { owner: ' 市信息中心 ', status: 'in-progress' });
    await updateTask(w, id, { status: 'done' });
    await expect(updateTask(w, id, { status: 'verified', verificationNote: ' ' }).catch(codes)).resolves.toBe('rectification.verification-note-missing');
    const verified = await updateTask({ ...w, by: '王芳' }, id, { status: 'verified', verificationNote: '查阅恢复演练报告' });
    expect([verified.owner, verified.status, verified.verifiedBy, verified.verifiedAt !== '']).toEqual(['市信息中心', 'verified', '王芳', true]);
    await expect(updateTask(w, id, { owner: '别人' }).catch(codes)).resolves.toBe('rectification.verified-final');
    expect((await historyOf(db, 'rectifications', id)).map((e) => e.op)).toEqual(['create', 'update', 'update', 'update']);
  });

  it('lists overdue tasks first with their days overdue, and filters by status and project', async () => {
    const { db, w } = await freshDb();
    const p = await project(w);
    const audit = await answeredAudit(w, p.id);
    await withPhotos(w, audit.id);
    await saveAnswer(w, audit.id, 'dc-env-1', { value: '30' }); // medium → due 10-15
    await saveAnswer(w, audit.id, 'dc-om-2', { value: 'fail' }); // critical → due 09-22
    await signAuditRun(w, audit.id, { name: '李明' });
    // As of 2026-10-01: the critical task is 9 days overdue; the medium one is not due yet.
    let rows = await listTaskRows(db, {}, '2026-10-01');
    expect(rows.map((r) => [r.finding?.itemId, r.overdue, r.daysOverdue, r.project?.code, r.audit?.site])).toEqual([
      ['dc-om-2', true, 9, 'ZH-T-001', '市大数据中心 A 栋'],
      ['dc-env-1', false, 0, 'ZH-T-001', '市大数据中心 A 栋'],
    ]);
    // The due date itself is on time; a done task stops the clock.
    await updateTask(w, rows[1].task.id, { dueDate: '2026-10-01' });
    expect((await listTaskRows(db, { status: 'overdue' }, '2026-10-01')).length).toBe(1);
    await updateTask(w, rows[0].task.id, { status: 'done' });
    rows = await listTaskRows(db, { status: 'overdue' }, '2026-10-02');
    expect(rows.map((r) => [r.finding?.itemId, r.daysOverdue])).toEqual([['dc-env-1', 1]]);
    expect((await listTaskRows(db, { status: 'done', projectId: p.id }, '2026-10-02')).length).toBe(1);
    expect((await listTaskRows(db, { projectId: 'other' }, '2026-10-02')).length).toBe(0);
    // A deleted project's tasks stay on the board without its code and name, as its audits do.
    await deleteRecord<Project>(w, 'projects', p.id);
    expect((await listTaskRows(db, {}, '2026-10-02')).map((r) => r.project)).toEqual([undefined, undefined]);
  });
});

describe('demo audits', () => {
  it('load in Node with photos, signed audits that verify, drafts, and tasks in every status incl. overdue', async () => {
    const { db, w } = await freshDb();
    await loadDemo(w);
    const audits = await db.audits.toArray();
    expect(audits.filter((a) => a.status === 'signed').length).toBe(3);
    expect(audits.filter((a) => a.status === 'draft').length).toBe(1);
    for (const a of audits.filter((x) => x.status === 'signed')) expect(await verifyStoredAudit(db, a), a.site).toBe(true);
    expect(audits.some((a) => a.signature?.kind === 'drawn')).toBe(true);
    expect((await db.files.count()) >= 8).toBe(true);
    const rows = await listTaskRows(db, {}, '2026-11-24');
    expect(new Set(rows.map((r) => r.task.status))).toEqual(new Set(['open', 'in-progress', 'done', 'verified']));
    expect(rows.filter((r) => r.overdue).map((r) => r.task.status).sort()).toEqual(['in-progress', 'open', 'open']);
    const draft = audits.find((a) => a.status === 'draft')!;
    expect((await listFindings(db, draft.id)).map((f) => f.itemId)).toEqual(['dc-env-5']);
  });
});
