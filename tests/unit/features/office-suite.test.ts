// The exports as an office opens them: the project review report's XLSX and DOCX and every
// portfolio export, built in zh-CN and in English by the app's own builders on the demo office,
// converted to PDF by LibreOffice (headless, one run for all files, a private profile) and read back
// with poppler: A4 pages, no sheet split across pages sideways, words where codes were, the report
// workbook in a handful of pages, the DOCX at 22 lines of 28 characters with a CJK font embedded.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDb } from '../../../renderer/src/data/context';
import { loadDemo } from '../../../renderer/src/data/demo';
import { saveConclusions } from '../../../renderer/src/data/projects';
import { readableRows, type TabularSheet } from '../../../renderer/src/data/reports/tabular';
import { AGING_BUCKETS } from '../../../renderer/src/domain/contracts/aging';
import { AUDIT_STATUSES, RECTIFICATION_STATUSES, SEVERITIES } from '../../../renderer/src/domain/audits/audit-types';
import { CONTRACT_TYPES, OPERATING_MODELS, PHASES, PROJECT_CATEGORIES, REVIEW_CYCLES } from '../../../renderer/src/domain/core/types';
import { REVIEW_GRADES, REVIEW_STATUSES } from '../../../renderer/src/domain/reviews/review-types';
import { portfolioExports, tableExportOf } from '../../../renderer/src/features/data-io/portfolio-exports';
import { tableFile } from '../../../renderer/src/features/data-io/table-file';
import { buildProjectReport } from '../../../renderer/src/features/reports/build';
import { officialFonts } from '../../../renderer/src/features/reports/official-fonts';
import { reportToDocx } from '../../../renderer/src/features/reports/to-docx';
import { reportSheets, reportToXlsx } from '../../../renderer/src/features/reports/to-xlsx';
import { i18n, t } from '../../../renderer/src/i18n/i18n.svelte';
import { freshDb } from '../data/helpers';

const run = promisify(execFile);
const AS_OF = '2026-06-30';
const LOCALES = ['zh-CN', 'en'] as const;
type Locale = (typeof LOCALES)[number];
/** Long enough to fill several lines of the DOCX with nothing but CJK characters. */
const CONCLUSIONS = '运维费拖欠两年以上建议按条例支付逾期利息并限期整改运营单位应当按月报送服务质量报告牵头部门应当把运维费列入年度预算'.repeat(3);

/** Every code of the lists the exports word; none may reach a page. */
const CODES: readonly string[] = [
  ...PHASES, ...PROJECT_CATEGORIES, ...OPERATING_MODELS, ...REVIEW_CYCLES, ...CONTRACT_TYPES, ...AGING_BUCKETS,
  ...REVIEW_GRADES, ...REVIEW_STATUSES, ...AUDIT_STATUSES, ...SEVERITIES, ...RECTIFICATION_STATUSES,
  // The watch list's 'overdue' and 'due' are also English words of headers ("Days overdue").
  'not-due', 'no-cycle', 'true', 'false',
];

interface Workbook {
  file: string;
  locale: Locale;
  sheets: TabularSheet[];
  /** Words that must be printed somewhere in the file. */
  words: string[];
}

/** Every word a worded column shows (a phase, a type, a status…), in the language the sheets were built in. */
function wordsOf(sheets: TabularSheet[]): string[] {
  const words = new Set<string>();
  for (const s of sheets) {
    const shown = readableRows(s, t);
    s.columns.forEach((c, i) => {
      if (!c.words) return;
      s.rows.forEach((r, j) => {
        if (r[i] !== null && r[i] !== undefined && r[i] !== '' && c.words!(String(r[i])) !== undefined) words.add(String(shown[j][i]));
      });
    });
  }
  return [...words];
}

/** What fonts-noto-cjk and the rest of this machine have, as fontconfig lists them. */
function installedFonts(): Set<string> {
  const out = execFileSync('fc-list', [':', 'family']).toString();
  return new Set(out.split('\n').flatMap((l) => l.split(',')).map((f) => f.trim()).filter(Boolean));
}

