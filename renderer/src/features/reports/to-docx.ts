// Report → DOCX with the docx library, laid out as a Chinese official document (GB/T 9704-2012):
// A4 with its margins, 22 lines × 28 characters (fixed 28.95 pt lines, fitted character spacing;
// see officialPageGeometry), title in 2号 小标宋, body in 3号 仿宋, headings in 黑体, table titles
// in 楷体, page numbers "— n —" in 4号 宋体 on the outer side; a table too wide for the page on
// landscape pages of its own (横排表格). Real Word styles and tables (editable in Word/WPS), charts
// as PNG images. The fonts are the ones chosen for this computer (official-fonts.ts); the document
// ends with a note naming them.
import { displayWidth } from '../../data/reports/tabular';
import { GB_T_9704, mmToTwips, officialPageGeometry } from '../../domain/reports/official-document';
import type { ReportBlock, ReportModel, ReportTable } from './model';
import type { OfficialFonts } from './official-fonts';

/** Half-points, as OOXML sizes runs. */
const half = (pt: number) => Math.round(pt * 2);
/** 五号 (10.5 pt) in tables, 小五 (9 pt) in wide ones. */
const TABLE_PT = 10.5;
const WIDE_TABLE_PT = 9;
/** Table text keeps its own line height instead of the 28.95 pt body line. */
const tableLine = (pt: number) => Math.round(pt * 1.35 * 20);
/** 小四 (12 pt) for the closing layout note. */
const NOTE_PT = 12;
/** The 156 mm text block in 96-dpi pixels, less a little for the image frame. */
const IMAGE_MAX_PX = Math.floor((156 / 25.4) * 96) - 8;
/** Cell padding, left and right together (0.1 cm each side, the cell margins set on every table). */
const CELL_MARGIN = 57;
const CELL_PADDING = 2 * CELL_MARGIN;
/** A text column this short (in ems: CJK characters) keeps to one line; longer ones wrap, never narrower than this. */
const FLEXIBLE_MIN_EM = 5;

