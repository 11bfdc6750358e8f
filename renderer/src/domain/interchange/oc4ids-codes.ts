// Code-list correspondences between the workbench and OC4IDS 0.9 (assets/oc4ids/codelists), used
// by both export and import so the two directions cannot drift apart.
import type { Contract, ContractType, DocumentRef, IsoDate, Phase, Project, ProjectCategory } from '../core/types';

export const OC4IDS_VERSION = '0.9';

export const PROJECT_STATUSES = [
  'identification',
  'preparation',
  'implementation',
  'completion',
  'maintenance',
  'decommissioning',
  'decommissioned',
  'cancelled',
] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** Scheme of the project identifier that carries our project code. */
export const CODE_SCHEME = 'internal';
/** additionalClassifications scheme that carries our category, so a round trip keeps it exactly. */
export const CATEGORY_SCHEME = 'X-SMARTCITY-CATEGORY';
/** org-id.guide scheme for the unified social credit code (统一社会信用代码). */
export const CREDIT_CODE_SCHEME = 'CN-USCC';

/**
 * plan covers identification and preparation (and procurement, which OC4IDS files under
 * implementation but our gate keeps in plan); a plan project with preparation evidence (a PPP
 * assessment, a start date or a contract) is already in preparation.
 * build is implementation until completion acceptance is dated, then completion.
 * A transfer hands the asset back at the end of the concession: the project's own life is ending
 * (decommissioning); closed is the end state (decommissioned).
 */
export function phaseToStatus(
  project: Pick<Project, 'phase' | 'valueForMoney' | 'fiscalAffordability' | 'startDate' | 'completionAcceptance'>,
  hasContracts: boolean,
): ProjectStatus {
  switch (project.phase) {
    case 'plan':
      return hasContracts || project.startDate || hasDoc(project.valueForMoney) || hasDoc(project.fiscalAffordability)
        ? 'preparation'
        : 'identification';
    case 'build':
      return project.completionAcceptance.date ? 'completion' : 'implementation';
    case 'operate':
      return 'maintenance';
    case 'transferred':
      return 'decommissioning';
    case 'closed':
      return 'decommissioned';
    case 'cancelled':
      return 'cancelled';
  }
}

export const STATUS_TO_PHASE: Record<ProjectStatus, Phase> = {
  identification: 'plan',
  preparation: 'plan',
  implementation: 'build',
  completion: 'build',
  maintenance: 'operate',
  decommissioning: 'transferred',
  decommissioned: 'closed',
  cancelled: 'cancelled',
};

function hasDoc(d: DocumentRef): boolean {
  return Boolean(d.date || d.reference);
}

/**
 * Every category is an ICT project (communications); the second code says which public service it
 * serves. 'other' says nothing, so it exports no sector at all rather than a guess.
 */
export const CATEGORY_SECTORS: Record<ProjectCategory, readonly string[]> = {
  'city-brain': ['communications', 'governance'],
  'gov-services': ['communications', 'governance'],
  'city-governance': ['communications', 'governance'],
  'data-platform': ['communications'],
  'smart-transport': ['communications', 'transport', 'transport.urban'],
  spatiotemporal: ['communications'],
  'command-centre': ['communications', 'governance'],
  'public-safety': ['communications', 'governance'],
  other: [],
};

/** Only transport tells us the category from a sector alone; other sectors map to 'other'. */
export function sectorsToCategory(sectors: readonly string[]): ProjectCategory | null {
  return sectors.some((s) => s === 'transport' || s.startsWith('transport.')) ? 'smart-transport' : null;
}

/** Project document kept as a DocumentRef on the project ↔ OC4IDS documentType. */
export const PROJECT_DOCUMENTS = [
  { field: 'completionAcceptance', documentType: 'completionCertificate', id: 'completion-acceptance' },
  { field: 'valueForMoney', documentType: 'valueForMoneyAnalysis', id: 'value-for-money' },
  { field: 'fiscalAffordability', documentType: 'assetAndLiabilityAssessment', id: 'fiscal-affordability' },
  { field: 'transferAudit', documentType: 'technicalAuditReport', id: 'transfer-audit' },
] as const;

/** contractNature is closed (design, construction, supervision): only building contracts have one. */
export const CONTRACT_NATURE: Record<ContractType, readonly string[]> = {
  bot: ['construction'],
  ppp: ['construction'],
  traditional: ['construction'],
  'purchase-of-service': [],
  lease: [],
  // A franchise builds (BOT, ROT …) or takes over (TOT) the asset; the building ones are construction.
  franchise: ['construction'],
};

/** Party roles from partyRole.csv that mark a public body. */
export const GOVERNMENT_ROLES: ReadonlySet<string> = new Set([
  'publicAuthority',
  'buyer',
  'procuringEntity',
  'administrativeEntity',
  'reviewBody',
]);

/**
 * A contract's own dates travel as summary milestones (OC4IDS has no field for the signing date or
 * the construction and operation periods; milestoneCode is an open list): signing is an approval
 * milestone, period bounds are delivery milestones. contractPeriod still gives the whole term.
 */
export const CONTRACT_DATE_MILESTONES = [
  { field: 'signedOn', code: 'contractSigned', type: 'approval' },
  { field: 'constructionStart', code: 'constructionStart', type: 'delivery' },
  { field: 'constructionEnd', code: 'constructionEnd', type: 'delivery' },
  { field: 'operationStart', code: 'operationStart', type: 'delivery' },
  { field: 'operationEnd', code: 'operationEnd', type: 'delivery' },
] as const;

export type ContractProcessStatus = 'pre-award' | 'active' | 'closed';

/**
 * A contracting process's status from what is recorded, never from a blank field alone: closed
 * once its project has ended or its last end date has passed; active once it is signed, a period
 * has started or a payment was made; otherwise pre-award (contractingProcessStatus.csv).
 */
export function contractProcessStatus(
  c: Pick<Contract, 'signedOn' | 'constructionStart' | 'constructionEnd' | 'operationStart' | 'operationEnd'>,
  projectPhase: Phase,
  asOf: IsoDate,
  paidBy: IsoDate | '',
): ContractProcessStatus {
  if (projectPhase === 'cancelled' || projectPhase === 'closed' || projectPhase === 'transferred') return 'closed';
  const ends = [c.constructionEnd, c.operationEnd].filter(Boolean).sort();
  const end = ends[ends.length - 1] ?? '';
  if (end && end < asOf) return 'closed';
  const begun = [c.signedOn, c.constructionStart, c.operationStart, paidBy].some((d) => d !== '' && d <= asOf);
  return begun ? 'active' : 'pre-award';
}
