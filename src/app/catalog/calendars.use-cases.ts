import { BusinessCalendar } from '../../domain/calendars/business-calendar.ts';
import { parseCalendar, type CalendarDefinition } from '../../domain/calendars/calendar-definition.ts';
import { civilOf, epochDayOf, parseLocalDate, weekdayOf } from '../../domain/calendars/local-date.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import { DAY_MS } from '../../domain/shared/time.ts';
import { requireRole, type Actor } from '../actor.ts';
import { audit, diff } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import type { ClockRecompute } from '../tickets/clock-recompute.ts';
import { compiledCalendar } from './calendar-cache.ts';
import { localDayOf, openPeriods, weekAround, type OpenPeriods } from './calendar-preview.ts';
import type { CalendarRecord } from './catalog.repository.ts';

export interface CalendarInput {
  /** Defaults to the definition's own `name`. */
  readonly name?: string;
  /** A calendar definition as in calendar files; validated here. */
  readonly definition: unknown;
}

export interface CalendarUpdate extends CalendarInput {
  /** When given, the update applies only while the stored revision is one of these (HTTP If-Match). */
  readonly ifMatch?: readonly number[];
}

export interface CalendarPreviewInput {
  readonly definition: unknown;
  /** The year whose holidays are listed; defaults to the current year. */
  readonly year?: number;
  /** A local date `YYYY-MM-DD` inside the sample week; defaults to today in the current year, else the year's first Monday. */
  readonly weekOf?: string;
}

export interface CalendarPreview {
  readonly timeZone: string;
  readonly year: number;
  readonly holidays: readonly { readonly date: string; readonly name: string }[];
  readonly week: OpenPeriods;
}

/** Open-interval queries span at most a quarter, so one answer stays small. */
export const MAX_OPEN_INTERVAL_DAYS = 93;
export const MIN_YEAR = 1900;
const MAX_NAME_LENGTH = 200;
export const MAX_YEAR = 2200;

const calendarNotFound = (id: string): DomainError =>
  new DomainError('CALENDAR_NOT_FOUND', 'calendar not found', { id });

/** Validates a definition (throws the CALENDAR_* codes) and settles the calendar's name. */
function validated(input: CalendarInput): { name: string; definition: CalendarDefinition } {
  parseCalendar(input.definition);
  const definition = input.definition as CalendarDefinition;
  const name = (input.name ?? (typeof definition.name === 'string' ? definition.name : '')).trim();
  if (name === '')
    throw new DomainError(
      'CALENDAR_INVALID',
      'a calendar needs a name: give "name", or "name" inside the definition',
    );
  if (name.length > MAX_NAME_LENGTH || name.includes('\u0000')) {
    throw new DomainError(
      'CALENDAR_INVALID',
      `a calendar name has at most ${MAX_NAME_LENGTH} characters and no NUL characters`,
    );
  }
  return { name, definition };
}

function checkYear(year: number): number {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new DomainError(
      'CALENDAR_RANGE_INVALID',
      `year must be a whole number between ${MIN_YEAR} and ${MAX_YEAR}`,
      { year },
    );
  }
  return year;
}

const currentYear = (ctx: AppContext): number => civilOf(Math.floor(ctx.clock.now() / DAY_MS)).year;

export async function listCalendars(ctx: AppContext, _actor: Actor): Promise<CalendarRecord[]> {
  return ctx.storage.catalog.listCalendars();
}

export async function getCalendar(ctx: AppContext, _actor: Actor, id: string): Promise<CalendarRecord> {
  const calendar = await ctx.storage.catalog.findCalendar(id);
  if (!calendar) throw calendarNotFound(id);
  return calendar;
}

