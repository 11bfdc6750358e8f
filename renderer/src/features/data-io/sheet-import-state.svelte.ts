// The spreadsheet import as steps: choose kind and file → map columns → check every row → apply.
// Lives outside the component so leaving the Data section mid-way keeps the user's place.
import { writer } from '../../app/session.svelte';
import { getDb } from '../../data/context';
import { applySheet, checkSheet, type SheetCheckOptions } from '../../data/interchange/sheets/sheet-apply';
import { recallMapping, rememberMapping } from '../../data/interchange/sheets/sheet-mappings';
import { readSheetFile, SheetFileError, type SheetTable } from '../../data/interchange/sheets/sheet-file';
import { todayIso } from '../../domain/core/dates';
import { detectHeaderRow } from '../../domain/interchange/sheet-header';
import { guessMapping, type ColumnMapping, type SheetKind, type SheetResult } from '../../domain/interchange/sheet-import';
import { enGB, zhCN } from '../../i18n/catalogue';
import { i18n, t } from '../../i18n/i18n.svelte';
import { platform } from '../../platform';
import { notify } from '../../ui/notify.svelte';
import { runTask } from '../../ui/task.svelte';

export type SheetStep = 'choose' | 'mapping' | 'report' | 'done';

/** Accepts anything the browser can hand over; the importer reads XLSX and CSV only. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

class SheetImportFlow {
  kind = $state<SheetKind>('projects');
  step = $state<SheetStep>('choose');
  fileName = $state('');
  table = $state.raw<SheetTable | null>(null);
  /** 0-based index of the header row in table.rows. */
  headerIndex = $state(0);
  mapping = $state<ColumnMapping>({});
  remembered = $state(false);
  result = $state.raw<SheetResult<SheetKind> | null>(null);
  created = $state(0);

  get headers(): string[] {
    return this.table?.rows[this.headerIndex] ?? [];
  }

  /** The header row followed by the data rows, as validateRows wants them. */
  get rows(): string[][] {
    return this.table?.rows.slice(this.headerIndex) ?? [];
  }

  setKind(kind: SheetKind): void {
    this.kind = kind;
    this.reset();
  }

  reset(): void {
    this.step = 'choose';
    this.fileName = '';
    this.table = null;
    this.result = null;
    this.mapping = {};
    this.created = 0;
  }

  async open(): Promise<void> {
    const file = await platform.openFile({ filters: [{ name: 'Excel / CSV', extensions: ['xlsx', 'csv', 'txt'] }], maxBytes: MAX_FILE_BYTES });
    if (!file) return;
    const table = await runTask(t('dataio.sheet.tasks.reading', { name: file.name }), async () => {
      try {
        return await readSheetFile(file.data);
      } catch (e) {
        if (e instanceof SheetFileError) {
          notify(t(`dataio.sheet.fileErrors.${e.code}`), 'error', 10_000);
          return null;
        }
        throw e;
      }
    });
    if (!table) return;
    this.fileName = file.name;
    this.table = table;
    this.result = null;
    await this.useHeaderRow(detectHeaderRow(this.kind, table.rows));
    this.step = 'mapping';
  }

  /** Picks the header row and maps its columns: the remembered mapping for these headers, else a guess. */
  async useHeaderRow(index: number): Promise<void> {
    const max = Math.max(0, (this.table?.rows.length ?? 1) - 1);
    this.headerIndex = Math.min(Math.max(0, Math.trunc(index) || 0), max);
    const recalled = await recallMapping(getDb(), this.kind, this.headers);
    this.remembered = recalled !== null;
    this.mapping = recalled ?? guessMapping(this.kind, this.headers);
  }

  setColumn(field: string, col: number | null): void {
    this.mapping = { ...this.mapping, [field]: col };
  }

  private options(): SheetCheckOptions {
    return { locale: i18n.locale, enumLabels: [zhCN.enums, enGB.enums], today: todayIso(), headerRowNumber: this.headerIndex + 1 };
  }

  async check(): Promise<void> {
    const db = getDb();
    const kind = this.kind;
    await rememberMapping(db, kind, this.headers, this.mapping);
    const result = await runTask(t('dataio.sheet.tasks.checking'), () => checkSheet(db, kind, this.rows, this.mapping, this.options()));
    if (!result) return;
    this.result = result;
    this.step = 'report';
  }

  async apply(): Promise<void> {
    const kind = this.kind;
    const rows = this.rows;
    const mapping = this.mapping;
    const opts = this.options();
    const outcome = await runTask(t('dataio.sheet.tasks.applying', { kind: t(`dataio.importing.kinds.${kind}`) }), (signal, report) =>
      applySheet(writer(), kind, rows, mapping, opts, { signal, report: (p) => report({ ...p, step: t('dataio.sheet.tasks.writing') }) }),
    );
    if (!outcome) return;
    if (outcome.errors.length) {
      // Someone changed the data since the check: show the new problems, nothing was written.
      this.result = { valid: [], errors: outcome.errors };
      return;
    }
    this.created = outcome.created;
    this.step = 'done';
  }
}

export const sheetImport = new SheetImportFlow();
