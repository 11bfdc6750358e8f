import { describe, expect, it } from 'vitest';
import { reviewLeague, type LeagueReview } from '../../../../renderer/src/domain/reviews/review-league';

const review = (projectId: string, periodEnd: string, totalScore: number): LeagueReview => ({ projectId, periodStart: `${periodEnd.slice(0, 4)}-01-01`, periodEnd, totalScore });
const codes: Record<string, string> = { A: 'ZH-003', B: 'ZH-001', C: 'ZH-002', D: 'ZH-004' };
const codeOf = (id: string) => codes[id];

describe('review league table', () => {
  it.each([
    {
      name: 'latest review decides; ties share a rank and the next rank skips',
      reviews: [
        // A: latest 2024 = 85.00; last 3 = 80.00, 90.00, 85.00 → 255.00 / 3 = 85.00
        review('A', '2022-12-31', 8000), review('A', '2023-12-31', 9000), review('A', '2024-12-31', 8500), review('A', '2021-12-31', 1000),
        // B: latest 85.00 too, average (7000 + 8500) / 2 = 7750 → ties A on score, lower average: after A
        review('B', '2024-12-31', 8500), review('B', '2023-12-31', 7000),
        // C: 90.00 once
        review('C', '2024-06-30', 9000),
        // D: 60.00
        review('D', '2024-12-31', 6000),
      ],
      lastN: 3,
      want: [
        { projectId: 'C', rank: 1, latest: 9000, average: 9000, averageOf: 1, reviews: 1 },
        { projectId: 'A', rank: 2, latest: 8500, average: 8500, averageOf: 3, reviews: 4 },
        { projectId: 'B', rank: 2, latest: 8500, average: 7750, averageOf: 2, reviews: 2 },
        { projectId: 'D', rank: 4, latest: 6000, average: 6000, averageOf: 1, reviews: 1 },
      ],
    },
    {
      name: 'averages round half up to a centipoint; equal score and average fall back to the code',
      reviews: [
        // A: (7001 + 7000) / 2 = 7000.5 → 7001
        review('A', '2023-12-31', 7001), review('A', '2024-12-31', 7000),
        // B (code ZH-001, before A's ZH-003): (7002 + 7000) / 2 = 7001
        review('B', '2023-12-31', 7002), review('B', '2024-12-31', 7000),
        // C: (6999 + 7000 + 7000) / 3 = 6999.67 → 7000, but lastN = 2 → (7000 + 7000) / 2 = 7000
        review('C', '2022-12-31', 6999), review('C', '2023-12-31', 7000), review('C', '2024-12-31', 7000),
      ],
      lastN: 2,
      want: [
        { projectId: 'B', rank: 1, latest: 7000, average: 7001, averageOf: 2, reviews: 2 },
        { projectId: 'A', rank: 1, latest: 7000, average: 7001, averageOf: 2, reviews: 2 },
        { projectId: 'C', rank: 1, latest: 7000, average: 7000, averageOf: 2, reviews: 3 },
      ],
    },
    { name: 'no reviews, no rows', reviews: [], lastN: 3, want: [] },
  ])('$name', ({ reviews, lastN, want }) => {
    const got = reviewLeague(reviews, lastN, codeOf).map((e) => ({
      projectId: e.projectId,
      rank: e.rank,
      latest: e.latest.totalScore,
      average: e.average,
      averageOf: e.averageOf,
      reviews: e.reviews,
    }));
    expect(got).toEqual(want);
  });

  it('keeps the caller’s review objects (latest = the one with the latest period end)', () => {
    const newest = review('A', '2025-12-31', 5000);
    const [entry] = reviewLeague([review('A', '2024-12-31', 9000), newest], 3, codeOf);
    expect(entry.latest).toBe(newest);
  });
});
