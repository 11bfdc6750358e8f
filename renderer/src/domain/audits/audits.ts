// Field audit rules: template checks, answer validation (including "photo required"), findings
// from failed items, a score summary, and the SHA-256 content hash that seals a signed audit.
import { canonicalJson, sha256Hex } from '../core/canonical-json';
import { compareDecimal, parseDecimal } from '../core/decimal';
import { isIsoDate } from '../core/dates';
import { problem, ProblemsError, type Problem } from '../core/problems';
import { divRoundHalfUp } from '../core/money';
import {
  ANSWER_TYPES,
  SEVERITIES,
  type AuditAnswer,
  type AuditRun,
  type AuditSignature,
  type ChecklistItem,
  type ChecklistSection,
  type ChecklistSnapshot,
  type ChecklistTemplate,
  type Severity,
} from './audit-types';
import type { IsoDate, IsoDateTime, Uuid } from '../core/types';

const SCORE_RE = /^\d{1,4}$/;
const SHA256_RE = /^[0-9a-f]{64}$/;

// ---------------------------------------------------------------- templates

/** Problems with a template's sections; empty = usable. */
export function validateChecklist(sections: readonly ChecklistSection[]): Problem[] {
  const out: Problem[] = [];
  const ids = new Set<string>();
  let count = 0;
  for (const section of sections) {
    if (!section.title?.zh?.trim()) out.push(problem('section.title-missing', { sectionId: section.id }));
    for (const item of section.items) {
      count++;
      const itemId = item.id;
      if (!itemId) out.push(problem('item.id-missing', { sectionId: section.id }));
      else if (ids.has(itemId)) out.push(problem('item.id-duplicate', { itemId }));
      ids.add(itemId);
      if (!item.text?.zh?.trim()) out.push(problem('item.text-missing', { itemId }));
      if (!ANSWER_TYPES.includes(item.answerType)) out.push(problem('item.answer-type-invalid', { itemId }));
      if (!SEVERITIES.includes(item.severityIfFailed)) out.push(problem('item.severity-invalid', { itemId }));
      if (item.answerType === 'score') {
        const max = item.maxScore;
        if (max === undefined || !Number.isInteger(max) || max <= 0 || max > 9999) out.push(problem('item.max-score-invalid', { itemId }));
        else if (item.passScore !== undefined && (!Number.isInteger(item.passScore) || item.passScore < 0 || item.passScore > max)) {
          out.push(problem('item.pass-score-invalid', { itemId }));
        }
      }
      if (item.answerType === 'number' && item.range) {
        const min = item.range.min === undefined ? null : parseDecimal(item.range.min);
        const max = item.range.max === undefined ? null : parseDecimal(item.range.max);
        const bad = (item.range.min !== undefined && !min) || (item.range.max !== undefined && !max);
        if (bad || (min && max && compareDecimal(min, max) > 0)) {
          out.push(problem('item.range-invalid', { itemId }));
        }
      }
    }
  }
  if (count === 0) out.push(problem('template.no-items'));
  return out;
}

/** The frozen copy an audit keeps of its template. */
export function snapshotTemplate(template: Pick<ChecklistTemplate, 'rev' | 'name' | 'sections'>): ChecklistSnapshot {
  return { templateRev: template.rev, name: structuredClone(template.name), sections: structuredClone(template.sections) };
}

export function checklistItems(snapshot: Pick<ChecklistSnapshot, 'sections'>): ChecklistItem[] {
  return snapshot.sections.flatMap((s) => s.items);
}

// ---------------------------------------------------------------- answers

/**
 * How an answer judges its item:
 * - pass-fail-na: 'pass' / 'fail' / 'na';
 * - score: whole points 0..maxScore; 'fail' below passScore, else 'pass' ('info' without passScore);
 * - number: decimal; 'fail' outside range (inclusive ends), else 'pass' ('info' without range);
 * - text: anything non-empty is 'info';
 * - 'na' is accepted for every type except text; '' is 'unanswered'; malformed input 'invalid'.
 */
