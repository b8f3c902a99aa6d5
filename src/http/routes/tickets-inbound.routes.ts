import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { importTicketsCsv } from '../../app/tickets/import.use-cases.ts';
import { receiveTicket } from '../../app/tickets/inbound.use-cases.ts';
import type { HttpDeps, RouteApp } from '../app.ts';
import { actorOf } from '../plugins/auth.ts';
import { errorResponses } from './common.ts';
import {
  eventBody,
  levelSchema,
  presentTicket,
  ticketSchema,
  ticketTypeSchema,
} from './tickets-presenters.ts';

/** Import files are larger than JSON bodies: one row per event of a whole helpdesk's history. */
export const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;
const MAX_WEBHOOK_EVENTS = 1000;

const inboundBody = z
  .object({
    externalRef: z.string().min(1).max(200).describe("The ticket's id in the other helpdesk"),
    customer: z.string().min(1).max(200).describe('Customer id or name'),
    service: z.string().max(200).nullable().optional().describe('Service id or name'),
    type: ticketTypeSchema.optional(),
    title: z.string().min(1).max(300),
    description: z.string().max(100_000).nullable().optional(),
    priority: z.string().min(1).max(50).optional(),
    impact: levelSchema.optional(),
    urgency: levelSchema.optional(),
    status: z.string().min(1).max(100).optional(),
    createdAt: z.string().max(50).optional(),
    events: z.array(eventBody).max(MAX_WEBHOOK_EVENTS).optional(),
  })
  .strict();

const importResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  events: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), code: z.string(), message: z.string() })),
});

export function registerTicketInboundRoutes(app: RouteApp, { ctx }: HttpDeps): void {
  const inboundResponse = z.object({
    created: z.boolean(),
    changed: z.boolean(),
    eventsAdded: z.number().int(),
    ticket: ticketSchema,
  });
  app.post(
    '/api/v1/inbound/tickets',
    {
      schema: {
        tags: ['tickets'],
        summary:
          'Create or update a ticket from another helpdesk by its externalRef (idempotent; manager, or an agent API token)',
        body: inboundBody,
        response: { 200: inboundResponse, 201: inboundResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const outcome = await receiveTicket(ctx, actorOf(request), request.body);
      return reply.status(outcome.created ? 201 : 200).send({
        created: outcome.created,
        changed: outcome.changed,
        eventsAdded: outcome.eventsAdded,
        ticket: presentTicket(outcome.ticket),
      });
    },
  );

  // Its own plugin context, so the CSV body parser and its size limit apply to the import route only.
  void app.register(async (child: FastifyInstance) => {
    child.addContentTypeParser(
      'text/csv',
      { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    child.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/tickets/import',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags: ['tickets'],
          summary: 'Import tickets with their history from CSV (manager or admin); see docs/tickets.md',
          consumes: ['text/csv'],
          body: z
            .string()
            .describe(
              'CSV: external_ref,at,type,customer,service,ticket_type,title,priority,status,author,public',
            ),
          response: { 200: importResult, ...errorResponses },
        },
      },
      async (request) => {
        const result = await importTicketsCsv(ctx, actorOf(request), request.body);
        return { ...result, errors: [...result.errors] };
      },
    );
  });
}