describe('exports in LibreOffice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scw-office-'));
  const workbooks: Workbook[] = [];
  const docx: { file: string; locale: Locale }[] = [];
  const pdf = (file: string) => join(dir, 'pdf', file.replace(/\.(xlsx|docx)$/, '.pdf'));

  beforeAll(async () => {
    const { db, w } = await freshDb();
    await loadDemo(w);
    setDb(db);
    const project = (await db.projects.where('code').equals('ZH-2018-003').first())!;
    await saveConclusions(w, project.id, CONCLUSIONS);
    const here = installedFonts();
    try {
      for (const locale of LOCALES) {
        i18n.setPreference(locale);
        const built = (await buildProjectReport(db, { projectId: project.id, asOf: AS_OF, preparedBy: '李建华', preparedOn: AS_OF }))!;
        const file = `report-xlsx-${locale}.xlsx`;
        writeFileSync(join(dir, file), await reportToXlsx(built.model, t('report.coverSheet'), '李建华', t));
        workbooks.push({
          file,
          locale,
          sheets: reportSheets(built.model, t('report.coverSheet')),
          words: [t('enums.phase.build'), t('enums.phase.operate'), t('enums.contractType.purchase-of-service'), t('report.buckets.y2p'), t('reviews.grade.good'), t('report.reviews.final')],
        });
        const doc = `report-docx-${locale}.docx`;
        writeFileSync(join(dir, doc), await reportToDocx(built.model, new Map(), officialFonts((f) => here.has(f))));
        docx.push({ file: doc, locale });
        for (const x of portfolioExports) {
          const sheets = await x.build({ asOf: AS_OF, signal: new AbortController().signal });
          const name = `${x.id}-${locale}.xlsx`;
          writeFileSync(join(dir, name), await tableFile('xlsx', tableExportOf(x, AS_OF), sheets));
          workbooks.push({ file: name, locale, sheets, words: wordsOf(sheets) });
        }
      }
    } finally {
      i18n.setPreference('zh-CN');
    }
    mkdirSync(join(dir, 'pdf'));
    const files = [...workbooks.map((b) => b.file), ...docx.map((d) => d.file)];
    await run('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', join(dir, 'pdf'), ...files], {
      cwd: dir,
      timeout: 240_000,
    });
  }, 300_000);

  afterAll(() => {
    // OFFICE_SCREENS=1 also renders the pages shown in the README (docs/screenshots).
    if (process.env.OFFICE_SCREENS) {
      const shot = (file: string, page: number, name: string) =>
        execFileSync('pdftoppm', ['-png', '-r', '80', '-f', String(page), '-l', String(page), '-singlefile', pdf(file), join('docs/screenshots', name)]);
      const arrearsPage = 1 + workbooks.find((b) => b.file === 'report-xlsx-zh-CN.xlsx')!.sheets.findIndex((s) => s.name.includes('逾期'));
      shot('report-xlsx-zh-CN.xlsx', arrearsPage, 'report-xlsx-libreoffice-zh');
      shot('report-docx-zh-CN.docx', 1, 'report-docx-libreoffice-zh');
    }
    if (process.env.KEEP_OFFICE_PDF) console.log(dir);
    else rmSync(dir, { recursive: true, force: true });
  });

  /** The PDF's pages: text in content order (pdftotext -raw), one entry a page. */
  const pages = (file: string) => execFileSync('pdftotext', ['-raw', pdf(file), '-']).toString().split('\f').slice(0, -1);
  const pageSizes = (file: string) => {
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '999', pdf(file)]).toString();
    return [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => [Number(m[1]), Number(m[2])]);
  };
  const squash = (s: string) => s.replace(/\s+/g, '');
  /** A4 either way up, in points (595.28 × 841.89). */
  const isA4 = ([w, h]: number[]) => Math.abs(Math.min(w, h) - 595.3) < 1 && Math.abs(Math.max(w, h) - 841.9) < 1;

  it('prints every page of every export on A4', () => {
    for (const f of [...workbooks, ...docx]) {
      const sizes = pageSizes(f.file);
      expect(sizes.length, f.file).toBeGreaterThan(0);
      expect(sizes.filter((s) => !isA4(s)), f.file).toEqual([]);
    }
  });

  it('never splits a sheet’s columns across pages: every page of a sheet shows its header row from the first column to the last', () => {
    for (const b of workbooks) {
      const perSheet = new Map<string, number>();
      for (const page of pages(b.file)) {
        // The page header names the sheet (&A); the longest name found there is the page's sheet.
        const top = page.split('\n').slice(0, 3).join(' ');
        const sheet = b.sheets.filter((s) => top.includes(s.name)).sort((x, y) => y.name.length - x.name.length)[0];
        expect(sheet, `${b.file}: ${top}`).toBeDefined();
        perSheet.set(sheet.name, (perSheet.get(sheet.name) ?? 0) + 1);
        const text = squash(page);
        const [first, last] = [sheet.columns[0].header, sheet.columns.at(-1)!.header].map(squash);
        expect([text.includes(first), text.includes(last)], `${b.file} / ${sheet.name}: ${first} … ${last}`).toEqual([true, true]);
      }
      expect([...perSheet.keys()].sort(), b.file).toEqual(b.sheets.map((s) => s.name).sort());
    }
  });

  it('prints words in the workbook’s language, never the codes behind them', () => {
    for (const b of workbooks) {
      const text = pages(b.file).join('\n');
      for (const w of b.words) expect(squash(text), `${b.file}: ${w}`).toContain(squash(w));
      const leaked = CODES.filter((code) => new RegExp(`(?<![\\w-])${code.replace(/[-_]/g, '\\$&')}(?![\\w-])`).test(text));
      expect(leaked, b.file).toEqual([]);
    }
  });

  it('prints the demo project’s report workbook in a handful of pages: each table on a page of its own', () => {
    for (const b of workbooks.filter((x) => x.file.startsWith('report-'))) {
      expect(pages(b.file).length, b.file).toBe(b.sheets.length);
    }
  });

  it('converts the DOCX to A4 with a CJK font embedded, 28 characters a line and 22 lines a page', () => {
    for (const f of docx) {
      const fonts = execFileSync('pdffonts', [pdf(f.file)]).toString().split('\n').slice(2).filter(Boolean);
      const cjk = fonts.filter((l) => /CJK|Song|Fang|Hei|Kai/i.test(l.split(/\s+/)[0]));
      expect(cjk.length, fonts.join('\n')).toBeGreaterThan(0);
      expect(cjk.every((l) => /\byes\s+yes\s+yes\b/.test(l)), fonts.join('\n')).toBe(true);
      // The conclusions are one paragraph of CJK only: whole lines of 28 characters after a first line
      // of 26 (two characters of indent), each line 28.95 pt (579 twips) below the one before.
      const lines = [...execFileSync('pdftotext', ['-bbox-layout', pdf(f.file), '-']).toString().matchAll(/<line xMin="[\d.]+" yMin="([\d.]+)"[^>]*>([\s\S]*?)<\/line>/g)]
        .map((m) => ({ y: Number(m[1]), text: [...m[2].matchAll(/>([^<]*)<\/word>/g)].map((w) => w[1]).join('') }))
        .filter((l) => l.text.length >= 10 && CONCLUSIONS.includes(l.text));
      expect(lines.length, f.file).toBeGreaterThanOrEqual(5);
      expect(lines[0].text.length).toBe(26);
      expect(lines.slice(1, -1).map((l) => l.text.length)).toEqual(lines.slice(1, -1).map(() => 28));
      // LibreOffice places lines on its own layout units: 28.9 and 29.0 pt by turns, 28.95 on average.
      const steps = lines.slice(1).map((l, i) => l.y - lines[i].y).filter((d) => d > 0);
      expect(steps.length).toBeGreaterThanOrEqual(3);
      for (const d of steps) expect(Math.abs(d - 579 / 20)).toBeLessThan(0.15);
      expect(Math.abs(steps.reduce((s, d) => s + d, 0) / steps.length - 579 / 20)).toBeLessThan(0.06);
    }
  });
});
