import { Temporal } from 'temporal-polyfill';
import { DomainError } from './errors.ts';

/** Instants are UTC epoch milliseconds; these name the durations we compute with. */
export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** The instants the engine accepts: 1900-01-01 up to (not including) 2300-01-01 UTC. */
export const MIN_INSTANT = Date.UTC(1900, 0, 1);
export const MAX_INSTANT = Date.UTC(2300, 0, 1);

/** A half-open interval `[start, end)` of instants. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

export function assertInstant(ms: number, what = 'instant'): number {
  if (!Number.isInteger(ms) || ms < MIN_INSTANT || ms >= MAX_INSTANT) {
    throw new DomainError('INSTANT_OUT_OF_RANGE', `${what} must be a whole millisecond between 1900 and 2300`, {
      value: ms,
    });
  }
  return ms;
}

/**
 * Parses an ISO 8601 instant that carries its UTC offset (`Z` or `+01:00`). A reading without an offset is
 * refused: it would silently depend on some zone. Sub-millisecond digits are refused rather than rounded.
 */
export function parseInstant(text: unknown, what = 'instant'): number {
  if (typeof text !== 'string') {
    throw new DomainError('INSTANT_INVALID', `${what} must be an ISO 8601 string with a UTC offset`, { value: text });
  }
  let instant: Temporal.Instant;
  try {
    instant = Temporal.Instant.from(text);
  } catch {
    throw new DomainError(
      'INSTANT_INVALID',
      `${what} "${text}" is not an ISO 8601 instant with a UTC offset (e.g. 2026-03-27T15:00:00Z)`,
      { value: text },
    );
  }
  if (instant.epochNanoseconds % 1_000_000n !== 0n) {
    throw new DomainError('INSTANT_INVALID', `${what} "${text}" is more precise than a millisecond`, { value: text });
  }
  return assertInstant(instant.epochMilliseconds, what);
}

/** Formats an instant as ISO 8601 in UTC with milliseconds only when there are some. */
export function formatInstant(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

const DURATION_RE = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:[.,](\d{1,3}))?S)?)?$/;

/**
 * Parses a duration of business time: an ISO 8601 duration with hours, minutes and seconds (`PT4H30M`), or a
 * whole number of milliseconds. Years, months, weeks and days are refused: "a day" of business time is
 * ambiguous (24 hours? one business day?); use business days for that.
 */
export function parseDuration(value: unknown, what = 'duration'): number {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new DomainError('DURATION_INVALID', `${what} must be a whole, non-negative number of milliseconds`, {
        value,
      });
    }
    return value;
  }
  if (typeof value !== 'string') {
    throw new DomainError('DURATION_INVALID', `${what} must be an ISO 8601 duration such as PT4H30M`, { value });
  }
  const m = DURATION_RE.exec(value.trim().toUpperCase());
  if (!m || value.trim().toUpperCase() === 'P' || value.trim().toUpperCase().endsWith('T')) {
    throw new DomainError('DURATION_INVALID', `${what} "${value}" is not an ISO 8601 duration such as PT4H30M`, {
      value,
    });
  }
  const [, sign, years, months, weeks, days, hours, minutes, seconds, fraction] = m;
  if (sign) throw new DomainError('DURATION_INVALID', `${what} must not be negative`, { value });
  if (years || months || weeks || days) {
    throw new DomainError(
      'DURATION_DAYS_AMBIGUOUS',
      `${what} "${value}" counts days, weeks, months or years, which is ambiguous in business time; give hours (PT8H) or use business days`,
      { value },
    );
  }
  const ms =
    Number(hours ?? 0) * HOUR_MS +
    Number(minutes ?? 0) * MINUTE_MS +
    Number(seconds ?? 0) * SECOND_MS +
    Number((fraction ?? '').padEnd(3, '0') || 0);
  if (!Number.isSafeInteger(ms)) throw new DomainError('DURATION_INVALID', `${what} is too large`, { value });
  return ms;
}

/** Formats milliseconds as an ISO 8601 duration in hours, minutes and seconds (`PT4H30M`). */
export function formatDuration(ms: number): string {
  if (ms === 0) return 'PT0S';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const h = Math.floor(rest / HOUR_MS);
  rest -= h * HOUR_MS;
  const m = Math.floor(rest / MINUTE_MS);
  rest -= m * MINUTE_MS;
  const s = Math.floor(rest / SECOND_MS);
  const frac = rest - s * SECOND_MS;
  const secPart = s || frac ? `${s}${frac ? `.${String(frac).padStart(3, '0').replace(/0+$/, '')}` : ''}S` : '';
  return `${sign}PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${secPart}`;
}
