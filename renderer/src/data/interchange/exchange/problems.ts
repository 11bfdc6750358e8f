// What is wrong with an exchange file, record by record. Codes are translated by the UI
// (exchange.problems.<code>); params fill the message.
import type { z } from 'zod';
import { formatPath, type SanitizeError } from '../../../domain/core/untrusted-json';

export interface ExchangeProblem {
  /** 'file', 'manifest', 'payload', 'blobs', 'changeLog' or a table name. */
  entity: string;
  /** The record's id when it has a usable one, else its position ('#12'). */
  id: string;
  /** Where in the record (or file), e.g. 'answers[3].value'. */
  path: string;
  code: string;
  params?: Record<string, string | number>;
}

/** Collects problems up to a cap; past it only counts them, so a hostile file cannot exhaust memory. */
export class ProblemList {
  readonly items: ExchangeProblem[] = [];
  more = 0;

  constructor(private readonly cap: number) {}

  add(entity: string, id: string, path: string, code: string, params?: Record<string, string | number>): void {
    if (this.items.length >= this.cap) {
      this.more++;
      return;
    }
    this.items.push(params ? { entity, id, path, code, params } : { entity, id, path, code });
  }

  get count(): number {
    return this.items.length + this.more;
  }
}

const SANITIZE_CODES: Record<SanitizeError['code'], string> = {
  tooDeep: 'too-deep',
  tooLarge: 'too-large',
  tooMany: 'too-many',
  tooLong: 'too-long',
  invalidType: 'invalid-type',
  invalidNumber: 'invalid-number',
};

export function sanitizeCode(code: SanitizeError['code']): string {
  return SANITIZE_CODES[code];
}

type Issue = z.core.$ZodIssue;

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, part)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}

/** One zod issue as a problem code and params; unions report their last (most specific) branch. */
function describe(issue: Issue, root: unknown, base: readonly PropertyKey[]): { path: PropertyKey[]; code: string; params?: Record<string, string | number> } {
  const path = [...base, ...issue.path];
  switch (issue.code) {
    case 'invalid_type':
      return { path, code: valueAt(root, path) === undefined ? 'required' : 'invalid-type' };
    case 'too_big': {
      const max = Number(issue.maximum);
      return { path, code: issue.origin === 'string' ? 'too-long' : issue.origin === 'array' ? 'too-many' : 'too-big', params: { max } };
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      return { path, code: issue.origin === 'string' ? 'too-short' : issue.origin === 'array' ? 'too-few' : 'too-small', params: { min } };
    }
    case 'unrecognized_keys':
      return { path, code: 'unknown-key', params: { key: issue.keys.slice(0, 5).join(', ') } };
    case 'invalid_union': {
      const branches = issue.errors;
      const last = branches[branches.length - 1]?.[0];
      if (last && branches.length > 1) return describe(last, root, path);
      return { path, code: 'invalid-value' };
    }
    case 'custom': {
      const code = (issue.params as { code?: unknown } | undefined)?.code;
      return { path, code: typeof code === 'string' ? code : 'invalid-value' };
    }
    default:
      return { path, code: 'invalid-value' };
  }
}

/** zod issues of one record as problems, one per path (the first issue at a path is the telling one). */
export function addZodIssues(out: ProblemList, entity: string, id: string, issues: readonly Issue[], root: unknown, base: readonly PropertyKey[] = []): void {
  const seen = new Set<string>();
  for (const issue of issues) {
    const d = describe(issue, root, base);
    const path = formatPath(d.path);
    if (seen.has(path)) continue;
    seen.add(path);
    out.add(entity, id, path, d.code, d.params);
  }
}
