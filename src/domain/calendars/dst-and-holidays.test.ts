import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import { formatInstant as iso, HOUR_MS, MINUTE_MS, parseInstant as at } from '../shared/time.ts';
import { BusinessCalendar } from './business-calendar.ts';

const WEEKDAYS_8_TO_18 = {
  mon: ['08:00-18:00'],
  tue: ['08:00-18:00'],
  wed: ['08:00-18:00'],
  thu: ['08:00-18:00'],
  fri: ['08:00-16:00'],
};

/** The open periods of a span, written as UTC instants. */
const periods = (cal: BusinessCalendar, from: string, to: string): string[] =>
  cal.openIntervals(at(from), at(to)).map((p) => `${iso(p.start)}/${iso(p.end)}`);

describe('daylight saving time in America/New_York, with Sunday hours 01:00-03:00', () => {
  const cal = BusinessCalendar.from({ timeZone: 'America/New_York', hours: { sun: ['01:00-03:00'] } });

  it('opens for 1 h on 2026-03-08: 02:00-03:00 does not exist', () => {
    expect(periods(cal, '2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00')).toEqual([
      '2026-03-08T06:00:00Z/2026-03-08T07:00:00Z',
    ]);
    expect(cal.elapsed(at('2026-03-08T00:00:00-05:00'), at('2026-03-09T00:00:00-04:00'))).toBe(HOUR_MS);
    expect(cal.isOpen(at('2026-03-08T01:59:59.999-05:00'))).toBe(true);
    expect(cal.isOpen(at('2026-03-08T03:00:00-04:00'))).toBe(false);
  });

  it('opens for 3 h on 2026-11-01: 01:00-02:00 happens twice', () => {
    expect(periods(cal, '2026-11-01T00:00:00-04:00', '2026-11-02T00:00:00-05:00')).toEqual([
      '2026-11-01T05:00:00Z/2026-11-01T08:00:00Z',
    ]);
    expect(cal.isOpen(at('2026-11-01T01:30:00-04:00'))).toBe(true);
    expect(cal.isOpen(at('2026-11-01T01:30:00-05:00'))).toBe(true);
    expect(cal.isOpen(at('2026-11-01T03:00:00-05:00'))).toBe(false);
  });

  it('carries a budget past the short Sunday to the next one, and spends it inside the long one', () => {
    expect(iso(cal.due(at('2026-03-07T12:00:00Z'), 90 * MINUTE_MS))).toBe('2026-03-15T05:30:00Z');
    expect(iso(cal.due(at('2026-10-31T12:00:00Z'), 150 * MINUTE_MS))).toBe('2026-11-01T07:30:00Z');
  });

  it('gives 7 h and 9 h to a Saturday night shift 22:00-06:00 across the changes', () => {
    const night = BusinessCalendar.from({ timeZone: 'America/New_York', hours: { sat: ['22:00-06:00'] } });
    expect(night.elapsed(at('2026-03-07T00:00:00Z'), at('2026-03-09T00:00:00Z'))).toBe(7 * HOUR_MS);
    expect(night.elapsed(at('2026-10-31T00:00:00Z'), at('2026-11-02T00:00:00Z'))).toBe(9 * HOUR_MS);
  });
});

describe('half-hour and midnight changes', () => {
  it('follows the 30-minute changes of Australia/Lord_Howe', () => {
    const cal = BusinessCalendar.from({ timeZone: 'Australia/Lord_Howe', hours: { sun: ['01:00-03:00'] } });
    // 2026-04-05: 02:00 (+11:00) falls back to 01:30 (+10:30), so 01:30-02:00 happens twice.
    expect(periods(cal, '2026-04-04T12:00:00Z', '2026-04-05T12:00:00Z')).toEqual([
      '2026-04-04T14:00:00Z/2026-04-04T16:30:00Z',
    ]);
    // 2026-10-04: 02:00 (+10:30) springs to 02:30 (+11:00).
    expect(periods(cal, '2026-10-03T12:00:00Z', '2026-10-04T12:00:00Z')).toEqual([
      '2026-10-03T14:30:00Z/2026-10-03T16:00:00Z',
    ]);
  });

  it('counts a holiday without a midnight (America/Santiago, 2026-09-06) from 01:00', () => {
    const cal = BusinessCalendar.from({
      timeZone: 'America/Santiago',
      holidays: [{ date: '2026-09-06', name: 'Test' }],
    });
    expect(periods(cal, '2026-09-05T12:00:00Z', '2026-09-07T12:00:00Z')).toEqual([
      '2026-09-05T12:00:00Z/2026-09-06T04:00:00Z',
      '2026-09-07T03:00:00Z/2026-09-07T12:00:00Z',
    ]);
    const spans = cal.explain(at('2026-09-06T00:00:00Z'), at('2026-09-07T12:00:00Z'));
    expect(spans.map((s) => `${s.kind} ${iso(s.start)}`)).toEqual([
      'open 2026-09-06T00:00:00Z',
      'holiday 2026-09-06T04:00:00Z',
      'open 2026-09-07T03:00:00Z',
    ]);
  });
});

