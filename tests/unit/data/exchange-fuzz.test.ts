// The seeded fuzz run over exchange files: 1,000 files mutated from an honest laptop → office file,
// some re-hashed, some re-signed by the trusted laptop itself (a compromised desk), each imported at
// the office. Every one is refused with a code (database byte-identical) or applied consistently
// (the trail check finds nothing, the contract ledgers match their rows, the deleted payment stays
// deleted). The file carries a contract, its obligation and payments. Counts by outcome are printed.
import { describe, expect, it } from 'vitest';
import { importExchangeFile } from '../../../renderer/src/data/interchange/exchange';
import { verifyTrail } from '../../../renderer/src/data/trail/check';
import type { Rng } from '../../../renderer/src/domain/core/random';
import { formatFuzzReport, runFuzz, type FuzzOutcome, type FuzzTarget } from '../../support/fuzz';
import { dump, openFile, repack, resign, tradingDesks, type Opened } from './exchange-fixtures';
import { expectLedgersInSync } from './contract-fixtures';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = 20261206;
const VALUES: unknown[] = ['', 'x', 0, -1, 1.5, 1e300, null, true, [], {}, '2020-01-01T00:00:00.000Z', '2020-01-01', { amount: 100, currency: 'CNY' }, '<img onerror=1>', 'a'.repeat(600), '00000000-0000-4000-8000-000000000000'];

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Mostly a value of the same type and shape (so the change gets past the schemas), else anything. */
function otherValue(rng: Rng, v: unknown): unknown {
  if (rng.chance(0.25)) return rng.pick(VALUES);
  if (typeof v === 'string') {
    if (/^\d{4}-\d{2}-\d{2}T/.test(v)) return rng.pick(['2020-01-01T00:00:00.000Z', '2030-01-01T00:00:00.000Z', '2026-11-24T01:59:00.000Z']);
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return '2020-01-01';
    if (UUID_RE.test(v)) return rng.uuid();
    if (/^[0-9a-f]{64}$/.test(v)) return 'f'.repeat(64);
    return `${v}改`;
  }
  if (typeof v === 'number') return v + rng.pick([1, -1, 100]);
  if (typeof v === 'boolean') return !v;
  if (v && typeof v === 'object' && 'amount' in v) return { ...v, amount: 100 };
  return rng.pick(VALUES);
}

function pickKey(rng: Rng, o: object): string | null {
  const keys = Object.keys(o);
  return keys.length ? rng.pick(keys) : null;
}

/** Sets a random field of a random record or entry to a random value; false when there was none. */
function mutateJson(rng: Rng, o: Opened, where: 'record' | 'entry' | 'history' | 'manifest'): boolean {
  if (where === 'manifest') {
    const k = pickKey(rng, o.manifest);
    if (!k || k === 'signature') return false;
    (o.manifest as Record<string, unknown>)[k] = otherValue(rng, (o.manifest as Record<string, unknown>)[k]);
    return true;
  }
  if (where === 'entry') {
    const e = o.payload.changeLog.length ? rng.pick(o.payload.changeLog) : null;
    const k = e && pickKey(rng, e);
    if (!e || !k) return false;
    e[k] = otherValue(rng, e[k]);
    return true;
  }
  const tables = Object.values(o.payload.tables).filter((rows) => rows.length > 0);
  if (!tables.length) return false;
  const row = rng.pick(rng.pick(tables));
  if (where === 'history') {
    if (!row.history.length) return false;
    const i = rng.int(0, row.history.length - 1);
    if (rng.chance(0.5)) row.history.splice(i, 1);
    else row.history.reverse();
    return true;
  }
  const k = pickKey(rng, row.record);
  if (!k) return false;
  row.record[k] = otherValue(rng, row.record[k]);
  return true;
}

