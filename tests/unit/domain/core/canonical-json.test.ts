// Canonical JSON is what every hash of the trail is computed over: the same data must give the same
// text byte for byte whatever its key order, and what JSON cannot carry is refused with its path.
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../renderer/src/domain/core/canonical-json';

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
