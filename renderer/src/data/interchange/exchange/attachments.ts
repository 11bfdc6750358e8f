// An attachment arriving from another desk meets the upload rules (domain/core/attachments.ts): an
// allowed type, and a name without hidden characters. The name is not cleaned here as an upload's
// is: the record's history hashes it as it is, so a name that needs cleaning refuses the file.
import { checkAttachment } from '../../../domain/core/attachments';

export interface AttachmentProblem {
  path: 'name' | 'mime';
  code: 'attachment-type' | 'attachment-mime' | 'attachment-name';
  /** The name as it would be shown, hidden characters removed. */
  name: string;
}

export function attachmentProblem(f: { name: string; mime: string }): AttachmentProblem | null {
  const allowed = checkAttachment(f.name, f.mime);
  if (!allowed.ok) return allowed.reason === 'type' ? { path: 'name', code: 'attachment-type', name: allowed.name } : { path: 'mime', code: 'attachment-mime', name: allowed.name };
  if (allowed.name !== f.name) return { path: 'name', code: 'attachment-name', name: allowed.name };
  return null;
}
