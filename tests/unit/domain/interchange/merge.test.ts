import { describe, expect, it } from 'vitest';
import {
  MergeChoiceError,
  differingFields,
  planMerge,
  resolveConflict,
  unionHistory,
  type MergeConflict,
  type MergePlan,
  type Versioned,
} from '../../../../renderer/src/domain/interchange/merge';
import type { RecordMeta } from '../../../../renderer/src/domain/core/types';

interface Rec extends RecordMeta {
  title: string;
  severity: string;
  status: 'draft' | 'signed';
  contentHash: string;
  note?: string;
  blob?: unknown;
}

function rec(over: Partial<Rec> = {}): Rec {
  return {
    id: 'r1', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'a', rev: 1, deleted: 0,
    title: '温度超标', severity: 'medium', status: 'draft', contentHash: '',
    ...over,
  };
}
const v = (history: string[], over: Partial<Rec> = {}): Versioned<Rec> => ({ record: rec({ rev: history.length, ...over }), history });
const locked = (r: Rec) => r.status === 'signed';

type Bucket = keyof MergePlan<Rec>;
function outcome(plan: MergePlan<Rec>): [Bucket, string] {
  for (const bucket of ['adds', 'applies', 'skips', 'conflicts', 'rejected'] as const) {
    const items = plan[bucket] as unknown[];
    if (items.length === 0) continue;
    const x = items[0] as { reason?: string; kind?: string };
    return [bucket, x.reason ?? x.kind ?? ''];
  }
  throw new Error('empty plan');
}

