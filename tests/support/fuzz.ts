// A seeded fuzz run over files the app takes in (backups, exchange files): each case is a mutated
// file that must be either refused with a code, leaving the live state exactly as it was, or
// applied consistently (the target's own check). Anything else (an uncoded error, a refusal that
// changed the state, an apply that does not hold) is a failure, reported with its seed and label so
// it can be replayed alone.
import { makeRng, type Rng } from '../../renderer/src/domain/core/random';

export type FuzzOutcome = { kind: 'applied' } | { kind: 'refused'; code: string };

export interface FuzzCase<T> {
  /** The kind of mutation, for the counts and to replay a failure. */
  label: string;
  input: T;
}

export interface FuzzTarget<T> {
  /** The i-th mutated input, drawn from rng only (same seed, same cases). */
  mutate(rng: Rng, i: number): Promise<FuzzCase<T>> | FuzzCase<T>;
  /** Feeds the input to the app; a refusal resolves { kind: 'refused', code }, anything unexpected throws. */
  attempt(input: T): Promise<FuzzOutcome>;
  /** A digest of the whole live state (every table, Blob bytes included). */
  fingerprint(): Promise<string>;
  /** After an apply: throws unless the live state is what the input says it should be. */
  checkApplied(input: T): Promise<void>;
  /** Back to the state before the run, after an apply. */
  reset(): Promise<void>;
}

export interface FuzzFailure {
  case: number;
  label: string;
  why: string;
}

export interface FuzzReport {
  runs: number;
  /** 'applied' or 'refused: <code>' → count. */
  outcomes: Record<string, number>;
  /** label → outcome → count. */
  byLabel: Record<string, Record<string, number>>;
  failures: FuzzFailure[];
}

export async function runFuzz<T>(target: FuzzTarget<T>, opts: { seed: number; runs: number }): Promise<FuzzReport> {
  const rng = makeRng(opts.seed);
  const report: FuzzReport = { runs: opts.runs, outcomes: {}, byLabel: {}, failures: [] };
  const baseline = await target.fingerprint();
  for (let i = 0; i < opts.runs; i++) {
    const c = await target.mutate(rng, i);
    const fail = (why: string) => report.failures.push({ case: i, label: c.label, why });
    let outcome: FuzzOutcome;
    try {
      outcome = await target.attempt(c.input);
    } catch (e) {
      fail(`not a coded refusal: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      await target.reset();
      continue;
    }
    const key = outcome.kind === 'applied' ? 'applied' : `refused: ${outcome.code}`;
    report.outcomes[key] = (report.outcomes[key] ?? 0) + 1;
    (report.byLabel[c.label] ??= {})[key] = (report.byLabel[c.label][key] ?? 0) + 1;
    if (outcome.kind === 'refused') {
      if ((await target.fingerprint()) !== baseline) {
        fail(`refused (${outcome.code}) but the live state changed`);
        await target.reset();
      }
      continue;
    }
    try {
      await target.checkApplied(c.input);
    } catch (e) {
      fail(`applied inconsistently: ${e instanceof Error ? e.message : String(e)}`);
    }
    await target.reset();
    if ((await target.fingerprint()) !== baseline) throw new Error(`fuzz: reset after case ${i} did not restore the baseline`);
  }
  return report;
}

/** The counts as a small table for the test log. */
export function formatFuzzReport(title: string, r: FuzzReport): string {
  const lines = [`${title}: ${r.runs} cases, ${r.failures.length} failures`];
  for (const [k, v] of Object.entries(r.outcomes).sort((a, b) => b[1] - a[1])) lines.push(`  ${String(v).padStart(5)}  ${k}`);
  lines.push('  by mutation:');
  for (const [label, counts] of Object.entries(r.byLabel).sort()) {
    lines.push(`    ${label.padEnd(22)} ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  for (const f of r.failures.slice(0, 20)) lines.push(`  FAILED case ${f.case} (${f.label}): ${f.why}`);
  return lines.join('\n');
}
