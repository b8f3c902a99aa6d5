/**
 * The one place where error codes become HTTP statuses. Domain and use-case errors carry stable codes;
 * anything not listed here and not matched by a suffix rule is a 400 (the request was wrong).
 */
const EXACT: Readonly<Record<string, number>> = {
  UNAUTHENTICATED: 401,
  LOGIN_FAILED: 401,
  LOGIN_DISABLED: 403,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  SETUP_TOKEN_INVALID: 403,
  SETUP_DONE: 409,
  USER_EMAIL_TAKEN: 409,
  USER_LAST_ADMIN: 409,
  TICKET_CLOSED: 409,
  TICKET_TARGET_NOT_BREACHED: 409,
  SLA_VERSION_NOT_DRAFT: 409,
  SLA_VERSION_NOT_ACTIVE: 409,
  SLA_ARCHIVED: 409,
  REVISION_MISMATCH: 412,
  PRECONDITION_REQUIRED: 428,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  NOT_FOUND: 404,
  INTERNAL: 500,
  NOTIFIER_MISSING: 500,
  MONITOR_TEST_UNAVAILABLE: 503,
  DOCUMENTS_UNAVAILABLE: 503,
};

const SUFFIXES: readonly (readonly [string, number])[] = [
  ['_NOT_FOUND', 404],
  ['_CONFLICT', 409],
  ['_EXISTS', 409],
  ['_IN_USE', 409],
  ['_TAKEN', 409],
];

export function statusFor(code: string): number {
  const exact = EXACT[code];
  if (exact !== undefined) return exact;
  for (const [suffix, status] of SUFFIXES) if (code.endsWith(suffix)) return status;
  return 400;
}