describe('planMerge: one record at a time', () => {
  // History letters: c = create, e = local edit, f = remote edit, d = delete, s = sign.
  it.each<[string, Versioned<Rec> | undefined, Versioned<Rec>, Bucket, string]>([
    ['new id → add', undefined, v(['c1']), 'adds', ''],
    ['new tombstone → add (the delete stays known)', undefined, v(['c1', 'd2'], { deleted: 1 }), 'adds', ''],
    ['same version → skip', v(['c1', 'e2'], { title: 'x' }), v(['c1', 'e2'], { title: 'x' }), 'skips', 'same-version'],
    ['same content reached independently → skip', v(['c1', 'e2'], { title: 'x' }), v(['c1', 'f2'], { title: 'x', updatedBy: 'b' }), 'skips', 'same-content'],
    ['newer incoming with the same content (a resolution that took our side) → apply', v(['c1', 'e2'], { title: 'x' }), v(['c1', 'e2', 'r3'], { title: 'x', updatedBy: 'b' }), 'applies', ''],
    ['signed here, newer history with the same content → skip', v(['c1', 's2'], { status: 'signed' }), v(['c1', 's2', 'r3'], { status: 'signed', updatedBy: 'b' }), 'skips', 'same-content'],
    ['older incoming → skip', v(['c1', 'e2'], { title: '新' }), v(['c1']), 'skips', 'older'],
    ['newer incoming, local unchanged → apply', v(['c1']), v(['c1', 'f2'], { title: '新' }), 'applies', ''],
    ['record created here, edited there → apply', v(['c1']), v(['c1', 'f2', 'f3'], { severity: 'high' }), 'applies', ''],
    ['several round trips, then newer there → apply', v(['c1', 'e2', 'e3'], { title: 'e3' }), v(['c1', 'e2', 'e3', 'f4', 'f5'], { title: 'f5' }), 'applies', ''],
    ['both edited since the common version → conflict', v(['c1', 'e2'], { title: 'here' }), v(['c1', 'f2'], { title: 'there' }), 'conflicts', 'edit-edit'],
    ['higher rev is not enough: concurrent edits → conflict', v(['c1', 'e2'], { title: 'here' }), v(['c1', 'f2', 'f3', 'f4'], { title: 'there' }), 'conflicts', 'edit-edit'],
    ['delete vs unmodified → apply the delete', v(['c1']), v(['c1', 'd2'], { deleted: 1 }), 'applies', ''],
    ['tombstone here, older edit there → skip (no resurrection)', v(['c1', 'e2', 'd3'], { title: 'e2', deleted: 1 }), v(['c1', 'e2'], { title: 'e2' }), 'skips', 'older'],
    ['deleted here, edited there → conflict', v(['c1', 'd2'], { deleted: 1 }), v(['c1', 'f2'], { title: 'there' }), 'conflicts', 'delete-edit'],
    ['edited here, deleted there → conflict', v(['c1', 'e2'], { title: 'here' }), v(['c1', 'd2'], { deleted: 1 }), 'conflicts', 'edit-delete'],
    ['deleted on both sides → skip', v(['c1', 'd2'], { deleted: 1 }), v(['c1', 'f2', 'd3'], { title: 'x', deleted: 1 }), 'skips', 'both-deleted'],
    ['an edit on top of our tombstone (undelete) → conflict', v(['c1', 'd2'], { deleted: 1 }), v(['c1', 'd2', 'f3'], { title: 'back' }), 'conflicts', 'delete-edit'],
    ['claims descent but rev not higher (forged) → conflict', v(['c1', 'e2'], { rev: 2, title: 'here' }), v(['c1', 'e2', 'f3'], { rev: 2, title: 'there' }), 'conflicts', 'edit-edit'],
    ['no history in the file → conflict, never a blind overwrite', v(['c1']), v([], { rev: 5, title: 'there' }), 'conflicts', 'edit-edit'],
    ['signed here, edited there → rejected', v(['c1', 's2'], { status: 'signed', contentHash: 'h' }), v(['c1', 's2', 'f3'], { status: 'signed', contentHash: 'h', title: 'forged' }), 'rejected', 'locked'],
    ['signed here, concurrent edit there → rejected', v(['c1', 's2'], { status: 'signed', contentHash: 'h' }), v(['c1', 'f2'], { title: 'there' }), 'rejected', 'locked'],
    ['signed here, deleted there → rejected', v(['c1', 's2'], { status: 'signed', contentHash: 'h' }), v(['c1', 's2', 'd3'], { status: 'signed', contentHash: 'h', deleted: 1 }), 'rejected', 'locked'],
    ['signed here, older draft there → skip', v(['c1', 's2'], { status: 'signed', contentHash: 'h' }), v(['c1']), 'skips', 'older'],
    ['signed here, same there → skip', v(['c1', 's2'], { status: 'signed', contentHash: 'h' }), v(['c1', 's2'], { status: 'signed', contentHash: 'h' }), 'skips', 'same-version'],
    ['draft here, signed there on top of it → apply', v(['c1']), v(['c1', 's2'], { status: 'signed', contentHash: 'h' }), 'applies', ''],
  ])('%s', (_name, local, incoming, bucket, detail) => {
    const plan = planMerge(new Map(local ? [[local.record.id, local]] : []), [incoming], { isLocked: locked });
    expect(outcome(plan)).toEqual([bucket, detail]);
    const total = plan.adds.length + plan.applies.length + plan.skips.length + plan.conflicts.length + plan.rejected.length;
    expect(total).toBe(1);
  });

  it('lists the differing fields of a conflict, deleted included, meta left out', () => {
    const plan = planMerge(new Map([['r1', v(['c1', 'e2'], { title: 'here', updatedBy: 'x', deleted: 1 })]]), [v(['c1', 'f2'], { title: 'there', note: 'n', updatedBy: 'y' })]);
    expect(plan.conflicts[0]).toMatchObject({
      id: 'r1',
      kind: 'delete-edit',
      lockedSide: null,
      fields: [
        { field: 'deleted', local: 1, incoming: 0 },
        { field: 'note', local: undefined, incoming: 'n' },
        { field: 'title', local: 'here', incoming: 'there' },
      ],
    });
  });

  it('marks a conflict whose incoming side is a signed audit', () => {
    const plan = planMerge(new Map([['r1', v(['c1', 'e2'], { title: 'here' })]]), [v(['c1', 's2'], { status: 'signed', contentHash: 'h' })], { isLocked: locked });
    expect(plan.conflicts[0].lockedSide).toBe('incoming');
  });

  it('rejects every copy of an id that appears twice in the file', () => {
    const plan = planMerge(new Map(), [v(['c1']), v(['c1', 'f2'], { title: 'x' }), v(['c1'], { id: 'r2' })]);
    expect(plan.rejected.map((r) => [r.id, r.reason])).toEqual([['r1', 'duplicate-id'], ['r1', 'duplicate-id']]);
    expect(plan.adds.map((a) => a.record.id)).toEqual(['r2']);
  });

  it('ignores the fields it is told to (a photo Blob compared by its hash field instead)', () => {
    const plan = planMerge(new Map([['r1', v(['c1'], { blob: { bytes: 1 } })]]), [v(['c2'], { blob: { bytes: 2 } })], { ignoreFields: ['blob'] });
    expect(outcome(plan)).toEqual(['skips', 'same-content']);
  });

  it('compares nested values structurally and in any key order', () => {
    const a = { ...rec(), answers: [{ itemId: 'x', value: 'pass' }] } as Rec;
    const b = { ...rec(), answers: [{ value: 'pass', itemId: 'x' }] } as Rec;
    expect(differingFields(a, b)).toEqual([]);
    expect(differingFields(a, { ...b, answers: [{ itemId: 'x', value: 'fail' }] } as Rec).map((f) => f.field)).toEqual(['answers']);
  });

  it('handles a mixed file in one pass', () => {
    const local = new Map<string, Versioned<Rec>>([
      ['a', v(['a1'], { id: 'a' })],
      ['b', v(['b1', 'b2'], { id: 'b', title: 'here' })],
      ['c', v(['c1', 'c2'], { id: 'c', status: 'signed' })],
      ['d', v(['d1'], { id: 'd' })],
    ]);
    const plan = planMerge(local, [
      v(['a1', 'a2'], { id: 'a', title: 'newer' }),
      v(['b1', 'x2'], { id: 'b', title: 'there' }),
      v(['c1', 'c2', 'x3'], { id: 'c', status: 'signed', title: 'forged' }),
      v(['d1'], { id: 'd' }),
      v(['n1'], { id: 'n' }),
    ], { isLocked: locked });
    expect({
      adds: plan.adds.map((x) => x.record.id),
      applies: plan.applies.map((x) => x.incoming.record.id),
      skips: plan.skips.map((x) => x.id),
      conflicts: plan.conflicts.map((x) => x.id),
      rejected: plan.rejected.map((x) => x.id),
    }).toEqual({ adds: ['n'], applies: ['a'], skips: ['d'], conflicts: ['b'], rejected: ['c'] });
  });
});