/** `chartImages` maps chart id → PNG bytes rendered by the caller (a browser canvas). */
export async function reportToDocx(model: ReportModel, chartImages: Map<string, Uint8Array>, official: OfficialFonts): Promise<Uint8Array> {
  const d = await import('docx');
  const { Document, Packer, Paragraph, TextRun, Table, TableRow, TableCell, WidthType, HeadingLevel, AlignmentType, ImageRun, Footer, PageNumber, ShadingType, LineRuleType, PageOrientation, SectionType } = d;
  type Block = InstanceType<typeof Paragraph> | InstanceType<typeof Table>;

  const g = officialPageGeometry();
  const { fonts } = official;
  const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
  const black = '000000';
  // The 小标宋 fonts are heavy by design; a fallback (a plain Song) is set in bold to read like one.
  const titleBold = !/小标宋|XiaoBiaoSong/i.test(fonts.title.font);
  const bodyIndent = { firstLine: 2 * g.charPitch };
  // Condensed just enough for 28 characters a line (see officialPageGeometry).
  const bodyRun = { font: font(fonts.body.font), size: half(GB_T_9704.bodyPt), color: black, characterSpacing: g.characterSpacing };
  // 行距固定值 28.95 pt: 22 lines fill the text block.
  const bodyParagraph = { spacing: { line: g.linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 } };
  const portraitWidth = g.width - g.margins.left - g.margins.right;
  const landscapeWidth = g.height - g.landscape.margins.left - g.landscape.margins.right;

  const table = (tb: ReportTable, layout: TableLayout) => {
    const tight = { line: tableLine(layout.pt), lineRule: LineRuleType.EXACT, before: 0, after: 0 };
    const cellText = (s: string, opts: { bold?: boolean; heading?: boolean } = {}) =>
      new TextRun({ text: s, size: half(layout.pt), font: opts.heading ? font(fonts.heading.font) : undefined, bold: opts.bold });
    const align = (i: number) => (tb.columns[i]?.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT);
    const header = new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: tb.columns.map(
        (c, i) =>
          new TableCell({
            shading: { type: ShadingType.CLEAR, fill: 'E8EDF3', color: 'auto' },
            children: [new Paragraph({ alignment: align(i), spacing: tight, children: [cellText(c.header, { heading: true })] })],
          }),
      ),
    });
    const row = (cells: string[], bold = false) =>
      new TableRow({
        cantSplit: true,
        children: cells.map((cell, i) => new TableCell({ children: [new Paragraph({ alignment: align(i), spacing: tight, children: [cellText(cell, { bold })] })] })),
      });
    const rows = tb.rows.length ? tb.rows.map((r) => row(r)) : [row([tb.empty ?? '', ...tb.columns.slice(1).map(() => '')])];
    return new Table({
      margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: 0, bottom: 0 },
      width: { size: layout.widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
      columnWidths: layout.widths,
      rows: [header, ...rows, ...(tb.footer ? [row(tb.footer, true)] : [])],
    });
  };

  const body = (text: string) => new Paragraph({ indent: bodyIndent, alignment: AlignmentType.JUSTIFIED, children: [new TextRun(text)] });
  const subheading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(text)] });

  // The document as runs of portrait content broken by landscape pages for wide tables.
  const sections: { landscape: boolean; children: Block[] }[] = [{ landscape: false, children: [] }];
  const add = (landscape: boolean, ...children: Block[]) => {
    if (sections.at(-1)!.landscape !== landscape) sections.push({ landscape, children: [] });
    sections.at(-1)!.children.push(...children);
  };

  const block = (b: ReportBlock): void => {
    switch (b.kind) {
      case 'paragraph':
        return add(false, body(b.text));
      case 'facts':
        return add(false, ...b.items.map((f) => body(`${f.label}：${f.value}`)));
      case 'table': {
        const layout = tableLayout(b, portraitWidth, landscapeWidth);
        return add(layout.landscape, subheading(b.title), table(b, layout), new Paragraph({ children: [] }));
      }
      case 'chart': {
        const png = chartImages.get(b.id);
        if (!png) return;
        const width = Math.min(IMAGE_MAX_PX, b.width);
        const height = Math.round((b.height / b.width) * width);
        return add(
          false,
          subheading(b.title),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            // A fixed line height would crop the image to one line.
            spacing: { line: 240, lineRule: LineRuleType.AUTO },
            children: [new ImageRun({ type: 'png', data: png, transformation: { width, height }, altText: { name: b.title, description: b.title, title: b.title } })],
          }),
        );
      }
      case 'conclusions':
        return add(false, ...(b.text.trim() ? b.text : b.placeholder).split('\n').map(body));
    }
  };

  add(
    false,
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(model.title)] }),
    new Paragraph({ heading: HeadingLevel.HEADING_2, alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, children: [new TextRun(model.subtitle)] }),
    new Paragraph({ children: [] }),
    ...model.cover.map((c) => body(`${c.label}：${c.value}`)),
  );
  for (const s of model.sections) {
    add(false, new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(s.heading)] }));
    s.blocks.forEach(block);
  }
  add(false, new Paragraph({ children: [] }), new Paragraph({ indent: bodyIndent, children: [new TextRun({ text: official.note, size: half(NOTE_PT) })] }));

  // Page numbers "— n —" one character in from the outer edge: right on odd pages, left on even ones.
  const pageNumberPt = GB_T_9704.pageNumberPt;
  const pageNumber = (side: 'odd' | 'even') =>
    new Footer({
      children: [
        new Paragraph({
          alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
          indent: side === 'odd' ? { right: pageNumberPt * 20, firstLine: 0 } : { left: pageNumberPt * 20, firstLine: 0 },
          spacing: { line: g.pageNumberLine, lineRule: LineRuleType.EXACT },
          children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: half(pageNumberPt), font: font(fonts.pageNumber.font), characterSpacing: 0 })],
        }),
      ],
    });
  const footers = { default: pageNumber('odd'), even: pageNumber('even') };

  const heading = { color: black, bold: false };
  const doc = new Document({
    creator: model.cover.find((c) => c.value)?.value ?? '',
    title: `${model.title} · ${model.subtitle}`,
    description: official.note,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: { run: bodyRun, paragraph: bodyParagraph },
        title: { run: { ...heading, font: font(fonts.title.font), size: half(GB_T_9704.titlePt), bold: titleBold }, paragraph: { alignment: AlignmentType.CENTER } },
        heading1: { run: { ...heading, font: font(fonts.heading.font), size: half(GB_T_9704.bodyPt) }, paragraph: { indent: bodyIndent, keepNext: true } },
        heading2: { run: { ...heading, font: font(fonts.subheading.font), size: half(GB_T_9704.bodyPt) }, paragraph: { indent: bodyIndent, keepNext: true } },
      },
      // Normal is the body text, so a paragraph an officer adds in Word or WPS looks like the rest.
      paragraphStyles: [{ id: 'Normal', name: 'Normal', quickFormat: true, run: bodyRun, paragraph: bodyParagraph }],
    },
    sections: sections.map((s, i) => ({
      properties: {
        type: i === 0 ? undefined : SectionType.NEXT_PAGE,
        page: {
          size: { width: g.width, height: g.height, orientation: s.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
          margin: { ...(s.landscape ? g.landscape.margins : g.margins), header: mmToTwips(15), footer: s.landscape ? g.landscape.footer : g.footer, gutter: 0 },
        },
        // The line pitch on record (Word shows it in Page Setup); no active grid, see officialPageGeometry.
        grid: { linePitch: g.linePitch },
      },
      footers,
      children: s.children,
    })),
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}

