import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Interval } from '../shared/time.ts';
import {
  clipIntervals,
  intersectIntervals,
  intervalsLength,
  mergeIntervals,
  subtractIntervals,
} from './intervals.ts';

const iv = (start: number, end: number): Interval => ({ start, end });

/** The set of whole instants an interval list covers on the grid 0..GRID-1, for brute-force comparison. */
const GRID = 40;
const cover = (list: readonly Interval[]): boolean[] =>
  Array.from({ length: GRID }, (_, t) => list.some((i) => i.start <= t && t < i.end));
const fromCover = (bits: readonly boolean[]): Interval[] => {
  const out: Interval[] = [];
  bits.forEach((on, t) => {
    if (!on) return;
    const last = out[out.length - 1];
    if (last && last.end === t) out[out.length - 1] = iv(last.start, t + 1);
    else out.push(iv(t, t + 1));
  });
  return out;
};
const intervalList = fc.array(
  fc.tuple(fc.integer({ min: 0, max: GRID }), fc.integer({ min: 0, max: GRID })).map(([a, b]) => iv(a, b)),
  { maxLength: 8 },
);

describe('interval algebra', () => {
  it('merges overlapping and touching intervals and drops empty ones', () => {
    expect(mergeIntervals([iv(5, 7), iv(0, 2), iv(2, 3), iv(6, 9), iv(4, 4), iv(8, 1)])).toEqual([
      iv(0, 3),
      iv(5, 9),
    ]);
  });

  it('intersects, subtracts and clips', () => {
    expect(intersectIntervals([iv(0, 10), iv(20, 30)], [iv(5, 25)])).toEqual([iv(5, 10), iv(20, 25)]);
    expect(subtractIntervals([iv(0, 10), iv(20, 30)], [iv(5, 25), iv(28, 29)])).toEqual([
      iv(0, 5),
      iv(25, 28),
      iv(29, 30),
    ]);
    expect(clipIntervals([iv(0, 10), iv(20, 30)], 8, 22)).toEqual([iv(8, 10), iv(20, 22)]);
    expect(intervalsLength([iv(0, 10), iv(5, 15)])).toBe(15);
  });

  it('agrees with a brute-force walk over every instant', () => {
    fc.assert(
      fc.property(intervalList, intervalList, (a, b) => {
        const ca = cover(a);
        const cb = cover(b);
        expect(mergeIntervals(a)).toEqual(fromCover(ca));
        expect(intersectIntervals(a, b)).toEqual(fromCover(ca.map((x, t) => x && (cb[t] as boolean))));
        expect(subtractIntervals(a, b)).toEqual(fromCover(ca.map((x, t) => x && !(cb[t] as boolean))));
        expect(intervalsLength(a)).toBe(ca.filter(Boolean).length);
      }),
    );
  });
});
