import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import {
  parsePeriod,
  periodContaining,
  periodKey,
  previousPeriods,
  reportPeriod,
  type PeriodSpec,
} from './periods.ts';

const BERLIN = 'Europe/Berlin';
const t = (iso: string): number => Date.parse(iso);

describe('report periods', () => {
  it('reads a month, a quarter, a year and a range of dates', () => {
    expect(parsePeriod('2026-03', BERLIN)).toEqual({ kind: 'month', year: 2026, month: 3 });
    expect(parsePeriod('2026-Q3', BERLIN)).toEqual({ kind: 'quarter', year: 2026, quarter: 3 });
    expect(parsePeriod('2026-q1', BERLIN)).toEqual({ kind: 'quarter', year: 2026, quarter: 1 });
    expect(parsePeriod('2026', BERLIN)).toEqual({ kind: 'year', year: 2026 });
    // Dates are whole days in the zone and `to` is included: 1 March 00:00 CET to 16 March 00:00 CET.
    expect(parsePeriod('2026-03-01..2026-03-15', BERLIN)).toEqual({
      kind: 'range',
      start: t('2026-02-28T23:00:00Z'),
      end: t('2026-03-15T23:00:00Z'),
    });
    // Instants keep their own meaning, `to` excluded.
    expect(parsePeriod('2026-03-01T06:00:00Z..2026-03-02T06:00:00Z', BERLIN)).toEqual({
      kind: 'range',
      start: t('2026-03-01T06:00:00Z'),
      end: t('2026-03-02T06:00:00Z'),
    });
  });

  it('refuses what is not a period', () => {
    for (const bad of [
      '2026-13',
      '2026-Q5',
      '26',
      '2026-02-30..2026-03-01',
      '2026-03-10..2026-03-01',
      'March',
    ])
      expect(() => parsePeriod(bad, BERLIN), bad).toThrow(DomainError);
    expect(() => reportPeriod({ kind: 'year', year: 2026 }, 'Mars/Olympus')).toThrow(/time zone/);
  });

  it("turns a quarter into instants at the customer's local midnights", () => {
    // Q1 starts at midnight in winter time (23:00 UTC) and ends at midnight in summer time (22:00 UTC).
    const q1 = reportPeriod({ kind: 'quarter', year: 2026, quarter: 1 }, BERLIN);
    expect(q1).toEqual({
      kind: 'quarter',
      key: '2026-Q1',
      start: t('2025-12-31T23:00:00Z'),
      end: t('2026-03-31T22:00:00Z'),
      label: { en: 'Q1 2026 (January – March)', de: '1. Quartal 2026 (Januar – März)' },
    });
    const year = reportPeriod({ kind: 'year', year: 2026 }, BERLIN);
    expect([year.start, year.end]).toEqual([t('2025-12-31T23:00:00Z'), t('2026-12-31T23:00:00Z')]);
    expect(year.label).toEqual({ en: 'Year 2026', de: 'Jahr 2026' });
  });

  it('names months and ranges in both languages', () => {
    expect(reportPeriod({ kind: 'month', year: 2026, month: 3 }, BERLIN).label).toEqual({
      en: 'March 2026',
      de: 'März 2026',
    });
    const range = reportPeriod(parsePeriod('2026-03-01..2026-03-15', BERLIN), BERLIN);
    expect(range.label).toEqual({ en: '1 March 2026 – 15 March 2026', de: '1. März 2026 – 15. März 2026' });
    expect(range.key).toBe('2026-02-28T23:00:00Z..2026-03-15T23:00:00Z');
    // Not on local midnights: the times are named too.
    const hours = reportPeriod(parsePeriod('2026-03-02T07:00:00Z..2026-03-02T16:00:00Z', BERLIN), BERLIN);
    expect(hours.label.en).toBe('2 March 2026, 08:00 – 2 March 2026, 17:00');
  });

  it('goes back three periods of the same kind, across year ends', () => {
    const keys = (spec: PeriodSpec): string[] => previousPeriods(spec, 3).map(periodKey);
    expect(keys({ kind: 'month', year: 2026, month: 2 })).toEqual(['2025-11', '2025-12', '2026-01']);
    expect(keys({ kind: 'quarter', year: 2026, quarter: 1 })).toEqual(['2025-Q2', '2025-Q3', '2025-Q4']);
    expect(keys({ kind: 'year', year: 2026 })).toEqual(['2023', '2024', '2025']);
    // A range is followed back by ranges of the same length, right before it.
    const range = {
      kind: 'range',
      start: t('2026-03-10T00:00:00Z'),
      end: t('2026-03-20T00:00:00Z'),
    } as const;
    expect(previousPeriods(range, 2)).toEqual([
      { kind: 'range', start: t('2026-02-18T00:00:00Z'), end: t('2026-02-28T00:00:00Z') },
      { kind: 'range', start: t('2026-02-28T00:00:00Z'), end: t('2026-03-10T00:00:00Z') },
    ]);
  });

  it('finds the month or quarter an instant falls in, in the zone', () => {
    // 23:30 UTC on 31 March is already 1 April in Berlin.
    expect(periodContaining('month', t('2026-03-31T23:30:00Z'), BERLIN)).toEqual({
      kind: 'month',
      year: 2026,
      month: 4,
    });
    expect(periodContaining('quarter', t('2026-03-31T23:30:00Z'), BERLIN)).toEqual({
      kind: 'quarter',
      year: 2026,
      quarter: 2,
    });
  });
});
