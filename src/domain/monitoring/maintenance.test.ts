import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS, parseInstant as at, type Interval } from '../shared/time.ts';
import { mergeIntervals } from './intervals.ts';
import {
  applyMaintenance,
  maintenanceIntervals,
  parseMaintenanceWindow,
  type MaintenanceWindow,
} from './maintenance.ts';

const iv = (start: string, end: string): Interval => ({ start: at(start), end: at(end) });

describe('maintenance windows', () => {
  it('keeps a weekly Sunday 02:30 Berlin window at 02:30 local across both changes of offset', () => {
    const def = parseMaintenanceWindow({
      timeZone: 'Europe/Berlin',
      start: '2026-03-01T02:30',
      durationMinutes: 60,
      recurrence: { kind: 'weekly', weekdays: [7] },
    });
    // 22 March: CET, 02:30 = 01:30Z. 29 March: 02:30 does not exist and moves to 03:30 CEST = 01:30Z.
    // 5 April: CEST, 00:30Z.
    expect(maintenanceIntervals(def, at('2026-03-20T00:00:00Z'), at('2026-04-06T00:00:00Z'))).toEqual([
      iv('2026-03-22T01:30:00Z', '2026-03-22T02:30:00Z'),
      iv('2026-03-29T01:30:00Z', '2026-03-29T02:30:00Z'),
      iv('2026-04-05T00:30:00Z', '2026-04-05T01:30:00Z'),
    ]);
    // 25 October: 02:30 happens twice; the first (CEST, 00:30Z) counts. One hour of real time, though the
    // clock shows 02:30 to 02:30. 1 November: CET again, 01:30Z.
    expect(maintenanceIntervals(def, at('2026-10-17T00:00:00Z'), at('2026-11-02T00:00:00Z'))).toEqual([
      iv('2026-10-18T00:30:00Z', '2026-10-18T01:30:00Z'),
      iv('2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z'),
      iv('2026-11-01T01:30:00Z', '2026-11-01T02:30:00Z'),
    ]);
  });

  it('finds the last Friday of each month at 22:00 in New York', () => {
    const def = parseMaintenanceWindow({
      timeZone: 'America/New_York',
      start: '2026-01-01T22:00',
      durationMinutes: 120,
      recurrence: { kind: 'monthly-weekday', nth: -1, weekday: 5 },
    });
    const list = maintenanceIntervals(def, at('2026-01-01T00:00:00Z'), at('2026-12-01T00:00:00Z'));
    expect(list).toHaveLength(11);
    // 30 January and 27 February are EST (UTC-5); 27 March is already EDT (UTC-4, since 8 March);
    // 30 October still EDT; 27 November EST again (since 1 November).
    expect(list[0]).toEqual(iv('2026-01-31T03:00:00Z', '2026-01-31T05:00:00Z'));
    expect(list[1]).toEqual(iv('2026-02-28T03:00:00Z', '2026-02-28T05:00:00Z'));
    expect(list[2]).toEqual(iv('2026-03-28T02:00:00Z', '2026-03-28T04:00:00Z'));
    expect(list[9]).toEqual(iv('2026-10-31T02:00:00Z', '2026-10-31T04:00:00Z'));
    expect(list[10]).toEqual(iv('2026-11-28T03:00:00Z', '2026-11-28T05:00:00Z'));
  });

  it('skips months without a 31st', () => {
    const def = parseMaintenanceWindow({
      timeZone: 'UTC',
      start: '2026-01-01T23:00',
      durationMinutes: 30,
      recurrence: { kind: 'monthly-day', day: 31 },
      until: '2026-12-31',
    });
    const days = maintenanceIntervals(def, at('2025-01-01T00:00:00Z'), at('2028-01-01T00:00:00Z')).map((i) =>
      new Date(i.start).toISOString().slice(0, 10),
    );
    expect(days).toEqual([
      '2026-01-31',
      '2026-03-31',
      '2026-05-31',
      '2026-07-31',
      '2026-08-31',
      '2026-10-31',
      '2026-12-31',
    ]);
  });

  it('clips to the range, includes an occurrence already running and merges overlapping ones', () => {
    const def = parseMaintenanceWindow({
      timeZone: 'UTC',
      start: '2026-05-04T22:00',
      durationMinutes: 26 * 60,
      recurrence: { kind: 'weekly', weekdays: [1, 2], every: 2 },
    });
    // Mondays and Tuesdays of every other week from 4 May: 4–5 May run into each other (22:00 + 26 h).
    expect(maintenanceIntervals(def, at('2026-05-05T00:00:00Z'), at('2026-05-20T00:00:00Z'))).toEqual([
      iv('2026-05-05T00:00:00Z', '2026-05-07T00:00:00Z'),
      iv('2026-05-18T22:00:00Z', '2026-05-20T00:00:00Z'),
    ]);
  });

  it('refuses what it cannot read, naming the field', () => {
    const base = { timeZone: 'Europe/Berlin', start: '2026-03-01T02:30', durationMinutes: 60 };
    const bad: readonly [unknown, string][] = [
      [{ ...base, timeZone: 'Mars/Base' }, 'timeZone'],
      [{ ...base, start: '2026-02-30T02:30' }, 'start'],
      [{ ...base, start: '2026-03-01 02:30' }, 'start'],
      [{ ...base, durationMinutes: 0 }, 'durationMinutes'],
      [{ ...base, until: '2026-04-01' }, 'until'],
      [{ ...base, recurrence: { kind: 'weekly', weekdays: [0] } }, 'recurrence.weekdays'],
      [{ ...base, recurrence: { kind: 'monthly-day', day: 32 } }, 'recurrence.day'],
      [{ ...base, recurrence: { kind: 'monthly-weekday', nth: 0, weekday: 1 } }, 'recurrence.nth'],
      [{ ...base, recurrence: { kind: 'yearly' } }, 'recurrence.kind'],
      [{ ...base, recurrence: { kind: 'weekly', weekdays: [1] }, until: '2026-02-01' }, 'until'],
      [{ ...base, colour: 'red' }, 'colour'],
    ];
    for (const [input, field] of bad) {
      expect(() => parseMaintenanceWindow(input)).toThrow(
        expect.objectContaining({ code: 'MAINTENANCE_INVALID', details: expect.objectContaining({ field }) }),
      );
    }
  });

  it('lays maintenance over a monitor’s spans', () => {
    const spans = [
      { start: at('2026-03-02T00:00:00Z'), end: at('2026-03-02T02:00:00Z'), state: 'up' as const },
      { start: at('2026-03-02T02:00:00Z'), end: at('2026-03-02T04:00:00Z'), state: 'down' as const },
    ];
    const range = iv('2026-03-02T00:00:00Z', '2026-03-02T06:00:00Z');
    expect(
      applyMaintenance(
        spans,
        [
          iv('2026-03-02T01:00:00Z', '2026-03-02T03:00:00Z'),
          iv('2026-03-02T05:00:00Z', '2026-03-02T07:00:00Z'),
        ],
        range,
      ),
    ).toEqual([
      { ...iv('2026-03-02T00:00:00Z', '2026-03-02T01:00:00Z'), state: 'up' },
      { ...iv('2026-03-02T01:00:00Z', '2026-03-02T03:00:00Z'), state: 'maintenance' },
      { ...iv('2026-03-02T03:00:00Z', '2026-03-02T04:00:00Z'), state: 'down' },
      { ...iv('2026-03-02T05:00:00Z', '2026-03-02T06:00:00Z'), state: 'maintenance' },
    ]);
  });
});