interface TableLayout {
  pt: number;
  landscape: boolean;
  /** Column widths in twips. */
  widths: number[];
}

/** The table on the portrait page if its columns fit there, else on a landscape page in 小五. */
function tableLayout(tb: ReportTable, portraitWidth: number, landscapeWidth: number): TableLayout {
  const pt = tb.columns.length > 6 ? WIDE_TABLE_PT : TABLE_PT;
  const portrait = fitColumns(tb, portraitWidth, pt);
  if (portrait) return { pt, landscape: false, widths: portrait };
  const landscape = fitColumns(tb, landscapeWidth, WIDE_TABLE_PT);
  return { pt: WIDE_TABLE_PT, landscape: true, widths: landscape ?? shrunk(tb, landscapeWidth, WIDE_TABLE_PT) };
}

/**
 * Column widths in twips that fill `width`: figures, dates, codes and short words (numbers,
 * `nowrap` and short text columns) as wide as their longest cell so they never break, longer text
 * columns sharing the rest in proportion to their longest cell and wrapping. A header wraps at its
 * spaces, or after four CJK characters. Null when the columns do not fit.
 */
function fitColumns(tb: ReportTable, width: number, pt: number): number[] | null {
  const need = columnNeeds(tb, pt);
  const short = FLEXIBLE_MIN_EM * pt * 20 + CELL_PADDING;
  const fixed = tb.columns.map((c, i) => !!c.nowrap || (c.kind !== undefined && c.kind !== 'text') || need[i] <= short);
  const fixedSum = need.reduce((s, w, i) => s + (fixed[i] ? w : 0), 0);
  const flexibleMin = need.reduce((s, _, i) => s + (fixed[i] ? 0 : short), 0);
  const flexibleSum = need.reduce((s, w, i) => s + (fixed[i] ? 0 : w), 0);
  const room = width - fixedSum;
  if (room < flexibleMin) return null;
  if (flexibleSum === 0) return need.map((w) => Math.floor(w + room / need.length));
  return need.map((w, i) => Math.floor(fixed[i] ? w : (w / flexibleSum) * room));
}

/** When nothing fits: every column in proportion to what it needs. */
function shrunk(tb: ReportTable, width: number, pt: number): number[] {
  const need = columnNeeds(tb, pt);
  const total = need.reduce((s, w) => s + w, 0);
  return need.map((w) => Math.floor((w / total) * width));
}

/** Twips a column needs for its longest cell on one line (a header may wrap at spaces, or after four CJK characters). */
function columnNeeds(tb: ReportTable, pt: number): number[] {
  const em = pt * 20;
  return tb.columns.map((c, i) => {
    // A Latin word of the header keeps whole; CJK may break anywhere.
    const header = Math.max(...c.header.split(/\s+/).map((w) => (displayWidth(w) > w.length ? Math.min(emWidth(w), 4) : emWidth(w))));
    // The totals row is bold, about a tenth wider.
    const total = tb.footer ? emWidth(tb.footer[i] ?? '') * 1.1 : 0;
    return Math.ceil(Math.max(header, total, ...tb.rows.map((r) => emWidth(r[i] ?? ''))) * em) + CELL_PADDING;
  });
}

/** Width of a text in ems, by kind of character (Noto Serif CJK's Latin is on the wide side), with 5% to spare. */
function emWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    if (displayWidth(ch) === 2) w += 1;
    else if (/[0-9]/.test(ch)) w += 0.5;
    else if (/[a-z]/.test(ch)) w += 0.55;
    else if (/[A-Z]/.test(ch)) w += 0.72;
    else if (/[.,:;'|!\s]/.test(ch)) w += 0.28;
    else w += 0.6;
  }
  return w * 1.05;
}
