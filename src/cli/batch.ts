import { StringDecoder } from 'node:string_decoder';
import type { Readable, Writable } from 'node:stream';
import { isDomainError } from '../domain/shared/errors.ts';
import { formatInstant, parseDuration } from '../domain/shared/time.ts';
import { availability } from '../domain/availability/availability.ts';
import { BusinessCalendar } from '../domain/calendars/business-calendar.ts';
import { computeClocks } from '../domain/sla-clock/sla-clock.ts';
import { CalendarCache } from './calendar-cache.ts';
import { parseClockRequest, presentClocks, type CalendarLookup } from './clock-request.ts';
import {
  invalidRequest,
  isObject,
  optionalBoolean,
  refuseUnknownFields,
  requireArray,
  requireField,
  requireInstant,
  requireOneOf,
  withPrefix,
  type JsonObject,
} from './request-fields.ts';

/**
 * The `pledge calc batch` protocol: one JSON request per line in, one JSON answer per line out, in the same
 * order. Lines are answered as they arrive; a bad line gets an error answer and the batch goes on.
 */

export interface BatchOptions {
  /** The calendar of requests that carry none (`pledge calc batch --calendar file`). */
  readonly defaultCalendar?: BusinessCalendar;
  readonly cache?: CalendarCache;
}

export interface BatchSummary {
  /** Requests answered (blank lines are not requests). */
  readonly answered: number;
  readonly failed: number;
}

interface Answer {
  readonly text: string;
  readonly failed: boolean;
}

type OpHandler = (request: JsonObject, calendarOf: CalendarLookup) => JsonObject;

const ALWAYS = BusinessCalendar.from({ timeZone: 'UTC' });

const CALENDAR_HINT = 'a calendar object such as {"timeZone":"Europe/Berlin"}';

/** The calendar of a request: the given definition, else the request's `calendar`, else the default. */
export function calendarLookup(
  request: JsonObject,
  options: BatchOptions,
  cache: CalendarCache,
): CalendarLookup {
  return (definition, path) => {
    if (definition !== undefined && definition !== null) return withPrefix(path, () => cache.get(definition));
    const own = request['calendar'];
    if (own !== undefined && own !== null) return withPrefix('calendar', () => cache.get(own));
    if (options.defaultCalendar) return options.defaultCalendar;
    const fields = path === 'calendar' ? '"calendar" is' : `"${path}" or the request's "calendar" is`;
    throw invalidRequest(`${fields} required (${CALENDAR_HINT}), or pass --calendar <file> to the command`, {
      field: path,
    });
  };
}

const OPS: Readonly<Record<string, OpHandler>> = {
  elapsed(request, calendarOf) {
    refuseUnknownFields(request, ['id', 'op', 'calendar', 'from', 'to'], '');
    const cal = calendarOf(undefined, 'calendar');
    return { elapsedMs: cal.elapsed(requireInstant(request, 'from', ''), requireInstant(request, 'to', '')) };
  },

  due(request, calendarOf) {
    refuseUnknownFields(
      request,
      ['id', 'op', 'calendar', 'start', 'duration', 'businessDays', 'endOfDay'],
      '',
    );
    const cal = calendarOf(undefined, 'calendar');
    const start = requireInstant(request, 'start', '');
    const hasDuration = request['duration'] !== undefined;
    const hasDays = request['businessDays'] !== undefined;
    if (hasDuration === hasDays) {
      throw invalidRequest(
        'give exactly one of "duration" (such as "PT4H30M" or milliseconds) and "businessDays"',
        {
          field: 'duration',
        },
      );
    }
    const endOfDay = optionalBoolean(request, 'endOfDay', '');
    if (hasDuration) {
      if (endOfDay !== undefined)
        throw invalidRequest('"endOfDay" goes with "businessDays", not with "duration"', {
          field: 'endOfDay',
        });
      return { due: formatInstant(cal.due(start, parseDuration(request['duration'], 'duration'))) };
    }
    const days = request['businessDays'];
    if (typeof days !== 'number')
      throw invalidRequest('"businessDays" must be a whole number such as 3', { field: 'businessDays' });
    return { due: formatInstant(cal.addBusinessDays(start, days, { endOfDay: endOfDay === true })) };
  },

  clock(request, calendarOf) {
    const parsed = parseClockRequest(request, calendarOf);
    return presentClocks(parsed, computeClocks(parsed.input));
  },

  open(request, calendarOf) {
    refuseUnknownFields(request, ['id', 'op', 'calendar', 'from', 'to'], '');
    const cal = calendarOf(undefined, 'calendar');
    const intervals = cal.openIntervals(
      requireInstant(request, 'from', ''),
      requireInstant(request, 'to', ''),
    );
    return {
      intervals: intervals.map((iv) => ({ start: formatInstant(iv.start), end: formatInstant(iv.end) })),
    };
  },

  explain(request, calendarOf) {
    refuseUnknownFields(request, ['id', 'op', 'calendar', 'from', 'to'], '');
    const cal = calendarOf(undefined, 'calendar');
    const spans = cal.explain(requireInstant(request, 'from', ''), requireInstant(request, 'to', ''));
    return {
      spans: spans.map((s) => ({
        start: formatInstant(s.start),
        end: formatInstant(s.end),
        kind: s.kind,
        ...(s.label === undefined ? {} : { label: s.label }),
      })),
    };
  },

  availability(request, calendarOf) {
    refuseUnknownFields(request, ['id', 'op', 'calendar', 'from', 'to', 'states', 'maintenance', 'degraded'], '');
    // No calendar means 24/7 service hours here, unlike the other ops.
    const hasCalendar = request['calendar'] !== undefined && request['calendar'] !== null;
    const calendar = hasCalendar ? calendarOf(undefined, 'calendar') : ALWAYS;
    const from = requireInstant(request, 'from', '');
    const to = requireInstant(request, 'to', '');
    const states = requireArray(request, 'states', '', 'a list of {from, to, state}').map((item, i) => {
      const path = `states[${i}]`;
      if (!isObject(item)) throw invalidRequest(`"${path}" must be {from, to, state}`, { field: path });
      refuseUnknownFields(item, ['from', 'to', 'state'], path);
      return {
        start: requireInstant(item, 'from', path),
        end: requireInstant(item, 'to', path),
        state: requireOneOf(item, 'state', path, ['up', 'degraded', 'down', 'unknown'] as const),
      };
    });
    const rawMaintenance = request['maintenance'] ?? [];
    if (!Array.isArray(rawMaintenance)) throw invalidRequest('"maintenance" must be a list of {from, to}', { field: 'maintenance' });
    const maintenance = rawMaintenance.map((item: unknown, i) => {
      const path = `maintenance[${i}]`;
      if (!isObject(item)) throw invalidRequest(`"${path}" must be {from, to}`, { field: path });
      refuseUnknownFields(item, ['from', 'to'], path);
      return { start: requireInstant(item, 'from', path), end: requireInstant(item, 'to', path) };
    });
    const degraded = request['degraded'] === undefined ? 'up' : requireOneOf(request, 'degraded', '', ['up', 'down'] as const);
    return { ...availability({ calendar, from, to, states, maintenance, degraded }) };
  },

  holidays(request, calendarOf) {
    refuseUnknownFields(request, ['id', 'op', 'calendar', 'year'], '');
    const cal = calendarOf(undefined, 'calendar');
    const year = requireField(request, 'year', '', 'a year such as 2026');
    if (typeof year !== 'number' || !Number.isInteger(year) || year < 1900 || year > 2299) {
      throw invalidRequest('"year" must be a whole year from 1900 to 2299', { field: 'year' });
    }
    return { holidays: cal.holidaysOfYear(year) };
  },
};

