import { DomainError, isDomainError } from '../domain/shared/errors.ts';
import { parseInstant } from '../domain/shared/time.ts';

/**
 * Field checks for JSON requests read by `pledge calc batch`. A field that is missing, of the wrong type or
 * unknown is a BATCH_INVALID_REQUEST; a field that is present but holds a bad instant or duration keeps the
 * engine's own code (INSTANT_INVALID, DURATION_INVALID, …). Messages name the field by its path.
 */

export type JsonObject = Readonly<Record<string, unknown>>;

export const invalidRequest = (message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('BATCH_INVALID_REQUEST', message, details);

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Joins a path and a key: `events[2]` + `at` → `events[2].at`. */
export const at = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

/** Refuses fields the request does not know, so that a typo cannot silently change an answer. */
export function refuseUnknownFields(obj: JsonObject, known: readonly string[], path: string): void {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) {
      throw invalidRequest(`unknown field "${at(path, key)}"; expected one of: ${known.join(', ')}`, {
        field: at(path, key),
      });
    }
  }
}

export function requireField(obj: JsonObject, key: string, path: string, hint: string): unknown {
  const value = obj[key];
  if (value === undefined || value === null)
    throw invalidRequest(`"${at(path, key)}" is required (${hint})`, { field: at(path, key) });
  return value;
}

export function requireString(
  obj: JsonObject,
  key: string,
  path: string,
  hint = 'a non-empty string',
): string {
  const value = requireField(obj, key, path, hint);
  if (typeof value !== 'string' || value === '') {
    throw invalidRequest(`"${at(path, key)}" must be ${hint}`, { field: at(path, key) });
  }
  return value;
}

export function optionalString(obj: JsonObject, key: string, path: string): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw invalidRequest(`"${at(path, key)}" must be a string`, { field: at(path, key) });
  return value;
}

export function optionalBoolean(obj: JsonObject, key: string, path: string): boolean | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean')
    throw invalidRequest(`"${at(path, key)}" must be true or false`, { field: at(path, key) });
  return value;
}

export function requireBoolean(obj: JsonObject, key: string, path: string): boolean {
  requireField(obj, key, path, 'true or false');
  return optionalBoolean(obj, key, path) as boolean;
}

export function requireArray(obj: JsonObject, key: string, path: string, hint: string): readonly unknown[] {
  const value = requireField(obj, key, path, hint);
  if (!Array.isArray(value))
    throw invalidRequest(`"${at(path, key)}" must be ${hint}`, { field: at(path, key) });
  return value;
}

export function requireOneOf<T extends string>(
  obj: JsonObject,
  key: string,
  path: string,
  allowed: readonly T[],
): T {
  const hint = `one of ${allowed.map((a) => `"${a}"`).join(', ')}`;
  const value = requireField(obj, key, path, hint);
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalidRequest(`"${at(path, key)}" is ${JSON.stringify(value)}; expected ${hint}`, {
      field: at(path, key),
    });
  }
  return value as T;
}

/** An ISO 8601 instant with a UTC offset, as epoch milliseconds. */
export function requireInstant(obj: JsonObject, key: string, path: string): number {
  const value = requireField(obj, key, path, 'an ISO 8601 instant such as 2026-03-27T15:00:00Z');
  return parseInstant(value, at(path, key));
}

/** Runs `fn`; a DomainError it throws keeps its code and gets `prefix: ` in front of its message. */
export function withPrefix<T>(prefix: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (isDomainError(e)) throw new DomainError(e.code, `${prefix}: ${e.message}`, e.details);
    throw e;
  }
}
