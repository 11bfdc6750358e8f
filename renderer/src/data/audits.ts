// Field audit repository: audit runs (header, answers, photos, sign-off) and their findings.
// A signed audit is locked: every function here refuses to change it or its findings. Findings for
// failed items follow the answers while the audit is a draft; signing turns every finding into a
// rectification task (data/rectification.ts).
import {
  auditSealText,
  auditSummary,
  isAuditLocked,
  raiseFindings,
  signAudit,
  snapshotTemplate,
  verifyAuditHash,
  type AuditSummary,
  type PhotoHashes,
} from '../domain/audits/audits';
import type { AuditAnswer, AuditFinding, AuditPhotoRef, AuditRun, AuditSignature, RectificationTask, Severity } from '../domain/audits/audit-types';
import { SEVERITIES } from '../domain/audits/audit-types';
import { isIsoDate } from '../domain/core/dates';
import { problem, ProblemsError, type Problem } from '../domain/core/problems';
import type { IsoDate, Project } from '../domain/core/types';
import type { StoredFile, WorkbenchDb } from './db';
import { getTemplate } from './checklists';
import { deleteFile, recomputedHashes, sha256Blob, storedHashes, storeFile } from './files';
import { createTasksForFindings, tasksByFinding } from './rectification';
import { deleteRecord, insertMany, insertRecord, newId, RecordMissingError, updateRecord, type Writer } from './repo';
import { getSetting, setSetting } from './settings';
import { awaitInTx } from './tx-wait';
import { signAsDesk } from './trail/desk';

/** Owner type of audit photos and drawn signatures in the files table. */
export const AUDIT_FILE_OWNER = 'audits';

export class AuditLockedError extends ProblemsError {
  constructor(readonly auditId: string) {
    super('audits', [problem('locked', { auditId })]);
    this.name = 'AuditLockedError';
  }
}

/** Input the repository refuses; nothing was written. */
export class AuditInputError extends ProblemsError {
  constructor(problems: Problem[]) {
    super('audits', problems);
    this.name = 'AuditInputError';
  }
}

/** The audit changed between reading it and writing the sign-off (another window saved). */
export class AuditChangedError extends ProblemsError {
  constructor(readonly auditId: string) {
    super('audits', [problem('changed', { auditId })]);
    this.name = 'AuditChangedError';
  }
}

const MAX_TEXT = 2000;
const MAX_SHORT = 200;

// ---------------------------------------------------------------- settings

const KEEP_ORIGINALS_KEY = 'audits.keepOriginals';

/** Whether attached photos keep the file as taken next to the downscaled copy (default: no). */
export async function getKeepOriginals(db: WorkbenchDb): Promise<boolean> {
  return (await getSetting<boolean>(db, KEEP_ORIGINALS_KEY)) === true;
}

export function setKeepOriginals(db: WorkbenchDb, keep: boolean): Promise<void> {
  return setSetting(db, KEEP_ORIGINALS_KEY, keep);
}

// ---------------------------------------------------------------- reads

export async function getAudit(db: WorkbenchDb, id: string): Promise<AuditRun | undefined> {
  const a = await db.audits.get(id);
  return a && !a.deleted ? a : undefined;
}

const newestFirst = (a: AuditRun, b: AuditRun) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1);

/** The project's audits, newest first. */
export async function listAudits(db: WorkbenchDb, projectId: string): Promise<AuditRun[]> {
  const rows = await db.audits.where('projectId').equals(projectId).toArray();
  return rows.filter((a) => !a.deleted).sort(newestFirst);
}

export async function listAllAudits(db: WorkbenchDb): Promise<AuditRun[]> {
  const rows = await db.audits.toArray();
  return rows.filter((a) => !a.deleted).sort(newestFirst);
}

export async function listFindings(db: WorkbenchDb, auditId: string): Promise<AuditFinding[]> {
  const rows = await db.findings.where('auditId').equals(auditId).toArray();
  return rows.filter((f) => !f.deleted).sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}

export interface AuditListRow {
  audit: AuditRun;
  project: Pick<Project, 'id' | 'code' | 'name'> | undefined;
  summary: AuditSummary;
  findings: number;
}

