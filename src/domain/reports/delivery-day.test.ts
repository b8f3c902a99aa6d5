import { describe, expect, it } from 'vitest';
import { deliveryInstant, latestClosedDelivery, nextDelivery, type WorkingDayTest } from './delivery-day.ts';

const t = (iso: string): number => Date.parse(iso);
const BERLIN = 'Europe/Berlin';
const dayName = new Intl.DateTimeFormat('en-US', { timeZone: BERLIN, weekday: 'short' });
const dateOf = new Intl.DateTimeFormat('sv-SE', { timeZone: BERLIN });
/** Monday to Friday in Berlin, except the listed dates. */
const weekdaysExcept =
  (...holidays: string[]): WorkingDayTest =>
  ({ start }) =>
    !['Sat', 'Sun'].includes(dayName.format(start)) && !holidays.includes(dateOf.format(start));

describe('the delivery day of a scheduled report', () => {
  it('is 07:00 local on the first of the month when that is a working day', () => {
    // 2026-12-01 is a Tuesday; 07:00 CET is 06:00 UTC.
    expect(deliveryInstant(t('2026-11-30T23:00:00Z'), BERLIN, weekdaysExcept())).toBe(
      t('2026-12-01T06:00:00Z'),
    );
  });

  it('skips a public holiday on the 1st and the weekend after it', () => {
    // 2027-01-01 is a Friday and New Year's Day: the report goes out on Monday 2027-01-04.
    const d = latestClosedDelivery('month', t('2027-01-02T12:00:00Z'), BERLIN, weekdaysExcept('2027-01-01'));
    expect(d.period.key).toBe('2026-12');
    expect(d.deliverAt).toBe(t('2027-01-04T06:00:00Z'));
  });

  it('uses summer time when the day is in it', () => {
    // 2026-08-01 is a Saturday: Monday 2026-08-03 at 07:00 CEST = 05:00 UTC.
    expect(deliveryInstant(t('2026-07-31T22:00:00Z'), BERLIN, weekdaysExcept())).toBe(
      t('2026-08-03T05:00:00Z'),
    );
  });

  it('names the last quarter and the next one', () => {
    const now = t('2026-05-10T10:00:00Z');
    expect(latestClosedDelivery('quarter', now, BERLIN, weekdaysExcept()).period.key).toBe('2026-Q1');
    const next = nextDelivery('quarter', now, BERLIN, weekdaysExcept());
    expect(next.period.key).toBe('2026-Q2');
    // 2026-07-01 is a Wednesday.
    expect(next.deliverAt).toBe(t('2026-07-01T05:00:00Z'));
  });

  it('falls back to the first day after the period when the calendar is never open', () => {
    expect(deliveryInstant(t('2026-11-30T23:00:00Z'), BERLIN, () => false)).toBe(t('2026-12-01T06:00:00Z'));
  });
});
