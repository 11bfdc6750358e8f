// Aging of overdue amounts. The due date itself is NOT overdue: a payment made on the due date is
// on time, the first overdue day is the day after, and days overdue = asOf − dueDate. The same
// count is the number of days late interest runs (interest.ts starts on dueDate + 1), so a row's
// bucket and its interest always agree.
import { toDayNumber } from '../core/dates';
import type { IsoDate } from '../core/types';

/** Bucket codes in display order; the UI translates them (arrears.bucket.<code>). */
export const AGING_BUCKETS = ['d0_30', 'd31_90', 'd91_180', 'd181_365', 'y1_2', 'y2p'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/**
 * Inclusive day ranges. 'd0_30' starts at 1 because day 0 (the due date) is not overdue; the
 * code keeps the "≤30" reading of the regulation's table. One to two years is 366–730 days,
 * whatever leap days fall in between: buckets count days, not calendar years.
 */
export const AGING_BUCKET_RANGES: readonly { bucket: AgingBucket; minDays: number; maxDays: number | null }[] = [
  { bucket: 'd0_30', minDays: 1, maxDays: 30 },
  { bucket: 'd31_90', minDays: 31, maxDays: 90 },
  { bucket: 'd91_180', minDays: 91, maxDays: 180 },
  { bucket: 'd181_365', minDays: 181, maxDays: 365 },
  { bucket: 'y1_2', minDays: 366, maxDays: 730 },
  { bucket: 'y2p', minDays: 731, maxDays: null },
];

/** Days past the due date as of `asOf`; 0 on or before the due date. */
export function daysOverdue(dueDate: IsoDate, asOf: IsoDate): number {
  return Math.max(0, toDayNumber(asOf) - toDayNumber(dueDate));
}

/** Index into AGING_BUCKETS for a positive day count, −1 when not overdue. Hot path of arrears.ts. */
export function agingBucketIndex(days: number): number {
  if (days <= 0) return -1;
  if (days <= 30) return 0;
  if (days <= 90) return 1;
  if (days <= 180) return 2;
  if (days <= 365) return 3;
  if (days <= 730) return 4;
  return 5;
}

/** Bucket code for a day count, null when not overdue (0 or negative days). */
export function agingBucket(days: number): AgingBucket | null {
  const i = agingBucketIndex(days);
  return i < 0 ? null : AGING_BUCKETS[i];
}

/** Zeroed per-bucket accumulator aligned with AGING_BUCKETS. */
export function emptyBucketTotals(): number[] {
  return [0, 0, 0, 0, 0, 0];
}
