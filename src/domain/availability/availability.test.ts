import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../calendars/business-calendar.ts';
import { HOUR_MS, MINUTE_MS, parseInstant as at } from '../shared/time.ts';
import { availability, type StateSpan } from './availability.ts';

const ALWAYS = BusinessCalendar.from({ timeZone: 'Europe/Berlin' });
const WEEKDAYS_8_18 = BusinessCalendar.from({
  timeZone: 'Europe/Berlin',
  hours: { mon: ['08:00-18:00'], tue: ['08:00-18:00'], wed: ['08:00-18:00'], thu: ['08:00-18:00'], fri: ['08:00-18:00'] },
});
const span = (from: string, to: string, state: StateSpan['state']): StateSpan => ({ start: at(from), end: at(to), state });

describe('the availability formula', () => {
  it('counts an outage that straddles the end of service hours only up to closing', () => {
    // Monday 2026-03-02, Berlin = UTC+1: service hours 07:00Z-17:00Z. Down 16:00Z-20:00Z: 1 h counts.
    const figures = availability({
      calendar: WEEKDAYS_8_18,
      from: at('2026-03-02T00:00:00Z'),
      to: at('2026-03-03T00:00:00Z'),
      states: [span('2026-03-02T00:00:00Z', '2026-03-02T16:00:00Z', 'up'), span('2026-03-02T16:00:00Z', '2026-03-02T20:00:00Z', 'down'), span('2026-03-02T20:00:00Z', '2026-03-03T00:00:00Z', 'up')],
    });
    expect(figures).toEqual({ availability: 0.9, upMs: 9 * HOUR_MS, degradedMs: 0, downMs: HOUR_MS, maintenanceMs: 0, unknownMs: 0 });
  });

  it('lets maintenance override an outage and counts neither', () => {
    const figures = availability({
      calendar: ALWAYS,
      from: at('2026-03-02T00:00:00Z'),
      to: at('2026-03-02T10:00:00Z'),
      states: [span('2026-03-02T00:00:00Z', '2026-03-02T08:00:00Z', 'up'), span('2026-03-02T08:00:00Z', '2026-03-02T10:00:00Z', 'down')],
      maintenance: [{ start: at('2026-03-02T07:30:00Z'), end: at('2026-03-02T09:00:00Z') }],
    });
    expect(figures.maintenanceMs).toBe(90 * MINUTE_MS);
    expect(figures.downMs).toBe(HOUR_MS);
    expect(figures.upMs).toBe(7.5 * HOUR_MS);
    expect(figures.availability).toBeCloseTo(7.5 / 8.5, 12);
  });

  it('excludes uncovered time as unknown and reports it', () => {
    const figures = availability({
      calendar: ALWAYS,
      from: at('2026-03-02T00:00:00Z'),
      to: at('2026-03-02T04:00:00Z'),
      states: [span('2026-03-02T01:00:00Z', '2026-03-02T02:00:00Z', 'up'), span('2026-03-02T02:00:00Z', '2026-03-02T03:00:00Z', 'unknown')],
    });
    expect(figures).toMatchObject({ availability: 1, upMs: HOUR_MS, unknownMs: 3 * HOUR_MS });
  });

  it('counts degraded time as up unless told otherwise', () => {
    const input = {
      calendar: ALWAYS,
      from: at('2026-03-02T00:00:00Z'),
      to: at('2026-03-02T04:00:00Z'),
      states: [span('2026-03-02T00:00:00Z', '2026-03-02T03:00:00Z', 'up'), span('2026-03-02T03:00:00Z', '2026-03-02T04:00:00Z', 'degraded')],
    };
    expect(availability(input).availability).toBe(1);
    expect(availability({ ...input, degraded: 'down' }).availability).toBe(0.75);
  });

  it('lets the worst of overlapping states count', () => {
    const figures = availability({
      calendar: ALWAYS,
      from: at('2026-03-02T00:00:00Z'),
      to: at('2026-03-02T02:00:00Z'),
      states: [span('2026-03-02T00:00:00Z', '2026-03-02T02:00:00Z', 'up'), span('2026-03-02T01:00:00Z', '2026-03-02T01:30:00Z', 'down')],
    });
    expect(figures).toMatchObject({ upMs: 1.5 * HOUR_MS, downMs: 30 * MINUTE_MS, availability: 0.75 });
  });

  it('counts a month in the customer zone across the DST change (March has 743 hours in Berlin)', () => {
    const figures = availability({
      calendar: ALWAYS,
      from: at('2026-03-01T00:00:00+01:00'),
      to: at('2026-04-01T00:00:00+02:00'),
      states: [span('2026-02-01T00:00:00Z', '2026-05-01T00:00:00Z', 'up')],
    });
    expect(figures.upMs).toBe(743 * HOUR_MS);
  });

  it('gives null when nothing countable happened', () => {
    expect(availability({ calendar: WEEKDAYS_8_18, from: at('2026-03-07T00:00:00Z'), to: at('2026-03-08T00:00:00Z'), states: [] }).availability).toBeNull();
  });
});
