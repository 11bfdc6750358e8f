// Data in/out benchmark operations (see tests/bench/dataio.ts): the portfolio exports and an
// OC4IDS package of the whole register, built as the app builds them, timed in the page.
import type { WorkbenchDb } from '../../../renderer/src/data/db';
import { exportOc4idsPackage } from '../../../renderer/src/data/interchange/oc4ids/oc4ids-package';
import { applySheet } from '../../../renderer/src/data/interchange/sheets/sheet-apply';
import { pipelineByPhaseSheet } from '../../../renderer/src/data/reports/pipeline-by-phase';
import { projectRegisterSheet } from '../../../renderer/src/data/reports/project-register';
import { sheetsToXlsx, sheetToCsv } from '../../../renderer/src/data/reports/tabular';
import type { Translate } from '../../../renderer/src/data/reports/translate';
import type { Writer } from '../../../renderer/src/data/repo';
import { guessMapping } from '../../../renderer/src/domain/interchange/sheet-import';
import { enGB, lookup, zhCN } from '../../../renderer/src/i18n/catalogue';
import { interpolate } from '../../../renderer/src/i18n/format';

const tr: Translate = (key, params) => interpolate(lookup(zhCN, key) ?? key, params);

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await fn();
  return { ms: Math.round(performance.now() - t0), result };
}

export function dataioBench(db: WorkbenchDb, w: Writer) {
  return {
    async exportRegister() {
      const sheet = await timed(() => projectRegisterSheet(db, tr));
      const xlsx = await timed(() => sheetsToXlsx([sheet.result], { title: 'register', tr }));
      const csv = await timed(async () => new TextEncoder().encode(sheetToCsv(sheet.result, tr)));
      return { rows: sheet.result.rows.length, readMs: sheet.ms, xlsxMs: xlsx.ms, xlsxBytes: xlsx.result.length, csvMs: csv.ms, csvBytes: csv.result.length };
    },
    async exportPipeline() {
      const r = await timed(async () => sheetsToXlsx([await pipelineByPhaseSheet(db, tr)], { title: 'pipeline', tr }));
      return { ms: r.ms, bytes: r.result.length };
    },
    async exportOc4ids() {
      const r = await timed(async () => JSON.stringify(await exportOc4idsPackage(db, { publisher: 'bench', uriBase: 'urn:bench', idPrefix: '' })));
      return { ms: r.ms, bytes: new TextEncoder().encode(r.result).length };
    },
    /** Imports `count` new projects from sheet rows: the check plus the one-transaction apply. */
    async importProjects(count: number) {
      const rows = [['项目编号', '项目名称', '项目类别', '总投资（万元）', '开始日期']];
      for (let i = 0; i < count; i++) rows.push([`IMP-${String(i).padStart(6, '0')}`, `导入项目 ${i}`, '数据平台', String(100 + (i % 900)), '2025-03-01']);
      const r = await timed(() =>
        applySheet(w, 'projects', rows, guessMapping('projects', rows[0]), { locale: 'zh-CN', enumLabels: [zhCN.enums, enGB.enums], today: '2026-01-01' }),
      );
      return { ms: r.ms, created: r.result.created, errors: r.result.errors.length };
    },
  };
}
