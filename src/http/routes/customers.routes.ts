import { z } from 'zod';
import type { Customer } from '../../app/customers/customers.repository.ts';
import { createCustomer, getCustomer, listCustomers, updateCustomer } from '../../app/customers/customers.use-cases.ts';
import type { HttpDeps, RouteApp } from '../app.ts';
import { actorOf } from '../plugins/auth.ts';
import { errorResponses, idParams, instant, iso, isoOrNull, pageOf, pageQuery } from './common.ts';

const customerSchema = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  timeZone: z.string(),
  locale: z.enum(['de', 'en']),
  notes: z.string().nullable(),
  createdAt: instant,
  updatedAt: instant,
  archivedAt: instant.nullable(),
});

const present = (c: Customer): z.infer<typeof customerSchema> => ({
  id: c.id,
  name: c.name,
  shortName: c.shortName,
  timeZone: c.timeZone,
  locale: c.locale,
  notes: c.notes,
  createdAt: iso(c.createdAt),
  updatedAt: iso(c.updatedAt),
  archivedAt: isoOrNull(c.archivedAt),
});

const customerBody = z
  .object({
    name: z.string().min(1).max(200),
    shortName: z.string().max(50).nullable().optional(),
    timeZone: z.string().max(100).optional().describe('IANA zone, e.g. Europe/Berlin (default)'),
    locale: z.enum(['de', 'en']).optional(),
    notes: z.string().max(10_000).nullable().optional(),
  })
  .strict();

export function registerCustomerRoutes(app: RouteApp, { ctx }: HttpDeps): void {
  app.get(
    '/api/v1/customers',
    {
      schema: {
        tags: ['customers'],
        summary: 'List customers (a customer viewer sees only its own)',
        querystring: z.object({ ...pageQuery, q: z.string().max(200).optional(), includeArchived: z.coerce.boolean().optional() }),
        response: { 200: pageOf(customerSchema), ...errorResponses },
      },
    },
    async (request) => {
      const page = await listCustomers(ctx, actorOf(request), request.query);
      return { ...page, items: page.items.map(present) };
    },
  );

  app.post(
    '/api/v1/customers',
    { schema: { tags: ['customers'], summary: 'Create a customer (manager or admin)', body: customerBody, response: { 201: customerSchema, ...errorResponses } } },
    async (request, reply) => reply.status(201).send(present(await createCustomer(ctx, actorOf(request), request.body))),
  );

  app.get(
    '/api/v1/customers/:id',
    { schema: { tags: ['customers'], summary: 'One customer', params: idParams, response: { 200: customerSchema, ...errorResponses } } },
    async (request) => present(await getCustomer(ctx, actorOf(request), request.params.id)),
  );

  app.patch(
    '/api/v1/customers/:id',
    {
      schema: {
        tags: ['customers'],
        summary: 'Change a customer (manager or admin); archived customers disappear from lists',
        params: idParams,
        body: customerBody.partial().extend({ archived: z.boolean().optional() }).strict(),
        response: { 200: customerSchema, ...errorResponses },
      },
    },
    async (request) => present(await updateCustomer(ctx, actorOf(request), request.params.id, request.body)),
  );
}
