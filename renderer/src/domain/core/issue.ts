// Validation results are codes with parameters, never sentences: the UI translates the code
// (e.g. t(`review.issue.${code}`, params)) so zh-CN and en read naturally, and tests can assert
// on exact codes instead of wording.

export interface DomainIssue {
  code: string;
  params: Record<string, string | number>;
}

export function issue(code: string, params: Record<string, string | number> = {}): DomainIssue {
  return { code, params };
}
