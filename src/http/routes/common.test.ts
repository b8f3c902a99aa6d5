import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInstant } from '../../domain/shared/time.ts';
import { iso, isoOrNull } from './common.ts';

describe('iso', () => {
  it('formats every instant exactly as formatInstant does', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: 253_402_300_799_999 }),
          // Around now, where the per-day cache is used over and over.
          fc.integer({ min: 1_770_000_000_000, max: 1_830_000_000_000 }),
          fc.integer({ min: -62_167_219_200_000, max: 300_000_000_000_000 }),
          fc.constantFrom(
            0,
            -1,
            999,
            1_000,
            86_399_999,
            86_400_000,
            253_402_300_799_999,
            253_402_300_800_000,
            1.5,
            -0.5,
          ),
        ),
        (ms) => {
          expect(iso(ms)).toBe(formatInstant(ms));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('stays right after the remembered days are dropped', () => {
    // More distinct days than are kept, then days from the beginning again.
    for (let day = 0; day < 10_000; day += 1) {
      const ms = Date.UTC(2000, 0, 1) + day * 86_400_000 + ((day * 7_919_113) % 86_400_000);
      expect(iso(ms)).toBe(formatInstant(ms));
    }
    expect(iso(Date.UTC(2000, 0, 1, 23, 59, 59, 7))).toBe('2000-01-01T23:59:59.007Z');
    expect(isoOrNull(null)).toBeNull();
    expect(isoOrNull(Date.UTC(2026, 2, 29, 1, 0))).toBe('2026-03-29T01:00:00Z');
  });
});
