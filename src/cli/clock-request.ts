import type { BusinessCalendar } from '../domain/calendars/business-calendar.ts';
import { formatInstant, parseDuration } from '../domain/shared/time.ts';
import type {
  ClockInput,
  ClockMetric,
  ClockResult,
  ClockTarget,
  TicketEvent,
  TimelineSegment,
} from '../domain/sla-clock/types.ts';
import {
  at,
  invalidRequest,
  isObject,
  optionalBoolean,
  optionalString,
  refuseUnknownFields,
  requireArray,
  requireBoolean,
  requireField,
  requireInstant,
  requireOneOf,
  requireString,
  type JsonObject,
} from './request-fields.ts';

/**
 * The `clock` request of `pledge calc batch`: a ticket's targets and event log, read into the engine's
 * `ClockInput`, and the engine's results presented back as JSON.
 */

export const CLOCK_REQUEST_FIELDS = ['id', 'op', 'calendar', 'now', 'targets', 'events', 'explain'] as const;
const TARGET_FIELDS = ['id', 'metric', 'duration', 'pauseStatuses', 'warnings', 'calendar'] as const;
const METRICS: readonly ClockMetric[] = ['first_response', 'resolution', 'update'];
const EVENT_TYPES = [
  'created',
  'status',
  'reply',
  'priority',
  'resolved',
  'reopened',
  'closed',
  'sla',
] as const;
const EVENT_FIELDS: Readonly<Record<(typeof EVENT_TYPES)[number], readonly string[]>> = {
  created: ['at', 'type', 'priority', 'sla', 'status'],
  status: ['at', 'type', 'status'],
  reply: ['at', 'type', 'author', 'public'],
  priority: ['at', 'type', 'priority'],
  resolved: ['at', 'type'],
  reopened: ['at', 'type'],
  closed: ['at', 'type'],
  sla: ['at', 'type', 'sla'],
};

/**
 * Gives the compiled calendar of a definition found at `path`; `undefined` asks for the request's default
 * calendar. Throws a DomainError when there is none or it is invalid.
 */
export type CalendarLookup = (definition: unknown, path: string) => BusinessCalendar;

/** What the presenter needs besides the engine's results. */
export interface ClockRequest {
  readonly input: ClockInput;
  /** Ids of the targets that asked for warnings: only their answers list them. */
  readonly withWarnings: ReadonlySet<string>;
  /** The zone of the first target's calendar, for showing local times. */
  readonly timeZone: string;
}

function parseStringList(value: unknown, path: string): string[] {
  if (!Array.isArray(value) || value.some((s) => typeof s !== 'string')) {
    throw invalidRequest(`"${path}" must be a list of status names such as ["waiting"]`, { field: path });
  }
  return value as string[];
}

function parseWarnings(value: unknown, path: string): number[] {
  const ok = (f: unknown): boolean => typeof f === 'number' && Number.isFinite(f) && f > 0 && f <= 1;
  if (!Array.isArray(value) || !value.every(ok)) {
    throw invalidRequest(
      `"${path}" must be a list of shares of the target above 0 and up to 1, such as [0.5, 0.75]`,
      {
        field: path,
      },
    );
  }
  return [...new Set(value as number[])].sort((a, b) => a - b);
}

function parseTarget(value: unknown, path: string, calendarOf: CalendarLookup): ClockTarget {
  if (!isObject(value)) {
    throw invalidRequest(
      `"${path}" must be an object such as {"id":"resolution","metric":"resolution","duration":"PT8H"}`,
    );
  }
  refuseUnknownFields(value, TARGET_FIELDS, path);
  const id = requireString(value, 'id', path);
  const metric = requireOneOf(value, 'metric', path, METRICS);
  const durationMs = parseDuration(
    requireField(value, 'duration', path, 'such as "PT8H" or milliseconds'),
    at(path, 'duration'),
  );
  const calendar = calendarOf(value['calendar'], at(path, 'calendar'));
  const target: { -readonly [K in keyof ClockTarget]: ClockTarget[K] } = { id, metric, durationMs, calendar };
  if (value['pauseStatuses'] !== undefined)
    target.pauseStatuses = parseStringList(value['pauseStatuses'], at(path, 'pauseStatuses'));
  if (value['warnings'] !== undefined)
    target.warnings = parseWarnings(value['warnings'], at(path, 'warnings'));
  return target;
}

