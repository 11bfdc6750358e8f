// Validation of the project form. Messages are i18n keys so the UI shows them in the user's language
// next to the field; the same schema guards imported rows.
import { z } from 'zod';
import { isIsoDate } from '../core/dates';
import {
  OPERATING_MODELS,
  PHASES,
  PROJECT_CATEGORIES,
  REVIEW_CYCLES,
  type Project,
} from '../core/types';

const REQUIRED = 'common.errors.required';
const BAD_DATE = 'common.errors.invalidDate';

const optionalDate = z.string().refine((v) => v === '' || isIsoDate(v), BAD_DATE);
const text = (max: number) => z.string().max(max, 'common.errors.tooLong');
const docRef = z.object({ date: optionalDate, reference: text(200) });

export const projectDraftSchema = z
  .object({
    code: z.string().trim().min(1, REQUIRED).max(40, 'common.errors.tooLong'),
    name: z.string().trim().min(1, REQUIRED).max(120, 'common.errors.tooLong'),
    category: z.enum(PROJECT_CATEGORIES, { message: REQUIRED }),
    departmentId: z.string(),
    phase: z.enum(PHASES),
    phaseSince: z.string().refine(isIsoDate, BAD_DATE),
    description: text(4000),
    budget: z.object({
      amount: z.number().int('common.errors.invalidMoney').min(0, 'common.errors.invalidMoney').max(Number.MAX_SAFE_INTEGER),
      currency: z.string().regex(/^[A-Z]{3}$/, REQUIRED),
    }),
    startDate: optionalDate,
    plannedEndDate: optionalDate,
    operatorId: z.string(),
    operatingModel: z.union([z.enum(OPERATING_MODELS), z.literal('')]),
    omFundingSource: text(400),
    benefitSharing: text(2000),
    supervision: text(2000),
    valueForMoney: docRef,
    fiscalAffordability: docRef,
    completionAcceptance: docRef,
    reviewCycle: z.union([z.enum(REVIEW_CYCLES), z.literal('')]),
    transferAudit: docRef,
    indicatorSystemId: z.string(),
  })
  .superRefine((p, ctx) => {
    if (p.startDate && p.plannedEndDate && p.plannedEndDate < p.startDate) {
      ctx.addIssue({ code: 'custom', path: ['plannedEndDate'], message: 'common.errors.dateOrder' });
    }
  });

export type ProjectDraft = Omit<Project, 'id' | 'createdAt' | 'updatedAt' | 'updatedBy' | 'rev' | 'deleted' | 'searchText'>;

/** Field path ('budget.amount', 'valueForMoney.date') → first i18n message key. */
export type FieldErrors = Record<string, string>;

export function validateProjectDraft(draft: ProjectDraft): FieldErrors {
  const result = projectDraftSchema.safeParse(draft);
  const errors: FieldErrors = {};
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.join('.');
      if (!errors[path]) errors[path] = issue.message;
    }
  }
  return errors;
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
