// Report schedules: a customer's report mailed on the first working day of each month or quarter; and a
// manager's "send now" of a chosen period through the same path.
import { z } from 'zod';
import { sendReportNow } from '../../app/reports/report-schedules.delivery.ts';
import {
  createReportSchedule,
  deleteReportSchedule,
  getReportSchedule,
  listReportSchedules,
  updateReportSchedule,
  type ReportSchedule,
} from '../../app/reports/report-schedules.use-cases.ts';
import { REPORT_LANGUAGES } from '../../domain/reports/summary.ts';
import type { HttpDeps, RouteApp } from '../app.ts';
import { actorOf } from '../plugins/auth.ts';
import { errorResponses, idParams, instant, iso, isoOrNull } from './common.ts';
import { reportCsv } from './reports-csv.ts';

const id = z.string().min(1).max(100);
const cadence = z.enum(['month', 'quarter']);
const format = z.enum(['pdf', 'csv']);

const recipientsSchema = z.object({
  reportContacts: z.boolean().describe('The customer\'s contacts marked "receives reports"'),
  contactRoles: z
    .array(z.string())
    .describe('Contacts of the customer whose role is one of these (case does not matter), e.g. ["report"]'),
  contactIds: z.array(z.string()).describe('Contacts of the customer by id'),
  userIds: z.array(z.string()).describe('Internal copies: staff users by id'),
});

const scheduleSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  cadence,
  lang: z.enum(REPORT_LANGUAGES).nullable().describe("null: the customer's language"),
  formats: z.array(format).describe('Files attached; the link to the issued report is always in the mail'),
  recipients: recipientsSchema,
  calendarId: z.string().nullable().describe("null: the customer's SLA calendar, else Monday to Friday"),
  effectiveCalendar: z.object({
    id: z.string().nullable(),
    source: z
      .enum(['schedule', 'sla', 'weekdays'])
      .describe("The schedule's calendar, the customer's SLA calendar, or Monday to Friday without holidays"),
  }),
  enabled: z.boolean(),
  nextDelivery: z
    .object({ period: z.string(), at: instant })
    .nullable()
    .describe("The next period mailed and from when (07:00 in the customer's zone); null when disabled"),
  lastPeriod: z.string().nullable().describe('The last period the schedule delivered itself'),
  lastDeliveredAt: instant.nullable(),
  createdAt: instant,
  updatedAt: instant,
});

const present = (s: ReportSchedule): z.infer<typeof scheduleSchema> => ({
  id: s.id,
  customerId: s.customerId,
  cadence: s.cadence,
  lang: s.lang,
  formats: [...s.formats],
  recipients: {
    reportContacts: s.recipients.reportContacts,
    contactRoles: [...s.recipients.contactRoles],
    contactIds: [...s.recipients.contactIds],
    userIds: [...s.recipients.userIds],
  },
  calendarId: s.calendarId,
  effectiveCalendar: s.effectiveCalendar,
  enabled: s.enabled,
  nextDelivery: s.nextDelivery ? { period: s.nextDelivery.periodKey, at: iso(s.nextDelivery.at) } : null,
  lastPeriod: s.lastPeriodKey,
  lastDeliveredAt: isoOrNull(s.lastDeliveredAt),
  createdAt: iso(s.createdAt),
  updatedAt: iso(s.updatedAt),
});

const recipientsBody = z
  .object({
    reportContacts: z.boolean().optional().describe('Default true'),
    contactRoles: z.array(z.string().min(1).max(200)).max(20).optional(),
    contactIds: z.array(id).max(50).optional(),
    userIds: z.array(id).max(50).optional(),
  })
  .strict();

const fields = {
  cadence: cadence.optional().describe('Default month'),
  lang: z.enum(REPORT_LANGUAGES).nullable().optional().describe("Default: the customer's language"),
  formats: z.array(format).max(2).optional().describe('Default ["pdf"]'),
  recipients: recipientsBody.optional(),
  calendarId: id
    .nullable()
    .optional()
    .describe("Whose working days count; default the customer's SLA calendar"),
  enabled: z.boolean().optional().describe('Default true'),
};

const createBody = z.object({ customerId: id, ...fields }).strict();
const patchBody = z.object(fields).strict();

const deliverySchema = z.object({
  scheduleId: z.string(),
  period: z.string(),
  issuedReportId: z.string().describe('The issued report mailed: GET /api/v1/reports/{id}'),
  queued: z.number().int().describe('Mails queued in the outbox'),
  recipients: z.number().int(),
  skipped: z.number().int().describe('Recipients named without an e-mail address'),
});

export function registerReportScheduleRoutes(app: RouteApp, { ctx, options }: HttpDeps): void {
  app.get(
    '/api/v1/report-schedules',
    {
      schema: {
        tags: ['reports'],
        summary: "Report schedules, oldest first (customer viewers: their own customer's)",
        querystring: z.object({ customerId: id.optional() }),
        response: { 200: z.object({ items: z.array(scheduleSchema) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: (await listReportSchedules(ctx, actorOf(request), request.query)).map(present),
    }),
  );

  app.post(
    '/api/v1/report-schedules',
    {
      schema: {
        tags: ['reports'],
        summary:
          "Mail a customer's report every month or quarter on the first working day (manager or admin)",
        body: createBody,
        response: { 201: scheduleSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(present(await createReportSchedule(ctx, actorOf(request), request.body))),
  );

  app.get(
    '/api/v1/report-schedules/:id',
    {
      schema: {
        tags: ['reports'],
        summary: 'One report schedule with its next delivery',
        params: idParams,
        response: { 200: scheduleSchema, ...errorResponses },
      },
    },
    async (request) => present(await getReportSchedule(ctx, actorOf(request), request.params.id)),
  );

  app.patch(
    '/api/v1/report-schedules/:id',
    {
      schema: {
        tags: ['reports'],
        summary: 'Change a report schedule; recipients merge field by field (manager or admin)',
        params: idParams,
        body: patchBody,
        response: { 200: scheduleSchema, ...errorResponses },
      },
    },
    async (request) =>
      present(await updateReportSchedule(ctx, actorOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/api/v1/report-schedules/:id',
    {
      schema: {
        tags: ['reports'],
        summary: 'Remove a report schedule; reports already issued stay (manager or admin)',
        params: idParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteReportSchedule(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/report-schedules/:id/send-now',
    {
      schema: {
        tags: ['reports'],
        summary:
          "Issue a closed period's report and mail it to the schedule's recipients now, even if it went out before (manager or admin)",
        params: idParams,
        querystring: z.object({
          period: z.string().min(1).max(100).describe('A closed period: 2026-03, 2026-Q1, 2026'),
        }),
        response: { 202: deliverySchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const d = await sendReportNow(
        ctx,
        actorOf(request),
        request.params.id,
        request.query.period,
        { publicUrl: options.publicUrl },
        { csv: reportCsv },
      );
      return reply.status(202).send({
        scheduleId: d.scheduleId,
        period: d.periodKey,
        issuedReportId: d.issuedReportId,
        queued: d.queued,
        recipients: d.recipients,
        skipped: d.skipped,
      });
    },
  );
}
