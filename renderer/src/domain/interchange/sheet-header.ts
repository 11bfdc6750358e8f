// Registers kept in Excel often start with a title row ("2024年智慧城市项目清单") or a note above
// the real header. The header is the row, near the top, whose cells name the most columns.
import { guessMapping, SHEET_COLUMNS, type SheetKind } from './sheet-import';

/** Rows looked at; a header further down than this is set by hand in the mapping step. */
export const HEADER_SCAN_ROWS = 20;

/**
 * 0-based index of the likeliest header row: most recognised column names, a required column
 * counting double; ties go to the upper row. With nothing recognised, the first non-blank row.
 */
export function detectHeaderRow(kind: SheetKind, rows: readonly (readonly string[])[]): number {
  const required = new Set(SHEET_COLUMNS[kind].filter((c) => c.required).map((c) => c.field));
  let best = -1;
  let bestScore = 0;
  for (let i = 0; i < Math.min(rows.length, HEADER_SCAN_ROWS); i++) {
    const mapping = guessMapping(kind, (rows[i] ?? []).map((c) => String(c ?? '')));
    let score = 0;
    for (const [field, col] of Object.entries(mapping)) if (col !== null) score += required.has(field) ? 2 : 1;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  if (best >= 0) return best;
  const firstFilled = rows.findIndex((r) => r.some((c) => String(c ?? '').trim()));
  return Math.max(0, firstFilled);
}
