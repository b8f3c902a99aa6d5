import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { OpenPeriods } from '../../app/catalog/calendar-preview.ts';
import {
  calendarHolidays,
  calendarOpenIntervals,
  createCalendar,
  deleteCalendar,
  getCalendar,
  listCalendars,
  MAX_YEAR,
  MIN_YEAR,
  previewCalendar,
  updateCalendar,
} from '../../app/catalog/calendars.use-cases.ts';
import type { CalendarRecord } from '../../app/catalog/catalog.repository.ts';
import { parseInstant } from '../../domain/shared/time.ts';
import type { HttpDeps, RouteApp } from '../app.ts';
import { readIfMatch, setEtag } from '../etag.ts';
import { actorOf } from '../plugins/auth.ts';
import { catalogIdParams as idParams, text } from './catalog-fields.routes.ts';
import { errorResponses, instant, iso } from './common.ts';

const definitionSchema = z
  .record(z.string(), z.unknown())
  .describe(
    'A calendar definition as in calendar files: { name?, description?, timeZone, hours?: { mon: ["08:00-17:00"], … }, holidays?: ["2026-12-24", "12-31", { date, name }], holidayRegions?: ["DE-BY"], closures?: [{ from, to, reason? }] }',
  );

const calendarSchema = z.object({
  id: z.string(),
  name: z.string(),
  definition: definitionSchema,
  revision: z.number().int().describe('Bumped on every change; also the ETag'),
  createdAt: instant,
  updatedAt: instant,
});

const presentCalendar = (c: CalendarRecord): z.infer<typeof calendarSchema> => ({
  id: c.id,
  name: c.name,
  definition: c.definition as unknown as Record<string, unknown>,
  revision: c.revision,
  createdAt: iso(c.createdAt),
  updatedAt: iso(c.updatedAt),
});

const calendarBody = z
  .object({
    name: text(200).min(1).optional().describe("Defaults to the definition's name"),
    definition: definitionSchema,
  })
  .strict();

const holidaySchema = z.object({ date: z.string().describe('Local date YYYY-MM-DD'), name: z.string() });

const openPeriodsSchema = z.object({
  timeZone: z.string(),
  from: instant,
  to: instant,
  openMs: z.number().int().describe('Open time inside [from, to) in milliseconds'),
  intervals: z.array(
    z.object({
      start: instant,
      end: instant,
      localStart: z.string().describe("YYYY-MM-DDTHH:MM in the calendar's zone"),
      localEnd: z.string().describe("YYYY-MM-DDTHH:MM in the calendar's zone"),
    }),
  ),
});

const presentPeriods = (p: OpenPeriods): z.infer<typeof openPeriodsSchema> => ({
  timeZone: p.timeZone,
  from: iso(p.from),
  to: iso(p.to),
  openMs: p.openMs,
  intervals: p.intervals.map((iv) => ({
    start: iso(iv.start),
    end: iso(iv.end),
    localStart: iv.localStart,
    localEnd: iv.localEnd,
  })),
});

const year = z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR);

const withEtag = (reply: FastifyReply, c: CalendarRecord): FastifyReply => setEtag(reply, c.revision);

export function registerCalendarRoutes(app: RouteApp, { ctx, recompute }: HttpDeps): void {
  app.get(
    '/api/v1/calendars',
    {
      schema: {
        tags: ['calendars'],
        summary: 'List calendars',
        response: { 200: z.object({ items: z.array(calendarSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: (await listCalendars(ctx, actorOf(request))).map(presentCalendar) }),
  );

  app.post(
    '/api/v1/calendars',
    {
      schema: {
        tags: ['calendars'],
        summary:
          'Create a calendar (manager or admin); invalid definitions answer 400 with a CALENDAR_* code',
        body: calendarBody,
        response: { 201: calendarSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const calendar = await createCalendar(ctx, actorOf(request), request.body);
      return withEtag(reply.status(201), calendar).send(presentCalendar(calendar));
    },
  );

  app.post(
    '/api/v1/calendars/preview',
    {
      schema: {
        tags: ['calendars'],
        summary: "Try a definition without saving it: a year's holidays and one week of open periods",
        body: z
          .object({
            definition: definitionSchema,
            year: year.optional().describe('Year of the holidays (default: this year)'),
            weekOf: z
              .string()
              .max(10)
              .optional()
              .describe(
                'A local date YYYY-MM-DD inside the sample week (default: this week, or the first Monday of `year`)',
              ),
          })
          .strict(),
        response: {
          200: z.object({
            timeZone: z.string(),
            year: z.number().int(),
            holidays: z.array(holidaySchema),
            week: openPeriodsSchema,
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const preview = previewCalendar(ctx, actorOf(request), request.body);
      return {
        timeZone: preview.timeZone,
        year: preview.year,
        holidays: [...preview.holidays],
        week: presentPeriods(preview.week),
      };
    },
  );

  app.get(
    '/api/v1/calendars/:id',
    {
      schema: {
        tags: ['calendars'],
        summary: 'One calendar; the ETag header carries its revision',
        params: idParams,
        response: { 200: calendarSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const calendar = await getCalendar(ctx, actorOf(request), request.params.id);
      return withEtag(reply, calendar).send(presentCalendar(calendar));
    },
  );

  app.put(
    '/api/v1/calendars/:id',
    {
      schema: {
        tags: ['calendars'],
        summary:
          'Replace a calendar (manager or admin). Send `If-Match: "<revision>"` to refuse the change with 412 REVISION_MISMATCH when someone else changed it first; open tickets counting on it are recomputed.',
        params: idParams,
        body: calendarBody,
        response: { 200: calendarSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const wanted = readIfMatch(request.headers['if-match']);
      const ifMatch = Array.isArray(wanted) ? wanted : undefined;
      const calendar = await updateCalendar(
        ctx,
        actorOf(request),
        request.params.id,
        { ...request.body, ...(ifMatch ? { ifMatch } : {}) },
        recompute,
      );
      return withEtag(reply, calendar).send(presentCalendar(calendar));
    },
  );

  app.delete(
    '/api/v1/calendars/:id',
    {
      schema: {
        tags: ['calendars'],
        summary: 'Delete a calendar (manager or admin); 409 CALENDAR_IN_USE while an SLA counts on it',
        params: idParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteCalendar(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/calendars/:id/holidays',
    {
      schema: {
        tags: ['calendars'],
        summary: "A year's holidays of a calendar: its own dates and its regions' public holidays",
        params: idParams,
        querystring: z.object({ year: year.optional().describe('Default: this year') }).strict(),
        response: {
          200: z.object({ calendarId: z.string(), year: z.number().int(), holidays: z.array(holidaySchema) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { year: y, holidays } = await calendarHolidays(
        ctx,
        actorOf(request),
        request.params.id,
        request.query.year,
      );
      return { calendarId: request.params.id, year: y, holidays };
    },
  );

  app.get(
    '/api/v1/calendars/:id/open-intervals',
    {
      schema: {
        tags: ['calendars'],
        summary: 'The open periods of a calendar between two instants (at most 93 days)',
        params: idParams,
        querystring: z.object({ from: instant, to: instant }).strict(),
        response: { 200: openPeriodsSchema.extend({ calendarId: z.string() }), ...errorResponses },
      },
    },
    async (request) => {
      const from = parseInstant(request.query.from, 'from');
      const to = parseInstant(request.query.to, 'to');
      const periods = await calendarOpenIntervals(ctx, actorOf(request), request.params.id, from, to);
      return { calendarId: request.params.id, ...presentPeriods(periods) };
    },
  );
}
