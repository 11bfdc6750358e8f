// Report → DOCX with the docx library: real Word tables (editable in Word/WPS), Chinese fonts set
// for East Asian text (宋体/黑体, which every Chinese Windows and WPS has), charts as PNG images.
import type { ReportBlock, ReportModel, ReportTable } from './model';

const BODY_FONT = { ascii: 'Arial', hAnsi: 'Arial', eastAsia: '宋体', cs: 'Arial' };
const HEAD_FONT = { ascii: 'Arial', hAnsi: 'Arial', eastAsia: '黑体', cs: 'Arial' };

/** `chartImages` maps chart id → PNG bytes rendered by the caller (a browser canvas). */
export async function reportToDocx(model: ReportModel, chartImages: Map<string, Uint8Array>): Promise<Uint8Array> {
  const d = await import('docx');
  const { Document, Packer, Paragraph, TextRun, Table, TableRow, TableCell, WidthType, HeadingLevel, AlignmentType, ImageRun, Footer, PageNumber, ShadingType } = d;

  const text = (s: string, opts: { bold?: boolean; size?: number; color?: string } = {}) =>
    new TextRun({ text: s, bold: opts.bold, size: opts.size, color: opts.color, font: opts.bold ? HEAD_FONT : BODY_FONT });

  const table = (tb: ReportTable) => {
    const header = new TableRow({
      tableHeader: true,
      children: tb.columns.map(
        (c) =>
          new TableCell({
            shading: { type: ShadingType.CLEAR, fill: 'E8EDF3', color: 'auto' },
            children: [new Paragraph({ alignment: c.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [text(c.header, { bold: true, size: 18 })] })],
          }),
      ),
    });
    const row = (cells: string[], bold = false) =>
      new TableRow({
        children: cells.map(
          (cell, i) =>
            new TableCell({
              children: [new Paragraph({ alignment: tb.columns[i]?.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [text(cell, { size: 18, bold })] })],
            }),
        ),
      });
    const rows = tb.rows.length ? tb.rows.map((r) => row(r)) : [row([tb.empty ?? '', ...tb.columns.slice(1).map(() => '')])];
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [header, ...rows, ...(tb.footer ? [row(tb.footer, true)] : [])],
    });
  };

  const block = (b: ReportBlock): (InstanceType<typeof Paragraph> | InstanceType<typeof Table>)[] => {
    switch (b.kind) {
      case 'paragraph':
        return [new Paragraph({ spacing: { after: 120 }, children: [text(b.text, { color: b.tone === 'warning' ? 'A86300' : b.tone === 'muted' ? '5D6B7A' : undefined })] })];
      case 'facts':
        return b.items.map((f) => new Paragraph({ spacing: { after: 60 }, children: [text(`${f.label}：`, { bold: true }), text(f.value)] }));
      case 'table':
        return [new Paragraph({ spacing: { before: 120, after: 60 }, children: [text(b.title, { bold: true })] }), table(b), new Paragraph({ children: [] })];
      case 'chart': {
        const png = chartImages.get(b.id);
        if (!png) return [];
        const width = 600;
        const height = Math.round((b.height / b.width) * width);
        return [
          new Paragraph({ spacing: { before: 120, after: 60 }, children: [text(b.title, { bold: true })] }),
          new Paragraph({ children: [new ImageRun({ type: 'png', data: png, transformation: { width, height }, altText: { name: b.title, description: b.title, title: b.title } })] }),
        ];
      }
      case 'conclusions':
        return (b.text.trim() ? b.text : b.placeholder).split('\n').map((line) => new Paragraph({ spacing: { after: 80 }, children: [text(line)] }));
    }
  };

  const doc = new Document({
    creator: model.cover.find((c) => c.value)?.value ?? '',
    title: model.title,
    styles: { default: { document: { run: { font: BODY_FONT, size: 21 } } } },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [text(`${model.footer}  `, { size: 16, color: '5D6B7A' }), new TextRun({ children: [PageNumber.CURRENT], size: 16 })] })],
          }),
        },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { before: 1200, after: 240 }, children: [text(model.title, { bold: true, size: 44 })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 600 }, children: [text(model.subtitle, { size: 28 })] }),
          ...model.cover.map((c) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [text(`${c.label}：`, { bold: true, size: 24 }), text(c.value, { size: 24 })] })),
          ...model.sections.flatMap((s) => [
            new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: s === model.sections[0], spacing: { before: 240, after: 120 }, children: [text(s.heading, { bold: true, size: 30 })] }),
            ...s.blocks.flatMap(block),
          ]),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
