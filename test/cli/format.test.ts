import { describe, expect, it } from 'vitest';
import {
  formatHuman,
  formatHumanWithMs,
  formatLocalPeriod,
  formatLocalWithZone,
  formatOffsetInstant,
  formatTable,
} from '../../src/cli/format.ts';
import { HOUR_MS, MINUTE_MS, parseInstant as at } from '../../src/domain/shared/time.ts';

describe('durations for people', () => {
  it.each([
    [0, '0s'],
    [4 * HOUR_MS + 30 * MINUTE_MS, '4h 30m'],
    [45 * MINUTE_MS + 10_000, '45m 10s'],
    [1_250, '1s 250ms'],
    [100 * HOUR_MS, '100h'],
    [-90 * MINUTE_MS, '-1h 30m'],
  ])('writes %i ms as %s', (ms, text) => {
    expect(formatHuman(ms)).toBe(text);
  });

  it('adds the milliseconds in brackets', () => {
    expect(formatHumanWithMs(16_200_000)).toBe('4h 30m (16200000 ms)');
  });
});

describe('instants for people, in the calendar zone and never in the process zone', () => {
  it('names weekday, date, time and zone', () => {
    expect(formatLocalWithZone(at('2026-03-30T10:00:00Z'), 'Europe/Berlin')).toBe(
      'Mon 30 Mar 2026 12:00 Europe/Berlin',
    );
    expect(formatLocalWithZone(at('2026-03-30T10:00:30.5Z'), 'Europe/Berlin')).toBe(
      'Mon 30 Mar 2026 12:00:30.500 Europe/Berlin',
    );
  });

  it('handles half-hour offsets and their own DST', () => {
    // Lord Howe Island moves by 30 minutes: +11:00 in summer, +10:30 in winter.
    expect(formatLocalWithZone(at('2026-01-15T00:00:00Z'), 'Australia/Lord_Howe')).toBe(
      'Thu 15 Jan 2026 11:00 Australia/Lord_Howe',
    );
    expect(formatOffsetInstant(at('2026-07-15T00:00:00Z'), 'Australia/Lord_Howe')).toBe(
      '2026-07-15T10:30:00+10:30',
    );
    expect(formatOffsetInstant(at('2026-07-15T00:00:00.25Z'), 'America/St_Johns')).toBe(
      '2026-07-14T21:30:00.250-02:30',
    );
  });

  it('writes a period on one date compactly, up to 24:00, and across dates in full', () => {
    const berlin = 'Europe/Berlin';
    expect(formatLocalPeriod(at('2026-03-27T07:00:00Z'), at('2026-03-27T15:00:00Z'), berlin)).toBe(
      'Fri 27 Mar 2026 08:00–16:00',
    );
    expect(formatLocalPeriod(at('2026-12-23T23:00:00Z'), at('2026-12-24T23:00:00Z'), berlin)).toBe(
      'Thu 24 Dec 2026 00:00–24:00',
    );
    expect(formatLocalPeriod(at('2026-01-09T21:00:00Z'), at('2026-01-10T05:00:00Z'), berlin)).toBe(
      'Fri 9 Jan 2026 22:00 – Sat 10 Jan 2026 06:00',
    );
  });

  it('shows the UTC offsets near a clock change, where wall-clock readings repeat or skip', () => {
    const berlin = 'Europe/Berlin';
    expect(formatLocalPeriod(at('2026-10-25T01:00:00Z'), at('2026-10-25T01:30:00Z'), berlin)).toBe(
      'Sun 25 Oct 2026 02:00–02:30 (UTC+01:00)',
    );
    expect(formatLocalPeriod(at('2026-03-28T21:00:00Z'), at('2026-03-29T04:00:00Z'), berlin)).toBe(
      'Sat 28 Mar 2026 22:00 (UTC+01:00) – Sun 29 Mar 2026 06:00 (UTC+02:00)',
    );
    expect(formatLocalPeriod(at('2026-03-29T00:00:00Z'), at('2026-03-29T01:00:00Z'), berlin)).toBe(
      'Sun 29 Mar 2026 01:00 (UTC+01:00) – 03:00 (UTC+02:00)',
    );
  });
});

describe('tables', () => {
  it('aligns columns and trims trailing spaces', () => {
    expect(
      formatTable([
        ['a', 'long cell', ''],
        ['longer', 'b', 'c'],
      ]),
    ).toBe('a       long cell\nlonger  b          c');
  });
});
