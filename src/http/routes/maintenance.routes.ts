import { z } from 'zod';
import {
  createMaintenance,
  deleteMaintenance,
  getMaintenance,
  listMaintenance,
  updateMaintenance,
  type MaintenanceView,
} from '../../app/monitoring/maintenance.use-cases.ts';
import { maintenanceIntervals } from '../../domain/monitoring/maintenance.ts';
import { DAY_MS } from '../../domain/shared/time.ts';
import type { HttpDeps, RouteApp } from '../app.ts';
import { actorOf } from '../plugins/auth.ts';
import { catalogIdParams as idParams, pathId, text } from './catalog-fields.routes.ts';
import { errorResponses, instant, iso } from './common.ts';

/** How many upcoming occurrences a window shows. */
const UPCOMING = 5;
const UPCOMING_HORIZON_MS = 400 * DAY_MS;

const recurrenceSchema = z.union([
  z
    .object({
      kind: z.literal('weekly'),
      weekdays: z.array(z.number().int().min(1).max(7)).min(1),
      every: z.number().int().min(1).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('monthly-day'), day: z.number().int().min(1).max(31) }).strict(),
  z
    .object({
      kind: z.literal('monthly-weekday'),
      nth: z.number().int().min(-1).max(5),
      weekday: z.number().int().min(1).max(7),
    })
    .strict(),
]);

const definitionSchema = z
  .object({
    timeZone: z.string().max(100).describe('IANA zone the start is written in, e.g. Europe/Berlin'),
    start: z.string().max(40).describe('Local start, "YYYY-MM-DDTHH:MM"'),
    durationMinutes: z.number().int().min(1),
    recurrence: recurrenceSchema
      .nullable()
      .optional()
      .describe('weekly (ISO weekdays 1 = Monday), monthly-day, or monthly-weekday (nth -1 = last)'),
    until: z.string().max(10).nullable().optional().describe('Last local date a recurring window starts on'),
  })
  .strict();

const windowSchema = z.object({
  id: z.string(),
  name: z.string(),
  serviceId: z.string().nullable(),
  monitorId: z.string().nullable(),
  customerId: z.string().nullable(),
  definition: z.record(z.string(), z.unknown()),
  upcoming: z
    .array(z.object({ start: instant, end: instant }))
    .describe('The next occurrences (ongoing one first)'),
  createdAt: instant,
  updatedAt: instant,
});

const body = z
  .object({
    name: text(200).min(1),
    serviceId: pathId.nullable().optional().describe('The service whose monitors are in maintenance'),
    monitorId: pathId.nullable().optional().describe('Or one monitor only'),
    customerId: pathId.nullable().optional().describe("Limit a service window to this customer's monitors"),
    definition: definitionSchema,
  })
  .strict();

export function registerMaintenanceRoutes(app: RouteApp, { ctx }: HttpDeps): void {
  const present = (w: MaintenanceView): z.infer<typeof windowSchema> => {
    const now = ctx.clock.now();
    const upcoming = maintenanceIntervals(w.definition, now, now + UPCOMING_HORIZON_MS).slice(0, UPCOMING);
    return {
      id: w.id,
      name: w.name,
      serviceId: w.serviceId,
      monitorId: w.monitorId,
      customerId: w.customerId,
      definition: w.definition as unknown as Record<string, unknown>,
      upcoming: upcoming.map((i) => ({ start: iso(i.start), end: iso(i.end) })),
      createdAt: iso(w.createdAt),
      updatedAt: iso(w.updatedAt),
    };
  };

  app.get(
    '/api/v1/maintenance-windows',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Maintenance windows: one-off and recurring, each in its own time zone',
        querystring: z.object({ serviceId: pathId.optional(), monitorId: pathId.optional() }),
        response: { 200: z.object({ items: z.array(windowSchema) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: (await listMaintenance(ctx, actorOf(request), request.query)).map(present),
    }),
  );

  app.post(
    '/api/v1/maintenance-windows',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          'Plan a maintenance window (agent or higher): its time is neither up nor down, and alerts are held',
        body,
        response: { 201: windowSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(present(await createMaintenance(ctx, actorOf(request), request.body))),
  );

  app.get(
    '/api/v1/maintenance-windows/:id',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'One maintenance window',
        params: idParams,
        response: { 200: windowSchema, ...errorResponses },
      },
    },
    async (request) => present(await getMaintenance(ctx, actorOf(request), request.params.id)),
  );

  app.patch(
    '/api/v1/maintenance-windows/:id',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Change a maintenance window (agent or higher)',
        params: idParams,
        body: body.partial().strict(),
        response: { 200: windowSchema, ...errorResponses },
      },
    },
    async (request) =>
      present(await updateMaintenance(ctx, actorOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/api/v1/maintenance-windows/:id',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Delete a maintenance window (agent or higher)',
        params: idParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteMaintenance(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
