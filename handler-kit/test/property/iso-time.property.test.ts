import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTime } from '../../src/logging/iso-time.ts';

/** isoTime is toISOString by arithmetic (the log lines' timestamps): it must write the same string for every instant. */
const YEAR_0 = new Date('0000-01-01T00:00:00.000Z').getTime();
const YEAR_9999_END = new Date('9999-12-31T23:59:59.999Z').getTime();

describe('isoTime', () => {
  it('writes what toISOString writes, for any millisecond of the years 0000 to 9999', () => {
    fc.assert(fc.property(fc.integer({ min: YEAR_0, max: YEAR_9999_END }), (ms) => {
      expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    }), { numRuns: 20_000 });
  });

  it('around this century, where every clock reading falls, closer together', () => {
    const from = Date.UTC(1969, 0, 1);
    fc.assert(fc.property(fc.integer({ min: from, max: Date.UTC(2200, 0, 1) }), (ms) => {
      expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    }), { numRuns: 20_000 });
  });

  it.each([
    ['the epoch', 0], ['a millisecond before it', -1], ['year 0000 begins', YEAR_0], ['year 9999 ends', YEAR_9999_END],
    ['a leap day', Date.UTC(2024, 1, 29, 23, 59, 59, 999)], ['1 March of a leap year', Date.UTC(2000, 2, 1)],
    ['1900 is not a leap year', Date.UTC(1900, 2, 1)], ['a new year', Date.UTC(2026, 11, 31, 23, 59, 59, 999) + 1],
  ])('at %s', (_name, ms) => {
    expect(isoTime(ms)).toBe(new Date(ms).toISOString());
  });

  it('defers to toISOString outside 0000 to 9999 and for a non-integer, as it would answer', () => {
    for (const ms of [YEAR_0 - 1, YEAR_9999_END + 1, 8.64e15, 1.5]) expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    expect(() => isoTime(Number.NaN)).toThrow(RangeError);
  });

  it('reads the clock when given nothing', () => {
    const before = Date.now();
    const t = Date.parse(isoTime());
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  });
});
