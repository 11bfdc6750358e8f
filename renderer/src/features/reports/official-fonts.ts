// Which of the official-document fonts this computer has (measured in a canvas), and the sentence
// the DOCX ends with saying which fonts it uses or only asks for.
import { chooseOfficialFonts, FONT_ROLES, GB_T_9704, type FontChoice, type FontRole } from '../../domain/reports/official-document';
import { t } from '../../i18n/i18n.svelte';

export interface OfficialFonts {
  fonts: Record<FontRole, FontChoice>;
  /** The layout and the fonts in the report's language, printed at the end of the document. */
  note: string;
}

/**
 * A font is installed when text set in it (falling back to a generic family) is not exactly as wide
 * as in the generic family alone; three generics, so a font that is itself one of them still shows.
 * Without a canvas (Node) it cannot tell: null.
 */
export function canvasFontCheck(): (font: string) => boolean | null {
  const ctx = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!ctx) return () => null;
  const sample = '国务院办公厅关于印发公文格式 GB/T 9704 mwMW 0123';
  const width = (family: string) => {
    ctx.font = `40px ${family}`;
    return ctx.measureText(sample).width;
  };
  const generics = ['monospace', 'serif', 'sans-serif'].map((g) => [g, width(g)] as const);
  return (font) => generics.some(([g, w]) => width(`"${font.replace(/["\\]/g, '')}", ${g}`) !== w);
}

export function officialFonts(isInstalled: (font: string) => boolean | null = canvasFontCheck()): OfficialFonts {
  const fonts = chooseOfficialFonts(isInstalled);
  const describe = (c: FontChoice) =>
    c.installed === null
      ? t('report.docx.fontAsked', { font: c.font })
      : !c.installed
        ? t('report.docx.fontMissing', { font: c.font })
        : c.font === c.wanted
          ? c.font
          : t('report.docx.fontInstead', { font: c.font, wanted: c.wanted });
  const list = FONT_ROLES.map((role) => t('report.docx.fontPart', { role: t(`report.docx.roles.${role}`), font: describe(fonts[role]) }));
  const m = GB_T_9704.marginsMm;
  const layout = t('report.docx.layout', { ...m, lines: GB_T_9704.linesPerPage, chars: GB_T_9704.charsPerLine });
  return { fonts, note: `${layout}${t('report.docx.fonts', { list: list.join(t('report.docx.fontSeparator')) })}` };
}