/** Audit list rows (one project's, or all) with pass rate, findings count and project name. */
export async function listAuditRows(db: WorkbenchDb, projectId?: string): Promise<AuditListRow[]> {
  const audits = projectId ? await listAudits(db, projectId) : await listAllAudits(db);
  const findings = projectId ? await db.findings.where('projectId').equals(projectId).toArray() : await db.findings.toArray();
  const count = new Map<string, number>();
  for (const f of findings) if (!f.deleted) count.set(f.auditId, (count.get(f.auditId) ?? 0) + 1);
  const projectIds = [...new Set(audits.map((a) => a.projectId))];
  const projects = await db.projects.bulkGet(projectIds);
  const projectById = new Map(projects.filter((p): p is Project => !!p && !p.deleted).map((p) => [p.id, p]));
  return audits.map((audit) => {
    const p = projectById.get(audit.projectId);
    return {
      audit,
      project: p ? { id: p.id, code: p.code, name: p.name } : undefined,
      summary: auditSummary(audit),
      findings: count.get(audit.id) ?? 0,
    };
  });
}

/** Ids of every image the audit's hash covers: photos and a drawn signature. */
export function auditImageIds(audit: Pick<AuditRun, 'photos' | 'signature'>): string[] {
  const ids = audit.photos.map((p) => p.id);
  if (audit.signature?.kind === 'drawn') ids.push(audit.signature.imageId);
  return ids;
}

/** Image id → stored SHA-256, as signAudit and verifyAuditHash take them. */
export function auditPhotoHashes(db: WorkbenchDb, audit: Pick<AuditRun, 'photos' | 'signature'>): Promise<PhotoHashes> {
  return storedHashes(db, auditImageIds(audit));
}

/**
 * Re-checks a signed audit: hashes every image from its stored bytes and the content against the
 * sealed hash. False for drafts, changed answers, or a changed or missing image.
 */
export async function verifyStoredAudit(db: WorkbenchDb, audit: AuditRun): Promise<boolean> {
  if (!isAuditLocked(audit)) return false;
  return awaitInTx(verifyAuditHash(audit, await recomputedHashes(db, auditImageIds(audit))));
}

/** The audit's photos and signature files (for thumbnails and exports). */
export async function auditFiles(db: WorkbenchDb, audit: Pick<AuditRun, 'photos' | 'signature'>): Promise<Map<string, StoredFile>> {
  const ids = auditImageIds(audit);
  const rows = await db.files.bulkGet(ids);
  return new Map(rows.filter((f): f is StoredFile => !!f && !f.deleted).map((f) => [f.id, f]));
}

export interface AuditView {
  audit: AuditRun;
  project: Pick<Project, 'id' | 'code' | 'name'> | undefined;
  files: Map<string, StoredFile>;
  findings: AuditFinding[];
  /** findingId → its rectification task (signed audits only). */
  tasks: Map<string, RectificationTask>;
}

/** Everything the audit screen shows, in one read (one live query). */
export async function loadAuditView(db: WorkbenchDb, auditId: string): Promise<AuditView | undefined> {
  const audit = await getAudit(db, auditId);
  if (!audit) return undefined;
  const [project, files, findings] = await Promise.all([db.projects.get(audit.projectId), auditFiles(db, audit), listFindings(db, auditId)]);
  return {
    audit,
    project: project && !project.deleted ? { id: project.id, code: project.code, name: project.name } : undefined,
    files,
    findings,
    tasks: await tasksByFinding(db, findings.map((f) => f.id)),
  };
}

// ---------------------------------------------------------------- writes on a draft

/** Reads a draft inside the caller's transaction; throws when missing or signed. */
async function draftAudit(db: WorkbenchDb, auditId: string): Promise<AuditRun> {
  const audit = await getAudit(db, auditId);
  if (!audit) throw new RecordMissingError('audits', auditId);
  if (isAuditLocked(audit)) throw new AuditLockedError(auditId);
  return audit;
}

export interface AuditHeader {
  site: string;
  date: IsoDate;
  auditors: string[];
}

