import { describe, expect, it } from 'vitest';
import { calendarMonth, lastLocalDays, monthOf } from './periods.ts';

describe('calendar months in a time zone', () => {
  it('starts a Berlin month at local midnight, in winter and in summer time', () => {
    expect(calendarMonth('2026-03', 'Europe/Berlin')).toEqual({
      start: Date.UTC(2026, 1, 28, 23),
      end: Date.UTC(2026, 2, 31, 22),
    });
  });

  it('gives December its 31 days up to the new year in New York', () => {
    const m = calendarMonth('2026-12', 'America/New_York');
    expect(m.start).toBe(Date.UTC(2026, 11, 1, 5));
    expect(m.end).toBe(Date.UTC(2027, 0, 1, 5));
  });

  it('names the month of an instant in the zone, not in UTC', () => {
    expect(monthOf(Date.UTC(2026, 2, 31, 22, 30), 'Europe/Berlin')).toBe('2026-04');
    expect(monthOf(Date.UTC(2026, 2, 31, 22, 30), 'UTC')).toBe('2026-03');
  });

  it('refuses months that are not "YYYY-MM"', () => {
    expect(() => calendarMonth('2026-13', 'UTC')).toThrow(/YYYY-MM/);
    expect(() => calendarMonth('March', 'UTC')).toThrow(/YYYY-MM/);
  });
});

describe('the last local days', () => {
  it('gives 23 and 25 hour days around the summer-time changes in Berlin', () => {
    const days = lastLocalDays(Date.UTC(2026, 2, 30, 12), 3, 'Europe/Berlin');
    expect(days.map((d) => (d.end - d.start) / 3_600_000)).toEqual([24, 23, 24]);
    expect(days[0]?.start).toBe(Date.UTC(2026, 2, 27, 23));
    const [autumn] = lastLocalDays(Date.UTC(2026, 9, 25, 12), 1, 'Europe/Berlin');
    expect(autumn && (autumn.end - autumn.start) / 3_600_000).toBe(25);
  });
});
