import { describe, expect, it } from 'vitest';
import {
  activationChanges,
  evaluateReview,
  forkVersion,
  needsNewVersion,
  scoreIndicators,
  scoreRule,
  validateIndicators,
  validateIndicatorSystem,
  validateRule,
} from '../../../../renderer/src/domain/reviews/indicators';
import { DEFAULT_COEFFICIENT_BANDS, DEFAULT_GRADE_BANDS } from '../../../../renderer/src/domain/reviews/review-scoring';
import type { IndicatorNode, IndicatorSystem, ScoringRule } from '../../../../renderer/src/domain/reviews/review-types';

const L = (zh: string) => ({ zh, en: zh });

function leaf(id: string, code: string, weight: number, rule?: ScoringRule): IndicatorNode {
  return { id, code, name: L(`指标${code}`), weight, unit: L('%'), evidenceHint: L(''), rule, children: [] };
}
function group(id: string, code: string, weight: number, children: IndicatorNode[], rule?: ScoringRule): IndicatorNode {
  return { id, code, name: L(`分类${code}`), weight, unit: L(''), evidenceHint: L(''), rule, children };
}

const linear = (direction: 'higher-better' | 'lower-better', target: string, zero: string): ScoringRule => ({ type: 'target-linear', direction, target, zero });
const bands = (direction: 'higher-better' | 'lower-better', ...pairs: [string, number][]): ScoringRule => ({
  type: 'threshold-bands',
  direction,
  bands: pairs.map(([bound, scoreShareBp]) => ({ bound, scoreShareBp })),
});
const grades = (...pairs: [string, number][]): ScoringRule => ({ type: 'qualitative-grade', grades: pairs.map(([key, scoreShareBp]) => ({ key, scoreShareBp })) });
const deduct = (pointsPerIncident: number): ScoringRule => ({ type: 'deduction-per-incident', pointsPerIncident });

const AVAILABILITY = bands('higher-better', ['98', 3000], ['99', 6000], ['99.5', 8500], ['99.9', 10_000]);
const REPEAT_RATE = bands('lower-better', ['2', 10_000], ['5', 7000], ['10', 4000]);
const ZH_GRADES = grades(['优', 10_000], ['良', 8000], ['中', 6000], ['差', 3000]);

// Scores are centipoints (hundredths of a point): weight 1000 = 10.00 points.
describe('scoreRule: target-linear — weight × clamp((v − zero)/(target − zero), 0, 1), half up once', () => {
  it.each([
    // weight, rule, value, expected, worked by hand
    [1000, linear('higher-better', '95', '50'), '95', 1000], // share 1
    [1000, linear('higher-better', '95', '50'), '100', 1000], // above target clamps to 1
    [1000, linear('higher-better', '95', '50'), '50', 0], // at zero-score value
    [1000, linear('higher-better', '95', '50'), '40', 0], // below clamps to 0
    [1000, linear('higher-better', '95', '50'), '86.5', 811], // 36.5/45 × 1000 = 811.11 → 811
    [1000, linear('higher-better', '100', '60'), '60.1', 3], // 0.1/40 × 1000 = 2.5 → 3 (half up)
    [1000, linear('higher-better', '100', '60'), '60.3', 8], // 7.5 → 8
    [1000, linear('higher-better', '100', '60'), '60.06', 2], // 1.5 → 2
    [800, linear('higher-better', '100', '60'), '90', 600], // 30/40 × 800
    [700, linear('higher-better', '95', '60'), '94.995', 700], // 34.995/35 × 700 = 699.9 → 700
    [1000, linear('higher-better', '99.9', '95'), '99.5', 918], // 4.5/4.9 × 1000 = 918.37 → 918
    [333, linear('higher-better', '3', '0'), '1', 111], // exact thirds: 333/3
    [1, linear('higher-better', '2', '0'), '1', 1], // 0.5 → 1
    [1500, linear('lower-better', '15', '120'), '36', 1200], // (36−120)/(15−120) = 84/105 = 0.8
    [1500, linear('lower-better', '15', '120'), '15', 1500],
    [1500, linear('lower-better', '15', '120'), '10', 1500], // better than target clamps to 1
    [1500, linear('lower-better', '15', '120'), '120', 0],
    [1500, linear('lower-better', '15', '120'), '200', 0],
    [1000, linear('lower-better', '2', '10'), '2.5', 938], // 7.5/8 × 1000 = 937.5 → 938
    [1000, linear('higher-better', '10', '0'), '-5', 0], // negative growth
    [1000, linear('higher-better', '10', '-10'), '-2.5', 375], // 7.5/20 × 1000
  ])('w=%i %o v=%s → %i', (weight, rule, value, expected) => {
    expect(scoreRule(rule, weight, value)).toEqual({ ok: true, score: expected });
  });
});

