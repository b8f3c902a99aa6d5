// Delivering scheduled reports: on the first working day after a period closed, issue the customer's report
// of it (stored frozen), render the attachments and queue one mail per recipient into the escalation outbox.
// The outbox's idempotency key (schedule, period, recipient) makes a second run, a restart or a second worker
// add nothing; the schedule's "last period" only spares them the rendering.
import { latestClosedDelivery } from '../../domain/reports/delivery-day.ts';
import { parsePeriod, reportPeriod } from '../../domain/reports/periods.ts';
import type { ReportLanguage } from '../../domain/reports/summary.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import { requireRole, SYSTEM_ACTOR, type Actor } from '../actor.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import type { Customer } from '../customers/customers.repository.ts';
import { documentRenderer, fileSlug } from '../documents/sla-document.use-cases.ts';
import { ENV_EMAIL_CHANNEL_ID, type EscalationSettings } from '../escalation/channels.ts';
import type { NotificationRecord } from '../escalation/escalation.repository.ts';
import type { MessageAttachment, NotificationMessage } from '../ports/notifier.ts';
import type { CustomerReport } from './customer-report.use-cases.ts';
import { issueReport, type IssuedReport } from './issued-reports.use-cases.ts';
import type { ReportScheduleRecord } from './report-schedules.repository.ts';
import { owedDelivery, visibleSchedule, workingDays } from './report-schedules.use-cases.ts';

/** Formats the app layer does not render itself: the CSV lives with the HTTP presenters. */
export interface ReportFormatters {
  csv(report: CustomerReport, lang: ReportLanguage): string;
}

/** What one delivery queued. */
export interface ReportDelivery {
  readonly scheduleId: string;
  readonly periodKey: string;
  readonly issuedReportId: string;
  /** Mails queued now; 0 when every recipient already had this one. */
  readonly queued: number;
  /** Distinct addresses the report goes to. */
  readonly recipients: number;
  /** Contacts and users named by the schedule without an e-mail address. */
  readonly skipped: number;
}

export interface DeliveryRun {
  readonly deliveries: readonly ReportDelivery[];
  readonly failures: readonly { readonly scheduleId: string; readonly error: string }[];
}

interface Addressee {
  readonly address: string;
  readonly name: string;
  readonly userId: string | null;
}

/** The schedule's people with an address, each address once; and how many had none. */
async function addressees(
  ctx: AppContext,
  schedule: ReportScheduleRecord,
): Promise<{ readonly list: Addressee[]; readonly skipped: number }> {
  const r = schedule.recipients;
  const roles = new Set(r.contactRoles.map((x) => x.toLowerCase()));
  const ids = new Set(r.contactIds);
  const byAddress = new Map<string, Addressee>();
  let skipped = 0;
  const add = (email: string | null, name: string, userId: string | null): void => {
    const address = email?.trim().toLowerCase() ?? '';
    if (address === '') skipped++;
    else if (!byAddress.has(address)) byAddress.set(address, { address, name, userId });
  };
  for (const c of await ctx.storage.catalog.listContacts(schedule.customerId)) {
    const chosen =
      (r.reportContacts && c.receivesReports) ||
      (c.role !== null && roles.has(c.role.trim().toLowerCase())) ||
      ids.has(c.id);
    if (chosen) add(c.email, c.name, null);
  }
  for (const id of r.userIds) {
    const user = await ctx.storage.accounts.findUserById(id);
    if (user && !user.disabled) add(user.email, user.name, user.id);
  }
  return { list: [...byAddress.values()], skipped };
}

/** Issues the period; two workers issuing a first revision together collide once, and the retry reads it. */
async function issued(
  ctx: AppContext,
  customer: Customer,
  periodKey: string,
  lang: ReportLanguage,
): Promise<IssuedReport> {
  const input = { customerId: customer.id, period: periodKey, lang };
  try {
    return (await issueReport(ctx, SYSTEM_ACTOR, input)).report;
  } catch (error) {
    if (error instanceof DomainError) throw error;
    return (await issueReport(ctx, SYSTEM_ACTOR, input)).report;
  }
}

async function attachmentsOf(
  ctx: AppContext,
  schedule: ReportScheduleRecord,
  report: IssuedReport,
  customer: Customer,
  lang: ReportLanguage,
  formatters: ReportFormatters,
): Promise<MessageAttachment[]> {
  const base = `report-${fileSlug(customer.name)}-${report.periodKey}-${lang}`;
  const out: MessageAttachment[] = [];
  if (schedule.formats.includes('pdf')) {
    const bytes = await documentRenderer(ctx).reportPdf(report.report, lang);
    out.push({
      fileName: `${base}.pdf`,
      contentType: 'application/pdf',
      contentBase64: Buffer.from(bytes).toString('base64'),
    });
  }
  if (schedule.formats.includes('csv'))
    out.push({
      fileName: `${base}.csv`,
      contentType: 'text/csv; charset=utf-8',
      contentBase64: Buffer.from(formatters.csv(report.report, lang), 'utf8').toString('base64'),
    });
  return out;
}

/**
 * Issues a schedule's period and queues its mail, one per address. `keyPart` tells the schedule's own
 * delivery ("scheduled") from a manager's "send now", which must not be taken for a duplicate of it.
 */
