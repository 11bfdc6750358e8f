// Sizes a bench section reads from the environment, so it can be run smaller while working.

/** A positive whole number from the environment variable `name`, else `fallback`. */
export function sizeFromEnv(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number`);
  return n;
}