describe('scoreRule: threshold-bands', () => {
  it.each([
    // higher-better: value ≥ bound; best band reached wins
    [900, AVAILABILITY, '99.95', 900],
    [900, AVAILABILITY, '99.9', 900], // on the bound counts
    [900, AVAILABILITY, '99.89', 765], // 85 % × 900
    [900, AVAILABILITY, '99.5', 765],
    [900, AVAILABILITY, '99.49', 540], // 60 %
    [900, AVAILABILITY, '99', 540],
    [900, AVAILABILITY, '98.5', 270], // 30 %
    [900, AVAILABILITY, '98', 270],
    [900, AVAILABILITY, '97.99', 0], // below every band
    [1500, bands('higher-better', ['0', 3333]), '5', 500], // 1500 × 0.3333 = 499.95 → 500
    [1, bands('higher-better', ['0', 5000]), '5', 1], // 0.5 → 1
    [1, bands('higher-better', ['0', 4999]), '5', 0], // 0.4999 → 0
    // lower-better: value ≤ bound; tightest band wins
    [1000, REPEAT_RATE, '0', 1000],
    [1000, REPEAT_RATE, '2', 1000],
    [1000, REPEAT_RATE, '2.01', 700],
    [1000, REPEAT_RATE, '5', 700],
    [1000, REPEAT_RATE, '7.5', 400],
    [1000, REPEAT_RATE, '10', 400],
    [1000, REPEAT_RATE, '10.5', 0],
  ])('w=%i v=%s → %i', (weight, rule, value, expected) => {
    expect(scoreRule(rule, weight, value)).toEqual({ ok: true, score: expected });
  });
});

describe('scoreRule: qualitative-grade', () => {
  it.each([
    [600, ZH_GRADES, '优', 600],
    [600, ZH_GRADES, '良', 480], // 80 %
    [600, ZH_GRADES, '中', 360],
    [600, ZH_GRADES, '差', 180], // 30 %
    [600, ZH_GRADES, ' 良 ', 480], // surrounding spaces ignored
    [750, grades(['A', 3333]), 'A', 250], // 249.975 → 250
    [1000, grades(['A', 10_000], ['B', 8000], ['C', 6000], ['D', 0]), 'D', 0],
  ])('w=%i %s → %i', (weight, rule, value, expected) => {
    expect(scoreRule(rule, weight, value)).toEqual({ ok: true, score: expected });
  });
});

describe('scoreRule: deduction-per-incident (floor 0)', () => {
  it.each([
    [800, 200, '0', 800],
    [800, 200, '1', 600],
    [800, 200, '3', 200],
    [800, 200, '4', 0],
    [800, 200, '5', 0], // would be −200: floored
    [800, 200, '100', 0],
    [1000, 150, '3', 550], // 10.00 − 3 × 1.50
  ])('w=%i per=%i n=%s → %i', (weight, per, value, expected) => {
    expect(scoreRule(deduct(per), weight, value)).toEqual({ ok: true, score: expected });
  });
});

describe('scoreRule: unusable values', () => {
  it.each([
    [linear('higher-better', '95', '50'), '', 'value.missing'],
    [linear('higher-better', '95', '50'), '   ', 'value.missing'],
    [linear('higher-better', '95', '50'), 'abc', 'value.invalid'],
    [linear('higher-better', '95', '50'), '1e3', 'value.invalid'],
    [linear('higher-better', '95', '50'), '99,5', 'value.invalid'],
    [AVAILABILITY, '99.9%', 'value.invalid'],
    [ZH_GRADES, 'A', 'value.unknown-grade'],
    [deduct(100), '-1', 'value.invalid'],
    [deduct(100), '1.5', 'value.invalid'],
    [linear('higher-better', 'x', '0'), '5', 'rule.invalid'],
    [bands('higher-better', ['99', 5000], ['98', 8000]), '99', 'rule.invalid'],
    [deduct(0), '1', 'rule.invalid'],
  ])('%o with %j → %s', (rule, value, code) => {
    const r = scoreRule(rule, 1000, value, '1.1');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issue).toMatchObject({ code, params: { code: '1.1' } });
  });
});