export type ItemOutcome = 'pass' | 'fail' | 'na' | 'info' | 'unanswered' | 'invalid';

export function itemOutcome(item: ChecklistItem, value: string | undefined): ItemOutcome {
  const v = (value ?? '').trim();
  if (v === '') return 'unanswered';
  if (v === 'na' && item.answerType !== 'text') return 'na';
  switch (item.answerType) {
    case 'pass-fail-na':
      return v === 'pass' ? 'pass' : v === 'fail' ? 'fail' : 'invalid';
    case 'score': {
      if (!SCORE_RE.test(v) || Number(v) > (item.maxScore ?? 0)) return 'invalid';
      if (item.passScore === undefined) return 'info';
      return Number(v) < item.passScore ? 'fail' : 'pass';
    }
    case 'number': {
      const x = parseDecimal(v);
      if (!x) return 'invalid';
      if (!item.range || (item.range.min === undefined && item.range.max === undefined)) return 'info';
      const min = item.range.min === undefined ? null : parseDecimal(item.range.min);
      const max = item.range.max === undefined ? null : parseDecimal(item.range.max);
      if (min && compareDecimal(x, min) < 0) return 'fail';
      if (max && compareDecimal(x, max) > 0) return 'fail';
      return 'pass';
    }
    case 'text':
      return 'info';
  }
}

function answersByItem(answers: readonly AuditAnswer[]): Map<string, AuditAnswer> {
  return new Map(answers.map((a) => [a.itemId, a]));
}

/**
 * Answer and photo problems, in checklist order. Every item except text items must be answered;
 * a photo-required item needs at least one photo unless answered 'na'.
 */
export function validateAuditAnswers(audit: Pick<AuditRun, 'template' | 'answers' | 'photos'>): Problem[] {
  const out: Problem[] = [];
  const items = checklistItems(audit.template);
  const known = new Set(items.map((i) => i.id));
  const seen = new Set<string>();
  for (const a of audit.answers) {
    if (!known.has(a.itemId)) out.push(problem('answer.unknown-item', { itemId: a.itemId }));
    else if (seen.has(a.itemId)) out.push(problem('answer.duplicate', { itemId: a.itemId }));
    seen.add(a.itemId);
  }
  for (const p of audit.photos) {
    if (p.itemId !== '' && !known.has(p.itemId)) out.push(problem('photo.unknown-item', { photoId: p.id, itemId: p.itemId }));
  }
  const answers = answersByItem(audit.answers);
  const photoItems = new Set(audit.photos.map((p) => p.itemId));
  for (const item of items) {
    const value = answers.get(item.id)?.value ?? '';
    const outcome = itemOutcome(item, value);
    if (outcome === 'unanswered' && item.answerType !== 'text') out.push(problem('answer.missing', { itemId: item.id }));
    if (outcome === 'invalid') {
      if (item.answerType === 'score' && SCORE_RE.test(value.trim())) out.push(problem('answer.score-range', { itemId: item.id, max: item.maxScore ?? 0 }));
      else out.push(problem('answer.invalid', { itemId: item.id, value: value.slice(0, 40) }));
    }
    if (item.photoRequired && outcome !== 'na' && !photoItems.has(item.id)) out.push(problem('answer.photo-required', { itemId: item.id }));
  }
  return out;
}

/** validateAuditAnswers plus the header a signature vouches for; empty = ready to sign. */
export function validateAuditForSigning(audit: Pick<AuditRun, 'site' | 'date' | 'auditors' | 'status' | 'template' | 'answers' | 'photos'>): Problem[] {
  const out: Problem[] = [];
  if (audit.status === 'signed') out.push(problem('audit.already-signed'));
  if (!audit.site.trim()) out.push(problem('audit.site-missing'));
  if (!isIsoDate(audit.date)) out.push(problem('audit.date-invalid'));
  if (!audit.auditors.some((a) => a.trim())) out.push(problem('audit.auditors-missing'));
  out.push(...validateAuditAnswers(audit));
  return out;
}

