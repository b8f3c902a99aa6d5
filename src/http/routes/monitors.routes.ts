import { z } from 'zod';
import type { MonitorRecord, Outage } from '../../app/monitoring/monitoring.repository.ts';
import { setManualStatus, pushHeartbeat } from '../../app/monitoring/monitor-signals.use-cases.ts';
import {
  createMonitor,
  deleteMonitor,
  listMonitors,
  rotateHeartbeatSecret,
  updateMonitor,
  visibleMonitor,
} from '../../app/monitoring/monitors.use-cases.ts';
import { listChecks, listOutages, getOutage } from '../../app/monitoring/outages.use-cases.ts';
import { testMonitor } from '../../app/monitoring/test-monitor.use-cases.ts';
import { monitorUptime } from '../../app/monitoring/uptime.use-cases.ts';
import {
  serviceAvailability,
  serviceBurnRate,
  type ServiceAvailability,
} from '../../app/monitoring/availability.use-cases.ts';
import type { AvailabilityFigures } from '../../domain/availability/availability.ts';
import { describeMonitorTarget } from '../../domain/monitoring/monitor-definition.ts';
import { MONITOR_KINDS } from '../../domain/monitoring/types.ts';
import { parseInstant } from '../../domain/shared/time.ts';
import type { HttpDeps, RouteApp } from '../app.ts';
import { actorOf } from '../plugins/auth.ts';
import { catalogIdParams as idParams, pathId, text } from './catalog-fields.routes.ts';
import { errorResponses, instant, iso, isoOrNull, pageOf, pageQuery } from './common.ts';

const STATES = ['up', 'degraded', 'down', 'unknown', 'maintenance'] as const;

const definitionSchema = z
  .object({ kind: z.enum(MONITOR_KINDS) })
  .catchall(z.unknown())
  .describe(
    'kind, intervalSeconds (≥ 10), timeoutSeconds, failuresToConfirm, successesToRecover, paused, degradedAboveMs and a per-kind config; see docs/availability.md',
  );

const checkSchema = z.object({
  at: instant,
  status: z.enum(['up', 'degraded', 'down']),
  latencyMs: z.number().nullable(),
  message: z.string(),
});

const monitorSchema = z.object({
  id: z.string(),
  name: z.string(),
  serviceId: z.string(),
  customerId: z.string().nullable().describe('The customer whose instance is watched; null = shared by all'),
  kind: z.enum(MONITOR_KINDS),
  target: z.string().describe('What is checked, in words (e.g. "GET https://example.com/health")'),
  definition: z.record(z.string(), z.unknown()),
  paused: z.boolean(),
  state: z.enum(STATES),
  stateSince: instant,
  nextCheckAt: instant.nullable(),
  lastCheck: checkSchema.nullable(),
  createdAt: instant,
  updatedAt: instant,
  archivedAt: instant.nullable(),
});

const createdSchema = monitorSchema.extend({
  heartbeatUrl: z
    .string()
    .nullable()
    .describe('Heartbeat monitors only: the secret push URL, shown once (rotate it to get a new one)'),
});

const outageSchema = z.object({
  id: z.string(),
  monitorId: z.string(),
  serviceId: z.string(),
  customerId: z.string().nullable(),
  startedAt: instant,
  endedAt: instant.nullable(),
  durationMs: z.number().int().nullable().describe('Null while the outage is open'),
  cause: z.string(),
  ticketId: z.string().nullable(),
});

export const presentMonitor = (m: MonitorRecord): z.infer<typeof monitorSchema> => ({
  id: m.id,
  name: m.name,
  serviceId: m.serviceId,
  customerId: m.customerId,
  kind: m.kind,
  target: describeMonitorTarget(m.definition),
  definition: m.definition as unknown as Record<string, unknown>,
  paused: m.paused,
  state: m.paused ? 'unknown' : m.runtime.state,
  stateSince: iso(m.runtime.stateSince),
  nextCheckAt: isoOrNull(m.runtime.nextCheckAt),
  lastCheck: m.runtime.lastCheck && { ...m.runtime.lastCheck, at: iso(m.runtime.lastCheck.at) },
  createdAt: iso(m.createdAt),
  updatedAt: iso(m.updatedAt),
  archivedAt: isoOrNull(m.archivedAt),
});