function cleanHeader(h: AuditHeader): AuditHeader {
  return { site: h.site.trim(), date: h.date, auditors: h.auditors.map((a) => a.trim()).filter(Boolean) };
}

function headerIssues(h: AuditHeader): Problem[] {
  const out: Problem[] = [];
  if (!h.site) out.push(problem('audit.site-missing'));
  else if (h.site.length > MAX_SHORT) out.push(problem('audit.site-too-long', { max: MAX_SHORT }));
  if (!isIsoDate(h.date)) out.push(problem('audit.date-invalid'));
  if (h.auditors.length === 0) out.push(problem('audit.auditors-missing'));
  return out;
}

/** Starts a draft audit from a template, freezing a snapshot of it. */
export async function createAudit(w: Writer, input: AuditHeader & { projectId: string; templateId: string }): Promise<AuditRun> {
  const header = cleanHeader(input);
  const issues = headerIssues(header);
  if (issues.length) throw new AuditInputError(issues);
  const template = await getTemplate(w.db, input.templateId);
  if (!template) throw new RecordMissingError('checklistTemplates', input.templateId);
  return insertRecord<AuditRun>(w, 'audits', {
    projectId: input.projectId,
    ...header,
    templateId: template.id,
    template: snapshotTemplate(template),
    answers: [],
    photos: [],
    status: 'draft',
    signedBy: '',
    signedAt: '',
    signature: null,
    contentHash: '',
  });
}

const AUDIT_TABLES = ['audits', 'findings', 'changeLog'] as const;

export async function updateAuditHeader(w: Writer, auditId: string, input: AuditHeader): Promise<AuditRun> {
  const header = cleanHeader(input);
  const issues = headerIssues(header);
  if (issues.length) throw new AuditInputError(issues);
  return w.db.transaction('rw', [...AUDIT_TABLES], async () => {
    await draftAudit(w.db, auditId);
    const next = await updateRecord<AuditRun>(w, 'audits', auditId, header);
    await syncItemFindings(w, next);
    return next;
  });
}

/**
 * Records the answer to one item (value and/or note). Findings for failed items are raised,
 * updated or withdrawn in the same transaction.
 */
export async function saveAnswer(w: Writer, auditId: string, itemId: string, change: { value?: string; note?: string }): Promise<AuditRun> {
  if ((change.value?.length ?? 0) > MAX_TEXT || (change.note?.length ?? 0) > MAX_TEXT) {
    throw new AuditInputError([problem('answer.too-long', { max: MAX_TEXT })]);
  }
  return w.db.transaction('rw', [...AUDIT_TABLES], async () => {
    const audit = await draftAudit(w.db, auditId);
    if (!audit.template.sections.some((s) => s.items.some((i) => i.id === itemId))) {
      throw new AuditInputError([problem('answer.unknown-item', { itemId })]);
    }
    const before = audit.answers.find((a) => a.itemId === itemId) ?? { itemId, value: '', note: '' };
    const answer: AuditAnswer = { itemId, value: change.value ?? before.value, note: change.note ?? before.note };
    const answers = audit.answers.filter((a) => a.itemId !== itemId);
    if (answer.value !== '' || answer.note !== '') answers.push(answer);
    const next = await updateRecord<AuditRun>(w, 'audits', auditId, { answers });
    await syncItemFindings(w, next);
    return next;
  });
}

/** An image ready to store: already downscaled in the browser (data/images.ts) or built in code. */
export interface PreparedImage {
  name: string;
  blob: Blob;
  original?: Blob;
  width?: number;
  height?: number;
}

/** Stores the photo and attaches it to the audit (itemId '' = a general site photo). */
export async function addAuditPhoto(w: Writer, auditId: string, image: PreparedImage, ref: { itemId: string; caption?: string }): Promise<AuditPhotoRef> {
  const sha256 = await sha256Blob(image.blob);
  return w.db.transaction('rw', ['audits', 'files', 'changeLog'], async () => {
    const audit = await draftAudit(w.db, auditId);
    if (ref.itemId !== '' && !audit.template.sections.some((s) => s.items.some((i) => i.id === ref.itemId))) {
      throw new AuditInputError([problem('photo.unknown-item', { itemId: ref.itemId })]);
    }
    const file = await storeFile(w, { ownerType: AUDIT_FILE_OWNER, ownerId: auditId, ...image, sha256 });
    const photo: AuditPhotoRef = { id: file.id, itemId: ref.itemId, caption: (ref.caption ?? '').trim().slice(0, MAX_SHORT) };
    await updateRecord<AuditRun>(w, 'audits', auditId, { photos: [...audit.photos, photo] });
    return photo;
  });
}

