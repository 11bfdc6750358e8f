// The synthetic contracts the benches use: made without a database (the sync bench pushes them from
// Node) they are the rows storeSyntheticContracts stores, however the range is split.
import { describe, expect, it } from 'vitest';
import { generatePortfolio } from '../../../renderer/src/data/demo/synthetic';
import { storeSyntheticContracts, syntheticContractChunks } from '../../../renderer/src/data/demo/synthetic-contracts';
import type { Organisation, Project } from '../../../renderer/src/domain/core/types';
import { freshDb } from './helpers';

const portfolio = generatePortfolio(7, 30);
const opts = {
  seed: 11,
  projects: portfolio.projects as Pick<Project, 'id' | 'departmentId'>[],
  companies: portfolio.organisations.filter((o) => o.kind === 'company') as Pick<Organisation, 'id' | 'isSme'>[],
  chunk: 4,
};
const writer = { by: '基准', now: () => new Date('2026-11-24T08:00:00Z') };

describe('syntheticContractChunks', () => {
  it('makes exactly what storeSyntheticContracts stores', async () => {
    const { db, w } = await freshDb();
    await storeSyntheticContracts({ ...w, ...writer }, { ...opts, from: 0, to: 10 });
    const made = [...syntheticContractChunks(writer, { ...opts, from: 0, to: 10 })].flat();
    const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(await db.contracts.toArray())).toEqual(byId(made.map((m) => m.contract)));
    expect(byId(await db.obligations.toArray())).toEqual(byId(made.flatMap((m) => m.obligations)));
    expect(byId(await db.payments.toArray())).toEqual(byId(made.flatMap((m) => m.payments)));
  });

  it('a range made in two calls is the same as one call', () => {
    const one = [...syntheticContractChunks(writer, { ...opts, from: 0, to: 12 })].flat();
    const two = [...syntheticContractChunks(writer, { ...opts, from: 0, to: 8 }), ...syntheticContractChunks(writer, { ...opts, from: 8, to: 12 })].flat();
    expect(two).toEqual(one);
    expect(one).toHaveLength(12);
    expect(one.every((c) => c.obligations.length >= 12 && c.obligations.length <= 13)).toBe(true);
  });
});