const presentOutage = (o: Outage): z.infer<typeof outageSchema> => ({
  id: o.id,
  monitorId: o.monitorId,
  serviceId: o.serviceId,
  customerId: o.customerId,
  startedAt: iso(o.startedAt),
  endedAt: isoOrNull(o.endedAt),
  durationMs: o.endedAt === null ? null : o.endedAt - o.startedAt,
  cause: o.cause,
  ticketId: o.ticketId,
});

const figuresSchema = z.object({
  availability: z
    .number()
    .nullable()
    .describe('up ÷ (up + down) in the counted service hours; null when nothing was countable'),
  upMs: z.number().int(),
  degradedMs: z.number().int(),
  downMs: z.number().int(),
  maintenanceMs: z.number().int(),
  unknownMs: z.number().int(),
});

const availabilitySchema = z.object({
  serviceId: z.string(),
  serviceName: z.string(),
  customerId: z.string().nullable(),
  month: z.string().nullable(),
  from: instant,
  to: instant,
  countedUntil: instant.describe('The period is counted up to now; later time is not yet known'),
  sla: z.object({ id: z.string(), name: z.string(), version: z.number().int() }).nullable(),
  target: z.number().nullable(),
  calendar: z
    .object({ id: z.string(), name: z.string() })
    .nullable()
    .describe('The service hours counted; null = 24/7'),
  degraded: z.enum(['up', 'down']).describe('Which side degraded time counts on'),
  figures: figuresSchema,
  errorBudget: z
    .object({
      target: z.number(),
      countableMs: z.number().int(),
      allowedMs: z.number().int(),
      usedMs: z.number().int(),
      remainingMs: z.number().int(),
      consumed: z.number().nullable(),
    })
    .nullable(),
  monitors: z.array(z.object({ monitorId: z.string(), name: z.string(), figures: figuresSchema })),
});

const presentFigures = (f: AvailabilityFigures): z.infer<typeof figuresSchema> => ({ ...f });

export const presentAvailability = (a: ServiceAvailability): z.infer<typeof availabilitySchema> => ({
  serviceId: a.serviceId,
  serviceName: a.serviceName,
  customerId: a.customerId,
  month: a.month,
  from: iso(a.period.start),
  to: iso(a.period.end),
  countedUntil: iso(a.counted.end),
  sla: a.sla,
  target: a.target,
  calendar: a.calendar,
  degraded: a.degraded,
  figures: presentFigures(a.figures),
  errorBudget: a.errorBudget,
  monitors: a.monitors.map((m) => ({
    monitorId: m.monitorId,
    name: m.name,
    figures: presentFigures(m.figures),
  })),
});

const monitorBody = z
  .object({
    name: text(200).min(1),
    serviceId: pathId,
    customerId: pathId.nullable().optional(),
    definition: definitionSchema,
  })
  .strict();

const probeResultSchema = z.object({
  at: instant,
  status: z.enum(['up', 'degraded', 'down']),
  latencyMs: z.number().nullable(),
  message: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});

const optionalInstant = (what: string) =>
  z
    .string()
    .max(40)
    .optional()
    .describe(`${what} (ISO 8601 with offset)`)
    .transform((v, c) => {
      if (v === undefined) return undefined;
      try {
        return parseInstant(v, what);
      } catch (e) {
        c.addIssue({ code: 'custom', message: (e as Error).message });
        return z.NEVER;
      }
    });