describe('holidays and overnight shifts', () => {
  it('cuts only the part of a Friday night shift that falls on a Saturday holiday', () => {
    const cal = BusinessCalendar.from({
      timeZone: 'Europe/Berlin',
      hours: { fri: ['22:00-06:00'] },
      holidays: ['2026-05-16'],
    });
    expect(periods(cal, '2026-05-15T00:00:00Z', '2026-05-17T00:00:00Z')).toEqual([
      '2026-05-15T20:00:00Z/2026-05-15T22:00:00Z',
    ]);
    const spans = cal.explain(at('2026-05-15T20:00:00Z'), at('2026-05-16T04:00:00Z'));
    expect(spans.map((s) => [s.kind, iso(s.start), iso(s.end)])).toEqual([
      ['open', '2026-05-15T20:00:00Z', '2026-05-15T22:00:00Z'],
      ['holiday', '2026-05-15T22:00:00Z', '2026-05-16T04:00:00Z'],
    ]);
  });

  it('keeps the after-midnight part of a shift that starts on a holiday', () => {
    const cal = BusinessCalendar.from({
      timeZone: 'Europe/Berlin',
      hours: { fri: ['22:00-06:00'] },
      holidays: ['2026-05-15'],
    });
    expect(periods(cal, '2026-05-15T00:00:00Z', '2026-05-17T00:00:00Z')).toEqual([
      '2026-05-15T22:00:00Z/2026-05-16T04:00:00Z',
    ]);
  });

  it('cuts a Sunday night shift on a Monday holiday (Whit Monday in Bavaria)', () => {
    const cal = BusinessCalendar.from({
      timeZone: 'Europe/Berlin',
      hours: { sun: ['20:00-04:00'] },
      holidayRegions: ['DE-BY'],
    });
    expect(cal.elapsed(at('2026-05-24T00:00:00Z'), at('2026-05-26T00:00:00Z'))).toBe(4 * HOUR_MS);
    expect(cal.elapsed(at('2026-05-31T00:00:00Z'), at('2026-06-02T00:00:00Z'))).toBe(8 * HOUR_MS);
  });
});

describe('public holidays of regions', () => {
  it('gives Bavaria (DE-BY) 12 public holidays in 2026, without Assumption Day', () => {
    const cal = BusinessCalendar.from({ timeZone: 'Europe/Berlin', holidayRegions: ['DE-BY'] });
    expect(cal.holidaysOfYear(2026).map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-01-06',
      '2026-04-03',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-25',
      '2026-06-04',
      '2026-10-03',
      '2026-11-01',
      '2026-12-25',
      '2026-12-26',
    ]);
    expect(cal.elapsed(at('2026-08-15T00:00:00+02:00'), at('2026-08-16T00:00:00+02:00'))).toBe(24 * HOUR_MS);
    expect(cal.elapsed(at('2026-06-04T00:00:00+02:00'), at('2026-06-05T00:00:00+02:00'))).toBe(0);
  });

  it('counts Assumption Day in Austria, and only public holidays (not Christmas Eve) anywhere', () => {
    const cal = BusinessCalendar.from({ timeZone: 'Europe/Vienna', holidayRegions: ['AT'] });
    expect(cal.holidaysOfYear(2026).map((h) => h.date)).toContain('2026-08-15');
    expect(cal.holidaysOfYear(2026).map((h) => h.date)).not.toContain('2026-12-24');
    expect(
      BusinessCalendar.from({ timeZone: 'Europe/Berlin', holidayRegions: ['DE'] }).holidaysOfYear(2026),
    ).toHaveLength(9);
  });

  it('counts every date of a public holiday that lasts several days', () => {
    const dates = (region: string, zone: string, year: number): string[] =>
      BusinessCalendar.from({ timeZone: zone, holidayRegions: [region] })
        .holidaysOfYear(year)
        .map((h) => h.date);
    // Chuseok in South Korea, and New Year in Romania (1 and 2 January).
    expect(dates('KR', 'Asia/Seoul', 2026)).toEqual(
      expect.arrayContaining(['2026-09-24', '2026-09-25', '2026-09-26']),
    );
    expect(dates('KR', 'Asia/Seoul', 2026)).not.toContain('2026-09-27');
    expect(dates('RO', 'Europe/Bucharest', 2026)).toEqual(
      expect.arrayContaining(['2026-01-01', '2026-01-02']),
    );
    // Eswatini's Incwala festival runs six days from 28 December, into the next year.
    expect(dates('SZ', 'Africa/Mbabane', 2027).filter((d) => d < '2027-02-01')).toEqual([
      '2027-01-01',
      '2027-01-02',
    ]);
    const seoul = BusinessCalendar.from({
      timeZone: 'Asia/Seoul',
      hours: WEEKDAYS_8_TO_18,
      holidayRegions: ['KR'],
    });
    expect(iso(seoul.due(at('2026-09-23T17:00:00+09:00'), 2 * HOUR_MS))).toBe('2026-09-28T00:00:00Z');
  });

  it('joins the holidays of several regions and the calendar’s own dates', () => {
    const cal = BusinessCalendar.from({
      timeZone: 'Europe/Berlin',
      holidayRegions: ['DE-BY', 'AT'],
      holidays: ['2026-06-19', '12-24'],
    });
    const dates = cal.holidaysOfYear(2026).map((h) => h.date);
    expect(dates).toEqual(
      expect.arrayContaining([
        '2026-08-15',
        '2026-10-26',
        '2026-12-08',
        '2026-06-19',
        '2026-12-24',
        '2026-06-04',
      ]),
    );
    expect(cal.holidaysOfYear(2027).map((h) => h.date)).toContain('2027-12-24');
  });
});

