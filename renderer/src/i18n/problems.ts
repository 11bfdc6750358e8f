// The one translator of problems (domain/core/problems): `<area>.problems.<code>` in the current
// language, else the shared `common.problems.<code>`. Each area's parameters that are not shown as
// stored (centipoints, 0-based rows, enum values, checklist item ids) are declared once below.
import { isIsoDate } from '../domain/core/dates';
import { isOutOfSpace } from '../domain/core/storage-space';
import { ProblemsError, type Problem, type ProblemArea, type ProblemParams, type Problems } from '../domain/core/problems';
import { formatPointsShort } from './format';
import { fmt, t, tDynamic, tFirst } from './i18n.svelte';

/** What a message may need beyond the problem itself, e.g. the checklist whose item ids it names. */
export interface ProblemContext {
  /** The words of a checklist item, by its id. */
  itemText?: (itemId: string) => string | undefined;
}

type ParamWords = (params: ProblemParams, ctx: ProblemContext) => ProblemParams;

// Review parameters that are centipoints.
const POINTS = new Set(['expected', 'actual', 'weight', 'min', 'max', 'from', 'to']);

const AREA_PARAMS: Partial<Record<ProblemArea, ParamWords>> = {
  reviews: (params) => {
    const out: ProblemParams = {};
    for (const [k, v] of Object.entries(params)) {
      if (POINTS.has(k) && typeof v === 'number') out[k] = formatPointsShort(v);
      else if (k === 'index' && typeof v === 'number') out[k] = v + 1;
      else if (k === 'kind') out[k] = tDynamic('reviews.kind', String(v));
      else if (k === 'grade') out[k] = tDynamic('reviews.grade', String(v));
      else if (k === 'field') out[k] = String(v).startsWith('bands') ? t('reviews.rule.bound') : tDynamic('reviews.rule', String(v));
      else out[k] = v;
    }
    return out;
  },
  contracts: (params) => {
    const out: ProblemParams = { ...params };
    for (const k of ['field', 'after'] as const) if (typeof params[k] === 'string') out[k] = tDynamic('contracts.fields', params[k] as string);
    for (const k of ['date', 'value'] as const) if (typeof params[k] === 'string' && isIsoDate(params[k] as string)) out[k] = fmt.date(params[k] as string);
    return out;
  },
  audits: (params, ctx) => {
    const out: ProblemParams = { ...params };
    if (typeof params.itemId === 'string') out.item = ctx.itemText?.(params.itemId) || params.itemId;
    for (const k of ['from', 'to'] as const) if (typeof params[k] === 'string') out[k] = tDynamic('audits.taskStatus', params[k] as string);
    return out;
  },
};

/** An area's parameters as its messages show them (also for the contracts' warnings, which name the same fields and dates). */
export function problemParams(area: ProblemArea, params: ProblemParams, ctx: ProblemContext = {}): ProblemParams {
  return AREA_PARAMS[area]?.(params, ctx) ?? params;
}

/** One problem in words. */
export function problemText(area: ProblemArea, p: Pick<Problem, 'code' | 'params'>, ctx: ProblemContext = {}): string {
  const params = problemParams(area, p.params ?? {}, ctx);
  return tFirst([`${area}.problems.${p.code}`, `common.problems.${p.code}`], params) ?? p.code;
}

/** Every problem of an envelope in words, as one message. */
export function problemsText(e: Problems, ctx: ProblemContext = {}): string {
  return e.problems.map((p) => problemText(e.area, p, ctx)).join(' ');
}

/**
 * The first message of each field ('parties.2.orgId' keys stay as they are), for forms that show
 * it next to the field; problems of the whole input are under ''.
 */
export function fieldMessages(e: Problems, ctx: ProblemContext = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of e.problems) {
    const key = p.field ?? '';
    if (!(key in out)) out[key] = problemText(e.area, p, ctx);
  }
  return out;
}

/** A thrown value in words: a refused input's problems, else the unexpected-error message (first line, never a stack). */
export function errorText(e: unknown, ctx: ProblemContext = {}): string {
  if (e instanceof ProblemsError) return problemsText(e, ctx);
  // The browser's quota or the disk ran out: say so rather than quote the engine's message.
  if (isOutOfSpace(e)) return t('common.errors.noSpace');
  const raw = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  const firstLine = raw.split('\n')[0].slice(0, 300);
  return t('common.errors.unexpected', { message: firstLine || String(e).slice(0, 100) });
}
