// The hashing writer must give, byte for byte, the hash of the canonical JSON text: every stored
// chain was hashed over that text. Checked on worked examples and on many generated values that
// reach every branch of the writer (escapes, surrogates, numbers, holes, nested shapes).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalHashPicked } from '../../../../renderer/src/domain/core/canonical-hash';
import { canonicalJsonPicked } from '../../../../renderer/src/domain/core/canonical-json';

const keep = (_k: string, v: unknown) => v;
const viaText = (obj: object, pick: (k: string, v: unknown) => unknown = keep) =>
  createHash('sha256').update(Buffer.from(new TextEncoder().encode(canonicalJsonPicked(obj, pick)))).digest('hex');

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const CHARS = ['a', 'Z', '9', ' ', '"', '\\', '\n', '\t', '\u0001', '\u001f', '\u007f', 'é', 'ß', '项', '目', '\u2028', '\ufeff', '😀', '\ud800', '\udfff', '\u0000', '€', '/'];
const NUMBERS = [0, -0, 1, -1, 7, 10, 100, 12345678901234, -9007199254740991, 9007199254740991, 9007199254740992, 1e21, 1e-7, 0.1, -2.5, 123.456, 5e-324, 1.7976931348623157e308];
const KEYS = ['id', 'name', 'a', 'b', 'B', '项目', 'é', '10', '2', 'z"q', 'amount', 'changes', 'line\nbreak', 'back\\slash', '\u0000', '\ud800', '😀', '\u2028'];

function gen(rand: () => number, depth: number): unknown {
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const r = rand();
  if (depth <= 0 || r < 0.45) {
    const k = rand();
    if (k < 0.45) return Array.from({ length: Math.floor(rand() * 12) }, () => pick(CHARS)).join('');
    if (k < 0.8) return pick(NUMBERS);
    if (k < 0.9) return rand() < 0.5;
    return null;
  }
  if (r < 0.7) {
    const arr = Array.from({ length: Math.floor(rand() * 5) }, () => gen(rand, depth - 1));
    if (arr.length > 2 && rand() < 0.1) delete arr[1];
    return arr;
  }
  const obj: Record<string, unknown> = rand() < 0.1 ? Object.create(null) : {};
  for (let i = Math.floor(rand() * 6); i > 0; i--) obj[pick(KEYS)] = rand() < 0.1 ? undefined : gen(rand, depth - 1);
  return obj;
}

describe('canonicalHashPicked', () => {
  it.each([
    ['an empty object', {}],
    ['a record', { id: 'r1', name: '城市大脑"一期"\n', budget: { amount: 1234567800, currency: 'CNY' }, tags: ['一网通办', 'é'], rev: 3, deleted: 0 }],
    ['emoji and a lone surrogate', { a: '😀', b: 'x\ud800y', c: '\udfff' }],
    ['numbers of every form', { n: [0, -0, -1, 1e21, 1e-7, 0.1, 9007199254740992, -123.456] }],
    ['a hole in an array', { list: [1, , 3] }],
    ['a long text escaped only at its end', { text: '项目'.repeat(40_000) + '"', after: 'x' }],
    ['a long text with a lone surrogate at its end', { text: 'é'.repeat(70_000) + '\udc00' }],
    ['undefined values left out', { a: undefined, b: [null], c: { d: undefined } }],
  ])('hashes %s as the text would hash', (_name, value) => {
    expect(canonicalHashPicked(value, keep)).toBe(viaText(value));
  });

  it('hashes 3,000 generated values as their texts would hash', () => {
    const rand = lcg(2026);
    for (let i = 0; i < 3000; i++) {
      const v = { root: gen(rand, 4), [`k${i % 7}`]: gen(rand, 2) };
      expect(canonicalHashPicked(v, keep), JSON.stringify(v)).toBe(viaText(v));
    }
  });

  it('applies the pick to top-level values only, as canonicalJsonPicked does', () => {
    const pick = (k: string, v: unknown) => (k === 'hash' ? undefined : k === 'blob' ? { blob: 3 } : v);
    const v = { hash: 'x', blob: new Uint8Array(3), inner: { hash: 'kept' }, a: 1 };
    expect(canonicalHashPicked(v, pick)).toBe(viaText(v, pick));
  });

  it('a long value grows the buffer, and a short one after it hashes alone', () => {
    const long = { text: '项目'.repeat(100_000), list: Array.from({ length: 5000 }, (_, i) => ({ i, s: `第${i}期` })) };
    expect(canonicalHashPicked(long, keep)).toBe(viaText(long));
    expect(canonicalHashPicked({ a: 1 }, keep)).toBe(viaText({ a: 1 }));
  });

  it('hashes objects of more distinct keys than it keeps the bytes of', () => {
    const wide = Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`键${i}`, i]));
    expect(canonicalHashPicked(wide, keep)).toBe(viaText(wide));
    for (let i = 0; i < 200; i++) {
      const one = { [`late-${i}-"\n`]: i, [`键${i * 29}`]: 'v' };
      expect(canonicalHashPicked(one, keep)).toBe(viaText(one));
    }
  });

  it('refuses what canonicalJson refuses, naming where', () => {
    expect(() => canonicalHashPicked({ a: [1, Number.NaN] }, keep)).toThrow(new TypeError('canonicalJson: non-finite number at $.a[1]'));
    expect(() => canonicalHashPicked({ a: { at: new Date(0) } }, keep)).toThrow(new TypeError('canonicalJson: non-plain object at $.a.at'));
    expect(() => canonicalHashPicked({ list: [undefined] }, keep)).toThrow(new TypeError('canonicalJson: undefined at $.list[0]'));
    // After a refusal the next value is hashed from a clean start.
    expect(canonicalHashPicked({ ok: true }, keep)).toBe(viaText({ ok: true }));
  });
});
