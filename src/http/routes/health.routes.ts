import { z } from 'zod';
import type { HttpDeps, RouteApp } from '../app.ts';

export function registerHealthRoutes(app: RouteApp, deps: HttpDeps): void {
  app.get(
    '/api/v1/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness and database check (no authentication)',
        security: [],
        response: {
          200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']), version: z.string() }),
          503: z.object({ status: z.literal('unavailable'), database: z.enum(['sqlite', 'postgres']), version: z.string() }),
        },
      },
    },
    async (_request, reply) => {
      const base = { database: deps.ctx.storage.dialect, version: deps.options.version };
      try {
        await deps.ctx.storage.ping();
        return { status: 'ok' as const, ...base };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const, ...base });
      }
    },
  );
}
