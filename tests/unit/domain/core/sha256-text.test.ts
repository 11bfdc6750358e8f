// The change log's hashes are SHA-256 of UTF-8 text: the page's own implementation must give the
// digest any other does, for every length around the block and padding edges and every kind of
// character, including after a longer text has left bytes in its reused buffer.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256HexOfBytes, sha256HexOfText } from '../../../../renderer/src/domain/core/sha256-text';

const reference = (text: string) => createHash('sha256').update(Buffer.from(new TextEncoder().encode(text))).digest('hex');

/** A deterministic generator, so a failure names a reproducible text. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const ALPHABET = ['a', 'Z', '0', ' ', '"', '\\', '\n', 'é', '项', '目', '\u2028', '😀', '\ud800', '\udfff', '\u0000', '€'];

function text(rand: () => number, length: number): string {
  let s = '';
  while (s.length < length) s += ALPHABET[Math.floor(rand() * ALPHABET.length)];
  return s.slice(0, length);
}

describe('sha256HexOfText', () => {
  it.each([
    ['empty', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['two blocks (FIPS 180-4 example)', 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    ['CJK (3 bytes a character)', '智慧城市', reference('智慧城市')],
    ['a lone surrogate becomes U+FFFD, as TextEncoder makes it', 'a\ud800b', reference('a\ufffdb')],
  ])('%s', (_name, input, digest) => {
    expect(sha256HexOfText(input)).toBe(digest);
  });

  it('matches node:crypto for every length from 0 to 300 characters of mixed text', () => {
    const rand = lcg(7);
    for (let n = 0; n <= 300; n++) {
      const t = text(rand, n);
      expect(sha256HexOfText(t), JSON.stringify(t)).toBe(reference(t));
    }
  });

  it('matches at the byte lengths where the padding spills into another block', () => {
    for (const bytes of [55, 56, 57, 63, 64, 65, 119, 120, 128]) {
      const ascii = 'x'.repeat(bytes);
      expect(sha256HexOfText(ascii)).toBe(reference(ascii));
    }
  });

  it('a long text grows the buffer; shorter texts after it are unaffected by what it left there', () => {
    const long = text(lcg(11), 400_000);
    expect(sha256HexOfText(long)).toBe(reference(long));
    expect(sha256HexOfText('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256HexOfText('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes bytes as node:crypto does, for lengths around the block edges', () => {
    const rand = lcg(3);
    for (const n of [0, 1, 32, 55, 56, 64, 65, 200, 70_000]) {
      const bytes = Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
      expect(sha256HexOfBytes(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });
});
