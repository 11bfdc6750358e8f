import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
import { describe, expect, it } from 'vitest';
import {
  addToDigest,
  chainEntry,
  entryHash,
  genesisHash,
  legacySummary,
  recordState,
  stateHash,
  ZERO_HASH,
  type ChainedEntry,
  type Checkpoint,
} from '../../../../renderer/src/domain/trail/chain';
import { sha256HexOfText } from '../../../../renderer/src/domain/core/sha256-text';
import { fingerprint, fromBase64, normalizeFingerprint, toBase64 } from '../../../../renderer/src/domain/trail/fingerprint';
import { checkIncomingChains, checkIncomingRecord, type IncomingCode } from '../../../../renderer/src/domain/trail/incoming';
import { ChainWalker, checkRecord } from '../../../../renderer/src/domain/trail/verify';
import { isTrustedKey, validateTrust } from '../../../../renderer/src/domain/trail/trust';
import type { ChangeLogEntry, RecordMeta } from '../../../../renderer/src/domain/core/types';

const DESK = 'd0000000-0000-4000-8000-000000000001';
const KEY = toBase64(new Uint8Array(32).map((_, i) => i + 1));
const genesis = { desk: DESK, key: KEY, at: '2026-01-01T00:00:00.000Z', legacy: { count: 0, digest: ZERO_HASH }, after: null };
const genesisCp: Checkpoint = { desk: DESK, seq: 0, hash: genesisHash(genesis), at: genesis.at, key: KEY, legacy: genesis.legacy, genesis, sig: '' };

interface Project extends RecordMeta {
  name: string;
  budget: { amount: number; currency: string };
}
const project = (rev: number, amount: number, at: string): Project => ({
  id: 'p1', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: at, updatedBy: '张晓明', rev, deleted: 0, name: '城市大脑', budget: { amount, currency: 'CNY' },
});
const entry = (id: string, rev: number, at: string, changes: ChangeLogEntry['changes'], op: ChangeLogEntry['op'] = rev === 1 ? 'create' : 'update'): ChangeLogEntry => ({
  id, at, by: '张晓明', entity: 'projects', entityId: 'p1', op, rev, changes,
});

/** A chain of three honest writes: create at ¥120,000,000, two budget edits. */
function honest(): { records: Project[]; chain: ChainedEntry[] } {
  const at = ['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'];
  const amounts = [12_000_000_000, 11_000_000_000, 12_000_000_000];
  const records = amounts.map((a, i) => project(i + 1, a, at[i]));
  let head = { desk: DESK, seq: 0, hash: genesisCp.hash };
  const chain = records.map((r, i) => {
    const e = chainEntry(
      entry(`e${i + 1}`, i + 1, at[i], i === 0 ? [{ field: 'name', before: undefined, after: r.name }, { field: 'budget', before: undefined, after: r.budget }] : [{ field: 'budget', before: records[i - 1].budget, after: r.budget }]),
      head,
      r,
    );
    head = { desk: DESK, seq: e.seq, hash: e.hash };
    return e;
  });
  return { records, chain };
}

