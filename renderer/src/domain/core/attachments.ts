// Which files may be attached (review evidence, audit photos, signatures) and what their names may
// hold. An attachment is opened later by someone else, on another desk, so only documents that
// carry no code are taken: PDF, raster images and office documents without macros. Names lose
// the bidirectional and control characters that can make "invoice‮fdp.exe" read as "invoiceexe.pdf".

export type AttachmentKind = 'pdf' | 'image' | 'office';

/** Extension (lower case, no dot) → kind and the MIME types a browser reports for it. */
const ALLOWED: Record<string, { kind: AttachmentKind; mimes: readonly string[] }> = {
  pdf: { kind: 'pdf', mimes: ['application/pdf'] },
  jpg: { kind: 'image', mimes: ['image/jpeg'] },
  jpeg: { kind: 'image', mimes: ['image/jpeg'] },
  png: { kind: 'image', mimes: ['image/png'] },
  gif: { kind: 'image', mimes: ['image/gif'] },
  webp: { kind: 'image', mimes: ['image/webp'] },
  bmp: { kind: 'image', mimes: ['image/bmp', 'image/x-ms-bmp'] },
  tif: { kind: 'image', mimes: ['image/tiff'] },
  tiff: { kind: 'image', mimes: ['image/tiff'] },
  doc: { kind: 'office', mimes: ['application/msword'] },
  docx: { kind: 'office', mimes: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'] },
  xls: { kind: 'office', mimes: ['application/vnd.ms-excel'] },
  xlsx: { kind: 'office', mimes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] },
  ppt: { kind: 'office', mimes: ['application/vnd.ms-powerpoint'] },
  pptx: { kind: 'office', mimes: ['application/vnd.openxmlformats-officedocument.presentationml.presentation'] },
  odt: { kind: 'office', mimes: ['application/vnd.oasis.opendocument.text'] },
  ods: { kind: 'office', mimes: ['application/vnd.oasis.opendocument.spreadsheet'] },
  odp: { kind: 'office', mimes: ['application/vnd.oasis.opendocument.presentation'] },
  // Plain text and CSV carry no code; work-order exports arrive as CSV (Windows reports it as Excel).
  csv: { kind: 'office', mimes: ['text/csv', 'application/vnd.ms-excel', 'text/plain'] },
  txt: { kind: 'office', mimes: ['text/plain'] },
  // WPS Office, common in government offices in China.
  wps: { kind: 'office', mimes: ['application/kswps', 'application/vnd.ms-works'] },
  et: { kind: 'office', mimes: ['application/kset'] },
  dps: { kind: 'office', mimes: ['application/ksdps'] },
};

/** MIME types that say nothing about the content; the extension decides then. */
const GENERIC_MIMES = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/zip', 'application/x-zip-compressed']);

/** The `accept` list for a file input: every allowed extension. */
export const ATTACHMENT_ACCEPT = Object.keys(ALLOWED).map((ext) => `.${ext}`).join(',');

// Control characters (C0, DEL, C1), bidirectional marks, embeddings, overrides and isolates, and
// the zero-width characters and BOM that hide text.
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** A file name as it may be stored and shown: hidden characters and path separators gone. */
export function cleanAttachmentName(name: string): string {
  const clean = name.normalize('NFC').replace(HIDDEN, '').replace(/[\\/]/g, '_').trim();
  return (clean || 'attachment').slice(0, 255);
}

export type AttachmentCheck = { ok: true; name: string; kind: AttachmentKind } | { ok: false; name: string; reason: 'type' | 'mime' };

/** The cleaned name and kind, or why the file is refused (checked on the cleaned name). */
export function checkAttachment(name: string, mime: string): AttachmentCheck {
  const clean = cleanAttachmentName(name);
  const ext = /\.([A-Za-z0-9]+)$/.exec(clean)?.[1]?.toLowerCase() ?? '';
  const allowed = Object.hasOwn(ALLOWED, ext) ? ALLOWED[ext] : undefined;
  if (!allowed) return { ok: false, name: clean, reason: 'type' };
  const m = mime.trim().toLowerCase().split(';', 1)[0];
  if (!GENERIC_MIMES.has(m) && !allowed.mimes.includes(m)) return { ok: false, name: clean, reason: 'mime' };
  return { ok: true, name: clean, kind: allowed.kind };
}
