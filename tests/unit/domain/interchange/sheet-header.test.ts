import { describe, expect, it } from 'vitest';
import { detectHeaderRow } from '../../../../renderer/src/domain/interchange/sheet-header';

describe('detectHeaderRow', () => {
  it.each([
    { name: 'header on the first row', kind: 'projects' as const, rows: [['项目编号', '项目名称', '类别'], ['ZH-1', '城市大脑', '城市大脑']], want: 0 },
    {
      name: 'a merged title row above the header (each merged cell repeats the title)',
      kind: 'projects' as const,
      rows: [['2024年智慧城市项目清单', '2024年智慧城市项目清单', '2024年智慧城市项目清单'], [], ['项目编号', '项目名称', '类别'], ['ZH-1', '城市大脑', '城市大脑']],
      want: 2,
    },
    {
      name: 'a note row naming one column loses to the header naming three',
      kind: 'payments' as const,
      rows: [['备注：金额单位为万元'], ['合同编号', '支付日期', '支付金额（万元）'], ['HT-1', '2024-01-01', '1']],
      want: 1,
    },
    { name: 'nothing recognised: the first non-blank row', kind: 'contracts' as const, rows: [[], ['', ''], ['甲', '乙'], ['1', '2']], want: 2 },
    { name: 'empty sheet', kind: 'contracts' as const, rows: [], want: 0 },
  ])('$name', ({ kind, rows, want }) => {
    expect(detectHeaderRow(kind, rows)).toBe(want);
  });
});