describe('validateRule', () => {
  it.each<[string, ScoringRule, string[]]>([
    ['linear ok', linear('higher-better', '95', '50'), []],
    ['linear lower ok', linear('lower-better', '2', '10'), []],
    ['target equals zero', linear('higher-better', '50', '50.0'), ['rule.target-equals-zero']],
    ['higher-better but target below zero', linear('higher-better', '50', '95'), ['rule.direction-mismatch']],
    ['lower-better but target above zero', linear('lower-better', '10', '2'), ['rule.direction-mismatch']],
    ['bad target', linear('higher-better', 'x', '2'), ['rule.decimal-invalid']],
    ['bad direction', { type: 'target-linear', direction: 'up' as never, target: '9', zero: '1' }, ['rule.direction-invalid']],
    ['bands ok', AVAILABILITY, []],
    ['lower bands ok', REPEAT_RATE, []],
    ['bands empty', bands('higher-better'), ['rule.bands-empty']],
    ['bands out of order', bands('higher-better', ['99', 5000], ['98', 8000]), ['rule.bands-order']],
    ['bands equal bounds', bands('higher-better', ['99', 5000], ['99.0', 8000]), ['rule.bands-order']],
    ['share above 100 %', bands('higher-better', ['99', 10_001]), ['rule.share-invalid']],
    ['share not integer', bands('higher-better', ['99', 50.5]), ['rule.share-invalid']],
    ['higher band pays less', bands('higher-better', ['90', 8000], ['95', 6000]), ['rule.bands-not-monotonic']],
    ['lower-better looser band pays more', bands('lower-better', ['2', 5000], ['5', 7000]), ['rule.bands-not-monotonic']],
    ['bad bound', bands('higher-better', ['abc', 5000]), ['rule.decimal-invalid']],
    ['grades ok', ZH_GRADES, []],
    ['grades empty', grades(), ['rule.grades-empty']],
    ['grade duplicate', grades(['优', 10_000], ['优', 8000]), ['rule.grade-duplicate']],
    ['grade key blank', grades([' ', 10_000]), ['rule.grade-key-missing']],
    ['grade share invalid', grades(['A', -1]), ['rule.share-invalid']],
    ['deduction ok', deduct(200), []],
    ['deduction zero', deduct(0), ['rule.deduction-invalid']],
    ['deduction negative', deduct(-100), ['rule.deduction-invalid']],
    ['deduction fraction', deduct(1.5), ['rule.deduction-invalid']],
    ['unknown type', { type: 'magic' } as never, ['rule.type-unknown']],
  ])('%s', (_name, rule, codes) => {
    expect(validateRule(rule, '1.1').map((i) => i.code)).toEqual(codes);
  });

  it('names the indicator and the failing band', () => {
    expect(validateRule(bands('higher-better', ['99', 5000], ['98', 8000]), '2.3')).toEqual([
      { code: 'rule.bands-order', params: { code: '2.3', index: 1 } },
    ]);
  });
});

/** A valid 100-point tree: A (60) = A1 40 + A2 20; B (40) = B1 40. */
function tree(): IndicatorNode[] {
  return [
    group('a', 'A', 6000, [leaf('a1', 'A1', 4000, linear('higher-better', '100', '0')), leaf('a2', 'A2', 2000, ZH_GRADES)]),
    group('b', 'B', 4000, [leaf('b1', 'B1', 4000, deduct(500))]),
  ];
}

