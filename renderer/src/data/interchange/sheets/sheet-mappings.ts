// Column mappings the user confirmed, remembered per import kind and header row, so the monthly
// register export from the same system maps itself next time. Kept in the settings table.
import { SHEET_COLUMNS, type ColumnMapping, type SheetKind } from '../../../domain/interchange/sheet-import';
import { normalizeKey } from '../../../domain/interchange/sheet-values';
import type { WorkbenchDb } from '../../db';
import { getSetting, setSetting } from '../../settings';

interface StoredMapping {
  headers: string[];
  mapping: ColumnMapping;
  savedAt: string;
}

/** Headers compared the way the mapping guess compares them: case, width and spaces ignored. */
function headerKeys(headers: readonly string[]): string[] {
  const keys = headers.map((h) => normalizeKey(String(h ?? '')));
  while (keys.length && keys[keys.length - 1] === '') keys.pop();
  return keys;
}

async function settingKey(kind: SheetKind, keys: readonly string[]): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(keys)));
  const hex = [...new Uint8Array(digest).slice(0, 12)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `sheetImport.mapping.${kind}.${hex}`;
}

export async function rememberMapping(db: WorkbenchDb, kind: SheetKind, headers: readonly string[], mapping: ColumnMapping): Promise<void> {
  const keys = headerKeys(headers);
  const value: StoredMapping = { headers: keys, mapping: cleanMapping(kind, mapping, keys.length), savedAt: new Date().toISOString() };
  await setSetting(db, await settingKey(kind, keys), value);
}

/** The mapping saved for exactly these headers, or null; stale columns are dropped. */
export async function recallMapping(db: WorkbenchDb, kind: SheetKind, headers: readonly string[]): Promise<ColumnMapping | null> {
  const keys = headerKeys(headers);
  const stored = await getSetting<StoredMapping>(db, await settingKey(kind, keys));
  if (!stored || JSON.stringify(stored.headers) !== JSON.stringify(keys)) return null;
  return cleanMapping(kind, stored.mapping, keys.length);
}

/** Every field of the kind, each either a column inside the header or null. */
function cleanMapping(kind: SheetKind, mapping: ColumnMapping, width: number): ColumnMapping {
  const out: ColumnMapping = {};
  for (const { field } of SHEET_COLUMNS[kind]) {
    const col = mapping[field];
    out[field] = typeof col === 'number' && Number.isInteger(col) && col >= 0 && col < width ? col : null;
  }
  return out;
}