describe('closures', () => {
  const cal = BusinessCalendar.from({
    timeZone: 'Europe/Berlin',
    hours: WEEKDAYS_8_TO_18,
    closures: [{ from: '2026-06-12T14:00:00+02:00', to: '2026-06-15T10:00:00+02:00', reason: 'Umzug' }],
  });

  it('closes from Friday afternoon over the weekend to Monday morning', () => {
    expect(cal.elapsed(at('2026-06-12T00:00:00+02:00'), at('2026-06-16T00:00:00+02:00'))).toBe(14 * HOUR_MS);
    expect(iso(cal.nextOpen(at('2026-06-12T15:00:00+02:00')))).toBe('2026-06-15T08:00:00Z');
    expect(iso(cal.due(at('2026-06-12T12:00:00+02:00'), 3 * HOUR_MS))).toBe('2026-06-15T09:00:00Z');
  });

  it('explains the whole closed span by the closure, over the weekend too', () => {
    const spans = cal.explain(at('2026-06-12T12:00:00+02:00'), at('2026-06-15T12:00:00+02:00'));
    expect(spans.map((s) => [s.kind, s.label, iso(s.start), iso(s.end)])).toEqual([
      ['open', undefined, '2026-06-12T10:00:00Z', '2026-06-12T12:00:00Z'],
      ['closure', 'Umzug', '2026-06-12T12:00:00Z', '2026-06-15T08:00:00Z'],
      ['open', undefined, '2026-06-15T08:00:00Z', '2026-06-15T10:00:00Z'],
    ]);
  });

  it('finds the next opening after a closure of many months', () => {
    const moved = BusinessCalendar.from({
      timeZone: 'Europe/Berlin',
      hours: WEEKDAYS_8_TO_18,
      closures: [{ from: '2026-02-01T00:00:00Z', to: '2026-09-05T00:00:00Z' }],
    });
    expect(iso(moved.nextOpen(at('2026-01-30T17:00:00Z')))).toBe('2026-09-07T06:00:00Z');
  });

  it('finds a single open hour in a later year of a calendar closed around it', () => {
    const cal24 = BusinessCalendar.from({
      timeZone: 'UTC',
      closures: [
        { from: '2026-01-01T00:00:00Z', to: '2027-06-01T00:00:00Z' },
        { from: '2027-06-01T01:00:00Z', to: '2030-01-01T00:00:00Z' },
      ],
    });
    expect(iso(cal24.nextOpen(at('2026-03-01T00:00:00Z')))).toBe('2027-06-01T00:00:00Z');
    expect(iso(cal24.due(at('2026-03-01T00:00:00Z'), HOUR_MS))).toBe('2027-06-01T01:00:00Z');
    expect(iso(cal24.due(at('2026-03-01T00:00:00Z'), HOUR_MS + 1))).toBe('2030-01-01T00:00:00.001Z');
  });

  it('gives up with CALENDAR_NEVER_OPEN when a closure outlasts the search', () => {
    const gone = BusinessCalendar.from({
      timeZone: 'UTC',
      closures: [{ from: '2026-01-01T00:00:00Z', to: '2050-01-01T00:00:00Z' }],
    });
    expect(() => gone.nextOpen(at('2026-03-01T00:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'CALENDAR_NEVER_OPEN' }),
    );
    expect(() => gone.due(at('2026-03-01T00:00:00Z'), 1)).toThrow(DomainError);
  });
});

describe('due across holidays', () => {
  const cal = BusinessCalendar.from({
    timeZone: 'Europe/Berlin',
    hours: WEEKDAYS_8_TO_18,
    holidays: ['2026-12-24', '12-31'],
    holidayRegions: ['DE-BY'],
  });

  it('skips Christmas Eve, the Bavarian Christmas holidays and the weekend', () => {
    expect(iso(cal.due(at('2026-12-23T16:00:00+01:00'), 4 * HOUR_MS))).toBe('2026-12-28T09:00:00Z');
  });

  it('skips a yearly New Year’s Eve, New Year’s Day and the weekend, into the next year', () => {
    expect(iso(cal.due(at('2026-12-30T17:00:00+01:00'), 2 * HOUR_MS))).toBe('2027-01-04T08:00:00Z');
  });

  it('ends exactly at the close of the day before a holiday when the budget runs out there', () => {
    expect(iso(cal.due(at('2026-12-23T16:00:00+01:00'), 2 * HOUR_MS))).toBe('2026-12-23T17:00:00Z');
  });
});

describe('addBusinessDays', () => {
  const cal = BusinessCalendar.from({
    timeZone: 'Europe/Berlin',
    hours: WEEKDAYS_8_TO_18,
    holidayRegions: ['DE-BY'],
  });

  it('keeps the local time of day across the spring and autumn changes', () => {
    expect(iso(cal.addBusinessDays(at('2026-03-27T11:00:00+01:00'), 1))).toBe('2026-03-30T09:00:00Z');
    expect(iso(cal.addBusinessDays(at('2026-10-23T11:00:00+02:00'), 1))).toBe('2026-10-26T10:00:00Z');
  });

  it('lands at the close of the N-th business day with endOfDay', () => {
    expect(iso(cal.addBusinessDays(at('2026-03-27T11:00:00+01:00'), 1, { endOfDay: true }))).toBe(
      '2026-03-30T16:00:00Z',
    );
    expect(iso(cal.addBusinessDays(at('2026-03-26T11:00:00+01:00'), 1, { endOfDay: true }))).toBe(
      '2026-03-27T15:00:00Z',
    );
    // Thursday before Easter + 2: Good Friday and Easter Monday are Bavarian holidays.
    expect(iso(cal.addBusinessDays(at('2026-04-02T11:00:00+02:00'), 2, { endOfDay: true }))).toBe(
      '2026-04-08T16:00:00Z',
    );
  });

  it('with N = 0 stays on the start’s date while it is open', () => {
    expect(iso(cal.addBusinessDays(at('2026-03-23T11:00:00+01:00'), 0))).toBe('2026-03-23T10:00:00Z');
    expect(iso(cal.addBusinessDays(at('2026-03-23T11:00:00+01:00'), 0, { endOfDay: true }))).toBe(
      '2026-03-23T17:00:00Z',
    );
    expect(iso(cal.addBusinessDays(at('2026-03-23T07:00:00+01:00'), 0))).toBe('2026-03-23T07:00:00Z');
  });

  it('with N = 0 on a closed date moves to the next business date', () => {
    expect(iso(cal.addBusinessDays(at('2026-03-28T10:00:00+01:00'), 0))).toBe('2026-03-30T08:00:00Z');
    expect(iso(cal.addBusinessDays(at('2026-03-28T10:00:00+01:00'), 0, { endOfDay: true }))).toBe(
      '2026-03-30T16:00:00Z',
    );
  });

  it('with N = 0 and endOfDay after closing time moves to the next business date, never before the start', () => {
    expect(iso(cal.addBusinessDays(at('2026-03-23T19:00:00+01:00'), 0))).toBe('2026-03-24T07:00:00Z');
    expect(iso(cal.addBusinessDays(at('2026-03-23T19:00:00+01:00'), 0, { endOfDay: true }))).toBe(
      '2026-03-24T17:00:00Z',
    );
    expect(iso(cal.addBusinessDays(at('2026-03-23T18:00:00+01:00'), 0, { endOfDay: true }))).toBe(
      '2026-03-24T17:00:00Z',
    );
  });

  it('moves a time of day that does not exist forward, and takes the first of a repeated one (24/7)', () => {
    const always = BusinessCalendar.from({ timeZone: 'Europe/Berlin' });
    expect(iso(always.addBusinessDays(at('2026-03-28T02:30:00+01:00'), 1))).toBe('2026-03-29T01:30:00Z');
    expect(iso(always.addBusinessDays(at('2026-10-24T02:30:00+02:00'), 1))).toBe('2026-10-25T00:30:00Z');
    expect(iso(always.addBusinessDays(at('2026-03-28T12:00:00+01:00'), 1, { endOfDay: true }))).toBe(
      '2026-03-29T22:00:00Z',
    );
  });

  it('refuses negative and fractional counts', () => {
    expect(() => cal.addBusinessDays(at('2026-03-23T11:00:00Z'), -1)).toThrow(
      expect.objectContaining({ code: 'BUSINESS_DAYS_INVALID' }),
    );
    expect(() => cal.addBusinessDays(at('2026-03-23T11:00:00Z'), 1.5)).toThrow(
      expect.objectContaining({ code: 'BUSINESS_DAYS_INVALID' }),
    );
  });
});

describe('explain labels', () => {
  const cal = BusinessCalendar.from({
    timeZone: 'Europe/Berlin',
    hours: WEEKDAYS_8_TO_18,
    holidays: [{ date: '2026-12-24', name: 'Heiligabend' }, '12-31'],
    holidayRegions: ['DE-BY'],
    closures: [
      { from: '2026-12-22T08:00:00Z', to: '2026-12-22T09:00:00Z', reason: 'Wartung' },
      { from: '2026-12-22T12:00:00Z', to: '2026-12-22T13:00:00Z' },
    ],
  });

  it('names each holiday separately and leaves reasons out of hours and open spans', () => {
    const spans = cal.explain(at('2026-12-23T12:00:00Z'), at('2026-12-28T12:00:00Z'));
    expect(spans.map((s) => [s.kind, s.label, iso(s.start), iso(s.end)])).toEqual([
      ['open', undefined, '2026-12-23T12:00:00Z', '2026-12-23T17:00:00Z'],
      ['outside_hours', undefined, '2026-12-23T17:00:00Z', '2026-12-23T23:00:00Z'],
      ['holiday', 'Heiligabend', '2026-12-23T23:00:00Z', '2026-12-24T23:00:00Z'],
      ['holiday', '1. Weihnachtstag', '2026-12-24T23:00:00Z', '2026-12-25T23:00:00Z'],
      ['holiday', '2. Weihnachtstag', '2026-12-25T23:00:00Z', '2026-12-26T23:00:00Z'],
      ['outside_hours', undefined, '2026-12-26T23:00:00Z', '2026-12-28T07:00:00Z'],
      ['open', undefined, '2026-12-28T07:00:00Z', '2026-12-28T12:00:00Z'],
    ]);
  });

  it('labels a yearly holiday without a name as Holiday', () => {
    expect(cal.explain(at('2026-12-31T10:00:00Z'), at('2026-12-31T11:00:00Z'))).toEqual([
      {
        start: at('2026-12-31T10:00:00Z'),
        end: at('2026-12-31T11:00:00Z'),
        kind: 'holiday',
        label: 'Holiday',
      },
    ]);
  });

  it('labels a closure by its reason, and a closure without one not at all', () => {
    const spans = cal.explain(at('2026-12-22T07:00:00Z'), at('2026-12-22T14:00:00Z'));
    expect(spans.map((s) => [s.kind, s.label, iso(s.start)])).toEqual([
      ['open', undefined, '2026-12-22T07:00:00Z'],
      ['closure', 'Wartung', '2026-12-22T08:00:00Z'],
      ['open', undefined, '2026-12-22T09:00:00Z'],
      ['closure', undefined, '2026-12-22T12:00:00Z'],
      ['open', undefined, '2026-12-22T13:00:00Z'],
    ]);
    expect(spans[3]).not.toHaveProperty('label');
  });

  it('explains nothing for an empty or reversed span', () => {
    expect(cal.explain(at('2026-12-22T07:00:00Z'), at('2026-12-22T07:00:00Z'))).toEqual([]);
    expect(cal.explain(at('2026-12-22T08:00:00Z'), at('2026-12-22T07:00:00Z'))).toEqual([]);
  });
});