describe('validateIndicators', () => {
  const mutate = (f: (t: IndicatorNode[]) => void) => {
    const t = tree();
    f(t);
    return t;
  };
  it.each<[string, IndicatorNode[], { code: string; params?: object }[]]>([
    ['valid tree', tree(), []],
    ['empty', [], [{ code: 'system.no-indicators' }]],
    ['top level 99 points', mutate((t) => { t[1].weight = 3900; t[1].children[0].weight = 3900; }), [{ code: 'weights.top-sum', params: { expected: 10_000, actual: 9900 } }]],
    ['children do not sum to parent', mutate((t) => { t[0].children[1].weight = 1500; }), [{ code: 'weights.children-sum', params: { code: 'A', expected: 6000, actual: 5500 } }]],
    ['leaf without rule', mutate((t) => { delete t[0].children[0].rule; }), [{ code: 'indicator.rule-missing', params: { code: 'A1' } }]],
    ['rule on a parent', mutate((t) => { t[0].rule = deduct(100); }), [{ code: 'indicator.rule-on-parent', params: { code: 'A' } }]],
    ['duplicate code', mutate((t) => { t[1].children[0].code = 'A1'; }), [{ code: 'indicator.code-duplicate', params: { code: 'A1' } }]],
    ['duplicate id', mutate((t) => { t[1].children[0].id = 'a1'; }), [{ code: 'indicator.id-duplicate', params: { id: 'a1' } }]],
    ['missing code', mutate((t) => { t[1].children[0].code = ' '; }), [{ code: 'indicator.code-missing', params: { id: 'b1' } }]],
    ['missing name', mutate((t) => { t[1].children[0].name = L(''); }), [{ code: 'indicator.name-missing', params: { code: 'B1' } }]],
    ['zero weight', mutate((t) => { t.push(leaf('c', 'C', 0, deduct(1))); }), [{ code: 'indicator.weight-invalid', params: { code: 'C', weight: 0 } }]],
    [
      'fractional weight',
      mutate((t) => { t[0].children[0].weight = 3999.5; t[0].children[1].weight = 2000.5; }),
      [
        { code: 'indicator.weight-invalid', params: { code: 'A1', weight: 3999.5 } },
        { code: 'indicator.weight-invalid', params: { code: 'A2', weight: 2000.5 } },
      ],
    ],
    ['bad rule params inside the tree', mutate((t) => { t[1].children[0].rule = deduct(0); }), [{ code: 'rule.deduction-invalid', params: { code: 'B1' } }]],
  ])('%s', (_name, nodes, expected) => {
    expect(validateIndicators(nodes)).toMatchObject(expected);
    expect(validateIndicators(nodes)).toHaveLength(expected.length);
  });

  it('checks deeper levels too (three levels)', () => {
    const t: IndicatorNode[] = [
      group('a', 'A', 10_000, [
        group('a1', 'A1', 5000, [leaf('a11', 'A1.1', 2500, deduct(1)), leaf('a12', 'A1.2', 2000, deduct(1))]),
        leaf('a2', 'A2', 5000, deduct(1)),
      ]),
    ];
    expect(validateIndicators(t)).toEqual([{ code: 'weights.children-sum', params: { code: 'A1', expected: 5000, actual: 4500 } }]);
  });
});

function system(over: Partial<IndicatorSystem> = {}): IndicatorSystem {
  return {
    id: 'sys-1',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'tester',
    rev: 3,
    deleted: 0,
    lineageId: 'lin-1',
    version: 1,
    status: 'active',
    name: { zh: '测试体系', en: 'Test system' },
    description: L(''),
    gradeBands: structuredClone([...DEFAULT_GRADE_BANDS]),
    coefficientBands: structuredClone([...DEFAULT_COEFFICIENT_BANDS]),
    indicators: tree(),
    ...over,
  };
}

describe('validateIndicatorSystem', () => {
  it('accepts a complete system', () => {
    expect(validateIndicatorSystem(system())).toEqual([]);
  });
  it('collects name, tree and band problems together', () => {
    const s = system({ name: L(''), gradeBands: [], coefficientBands: [{ min: 0, max: 9999, coefficientBp: 10_000 }] });
    s.indicators[0].children[0].weight = 3000;
    expect(validateIndicatorSystem(s).map((i) => i.code)).toEqual([
      'system.name-missing',
      'weights.children-sum', // A's children now 50 ≠ 60; the top level (A 60 + B 40) still sums to 100
      'bands.empty',
      'bands.end',
    ]);
  });
});

