// The hand-edited-file attack: a file from a trusted laptop is opened, changed, re-hashed (and
// re-signed by another or even the same desk) and imported at the office. Each is refused, naming
// what is wrong, and the office's database stays byte for byte as it was.
import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../../renderer/src/data/interchange/exchange';
import { verifyTrail } from '../../../renderer/src/data/trail/check';
import { contentHash } from '../../../renderer/src/domain/audits/audits';
import type { AuditRun } from '../../../renderer/src/domain/audits/audit-types';
import type { Project } from '../../../renderer/src/domain/core/types';
import { desk, dump, importInto, openFile, repack, resign, tradingDesks, type Opened } from './exchange-fixtures';

const codes = (r: ImportResult) => (r.ok ? [] : r.problems.map((p) => p.code));

type Attack = (o: Opened, ctx: Awaited<ReturnType<typeof tradingDesks>>) => Promise<void> | void;

const projectRow = (o: Opened) => o.payload.tables.projects[0];
const auditRow = (o: Opened) => o.payload.tables.audits[0];

const budgetToOneYuan: Attack = (o) => {
  const row = projectRow(o);
  (row.record as { budget: unknown }).budget = { amount: 100, currency: 'CNY' };
};

const backdatedEntry: Attack = (o) => {
  const row = projectRow(o);
  const rec = row.record as Project & Record<string, unknown>;
  const id = '9d6b8a52-6d3e-4c9e-9c53-2f8f7f0d1a01';
  o.payload.changeLog.push({ id, at: '2020-03-01T08:00:00.000Z', by: '赵某某', entity: 'projects', entityId: rec.id, op: 'update', rev: rec.rev + 1, changes: [{ field: 'description', before: rec.description, after: '2020 年已验收' }] });
  row.history.push(id);
  rec.rev += 1;
  rec.description = '2020 年已验收';
  o.manifest.changeLogEntries = o.payload.changeLog.length;
};

const forgedSignedAudit: Attack = async (o, ctx) => {
  const row = auditRow(o);
  const a = row.record as unknown as AuditRun;
  a.answers = a.answers.map((x) => (x.itemId === ctx.critical.id ? { ...x, value: 'pass', note: '' } : x));
  a.status = 'signed';
  a.signedBy = '局长 王某';
  a.signedAt = '2026-11-21T09:00:00.000Z';
  a.signature = { kind: 'typed', name: '局长 王某' };
  a.contentHash = await contentHash(a, new Map());
};

describe('hand-edited exchange files are refused and change nothing', () => {
  it('the honest file is accepted: the two desks trade signed files', async () => {
    const ctx = await tradingDesks();
    const r = await importInto(ctx.office, ctx.honest);
    expect(r.ok ? r.summary.tables.projects.updated : codes(r)).toBe(1);
    expect((await verifyTrail(ctx.office.db)).problems).toEqual([]);
  });

  it.each<[string, Attack, 'none' | 'stranger' | 'laptop', string[]]>([
    ['budget ¥120,000,000 → ¥1, re-hashed', budgetToOneYuan, 'none', ['signature-invalid']],
    ['budget → ¥1, re-signed by a desk nobody trusts', budgetToOneYuan, 'stranger', ['signer-untrusted', 'entry-state-mismatch']],
    ['budget → ¥1, re-signed by the trusted laptop itself', budgetToOneYuan, 'laptop', ['entry-state-mismatch']],
    ['a 2020 entry by someone who never used the app', backdatedEntry, 'none', ['signature-invalid']],
    ['a 2020 entry, re-signed by the laptop', backdatedEntry, 'laptop', ['entry-predates-parent']],
    ['a draft with a failed critical item "signed" by a bureau chief, item passed', forgedSignedAudit, 'none', ['signature-invalid']],
    ['the forged "signed" audit, re-signed by the laptop', forgedSignedAudit, 'laptop', ['audit-signature-missing']],
  ])('%s', async (_l, attack, signer, expected) => {
    const ctx = await tradingDesks();
    const stranger = signer === 'stranger' ? (await desk('外人', 'desk-stranger')).db : null;
    const o = openFile(ctx.honest);
    await attack(o, ctx);
    if (signer !== 'none') await resign(o, signer === 'laptop' ? ctx.laptop.db : stranger!);
    const before = await dump(ctx.office.db);
    const r = await importInto(ctx.office, await repack(o, { rehash: true }));
    expect(r.ok).toBe(false);
    expect(codes(r)).toEqual(expect.arrayContaining(expected));
    expect(await dump(ctx.office.db)).toBe(before);
  });
});
