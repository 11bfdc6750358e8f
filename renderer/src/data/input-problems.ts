// Input refused by a repository: one problem per field (a code for the translated message and its
// parameters), so a form can show each next to its field. Nothing is written when one is thrown.
export interface InputProblem<Code extends string = string> {
  /** Draft field ('parties.2.orgId' for a list item's field). */
  field: string;
  code: Code;
  params?: Record<string, string | number>;
}

export class InputProblemsError<Code extends string = string> extends Error {
  constructor(
    readonly area: string,
    readonly problems: InputProblem<Code>[],
  ) {
    super(`${area} input: ${problems.map((p) => `${p.field}:${p.code}`).join(', ')}`);
    this.name = 'InputProblemsError';
  }
}
