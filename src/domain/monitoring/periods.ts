import { Temporal } from 'temporal-polyfill';
import { ZoneRules } from '../calendars/time-zone.ts';
import { DomainError } from '../shared/errors.ts';
import type { Interval } from '../shared/time.ts';

const MONTH = /^(\d{4})-(\d{2})$/;

/**
 * A calendar month in a time zone as a half-open interval of instants: from the first local midnight of the
 * month to the first of the next (a month in Berlin starts at 23:00 or 22:00 UTC of the day before).
 * @throws DomainError PERIOD_INVALID for text other than "YYYY-MM", CALENDAR_UNKNOWN_ZONE for the zone
 */
export function calendarMonth(text: string, timeZone: string): Interval {
  const match = MONTH.exec(text);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  if (!match || month < 1 || month > 12 || year < 1900 || year > 2299) {
    throw new DomainError('PERIOD_INVALID', 'a month is written "YYYY-MM", e.g. 2026-03', { value: text });
  }
  ZoneRules.of(timeZone);
  const first = Temporal.PlainDate.from({ year, month, day: 1 });
  return {
    start: first.toZonedDateTime({ timeZone }).epochMilliseconds,
    end: first.add({ months: 1 }).toZonedDateTime({ timeZone }).epochMilliseconds,
  };
}

/** The month ("YYYY-MM") an instant falls in, in a time zone. */
export function monthOf(instant: number, timeZone: string): string {
  const z = Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(ZoneRules.of(timeZone).id);
  return `${String(z.year).padStart(4, '0')}-${String(z.month).padStart(2, '0')}`;
}

/**
 * The last `count` local days in a time zone up to and including the day of `instant`, oldest first, each
 * from local midnight to the next (23 or 25 hours long on the days summer time starts or ends).
 */
export function lastLocalDays(instant: number, count: number, timeZone: string): Interval[] {
  const today = Temporal.Instant.fromEpochMilliseconds(instant)
    .toZonedDateTimeISO(ZoneRules.of(timeZone).id)
    .toPlainDate();
  const out: Interval[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const day = today.subtract({ days: i });
    out.push({
      start: day.toZonedDateTime({ timeZone }).epochMilliseconds,
      end: day.add({ days: 1 }).toZonedDateTime({ timeZone }).epochMilliseconds,
    });
  }
  return out;
}