describe('resolveConflict', () => {
  const stamp = { at: '2026-06-01T08:00:00.000Z', by: '审核员' };
  const conflictOf = (local: Versioned<Rec>, incoming: Versioned<Rec>): MergeConflict<Rec> => {
    const plan = planMerge(new Map([[local.record.id, local]]), [incoming], { isLocked: locked });
    expect(plan.conflicts).toHaveLength(1);
    return plan.conflicts[0];
  };
  const base = () => conflictOf(
    v(['c1', 'e2', 'e3'], { title: 'here', severity: 'high', createdAt: '2026-01-01T00:00:00.000Z' }),
    v(['c1', 'f2'], { title: 'there', severity: 'low', note: 'from laptop', createdAt: '2026-01-02T00:00:00.000Z' }),
  );

  it.each<[string, Parameters<typeof resolveConflict>[1], Partial<Rec>]>([
    ['keep local', 'local', { title: 'here', severity: 'high', note: undefined }],
    ['take incoming', 'incoming', { title: 'there', severity: 'low', note: 'from laptop' }],
    ['field by field', { title: 'incoming', severity: 'local', note: 'incoming' }, { title: 'there', severity: 'high', note: 'from laptop' }],
    ['field by field, dropping a field only the other side has', { title: 'incoming', severity: 'incoming', note: 'local' }, { title: 'there', severity: 'low', note: undefined }],
  ])('%s → a new version above both (rev = max + 1)', (_n, choice, expected) => {
    const r = resolveConflict(base(), choice, stamp);
    expect(r).toMatchObject({ id: 'r1', rev: 4, updatedAt: stamp.at, updatedBy: stamp.by, createdAt: '2026-01-01T00:00:00.000Z' });
    expect({ title: r.title, severity: r.severity, note: r.note }).toEqual(expected);
  });

  it('requires a choice for every differing field', () => {
    expect(() => resolveConflict(base(), { title: 'incoming' }, stamp)).toThrow(new MergeChoiceError('choice-missing', 'note'));
  });

  it('a delete-vs-edit conflict can keep the delete or undelete with the edit', () => {
    const c = conflictOf(v(['c1', 'd2'], { deleted: 1 }), v(['c1', 'f2', 'f3'], { title: 'there' }));
    expect(resolveConflict(c, 'local', stamp)).toMatchObject({ deleted: 1, rev: 4 });
    expect(resolveConflict(c, 'incoming', stamp)).toMatchObject({ deleted: 0, title: 'there', rev: 4 });
    expect(resolveConflict(c, { deleted: 'local', title: 'incoming' }, stamp)).toMatchObject({ deleted: 1, title: 'there' });
  });

  it('a signed incoming side is taken or left whole, never mixed', () => {
    const c = conflictOf(v(['c1', 'e2'], { title: 'here' }), v(['c1', 's2'], { status: 'signed', contentHash: 'sealed', title: 'signed title' }));
    expect(() => resolveConflict(c, { title: 'local', status: 'incoming', contentHash: 'incoming' }, stamp)).toThrow(new MergeChoiceError('locked-whole-record-only'));
    expect(resolveConflict(c, 'incoming', stamp)).toMatchObject({ status: 'signed', contentHash: 'sealed', title: 'signed title' });
    expect(resolveConflict(c, { title: 'incoming', status: 'incoming', contentHash: 'incoming' }, stamp)).toMatchObject({ contentHash: 'sealed' });
    expect(resolveConflict(c, 'local', stamp)).toMatchObject({ status: 'draft', title: 'here' });
  });

  it('does not share objects with either side', () => {
    const c = conflictOf(v(['c1', 'e2'], { title: 'a', blob: { n: [1] } }), v(['c1', 'f2'], { title: 'b', blob: { n: [2] } }));
    const r = resolveConflict(c, 'incoming', stamp) as Rec & { blob: { n: number[] } };
    r.blob.n.push(3);
    expect(c.incoming.record.blob).toEqual({ n: [2] });
  });

  it('unionHistory keeps local order and appends what only the other side had', () => {
    expect(unionHistory(['c1', 'e2', 'e3'], ['c1', 'f2', 'e2', 'f4'])).toEqual(['c1', 'e2', 'e3', 'f2', 'f4']);
  });
});

