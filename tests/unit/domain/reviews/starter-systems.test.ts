import { describe, expect, it } from 'vitest';
import { evaluateReview, leafIndicators, validateIndicatorSystem, walkIndicators } from '../../../../renderer/src/domain/reviews/indicators';
import type { ScoringRuleType } from '../../../../renderer/src/domain/reviews/review-types';
import {
  STARTER_SYSTEM_CREATE_CHANGE_IDS,
  STARTER_SYSTEM_IDS,
  starterIndicatorSystems,
} from '../../../../renderer/src/domain/reviews/starter-systems';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const systems = starterIndicatorSystems();

describe('starter indicator systems', () => {
  it.each(systems.map((s) => [s.name.zh, s] as const))('%s validates', (_name, s) => {
    expect(validateIndicatorSystem(s)).toEqual([]);
  });

  it.each([
    ['longTermOperation', ['内容覆盖', '机制建设', '运营能力', '运营成效']],
    ['serviceEffect', ['服务响应度', '问题解决度', '用户满意度']],
    ['pppPerformance', ['产出', '效果', '管理']],
  ] as const)('%s has the seed dimensions as its top level', (key, names) => {
    const s = systems.find((x) => x.id === STARTER_SYSTEM_IDS[key].id)!;
    expect(s.indicators.map((n) => n.name.zh)).toEqual(names);
    expect(s.lineageId).toBe(STARTER_SYSTEM_IDS[key].lineageId);
    expect(s).toMatchObject({ version: 1, status: 'active' });
  });

  it('PPP output and management carry the guideline indicators', () => {
    const ppp = systems.find((x) => x.id === STARTER_SYSTEM_IDS.pppPerformance.id)!;
    const names = (i: number) => ppp.indicators[i].children.map((c) => c.name.zh);
    expect(names(0)).toEqual(expect.arrayContaining(['平台可用率', '系统平均响应时间']));
    expect(names(1)).toEqual(expect.arrayContaining(['用户满意度', '社会效益']));
    expect(names(2)).toEqual(['运维管理', '档案管理', '信息公开']);
  });

  it('every group has 2–4 sub-indicators, every text both languages', () => {
    for (const s of systems) {
      expect(s.name.en).not.toBe('');
      for (const g of s.indicators) expect(g.children.length).toBeGreaterThanOrEqual(2);
      for (const g of s.indicators) expect(g.children.length).toBeLessThanOrEqual(4);
      walkIndicators(s.indicators, (n) => {
        expect(n.name.zh && n.name.en, n.code).toBeTruthy();
        expect(n.evidenceHint.zh && n.evidenceHint.en, n.code).toBeTruthy();
        if (n.children.length === 0) expect(n.unit.zh && n.unit.en, n.code).toBeTruthy();
      });
    }
  });

  it('uses all four rule types across the systems, and every leaf has one', () => {
    const types = new Set<ScoringRuleType>();
    for (const s of systems) for (const l of leafIndicators(s.indicators)) types.add(l.rule!.type);
    expect([...types].sort()).toEqual(['deduction-per-incident', 'qualitative-grade', 'target-linear', 'threshold-bands']);
  });

  it('ids are fixed, distinct UUIDs with a fixed creation change id', () => {
    const all: string[] = [...Object.values(STARTER_SYSTEM_IDS).flatMap((x) => [x.id, x.lineageId]), ...Object.values(STARTER_SYSTEM_CREATE_CHANGE_IDS)];
    expect(new Set(all).size).toBe(all.length);
    for (const id of all) expect(id).toMatch(UUID);
    expect(Object.keys(STARTER_SYSTEM_CREATE_CHANGE_IDS).sort()).toEqual(systems.map((s) => s.id).sort());
    expect(starterIndicatorSystems().map((s) => s.id)).toEqual(systems.map((s) => s.id));
  });

  it('returns fresh copies each time', () => {
    const a = starterIndicatorSystems();
    a[0].indicators[0].children[0].weight = 1;
    a[0].gradeBands[0].max = 1;
    const b = starterIndicatorSystems();
    expect(validateIndicatorSystem(b[0])).toEqual([]);
  });

  it('scores a full service-effect review (worked by hand)', () => {
    const s = systems.find((x) => x.id === STARTER_SYSTEM_IDS.serviceEffect.id)!;
    const r = evaluateReview(s, [
      { indicatorId: 'se-1-1', value: '30' }, // (30−120)/(15−120) = 6/7 × 1500 = 1285.71 → 1286
      { indicatorId: 'se-1-2', value: '96.5' }, // ≥95 band: 80 % × 1000 = 800
      { indicatorId: 'se-1-3', value: '2' }, // 1000 − 2 × 100 = 800
      { indicatorId: 'se-2-1', value: '88' }, // (88−60)/35 = 0.8 × 1500 = 1200
      { indicatorId: 'se-2-2', value: '3.2' }, // ≤5 band: 70 % × 1000 = 700
      { indicatorId: 'se-2-3', value: '良' }, // 80 % × 1000 = 800
      { indicatorId: 'se-3-1', value: '91' }, // 31/35 × 2000 = 1771.43 → 1771
      { indicatorId: 'se-3-2', value: '1' }, // 1000 − 200 = 800
    ]);
    expect(r.complete).toBe(true);
    expect(r.nodes.get('se-1')!.score).toBe(2886);
    expect(r.nodes.get('se-2')!.score).toBe(2700);
    expect(r.nodes.get('se-3')!.score).toBe(2571);
    expect(r.total).toBe(8157); // 81.57 → 良, 95 %
    expect(r.grade).toBe('good');
    expect(r.coefficientBp).toBe(9500);
  });

  it('scores a full PPP review (worked by hand)', () => {
    const s = systems.find((x) => x.id === STARTER_SYSTEM_IDS.pppPerformance.id)!;
    const r = evaluateReview(s, [
      { indicatorId: 'ppp-1-1', value: '99.92' }, // ≥99.9: 1500
      { indicatorId: 'ppp-1-2', value: '3' }, // (3−10)/(2−10) = 7/8 × 1000 = 875
      { indicatorId: 'ppp-1-3', value: '95' }, // (95−80)/18 × 1000 = 833.33 → 833
      { indicatorId: 'ppp-1-4', value: '99' }, // ≥99: 1000
      { indicatorId: 'ppp-2-1', value: '92' }, // ≥90: 1500
      { indicatorId: 'ppp-2-2', value: '优' }, // 1000
      { indicatorId: 'ppp-2-3', value: 'B' }, // 800
      { indicatorId: 'ppp-3-1', value: '0' }, // 800
      { indicatorId: 'ppp-3-2', value: 'A' }, // 600
      { indicatorId: 'ppp-3-3', value: '1' }, // 600 − 200 = 400
    ]);
    // 产出 1500+875+833+1000 = 4208; 效果 3300; 管理 1800; total 9308 → 优, 100 %
    expect(r.total).toBe(9308);
    expect(r.grade).toBe('excellent');
    expect(r.coefficientBp).toBe(10_000);
  });
});