describe('exchange fuzz', () => {
  it(`${RUNS} mutated files: each refused with a code and nothing changed, or applied consistently`, async () => {
    const { office, laptop, honest, voided } = await tradingDesks();
    type Make = (rng: Rng) => Promise<Uint8Array | null>;
    const edit = (m: (rng: Rng, o: Opened) => boolean, sign: boolean): Make => async (rng) => {
      const o = openFile(honest);
      if (!m(rng, o)) return null;
      if (sign) await resign(o, laptop.db);
      return repack(o, { rehash: true });
    };
    const mutations: Record<string, Make> = {
      'bytes: one flipped': async (rng) => {
        const b = honest.slice();
        b[rng.int(0, b.length - 1)] ^= rng.int(1, 255);
        return b;
      },
      'bytes: cut short': async (rng) => honest.slice(0, rng.int(0, honest.length - 1)),
      'record field, re-hashed': edit((rng, o) => mutateJson(rng, o, 'record'), false),
      'record field, re-signed': edit((rng, o) => mutateJson(rng, o, 'record'), true),
      'entry field, re-signed': edit((rng, o) => mutateJson(rng, o, 'entry'), true),
      'history, re-signed': edit((rng, o) => mutateJson(rng, o, 'history'), true),
      'manifest field, re-signed': edit((rng, o) => mutateJson(rng, o, 'manifest'), true),
      'unchanged, re-signed': edit(() => true, true),
    };
    const names = Object.keys(mutations).sort();
    const baseline = new Map<string, unknown[]>();
    for (const t of office.db.tables) baseline.set(t.name, await t.toArray());
    const target: FuzzTarget<Uint8Array> = {
      async mutate(rng) {
        for (;;) {
          const label = rng.pick(names);
          const input = await mutations[label](rng);
          if (input) return { label, input };
        }
      },
      async attempt(file): Promise<FuzzOutcome> {
        const r = await importExchangeFile(office, file, { fileName: 'fuzz.scwx' });
        return r.ok ? { kind: 'applied' } : { kind: 'refused', code: r.problems[0]?.code ?? 'no-code' };
      },
      fingerprint: () => dump(office.db),
      async checkApplied() {
        const p = (await verifyTrail(office.db)).problems;
        if (p.length) throw new Error(`the trail check found ${p.map((x) => x.code).join(', ')}`);
        // The contract side: the tombstone stays, every ledger equals the one rebuilt from its rows,
        // and no live payment settles an obligation in another currency.
        if ((await office.db.payments.get(voided.id))?.deleted !== 1) throw new Error('a deleted payment came back');
        await expectLedgersInSync(office.db);
        const obligations = new Map((await office.db.obligations.toArray()).map((o) => [o.id, o]));
        for (const pay of await office.db.payments.toArray()) {
          const o = obligations.get(pay.obligationId);
          if (!pay.deleted && (!o || o.amount.currency !== pay.amount.currency || o.contractId !== pay.contractId)) throw new Error(`payment ${pay.id} does not fit its obligation`);
        }
      },
      async reset() {
        await office.db.transaction('rw', office.db.tables, async () => {
          for (const t of office.db.tables) {
            await t.clear();
            await t.bulkAdd(baseline.get(t.name)!);
          }
        });
      },
    };
    const report = await runFuzz(target, { seed: SEED, runs: RUNS });
    console.log(formatFuzzReport(`exchange fuzz (seed ${SEED})`, report));
    expect(report.failures).toEqual([]);
    expect(report.outcomes['refused: no-code']).toBeUndefined();
    // The run reached the signature, the trail checks behind a valid signature, and honest applies.
    expect(report.outcomes['refused: signature-invalid']).toBeGreaterThan(RUNS * 0.03);
    expect(report.outcomes.applied).toBeGreaterThan(RUNS * 0.05);
    const trailRefusals = Object.entries(report.outcomes).filter(([k]) => k.startsWith('refused: entry-')).reduce((n, [, v]) => n + v, 0);
    expect(trailRefusals).toBeGreaterThan(RUNS * 0.03);
  }, 600_000);
});