export async function removeAuditPhoto(w: Writer, auditId: string, photoId: string): Promise<void> {
  await w.db.transaction('rw', ['audits', 'files', 'changeLog'], async () => {
    const audit = await draftAudit(w.db, auditId);
    if (!audit.photos.some((p) => p.id === photoId)) return;
    await updateRecord<AuditRun>(w, 'audits', auditId, { photos: audit.photos.filter((p) => p.id !== photoId) });
    await deleteFile(w, photoId);
  });
}

/** Tombstones a draft audit with its findings and photos. Signed audits cannot be deleted. */
export async function deleteAudit(w: Writer, auditId: string): Promise<void> {
  await w.db.transaction('rw', ['audits', 'findings', 'files', 'changeLog'], async () => {
    const audit = await draftAudit(w.db, auditId);
    for (const f of await listFindings(w.db, auditId)) await deleteRecord<AuditFinding>(w, 'findings', f.id);
    for (const id of auditImageIds(audit)) await deleteFile(w, id);
    await deleteRecord<AuditRun>(w, 'audits', auditId);
  });
}

// ---------------------------------------------------------------- findings

/**
 * Keeps one finding per failed item: raised when an item fails, updated when its note or the date
 * changes, withdrawn (tombstoned) when the answer no longer fails. Hand-recorded findings
 * (itemId '') are left alone.
 */
async function syncItemFindings(w: Writer, audit: AuditRun): Promise<void> {
  const drafts = raiseFindings(audit, 'zh');
  const existing = (await listFindings(w.db, audit.id)).filter((f) => f.itemId !== '');
  const wanted = new Map(drafts.map((d) => [d.itemId, d]));
  const have = new Map(existing.map((f) => [f.itemId, f]));
  for (const f of existing) {
    const d = wanted.get(f.itemId);
    if (!d) await deleteRecord<AuditFinding>(w, 'findings', f.id);
    else await updateRecord<AuditFinding>(w, 'findings', f.id, { severity: d.severity, title: d.title, description: d.description, raisedOn: d.raisedOn });
  }
  const added = drafts.filter((d) => !have.has(d.itemId));
  if (added.length) {
    await insertMany<AuditFinding>(
      w,
      'findings',
      added.map((d) => ({ auditId: audit.id, projectId: audit.projectId, itemId: d.itemId, severity: d.severity, title: d.title, description: d.description, raisedOn: d.raisedOn })),
    );
  }
}

export interface FindingDraftInput {
  severity: Severity;
  title: string;
  description: string;
}

function findingIssues(f: FindingDraftInput): Problem[] {
  const out: Problem[] = [];
  if (!SEVERITIES.includes(f.severity)) out.push(problem('finding.severity-invalid'));
  if (!f.title.trim()) out.push(problem('finding.title-missing'));
  else if (f.title.length > MAX_SHORT) out.push(problem('finding.title-too-long', { max: MAX_SHORT }));
  if (f.description.length > MAX_TEXT) out.push(problem('finding.description-too-long', { max: MAX_TEXT }));
  return out;
}

/** A finding the auditor records by hand (not tied to a checklist item). */
export async function addFinding(w: Writer, auditId: string, input: FindingDraftInput): Promise<AuditFinding> {
  const issues = findingIssues(input);
  if (issues.length) throw new AuditInputError(issues);
  return w.db.transaction('rw', [...AUDIT_TABLES], async () => {
    const audit = await draftAudit(w.db, auditId);
    return insertRecord<AuditFinding>(w, 'findings', {
      auditId,
      projectId: audit.projectId,
      itemId: '',
      severity: input.severity,
      title: input.title.trim(),
      description: input.description.trim(),
      raisedOn: audit.date,
    });
  });
}