export const BATCH_OPS = Object.keys(OPS);

function errorAnswer(id: unknown, code: string, message: string): Answer {
  const body = id === undefined ? { error: { code, message } } : { id, error: { code, message } };
  return { text: JSON.stringify(body), failed: true };
}

/** Answers one non-blank request line. Never throws: every failure becomes an error answer. */
export function answerLine(
  line: string,
  lineNumber: number,
  options: BatchOptions,
  cache: CalendarCache,
): Answer {
  let request: unknown;
  try {
    request = JSON.parse(line);
  } catch (e) {
    // Newer engines append "(line 1 column 17)": redundant for a single line, and it would make messages vary.
    const reason = (e as Error).message.replace(/ \(line \d+ column \d+\)$/, '');
    return errorAnswer(undefined, 'BATCH_INVALID_JSON', `line ${lineNumber} is not valid JSON: ${reason}`);
  }
  const id = isObject(request) ? request['id'] : undefined;
  try {
    if (!isObject(request)) {
      throw invalidRequest(`line ${lineNumber} must be a JSON object such as {"op":"elapsed",…}`);
    }
    const op = request['op'];
    if (op === undefined) {
      throw invalidRequest(`"op" is required: one of ${BATCH_OPS.join(', ')}`, { field: 'op' });
    }
    const handler = typeof op === 'string' && Object.hasOwn(OPS, op) ? OPS[op] : undefined;
    if (!handler) {
      return errorAnswer(
        id,
        'BATCH_UNKNOWN_OP',
        `unknown op ${JSON.stringify(op)}; expected one of: ${BATCH_OPS.join(', ')}`,
      );
    }
    const answer = handler(request, calendarLookup(request, options, cache));
    return { text: JSON.stringify(id === undefined ? answer : { id, ...answer }), failed: false };
  } catch (e) {
    if (isDomainError(e)) return errorAnswer(id, e.code, e.message);
    return errorAnswer(id, 'INTERNAL', `unexpected failure: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function waitForDrain(output: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      output.off('drain', done);
      output.off('close', done);
      output.off('error', done);
      resolve();
    };
    output.on('drain', done);
    output.on('close', done);
    output.on('error', done);
  });
}

/**
 * Reads request lines from `input` and writes answer lines to `output` as each chunk of input arrives, in
 * input order. Stops early, without an error, when `output` is closed (e.g. piped into `head`).
 */
export async function runBatch(
  input: Readable,
  output: Writable,
  options: BatchOptions = {},
): Promise<BatchSummary> {
  const cache = options.cache ?? new CalendarCache();
  const decoder = new StringDecoder('utf8');
  let broken = false;
  const onOutputError = (): void => {
    broken = true;
  };
  output.on('error', onOutputError);
  let pending = '';
  let lineNumber = 0;
  let answered = 0;
  let failed = 0;

  const answerLines = (text: string, final: boolean): string => {
    const lines = (pending + text).split('\n');
    pending = final ? '' : (lines.pop() ?? '');
    let out = '';
    for (const raw of lines) {
      lineNumber++;
      const line = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (line.trim() === '') continue;
      const answer = answerLine(line, lineNumber, options, cache);
      answered++;
      if (answer.failed) failed++;
      out += `${answer.text}\n`;
    }
    return out;
  };

  const send = async (text: string): Promise<void> => {
    if (text === '' || broken) return;
    if (!output.write(text)) await waitForDrain(output);
  };

  try {
    for await (const chunk of input) {
      const text = typeof chunk === 'string' ? chunk : decoder.write(Buffer.from(chunk as Uint8Array));
      await send(answerLines(text, false));
      if (broken) break;
    }
    if (!broken) await send(answerLines(decoder.end(), true));
  } finally {
    output.off('error', onOutputError);
  }
  return { answered, failed };
}
