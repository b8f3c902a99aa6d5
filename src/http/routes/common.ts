import { z } from 'zod';
import { DAY_MS, formatInstant, HOUR_MS, MINUTE_MS, SECOND_MS } from '../../domain/shared/time.ts';
import { problemSchema } from '../problem.ts';

/** Instants leave the API as ISO 8601 UTC strings. */
export const instant = z.string().describe('ISO 8601 instant in UTC, e.g. 2026-03-27T15:00:00Z');

/** 9999-12-31T23:59:59.999Z and later have a six-digit year: Date formats those. */
const YEAR_10000 = 253_402_300_800_000;
/** Days whose "YYYY-MM-DDT" is known; a page of tickets touches a few dozen. */
const dayPrefixes = new Map<number, string>();
const DAY_PREFIXES_KEPT = 4_096;

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * Formats like formatInstant (common.test.ts checks they agree), faster: a 50-ticket page writes about 700
 * instants, and a Date for each showed up in the page's profile. The date part is remembered per day; the
 * time of day is plain arithmetic.
 */
export function iso(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0 || ms >= YEAR_10000) return formatInstant(ms);
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    if (dayPrefixes.size >= DAY_PREFIXES_KEPT) dayPrefixes.clear();
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / HOUR_MS);
  rest -= h * HOUR_MS;
  const m = Math.floor(rest / MINUTE_MS);
  rest -= m * MINUTE_MS;
  const s = Math.floor(rest / SECOND_MS);
  const milli = rest - s * SECOND_MS;
  const time = `${prefix}${two(h)}:${two(m)}:${two(s)}`;
  if (milli === 0) return `${time}Z`;
  return `${time}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export const idParams = z.object({ id: z.string().min(1).max(100) });

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).optional().describe('Page size (default 50, at most 500)'),
  offset: z.coerce.number().int().min(0).optional().describe('Items to skip'),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  });
}

/** The error responses every authenticated route may give. */
export const errorResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  412: problemSchema,
  428: problemSchema,
} as const;
