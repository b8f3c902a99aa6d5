import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/errors.ts';
import { parseCalendar } from './calendar-definition.ts';

/** The error code a definition is refused with, or 'valid'. */
function verdict(definition: unknown): string {
  try {
    parseCalendar(definition);
    return 'valid';
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
}

const inBerlin = (fields: Record<string, unknown>): Record<string, unknown> => ({
  timeZone: 'Europe/Berlin',
  ...fields,
});
const withHours = (hours: Record<string, unknown>): Record<string, unknown> => inBerlin({ hours });

describe('opening hours', () => {
  it.each([
    ['two intervals of one day', { mon: ['08:00-12:00', '11:00-13:00'] }],
    ['an interval inside another', { tue: ['08:00-18:00', '10:00-11:00'] }],
    [
      'the same interval twice, under two spellings of the weekday',
      { wed: ['08:00-12:00'], WED: ['08:00-12:00'] },
    ],
    ['an overnight shift and the next morning', { fri: ['22:00-06:00'], sat: ['05:00-07:00'] }],
    ['an overnight shift ending at 24:00 of the next day', { thu: ['12:00-11:00'], fri: ['10:00-12:00'] }],
    ['a Sunday overnight shift wrapping into Monday', { sun: ['22:00-06:00'], mon: ['05:30-09:00'] }],
  ])('refuses overlapping intervals: %s', (_name, hours) => {
    expect(verdict(withHours(hours))).toBe('CALENDAR_OVERLAPPING_HOURS');
  });

  it.each([
    ['intervals touching within a day', { mon: ['08:00-12:00', '12:00-13:00'] }],
    ['an overnight shift touching the next morning', { sat: ['22:00-06:00'], sun: ['06:00-09:00'] }],
    ['a Sunday overnight shift touching Monday', { sun: ['22:00-06:00'], mon: ['06:00-09:00'] }],
    ['a whole day next to a whole day', { mon: ['00:00-24:00'], tue: ['00:00-24:00'] }],
    ['an end at 24:00 and a start at 00:00', { mon: ['20:00-24:00'], tue: ['00:00-02:00'] }],
    ['the longest overnight shift', { mon: ['08:01-08:00'] }],
    ['a single string instead of a list', { mon: '08:00-12:00' }],
    ['spaces around the dash', { mon: ['08:00 - 12:00'] }],
    ['upper-case weekday keys', { Mon: ['08:00-12:00'] }],
    ['an empty list', { mon: [] }],
  ])('accepts %s', (_name, hours) => {
    expect(verdict(withHours(hours))).toBe('valid');
  });

  it.each([
    ['an hour of 25', '25:00-26:00'],
    ['an end hour of 25', '08:00-25:00'],
    ['a minute of 60', '08:60-12:00'],
    ['24:30 as an end', '20:00-24:30'],
    ['24:00 as a start', '24:00-08:00'],
    ['an empty interval', '08:00-08:00'],
    ['00:00-00:00 (use 00:00-24:00)', '00:00-00:00'],
    ['single-digit hours', '8:00-12:00'],
    ['a missing end', '08:00'],
    ['three clock readings', '08:00-12:00-13:00'],
    ['words', 'morning'],
  ])('refuses %s', (_name, interval) => {
    expect(verdict(withHours({ mon: [interval] }))).toBe('CALENDAR_INVALID_HOURS');
  });

  it('refuses an interval that is not a string', () => {
    expect(verdict(withHours({ mon: [8] }))).toBe('CALENDAR_INVALID_HOURS');
  });

  it('refuses an unknown weekday key', () => {
    expect(verdict(withHours({ monday: ['08:00-12:00'] }))).toBe('CALENDAR_INVALID_HOURS');
    expect(verdict(withHours({ holiday: ['08:00-12:00'] }))).toBe('CALENDAR_INVALID_HOURS');
  });

  it('refuses hours that are not a map of weekdays', () => {
    expect(verdict(inBerlin({ hours: ['08:00-12:00'] }))).toBe('CALENDAR_INVALID_HOURS');
    expect(verdict(withHours({ mon: { from: '08:00', to: '12:00' } }))).toBe('CALENDAR_INVALID_HOURS');
  });

  it('reads no hours as 24/7 and an empty map as never open', () => {
    expect(parseCalendar(inBerlin({})).hours).toBeNull();
    expect(parseCalendar(withHours({})).hours).toEqual([]);
  });

  it('keeps an overnight interval on the weekday where it starts, ending after 24:00', () => {
    expect(parseCalendar(withHours({ sat: ['22:00-06:00'] })).hours).toEqual([
      { weekday: 5, start: 22 * 60, end: 30 * 60 },
    ]);
    expect(parseCalendar(withHours({ sun: ['18:00-24:00'] })).hours).toEqual([
      { weekday: 6, start: 18 * 60, end: 24 * 60 },
    ]);
  });
});

describe('time zone', () => {
  it.each([
    ['an unknown zone', 'Mars/Olympus_Mons'],
    ['an empty zone', ''],
    ['a blank zone', '   '],
    ['a number', 1],
  ])('refuses %s', (_name, timeZone) => {
    expect(verdict({ timeZone })).toBe('CALENDAR_UNKNOWN_ZONE');
  });

  it('requires a zone', () => {
    expect(verdict({ hours: { mon: ['08:00-12:00'] } })).toBe('CALENDAR_UNKNOWN_ZONE');
  });

  it.each([
    'Europe/Berlin',
    'America/New_York',
    'UTC',
    'Australia/Lord_Howe',
    'Asia/Kolkata',
    'Asia/Kathmandu',
  ])('accepts %s', (timeZone) => {
    expect(verdict({ timeZone })).toBe('valid');
  });
});

describe('holidays', () => {
  it.each([
    ['30 February', '2026-02-30'],
    ['29 February of a common year', '2026-02-29'],
    ['a 13th month', '2026-13-01'],
    ['a yearly date in a 13th month', '13-01'],
    ['a yearly 31 April', '04-31'],
    ['a yearly 00-10', '00-10'],
    ['a date with slashes', '12/25/2026'],
    ['a date without leading zeros', '2026-1-6'],
    ['a word', 'Christmas'],
  ])('refuses %s', (_name, date) => {
    expect(verdict(inBerlin({ holidays: [date] }))).toBe('CALENDAR_INVALID_HOLIDAY');
  });

  it('refuses holidays that are not dates, and a holiday object without a date', () => {
    expect(verdict(inBerlin({ holidays: [20261225] }))).toBe('CALENDAR_INVALID_HOLIDAY');
    expect(verdict(inBerlin({ holidays: [{ name: 'Betriebsausflug' }] }))).toBe('CALENDAR_INVALID_HOLIDAY');
    expect(verdict(inBerlin({ holidays: '2026-12-24' }))).toBe('CALENDAR_INVALID_HOLIDAY');
  });

  it('accepts one-off dates, yearly dates (29 February too) and named holidays', () => {
    const spec = parseCalendar(
      inBerlin({
        holidays: ['2028-02-29', '02-29', { date: '12-31', name: 'Silvester' }, { date: '2026-06-19' }],
      }),
    );
    expect([...spec.dates.values()]).toEqual(['Holiday', 'Holiday']);
    expect(Object.fromEntries(spec.yearly)).toEqual({ '02-29': 'Holiday', '12-31': 'Silvester' });
  });
});

describe('holiday regions', () => {
  it.each([
    ['an unknown country', 'XX'],
    ['an unknown subdivision', 'DE-XX'],
    ['a name instead of a code', 'Bavaria'],
    ['an empty code', ''],
    ['a number', 49],
  ])('refuses %s', (_name, region) => {
    expect(verdict(inBerlin({ holidayRegions: [region] }))).toBe('CALENDAR_UNKNOWN_REGION');
  });

  it('refuses regions that are not a list', () => {
    expect(verdict(inBerlin({ holidayRegions: 'DE-BY' }))).toBe('CALENDAR_UNKNOWN_REGION');
  });

  it('accepts countries and subdivisions in any case, once each', () => {
    expect(parseCalendar(inBerlin({ holidayRegions: ['de-by', 'DE-BY', 'AT', 'CH-ZH'] })).regions).toEqual([
      'DE-BY',
      'AT',
      'CH-ZH',
    ]);
  });
});

describe('closures', () => {
  const closure = (from: unknown, to: unknown): Record<string, unknown> =>
    inBerlin({ closures: [{ from, to }] });

  it('refuses a closure that ends where it starts or before', () => {
    expect(verdict(closure('2026-05-15T10:00:00Z', '2026-05-15T10:00:00Z'))).toBe('CALENDAR_INVALID_CLOSURE');
    expect(verdict(closure('2026-05-15T10:00:00Z', '2026-05-15T09:59:59Z'))).toBe('CALENDAR_INVALID_CLOSURE');
    expect(verdict(closure('2026-05-15T12:00:00+02:00', '2026-05-15T10:00:00Z'))).toBe(
      'CALENDAR_INVALID_CLOSURE',
    );
  });

  it('refuses instants without a UTC offset, and missing or malformed instants', () => {
    expect(verdict(closure('2026-05-15T10:00:00', '2026-05-15T12:00:00'))).toBe('CALENDAR_INVALID_CLOSURE');
    expect(verdict(closure('2026-05-15T10:00:00Z', undefined))).toBe('CALENDAR_INVALID_CLOSURE');
    expect(verdict(closure('yesterday', '2026-05-15T12:00:00Z'))).toBe('CALENDAR_INVALID_CLOSURE');
    expect(verdict(inBerlin({ closures: ['2026-05-15'] }))).toBe('CALENDAR_INVALID_CLOSURE');
    expect(
      verdict(inBerlin({ closures: { from: '2026-05-15T10:00:00Z', to: '2026-05-15T12:00:00Z' } })),
    ).toBe('CALENDAR_INVALID_CLOSURE');
  });

  it('sorts closures and merges overlapping and touching ones', () => {
    const spec = parseCalendar(
      inBerlin({
        closures: [
          { from: '2026-05-15T14:00:00Z', to: '2026-05-15T16:00:00Z' },
          { from: '2026-05-15T10:00:00Z', to: '2026-05-15T12:00:00Z', reason: 'Umzug' },
          { from: '2026-05-15T12:00:00Z', to: '2026-05-15T13:00:00Z' },
        ],
      }),
    );
    expect(spec.closures).toEqual([
      { from: Date.UTC(2026, 4, 15, 10), to: Date.UTC(2026, 4, 15, 13), reason: 'Umzug' },
      { from: Date.UTC(2026, 4, 15, 14), to: Date.UTC(2026, 4, 15, 16) },
    ]);
  });
});

describe('the definition as a whole', () => {
  it('refuses an unknown top-level field', () => {
    expect(verdict(inBerlin({ timezone: 'Europe/Berlin' }))).toBe('CALENDAR_INVALID');
    expect(verdict(inBerlin({ holiday: ['2026-12-24'] }))).toBe('CALENDAR_INVALID');
  });

  it.each([
    ['null', null],
    ['a list', [{ timeZone: 'UTC' }]],
    ['a string', 'Europe/Berlin'],
  ])('refuses %s', (_name, definition) => {
    expect(verdict(definition)).toBe('CALENDAR_INVALID');
  });

  it('accepts a name and a description beside the rules', () => {
    expect(
      verdict(
        inBerlin({ name: 'Office', description: 'Munich office hours', hours: { mon: ['08:00-17:00'] } }),
      ),
    ).toBe('valid');
  });
});
