// The layout of a Chinese official document, GB/T 9704-2012 (党政机关公文格式), as a word
// processor needs it: A4; margins top 37 mm, bottom 35 mm, left (binding) 28 mm, right 26 mm, which
// leave a 156 × 225 mm text block; title in 2号 (22 pt) 小标宋, body in 3号 (16 pt) 仿宋; 22 lines
// of 28 characters a page (fixed line spacing and fitted character spacing); page numbers in 4号 (14 pt) 宋体. Fonts are
// named in order of preference, ending in one every Linux desk has, and the first one installed is
// used.

/** Twentieths of a point, the unit of OOXML page geometry. */
export const TWIPS_PER_MM = 1440 / 25.4;
export const mmToTwips = (mm: number): number => Math.round(mm * TWIPS_PER_MM);

export interface OfficialLayoutSpec {
  pageMm: { width: number; height: number };
  marginsMm: { top: number; bottom: number; left: number; right: number };
  linesPerPage: number;
  charsPerLine: number;
  /** Font sizes in points: 2号 title, 3号 body, 4号 page number. */
  titlePt: number;
  bodyPt: number;
  pageNumberPt: number;
}

export const GB_T_9704: OfficialLayoutSpec = {
  pageMm: { width: 210, height: 297 },
  marginsMm: { top: 37, bottom: 35, left: 28, right: 26 },
  linesPerPage: 22,
  charsPerLine: 28,
  titlePt: 22,
  bodyPt: 16,
  pageNumberPt: 14,
};

/** The page number's rule (一字线) sits 7 mm below the text block. */
const PAGE_NUMBER_GAP_MM = 7;

export interface PageGeometry {
  /** Page and margins in twips. */
  width: number;
  height: number;
  margins: { top: number; bottom: number; left: number; right: number };
  /** Twips per line so that `linesPerPage` lines fill the text block: the fixed line spacing (行距固定值) of body text. */
  linePitch: number;
  /**
   * Character spacing of body text in twips (w:spacing in the run, negative = condensed): a 3号
   * character is 320 twips wide and 28 of them are 8960, more than the 8845 of the text block, so
   * each gives up just enough that `charsPerLine` fit and one more does not.
   */
  characterSpacing: number;
  /** What one body character then takes, in twips: the unit of "two characters" of indent. */
  charPitch: number;
  /** Height of the page-number line (1.2 × its size) and the footer distance that puts its top 7 mm below the text block. */
  pageNumberLine: number;
  footer: number;
  /**
   * A table too wide for the page is set landscape (横排表格): the sheet turned a quarter clockwise,
   * so the binding edge is at the top, where the table's head is, and the text block is the same.
   */
  landscape: { margins: { top: number; bottom: number; left: number; right: number }; footer: number };
}

/**
 * Rounded down, so the lines and characters asked for always fit the text block. Lines and
 * characters are held by a fixed line spacing and a fitted character spacing, as the usual 公文
 * templates do, rather than by an active document grid (w:docGrid linesAndChars with charSpace):
 * Word lays a grid out as asked, but LibreOffice puts a character wider than the grid pitch over
 * two cells (14 characters a line instead of 28) and snaps every table row to the 28.95 pt grid
 * line. Fixed spacing gives 22 × 28 in Word, WPS and LibreOffice alike.
 */
export function officialPageGeometry(spec: OfficialLayoutSpec = GB_T_9704): PageGeometry {
  const width = mmToTwips(spec.pageMm.width);
  const height = mmToTwips(spec.pageMm.height);
  const m = spec.marginsMm;
  const margins = { top: mmToTwips(m.top), bottom: mmToTwips(m.bottom), left: mmToTwips(m.left), right: mmToTwips(m.right) };
  const textWidth = width - margins.left - margins.right;
  const textHeight = height - margins.top - margins.bottom;
  const charPitch = Math.floor(textWidth / spec.charsPerLine);
  const pageNumberLine = Math.round(spec.pageNumberPt * 1.2 * 20);
  return {
    width,
    height,
    margins,
    linePitch: Math.floor(textHeight / spec.linesPerPage),
    characterSpacing: charPitch - spec.bodyPt * 20,
    charPitch,
    pageNumberLine,
    footer: margins.bottom - mmToTwips(PAGE_NUMBER_GAP_MM) - pageNumberLine,
    landscape: {
      margins: { top: margins.left, right: margins.top, bottom: margins.right, left: margins.bottom },
      footer: margins.right - mmToTwips(PAGE_NUMBER_GAP_MM) - pageNumberLine,
    },
  };
}

export type FontRole = 'title' | 'heading' | 'subheading' | 'body' | 'pageNumber';
export const FONT_ROLES: readonly FontRole[] = ['title', 'heading', 'subheading', 'body', 'pageNumber'];

/**
 * Fonts each part asks for, most wanted first: the names Chinese offices install (方正 fonts,
 * the GB2312 fonts, Windows' own), then the Noto CJK fonts of Linux (fonts-noto-cjk).
 */
export const OFFICIAL_FONTS: Readonly<Record<FontRole, readonly string[]>> = {
  title: ['FZXiaoBiaoSong-B05S', '方正小标宋简体', '方正小标宋_GBK', 'Noto Serif CJK SC'],
  heading: ['黑体', 'SimHei', 'Noto Sans CJK SC'],
  subheading: ['楷体_GB2312', 'KaiTi_GB2312', '楷体', 'KaiTi', 'STKaiti', 'Noto Serif CJK SC'],
  body: ['仿宋_GB2312', 'FangSong_GB2312', '仿宋', 'FangSong', 'STFangsong', 'Noto Serif CJK SC'],
  pageNumber: ['宋体', 'SimSun', 'Noto Serif CJK SC'],
};

export interface FontChoice {
  /** The font the part asks for first. */
  wanted: string;
  /** The font written into the document. */
  font: string;
  /** true: `font` is installed here; false: none of the list is (the reader's program substitutes); null: not checked. */
  installed: boolean | null;
}

/**
 * The first installed font of a list. `isInstalled` answers null when it cannot tell (no way to
 * measure text), and then the most wanted font is asked for.
 */
export function chooseFont(fonts: readonly string[], isInstalled: (font: string) => boolean | null): FontChoice {
  const wanted = fonts[0];
  for (const font of fonts) {
    const here = isInstalled(font);
    if (here === null) return { wanted, font: wanted, installed: null };
    if (here) return { wanted, font, installed: true };
  }
  return { wanted, font: wanted, installed: false };
}

export function chooseOfficialFonts(isInstalled: (font: string) => boolean | null): Record<FontRole, FontChoice> {
  return Object.fromEntries(FONT_ROLES.map((role) => [role, chooseFont(OFFICIAL_FONTS[role], isInstalled)])) as Record<FontRole, FontChoice>;
}
