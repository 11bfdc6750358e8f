// First pass over JSON from outside the app: copies it into fresh plain objects within fixed
// bounds, so later code never meets a getter, a prototype-changing key or a runaway structure.

export interface JsonLimits {
  maxDepth: number;
  maxNodes: number;
  maxArray: number;
  maxString: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = {
  maxDepth: 40,
  maxNodes: 1_000_000,
  maxArray: 20_000,
  maxString: 100_000,
};

/** Keys that could reach Object.prototype if copied with plain assignment. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface SanitizeError {
  path: string;
  code: 'tooDeep' | 'tooLarge' | 'tooMany' | 'tooLong' | 'invalidType' | 'invalidNumber';
}

export interface SanitizeResult {
  value: JsonValue | undefined;
  /** Paths of dropped forbidden keys: not an error, reported so the user knows. */
  ignored: string[];
  /** Anything past a bound or not JSON data: the input must be rejected. */
  errors: SanitizeError[];
}

export function sanitizeJson(input: unknown, limits: JsonLimits = DEFAULT_JSON_LIMITS): SanitizeResult {
  const ignored: string[] = [];
  const errors: SanitizeError[] = [];
  let nodes = 0;
  let aborted = false;

  const visit = (v: unknown, path: string, depth: number): JsonValue | undefined => {
    if (aborted) return undefined;
    if (++nodes > limits.maxNodes) {
      errors.push({ path, code: 'tooLarge' });
      aborted = true;
      return undefined;
    }
    if (v === null || typeof v === 'boolean') return v;
    if (typeof v === 'number') {
      if (Number.isFinite(v)) return v;
      errors.push({ path, code: 'invalidNumber' });
      return undefined;
    }
    if (typeof v === 'string') {
      if (v.length <= limits.maxString) return v;
      errors.push({ path, code: 'tooLong' });
      return undefined;
    }
    if (typeof v !== 'object') {
      errors.push({ path, code: 'invalidType' });
      return undefined;
    }
    if (depth >= limits.maxDepth) {
      errors.push({ path, code: 'tooDeep' });
      return undefined;
    }
    if (Array.isArray(v)) {
      if (v.length > limits.maxArray) {
        errors.push({ path, code: 'tooMany' });
        return undefined;
      }
      const out: JsonValue[] = [];
      for (let i = 0; i < v.length; i++) {
        // A dropped item keeps its slot so later paths still match the source.
        out.push(visit(v[i], `${path}[${i}]`, depth + 1) ?? null);
      }
      return out;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      errors.push({ path, code: 'invalidType' });
      return undefined;
    }
    const out: { [key: string]: JsonValue } = {};
    const keys = Object.keys(v);
    if (keys.length > limits.maxArray) {
      errors.push({ path, code: 'tooMany' });
      return undefined;
    }
    for (const key of keys) {
      const childPath = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) {
        ignored.push(childPath);
        continue;
      }
      // Own data properties only: a getter on a hostile object is never run.
      const desc = Object.getOwnPropertyDescriptor(v, key);
      if (!desc || !('value' in desc)) {
        errors.push({ path: childPath, code: 'invalidType' });
        continue;
      }
      const child = visit(desc.value, childPath, depth + 1);
      if (child !== undefined) out[key] = child;
    }
    return out;
  };

  const value = visit(input, '', 0);
  return { value: aborted ? undefined : value, ignored, errors };
}

/** ['projects', 0, 'title'] → 'projects[0].title', the path form every report uses. */
export function formatPath(parts: readonly PropertyKey[]): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}
