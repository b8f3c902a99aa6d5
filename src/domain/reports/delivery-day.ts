// When a scheduled report goes out: the first working day after its period closed, from a fixed local hour in
// the customer's zone. Which days are working days is the caller's calendar; this file only walks the dates.
import { Temporal } from 'temporal-polyfill';
import { DomainError } from '../shared/errors.ts';
import { periodContaining, previousPeriods, reportPeriod, type ReportPeriod } from './periods.ts';

export type DeliveryCadence = 'month' | 'quarter';

/** Reports are mailed from this local hour on, so they arrive with the working day and not at midnight. */
export const DELIVERY_HOUR = 7;

/**
 * How far past a period's end we look for a working day: a calendar open on no day in this span (a typo, or a
 * closure over the holidays) still gets its report, on the first day after the period.
 */
export const MAX_DAYS_TO_WORKING_DAY = 31;

/** Whether a local day `[start, end)` (UTC epoch ms of its midnights) counts as a working day. */
export type WorkingDayTest = (day: { readonly start: number; readonly end: number }) => boolean;

/** The delivery of one closed period: what it covers and from when it may go out. */
export interface DueDelivery {
  readonly period: ReportPeriod;
  /** `DELIVERY_HOUR` on the first working day on or after the period's end, in the zone. */
  readonly deliverAt: number;
}

function zoned(instant: number, timeZone: string): Temporal.ZonedDateTime {
  try {
    return Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(timeZone);
  } catch {
    throw new DomainError('CALENDAR_UNKNOWN_ZONE', `unknown time zone "${timeZone}"`, { timeZone });
  }
}

/**
 * The instant a period ending at `periodEnd` is delivered: `DELIVERY_HOUR` in `timeZone` on the first local
 * date from the period's end on that `isWorkingDay` accepts, or on the day of the end itself when none of
 * the next `MAX_DAYS_TO_WORKING_DAY` days is one.
 */
export function deliveryInstant(periodEnd: number, timeZone: string, isWorkingDay: WorkingDayTest): number {
  const first = zoned(periodEnd, timeZone).toPlainDate();
  const at = (date: Temporal.PlainDate): number =>
    date.toZonedDateTime({ timeZone, plainTime: { hour: DELIVERY_HOUR } }).epochMilliseconds;
  for (let i = 0; i < MAX_DAYS_TO_WORKING_DAY; i++) {
    const date = first.add({ days: i });
    const start = date.toZonedDateTime({ timeZone }).epochMilliseconds;
    const end = date.add({ days: 1 }).toZonedDateTime({ timeZone }).epochMilliseconds;
    if (isWorkingDay({ start, end })) return at(date);
  }
  return at(first);
}

/**
 * The latest closed period of a cadence at `now` in the customer's zone (last month, last quarter) and when it
 * is delivered. Whether `now` has reached that moment is the caller's question.
 */
export function latestClosedDelivery(
  cadence: DeliveryCadence,
  now: number,
  timeZone: string,
  isWorkingDay: WorkingDayTest,
): DueDelivery {
  const [previous] = previousPeriods(periodContaining(cadence, now, timeZone), 1);
  if (!previous) throw new DomainError('PERIOD_INVALID', 'no period before now');
  const period = reportPeriod(previous, timeZone);
  return { period, deliverAt: deliveryInstant(period.end, timeZone, isWorkingDay) };
}

/** The next delivery after `now`: the running period's, once it has closed. */
export function nextDelivery(
  cadence: DeliveryCadence,
  now: number,
  timeZone: string,
  isWorkingDay: WorkingDayTest,
): DueDelivery {
  const period = reportPeriod(periodContaining(cadence, now, timeZone), timeZone);
  return { period, deliverAt: deliveryInstant(period.end, timeZone, isWorkingDay) };
}
