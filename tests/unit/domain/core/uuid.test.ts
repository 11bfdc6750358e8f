import { describe, expect, it } from 'vitest';
import { randomUuid } from '../../../../renderer/src/domain/core/uuid';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('randomUuid', () => {
  it('gives version 4 UUIDs of the RFC variant, all different, across many refills of its pool', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const id = randomUuid();
      expect(id).toMatch(V4);
      seen.add(id);
    }
    expect(seen.size).toBe(20_000);
  });

  it('uses every hex digit in the random positions (no stuck bits)', () => {
    const ids = Array.from({ length: 2000 }, randomUuid);
    for (const pos of [0, 9, 15, 19, 35]) {
      expect(new Set(ids.map((id) => id[pos])).size, `position ${pos}`).toBe(pos === 19 ? 4 : 16);
    }
  });
});
