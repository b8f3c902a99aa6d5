import { z } from 'zod';
import { CRITICALITIES, type Service, type ServiceImpactView } from '../../app/catalog/catalog.repository.ts';
import {
  createService,
  deleteServiceImpact,
  getService,
  listCustomerImpacts,
  listServiceImpacts,
  listServices,
  putServiceImpact,
  updateService,
} from '../../app/catalog/services.use-cases.ts';
import type { HttpDeps, RouteApp } from '../app.ts';
import { actorOf } from '../plugins/auth.ts';
import { catalogIdParams as idParams, pathId, text } from './catalog-fields.routes.ts';
import { errorResponses, instant, iso, isoOrNull, pageOf, pageQuery } from './common.ts';

const serviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  owner: z.string().nullable().describe('Who is responsible: free text or a user id'),
  monitorRule: z.enum(['any', 'all']).describe('With several monitors: down when any is down, or only when all are'),
  createdAt: instant,
  updatedAt: instant,
  archivedAt: instant.nullable(),
});

const presentService = (s: Service): z.infer<typeof serviceSchema> => ({
  id: s.id,
  name: s.name,
  description: s.description,
  owner: s.owner,
  monitorRule: s.monitorRule,
  createdAt: iso(s.createdAt),
  updatedAt: iso(s.updatedAt),
  archivedAt: isoOrNull(s.archivedAt),
});

const serviceBody = z
  .object({
    name: text(200).min(1),
    description: text(10_000).nullable().optional(),
    owner: text(200).nullable().optional().describe('Who is responsible: free text or a user id'),
    monitorRule: z
      .enum(['any', 'all'])
      .optional()
      .describe('With several monitors: down when any is down (default), or only when all are'),
  })
  .strict();

const impactSchema = z.object({
  serviceId: z.string(),
  serviceName: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  criticality: z.enum(CRITICALITIES),
  usersAffected: z.number().int().nullable(),
  downtimeCostPerHour: z
    .number()
    .int()
    .nullable()
    .describe('Whole currency units (e.g. euros) per hour of downtime'),
  maxTolerableDowntimeMinutes: z.number().int().nullable(),
  notes: z.string().nullable(),
  updatedAt: instant,
});

const presentImpact = (i: ServiceImpactView): z.infer<typeof impactSchema> => ({
  serviceId: i.serviceId,
  serviceName: i.serviceName,
  customerId: i.customerId,
  customerName: i.customerName,
  criticality: i.criticality,
  usersAffected: i.usersAffected,
  downtimeCostPerHour: i.downtimeCostPerHour,
  maxTolerableDowntimeMinutes: i.maxTolerableDowntimeMinutes,
  notes: i.notes,
  updatedAt: iso(i.updatedAt),
});

const impactBody = z
  .object({
    criticality: z.enum(CRITICALITIES).describe('How badly an outage hurts this customer'),
    usersAffected: z.number().int().min(0).max(2_147_483_647).nullable().optional(),
    downtimeCostPerHour: z
      .number()
      .int()
      .min(0)
      .max(Number.MAX_SAFE_INTEGER)
      .nullable()
      .optional()
      .describe('Whole currency units (e.g. euros)'),
    maxTolerableDowntimeMinutes: z.number().int().min(0).max(2_147_483_647).nullable().optional(),
    notes: text(10_000).nullable().optional(),
  })
  .strict();

const impactParams = z.object({ serviceId: pathId, customerId: pathId });
const impactList = z.object({ items: z.array(impactSchema) });

export function registerServiceRoutes(app: RouteApp, { ctx }: HttpDeps): void {
  app.get(
    '/api/v1/services',
    {
      schema: {
        tags: ['services'],
        summary:
          'List the service catalog (a customer viewer sees only services with a business impact for its customer)',
        querystring: z.object({
          ...pageQuery,
          q: text(200).optional(),
          includeArchived: z.coerce.boolean().optional(),
        }),
        response: { 200: pageOf(serviceSchema), ...errorResponses },
      },
    },
    async (request) => {
      const page = await listServices(ctx, actorOf(request), request.query);
      return { ...page, items: page.items.map(presentService) };
    },
  );

  app.post(
    '/api/v1/services',
    {
      schema: {
        tags: ['services'],
        summary: 'Add a service (manager or admin)',
        body: serviceBody,
        response: { 201: serviceSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentService(await createService(ctx, actorOf(request), request.body))),
  );

  app.get(
    '/api/v1/services/:id',
    {
      schema: {
        tags: ['services'],
        summary: 'One service',
        params: idParams,
        response: { 200: serviceSchema, ...errorResponses },
      },
    },
    async (request) => presentService(await getService(ctx, actorOf(request), request.params.id)),
  );

  app.patch(
    '/api/v1/services/:id',
    {
      schema: {
        tags: ['services'],
        summary: 'Change a service (manager or admin); archived services disappear from lists',
        params: idParams,
        body: serviceBody.partial().extend({ archived: z.boolean().optional() }).strict(),
        response: { 200: serviceSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentService(await updateService(ctx, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/services/:id/impacts',
    {
      schema: {
        tags: ['services'],
        summary: 'The business impact of a service on each customer (a customer viewer sees only its own)',
        params: idParams,
        response: { 200: impactList, ...errorResponses },
      },
    },
    async (request) => ({
      items: (await listServiceImpacts(ctx, actorOf(request), request.params.id)).map(presentImpact),
    }),
  );

  app.get(
    '/api/v1/customers/:id/impacts',
    {
      schema: {
        tags: ['services'],
        summary: 'The business impact of each service on a customer',
        params: idParams,
        response: { 200: impactList, ...errorResponses },
      },
    },
    async (request) => ({
      items: (await listCustomerImpacts(ctx, actorOf(request), request.params.id)).map(presentImpact),
    }),
  );

  app.put(
    '/api/v1/services/:serviceId/impacts/:customerId',
    {
      schema: {
        tags: ['services'],
        summary:
          'Record or replace the business impact of a service on a customer (manager or admin); 201 when new',
        params: impactParams,
        body: impactBody,
        response: { 200: impactSchema, 201: impactSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { impact, created } = await putServiceImpact(
        ctx,
        actorOf(request),
        request.params.serviceId,
        request.params.customerId,
        request.body,
      );
      return reply.status(created ? 201 : 200).send(presentImpact(impact));
    },
  );

  app.delete(
    '/api/v1/services/:serviceId/impacts/:customerId',
    {
      schema: {
        tags: ['services'],
        summary: 'Remove the business impact of a service on a customer (manager or admin)',
        params: impactParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteServiceImpact(ctx, actorOf(request), request.params.serviceId, request.params.customerId);
      return reply.status(204).send(null);
    },
  );
}