// ---------------------------------------------------------------- findings and summary

export interface FindingDraft {
  itemId: string;
  severity: Severity;
  /** The failed item's text in the requested language. */
  title: string;
  /** The auditor's note on the answer. */
  description: string;
  reason: 'failed' | 'below-pass-score' | 'out-of-range';
  value: string;
  raisedOn: IsoDate;
}

/** One finding per failed item, with the item's severity, in checklist order. */
export function raiseFindings(audit: Pick<AuditRun, 'template' | 'answers' | 'date'>, lang: 'zh' | 'en' = 'zh'): FindingDraft[] {
  const answers = answersByItem(audit.answers);
  const out: FindingDraft[] = [];
  for (const item of checklistItems(audit.template)) {
    const a = answers.get(item.id);
    if (itemOutcome(item, a?.value) !== 'fail') continue;
    out.push({
      itemId: item.id,
      severity: item.severityIfFailed,
      title: item.text[lang] || item.text.zh,
      description: a?.note ?? '',
      reason: item.answerType === 'score' ? 'below-pass-score' : item.answerType === 'number' ? 'out-of-range' : 'failed',
      value: a?.value.trim() ?? '',
      raisedOn: audit.date,
    });
  }
  return out;
}

export interface AuditSummary {
  items: number;
  pass: number;
  fail: number;
  na: number;
  info: number;
  unanswered: number;
  invalid: number;
  /** pass ÷ (pass + fail) in bp, half up; null when no item was judged pass or fail. */
  passRateBp: number | null;
  /** Points obtained on 'score' items (unanswered and na count 0) out of all their maxScore. */
  scoreObtained: number;
  scoreMax: number;
  scoreShareBp: number | null;
  failedBySeverity: Record<Severity, number>;
  /** Items whose required photo is missing. */
  photosMissing: number;
}

export function auditSummary(audit: Pick<AuditRun, 'template' | 'answers' | 'photos'>): AuditSummary {
  const s: AuditSummary = {
    items: 0, pass: 0, fail: 0, na: 0, info: 0, unanswered: 0, invalid: 0,
    passRateBp: null, scoreObtained: 0, scoreMax: 0, scoreShareBp: null,
    failedBySeverity: { low: 0, medium: 0, high: 0, critical: 0 },
    photosMissing: 0,
  };
  const answers = answersByItem(audit.answers);
  const photoItems = new Set(audit.photos.map((p) => p.itemId));
  for (const item of checklistItems(audit.template)) {
    s.items++;
    const value = answers.get(item.id)?.value;
    const outcome = itemOutcome(item, value);
    s[outcome]++;
    if (outcome === 'fail') s.failedBySeverity[item.severityIfFailed]++;
    if (item.answerType === 'score') {
      s.scoreMax += item.maxScore ?? 0;
      if (outcome === 'pass' || outcome === 'fail' || outcome === 'info') s.scoreObtained += Number(value!.trim());
    }
    if (item.photoRequired && outcome !== 'na' && !photoItems.has(item.id)) s.photosMissing++;
  }
  const judged = s.pass + s.fail;
  if (judged > 0) s.passRateBp = Number(divRoundHalfUp(BigInt(s.pass) * 10_000n, BigInt(judged)));
  if (s.scoreMax > 0) s.scoreShareBp = Number(divRoundHalfUp(BigInt(s.scoreObtained) * 10_000n, BigInt(s.scoreMax)));
  return s;
}

// ---------------------------------------------------------------- content hash and sign-off

/** Photo (and drawn signature) id → lower-case hex SHA-256 of the stored image bytes. */
export type PhotoHashes = ReadonlyMap<Uuid, string>;

