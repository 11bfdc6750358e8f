// Validation of the project form: problems with codes (common.problems / projects.problems) so the
// UI shows them in the user's language next to the field; the same schema guards imported rows.
import { z } from 'zod';
import { isIsoDate } from '../core/dates';
import { fieldProblem, type Problem, type ProblemParams } from '../core/problems';
import {
  OPERATING_MODELS,
  PHASES,
  PROJECT_CATEGORIES,
  REVIEW_CYCLES,
  type Project,
} from '../core/types';

// The schema's messages are problem codes; a limit travels in the zod issue and becomes a parameter.
const REQUIRED = 'required';
const BAD_DATE = 'invalid-date';
const TOO_LONG = 'too-long';
const BAD_AMOUNT = 'invalid-amount';

export const PROJECT_LIMITS = { code: 40, name: 120, description: 4000, short: 400, long: 2000, reference: 200 } as const;

const optionalDate = z.string().refine((v) => v === '' || isIsoDate(v), BAD_DATE);
const text = (max: number) => z.string().max(max, TOO_LONG);
const docRef = z.object({ date: optionalDate, reference: text(PROJECT_LIMITS.reference) });

export const projectDraftSchema = z
  .object({
    code: z.string().trim().min(1, REQUIRED).max(PROJECT_LIMITS.code, TOO_LONG),
    name: z.string().trim().min(1, REQUIRED).max(PROJECT_LIMITS.name, TOO_LONG),
    category: z.enum(PROJECT_CATEGORIES, { message: REQUIRED }),
    departmentId: z.string(),
    phase: z.enum(PHASES),
    phaseSince: z.string().refine(isIsoDate, BAD_DATE),
    description: text(PROJECT_LIMITS.description),
    budget: z.object({
      amount: z.number().int(BAD_AMOUNT).min(0, BAD_AMOUNT).max(Number.MAX_SAFE_INTEGER, BAD_AMOUNT),
      currency: z.string().regex(/^[A-Z]{3}$/, REQUIRED),
    }),
    startDate: optionalDate,
    plannedEndDate: optionalDate,
    operatorId: z.string(),
    operatingModel: z.union([z.enum(OPERATING_MODELS), z.literal('')]),
    omFundingSource: text(PROJECT_LIMITS.short),
    benefitSharing: text(PROJECT_LIMITS.long),
    supervision: text(PROJECT_LIMITS.long),
    valueForMoney: docRef,
    fiscalAffordability: docRef,
    completionAcceptance: docRef,
    reviewCycle: z.union([z.enum(REVIEW_CYCLES), z.literal('')]),
    transferAudit: docRef,
    indicatorSystemId: z.string(),
  })
  .superRefine((p, ctx) => {
    if (p.startDate && p.plannedEndDate && p.plannedEndDate < p.startDate) {
      ctx.addIssue({ code: 'custom', path: ['plannedEndDate'], message: 'date-order' });
    }
  });

export type ProjectDraft = Omit<Project, 'id' | 'createdAt' | 'updatedAt' | 'updatedBy' | 'rev' | 'deleted' | 'searchText'>;

/** Problems of a project draft, by field path ('budget.amount', 'valueForMoney.date'); [] when valid. */
export function validateProjectDraft(draft: ProjectDraft): Problem[] {
  const result = projectDraftSchema.safeParse(draft);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    // Enum mismatches and wrong types carry zod's own message; to the officer they are a missing choice.
    const code = [REQUIRED, BAD_DATE, TOO_LONG, BAD_AMOUNT, 'date-order'].includes(issue.message) ? issue.message : REQUIRED;
    const params: ProblemParams = issue.code === 'too_big' && typeof issue.maximum === 'number' ? { max: issue.maximum } : {};
    return fieldProblem(issue.path.join('.'), code, params);
  });
}

/** Lower-cased name and code, the field the register's search reads. */
export function projectSearchText(p: Pick<Project, 'name' | 'code'>): string {
  return `${p.name} ${p.code}`.toLowerCase();
}

export function emptyProjectDraft(today: string): ProjectDraft {
  return {
    code: '',
    name: '',
    category: 'city-brain',
    departmentId: '',
    phase: 'plan',
    phaseSince: today,
    description: '',
    budget: { amount: 0, currency: 'CNY' },
    startDate: '',
    plannedEndDate: '',
    operatorId: '',
    operatingModel: '',
    omFundingSource: '',
    benefitSharing: '',
    supervision: '',
    valueForMoney: { date: '', reference: '' },
    fiscalAffordability: { date: '', reference: '' },
    completionAcceptance: { date: '', reference: '' },
    reviewCycle: '',
    transferAudit: { date: '', reference: '' },
    indicatorSystemId: '',
  };
}
