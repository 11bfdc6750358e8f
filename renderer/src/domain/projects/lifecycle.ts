// Phase gates. Pure functions over what the project and its related records say; the data layer
// gathers the inputs. A check that reads data a feature has not stored yet says 'not-recorded'.
import type { ContractType, DocumentRef, Phase, Project } from '../core/types';
import { TERMINAL_PHASES } from '../core/types';

export type CheckStatus = 'met' | 'unmet' | 'not-recorded' | 'not-applicable';

export const CHECK_IDS = [
  'signed-contract',
  'operation-plan-operator',
  'operation-plan-model',
  'operation-plan-funding',
  'indicator-system',
  'benefit-sharing',
  'supervision',
  'ppp-value-for-money',
  'ppp-fiscal-affordability',
  'completion-acceptance-date',
  'completion-acceptance-document',
  'review-schedule',
  'transfer-contract-type',
  'transfer-audit',
  'final-review',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export interface GateCheck {
  id: CheckId;
  status: CheckStatus;
}

/** The project's related records, reduced to what the gates read. */
export interface GateContext {
  project: Pick<
    Project,
    | 'phase'
    | 'operatorId'
    | 'operatingModel'
    | 'omFundingSource'
    | 'benefitSharing'
    | 'supervision'
    | 'valueForMoney'
    | 'fiscalAffordability'
    | 'completionAcceptance'
    | 'reviewCycle'
    | 'transferAudit'
    | 'indicatorSystemId'
  >;
  /** Live (not tombstoned) contracts of the project. */
  contracts: { type: ContractType; signedOn: string }[];
  /** Whether the attached indicator system id resolves to a stored system; null when none is attached. */
  indicatorSystemExists: boolean | null;
  /** Live reviews of the project. */
  reviews: { finalised: boolean; final: boolean }[];
}

export type Transition = { from: Phase; to: Phase };

/** Forward moves the lifecycle allows; cancelling is allowed from any non-terminal phase. */
const FORWARD: Record<Phase, Phase[]> = {
  plan: ['build'],
  build: ['operate'],
  operate: ['transferred', 'closed'],
  transferred: [],
  closed: [],
  cancelled: [],
};

export function isTerminal(phase: Phase): boolean {
  return TERMINAL_PHASES.includes(phase);
}

export function nextPhases(phase: Phase): Phase[] {
  if (isTerminal(phase)) return [];
  return [...FORWARD[phase], 'cancelled'];
}

export function canMove(from: Phase, to: Phase): boolean {
  return nextPhases(from).includes(to);
}

const filled = (s: string | null | undefined) => typeof s === 'string' && s.trim().length > 0;
const present = (s: string | null | undefined): CheckStatus => (filled(s) ? 'met' : 'not-recorded');

export function isPpp(ctx: GateContext): boolean {
  return ctx.project.operatingModel === 'ppp' || ctx.contracts.some((c) => c.type === 'ppp');
}

function signedContract(ctx: GateContext): CheckStatus {
  if (ctx.contracts.length === 0) return 'not-recorded';
  return ctx.contracts.some((c) => filled(c.signedOn)) ? 'met' : 'unmet';
}

function indicatorSystem(ctx: GateContext): CheckStatus {
  if (ctx.indicatorSystemExists === null) return 'not-recorded';
  return ctx.indicatorSystemExists ? 'met' : 'unmet';
}

function finalReview(ctx: GateContext): CheckStatus {
  if (ctx.reviews.length === 0) return 'not-recorded';
  return ctx.reviews.some((r) => r.finalised && r.final) ? 'met' : 'unmet';
}

/** A dated, referenced document: both parts → met; only one → unmet (incomplete); none → not recorded. */
function documentStatus(doc: DocumentRef): CheckStatus {
  if (!filled(doc.date) && !filled(doc.reference)) return 'not-recorded';
  return filled(doc.date) && filled(doc.reference) ? 'met' : 'unmet';
}

function pppCheck(ctx: GateContext, doc: DocumentRef): CheckStatus {
  return isPpp(ctx) ? documentStatus(doc) : 'not-applicable';
}

function transferable(ctx: GateContext): CheckStatus {
  if (ctx.contracts.length === 0) return 'not-recorded';
  return ctx.contracts.some((c) => c.type === 'bot' || c.type === 'ppp') ? 'met' : 'unmet';
}

/** The checks for one move, in the order the gate panel lists them. */
export function evaluateGate(ctx: GateContext, to: Phase): GateCheck[] {
  const p = ctx.project;
  const from = p.phase;
  const checks: [CheckId, CheckStatus][] = [];
  if (from === 'plan' && to === 'build') {
    checks.push(
      ['signed-contract', signedContract(ctx)],
      ['operation-plan-operator', present(p.operatorId)],
      ['operation-plan-model', present(p.operatingModel)],
      ['operation-plan-funding', present(p.omFundingSource)],
      ['indicator-system', indicatorSystem(ctx)],
      ['benefit-sharing', present(p.benefitSharing)],
      ['supervision', present(p.supervision)],
      ['ppp-value-for-money', pppCheck(ctx, p.valueForMoney)],
      ['ppp-fiscal-affordability', pppCheck(ctx, p.fiscalAffordability)],
    );
  } else if (from === 'build' && to === 'operate') {
    checks.push(
      ['completion-acceptance-date', present(p.completionAcceptance.date)],
      ['completion-acceptance-document', present(p.completionAcceptance.reference)],
      ['review-schedule', present(p.reviewCycle)],
    );
  } else if (from === 'operate' && to === 'transferred') {
    checks.push(
      ['transfer-contract-type', transferable(ctx)],
      ['transfer-audit', documentStatus(p.transferAudit)],
      ['final-review', finalReview(ctx)],
    );
  } else if (from === 'operate' && to === 'closed') {
    // Closing an operating project still needs its last results reviewed (重建轻运).
    checks.push(['final-review', finalReview(ctx)]);
  }
  return checks.map(([id, status]) => ({ id, status }));
}

/** Checks that block the move: anything not met and not inapplicable. */
export function unmetChecks(checks: GateCheck[]): GateCheck[] {
  return checks.filter((c) => c.status === 'unmet' || c.status === 'not-recorded');
}

export const MIN_JUSTIFICATION = 10;

export type MoveDecision =
  | { ok: true; failedChecks: CheckId[] }
  | { ok: false; reason: 'not-allowed' | 'justification-required' | 'justification-too-short' };

/**
 * Decides whether a move may be recorded. An override (unmet checks) and any cancellation need a
 * written justification of at least MIN_JUSTIFICATION characters.
 */
export function decideMove(ctx: GateContext, to: Phase, justification: string): MoveDecision {
  if (!canMove(ctx.project.phase, to)) return { ok: false, reason: 'not-allowed' };
  const failed = unmetChecks(evaluateGate(ctx, to)).map((c) => c.id);
  const needsWords = failed.length > 0 || to === 'cancelled';
  const text = justification.trim();
  if (needsWords && text.length === 0) return { ok: false, reason: 'justification-required' };
  if (needsWords && [...text].length < MIN_JUSTIFICATION) return { ok: false, reason: 'justification-too-short' };
  return { ok: true, failedChecks: failed };
}
