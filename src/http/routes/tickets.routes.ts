import { z } from 'zod';
import { CLOCK_FILTERS } from '../../app/tickets/tickets.repository.ts';
import { getTicketWithBreachReasons } from '../../app/reviews/breach-reasons.use-cases.ts';
import { getTicketClocks, listTicketEvents, listTickets } from '../../app/tickets/ticket-queries.ts';
import { addTicketEvent, createTicket, updateTicket } from '../../app/tickets/tickets.use-cases.ts';
import type { HttpDeps, RouteApp } from '../app.ts';
import { actorOf } from '../plugins/auth.ts';
import { fastSerializerCompiler } from '../plugins/response-serializer.ts';
import { errorResponses, idParams, pageOf, pageQuery } from './common.ts';
import { breachReasonSchema, presentBreachReason } from './breach-reasons.routes.ts';
import { registerTicketInboundRoutes } from './tickets-inbound.routes.ts';
import {
  clockSchema,
  eventBody,
  eventSchema,
  idRef,
  isoText,
  levelSchema,
  presentClock,
  presentEvent,
  presentTicket,
  presentTicketWithClocks,
  ticketSchema,
  ticketTypeSchema,
  ticketWithClocksSchema,
} from './tickets-presenters.ts';
import { registerStreamRoutes } from './tickets-stream.routes.ts';

const ticketDetailSchema = ticketWithClocksSchema.extend({
  breachReasons: z.array(breachReasonSchema).describe('Why targets were missed, one per target at most'),
});

const createBody = z
  .object({
    customerId: idRef,
    serviceId: idRef.nullable().optional(),
    type: ticketTypeSchema.optional().describe('incident (default) or service_request'),
    title: z.string().min(1).max(300),
    description: z.string().max(100_000).nullable().optional(),
    impact: levelSchema.optional(),
    urgency: levelSchema.optional(),
    priority: z.string().min(1).max(50).optional().describe('Overrides the impact × urgency matrix, e.g. P2'),
    status: z.string().min(1).max(100).optional().describe('Default "new"'),
    assigneeUserId: idRef.nullable().optional(),
    slaId: idRef.optional().describe('Bind this SLA instead of the assignment rules (manager or admin)'),
    slaVersion: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('With slaId: this version instead of the active one'),
    externalRef: z.string().min(1).max(200).nullable().optional(),
    createdAt: isoText.optional().describe('A past creation instant (manager or admin)'),
  })
  .strict();

const patchBody = z
  .object({
    title: z.string().min(1).max(300).optional(),
    description: z.string().max(100_000).nullable().optional(),
    assigneeUserId: idRef.nullable().optional(),
    serviceId: idRef.nullable().optional(),
  })
  .strict();

const listQuery = z.object({
  ...pageQuery,
  customer: idRef.optional(),
  service: idRef.optional(),
  status: z.string().max(100).optional(),
  priority: z.string().max(50).optional(),
  assignee: idRef.optional(),
  type: ticketTypeSchema.optional(),
  clock: z.enum(CLOCK_FILTERS).optional().describe('Tickets with a clock in this state now'),
  q: z.string().max(200).optional().describe('Part of the title'),
  createdFrom: isoText.optional(),
  createdTo: isoText.optional(),
  sort: z
    .enum(['created', 'due'])
    .optional()
    .describe('created: newest first (default); due: soonest due first'),
});

export function registerTicketRoutes(app: RouteApp, deps: HttpDeps): void {
  const { ctx } = deps;
  app.get(
    '/api/v1/tickets',
    {
      // The busiest routes: their answers are written by the compiled serializer (response-serializer.ts).
      serializerCompiler: fastSerializerCompiler,
      schema: {
        tags: ['tickets'],
        summary: 'List tickets with their clocks as of now (a customer viewer sees only its own)',
        querystring: listQuery,
        response: { 200: pageOf(ticketWithClocksSchema), ...errorResponses },
      },
    },
    async (request) => {
      const page = await listTickets(ctx, actorOf(request), request.query);
      return { ...page, items: page.items.map((t) => presentTicketWithClocks(t, false)) };
    },
  );

  app.post(
    '/api/v1/tickets',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Open a ticket (agent and up); the assignment rules bind its SLA and its clocks start',
        body: createBody,
        response: { 201: ticketWithClocksSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(presentTicketWithClocks(await createTicket(ctx, actorOf(request), request.body), false)),
  );

  app.get(
    '/api/v1/tickets/:id',
    {
      serializerCompiler: fastSerializerCompiler,
      schema: {
        tags: ['tickets'],
        summary:
          'One ticket with its clocks, their explanation timelines and the reasons recorded for breaches',
        params: idParams,
        response: { 200: ticketDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const found = await getTicketWithBreachReasons(ctx, actorOf(request), request.params.id);
      return {
        ...presentTicketWithClocks(found, true),
        breachReasons: found.breachReasons.map(presentBreachReason),
      };
    },
  );

  app.patch(
    '/api/v1/tickets/:id',
    {
      schema: {
        tags: ['tickets'],
        summary:
          'Change title, description, assignee or service (agent and up); status and priority change by events',
        params: idParams,
        body: patchBody,
        response: { 200: ticketSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentTicket(await updateTicket(ctx, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/tickets/:id/events',
    {
      schema: {
        tags: ['tickets'],
        summary: "The ticket's event log in logged order (customer viewers do not see internal texts)",
        params: idParams,
        response: { 200: z.object({ items: z.array(eventSchema) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: (await listTicketEvents(ctx, actorOf(request), request.params.id)).map(presentEvent),
    }),
  );

  app.post(
    '/api/v1/tickets/:id/events',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Log an event (agent and up); the ticket and its clocks follow in the same transaction',
        params: idParams,
        body: eventBody,
        response: {
          201: z.object({ event: eventSchema, ticket: ticketWithClocksSchema }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const result = await addTicketEvent(ctx, actorOf(request), request.params.id, request.body);
      return reply.status(201).send({
        event: presentEvent(result.event),
        ticket: presentTicketWithClocks({ ticket: result.ticket, clocks: result.clocks }, false),
      });
    },
  );

  app.get(
    '/api/v1/tickets/:id/clocks',
    {
      serializerCompiler: fastSerializerCompiler,
      schema: {
        tags: ['tickets'],
        summary: "The ticket's clocks now, each with its explanation timeline",
        params: idParams,
        response: { 200: z.object({ items: z.array(clockSchema) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: (await getTicketClocks(ctx, actorOf(request), request.params.id)).map((c) =>
        presentClock(c, true),
      ),
    }),
  );

  registerTicketInboundRoutes(app, deps);
  registerStreamRoutes(app, deps);
}
