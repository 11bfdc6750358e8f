// Bytes of a text file from another program → text. Excel on Chinese Windows saves "CSV" in the
// system code page (GBK), "CSV UTF-8" with a byte-order mark, and "Unicode text" as UTF-16LE;
// WPS and LibreOffice write UTF-8 without a mark. UTF-8 is strict enough that a GBK file almost
// never decodes as valid UTF-8, so a failed strict decode means the Chinese code page.

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** The file began with a byte-order mark (removed from `text`). */
  bom: boolean;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', bom: true };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', bom: false };
  } catch {
    // GB18030 is a superset of GBK and GB2312, so it reads all three without loss.
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030', bom: false };
  }
}
