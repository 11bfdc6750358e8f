import { describe, expect, it } from 'vitest';
import { MAX_RATE_BP, rateEntryProblems } from '../../../../renderer/src/domain/contracts/rate-tables';

const table = [
  { effectiveFrom: '2024-10-21', rateBp: 310 },
  { effectiveFrom: '2025-05-20', rateBp: 300 },
];

describe('a rate an officer enters into a table', () => {
  it.each<[string, { effectiveFrom: string; rateBp: number }, [string, string][]]>([
    ['a new date and a plausible rate', { effectiveFrom: '2025-06-20', rateBp: 300 }, []],
    ['a negative rate (ECB deposit years) is allowed', { effectiveFrom: '2019-09-18', rateBp: -50 }, []],
    ['exactly the limit', { effectiveFrom: '2025-06-20', rateBp: MAX_RATE_BP }, []],
    ['beyond ±50 % a year is a typing mistake', { effectiveFrom: '2025-06-20', rateBp: MAX_RATE_BP + 1 }, [['rateBp', 'out-of-range']]],
    ['not whole basis points', { effectiveFrom: '2025-06-20', rateBp: 3.5 }, [['rateBp', 'out-of-range']]],
    ['no date', { effectiveFrom: '', rateBp: 300 }, [['effectiveFrom', 'required']]],
    ['not a calendar date', { effectiveFrom: '2025-02-30', rateBp: 300 }, [['effectiveFrom', 'invalid-date']]],
    ['a date the table already has', { effectiveFrom: '2025-05-20', rateBp: 305 }, [['effectiveFrom', 'duplicate-date']]],
    ['a bad rate is named before a duplicate date', { effectiveFrom: '2025-05-20', rateBp: 99_999 }, [['rateBp', 'out-of-range']]],
  ])('%s', (_, entry, expected) => {
    expect(rateEntryProblems(entry, table).map((p) => [p.field, p.code])).toEqual(expected);
  });

  it('editing an entry compares it with the others only', () => {
    expect(rateEntryProblems({ effectiveFrom: '2025-05-20', rateBp: 305 }, table.slice(0, 1))).toEqual([]);
  });
});