/**
 * Two or three "machines" following the data-layer contract documented in merge.ts: add/apply
 * copy the incoming record and history verbatim; a resolution stores the union of histories plus
 * one new entry.
 */
class Machine {
  records = new Map<string, Versioned<Rec>>();
  private n = 0;
  constructor(readonly name: string) {}
  private entry() {
    return `${this.name}-${++this.n}`;
  }
  create(id: string, over: Partial<Rec> = {}) {
    this.records.set(id, { record: rec({ id, rev: 1, ...over }), history: [this.entry()] });
  }
  edit(id: string, patch: Partial<Rec>) {
    const cur = this.records.get(id)!;
    this.records.set(id, { record: { ...cur.record, ...patch, rev: cur.record.rev + 1 }, history: [...cur.history, this.entry()] });
  }
  exportFile(): Versioned<Rec>[] {
    return structuredClone([...this.records.values()]);
  }
  importFile(file: Versioned<Rec>[]) {
    const plan = planMerge(this.records, file, { isLocked: locked });
    for (const a of plan.adds) this.records.set(a.record.id, a);
    for (const a of plan.applies) this.records.set(a.incoming.record.id, a.incoming);
    return plan;
  }
  resolve(c: MergeConflict<Rec>, choice: Parameters<typeof resolveConflict>[1]) {
    const record = resolveConflict(c, choice, { at: 'now', by: this.name });
    this.records.set(c.id, { record, history: [...unionHistory(c.local.history, c.incoming.history), this.entry()] });
  }
  get(id: string) {
    return this.records.get(id)!.record;
  }
}

