// Seeded pseudo-random numbers for demo and synthetic data: the same seed gives the same portfolio
// on every machine, so tests and benchmarks are repeatable.

/** mulberry32: small, fast, good enough for test data (not for anything secret). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Rng {
  next(): number;
  int(min: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  uuid(): string;
}

export function makeRng(seed: number): Rng {
  const r = seededRandom(seed);
  const int = (min: number, max: number) => min + Math.floor(r() * (max - min + 1));
  return {
    next: r,
    int,
    pick: (items) => items[Math.floor(r() * items.length)],
    chance: (p) => r() < p,
    // A well-formed v4 UUID built from the seeded stream, so seeded data has stable ids.
    uuid: () => {
      const hex = Array.from({ length: 32 }, () => int(0, 15).toString(16));
      hex[12] = '4';
      hex[16] = ((int(0, 15) & 0x3) | 0x8).toString(16);
      const s = hex.join('');
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    },
  };
}
