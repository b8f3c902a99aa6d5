import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import { formatInstant, HOUR_MS, parseInstant as at } from '../shared/time.ts';
import { BusinessCalendar } from './business-calendar.ts';

const OFFICE = {
  timeZone: 'Europe/Berlin',
  hours: {
    mon: ['08:00-18:00'],
    tue: ['08:00-18:00'],
    wed: ['08:00-18:00'],
    thu: ['08:00-18:00'],
    fri: ['08:00-16:00'],
  },
  holidays: ['2026-12-24', '12-31'],
  holidayRegions: ['DE-BY'],
  closures: [{ from: '2026-05-15T10:00:00Z', to: '2026-05-15T14:00:00Z' }],
};

describe('the worked examples of the specification (Europe/Berlin)', () => {
  it('counts Sunday hours 01:00-02:30 as 1 h on the spring-forward day and 2 h on the fall-back day', () => {
    const cal = BusinessCalendar.from({ timeZone: 'Europe/Berlin', hours: { sun: ['01:00-02:30'] } });
    expect(cal.elapsed(at('2026-03-29T00:00:00+01:00'), at('2026-03-30T00:00:00+02:00'))).toBe(1 * HOUR_MS);
    expect(cal.elapsed(at('2026-10-25T00:00:00+02:00'), at('2026-10-26T00:00:00+01:00'))).toBe(2 * HOUR_MS);
  });

  it('counts a Saturday shift 22:00-06:00 as 7 h in March and 9 h in October', () => {
    const cal = BusinessCalendar.from({ timeZone: 'Europe/Berlin', hours: { sat: ['22:00-06:00'] } });
    expect(cal.elapsed(at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(7 * HOUR_MS);
    expect(cal.elapsed(at('2026-10-24T00:00:00Z'), at('2026-10-26T00:00:00Z'))).toBe(9 * HOUR_MS);
  });

  it('gives 47 h of 24/7 time between Saturday noon and Monday noon across spring forward', () => {
    const cal = BusinessCalendar.from({ timeZone: 'Europe/Berlin' });
    expect(cal.elapsed(at('2026-03-28T12:00:00+01:00'), at('2026-03-30T12:00:00+02:00'))).toBe(47 * HOUR_MS);
  });
});

describe('due', () => {
  const cal = BusinessCalendar.from(OFFICE);

  it('carries a budget over the weekend', () => {
    expect(formatInstant(cal.due(at('2026-03-27T15:00:00Z'), 4 * HOUR_MS))).toBe('2026-03-30T10:00:00Z');
  });

  it('gives the closing instant when the budget is used up exactly at closing', () => {
    expect(formatInstant(cal.due(at('2026-03-27T14:00:00Z'), HOUR_MS))).toBe('2026-03-27T15:00:00Z');
  });

  it('gives the start for a zero budget, even when closed', () => {
    expect(cal.due(at('2026-03-28T10:00:00Z'), 0)).toBe(at('2026-03-28T10:00:00Z'));
  });

  it('refuses a calendar that never opens again', () => {
    const never = BusinessCalendar.from({ timeZone: 'UTC', hours: {} });
    expect(() => never.due(at('2026-01-01T00:00:00Z'), 1)).toThrow(DomainError);
  });
});

describe('holidays, closures and business days', () => {
  const cal = BusinessCalendar.from(OFFICE);

  it('skips Christmas in Bavaria when adding business days', () => {
    expect(formatInstant(cal.addBusinessDays(at('2026-12-22T10:00:00Z'), 3))).toBe('2026-12-29T10:00:00Z');
    expect(formatInstant(cal.addBusinessDays(at('2026-12-22T10:00:00Z'), 3, { endOfDay: true }))).toBe('2026-12-29T17:00:00Z');
  });

  it('explains a closed span by closure, holiday and opening hours', () => {
    const spans = cal.explain(at('2026-12-23T12:00:00Z'), at('2026-12-28T12:00:00Z'));
    expect(spans.map((s) => s.kind)).toEqual(['open', 'outside_hours', 'holiday', 'holiday', 'holiday', 'outside_hours', 'open']);
    expect(spans[3]?.label).toBe('1. Weihnachtstag');
    const day = cal.explain(at('2026-05-15T00:00:00Z'), at('2026-05-16T00:00:00Z'));
    expect(day.map((s) => s.kind)).toEqual(['outside_hours', 'open', 'closure', 'outside_hours']);
  });
});
