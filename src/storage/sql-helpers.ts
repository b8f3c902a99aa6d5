/**
 * A LIKE pattern that matches `text` anywhere, case-insensitively when compared against lower(column).
 * `%` and `_` in the text are matched literally by dropping them (both dialects lack a shared ESCAPE default).
 */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[%_\\]/g, '')}%`;
}
