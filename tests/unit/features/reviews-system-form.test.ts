// The indicator-system editor's text model: exact conversion of typed points and percentages, a
// lossless round trip of the starter systems, and each validation issue placed on its row.
import { describe, expect, it } from 'vitest';
import { validateIndicatorSystem } from '../../../renderer/src/domain/reviews/indicators';
import { starterIndicatorSystems } from '../../../renderer/src/domain/reviews/starter-systems';
import { pickContent } from '../../../renderer/src/data/indicator-systems';
import { blankForm, fromForm, locate, parseHundredths, placeIssues, toForm } from '../../../renderer/src/features/reviews/system-form';

describe('parseHundredths', () => {
  it.each([
    ['25', 2500],
    ['12.5', 1250],
    [' 0.01 ', 1],
    ['100.00', 10_000],
    ['0', 0],
    ['12.345', NaN], // more than two decimals
    ['-1', NaN],
    ['', NaN],
    ['1e2', NaN],
    ['十', NaN],
  ])('%j → %d', (text, want) => {
    expect(parseHundredths(text)).toBe(want);
  });
});

describe('system form', () => {
  it('round-trips every starter system exactly', () => {
    for (const s of starterIndicatorSystems()) {
      const content = pickContent(s);
      expect(fromForm(toForm(content))).toEqual(content);
    }
  });

  it('starts a new system that needs only its names (100 points on one indicator, default bands)', () => {
    const issues = validateIndicatorSystem(fromForm(blankForm()));
    expect(issues.map((i) => i.code)).toEqual(['system.name-missing', 'indicator.name-missing']);
  });

  it('puts each issue next to its row, band row or field', () => {
    const form = toForm(pickContent(starterIndicatorSystems()[1])); // service effect
    const parent = form.indicators[0]; // 1 服务响应度, 35 points
    parent.children[0].weight = '20'; // children now 20 + 10 + 10 = 40
    parent.children[1].rule.bands[0].share = '120'; // 1.2: share above 100 %
    form.gradeBands[1].min = '61'; // gap 60.00–60.99 below 中
    form.coefficientBands[3].coefficient = '90'; // lower than the band below (95 %)
    form.indicators[2].weight = '25'; // 3 用户满意度 30 → 25: top level 95, its children still 30
    form.nameZh = ' ';
    const issues = validateIndicatorSystem(fromForm(form));
    const placed = placeIssues(form, issues);
    expect(placed.nodes.get(parent.id)?.map((i) => i.code)).toEqual(['weights.children-sum']);
    expect(placed.nodes.get(parent.id)?.[0].params).toEqual({ code: '1', expected: 3500, actual: 4000 });
    expect(placed.nodes.get(parent.children[1].id)?.map((i) => i.code)).toEqual(['rule.share-invalid']);
    expect(placed.nodes.get(form.indicators[2].id)?.map((i) => i.code)).toEqual(['weights.children-sum']);
    expect(placed.tree.map((i) => [i.code, i.params])).toEqual([['weights.top-sum', { expected: 10_000, actual: 9500 }]]);
    expect(placed.system.map((i) => i.code)).toEqual(['system.name-missing']);
    expect([...placed.gradeRows.entries()].map(([row, list]) => [row, list.map((i) => i.code)])).toEqual([[1, ['bands.gap']]]);
    expect([...placed.coefficientRows.entries()].map(([row, list]) => [row, list.map((i) => i.code)])).toEqual([[3, ['bands.coefficient-order']]]);
  });

  it('locates nodes at any depth for adding and removing', () => {
    const form = toForm(pickContent(starterIndicatorSystems()[0]));
    const leaf = form.indicators[2].children[1];
    const at = locate(form.indicators, leaf.id);
    expect(at?.index).toBe(1);
    at!.list.splice(at!.index, 1);
    expect(form.indicators[2].children.map((n) => n.code)).toEqual(['3.1', '3.3']);
    expect(locate(form.indicators, 'nope')).toBeNull();
  });
});
