// Entity shapes for field audits (现场核查): checklist templates, audit runs with their answers,
// photos and sign-off, findings and rectification tasks (整改). Rules live in audits.ts and
// rectification.ts.
import type { DecimalText } from '../core/decimal';
import type { LocalizedText } from '../reviews/review-types';
import type { IsoDate, IsoDateTime, RecordMeta, Uuid } from '../core/types';

export const ANSWER_TYPES = ['pass-fail-na', 'score', 'number', 'text'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface ChecklistItem {
  /** Unique within the template; answers and photos refer to it. */
  id: string;
  text: LocalizedText;
  answerType: AnswerType;
  /** At least one photo must be attached unless the item is answered "not applicable". */
  photoRequired: boolean;
  severityIfFailed: Severity;
  /** 'score' items: whole points from 0 to maxScore. */
  maxScore?: number;
  /** 'score' items: a score below this fails the item. Absent = the score is informative only. */
  passScore?: number;
  /** 'number' items: a value outside [min, max] fails the item. Absent = informative only. */
  range?: { min?: DecimalText; max?: DecimalText };
  unit?: LocalizedText;
}

export interface ChecklistSection {
  id: string;
  title: LocalizedText;
  items: ChecklistItem[];
}

export interface ChecklistTemplate extends RecordMeta {
  name: LocalizedText;
  description: LocalizedText;
  sections: ChecklistSection[];
}

/** What an audit keeps of its template: a frozen copy, so later template edits never change it. */
export interface ChecklistSnapshot {
  templateRev: number;
  name: LocalizedText;
  sections: ChecklistSection[];
}

export interface AuditAnswer {
  itemId: string;
  /**
   * By answer type: 'pass' | 'fail' | 'na'; whole points as text ("7"); decimal text ("23.5");
   * free text. '' = not answered yet.
   */
  value: string;
  note: string;
}

/** A photo attached to the audit; the image itself is a Blob kept by the data layer under `id`. */
export interface AuditPhotoRef {
  id: Uuid;
  /** Checklist item the photo documents; '' for a general site photo. */
  itemId: string;
  caption: string;
}

export type AuditSignature =
  | { kind: 'typed'; name: string }
  /** A drawn signature: a PNG Blob stored by the data layer like a photo, under `imageId`. */
  | { kind: 'drawn'; name: string; imageId: Uuid };

export const AUDIT_STATUSES = ['draft', 'signed'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

export interface AuditRun extends RecordMeta {
  projectId: Uuid;
  site: string;
  date: IsoDate;
  auditors: string[];
  templateId: Uuid;
  template: ChecklistSnapshot;
  answers: AuditAnswer[];
  photos: AuditPhotoRef[];
  status: AuditStatus;
  signedBy: string;
  signedAt: IsoDateTime | '';
  signature: AuditSignature | null;
  /** SHA-256 (hex) of the canonical content, set at sign-off; '' while a draft. */
  contentHash: string;
  /**
   * The signing desk's Ed25519 signature over auditSealText (its raw public key and the signature,
   * base64). Absent on audits sealed before desks had keys.
   */
  deskSignature?: { key: string; sig: string };
}

export interface AuditFinding extends RecordMeta {
  auditId: Uuid;
  projectId: Uuid;
  /** Checklist item that failed; '' for a finding recorded by hand. */
  itemId: string;
  severity: Severity;
  title: string;
  description: string;
  raisedOn: IsoDate;
}

export const RECTIFICATION_STATUSES = ['open', 'in-progress', 'done', 'verified'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

export interface RectificationTask extends RecordMeta {
  findingId: Uuid;
  projectId: Uuid;
  owner: string;
  dueDate: IsoDate;
  status: RectificationStatus;
  /** What the verifier saw; required to mark the task verified. */
  verificationNote: string;
  verifiedBy: string;
  verifiedAt: IsoDateTime | '';
}
