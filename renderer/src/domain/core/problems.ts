// What is wrong with some input, as data: one envelope for every rule and repository. Problems are
// codes with parameters, never sentences, so zh-CN and en both read naturally (the UI's one
// translator turns `<area>.problems.<code>` into words) and tests assert exact codes, not wording.

/** Parameters a message can name: counts, limits, codes, dates as ISO text. */
export type ProblemParams = Record<string, string | number>;

export interface Problem<Code extends string = string> {
  /** The input field it belongs to ('code', 'parties.2.orgId'); absent when it concerns the whole input. */
  field?: string;
  code: Code;
  params: ProblemParams;
}

/**
 * The message namespace a problem's code is looked up in: `<area>.problems.<code>`, then
 * `common.problems.<code>` for the codes every form shares (required, too-long, invalid-date …).
 */
export type ProblemArea = 'common' | 'projects' | 'contracts' | 'reviews' | 'audits' | 'trail' | 'sync' | 'fiscal';

/** Everything wrong with one input, and which area's words describe it. */
export interface Problems<Code extends string = string> {
  area: ProblemArea;
  problems: Problem<Code>[];
}

/** A problem of the whole input, or of one field when `field` is given. */
export function problem<Code extends string>(code: Code, params: ProblemParams = {}, field?: string): Problem<Code> {
  return field === undefined ? { code, params } : { field, code, params };
}

/** A problem of one field: `fieldProblem('code', 'too-long', { max: 40 })`. */
export function fieldProblem<Code extends string>(field: string, code: Code, params: ProblemParams = {}): Problem<Code> & { field: string } {
  return { field, code, params };
}

/**
 * Input refused as a whole: nothing was written. Repositories throw it (or a subclass naming the
 * case), and the UI shows each problem next to its field or all of them in one message.
 */
export class ProblemsError<Code extends string = string> extends Error implements Problems<Code> {
  constructor(
    readonly area: ProblemArea,
    readonly problems: Problem<Code>[],
  ) {
    super(`${area}: ${problems.map((p) => (p.field ? `${p.field}:${p.code}` : p.code)).join(', ') || 'refused'}`);
    this.name = 'ProblemsError';
  }
}

/** The first problem of each field, in the order found; problems of the whole input under ''. */
export function firstProblemByField<Code extends string>(problems: readonly Problem<Code>[]): Map<string, Problem<Code>> {
  const out = new Map<string, Problem<Code>>();
  for (const p of problems) {
    const key = p.field ?? '';
    if (!out.has(key)) out.set(key, p);
  }
  return out;
}
