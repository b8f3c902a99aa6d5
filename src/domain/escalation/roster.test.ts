import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/errors.ts';
import { parseInstant as at } from '../shared/time.ts';
import { holdersAt, parseRoster } from './roster.ts';

const ROSTER = parseRoster([
  { role: 'team_lead', userId: 'lead' },
  // Weekdays in Berlin: Anna by day, Ben by night (the night shift runs past midnight).
  {
    role: 'on_call',
    userId: 'anna',
    timeZone: 'Europe/Berlin',
    hours: { mon: ['08:00-20:00'], tue: ['08:00-20:00'] },
  },
  {
    role: 'on_call',
    userId: 'ben',
    timeZone: 'Europe/Berlin',
    hours: { mon: ['20:00-08:00'], tue: ['20:00-08:00'] },
  },
]);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isDomainError(error) ? `${error.code} ${String(error.details?.['field'])}` : 'other';
  }
  return undefined;
}

describe('the escalation roster', () => {
  it('names the holders of a role at an instant, by their hours in their zone', () => {
    // Monday 2 March 2026: 09:00 and 21:00 in Berlin (UTC+1).
    expect(holdersAt(ROSTER, 'on_call', at('2026-03-02T08:00:00Z'))).toEqual(['anna']);
    expect(holdersAt(ROSTER, 'on_call', at('2026-03-02T20:00:00Z'))).toEqual(['ben']);
    // Tuesday 03:00 Berlin: still Monday's night shift.
    expect(holdersAt(ROSTER, 'on_call', at('2026-03-03T02:00:00Z'))).toEqual(['ben']);
    // Saturday: nobody is rostered on call; the team lead always holds the role.
    expect(holdersAt(ROSTER, 'on_call', at('2026-03-07T10:00:00Z'))).toEqual([]);
    expect(holdersAt(ROSTER, 'team_lead', at('2026-03-07T10:00:00Z'))).toEqual(['lead']);
  });

  it('follows daylight saving time in the zone', () => {
    // Tuesday 31 March 2026, 08:30 in Berlin is 06:30 UTC (UTC+2 since the 29th); 07:30 is still night.
    expect(holdersAt(ROSTER, 'on_call', at('2026-03-31T06:30:00Z'))).toEqual(['anna']);
    expect(holdersAt(ROSTER, 'on_call', at('2026-03-31T05:30:00Z'))).toEqual(['ben']);
  });

  it('refuses unknown roles, hours without a zone and malformed hours', () => {
    expect(codeOf(() => parseRoster({}))).toBe('ESCALATION_ROSTER_INVALID entries');
    expect(codeOf(() => parseRoster([{ role: 'agent', userId: 'x' }]))).toBe(
      'ESCALATION_ROSTER_INVALID entries[0].role',
    );
    expect(
      codeOf(() => parseRoster([{ role: 'on_call', userId: 'x', hours: { mon: ['08:00-18:00'] } }])),
    ).toBe('ESCALATION_ROSTER_INVALID entries[0].timeZone');
    expect(
      codeOf(() =>
        parseRoster([{ role: 'on_call', userId: 'x', timeZone: 'Europe/Berlin', hours: { mon: ['8-18'] } }]),
      ),
    ).toBe('ESCALATION_ROSTER_INVALID entries[0].hours');
    expect(
      codeOf(() =>
        parseRoster([
          { role: 'on_call', userId: 'x', timeZone: 'Mars/Olympus', hours: { mon: ['08:00-18:00'] } },
        ]),
      ),
    ).toBe('ESCALATION_ROSTER_INVALID entries[0].hours');
    expect(codeOf(() => parseRoster([{ role: 'on_call', userId: 'x', colour: 'red' }]))).toBe(
      'ESCALATION_ROSTER_INVALID entries[0].colour',
    );
  });
});
