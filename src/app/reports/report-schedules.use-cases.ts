// Report schedules: a customer's report mailed every month or quarter to its report contacts. Managers and
// admins write them; staff read every customer's, a customer viewer its own customer's. Writes are audited.
import type { BusinessCalendar } from '../../domain/calendars/business-calendar.ts';
import {
  latestClosedDelivery,
  nextDelivery,
  type DeliveryCadence,
  type DueDelivery,
  type WorkingDayTest,
} from '../../domain/reports/delivery-day.ts';
import type { ReportLanguage } from '../../domain/reports/summary.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import { assertCustomerVisible, requireRole, type Actor } from '../actor.ts';
import { audit, diff } from '../audit/audit.ts';
import { compiledCalendar } from '../catalog/calendar-cache.ts';
import type { AppContext } from '../context.ts';
import type { Customer } from '../customers/customers.repository.ts';
import type { Repositories } from '../ports/repositories.ts';
import { resolveSlaWith } from '../slas/assignment.use-cases.ts';
import { visibleCustomer } from './customer-report.use-cases.ts';
import type {
  ReportAttachmentFormat,
  ReportRecipients,
  ReportScheduleRecord,
} from './report-schedules.repository.ts';

export interface ReportScheduleInput {
  readonly customerId?: string;
  readonly cadence?: DeliveryCadence;
  readonly lang?: ReportLanguage | null;
  readonly formats?: readonly ReportAttachmentFormat[];
  readonly recipients?: Partial<ReportRecipients>;
  readonly calendarId?: string | null;
  readonly enabled?: boolean;
}

/** Where the working days of a schedule come from. */
export type CalendarSource = 'schedule' | 'sla' | 'weekdays';

/** A schedule with what it resolves to now: its calendar and its next delivery. */
export interface ReportSchedule extends ReportScheduleRecord {
  readonly effectiveCalendar: { readonly id: string | null; readonly source: CalendarSource };
  /** Null while the schedule is disabled. */
  readonly nextDelivery: { readonly periodKey: string; readonly at: number } | null;
}

const MAX_LIST = 50;

function invalid(field: string, message: string): never {
  throw new DomainError('REPORT_SCHEDULE_INVALID', `${field}: ${message}`, { field });
}

const notFound = (id: string): never => {
  throw new DomainError('REPORT_SCHEDULE_NOT_FOUND', 'report schedule not found', { id });
};

/**
 * The calendar whose working days count for a schedule: its own; else the calendar of the customer's SLA
 * (the first target with one, resolution before first response, then availability); else none, which means
 * Monday to Friday in the customer's zone without public holidays.
 */
async function scheduleCalendar(
  repos: Pick<Repositories, 'catalog' | 'slas'>,
  schedule: Pick<ReportScheduleRecord, 'calendarId' | 'customerId'>,
): Promise<{
  readonly calendar: BusinessCalendar | null;
  readonly id: string | null;
  readonly source: CalendarSource;
}> {
  if (schedule.calendarId !== null) {
    const own = await repos.catalog.findCalendar(schedule.calendarId);
    if (own) return { calendar: compiledCalendar(own), id: own.id, source: 'schedule' };
  }
  const sla = await resolveSlaWith(repos, {
    customerId: schedule.customerId,
    serviceId: null,
    priority: null,
    ticketType: null,
  });
  const terms = sla?.version.terms;
  const candidates = [
    ...Object.values(terms?.targets ?? {}).flatMap((t) => [
      t.resolution?.calendarId,
      t.firstResponse?.calendarId,
    ]),
    ...(terms?.availability ?? []).map((a) => a.calendarId),
  ];
  for (const id of candidates) {
    if (id === null || id === undefined) continue;
    const record = await repos.catalog.findCalendar(id);
    if (record) return { calendar: compiledCalendar(record), id, source: 'sla' };
  }
  return { calendar: null, id: null, source: 'weekdays' };
}

/** Monday to Friday, judged by the local date at the day's midnight in the zone. */
function weekdays(timeZone: string): WorkingDayTest {
  const weekday = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' });
  return ({ start }) => !['Sat', 'Sun'].includes(weekday.format(start));
}

/** A day is a working day when the calendar is open at some time of it. */
const openOnSomeTime =
  (calendar: BusinessCalendar): WorkingDayTest =>
  ({ start, end }) =>
    calendar.openIntervals(start, end).length > 0;

