// Which of a fixed number of pages a record's id falls into, for the derived data kept in packed
// pages (contract ledgers, register columns): FNV-1a of the id. Keys are strings, as backups expect.

/** 'p07' for pageOf(id, 32, 'p') when the id hashes to page 7. */
export function pageOf(id: string, count: number, prefix: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${prefix}${String(h % count).padStart(2, '0')}`;
}
