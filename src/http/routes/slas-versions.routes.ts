import { z } from 'zod';
import {
  activateVersion,
  createVersion,
  diffVersions,
  getVersion,
  listVersions,
  retireVersion,
  updateDraft,
} from '../../app/slas/sla-versions.use-cases.ts';
import type { HttpDeps, RouteApp } from '../app.ts';
import { actorOf } from '../plugins/auth.ts';
import { errorResponses } from './common.ts';
import {
  activateBody,
  diffParams,
  ifMatch,
  presentVersion,
  slaParams,
  versionBody,
  versionParams,
  versionPatchBody,
  versionSchema,
  withEtag,
} from './slas-schemas.routes.ts';

const ifMatchHeader = z.looseObject({
  'if-match': z
    .string()
    .max(200)
    .optional()
    .describe('The ETag of the version as last read, e.g. "3" (required)'),
});

const diffSchema = z.object({
  slaId: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(
    z.object({
      field: z.string().describe('e.g. targets.P1.resolution'),
      label: z.string(),
      before: z.string().nullable(),
      after: z.string().nullable(),
      text: z.string().describe('e.g. "P1 resolution: PT4H on 24/7 → PT2H on 24/7"'),
    }),
  ),
});

export function registerSlaVersionRoutes(app: RouteApp, { ctx, recompute }: HttpDeps): void {
  app.get(
    '/api/v1/slas/:id/versions',
    {
      schema: {
        tags: ['slas'],
        summary: 'Every version of an SLA, oldest first',
        params: slaParams,
        response: { 200: z.object({ items: z.array(versionSchema) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: (await listVersions(ctx, actorOf(request), request.params.id)).map(presentVersion),
    }),
  );

  app.post(
    '/api/v1/slas/:id/versions',
    {
      schema: {
        tags: ['slas'],
        summary:
          'Draft the next version, copied from the latest with the given fields changed (manager or admin)',
        params: slaParams,
        body: versionPatchBody.nullish(),
        response: { 201: versionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const version = await createVersion(ctx, actorOf(request), request.params.id, request.body ?? {});
      withEtag(reply, version.revision);
      return reply.status(201).send(presentVersion(version));
    },
  );

  app.get(
    '/api/v1/slas/:id/versions/:v',
    {
      schema: {
        tags: ['slas'],
        summary: 'One version, with its revision as ETag',
        params: versionParams,
        response: { 200: versionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const version = await getVersion(ctx, actorOf(request), request.params.id, request.params.v);
      withEtag(reply, version.revision);
      return presentVersion(version);
    },
  );

  app.put(
    '/api/v1/slas/:id/versions/:v',
    {
      schema: {
        tags: ['slas'],
        summary:
          'Replace a draft (manager or admin); needs If-Match. Active and retired versions answer 409 SLA_VERSION_NOT_DRAFT',
        params: versionParams,
        headers: ifMatchHeader,
        body: versionBody,
        response: { 200: versionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const version = await updateDraft(
        ctx,
        actorOf(request),
        request.params.id,
        request.params.v,
        request.body,
        ifMatch(request),
      );
      withEtag(reply, version.revision);
      return presentVersion(version);
    },
  );

  app.post(
    '/api/v1/slas/:id/versions/:v/activate',
    {
      schema: {
        tags: ['slas'],
        summary:
          'Put a draft in force; the version in force before is retired (manager or admin); needs If-Match',
        params: versionParams,
        headers: ifMatchHeader,
        body: activateBody.nullish(),
        response: { 200: versionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { activated } = await activateVersion(
        ctx,
        actorOf(request),
        request.params.id,
        request.params.v,
        { expectedRevision: ifMatch(request), effectiveFrom: request.body?.effectiveFrom ?? null },
        recompute,
      );
      withEtag(reply, activated.revision);
      return presentVersion(activated);
    },
  );

  app.post(
    '/api/v1/slas/:id/versions/:v/retire',
    {
      schema: {
        tags: ['slas'],
        summary: 'Retire a version (manager or admin); needs If-Match',
        params: versionParams,
        headers: ifMatchHeader,
        response: { 200: versionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const version = await retireVersion(
        ctx,
        actorOf(request),
        request.params.id,
        request.params.v,
        ifMatch(request),
      );
      withEtag(reply, version.revision);
      return presentVersion(version);
    },
  );

  app.get(
    '/api/v1/slas/:id/versions/:a/diff/:b',
    {
      schema: {
        tags: ['slas'],
        summary: 'What changed from version a to version b, old → new',
        params: diffParams,
        response: { 200: diffSchema, ...errorResponses },
      },
    },
    async (request) => {
      const pair = await diffVersions(
        ctx,
        actorOf(request),
        request.params.id,
        request.params.a,
        request.params.b,
      );
      return { ...pair, changes: [...pair.changes] };
    },
  );
}
