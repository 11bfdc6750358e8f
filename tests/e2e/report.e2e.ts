// The project review report: print-ready page → PDF (Chromium's print pipeline, as Electron's
// printToPDF), DOCX and XLSX downloads, each read back and checked for content.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { go, loadDemo, openApp, see, setOperator, type AppSession } from './support';

const PROJECT = '时空信息云平台';
const AS_OF = '2026-06-30';
const CONCLUSIONS = '运维费拖欠两年以上，建议按条例支付逾期利息并限期整改。';

describe('project review report', () => {
  let app: AppSession;
  const dir = mkdtempSync(join(tmpdir(), 'scw-report-'));

  beforeAll(async () => {
    app = await openApp({ locale: 'zh-CN' });
    await setOperator(app.page, '李建华');
    await loadDemo(app.page);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('renders the report with arrears as of a date and the officer’s conclusions', async () => {
    const { page } = app;
    await go(page, '#/projects');
    await page.getByTestId('register-search').fill('ZH-2018-003');
    await see(page.getByTestId('project-row')).toHaveCount(1);
    await page.getByTestId('project-row').click();
    await page.getByTestId('tab-report').click();
    await page.getByTestId('report-asof').fill(AS_OF);
    await page.getByTestId('report-conclusions-input').fill(CONCLUSIONS);
    await page.getByTestId('report-conclusions-save').click();
    await see(page.getByTestId('report-conclusions')).toHaveText(CONCLUSIONS);
    await see(page.getByTestId('report-document')).toContainText('截至 2026/06/30');
    const arrears = page.getByTestId('report-arrears');
    await see(arrears).toContainText('2 年以上');
    await page.getByTestId('report-chart-review-trend').waitFor();
  });

  it('prints to a PDF with the project name, the arrears table and a chart image', async () => {
    const { page } = app;
    const pdf = join(dir, 'report.pdf');
    // The same print pipeline Electron's webContents.printToPDF uses; the page's print CSS applies.
    writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true }));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    expect(text).toContain(PROJECT);
    expect(text).toContain('应付款项与逾期');
    expect(text).toContain('逾期利息');
    expect(text).toContain(CONCLUSIONS);
    expect(text).not.toContain('导出 Word'); // the app's buttons are not printed
    const images = execFileSync('pdfimages', ['-list', pdf]).toString().trim().split('\n').slice(2);
    expect(images.length).toBeGreaterThanOrEqual(1);
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '3', pdf, join(dir, 'page')]);
    expect(statSync(join(dir, 'page-1.png')).size).toBeGreaterThan(5_000);
  });

  it('exports DOCX with the report text and XLSX with a sheet per table', async () => {
    const { page } = app;
    const [docx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-docx').click()]);
    const docxPath = join(dir, docx.suggestedFilename());
    await docx.saveAs(docxPath);
    expect(docx.suggestedFilename()).toMatch(/^项目评审报告-ZH-2018-003-2026-06-30\.docx$/);
    const zip = await JSZip.loadAsync(readFileSync(docxPath));
    const xml = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(xml).toContain(PROJECT);
    expect(xml).toContain('应付款项与逾期');
    expect(xml).toContain(CONCLUSIONS);
    expect(Object.keys(zip.files).some((f) => f.startsWith('word/media/') && f.endsWith('.png'))).toBe(true);

    // Laid out to GB/T 9704-2012: A4, margins 37 / 35 / 28 / 26 mm, 22 lines of 28.95 pt and 28
    // characters a line (3号 condensed by 0.25 pt), title 2号, body 3号, in the fonts this computer
    // has (Chromium here finds Noto Serif CJK SC, not the 方正 / GB2312 fonts asked for first).
    const documentXml = await zip.file('word/document.xml')!.async('string');
    const stylesXml = await zip.file('word/styles.xml')!.async('string');
    const sections = [...documentXml.matchAll(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
    expect(sections.length).toBeGreaterThanOrEqual(2);
    expect(sections[0]).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    expect(sections[0]).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" [^>]*w:footer="1251"/);
    expect(sections[0]).toContain('<w:docGrid w:linePitch="579"/>');
    // The arrears table is too wide for the page: a landscape section, binding edge on top.
    const landscape = sections.find((s) => s.includes('w:orient="landscape"'))!;
    expect(landscape).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(landscape).toMatch(/<w:pgMar w:top="1587" w:right="2098" w:bottom="1474" w:left="1984" /);
    // Every section, the future fiscal commitments' among them, is one of those two A4 pages.
    expect(xml).toContain('五、未来财政支出责任');
    for (const s of sections) expect([sections[0], landscape].map((x) => /<w:pgSz[^>]*\/>\s*<w:pgMar[^>]*\/>/.exec(x)![0])).toContain(/<w:pgSz[^>]*\/>\s*<w:pgMar[^>]*\/>/.exec(s)![0]);
    const style = (id: string) => new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(stylesXml)?.[0] ?? '';
    const eastAsia = (xml: string) => /w:eastAsia="([^"]+)"/.exec(xml)?.[1];
    expect(style('Normal')).toMatch(/<w:spacing (?=[^>]*w:line="579")(?=[^>]*w:lineRule="exact")[^>]*\/>/);
    expect(style('Normal')).toContain('<w:spacing w:val="-5"/>');
    expect(style('Normal')).toContain('<w:sz w:val="32"/>');
    expect(style('Title')).toContain('<w:sz w:val="44"/>');
    expect(eastAsia(style('Normal'))).toBe('Noto Serif CJK SC');
    expect(eastAsia(style('Title'))).toBe('Noto Serif CJK SC');
    expect(eastAsia(style('Heading1'))).toBe('Noto Sans CJK SC');
    // The document says which fonts it used and which it asked for.
    expect(xml).toContain('本文按 GB/T 9704-2012 排版');
    expect(xml).toContain('正文Noto Serif CJK SC（本机无仿宋_GB2312，以此代替）');

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-xlsx').click()]);
    const xlsxPath = join(dir, xlsx.suggestedFilename());
    await xlsx.saveAs(xlsxPath);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxPath);
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe('封面');
    expect(names).toContain('应付款项与逾期');
    expect(names).toContain('阶段历程');
    const cover = wb.getWorksheet('封面')!;
    expect(cover.getCell('A1').value).toBe('项目名称');
    expect(cover.getCell('A2').value).toBe(PROJECT);
    const sheet = wb.getWorksheet('应付款项与逾期')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('逾期利息');
    const interestCol = header.indexOf('逾期利息') + 1;
    const daysCol = header.indexOf('逾期天数') + 1;
    // Money cells are numbers (minor units shown with two decimals), and some interest is owed.
    const interest = sheet.getColumn(interestCol).values.slice(2).filter((v): v is number => typeof v === 'number');
    expect(interest.some((v) => v > 0)).toBe(true);
    const days = sheet.getColumn(daysCol).values.slice(2).filter((v): v is number => typeof v === 'number');
    expect(Math.max(...days)).toBeGreaterThan(730);
  });

  it('shows the arrears view’s totals for a project whose review cut a payment', async () => {
    const { page } = app;
    // The PPP signal system's finalised reviews cut the performance-linked part of overdue fees.
    await go(page, '#/projects');
    await page.getByTestId('register-search').fill('ZH-2021-006');
    // The register may still list the previous search's one row: wait for this project's.
    await page.getByTestId('project-row').filter({ hasText: 'ZH-2021-006' }).click();
    await page.getByTestId('tab-contracts').click();
    await page.getByTestId('contract-row').first().click();
    await page.getByTestId('obligation-row').filter({ hasText: '绩效扣减' }).first().waitFor();

    await page.getByTestId('tab-report').click();
    await page.getByTestId('report-asof').fill(AS_OF);
    await see(page.getByTestId('report-document')).toContainText('截至 2026/06/30');
    const overdue = (await page.getByTestId('report-overdue-total').innerText()).trim();
    const interest = (await page.getByTestId('report-interest-total').innerText()).trim();
    expect(overdue).toMatch(/^¥[\d,]+\.\d\d$/);
    expect(interest).toMatch(/^¥[\d,]+\.\d\d$/);

    await page.getByTestId('report-arrears-link').click();
    await see(page.getByTestId('arrears-project-filter')).toContainText('ZH-2021-006');
    await see(page.getByTestId('arrears-total-overdue')).toHaveText(overdue);
    await see(page.getByTestId('arrears-total-interest')).toHaveText(interest);
  });
});
