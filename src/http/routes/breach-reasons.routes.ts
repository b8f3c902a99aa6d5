import { z } from 'zod';
import {
  countBreachReasons,
  listBreachReasons,
  MAX_NOTE,
  recordBreachReason,
  replaceBreachReasons,
  type BreachReasonView,
} from '../../app/reviews/breach-reasons.use-cases.ts';
import type { BreachReasonCategory } from '../../app/reviews/reviews.repository.ts';
import type { HttpDeps, RouteApp } from '../app.ts';
import { actorOf } from '../plugins/auth.ts';
import { errorResponses, instant, iso } from './common.ts';
import { idRef, isoText } from './tickets-presenters.ts';

const labelSchema = z.object({ de: z.string(), en: z.string() });

const categorySchema = z.object({
  code: z.string().describe('Stable key stored on tickets, e.g. waiting_on_vendor'),
  label: labelSchema,
  active: z.boolean().describe('Inactive categories stay on old tickets but cannot be chosen'),
});

const categoryBody = z
  .object({
    code: z.string().min(1).max(50),
    label: z.object({ de: z.string().max(100), en: z.string().max(100) }).strict(),
    active: z.boolean().default(true),
  })
  .strict();

const listSchema = z.object({ items: z.array(categorySchema) });

/** A reason recorded on a ticket, with its category's labels. */
export const breachReasonSchema = z.object({
  target: z.enum(['first_response', 'resolution', 'update']),
  reason: z.string(),
  label: labelSchema,
  note: z.string().nullable().describe('Internal: null for customer viewers'),
  recordedBy: z.string().nullable(),
  recordedAt: instant,
});

export function presentBreachReason(r: BreachReasonView): z.infer<typeof breachReasonSchema> {
  return {
    target: r.target,
    reason: r.reason,
    label: r.label,
    note: r.note,
    recordedBy: r.recordedBy,
    recordedAt: iso(r.recordedAt),
  };
}

const present = (c: BreachReasonCategory): z.infer<typeof categorySchema> => ({
  code: c.code,
  label: c.label,
  active: c.active,
});

export function registerBreachReasonRoutes(app: RouteApp, { ctx }: HttpDeps): void {
  app.get(
    '/api/v1/breach-reasons',
    {
      schema: {
        tags: ['breach-reasons'],
        summary: 'The categories an agent picks from when a ticket missed a target (staff)',
        response: { 200: listSchema, ...errorResponses },
      },
    },
    async (request) => ({ items: (await listBreachReasons(ctx, actorOf(request))).map(present) }),
  );

  app.put(
    '/api/v1/breach-reasons',
    {
      schema: {
        tags: ['breach-reasons'],
        summary:
          'Replace the list of categories (manager or admin); a category in use can be deactivated, not removed',
        body: z.object({ items: z.array(categoryBody).min(1).max(50) }).strict(),
        response: { 200: listSchema, ...errorResponses },
      },
    },
    async (request) => ({
      items: (await replaceBreachReasons(ctx, actorOf(request), request.body.items)).map(present),
    }),
  );

  app.get(
    '/api/v1/breach-reasons/counts',
    {
      schema: {
        tags: ['breach-reasons'],
        summary: 'How often each category was recorded, by customer and recording time (staff)',
        querystring: z.object({
          customer: idRef.optional(),
          from: isoText.optional().describe('Recorded at or after'),
          to: isoText.optional().describe('Recorded before'),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                reason: z.string(),
                label: labelSchema,
                active: z.boolean(),
                count: z.number().int(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ items: [...(await countBreachReasons(ctx, actorOf(request), request.query))] }),
  );

  app.put(
    '/api/v1/tickets/:id/breach-reasons/:target',
    {
      schema: {
        tags: ['tickets'],
        summary:
          'Record why the ticket missed this target (agent and up); refused with TICKET_TARGET_NOT_BREACHED when it did not',
        params: z.object({ id: idRef, target: z.enum(['first_response', 'resolution', 'update']) }),
        body: z
          .object({
            reason: z.string().min(1).max(50).describe('A category code, e.g. waiting_on_vendor'),
            note: z.string().max(MAX_NOTE).nullable().optional(),
          })
          .strict(),
        response: { 200: breachReasonSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentBreachReason(
        await recordBreachReason(
          ctx,
          actorOf(request),
          request.params.id,
          request.params.target,
          request.body,
        ),
      ),
  );
}