/** The working-day test of a schedule for its customer, and where its calendar came from. */
export async function workingDays(
  repos: Pick<Repositories, 'catalog' | 'slas'>,
  schedule: Pick<ReportScheduleRecord, 'calendarId' | 'customerId'>,
  customer: Pick<Customer, 'timeZone'>,
): Promise<{ readonly test: WorkingDayTest; readonly id: string | null; readonly source: CalendarSource }> {
  const found = await scheduleCalendar(repos, schedule);
  return {
    test: found.calendar ? openOnSomeTime(found.calendar) : weekdays(customer.timeZone),
    id: found.id,
    source: found.source,
  };
}

/**
 * The delivery a schedule owes at `now`, if any: the latest closed period, once its delivery moment has come,
 * unless the schedule already delivered it or was created after that moment (it then starts with the next).
 */
export function owedDelivery(schedule: ReportScheduleRecord, due: DueDelivery, now: number): boolean {
  return (
    schedule.enabled &&
    now >= due.deliverAt &&
    schedule.createdAt < due.deliverAt &&
    schedule.lastPeriodKey !== due.period.key
  );
}

async function describe(ctx: AppContext, schedule: ReportScheduleRecord): Promise<ReportSchedule> {
  const customer = await ctx.storage.customers.findById(schedule.customerId);
  const days = await workingDays(ctx.storage, schedule, customer ?? { timeZone: 'UTC' });
  const effectiveCalendar = { id: days.id, source: days.source };
  if (!schedule.enabled || !customer) return { ...schedule, effectiveCalendar, nextDelivery: null };
  const now = ctx.clock.now();
  const closed = latestClosedDelivery(schedule.cadence, now, customer.timeZone, days.test);
  const next =
    closed.deliverAt > now &&
    schedule.lastPeriodKey !== closed.period.key &&
    schedule.createdAt < closed.deliverAt
      ? closed
      : nextDelivery(schedule.cadence, now, customer.timeZone, days.test);
  return { ...schedule, effectiveCalendar, nextDelivery: { periodKey: next.period.key, at: next.deliverAt } };
}

function cleanRoles(roles: readonly string[]): string[] {
  const out = [...new Set(roles.map((r) => r.trim()).filter((r) => r !== ''))];
  if (out.some((r) => r.length > 200))
    invalid('recipients.contactRoles', 'a role has at most 200 characters');
  return out;
}

/** Checks references against the database and that somebody will receive the report. */
async function validated(ctx: AppContext, s: ReportScheduleRecord): Promise<ReportScheduleRecord> {
  const formats = [...new Set(s.formats)];
  if (formats.some((f) => f !== 'pdf' && f !== 'csv')) invalid('formats', 'each format is pdf or csv');
  const recipients: ReportRecipients = {
    reportContacts: s.recipients.reportContacts,
    contactRoles: cleanRoles(s.recipients.contactRoles),
    contactIds: [...new Set(s.recipients.contactIds)],
    userIds: [...new Set(s.recipients.userIds)],
  };
  if (
    !recipients.reportContacts &&
    recipients.contactRoles.length + recipients.contactIds.length + recipients.userIds.length === 0
  )
    invalid('recipients', 'name at least one recipient: report contacts, contact roles, contacts or users');
  if (recipients.contactIds.length + recipients.userIds.length > MAX_LIST)
    invalid('recipients', `at most ${MAX_LIST} contacts and users`);
  for (const id of recipients.contactIds) {
    const contact = await ctx.storage.catalog.findContact(id);
    if (!contact || contact.customerId !== s.customerId)
      invalid('recipients.contactIds', `there is no contact "${id}" of this customer`);
  }
  for (const id of recipients.userIds) {
    const user = await ctx.storage.accounts.findUserById(id);
    // Internal copies go to the provider's staff; a customer's own people are its contacts.
    if (!user || user.customerId !== null || user.role === 'customer')
      invalid('recipients.userIds', `there is no staff user "${id}"`);
  }
  if (s.calendarId !== null && !(await ctx.storage.catalog.findCalendar(s.calendarId)))
    invalid('calendarId', `there is no calendar "${s.calendarId}"`);
  return { ...s, formats, recipients };
}

/** A customer viewer sees its own customer's schedules only; a foreign one reads as absent. */
async function visibleSchedule(ctx: AppContext, actor: Actor, id: string): Promise<ReportScheduleRecord> {
  const found = await ctx.storage.reportSchedules.findSchedule(id);
  if (!found) return notFound(id);
  assertCustomerVisible(actor, found.customerId, 'REPORT_SCHEDULE_NOT_FOUND', 'report schedule');
  return found;
}

