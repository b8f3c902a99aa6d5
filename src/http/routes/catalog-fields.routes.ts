import { z } from 'zod';

// PostgreSQL refuses NUL characters in text columns; refusing them here keeps such input a 400, not a 500.
const hasNoNul = (s: string): boolean => !s.includes('\u0000');
const NUL_MESSAGE = 'must not contain NUL characters';

/** Text of at most `max` characters without NUL characters. */
export const text = (max: number) => z.string().max(max).refine(hasNoNul, NUL_MESSAGE);

/** A path id: 1–100 characters without NUL characters. */
export const pathId = z.string().min(1).max(100).refine(hasNoNul, NUL_MESSAGE);

export const catalogIdParams = z.object({ id: pathId });
