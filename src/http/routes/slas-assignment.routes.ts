import { z } from 'zod';
import {
  listAssignmentRules,
  replaceAssignmentRules,
  type RuleList,
} from '../../app/slas/assignment.use-cases.ts';
import type { HttpDeps, RouteApp } from '../app.ts';
import { actorOf } from '../plugins/auth.ts';
import { errorResponses, instant, iso } from './common.ts';
import { ifMatch, withEtag } from './slas-schemas.routes.ts';

const condition = z.string().max(100).nullable().optional();

const ruleInput = z
  .object({
    customerId: condition.describe('Matches tickets of this customer; null = any'),
    serviceId: condition.describe('Matches tickets about this service; null = any'),
    priority: condition.describe('Matches tickets of this priority (P1 …); null = any'),
    ticketType: condition.describe('Matches tickets of this type (incident, service_request …); null = any'),
    slaId: z.string().min(1).max(100),
  })
  .strict();

const ruleSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  customerId: z.string().nullable(),
  serviceId: z.string().nullable(),
  priority: z.string().nullable(),
  ticketType: z.string().nullable(),
  slaId: z.string(),
  createdAt: instant,
});

const listSchema = z.object({
  revision: z.number().int().describe('Also sent as the ETag'),
  rules: z.array(ruleSchema),
});

const present = (list: RuleList): z.infer<typeof listSchema> => ({
  revision: list.revision,
  rules: list.rules.map((r) => ({
    id: r.id,
    position: r.position,
    customerId: r.customerId,
    serviceId: r.serviceId,
    priority: r.priority,
    ticketType: r.ticketType,
    slaId: r.slaId,
    createdAt: iso(r.createdAt),
  })),
});

export function registerAssignmentRuleRoutes(app: RouteApp, { ctx }: HttpDeps): void {
  app.get(
    '/api/v1/assignment-rules',
    {
      schema: {
        tags: ['slas'],
        summary: 'The ordered rules that give a new ticket its SLA: the first match wins (agents and above)',
        response: { 200: listSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const list = await listAssignmentRules(ctx, actorOf(request));
      withEtag(reply, list.revision);
      return present(list);
    },
  );

  app.put(
    '/api/v1/assignment-rules',
    {
      schema: {
        tags: ['slas'],
        summary:
          'Replace the whole ordered rule list at once (manager or admin); a rule without conditions is the default and comes last',
        headers: z.looseObject({
          'if-match': z
            .string()
            .max(200)
            .optional()
            .describe('The ETag of the list as last read; recommended'),
        }),
        body: z.object({ rules: z.array(ruleInput).max(1000) }).strict(),
        response: { 200: listSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const list = await replaceAssignmentRules(
        ctx,
        actorOf(request),
        request.body.rules,
        ifMatch(request) ?? null,
      );
      withEtag(reply, list.revision);
      return present(list);
    },
  );
}
