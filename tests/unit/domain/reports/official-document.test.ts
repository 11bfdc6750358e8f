// GB/T 9704-2012 page geometry in twips and the font fallback, as worked examples.
import { describe, expect, it } from 'vitest';
import {
  chooseFont,
  chooseOfficialFonts,
  GB_T_9704,
  mmToTwips,
  officialPageGeometry,
  OFFICIAL_FONTS,
} from '../../../../renderer/src/domain/reports/official-document';

describe('GB/T 9704-2012 page geometry', () => {
  it.each([
    // mm × 1440 / 25.4, rounded: 210 → 11905.5 → 11906; 297 → 16837.8 → 16838.
    [210, 11906],
    [297, 16838],
    [37, 2098], // 2097.6
    [35, 1984], // 1984.25
    [28, 1587], // 1587.4
    [26, 1474], // 1474.0
  ])('%d mm = %d twips', (mm, twips) => {
    expect(mmToTwips(mm)).toBe(twips);
  });

  it('A4 with 37/35/28/26 mm margins, 22 lines of 28 characters in 3号 (16 pt)', () => {
    const g = officialPageGeometry();
    expect(g).toEqual({
      width: 11906,
      height: 16838,
      margins: { top: 2098, bottom: 1984, left: 1587, right: 1474 },
      // Text block 16838 − 2098 − 1984 = 12756 twips high: 12756 / 22 = 579.8 → 579 per line.
      linePitch: 579,
      // 11906 − 1587 − 1474 = 8845 twips wide: 8845 / 28 = 315.9 → 315 a character, 5 less than 16 pt (320).
      characterSpacing: -5,
      charPitch: 315,
      // 4号 (14 pt) page numbers on a 16.8 pt line = 336 twips, its top 7 mm (397 twips) under the
      // text block: 1984 − 397 − 336 = 1251 twips from the page's lower edge.
      pageNumberLine: 336,
      footer: 1251,
      // Turned a quarter clockwise: binding (28 mm) on top, 37 mm right, 26 mm at the foot, 35 mm left;
      // the page number's line 1474 − 397 − 336 = 741 twips above the lower edge.
      landscape: { margins: { top: 1587, right: 2098, bottom: 1474, left: 1984 }, footer: 741 },
    });
    // What it promises: 22 lines and 28 characters fit the text block, a 23rd line and a 29th character do not.
    const [high, wide] = [g.height - g.margins.top - g.margins.bottom, g.width - g.margins.left - g.margins.right];
    expect([22 * g.linePitch <= high, 23 * g.linePitch > high]).toEqual([true, true]);
    expect([28 * (320 + g.characterSpacing) <= wide, 29 * (320 + g.characterSpacing) > wide]).toEqual([true, true]);
  });

  it('another layout: 20 lines of 25 characters in 4号 (14 pt) on the same page', () => {
    const g = officialPageGeometry({ ...GB_T_9704, linesPerPage: 20, charsPerLine: 25, bodyPt: 14 });
    // 12756 / 20 = 637.8 → 637; 8845 / 25 = 353.8 → 353 a character, 73 more than 14 pt (280).
    expect([g.linePitch, g.charPitch, g.characterSpacing]).toEqual([637, 353, 73]);
  });
});

describe('official fonts fall back to what is installed', () => {
  const installed = (names: string[]) => (font: string) => names.includes(font);
  it.each([
    ['the 方正 title font installed', OFFICIAL_FONTS.title, ['FZXiaoBiaoSong-B05S', 'Noto Serif CJK SC'], { wanted: 'FZXiaoBiaoSong-B05S', font: 'FZXiaoBiaoSong-B05S', installed: true }],
    ['its Chinese name only', OFFICIAL_FONTS.title, ['方正小标宋简体'], { wanted: 'FZXiaoBiaoSong-B05S', font: '方正小标宋简体', installed: true }],
    ['a Linux desk: Noto only', OFFICIAL_FONTS.title, ['Noto Serif CJK SC', 'Noto Sans CJK SC'], { wanted: 'FZXiaoBiaoSong-B05S', font: 'Noto Serif CJK SC', installed: true }],
    ['Windows 10 body: FangSong, no 仿宋_GB2312', OFFICIAL_FONTS.body, ['FangSong', 'SimSun'], { wanted: '仿宋_GB2312', font: 'FangSong', installed: true }],
    ['nothing of the list', OFFICIAL_FONTS.body, ['Arial'], { wanted: '仿宋_GB2312', font: '仿宋_GB2312', installed: false }],
  ])('%s', (_, fonts, here, choice) => {
    expect(chooseFont(fonts, installed(here))).toEqual(choice);
  });

  it('asks for the most wanted font when it cannot tell what is installed', () => {
    const all = chooseOfficialFonts(() => null);
    expect(Object.values(all).map((c) => [c.font, c.installed])).toEqual([
      ['FZXiaoBiaoSong-B05S', null],
      ['黑体', null],
      ['楷体_GB2312', null],
      ['仿宋_GB2312', null],
      ['宋体', null],
    ]);
  });
});
