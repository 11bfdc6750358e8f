import { describe, expect, it } from 'vitest';
import {
  AGING_BUCKETS,
  AGING_BUCKET_RANGES,
  agingBucket,
  agingBucketIndex,
  daysOverdue,
  emptyBucketTotals,
} from '../../../../renderer/src/domain/contracts/aging';

describe('daysOverdue = asOf − dueDate, never negative', () => {
  it.each([
    ['2025-01-31', '2025-01-31', 0], // the due date itself is on time
    ['2025-01-31', '2025-02-01', 1], // first overdue day
    ['2025-01-31', '2025-01-10', 0], // not yet due
    ['2025-01-31', '2025-03-02', 30], // 28 days of February 2025 + 2
    ['2024-01-31', '2024-03-01', 30], // 29 days of February 2024 + 1
    ['2023-12-31', '2024-12-31', 366], // a calendar year containing 29 Feb
    ['2024-12-31', '2025-12-31', 365],
  ])('due %s, as of %s → %i days', (due, asOf, days) => {
    expect(daysOverdue(due, asOf)).toBe(days);
  });
});

describe('agingBucket at every boundary', () => {
  it.each([
    [-5, null],
    [0, null], // due today: not overdue
    [1, 'd0_30'],
    [30, 'd0_30'],
    [31, 'd31_90'],
    [90, 'd31_90'],
    [91, 'd91_180'],
    [180, 'd91_180'],
    [181, 'd181_365'],
    [365, 'd181_365'],
    [366, 'y1_2'],
    [730, 'y1_2'],
    [731, 'y2p'],
    [5000, 'y2p'],
  ])('%i days → %s', (days, bucket) => {
    expect(agingBucket(days)).toBe(bucket);
    expect(agingBucketIndex(days)).toBe(bucket === null ? -1 : (AGING_BUCKETS as readonly string[]).indexOf(bucket));
  });

  it('a year with a leap day is 366 days, so it lands in 1–2 years', () => {
    // 2023-12-31 → 2024-12-31 = 366 days (2024-02-29 included)
    expect(agingBucket(daysOverdue('2023-12-31', '2024-12-31'))).toBe('y1_2');
    expect(agingBucket(daysOverdue('2024-12-31', '2025-12-31'))).toBe('d181_365');
  });

  it('the range table is contiguous and agrees with agingBucket for days 1…1000', () => {
    AGING_BUCKET_RANGES.forEach((r, i) => {
      expect(r.bucket).toBe(AGING_BUCKETS[i]);
      if (i > 0) expect(r.minDays).toBe((AGING_BUCKET_RANGES[i - 1].maxDays as number) + 1);
    });
    for (let d = 1; d <= 1000; d++) {
      const r = AGING_BUCKET_RANGES.find((x) => d >= x.minDays && (x.maxDays === null || d <= x.maxDays));
      expect(r?.bucket).toBe(agingBucket(d));
    }
  });

  it('emptyBucketTotals has one zero per bucket', () => {
    expect(emptyBucketTotals()).toEqual(AGING_BUCKETS.map(() => 0));
  });
});
