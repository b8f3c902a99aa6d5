/**
 * A LIKE pattern that matches `text` anywhere, case-insensitively when compared against lower(column).
 * `%` and `_` in the text are matched literally by dropping them (both dialects lack a shared ESCAPE default).
 */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[%_\\]/g, '')}%`;
}

/** A unique-constraint violation, in SQLite's words or PostgreSQL's code 23505. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown };
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || (typeof err?.message === 'string' && err.message.includes('UNIQUE constraint failed'));
}
