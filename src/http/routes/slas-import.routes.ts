import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { importSlaYaml } from '../../app/slas/sla-import.ts';
import type { HttpDeps, RouteApp } from '../app.ts';
import { actorOf } from '../plugins/auth.ts';
import { errorResponses } from './common.ts';

const YAML_TYPES = ['application/yaml', 'text/yaml', 'application/x-yaml'];

const resultSchema = z.object({
  items: z.array(
    z.object({
      name: z.string(),
      slaId: z.string(),
      version: z
        .number()
        .int()
        .describe('The version that now holds the file’s terms (a draft unless unchanged)'),
      action: z.enum(['created', 'version_created', 'draft_updated', 'details_updated', 'unchanged']),
      changes: z.array(
        z.object({
          field: z.string(),
          label: z.string(),
          before: z.string().nullable(),
          after: z.string().nullable(),
          text: z.string(),
        }),
      ),
    }),
  ),
});

/** The import route lives in its own plugin so that its YAML body parser applies to it alone. */
export function registerSlaImportRoutes(app: RouteApp, { ctx }: HttpDeps): void {
  void app.register(async (scope: FastifyInstance) => {
    scope.addContentTypeParser(YAML_TYPES, { parseAs: 'string' }, (_request, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/slas/import',
      {
        schema: {
          tags: ['slas'],
          summary:
            'SLA as code: create SLAs, or new draft versions of SLAs with the same name, from YAML (manager or admin)',
          description:
            'Send the YAML as application/yaml, text/yaml or text/plain, or as JSON `{ "yaml": "…" }`. Customers, services, calendars and the owner may be given by id or by name. All SLAs of the file land together or none does.',
          body: z.union([
            z.string().max(1024 * 1024),
            z.object({ yaml: z.string().max(1024 * 1024) }).strict(),
          ]),
          response: { 200: resultSchema, ...errorResponses },
        },
      },
      async (request) => {
        const result = await importSlaYaml(
          ctx,
          actorOf(request),
          typeof request.body === 'string' ? request.body : request.body.yaml,
        );
        return { items: result.items.map((item) => ({ ...item, changes: [...item.changes] })) };
      },
    );
  });
}
