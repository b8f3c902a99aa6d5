import { z } from 'zod';
import type { Contact } from '../../app/catalog/catalog.repository.ts';
import {
  createContact,
  deleteContact,
  getContact,
  listContacts,
  MAX_ESCALATION_LEVEL,
  updateContact,
} from '../../app/catalog/contacts.use-cases.ts';
import type { HttpDeps, RouteApp } from '../app.ts';
import { actorOf } from '../plugins/auth.ts';
import { catalogIdParams as idParams, text } from './catalog-fields.routes.ts';
import { errorResponses, instant, iso } from './common.ts';

const contactSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  role: z.string().nullable().describe('Free text, e.g. "IT contact" or "managing director"'),
  escalationLevel: z
    .number()
    .int()
    .describe('0 = not in the escalation matrix; 1, 2, 3 … the customer-side escalation level'),
  receivesReports: z.boolean(),
  createdAt: instant,
  updatedAt: instant,
});

const present = (c: Contact): z.infer<typeof contactSchema> => ({
  id: c.id,
  customerId: c.customerId,
  name: c.name,
  email: c.email,
  phone: c.phone,
  role: c.role,
  escalationLevel: c.escalationLevel,
  receivesReports: c.receivesReports,
  createdAt: iso(c.createdAt),
  updatedAt: iso(c.updatedAt),
});

const contactBody = z
  .object({
    name: text(200).min(1),
    email: text(320).nullable().optional(),
    phone: text(50).nullable().optional(),
    role: text(200).nullable().optional().describe('Free text, e.g. "IT contact" or "managing director"'),
    escalationLevel: z
      .number()
      .int()
      .min(0)
      .max(MAX_ESCALATION_LEVEL)
      .optional()
      .describe('0 (default) = not in the escalation matrix; 1, 2, 3 … the customer-side escalation level'),
    receivesReports: z.boolean().optional().describe('Gets the SLA reports (default false)'),
  })
  .strict();

export function registerContactRoutes(app: RouteApp, { ctx }: HttpDeps): void {
  app.get(
    '/api/v1/customers/:id/contacts',
    {
      schema: {
        tags: ['contacts'],
        summary: "A customer's contacts, escalation levels first (customer viewers: their own customer only)",
        params: idParams,
        response: { 200: z.object({ items: z.array(contactSchema) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: (await listContacts(ctx, actorOf(request), request.params.id)).map(present),
    }),
  );

  app.post(
    '/api/v1/customers/:id/contacts',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Add a contact to a customer (manager or admin)',
        params: idParams,
        body: contactBody,
        response: { 201: contactSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(present(await createContact(ctx, actorOf(request), request.params.id, request.body))),
  );

  app.get(
    '/api/v1/contacts/:id',
    {
      schema: {
        tags: ['contacts'],
        summary: 'One contact',
        params: idParams,
        response: { 200: contactSchema, ...errorResponses },
      },
    },
    async (request) => present(await getContact(ctx, actorOf(request), request.params.id)),
  );

  app.patch(
    '/api/v1/contacts/:id',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Change a contact (manager or admin)',
        params: idParams,
        body: contactBody.partial().strict(),
        response: { 200: contactSchema, ...errorResponses },
      },
    },
    async (request) => present(await updateContact(ctx, actorOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/api/v1/contacts/:id',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Remove a contact (manager or admin)',
        params: idParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteContact(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
