// Exchange files (.scwx) between a field laptop and the office: export selected projects, import
// with whole-file validation and a one-transaction merge, resolve conflicts.
import type { Writer } from '../../repo';
import { applyExchange, type ImportSummary } from './apply';
import { readExchangeFile, type ReadOptions } from './read';
import type { ExchangeProblem } from './problems';
import { ExchangeRefusedError, type UntrustedSigner } from './verify-incoming';

export type ImportResult =
  | { ok: true; summary: ImportSummary }
  | { ok: false; problems: ExchangeProblem[]; more: number; needsPassphrase: boolean; untrusted?: UntrustedSigner[] };

/** Validates the whole file, then merges it in one transaction; a rejected file writes nothing. */
export async function importExchangeFile(
  w: Writer,
  bytes: Uint8Array,
  opts: ReadOptions & { fileName: string },
): Promise<ImportResult> {
  const read = await readExchangeFile(bytes, opts);
  if (!read.ok) return read;
  opts.progress?.({ done: 0, total: 0, step: 'merge' });
  try {
    return { ok: true, summary: await applyExchange(w, read.file, { fileName: opts.fileName, signal: opts.signal }) };
  } catch (e) {
    if (!(e instanceof ExchangeRefusedError)) throw e;
    return { ok: false, problems: e.problems, more: 0, needsPassphrase: false, untrusted: e.untrusted };
  }
}

export { exportExchange, ExchangeExportError, type ExportOptions, type ExportResult, type ExportStep } from './export';
export { readExchangeFile, type ReadOptions, type ReadResult, type ReadStep, type ValidatedExchange } from './read';
export { applyExchange, listImports, IMPORT_LOG_KEY, type ImportSummary, type Rejection, type TableOutcome, type StoredConflict } from './apply';
export { listConflicts, countConflicts, resolvePendingConflict, ConflictChoiceError, type PendingConflict, type ResolveOutcome } from './conflicts';
export { EXCHANGE_EXTENSION } from './container';
export { EXCHANGE_TABLES, LIMITS as EXCHANGE_LIMITS, FORMAT_NAME, FORMAT_VERSION, type ExchangeTable, type ExchangeManifest } from './schema';
export type { ExchangeProblem } from './problems';
export { ExchangeRefusedError, type UntrustedSigner } from './verify-incoming';