function parseEvent(value: unknown, path: string): TicketEvent {
  if (!isObject(value)) {
    throw invalidRequest(
      `"${path}" must be an object such as {"at":"2026-03-02T08:00:00Z","type":"created"}`,
    );
  }
  const type = requireOneOf(value, 'type', path, EVENT_TYPES);
  refuseUnknownFields(value, EVENT_FIELDS[type], path);
  const when = requireInstant(value, 'at', path);
  switch (type) {
    case 'created': {
      const event: { at: number; type: 'created'; priority?: string; sla?: string; status?: string } = {
        at: when,
        type,
      };
      const priority = optionalString(value, 'priority', path);
      const sla = optionalString(value, 'sla', path);
      const status = optionalString(value, 'status', path);
      if (priority !== undefined) event.priority = priority;
      if (sla !== undefined) event.sla = sla;
      if (status !== undefined) event.status = status;
      return event;
    }
    case 'status':
      return { at: when, type, status: requireString(value, 'status', path) };
    case 'reply':
      return {
        at: when,
        type,
        author: requireOneOf(value, 'author', path, ['agent', 'customer'] as const),
        public: requireBoolean(value, 'public', path),
      };
    case 'priority':
      return { at: when, type, priority: requireString(value, 'priority', path) };
    case 'sla':
      return { at: when, type, sla: requireString(value, 'sla', path) };
    case 'resolved':
    case 'reopened':
    case 'closed':
      return { at: when, type };
  }
}

/**
 * Reads and checks a `clock` request. Every target needs a calendar: its own, or the request's.
 * @throws DomainError BATCH_INVALID_REQUEST for a missing, mistyped or unknown field; the engine's code
 *   (INSTANT_INVALID, DURATION_INVALID, CALENDAR_…) for a bad value
 */
export function parseClockRequest(request: JsonObject, calendarOf: CalendarLookup): ClockRequest {
  refuseUnknownFields(request, CLOCK_REQUEST_FIELDS, '');
  const now = requireInstant(request, 'now', '');
  const rawTargets = requireArray(request, 'targets', '', 'a list of targets');
  if (rawTargets.length === 0)
    throw invalidRequest('"targets" must list at least one target', { field: 'targets' });
  const targets = rawTargets.map((t, i) => parseTarget(t, `targets[${i}]`, calendarOf));
  const seen = new Set<string>();
  for (const t of targets) {
    if (seen.has(t.id))
      throw invalidRequest(`target id "${t.id}" appears more than once`, { field: 'targets', id: t.id });
    seen.add(t.id);
  }
  const rawEvents = requireArray(request, 'events', '', 'a list of events starting with {"type":"created"}');
  const events = rawEvents.map((e, i) => parseEvent(e, `events[${i}]`));
  const creations = events.filter((e) => e.type === 'created').length;
  if (creations !== 1) {
    throw invalidRequest(
      creations === 0
        ? '"events" must include the ticket\'s {"type":"created"} event: the clocks start there'
        : '"events" must include exactly one {"type":"created"} event',
      { field: 'events' },
    );
  }
  const explain = optionalBoolean(request, 'explain', '') === true;
  const withWarnings = new Set(targets.filter((t) => t.warnings !== undefined).map((t) => t.id));
  const timeZone = (targets[0] as ClockTarget).calendar.timeZone;
  return { input: { events, now, targets, explain }, withWarnings, timeZone };
}

const isoOrNull = (ms: number | null): string | null => (ms === null ? null : formatInstant(ms));

function presentSegment(s: TimelineSegment): JsonObject {
  return {
    start: formatInstant(s.start),
    end: formatInstant(s.end),
    kind: s.kind,
    ...(s.label === undefined ? {} : { label: s.label }),
    ...(s.projected ? { projected: true } : {}),
  };
}

/** The answer to a `clock` request: one entry per clock, instants as ISO 8601 UTC strings or null. */
export function presentClocks(request: ClockRequest, results: readonly ClockResult[]): JsonObject {
  return {
    clocks: results.map((c) => ({
      id: c.id,
      state: c.state,
      elapsedMs: c.elapsedMs,
      pausedMs: c.pausedMs,
      dueAt: isoOrNull(c.dueAt),
      stoppedAt: isoOrNull(c.stoppedAt),
      breachedAt: isoOrNull(c.breachedAt),
      ...(request.withWarnings.has(c.id)
        ? { warnings: c.warnings.map((w) => ({ fraction: w.fraction, at: formatInstant(w.at) })) }
        : {}),
      ...(request.input.explain ? { timeline: c.timeline.map(presentSegment) } : {}),
    })),
  };
}