export async function createCalendar(
  ctx: AppContext,
  actor: Actor,
  input: CalendarInput,
): Promise<CalendarRecord> {
  requireRole(actor, 'manager');
  const { name, definition } = validated(input);
  const now = ctx.clock.now();
  const calendar: CalendarRecord = {
    id: ctx.ids.next(),
    name,
    definition,
    revision: 1,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.storage.transaction(async (repos) => {
    await repos.catalog.insertCalendar(calendar);
    await audit(repos.audit, actor, now, {
      action: 'calendar.created',
      entityType: 'calendar',
      entityId: calendar.id,
      customerId: null,
      summary: `Calendar "${name}" created`,
    });
  });
  ctx.feed.publish({ type: 'calendar.changed', entityId: calendar.id, customerId: null, at: now });
  return calendar;
}

/**
 * Replaces a calendar's name and definition and bumps its revision. Clocks that count on the calendar are
 * recomputed after the change has committed.
 * @throws DomainError CALENDAR_NOT_FOUND, REVISION_MISMATCH, CALENDAR_*
 */
export async function updateCalendar(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: CalendarUpdate,
  recompute?: ClockRecompute,
): Promise<CalendarRecord> {
  requireRole(actor, 'manager');
  const { name, definition } = validated(input);
  const now = ctx.clock.now();
  const { after, definitionChanged } = await ctx.storage.transaction(async (repos) => {
    const before = await repos.catalog.findCalendar(id);
    if (!before) throw calendarNotFound(id);
    const mismatch = (): DomainError =>
      new DomainError(
        'REVISION_MISMATCH',
        `the calendar has changed since you read it (now revision ${before.revision}); reload and try again`,
        {
          revision: before.revision,
        },
      );
    if (input.ifMatch !== undefined && !input.ifMatch.includes(before.revision)) throw mismatch();
    const next: CalendarRecord = {
      ...before,
      name,
      definition,
      revision: before.revision + 1,
      updatedAt: now,
    };
    if (!(await repos.catalog.updateCalendar(next, before.revision))) throw mismatch();
    await audit(repos.audit, actor, now, {
      action: 'calendar.updated',
      entityType: 'calendar',
      entityId: id,
      customerId: null,
      summary: `Calendar "${name}" updated to revision ${next.revision}`,
      changes: diff(before as unknown as Record<string, unknown>, next as unknown as Record<string, unknown>),
    });
    return {
      after: next,
      definitionChanged: JSON.stringify(before.definition) !== JSON.stringify(definition),
    };
  });
  ctx.feed.publish({
    type: 'calendar.changed',
    entityId: id,
    customerId: null,
    at: now,
    data: { revision: after.revision },
  });
  if (definitionChanged) await recompute?.afterCalendarChange(ctx, actor, id);
  return after;
}

/** @throws DomainError CALENDAR_NOT_FOUND, CALENDAR_IN_USE when an SLA version's targets count on it */
export async function deleteCalendar(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requireRole(actor, 'manager');
  const now = ctx.clock.now();
  await ctx.storage.transaction(async (repos) => {
    const before = await repos.catalog.findCalendar(id);
    if (!before) throw calendarNotFound(id);
    const slaIds = await repos.catalog.slasUsingCalendar(id);
    if (slaIds.length > 0) {
      throw new DomainError(
        'CALENDAR_IN_USE',
        `calendar "${before.name}" is used by ${slaIds.length} SLA(s); change their targets first`,
        { slaIds },
      );
    }
    await repos.catalog.deleteCalendar(id);
    await audit(repos.audit, actor, now, {
      action: 'calendar.deleted',
      entityType: 'calendar',
      entityId: id,
      customerId: null,
      summary: `Calendar "${before.name}" deleted`,
    });
  });
  ctx.feed.publish({
    type: 'calendar.changed',
    entityId: id,
    customerId: null,
    at: now,
    data: { deleted: true },
  });
}

/** The holidays of a stored calendar in a year (its own dates and its regions' public holidays). */
export async function calendarHolidays(
  ctx: AppContext,
  actor: Actor,
  id: string,
  year?: number,
): Promise<{ readonly year: number; readonly holidays: { date: string; name: string }[] }> {
  const calendar = await getCalendar(ctx, actor, id);
  const y = checkYear(year ?? currentYear(ctx));
  return { year: y, holidays: compiledCalendar(calendar).holidaysOfYear(y) };
}

/** The open periods of a stored calendar inside `[from, to)`, at most a quarter long. */
export async function calendarOpenIntervals(
  ctx: AppContext,
  actor: Actor,
  id: string,
  from: number,
  to: number,
): Promise<OpenPeriods> {
  if (!(to > from)) throw new DomainError('CALENDAR_RANGE_INVALID', '"to" must be after "from"');
  if (to - from > MAX_OPEN_INTERVAL_DAYS * DAY_MS) {
    throw new DomainError(
      'CALENDAR_RANGE_INVALID',
      `ask for at most ${MAX_OPEN_INTERVAL_DAYS} days at a time`,
      { maxDays: MAX_OPEN_INTERVAL_DAYS },
    );
  }
  const calendar = await getCalendar(ctx, actor, id);
  return openPeriods(compiledCalendar(calendar), from, to);
}

/** What a definition would mean, without saving it: a year's holidays and one week of open periods. */
export function previewCalendar(
  ctx: AppContext,
  _actor: Actor,
  input: CalendarPreviewInput,
): CalendarPreview {
  const calendar = BusinessCalendar.from(input.definition);
  const timeZone = calendar.timeZone;
  const today = localDayOf(ctx.clock.now(), timeZone);
  const year = checkYear(input.year ?? civilOf(today).year);
  let day: number;
  if (input.weekOf !== undefined) {
    const parsed = parseLocalDate(input.weekOf);
    if (parsed === undefined)
      throw new DomainError('CALENDAR_RANGE_INVALID', `weekOf "${input.weekOf}" is not a date YYYY-MM-DD`);
    day = parsed;
    checkYear(civilOf(day).year);
  } else if (civilOf(today).year === year) {
    day = today;
  } else {
    const first = epochDayOf(year, 1, 1);
    day = first + ((7 - weekdayOf(first)) % 7);
  }
  const week = weekAround(day, timeZone);
  return {
    timeZone,
    year,
    holidays: calendar.holidaysOfYear(year),
    week: openPeriods(calendar, week.from, week.to),
  };
}