/** Hand-recorded findings only: item findings follow their answer. */
async function handFinding(db: WorkbenchDb, findingId: string): Promise<AuditFinding> {
  const f = await db.findings.get(findingId);
  if (!f || f.deleted) throw new RecordMissingError('findings', findingId);
  await draftAudit(db, f.auditId);
  if (f.itemId !== '') throw new AuditInputError([problem('finding.follows-answer', { itemId: f.itemId })]);
  return f;
}

export async function updateFinding(w: Writer, findingId: string, input: FindingDraftInput): Promise<AuditFinding> {
  const issues = findingIssues(input);
  if (issues.length) throw new AuditInputError(issues);
  return w.db.transaction('rw', [...AUDIT_TABLES], async () => {
    await handFinding(w.db, findingId);
    return updateRecord<AuditFinding>(w, 'findings', findingId, { severity: input.severity, title: input.title.trim(), description: input.description.trim() });
  });
}

export async function deleteFinding(w: Writer, findingId: string): Promise<void> {
  await w.db.transaction('rw', [...AUDIT_TABLES], async () => {
    await handFinding(w.db, findingId);
    await deleteRecord<AuditFinding>(w, 'findings', findingId);
  });
}

// ---------------------------------------------------------------- sign-off

export interface SignOffInput {
  /** The signer's name as typed; also the typed signature. */
  name: string;
  /** A drawn signature (PNG); absent = typed signature. */
  drawing?: Blob;
}

/**
 * Signs and locks the audit: seals its content (answers, photos by SHA-256, sign-off) with a
 * SHA-256, stores a drawn signature, and turns every finding into a rectification task with a due
 * date by severity. Throws AuditNotSignableError listing what is missing (answers, required
 * photos, header), AuditLockedError when already signed.
 */
export async function signAuditRun(w: Writer, auditId: string, input: SignOffInput): Promise<AuditRun> {
  const audit = await getAudit(w.db, auditId);
  if (!audit) throw new RecordMissingError('audits', auditId);
  if (isAuditLocked(audit)) throw new AuditLockedError(auditId);
  const name = input.name.trim();
  const hashes = new Map(await auditPhotoHashes(w.db, audit));
  let signature: AuditSignature = { kind: 'typed', name };
  let drawing: { id: string; sha256: string; blob: Blob } | null = null;
  if (input.drawing) {
    drawing = { id: newId(), sha256: await sha256Blob(input.drawing), blob: input.drawing };
    hashes.set(drawing.id, drawing.sha256);
    signature = { kind: 'drawn', name, imageId: drawing.id };
  }
  const at = (w.now ? w.now() : new Date()).toISOString();
  const signed = await awaitInTx(signAudit(audit, { by: name, at, signature }, hashes));
  const deskSignature = await awaitInTx(signAsDesk(w.db, auditSealText(signed)));

  return w.db.transaction('rw', ['audits', 'findings', 'rectifications', 'files', 'projects', 'organisations', 'changeLog'], async () => {
    const current = await getAudit(w.db, auditId);
    if (!current) throw new RecordMissingError('audits', auditId);
    if (isAuditLocked(current)) throw new AuditLockedError(auditId);
    if (current.rev !== audit.rev) throw new AuditChangedError(auditId);
    // Findings normally follow each saved answer; answers that arrived by a merge have not been through saveAnswer.
    await syncItemFindings(w, current);
    if (drawing) {
      await storeFile(w, { id: drawing.id, ownerType: AUDIT_FILE_OWNER, ownerId: auditId, name: 'signature.png', blob: drawing.blob, mime: 'image/png', sha256: drawing.sha256 });
    }
    const stored = await updateRecord<AuditRun>(w, 'audits', auditId, {
      status: signed.status,
      signedBy: signed.signedBy,
      signedAt: signed.signedAt,
      signature: signed.signature,
      contentHash: signed.contentHash,
      deskSignature,
    });
    await createTasksForFindings(w, await listFindings(w.db, auditId));
    return stored;
  });
}