/** Schedules, oldest first; a customer viewer gets its own customer's only. */
export async function listReportSchedules(
  ctx: AppContext,
  actor: Actor,
  filter: { readonly customerId?: string },
): Promise<ReportSchedule[]> {
  if (actor.customerId !== null && filter.customerId !== undefined && filter.customerId !== actor.customerId)
    return [];
  const customerId = actor.customerId ?? filter.customerId;
  const rows = await ctx.storage.reportSchedules.listSchedules(
    customerId !== undefined ? { customerId } : {},
  );
  return Promise.all(rows.map((r) => describe(ctx, r)));
}

/** @throws DomainError REPORT_SCHEDULE_NOT_FOUND */
export async function getReportSchedule(ctx: AppContext, actor: Actor, id: string): Promise<ReportSchedule> {
  return describe(ctx, await visibleSchedule(ctx, actor, id));
}

/**
 * Creates a schedule. Defaults: monthly, the customer's language, PDF attached, the customer's report
 * contacts, the customer's SLA calendar, enabled.
 * @throws DomainError FORBIDDEN, CUSTOMER_NOT_FOUND, REPORT_SCHEDULE_INVALID
 */
export async function createReportSchedule(
  ctx: AppContext,
  actor: Actor,
  input: ReportScheduleInput,
): Promise<ReportSchedule> {
  requireRole(actor, 'manager');
  if (input.customerId === undefined) invalid('customerId', 'is required');
  const customer = await visibleCustomer(ctx, actor, input.customerId);
  const now = ctx.clock.now();
  const schedule = await validated(ctx, {
    id: ctx.ids.next(),
    customerId: customer.id,
    cadence: input.cadence ?? 'month',
    lang: input.lang ?? null,
    formats: input.formats ?? ['pdf'],
    recipients: {
      reportContacts: input.recipients?.reportContacts ?? true,
      contactRoles: input.recipients?.contactRoles ?? [],
      contactIds: input.recipients?.contactIds ?? [],
      userIds: input.recipients?.userIds ?? [],
    },
    calendarId: input.calendarId ?? null,
    enabled: input.enabled ?? true,
    lastPeriodKey: null,
    lastDeliveredAt: null,
    createdAt: now,
    updatedAt: now,
  });
  await ctx.storage.transaction(async (repos) => {
    await repos.reportSchedules.insertSchedule(schedule);
    await audit(repos.audit, actor, now, {
      action: 'report_schedule.created',
      entityType: 'report_schedule',
      entityId: schedule.id,
      customerId: customer.id,
      summary: `Report schedule (${schedule.cadence}) for "${customer.name}" created`,
    });
  });
  return describe(ctx, schedule);
}

/** @throws DomainError FORBIDDEN, REPORT_SCHEDULE_NOT_FOUND, REPORT_SCHEDULE_INVALID */
export async function updateReportSchedule(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: ReportScheduleInput,
): Promise<ReportSchedule> {
  requireRole(actor, 'manager');
  const before = await visibleSchedule(ctx, actor, id);
  if (input.customerId !== undefined && input.customerId !== before.customerId)
    invalid('customerId', 'a schedule stays with its customer; create one for the other customer');
  const now = ctx.clock.now();
  const after = await validated(ctx, {
    ...before,
    ...(input.cadence !== undefined ? { cadence: input.cadence } : {}),
    ...(input.lang !== undefined ? { lang: input.lang } : {}),
    ...(input.formats !== undefined ? { formats: input.formats } : {}),
    recipients: { ...before.recipients, ...input.recipients },
    ...(input.calendarId !== undefined ? { calendarId: input.calendarId } : {}),
    ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
    updatedAt: now,
  });
  await ctx.storage.transaction(async (repos) => {
    await repos.reportSchedules.updateSchedule(after);
    await audit(repos.audit, actor, now, {
      action: 'report_schedule.updated',
      entityType: 'report_schedule',
      entityId: id,
      customerId: after.customerId,
      summary: 'Report schedule changed',
      changes: diff({ ...before }, { ...after }),
    });
  });
  return describe(ctx, after);
}

/** @throws DomainError FORBIDDEN, REPORT_SCHEDULE_NOT_FOUND */
export async function deleteReportSchedule(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requireRole(actor, 'manager');
  const found = await visibleSchedule(ctx, actor, id);
  const now = ctx.clock.now();
  await ctx.storage.transaction(async (repos) => {
    await repos.reportSchedules.deleteSchedule(id);
    await audit(repos.audit, actor, now, {
      action: 'report_schedule.deleted',
      entityType: 'report_schedule',
      entityId: id,
      customerId: found.customerId,
      summary: 'Report schedule deleted',
    });
  });
}

export { visibleSchedule };
