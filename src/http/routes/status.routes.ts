import { z } from 'zod';
import {
  configureStatusPage,
  customerStatus,
  publicStatus,
  statusPageSettings,
  type CustomerStatus,
} from '../../app/monitoring/status-page.use-cases.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import type { HttpDeps, RouteApp } from '../app.ts';
import { renderBadge, renderStatusPage } from '../pages/status-page.ts';
import { actorOf } from '../plugins/auth.ts';
import { catalogIdParams as idParams, pathId, text } from './catalog-fields.routes.ts';
import { errorResponses, instant, iso } from './common.ts';

const STATES = ['up', 'degraded', 'down', 'unknown', 'maintenance'] as const;

const figures = z.object({
  availability: z.number().nullable(),
  upMs: z.number().int(),
  degradedMs: z.number().int(),
  downMs: z.number().int(),
  maintenanceMs: z.number().int(),
  unknownMs: z.number().int(),
});

const statusSchema = z.object({
  customerId: z.string(),
  customerName: z.string(),
  title: z.string(),
  timeZone: z.string(),
  generatedAt: instant,
  services: z.array(
    z.object({
      serviceId: z.string(),
      name: z.string(),
      state: z.enum(STATES),
      target: z.number().nullable(),
      month: figures.describe('This month so far, in the customer’s zone, counted as its SLA says'),
      days: z
        .array(z.object({ date: z.string(), from: instant, to: instant, figures }))
        .describe('The last 90 local days, oldest first'),
      monitors: z.number().int(),
    }),
  ),
  outages: z.array(
    z.object({
      id: z.string(),
      serviceId: z.string(),
      serviceName: z.string(),
      startedAt: instant,
      endedAt: instant.nullable(),
      cause: z.string(),
    }),
  ),
  maintenance: z.array(
    z.object({ name: z.string(), serviceName: z.string().nullable(), start: instant, end: instant }),
  ),
});

const settingsSchema = z.object({
  customerId: z.string(),
  public: z.boolean(),
  title: z.string().nullable(),
  publicUrl: z
    .string()
    .nullable()
    .describe('Only right after publishing or rotating: the secret link, shown once'),
});

const presentStatus = (s: CustomerStatus): z.infer<typeof statusSchema> => ({
  customerId: s.customerId,
  customerName: s.customerName,
  title: s.title,
  timeZone: s.timeZone,
  generatedAt: iso(s.generatedAt),
  services: s.services.map((v) => ({
    serviceId: v.serviceId,
    name: v.name,
    state: v.state,
    target: v.target,
    month: v.month,
    days: v.days.map((d) => ({ date: d.date, from: iso(d.start), to: iso(d.end), figures: d.figures })),
    monitors: v.monitors,
  })),
  outages: s.outages.map((o) => ({
    id: o.id,
    serviceId: o.serviceId,
    serviceName: o.serviceName,
    startedAt: iso(o.startedAt),
    endedAt: o.endedAt === null ? null : iso(o.endedAt),
    cause: o.cause,
  })),
  maintenance: s.maintenance.map((m) => ({
    name: m.name,
    serviceName: m.serviceName,
    start: iso(m.start),
    end: iso(m.end),
  })),
});

const tokenParams = z.object({ token: z.string().min(16).max(200) });

export function registerStatusRoutes(app: RouteApp, { ctx, options }: HttpDeps): void {
  const publicUrl = (token: string | null): string | null =>
    token === null ? null : `${options.publicUrl}/status/${token}`;

  app.get(
    '/api/v1/customers/:id/status',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          "A customer's status: each service's state now, 90 daily figures, outages and planned maintenance",
        params: idParams,
        response: { 200: statusSchema, ...errorResponses },
      },
    },
    async (request) => presentStatus(await customerStatus(ctx, actorOf(request), request.params.id)),
  );

  app.get(
    '/api/v1/customers/:id/status-page',
    {
      schema: {
        tags: ['monitoring'],
        summary: "Whether the customer's status page is public, and its title",
        params: idParams,
        response: { 200: settingsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const s = await statusPageSettings(ctx, actorOf(request), request.params.id);
      return { ...s, publicUrl: null };
    },
  );

  app.put(
    '/api/v1/customers/:id/status-page',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          'Publish a status page with a secret link, give it a new link, or make it private (manager or admin)',
        params: idParams,
        body: z
          .object({
            public: z.boolean().optional(),
            rotate: z.boolean().optional().describe('A new secret link; the old one stops working'),
            title: text(200).nullable().optional(),
          })
          .strict(),
        response: { 200: settingsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const s = await configureStatusPage(ctx, actorOf(request), request.params.id, request.body);
      return {
        customerId: s.customerId,
        public: s.public,
        title: s.title,
        publicUrl: publicUrl(s.publicToken),
      };
    },
  );

  app.get(
    '/api/v1/status/:token',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'A public status page as JSON (the secret link is the credential)',
        params: tokenParams,
        response: { 200: statusSchema, ...errorResponses },
      },
    },
    async (request) => presentStatus(await publicStatus(ctx, request.params.token)),
  );

  app.get(
    '/api/v1/status/:token/badges/:file',
    {
      schema: {
        tags: ['monitoring'],
        summary: "An SVG badge with a service's availability this month: …/badges/{serviceId}.svg",
        params: tokenParams.extend({ file: pathId }),
        produces: ['image/svg+xml'],
      },
    },
    async (request, reply) => {
      const serviceId = request.params.file.replace(/\.svg$/, '');
      const status = await publicStatus(ctx, request.params.token);
      const service = status.services.find((s) => s.serviceId === serviceId);
      if (!service) throw new DomainError('SERVICE_NOT_FOUND', 'no such service on this status page');
      const locale = (await ctx.storage.customers.findById(status.customerId))?.locale ?? 'en';
      return reply
        .type('image/svg+xml; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(renderBadge(service.name, service.month.availability, service.target, locale));
    },
  );

  app.get('/status/:token', { schema: { hide: true, params: tokenParams } }, async (request, reply) => {
    const status = await publicStatus(ctx, request.params.token);
    const locale = (await ctx.storage.customers.findById(status.customerId))?.locale ?? 'en';
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(renderStatusPage(status, locale));
  });
}