export function registerMonitorRoutes(app: RouteApp, deps: HttpDeps): void {
  const { ctx, options } = deps;
  const heartbeatUrl = (secret: string | null): string | null =>
    secret === null ? null : `${options.publicUrl}/api/v1/heartbeat/${secret}`;

  app.get(
    '/api/v1/monitors',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'List monitors (a customer viewer sees its own and shared ones)',
        querystring: z.object({
          ...pageQuery,
          customerId: pathId.optional(),
          serviceId: pathId.optional(),
          state: z.enum(STATES).optional(),
          kind: z.enum(MONITOR_KINDS).optional(),
          q: text(200).optional(),
          includeArchived: z.coerce.boolean().optional(),
        }),
        response: { 200: pageOf(monitorSchema), ...errorResponses },
      },
    },
    async (request) => {
      const page = await listMonitors(ctx, actorOf(request), request.query);
      return { ...page, items: page.items.map(presentMonitor) };
    },
  );

  app.post(
    '/api/v1/monitors',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Create a monitor (manager or admin)',
        body: monitorBody,
        response: { 201: createdSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await createMonitor(ctx, actorOf(request), request.body);
      deps.onMonitorsChanged?.();
      return reply
        .status(201)
        .send({ ...presentMonitor(created.monitor), heartbeatUrl: heartbeatUrl(created.heartbeatSecret) });
    },
  );

  app.post(
    '/api/v1/monitors/test',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Run the check of a definition once, without saving anything (agent or higher)',
        body: z.object({ definition: definitionSchema }).strict(),
        response: { 200: probeResultSchema, ...errorResponses },
      },
    },
    async (request) => {
      const r = await testMonitor(ctx, actorOf(request), deps.probe, { definition: request.body.definition });
      return { ...r, at: iso(r.at) };
    },
  );

  app.get(
    '/api/v1/monitors/:id',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'One monitor with its current state',
        params: idParams,
        response: { 200: monitorSchema, ...errorResponses },
      },
    },
    async (request) => presentMonitor(await visibleMonitor(ctx, actorOf(request), request.params.id)),
  );

  app.patch(
    '/api/v1/monitors/:id',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Change, pause or archive a monitor (manager or admin)',
        params: idParams,
        body: monitorBody
          .partial()
          .extend({ paused: z.boolean().optional(), archived: z.boolean().optional() })
          .strict(),
        response: { 200: monitorSchema, ...errorResponses },
      },
    },
    async (request) => {
      const m = await updateMonitor(ctx, actorOf(request), request.params.id, request.body);
      deps.onMonitorsChanged?.();
      return presentMonitor(m);
    },
  );

  app.delete(
    '/api/v1/monitors/:id',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Delete a monitor with its history (manager or admin); archive it to keep the history',
        params: idParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteMonitor(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/monitors/:id/test',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Test now: run the check once and return what it found; nothing is recorded',
        params: idParams,
        response: { 200: probeResultSchema, ...errorResponses },
      },
    },
    async (request) => {
      const r = await testMonitor(ctx, actorOf(request), deps.probe, { id: request.params.id });
      return { ...r, at: iso(r.at) };
    },
  );

  app.post(
    '/api/v1/monitors/:id/status',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Set the state of a manual monitor (agent or higher)',
        params: idParams,
        body: z
          .object({ status: z.enum(['up', 'degraded', 'down']), message: text(500).optional() })
          .strict(),
        response: { 200: monitorSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentMonitor((await setManualStatus(ctx, actorOf(request), request.params.id, request.body)).monitor),
  );

  app.post(
    '/api/v1/monitors/:id/heartbeat-url',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          'Give a heartbeat monitor a new secret push URL; the old one stops working (manager or admin)',
        params: idParams,
        response: { 200: z.object({ heartbeatUrl: z.string() }), ...errorResponses },
      },
    },
    async (request) => ({
      heartbeatUrl: heartbeatUrl(await rotateHeartbeatSecret(ctx, actorOf(request), request.params.id)) ?? '',
    }),
  );

  app.get(
    '/api/v1/monitors/:id/checks',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Raw check results of a monitor, newest first (kept for the retention period)',
        params: idParams,
        querystring: z.object({
          from: optionalInstant('from'),
          to: optionalInstant('to'),
          limit: z.coerce.number().int().min(1).max(5000).optional(),
        }),
        response: { 200: z.object({ items: z.array(checkSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const items = await listChecks(ctx, actorOf(request), request.params.id, request.query);
      return { items: items.map((c) => ({ ...c, at: iso(c.at) })) };
    },
  );

  app.get(
    '/api/v1/services/:id/availability',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          "A service's availability over a month (in the customer's zone) or a range, counted the way its SLA says",
        params: idParams,
        querystring: z.object({
          month: z.string().max(7).optional().describe('YYYY-MM; default: this month'),
          from: optionalInstant('from'),
          to: optionalInstant('to'),
          customerId: pathId.optional().describe("Count this customer's monitors on this customer's SLA"),
          degraded: z.enum(['up', 'down']).optional(),
        }),
        response: { 200: availabilitySchema, ...errorResponses },
      },
    },
    async (request) =>
      presentAvailability(await serviceAvailability(ctx, actorOf(request), request.params.id, request.query)),
  );

  const windowSchema = z.object({
    windowMs: z.number().int(),
    upMs: z.number().int(),
    downMs: z.number().int(),
    burnRate: z.number(),
  });
  app.get(
    '/api/v1/services/:id/burn-rate',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          "How fast a customer's service spends its error budget: the multi-window burn-rate rules (1 h/5 min at 14.4×, 6 h/30 min at 6×, 1 d/2 h at 3×, 3 d/6 h at 1×)",
        params: idParams,
        querystring: z.object({
          customerId: pathId.optional().describe('Required for staff: whose SLA target counts'),
        }),
        response: {
          200: z.object({
            serviceId: z.string(),
            customerId: z.string(),
            target: z.number(),
            at: instant,
            severity: z
              .enum(['page', 'ticket'])
              .nullable()
              .describe('The most urgent rule that fires, or null'),
            rules: z.array(
              z.object({
                severity: z.enum(['page', 'ticket']),
                burnRate: z.number(),
                long: windowSchema,
                short: windowSchema,
                firing: z.boolean(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const b = await serviceBurnRate(ctx, actorOf(request), request.params.id, request.query);
      return {
        serviceId: b.serviceId,
        customerId: b.customerId,
        target: b.target,
        at: iso(b.at),
        severity: b.alerts.severity,
        rules: b.alerts.rules.map((r) => ({
          severity: r.rule.severity,
          burnRate: r.rule.burnRate,
          long: r.long,
          short: r.short,
          firing: r.firing,
        })),
      };
    },
  );

  app.get(
    '/api/v1/monitors/:id/uptime',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          'A monitor’s availability around the clock over the last 24 h, 7 d, 30 d and 365 d (from rollups, maintenance excluded)',
        params: idParams,
        response: {
          200: z.object({
            at: instant,
            windows: z.object({
              '24h': figuresSchema,
              '7d': figuresSchema,
              '30d': figuresSchema,
              '365d': figuresSchema,
            }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const monitor = await visibleMonitor(ctx, actorOf(request), request.params.id);
      const at = ctx.clock.now();
      return { at: iso(at), windows: await monitorUptime(ctx.storage, monitor, at) };
    },
  );

  app.get(
    '/api/v1/outages',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'Outages, newest first; filter by monitor, service, customer, period or open ones',
        querystring: z.object({
          ...pageQuery,
          monitorId: pathId.optional(),
          serviceId: pathId.optional(),
          customerId: pathId.optional(),
          from: optionalInstant('from'),
          to: optionalInstant('to'),
          open: z.coerce.boolean().optional(),
        }),
        response: { 200: pageOf(outageSchema), ...errorResponses },
      },
    },
    async (request) => {
      const page = await listOutages(ctx, actorOf(request), request.query);
      return { ...page, items: page.items.map(presentOutage) };
    },
  );

  app.get(
    '/api/v1/outages/:id',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'One outage',
        params: idParams,
        response: { 200: outageSchema, ...errorResponses },
      },
    },
    async (request) => presentOutage(await getOutage(ctx, actorOf(request), request.params.id)),
  );

  const heartbeatQuery = z.object({
    status: z.enum(['up', 'down']).optional().describe('A job may report its own failure with status=down'),
    msg: text(500).optional(),
    ping: z.coerce.number().min(0).max(86_400_000).optional().describe('A duration the job measured, in ms'),
  });
  const heartbeatResponse = {
    200: z.object({ ok: z.literal(true), state: z.enum(STATES) }),
    ...errorResponses,
  };
  const heartbeatHandler = async (request: {
    params: { secret: string };
    query: z.infer<typeof heartbeatQuery>;
  }) => {
    const recorded = await pushHeartbeat(ctx, request.params.secret, {
      ...(request.query.status ? { status: request.query.status } : {}),
      ...(request.query.msg ? { message: request.query.msg } : {}),
      ...(request.query.ping !== undefined ? { latencyMs: request.query.ping } : {}),
    });
    return { ok: true as const, state: recorded.monitor.runtime.state };
  };
  const secretParams = z.object({ secret: z.string().min(16).max(200) });
  for (const method of ['get', 'post'] as const) {
    app[method](
      '/api/v1/heartbeat/:secret',
      {
        schema: {
          tags: ['monitoring'],
          summary: `Heartbeat push (${method.toUpperCase()}): a cron job or backup calls its secret URL; no call within the period means down`,
          params: secretParams,
          querystring: heartbeatQuery,
          response: heartbeatResponse,
        },
      },
      heartbeatHandler,
    );
  }
}
