import { describe, expect, it } from 'vitest';
import { checkSpace, isOutOfSpace, restoreSpaceNeeded } from '../../../../renderer/src/domain/core/storage-space';

const MB = 1024 * 1024;

describe('restoreSpaceNeeded', () => {
  it.each([
    // backup, live, needed: staging + new live rows + safety copy of the old
    [100 * MB, 100 * MB, 300 * MB],
    [1024 * MB, 0, 2048 * MB],
    [0, 50 * MB, 50 * MB],
    [10 * MB, 400 * MB, 420 * MB],
    [-5, -5, 0],
  ])('backup %d, live %d → %d', (backup, live, want) => {
    expect(restoreSpaceNeeded(backup, live)).toBe(want);
  });
});

describe('checkSpace', () => {
  it.each([
    [300, [1000], { ok: true, available: 1000, shortBy: 0 }],
    [300, [1000, 200], { ok: false, available: 200, shortBy: 100 }],
    [300, [undefined, null, 500], { ok: true, available: 500, shortBy: 0 }],
    [300, [], { ok: true, available: Number.POSITIVE_INFINITY, shortBy: 0 }],
    [300, [Number.NaN, 299], { ok: false, available: 299, shortBy: 1 }],
    [0, [0], { ok: true, available: 0, shortBy: 0 }],
  ] as const)('needing %d with limits %j', (needed, limits, want) => {
    expect(checkSpace(needed, limits)).toEqual({ needed, ...want });
  });
});

describe('isOutOfSpace', () => {
  it.each([
    [Object.assign(new Error('quota'), { name: 'QuotaExceededError' }), true],
    [{ name: 'AbortError', inner: { name: 'QuotaExceededError' } }, true],
    [{ name: 'DatabaseClosedError', inner: { inner: { name: 'QuotaExceededError' } } }, true],
    [Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }), true],
    [new Error("Error invoking remote method 'desktop:writeFileToFolder': Error: desktop-error:disk-full 1048576"), true],
    [{ code: 'EDQUOT' }, true],
    [new Error('ConstraintError'), false],
    [{ name: 'AbortError' }, false],
    ['string', false],
    [null, false],
  ])('%j → %s', (e, want) => {
    expect(isOutOfSpace(e)).toBe(want);
  });
});