async function sendReport(
  ctx: AppContext,
  schedule: ReportScheduleRecord,
  customer: Customer,
  periodKey: string,
  settings: EscalationSettings,
  formatters: ReportFormatters,
  keyPart: string,
): Promise<ReportDelivery> {
  const lang = schedule.lang ?? customer.locale;
  const report = await issued(ctx, customer, periodKey, lang);
  const people = await addressees(ctx, schedule);
  const attachments = await attachmentsOf(ctx, schedule, report, customer, lang, formatters);
  const channel =
    settings.envEmail ?? (await ctx.storage.escalation.listChannels()).find((c) => c.kind === 'email');
  // Without a configured mail channel the row waits for the environment's one (PLEDGE_SMTP_URL) in the worker;
  // a worker without it gives the row up as dead, and the notification log says why.
  const channelId = channel?.id ?? ENV_EMAIL_CHANNEL_ID;
  const now = ctx.clock.now();
  const rows = people.list.map((p): NotificationRecord => {
    const idempotencyKey = `report:${schedule.id}:${periodKey}:${keyPart}:${p.address}`;
    const message: NotificationMessage = {
      idempotencyKey,
      locale: lang,
      timeZone: customer.timeZone,
      facts: {
        kind: 'scheduled_report',
        level: 1,
        report: {
          customerName: customer.name,
          period: report.report.period.label[lang],
          summary: report.report.figures.summary[lang],
          url: `${settings.publicUrl}/api/v1/reports/${report.id}.html`,
        },
      },
      attachments,
    };
    return {
      id: ctx.ids.next(),
      idempotencyKey,
      stepKey: null,
      ticketId: null,
      channelId,
      channelKind: 'email',
      recipient: p.address,
      recipientName: p.name,
      recipientUserId: p.userId,
      message,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      detail: null,
      sentAt: null,
      ackTokenHash: null,
      createdAt: now,
      updatedAt: now,
    };
  });
  const queued = rows.length === 0 ? 0 : await ctx.storage.escalation.insertNotifications(rows);
  return {
    scheduleId: schedule.id,
    periodKey,
    issuedReportId: report.id,
    queued,
    recipients: rows.length,
    skipped: people.skipped,
  };
}

/**
 * Delivers every enabled schedule whose latest closed period is due at `now` and not yet delivered. One
 * schedule's failure (a missing renderer, a broken calendar) is reported and does not stop the others; it is
 * tried again on the next run.
 */
export async function deliverDueReports(
  ctx: AppContext,
  now: number,
  settings: EscalationSettings,
  formatters: ReportFormatters,
): Promise<DeliveryRun> {
  const deliveries: ReportDelivery[] = [];
  const failures: { scheduleId: string; error: string }[] = [];
  for (const schedule of await ctx.storage.reportSchedules.listSchedules({ enabledOnly: true })) {
    try {
      const customer = await ctx.storage.customers.findById(schedule.customerId);
      if (!customer || customer.archivedAt !== null) continue;
      const days = await workingDays(ctx.storage, schedule, customer);
      const due = latestClosedDelivery(schedule.cadence, now, customer.timeZone, days.test);
      if (!owedDelivery(schedule, due, now)) continue;
      const delivery = await sendReport(
        ctx,
        schedule,
        customer,
        due.period.key,
        settings,
        formatters,
        'scheduled',
      );
      await ctx.storage.reportSchedules.markDelivered(schedule.id, due.period.key, now);
      deliveries.push(delivery);
    } catch (error) {
      failures.push({
        scheduleId: schedule.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return { deliveries, failures };
}

/**
 * Sends a schedule's report of a closed period now, to the schedule's recipients, whether or not the
 * schedule delivered it already. Each call queues anew.
 * @throws DomainError FORBIDDEN, REPORT_SCHEDULE_NOT_FOUND, PERIOD_INVALID, REPORT_PERIOD_OPEN,
 *   DOCUMENTS_UNAVAILABLE
 */
export async function sendReportNow(
  ctx: AppContext,
  actor: Actor,
  id: string,
  period: string,
  settings: EscalationSettings,
  formatters: ReportFormatters,
): Promise<ReportDelivery> {
  requireRole(actor, 'manager');
  const schedule = await visibleSchedule(ctx, actor, id);
  const customer = await ctx.storage.customers.findById(schedule.customerId);
  if (!customer) throw new DomainError('REPORT_SCHEDULE_NOT_FOUND', 'report schedule not found', { id });
  const resolved = reportPeriod(parsePeriod(period, customer.timeZone), customer.timeZone);
  const now = ctx.clock.now();
  if (resolved.end > now)
    throw new DomainError('REPORT_PERIOD_OPEN', `the period ${resolved.key} has not ended yet`, {
      period: resolved.key,
    });
  const delivery = await sendReport(
    ctx,
    schedule,
    customer,
    resolved.key,
    settings,
    formatters,
    `now-${ctx.ids.next()}`,
  );
  await audit(ctx.storage.audit, actor, now, {
    action: 'report_schedule.sent',
    entityType: 'report_schedule',
    entityId: schedule.id,
    customerId: schedule.customerId,
    summary: `Report ${resolved.key} of "${customer.name}" sent to ${delivery.recipients} recipient(s)`,
  });
  return delivery;
}
