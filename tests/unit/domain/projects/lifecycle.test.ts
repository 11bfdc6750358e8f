import { describe, expect, it } from 'vitest';
import {
  canMove,
  decideMove,
  evaluateGate,
  nextPhases,
  unmetChecks,
  type CheckId,
  type CheckStatus,
  type GateContext,
} from '../../../../renderer/src/domain/projects/lifecycle';
import type { Phase } from '../../../../renderer/src/domain/core/types';

const doc = (date = '', reference = '') => ({ date, reference });

/** A plan-phase project with every gate field filled, to be taken apart by each case. */
function ready(overrides: Partial<GateContext['project']> = {}, rest: Partial<Omit<GateContext, 'project'>> = {}): GateContext {
  return {
    project: {
      phase: 'plan',
      operatorId: 'op-1',
      operatingModel: 'purchase-of-service',
      omFundingSource: '市级财政预算',
      benefitSharing: '按协议分成',
      supervision: '按季度评价',
      valueForMoney: doc(),
      fiscalAffordability: doc(),
      completionAcceptance: doc('2024-01-10', '验〔2024〕1号'),
      reviewCycle: 'yearly',
      transferAudit: doc('2030-01-01', '核〔2030〕1号'),
      indicatorSystemId: 'sys-1',
      ...overrides,
    },
    contracts: [{ type: 'purchase-of-service', signedOn: '2023-05-01' }],
    indicatorSystemExists: true,
    reviews: [{ finalised: true, final: true }],
    ...rest,
  };
}

const statusOf = (ctx: GateContext, to: Phase, id: CheckId): CheckStatus | undefined =>
  evaluateGate(ctx, to).find((c) => c.id === id)?.status;

describe('phase moves', () => {
  it.each<[Phase, Phase[]]>([
    ['plan', ['build', 'cancelled']],
    ['build', ['operate', 'cancelled']],
    ['operate', ['transferred', 'closed', 'cancelled']],
    ['transferred', []],
    ['closed', []],
    ['cancelled', []],
  ])('from %s the lifecycle allows %j', (from, to) => {
    expect(nextPhases(from)).toEqual(to);
  });

  it.each<[Phase, Phase, boolean]>([
    ['plan', 'operate', false], // no skipping the build phase
    ['build', 'plan', false], // no going back
    ['operate', 'build', false],
    ['closed', 'cancelled', false], // terminal stays terminal
    ['plan', 'cancelled', true],
    ['operate', 'closed', true],
  ])('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canMove(from, to)).toBe(allowed);
  });
});

describe('plan → build gate', () => {
  it('is fully met for a prepared non-PPP project; PPP checks do not apply', () => {
    const checks = evaluateGate(ready(), 'build');
    expect(checks.map((c) => c.id)).toEqual([
      'signed-contract', 'operation-plan-operator', 'operation-plan-model', 'operation-plan-funding',
      'indicator-system', 'benefit-sharing', 'supervision', 'ppp-value-for-money', 'ppp-fiscal-affordability',
    ]);
    expect(unmetChecks(checks)).toEqual([]);
    expect(statusOf(ready(), 'build', 'ppp-value-for-money')).toBe('not-applicable');
  });

  it.each<[string, GateContext, CheckId, CheckStatus]>([
    ['no contract stored yet', ready({}, { contracts: [] }), 'signed-contract', 'not-recorded'],
    ['contract without signing date', ready({}, { contracts: [{ type: 'traditional', signedOn: '' }] }), 'signed-contract', 'unmet'],
    ['one of two contracts signed', ready({}, { contracts: [{ type: 'traditional', signedOn: '' }, { type: 'lease', signedOn: '2024-01-01' }] }), 'signed-contract', 'met'],
    ['no operator named', ready({ operatorId: '' }), 'operation-plan-operator', 'not-recorded'],
    ['no operating model', ready({ operatingModel: '' }), 'operation-plan-model', 'not-recorded'],
    ['funding source only blanks', ready({ omFundingSource: '   ' }), 'operation-plan-funding', 'not-recorded'],
    ['no indicator system attached', ready({ indicatorSystemId: '' }, { indicatorSystemExists: null }), 'indicator-system', 'not-recorded'],
    ['attached system was deleted', ready({}, { indicatorSystemExists: false }), 'indicator-system', 'unmet'],
    ['no benefit sharing', ready({ benefitSharing: '' }), 'benefit-sharing', 'not-recorded'],
    ['no supervision', ready({ supervision: '' }), 'supervision', 'not-recorded'],
    ['PPP by operating model, no VfM', ready({ operatingModel: 'ppp' }), 'ppp-value-for-money', 'not-recorded'],
    ['PPP by contract type, no affordability', ready({}, { contracts: [{ type: 'ppp', signedOn: '2023-01-01' }] }), 'ppp-fiscal-affordability', 'not-recorded'],
    ['PPP VfM with date but no reference', ready({ operatingModel: 'ppp', valueForMoney: doc('2022-01-01') }), 'ppp-value-for-money', 'unmet'],
    ['PPP VfM complete', ready({ operatingModel: 'ppp', valueForMoney: doc('2022-01-01', '评〔2022〕1号') }), 'ppp-value-for-money', 'met'],
  ])('%s → %s is %s', (_label, ctx, id, status) => {
    expect(statusOf(ctx, 'build', id)).toBe(status);
  });
});