describe('hashes', () => {
  it.each([
    ['empty', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['UTF-8', '城市大脑', sha256HexOfText('城市大脑')],
  ])('SHA-256 of %s', (_l, text, hex) => {
    expect(sha256HexOfText(text)).toBe(hex);
  });

  // Hashes computed by the first implementation (a general-purpose SHA-256 over a copy of the
  // record or entry): every desk's stored chain holds such hashes, so they must never change.
  it('hashes stay those every stored chain already holds', () => {
    const record = {
      id: '6f1c1d2e-4b7a-4c1e-9a55-0d6c2b7e8f10', code: 'ZH-2026-001', name: '城市大脑（一期）"试点"', searchText: 'x',
      budget: { currency: 'CNY', amount: 1234567800 }, milestones: [{ on: '2026-03-01', note: 'é\u2028' }, { on: '2026-06-30', note: '' }],
      rev: 3, deleted: 0, gone: undefined, updatedAt: '2026-12-07T01:02:03.456Z',
    };
    const entry = {
      id: '0b9f4a52-2c7e-4d0e-8b0a-5e1f3c9d7a61', at: '2026-12-07T01:02:03.456Z', by: '王芳', entity: 'projects', entityId: record.id, op: 'update', rev: 3,
      changes: [{ field: 'name', before: '城市大脑', after: record.name }, { field: 'budget', before: undefined, after: record.budget }],
    } as ChangeLogEntry;
    expect(stateHash(record)).toBe('1f53d8fd9dddd3a0982de7bcf77cfa5ffc4d5fd71e3ac015c8532e9888a8233f');
    expect(entryHash(entry)).toBe('e7fa7bd627b690fc886e1892879175b8f8afad441ff67db819d92bfe5862bae1');
    const chained = chainEntry(entry, { desk: '5a4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a', seq: 41, hash: 'a'.repeat(64) }, record);
    expect(chained.hash).toBe('a9cfb2626156a37120f1eb1abae5985a5f72bc61a17c93961e39a8e757b2cdca');
    expect(stateHash({ id: 'p', blob: { sha256: 'f'.repeat(64), size: 10, type: 'image/png' }, name: 'x' })).toBe('d0346fcc4518564040b923aa9bfa01d921897fe8f0817dee5df9949d77073dcf');
  });

  it('a record with an own "__proto__" key hashes as its state copy always saw it', () => {
    // The copy's assignment drops a primitive and takes an object as the copy's prototype, which is refused.
    expect(stateHash(JSON.parse('{"id":"r","__proto__":5,"name":"a"}') as object)).toBe(stateHash({ id: 'r', name: 'a' }));
    expect(() => stateHash(JSON.parse('{"id":"r","__proto__":{"x":1},"name":"a"}') as object)).toThrow(new TypeError('canonicalJson: non-plain object at $'));
  });

  it('an entry hash covers every field but the hash, in any key order', () => {
    const e = entry('e1', 1, '2026-01-01T00:00:00.000Z', []);
    const reordered = Object.fromEntries(Object.entries(e).reverse()) as unknown as ChangeLogEntry;
    expect(entryHash(reordered)).toBe(entryHash(e));
    expect(entryHash({ ...e, hash: 'x' } as ChangeLogEntry)).toBe(entryHash(e));
    expect(entryHash({ ...e, by: '王芳' })).not.toBe(entryHash(e));
  });

  it.each<[string, object, object]>([
    ['id and searchText are not state', { id: 'a', searchText: 'x', name: 'n' }, { name: 'n' }],
    ['a Blob and a file reference both count by size', { blob: new Blob(['abc']), original: { sha256: 'f'.repeat(64), size: 9, type: 'image/png' } }, { blob: { blob: 3 }, original: { blob: 9 } }],
    ['undefined fields are left out', { a: undefined, b: 1 }, { b: 1 }],
  ])('record state: %s', (_l, record, state) => {
    expect(recordState(record)).toEqual(state);
  });

  it('the legacy digest does not depend on order and grows one entry at a time', () => {
    const a = entry('a', 1, '2025-01-01T00:00:00.000Z', []);
    const b = entry('b', 2, '2025-02-01T00:00:00.000Z', []);
    expect(legacySummary([a, b])).toEqual(legacySummary([b, a]));
    expect(legacySummary([a, b]).digest).toBe(addToDigest(addToDigest(ZERO_HASH, entryHash(a)), entryHash(b)));
    expect(addToDigest('f'.repeat(64), '0'.repeat(63) + '1')).toBe(ZERO_HASH);
  });
});

describe('chain walk', () => {
  type Case = [string, (c: ChainedEntry[]) => ChainedEntry[], string | null, number | undefined];
  const rehash = (e: ChainedEntry): ChainedEntry => ({ ...e, hash: entryHash(e) });
  it.each<Case>([
    ['intact', (c) => c, null, undefined],
    ['an entry changed in place', (c) => [c[0], { ...c[1], by: '冒名者' }, c[2]], 'entry-hash-mismatch', 2],
    ['an entry changed and re-hashed: the next link breaks', (c) => [c[0], rehash({ ...c[1], by: '冒名者' }), c[2]], 'prev-mismatch', 3],
    ['an entry removed from the middle', (c) => [c[0], c[2]], 'chain-gap', 2],
    ['entries out of order', (c) => [c[1], c[0], c[2]], 'chain-gap', 1],
    ['the first entry not on the genesis', (c) => [rehash({ ...c[0], prev: ZERO_HASH })], 'prev-mismatch', 1],
  ])('%s', (_l, mutate, code, seq) => {
    const w = new ChainWalker(DESK, [genesisCp]);
    for (const e of mutate(honest().chain)) w.push(e);
    const p = w.finish();
    expect(p?.code ?? null).toBe(code);
    if (seq !== undefined) expect(p?.seq).toBe(seq);
  });

  it('a checkpoint pins the hash at its seq; a re-hashed tail breaks there', () => {
    const { chain } = honest();
    const cp: Checkpoint = { ...genesisCp, seq: 3, hash: chain[2].hash, genesis: undefined };
    let prev = chain[0].hash;
    const forged = chain.slice(1).map((e) => {
      const f = { ...e, by: '冒名者', prev } as ChainedEntry;
      f.hash = entryHash(f);
      prev = f.hash;
      return f;
    });
    const w = new ChainWalker(DESK, [genesisCp, cp]);
    for (const e of [chain[0], ...forged]) w.push(e);
    expect(w.finish()).toMatchObject({ code: 'checkpoint-mismatch', seq: 3 });
    const short = new ChainWalker(DESK, [genesisCp, cp]);
    for (const e of chain.slice(0, 2)) short.push(e);
    expect(short.finish()).toMatchObject({ code: 'checkpoint-beyond-chain', seq: 3 });
  });

  it('another desk\'s chain may have gaps; each run is still linked', () => {
    const { chain } = honest();
    const w = new ChainWalker(DESK, [], false);
    w.push(chain[0]);
    w.push(chain[2]);
    expect(w.finish()).toBeNull();
    expect(new ChainWalker(DESK, [], true).problem).toMatchObject({ code: 'genesis-missing' });
  });

  it.each<[string, (r: Project) => Project, string | null]>([
    ['record as its newest entry left it', (r) => r, null],
    ['budget changed directly', (r) => ({ ...r, budget: { amount: 100, currency: 'CNY' } }), 'record-state-mismatch'],
    ['rev changed directly', (r) => ({ ...r, rev: 9 }), 'record-rev-mismatch'],
    ['a Date put in directly (canonical JSON refuses it)', (r) => ({ ...r, extra: new Date(0) }) as Project, 'record-state-mismatch'],
    ['an infinite number put in directly', (r) => ({ ...r, budget: { amount: Infinity, currency: 'CNY' } }), 'record-state-mismatch'],
  ])('record check: %s', (_l, mutate, code) => {
    const { records, chain } = honest();
    expect(checkRecord('projects', mutate(records[2]), chain[2])?.code ?? null).toBe(code);
  });
});

describe('incoming entries', () => {
  type Case = [string, (h: { records: Project[]; chain: ChainedEntry[] }) => { record: Project; history: ChangeLogEntry[]; local: ChangeLogEntry[] }, IncomingCode[]];
  const forge = (e: ChainedEntry): ChainedEntry => ({ ...e, hash: entryHash(e) });
  const unchained = ({ desk: _d, seq: _s, prev: _p, state: _st, hash: _h, ...e }: ChainedEntry): ChangeLogEntry => e;
  it.each<Case>([
    ['an honest newer version', ({ records, chain }) => ({ record: records[2], history: chain, local: chain.slice(0, 1) }), []],
    [
      'budget ¥120,000,000 → ¥1 in the record only',
      ({ records, chain }) => ({ record: { ...records[2], budget: { amount: 100, currency: 'CNY' } }, history: chain, local: chain.slice(0, 1) }),
      ['entry-change-mismatch', 'entry-state-mismatch'],
    ],
    [
      'budget → ¥1 in the record and the entry, re-hashed',
      ({ records, chain }) => {
        const record = { ...records[2], budget: { amount: 100, currency: 'CNY' } };
        const head = forge({ ...chain[2], changes: [{ field: 'budget', before: records[1].budget, after: record.budget }] });
        return { record, history: [chain[0], chain[1], head], local: chain.slice(0, 1) };
      },
      ['entry-state-mismatch'],
    ],
    [
      'an entry dated 2020 after 2026 edits',
      ({ records, chain }) => {
        const fake = entry('e4', 4, '2020-05-01T00:00:00.000Z', [{ field: 'name', before: '城市大脑', after: '城市大脑' }]);
        return { record: { ...records[2], rev: 4 }, history: [...chain, { ...fake, by: '从未用过的人' }], local: chain };
      },
      ['entry-predates-parent'],
    ],
    ['an entry we hold, altered', ({ records, chain }) => ({ record: records[2], history: [{ ...chain[0], by: '冒名者' }, chain[1], chain[2]], local: chain.slice(0, 1) }), ['entry-differs']],
    ['the same seeded entry chained by another desk', ({ records, chain }) => ({ record: records[2], history: [{ ...chain[0], desk: 'd0000000-0000-4000-8000-000000000002', at: '2026-01-02T00:00:00.000Z' }, chain[1], chain[2]], local: chain.slice(0, 1) }), []],
    ['a laptop clock a few minutes behind its parent (within the skew allowed)', ({ records, chain }) => ({ record: records[2], history: [unchained(chain[0]), { ...unchained(chain[1]), at: '2025-12-31T23:55:00.000Z' }, chain[2]], local: [] }), []],
    ['a chained entry whose hash does not recompute', ({ records, chain }) => ({ record: records[2], history: [chain[0], { ...chain[1], by: '冒名者' }, chain[2]], local: [] }), ['entry-hash-mismatch']],
    ['head rev not the record rev', ({ records, chain }) => ({ record: { ...records[1], rev: 2 }, history: chain, local: [] }), ['entry-rev-mismatch', 'entry-change-mismatch', 'entry-state-mismatch']],
    ['a second create', ({ records, chain }) => ({ record: records[2], history: [...chain, entry('c2', 1, '2026-04-01T00:00:00.000Z', [])], local: chain }), ['history-second-create']],
  ])('%s', (_l, build, codes) => {
    const { record, history, local } = build(honest());
    expect(checkIncomingRecord(record, history, local).map((p) => p.code).sort()).toEqual([...codes].sort());
  });

  it('chains: a fork at a position we hold, and a broken link to our entry, are named', () => {
    const { chain } = honest();
    const local = new Map(chain.slice(0, 2).map((e) => [e.seq, e]));
    const at = (_d: string, seq: number) => local.get(seq);
    expect(checkIncomingChains([chain[2]], at)).toEqual([]);
    const fork = { ...chain[1], id: 'other' };
    expect(checkIncomingChains([fork], at).map((p) => p.code)).toEqual(['entry-chain-fork']);
    const unlinked = { ...chain[2], prev: ZERO_HASH };
    expect(checkIncomingChains([unlinked], at).map((p) => p.code)).toEqual(['entry-prev-mismatch']);
  });
});

describe('fingerprints and trust', () => {
  it.each([
    [new Uint8Array([])],
    [new Uint8Array([0])],
    [new Uint8Array([1, 2])],
    [new Uint8Array([255, 254, 253])],
    [new Uint8Array(32).fill(7)],
  ])('base64 round trip of %s', (bytes) => {
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
  });

  it.each([['not base64!'], ['AAA'], ['AA=A']])('refuses %s', (text) => {
    expect(fromBase64(text)).toBeNull();
  });

  it('fingerprint: 8 groups of 4 upper-case hex of the SHA-256 of the raw key; typed forms normalised', () => {
    const fp = fingerprint(KEY);
    expect(fp).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    expect(fp.replace(/ /g, '')).toBe(bytesToHex(sha256(fromBase64(KEY)!)).slice(0, 32).toUpperCase());
    expect(normalizeFingerprint(fp.toLowerCase().replace(/ /g, '-'))).toBe(fp);
    expect(normalizeFingerprint('1234')).toBe('');
    expect(fingerprint('short')).toBe('');
  });

  it.each<[string, { name: string; confirm: string }, string[]]>([
    ['matching fingerprint', { name: '外业笔记本 1', confirm: fingerprint(KEY) }, []],
    ['fingerprint read wrong', { name: '外业笔记本 1', confirm: 'AAAA BBBB CCCC DDDD EEEE FFFF 0000 1111' }, ['confirmFingerprint:fingerprint-mismatch']],
    ['no name', { name: ' ', confirm: fingerprint(KEY) }, ['name:required']],
  ])('trusting a key: %s', (_l, input, codes) => {
    expect(validateTrust({ publicKey: KEY, name: input.name, confirmFingerprint: input.confirm }, []).map((p) => `${p.field}:${p.code}`)).toEqual(codes);
  });

  it('own key and listed keys are trusted; a removed key is not', () => {
    const other = toBase64(new Uint8Array(32).fill(9));
    expect(isTrustedKey(KEY, KEY, [])).toBe(true);
    expect(isTrustedKey(other, KEY, [{ publicKey: other, deleted: 0 }])).toBe(true);
    expect(isTrustedKey(other, KEY, [{ publicKey: other, deleted: 1 }])).toBe(false);
  });
});
