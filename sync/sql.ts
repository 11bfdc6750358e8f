// Multi-row VALUES lists with numbered parameters: standard SQL every PG-compatible server accepts
// (no unnest of several arrays, no COPY), split so one statement stays far below the protocol's
// 65,535 parameters.

const MAX_PARAMS = 30_000;

export interface ValuesChunk {
  /** `(CAST($1 AS varchar), …), (…)`; the casts give every row's columns their types. */
  sql: string;
  params: unknown[];
  rows: number;
}

/**
 * Splits rows into chunks of at most ~30,000 parameters. `types[i]` is the SQL type of column i,
 * or '' to leave it untyped; `extra` names parameters the statement adds after the rows (they
 * take numbers from 1 up, the rows follow).
 */
export function valuesChunks(rows: readonly unknown[][], types: readonly string[], extra: readonly unknown[] = []): ValuesChunk[] {
  const width = types.length;
  const perChunk = Math.max(1, Math.floor((MAX_PARAMS - extra.length) / width));
  const out: ValuesChunk[] = [];
  for (let start = 0; start < rows.length; start += perChunk) {
    const slice = rows.slice(start, start + perChunk);
    const params: unknown[] = [...extra];
    const tuples: string[] = [];
    for (const row of slice) {
      const cells: string[] = [];
      for (let c = 0; c < width; c++) {
        params.push(row[c]);
        cells.push(types[c] ? `CAST($${params.length} AS ${types[c]})` : `$${params.length}`);
      }
      tuples.push(`(${cells.join(', ')})`);
    }
    out.push({ sql: tuples.join(', '), params, rows: slice.length });
  }
  return out;
}
