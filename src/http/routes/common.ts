import { z } from 'zod';
import { formatInstant } from '../../domain/shared/time.ts';
import { problemSchema } from '../problem.ts';

/** Instants leave the API as ISO 8601 UTC strings. */
export const instant = z.string().describe('ISO 8601 instant in UTC, e.g. 2026-03-27T15:00:00Z');
export const iso = (ms: number): string => formatInstant(ms);
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : formatInstant(ms));

export const idParams = z.object({ id: z.string().min(1).max(100) });

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).optional().describe('Page size (default 50, at most 500)'),
  offset: z.coerce.number().int().min(0).optional().describe('Items to skip'),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
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
