import { z } from 'zod';
import { createSla, getSla, listSlas, updateSla } from '../../app/slas/slas.use-cases.ts';
import type { HttpDeps, RouteApp } from '../app.ts';
import { actorOf } from '../plugins/auth.ts';
import { errorResponses, pageOf, pageQuery } from './common.ts';
import { registerAssignmentRuleRoutes } from './slas-assignment.routes.ts';
import { registerSlaImportRoutes } from './slas-import.routes.ts';
import {
  createSlaBody,
  patchSlaBody,
  presentSla,
  presentSlaDetail,
  slaDetailSchema,
  slaParams,
  slaSchema,
} from './slas-schemas.routes.ts';
import { registerSlaVersionRoutes } from './slas-versions.routes.ts';

export function registerSlaRoutes(app: RouteApp, deps: HttpDeps): void {
  const { ctx } = deps;

  app.get(
    '/api/v1/slas',
    {
      schema: {
        tags: ['slas'],
        summary:
          'List SLAs (a customer viewer sees only SLAs with a version in force or past that covers it)',
        querystring: z.object({
          ...pageQuery,
          customerId: z
            .string()
            .min(1)
            .max(100)
            .optional()
            .describe('Only SLAs with a version covering this customer'),
          includeArchived: z.coerce.boolean().optional(),
        }),
        response: { 200: pageOf(slaSchema), ...errorResponses },
      },
    },
    async (request) => {
      const page = await listSlas(ctx, actorOf(request), request.query);
      return { ...page, items: page.items.map(presentSla) };
    },
  );

  app.post(
    '/api/v1/slas',
    {
      schema: {
        tags: ['slas'],
        summary: 'Create an SLA; its version 1 starts as a draft (manager or admin)',
        body: createSlaBody,
        response: { 201: slaDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { name, description, ownerUserId, ...version } = request.body;
      const created = await createSla(ctx, actorOf(request), {
        name,
        ...(description !== undefined ? { description } : {}),
        ...(ownerUserId !== undefined ? { ownerUserId } : {}),
        version,
      });
      return reply.status(201).send(presentSlaDetail(created));
    },
  );

  app.get(
    '/api/v1/slas/:id',
    {
      schema: {
        tags: ['slas'],
        summary: 'One SLA with a summary of its versions',
        params: slaParams,
        response: { 200: slaDetailSchema, ...errorResponses },
      },
    },
    async (request) => presentSlaDetail(await getSla(ctx, actorOf(request), request.params.id)),
  );

  app.patch(
    '/api/v1/slas/:id',
    {
      schema: {
        tags: ['slas'],
        summary: 'Rename, describe, hand over or (un)archive an SLA (manager or admin)',
        params: slaParams,
        body: patchSlaBody,
        response: { 200: slaDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentSlaDetail(await updateSla(ctx, actorOf(request), request.params.id, request.body)),
  );

  registerSlaVersionRoutes(app, deps);
  registerAssignmentRuleRoutes(app, deps);
  registerSlaImportRoutes(app, deps);
}
