import { z } from 'zod';
import { listAudit } from '../../app/audit/audit.use-cases.ts';
import type { HttpDeps, RouteApp } from '../app.ts';
import { actorOf } from '../plugins/auth.ts';
import { errorResponses, instant, iso, pageOf, pageQuery } from './common.ts';

const entrySchema = z.object({
  id: z.number().int(),
  at: instant,
  actorUserId: z.string().nullable(),
  actorTokenId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  customerId: z.string().nullable(),
  summary: z.string(),
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).nullable(),
});

export function registerAuditRoutes(app: RouteApp, { ctx }: HttpDeps): void {
  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log: who changed what, newest first (manager or admin)',
        querystring: z.object({ ...pageQuery, entityType: z.string().max(50).optional(), entityId: z.string().max(100).optional() }),
        response: { 200: pageOf(entrySchema), ...errorResponses },
      },
    },
    async (request) => {
      const page = await listAudit(ctx, actorOf(request), request.query);
      return { ...page, items: page.items.map((e) => ({ ...e, id: e.id ?? 0, at: iso(e.at), changes: e.changes as Record<string, [unknown, unknown]> | null })) };
    },
  );
}