describe('scoreIndicators / evaluateReview', () => {
  it('sums rounded leaves into parents and the total (worked example)', () => {
    // A1: 87.5/100 × 4000 = 3500; A2 良: 80 % × 2000 = 1600; A = 5100.
    // B1: 3 incidents × 500 off 4000 = 2500.  Total 7600 = 76.00 → 中 (fair), coefficient 85 %.
    const r = evaluateReview(system(), [
      { indicatorId: 'a1', value: '87.5' },
      { indicatorId: 'a2', value: '良' },
      { indicatorId: 'b1', value: '3' },
    ]);
    expect(r.total).toBe(7600);
    expect(r.max).toBe(10_000);
    expect(r.complete).toBe(true);
    expect(r.issues).toEqual([]);
    expect(r.nodes.get('a')).toEqual({ id: 'a', code: 'A', score: 5100, max: 6000, complete: true });
    expect(r.nodes.get('b1')).toEqual({ id: 'b1', code: 'B1', score: 2500, max: 4000, complete: true });
    expect(r.grade).toBe('fair');
    expect(r.coefficientBp).toBe(8500);
  });

  it('a missing or invalid leaf counts 0 and marks the result incomplete', () => {
    const r = scoreIndicators(tree(), [
      { indicatorId: 'a1', value: '87.5' },
      { indicatorId: 'a2', value: 'X' },
    ]);
    expect(r.total).toBe(3500);
    expect(r.complete).toBe(false);
    expect(r.nodes.get('a')!.complete).toBe(false);
    expect(r.issues).toEqual([
      { code: 'value.unknown-grade', params: { code: 'A2', value: 'X' } },
      { code: 'value.missing', params: { code: 'B1' } },
    ]);
  });

  it('rounds once per leaf: three thirds of 1.00 point give 0.99, as the table shows', () => {
    // Each leaf: 1/3 × 100 = 33.33 → 33; parent and total are sums of the shown leaf scores.
    const third = linear('higher-better', '3', '0');
    const nodes = [
      group('p', 'P', 10_000, [
        leaf('x', 'X', 100, third), leaf('y', 'Y', 100, third), leaf('z', 'Z', 100, third), leaf('rest', 'R', 9700, deduct(1)),
      ]),
    ];
    const r = scoreIndicators(nodes, ['x', 'y', 'z'].map((id) => ({ indicatorId: id, value: '1' })).concat({ indicatorId: 'rest', value: '0' }));
    expect(r.nodes.get('x')!.score).toBe(33);
    expect(r.total).toBe(33 * 3 + 9700);
  });
});

describe('versioning', () => {
  it.each([
    ['draft', false, false],
    ['active', false, false],
    ['active', true, true],
    ['draft', true, true],
    ['superseded', false, true],
  ] as const)('status %s, used by finalised reviews %s → new version %s', (status, used, expected) => {
    expect(needsNewVersion({ status }, used)).toBe(expected);
  });

  it('forkVersion makes a new draft record in the same lineage and leaves the original alone', () => {
    const original = system({ version: 2 });
    const fork = forkVersion(original, { at: '2026-03-01T00:00:00.000Z', by: 'lead', id: 'sys-2' });
    expect(fork).toMatchObject({
      id: 'sys-2',
      lineageId: 'lin-1',
      version: 3,
      status: 'draft',
      rev: 1,
      deleted: 0,
      createdAt: '2026-03-01T00:00:00.000Z',
      updatedAt: '2026-03-01T00:00:00.000Z',
      updatedBy: 'lead',
    });
    expect(fork.indicators).toEqual(original.indicators);
    expect(fork.indicators).not.toBe(original.indicators);
    fork.indicators[0].children[0].weight = 1;
    fork.gradeBands[0].max = 1;
    expect(original.indicators[0].children[0].weight).toBe(4000);
    expect(original.gradeBands[0].max).toBe(5999);
    expect(original).toMatchObject({ id: 'sys-1', version: 2, status: 'active', rev: 3 });
  });

  it.each([
    [1, undefined, 2],
    [1, 3, 4], // forking v1 while v3 exists never reuses 2 or 3
    [3, 1, 4],
  ])('fork of v%i with latest %s → v%i', (version, latestVersion, expected) => {
    expect(forkVersion(system({ version }), { at: 'x', by: 'y', latestVersion }).version).toBe(expected);
  });

  it('draws a random UUID when no id is given', () => {
    expect(forkVersion(system(), { at: 'x', by: 'y' }).id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it.each([
    ['activating a draft supersedes the active version of the same lineage only', 'v2', [{ id: 'v2', status: 'active' }, { id: 'v1', status: 'superseded' }]],
    ['activating the active version changes nothing', 'v1', []],
    ['unknown id changes nothing', 'nope', []],
  ] as const)('%s', (_name, id, expected) => {
    const versions = [
      { id: 'v1', lineageId: 'L', status: 'active' as const },
      { id: 'v2', lineageId: 'L', status: 'draft' as const },
      { id: 'old', lineageId: 'L', status: 'superseded' as const },
      { id: 'other', lineageId: 'M', status: 'active' as const },
    ];
    expect(activationChanges(versions, id)).toEqual(expected);
  });
});
