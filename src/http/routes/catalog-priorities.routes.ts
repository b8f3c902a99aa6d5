import { z } from 'zod';
import type { PriorityScheme } from '../../app/catalog/catalog.repository.ts';
import { getPriorityScheme, updatePriorityScheme } from '../../app/catalog/priorities.use-cases.ts';
import type { HttpDeps, RouteApp } from '../app.ts';
import { actorOf } from '../plugins/auth.ts';
import { errorResponses } from './common.ts';

const row = z.object({ high: z.string(), medium: z.string(), low: z.string() });
const schemeSchema = z.object({
  priorities: z.array(
    z.object({ id: z.string(), name: z.string(), rank: z.number().int().describe('1 is the most urgent') }),
  ),
  matrix: z.object({ high: row, medium: row, low: row }).describe('matrix[impact][urgency] = priority id'),
});

const rowBody = z
  .object({ high: z.string().max(20), medium: z.string().max(20), low: z.string().max(20) })
  .strict()
  .describe('urgency → priority id');
const schemeBody = z
  .object({
    priorities: z
      .array(
        z
          .object({ id: z.string().min(1).max(20), name: z.string().min(1).max(100), rank: z.number().int() })
          .strict(),
      )
      .min(1)
      .max(20)
      .describe('Unique ids; ranks 1 … n, 1 the most urgent'),
    matrix: z
      .object({ high: rowBody, medium: rowBody, low: rowBody })
      .strict()
      .describe('impact → urgency → priority id'),
  })
  .strict();

const present = (s: PriorityScheme): z.infer<typeof schemeSchema> => ({
  priorities: [...s.priorities]
    .sort((a, b) => a.rank - b.rank)
    .map((p) => ({ id: p.id, name: p.name, rank: p.rank })),
  matrix: {
    high: { ...s.matrix.high },
    medium: { ...s.matrix.medium },
    low: { ...s.matrix.low },
  },
});

export function registerPriorityRoutes(app: RouteApp, { ctx }: HttpDeps): void {
  app.get(
    '/api/v1/priorities',
    {
      schema: {
        tags: ['priorities'],
        summary: 'The priorities and the impact × urgency matrix (P1–P4 by default)',
        response: { 200: schemeSchema, ...errorResponses },
      },
    },
    async (request) => {
      actorOf(request);
      return present(await getPriorityScheme(ctx));
    },
  );

  app.put(
    '/api/v1/priorities',
    {
      schema: {
        tags: ['priorities'],
        summary:
          'Replace the priority scheme (manager or admin); priorities that tickets carry cannot be removed',
        body: schemeBody,
        response: { 200: schemeSchema, ...errorResponses },
      },
    },
    async (request) => present(await updatePriorityScheme(ctx, actorOf(request), request.body)),
  );
}
