// Canonical JSON is what every hash of the trail is computed over: the same data must give the same
// text byte for byte whatever its key order, and what JSON cannot carry is refused with its path.
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalJsonPicked } from '../../../../renderer/src/domain/core/canonical-json';

const sparse: unknown[] = [1];
sparse[2] = 3;

describe('canonicalJson', () => {
  it.each([
    ['null', null, 'null'],
    ['string with quotes and CJK', '项目"一"\n', '"项目\\"一\\"\\n"'],
    ['booleans', [true, false], '[true,false]'],
    ['numbers in shortest form', [1, 1.5, -0, 1e21, 0.1], '[1,1.5,0,1e+21,0.1]'],
    ['keys sorted by UTF-16 code units', { b: 1, a: 2, B: 3, 项: 4, é: 5 }, '{"B":3,"a":2,"b":1,"é":5,"项":4}'],
    ['undefined properties left out', { a: undefined, b: null }, '{"b":null}'],
    ['nested', { z: [{ y: 1, x: [] }], a: {} }, '{"a":{},"z":[{"x":[],"y":1}]}'],
    ['object without prototype', Object.assign(Object.create(null), { b: 1, a: 'x' }), '{"a":"x","b":1}'],
    ['a hole in an array is written empty', sparse, '[1,,3]'],
  ])('%s', (_name, value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });

  it.each([
    ['NaN', { a: [1, { b: Number.NaN }] }, 'canonicalJson: non-finite number at $.a[1].b'],
    ['Infinity', [Infinity], 'canonicalJson: non-finite number at $[0]'],
    ['undefined in an array', { list: [1, undefined] }, 'canonicalJson: undefined at $.list[1]'],
    ['a Date', { at: new Date(0) }, 'canonicalJson: non-plain object at $.at'],
    ['a Map', [new Map()], 'canonicalJson: non-plain object at $[0]'],
    ['a BigInt', { n: 1n }, 'canonicalJson: bigint at $.n'],
    ['a function', { f: () => 1 }, 'canonicalJson: function at $.f'],
    ['undefined itself', undefined, 'canonicalJson: undefined at $'],
  ])('refuses %s, naming where', (_name, value, message) => {
    expect(() => canonicalJson(value)).toThrow(new TypeError(message));
  });
});

describe('canonicalJson keeps each shape\'s key order between calls', () => {
  it('objects sharing a first key but not the rest, or the same keys in another order, each sort their own keys', () => {
    const shapes: [Record<string, unknown>, string][] = [
      [{ m: 1, b: 2, a: 3 }, '{"a":3,"b":2,"m":1}'],
      [{ m: 1, b: 2 }, '{"b":2,"m":1}'],
      [{ m: 1, z: 2, a: 3 }, '{"a":3,"m":1,"z":2}'],
      [{ m: 1, a: 3, b: 2 }, '{"a":3,"b":2,"m":1}'],
      [{ 10: 'x', 2: 'y', a: 1 }, '{"10":"x","2":"y","a":1}'],
    ];
    for (let round = 0; round < 3; round++) for (const [value, text] of shapes) expect(canonicalJson(value)).toBe(text);
  });

  it('past the bounds of what it keeps (many first keys, many shapes each) every text is still right', () => {
    for (let i = 0; i < 3000; i++) {
      const first = `k${i % 1500}`;
      const value: Record<string, number> = { [first]: i, [`z${i % 13}`]: 1, [`a${i % 7}`]: 2 };
      const sorted = Object.keys(value).sort();
      expect(canonicalJson(value)).toBe(`{${sorted.map((k) => `"${k}":${value[k]}`).join(',')}}`);
    }
  });
});

describe('canonicalJsonPicked', () => {
  const pick = (k: string, v: unknown) => (k === 'skip' ? undefined : k === 'swap' ? { swapped: v } : v);

  it.each([
    ['picks and maps top-level values only', { swap: { skip: 1 }, skip: 2, b: [1, { skip: 3 }], a: 'x' }],
    ['undefined values and empty objects', { a: undefined, skip: { x: 1 }, c: {} }],
    ['CJK keys and values', { 项目: '城市大脑', a: { 阶段: 'build' } }],
  ])('gives the text canonicalJson gives for the picked object: %s', (_name, value) => {
    const made = Object.fromEntries(Object.keys(value).flatMap((k) => {
      const v = pick(k, (value as Record<string, unknown>)[k]);
      return v === undefined ? [] : [[k, v]];
    }));
    expect(canonicalJsonPicked(value, pick)).toBe(canonicalJson(made));
  });

  it('refuses what canonicalJson refuses, naming the path in the picked object', () => {
    expect(() => canonicalJsonPicked({ a: { b: [1, Number.NaN] }, skip: 1 }, pick)).toThrow(new TypeError('canonicalJson: non-finite number at $.a.b[1]'));
    expect(() => canonicalJsonPicked({ swap: new Date(0) }, pick)).toThrow(new TypeError('canonicalJson: non-plain object at $.swap.swapped'));
  });
});