// ---- against Temporal, date by date ---------------------------------------------------------------------

/** Walks every local date from the start and asks Temporal directly. */
function oracle(def: MaintenanceWindow, from: number, to: number): Interval[] {
  const startDate = Temporal.PlainDate.from(def.start.slice(0, 10));
  const time = Temporal.PlainTime.from(def.start.slice(11));
  const last =
    def.until === null ? Temporal.PlainDate.from('2030-01-01') : Temporal.PlainDate.from(def.until);
  const firstMonday = startDate.subtract({ days: startDate.dayOfWeek - 1 });
  const out: Interval[] = [];
  for (let d = startDate; Temporal.PlainDate.compare(d, last) <= 0; d = d.add({ days: 1 })) {
    const r = def.recurrence;
    let hit: boolean;
    if (r === null) hit = d.equals(startDate);
    else if (r.kind === 'weekly') {
      const monday = d.subtract({ days: d.dayOfWeek - 1 });
      const week = firstMonday.until(monday).days / 7;
      hit = week % r.every === 0 && r.weekdays.includes(d.dayOfWeek as 1);
    } else if (r.kind === 'monthly-day') hit = d.day === r.day;
    else if (r.nth === -1) hit = d.dayOfWeek === r.weekday && d.day + 7 > d.daysInMonth;
    else hit = d.dayOfWeek === r.weekday && Math.ceil(d.day / 7) === r.nth;
    if (!hit) continue;
    const start = d
      .toPlainDateTime(time)
      .toZonedDateTime(def.timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
    const end = start + def.durationMinutes * MINUTE_MS;
    if (start < to && end > from) out.push({ start: Math.max(start, from), end: Math.min(end, to) });
  }
  return mergeIntervals(out);
}

const pad = (n: number): string => String(n).padStart(2, '0');
const windows = fc.record({
  timeZone: fc.constantFrom(
    'Europe/Berlin',
    'America/New_York',
    'Australia/Lord_Howe',
    'America/Santiago',
    'UTC',
  ),
  start: fc
    .tuple(fc.integer({ min: 0, max: 364 }), fc.constantFrom(0, 1, 2, 3, 22), fc.constantFrom(0, 15, 30, 45))
    .map(
      ([day, h, min]) =>
        `${Temporal.PlainDate.from('2026-01-01').add({ days: day }).toString()}T${pad(h)}:${pad(min)}`,
    ),
  durationMinutes: fc.oneof(fc.integer({ min: 1, max: 180 }), fc.integer({ min: 1, max: 4000 })),
  recurrence: fc.oneof(
    fc.constant(undefined),
    fc.record({
      kind: fc.constant('weekly'),
      weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 3 }),
      every: fc.integer({ min: 1, max: 3 }),
    }),
    fc.record({ kind: fc.constant('monthly-day'), day: fc.integer({ min: 1, max: 31 }) }),
    fc.record({
      kind: fc.constant('monthly-weekday'),
      nth: fc.constantFrom(1, 2, 4, 5, -1),
      weekday: fc.integer({ min: 1, max: 7 }),
    }),
  ),
  untilDays: fc.option(fc.integer({ min: 0, max: 400 })),
});

describe('maintenance windows against Temporal', () => {
  it('agree date by date, across every change of offset of five zones', () => {
    fc.assert(
      fc.property(
        windows,
        fc.integer({ min: -30, max: 700 }),
        fc.integer({ min: 0, max: 150 * 24 }),
        (w, fromDays, hours) => {
          const { untilDays, recurrence, ...rest } = w;
          const input: Record<string, unknown> = { ...rest };
          if (recurrence !== undefined) input['recurrence'] = recurrence;
          if (recurrence !== undefined && untilDays !== null) {
            input['until'] = Temporal.PlainDate.from(w.start.slice(0, 10))
              .add({ days: untilDays })
              .toString();
          }
          const def = parseMaintenanceWindow(input);
          const from = at('2026-01-01T00:00:00Z') + fromDays * 24 * HOUR_MS + 7 * MINUTE_MS;
          const to = from + hours * HOUR_MS;
          expect(maintenanceIntervals(def, from, to)).toEqual(oracle(def, from, to));
        },
      ),
      { numRuns: 150 },
    );
  });
});