describe('exchange scenarios', () => {
  it('laptop audit → office; both edit the same finding; office resolves; the resolution flows back', () => {
    const office = new Machine('office');
    const laptop = new Machine('laptop');
    laptop.create('f1', { title: '温度超标' });
    expect(office.importFile(laptop.exportFile()).adds).toHaveLength(1);

    office.edit('f1', { title: '冷通道温度超标' });
    laptop.edit('f1', { severity: 'high' });
    const plan = office.importFile(laptop.exportFile());
    expect(plan.conflicts.map((c) => c.fields.map((f) => f.field))).toEqual([['severity', 'title']]);
    office.resolve(plan.conflicts[0], { title: 'local', severity: 'incoming' });
    expect(office.get('f1')).toMatchObject({ title: '冷通道温度超标', severity: 'high', rev: 3 });

    // The resolution descends from the laptop's version, so the laptop simply applies it.
    expect(laptop.importFile(office.exportFile()).applies).toHaveLength(1);
    expect(laptop.get('f1')).toEqual(office.get('f1'));
    // Nothing left to exchange either way.
    expect(office.importFile(laptop.exportFile()).skips).toEqual([{ id: 'f1', reason: 'same-version' }]);
    expect(laptop.importFile(office.exportFile()).skips).toEqual([{ id: 'f1', reason: 'same-version' }]);
  });

  it('re-importing an old file never undoes later edits or deletes', () => {
    const office = new Machine('office');
    const laptop = new Machine('laptop');
    laptop.create('f1');
    const first = laptop.exportFile();
    office.importFile(first);
    laptop.edit('f1', { title: 'second' });
    office.importFile(laptop.exportFile());
    expect(office.get('f1').title).toBe('second');
    expect(office.importFile(first).skips).toEqual([{ id: 'f1', reason: 'older' }]);
    expect(office.get('f1').title).toBe('second');

    laptop.edit('f1', { deleted: 1 });
    office.importFile(laptop.exportFile());
    expect(office.get('f1').deleted).toBe(1);
    expect(office.importFile(first).skips).toEqual([{ id: 'f1', reason: 'older' }]);
    expect(office.get('f1').deleted).toBe(1);
  });

  it('two laptops editing the same record conflict at the office even when one has the higher rev', () => {
    const office = new Machine('office');
    const a = new Machine('a');
    const b = new Machine('b');
    office.create('r');
    a.importFile(office.exportFile());
    b.importFile(office.exportFile());
    a.edit('r', { title: 'A' });
    b.edit('r', { title: 'B1' });
    b.edit('r', { title: 'B2' });
    expect(office.importFile(a.exportFile()).applies).toHaveLength(1);
    const plan = office.importFile(b.exportFile());
    expect(plan.conflicts).toHaveLength(1);
    office.resolve(plan.conflicts[0], 'incoming');
    // Both laptops accept the resolution: it descends from each of their versions.
    expect(a.importFile(office.exportFile()).applies).toHaveLength(1);
    expect(b.importFile(office.exportFile()).applies).toHaveLength(1);
    expect(a.get('r')).toEqual(office.get('r'));
    expect(b.get('r')).toEqual(office.get('r'));
    // Later edits on either laptop are plain descendants again, not conflicts.
    b.edit('r', { severity: 'low' });
    expect(office.importFile(b.exportFile()).applies).toHaveLength(1);
    a.importFile(office.exportFile());
    expect(a.get('r')).toMatchObject({ title: 'B2', severity: 'low' });
  });

  it('a signed audit at the office survives any import', () => {
    const office = new Machine('office');
    const laptop = new Machine('laptop');
    laptop.create('audit', { title: 'draft' });
    office.importFile(laptop.exportFile());
    laptop.edit('audit', { status: 'signed', contentHash: 'sealed' });
    expect(office.importFile(laptop.exportFile()).applies).toHaveLength(1);
    const sealed = structuredClone(office.get('audit'));
    laptop.edit('audit', { title: 'tampered after signing' });
    expect(office.importFile(laptop.exportFile()).rejected.map((r) => r.reason)).toEqual(['locked']);
    expect(office.get('audit')).toEqual(sealed);
  });
});