describe('build → operate gate', () => {
  const building = (p: Partial<GateContext['project']>) => ready({ phase: 'build', ...p });
  it.each<[string, GateContext, CheckId, CheckStatus]>([
    ['acceptance recorded', building({}), 'completion-acceptance-date', 'met'],
    ['no acceptance date', building({ completionAcceptance: doc('', '验〔2024〕1号') }), 'completion-acceptance-date', 'not-recorded'],
    ['no acceptance document', building({ completionAcceptance: doc('2024-01-10', '') }), 'completion-acceptance-document', 'not-recorded'],
    ['no review cycle', building({ reviewCycle: '' }), 'review-schedule', 'not-recorded'],
    ['quarterly review cycle', building({ reviewCycle: 'quarterly' }), 'review-schedule', 'met'],
  ])('%s → %s is %s', (_label, ctx, id, status) => {
    expect(statusOf(ctx, 'operate', id)).toBe(status);
  });
  it('does not re-check plan-phase items', () => {
    expect(evaluateGate(building({ operatorId: '' }), 'operate').map((c) => c.id)).not.toContain('operation-plan-operator');
  });
});

describe('operate → transferred / closed gates', () => {
  const operating = (p: Partial<GateContext['project']> = {}, rest: Partial<Omit<GateContext, 'project'>> = {}) =>
    ready({ phase: 'operate', ...p }, { contracts: [{ type: 'bot', signedOn: '2012-01-01' }], ...rest });
  it.each<[string, GateContext, Phase, CheckId, CheckStatus]>([
    ['BOT contract is transferable', operating(), 'transferred', 'transfer-contract-type', 'met'],
    ['purchase of service is not', operating({}, { contracts: [{ type: 'purchase-of-service', signedOn: '2020-01-01' }] }), 'transferred', 'transfer-contract-type', 'unmet'],
    ['no contracts at all', operating({}, { contracts: [] }), 'transferred', 'transfer-contract-type', 'not-recorded'],
    ['transfer audit recorded', operating(), 'transferred', 'transfer-audit', 'met'],
    ['transfer audit missing', operating({ transferAudit: doc() }), 'transferred', 'transfer-audit', 'not-recorded'],
    ['transfer audit without reference', operating({ transferAudit: doc('2030-01-01') }), 'transferred', 'transfer-audit', 'unmet'],
    ['final review finalised', operating(), 'transferred', 'final-review', 'met'],
    ['no reviews stored', operating({}, { reviews: [] }), 'transferred', 'final-review', 'not-recorded'],
    ['final review still a draft', operating({}, { reviews: [{ finalised: false, final: true }] }), 'transferred', 'final-review', 'unmet'],
    ['only periodic reviews', operating({}, { reviews: [{ finalised: true, final: false }] }), 'transferred', 'final-review', 'unmet'],
    ['closing needs the final review too', operating({}, { reviews: [] }), 'closed', 'final-review', 'not-recorded'],
  ])('%s → %s %s is %s', (_label, ctx, to, id, status) => {
    expect(statusOf(ctx, to, id)).toBe(status);
  });
  it('cancelling has no checks', () => {
    expect(evaluateGate(operating(), 'cancelled')).toEqual([]);
  });
});

describe('deciding a move', () => {
  const unprepared = ready({ operatorId: '', supervision: '' }, { contracts: [] });
  it.each<[string, GateContext, Phase, string, ReturnType<typeof decideMove>]>([
    ['all met, no words needed', ready(), 'build', '', { ok: true, failedChecks: [] }],
    ['override without words', unprepared, 'build', '  ', { ok: false, reason: 'justification-required' }],
    ['override with 9 characters', unprepared, 'build', '一二三四五六七八九', { ok: false, reason: 'justification-too-short' }],
    ['override with 10 characters records the failed checks', unprepared, 'build', '一二三四五六七八九十', { ok: true, failedChecks: ['signed-contract', 'operation-plan-operator', 'supervision'] }],
    ['cancel needs words even without checks', ready(), 'cancelled', '', { ok: false, reason: 'justification-required' }],
    ['cancel with a reason', ready(), 'cancelled', '与区级平台功能重复，终止立项', { ok: true, failedChecks: [] }],
    ['skipping a phase is refused', ready(), 'operate', '一二三四五六七八九十', { ok: false, reason: 'not-allowed' }],
    ['terminal phase cannot move', ready({ phase: 'closed' }), 'cancelled', '一二三四五六七八九十', { ok: false, reason: 'not-allowed' }],
  ])('%s', (_label, ctx, to, words, expected) => {
    expect(decideMove(ctx, to, words)).toEqual(expected);
  });
});