function hashOf(id: Uuid, photoHashes: PhotoHashes): string {
  const h = photoHashes.get(id);
  if (!h || !SHA256_RE.test(h)) throw new RangeError(`no SHA-256 for image ${id}`);
  return h;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The canonical text a signature seals: everything an auditor vouches for (identity, header,
 * template snapshot, answers, photos, sign-off) and nothing a machine changes (rev, timestamps,
 * status, the hash itself). Photos enter by their SHA-256, not their random ids, so the same
 * images hash the same on every machine. Answers are ordered by item id and photos by
 * (item id, hash, caption), so the order they were entered in does not matter.
 */
export function canonicalAuditContent(audit: AuditRun, photoHashes: PhotoHashes): string {
  const signature = (s: AuditSignature | null) =>
    s === null ? null : s.kind === 'typed' ? { kind: 'typed', name: s.name } : { kind: 'drawn', name: s.name, sha256: hashOf(s.imageId, photoHashes) };
  return canonicalJson({
    format: 'smart-city-workbench/audit',
    formatVersion: 1,
    id: audit.id,
    projectId: audit.projectId,
    site: audit.site,
    date: audit.date,
    auditors: audit.auditors,
    templateId: audit.templateId,
    template: audit.template,
    answers: audit.answers
      .map((a) => ({ itemId: a.itemId, value: a.value, note: a.note }))
      .sort((a, b) => byText(a.itemId, b.itemId)),
    photos: audit.photos
      .map((p) => ({ itemId: p.itemId, sha256: hashOf(p.id, photoHashes), caption: p.caption }))
      .sort((a, b) => byText(a.itemId, b.itemId) || byText(a.sha256, b.sha256) || byText(a.caption, b.caption)),
    signedBy: audit.signedBy,
    signedAt: audit.signedAt,
    signature: signature(audit.signature),
  });
}

/** Hex SHA-256 of canonicalAuditContent. */
export function contentHash(audit: AuditRun, photoHashes: PhotoHashes): Promise<string> {
  return sha256Hex(canonicalAuditContent(audit, photoHashes));
}

/** True when the stored hash matches the content (false for unsigned audits or missing photos). */
export async function verifyAuditHash(audit: AuditRun, photoHashes: PhotoHashes): Promise<boolean> {
  if (!SHA256_RE.test(audit.contentHash)) return false;
  try {
    return (await contentHash(audit, photoHashes)) === audit.contentHash;
  } catch {
    return false;
  }
}

/**
 * What the signing desk signs: the audit's id and its content hash, so the desk vouches for exactly
 * the sealed content (a recomputed hash alone proves nothing: anyone can compute one).
 */
export function auditSealText(audit: Pick<AuditRun, 'id' | 'contentHash'>): string {
  return canonicalJson({ format: 'smart-city-workbench/audit-seal', id: audit.id, contentHash: audit.contentHash });
}

export function isAuditLocked(audit: Pick<AuditRun, 'status'>): boolean {
  return audit.status === 'signed';
}

export class AuditNotSignableError extends ProblemsError {
  constructor(problems: Problem[]) {
    super('audits', problems);
    this.name = 'AuditNotSignableError';
  }
}

/**
 * The signed, locked version of a draft audit: sign-off fields set and the content hash computed
 * over them. Throws AuditNotSignableError when validateAuditForSigning finds anything.
 */
export async function signAudit(
  audit: AuditRun,
  signOff: { by: string; at: IsoDateTime; signature: AuditSignature },
  photoHashes: PhotoHashes,
): Promise<AuditRun> {
  const issues = validateAuditForSigning(audit);
  if (!signOff.by.trim()) issues.push(problem('audit.signer-missing'));
  if (signOff.signature.kind === 'drawn' && !photoHashes.has(signOff.signature.imageId)) issues.push(problem('audit.signature-image-missing'));
  if (issues.length) throw new AuditNotSignableError(issues);
  const signed: AuditRun = {
    ...structuredClone(audit),
    status: 'signed',
    signedBy: signOff.by,
    signedAt: signOff.at,
    signature: structuredClone(signOff.signature),
    contentHash: '',
  };
  signed.contentHash = await contentHash(signed, photoHashes);
  return signed;
}
