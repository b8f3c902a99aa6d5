import { z } from 'zod';
import {
  createAction,
  getAction,
  listActions,
  remeasureAction,
  updateAction,
} from '../../app/reviews/actions.use-cases.ts';
import type { ReviewSchedule } from '../../app/reviews/review-schedule.ts';
import {
  ACTION_STATUSES,
  HELPED,
  LINK_KINDS,
  type ActionRecord,
  type MeasuredFigure,
  type ReviewRecord,
} from '../../app/reviews/reviews.repository.ts';
import {
  createReview,
  draftFromReview,
  dueWork,
  getReview,
  listReviews,
  type ReviewDetail,
  type ReviewListItem,
} from '../../app/reviews/reviews.use-cases.ts';
import type { HttpDeps, RouteApp } from '../app.ts';
import { actorOf } from '../plugins/auth.ts';
import { errorResponses, idParams, instant, iso, isoOrNull } from './common.ts';
import { versionPatchBody } from './slas-schemas.routes.ts';
import { idRef } from './tickets-presenters.ts';

const day = z.string().max(10).describe('A day, e.g. 2026-03-31');
const month = z.string().max(7).describe('A month, e.g. 2026-03');

const linkSchema = z.object({ kind: z.enum(LINK_KINDS), id: idRef });

const metricSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('availability'),
    serviceId: z.string(),
    customerId: z.string().nullable(),
    windowDays: z.number().int(),
  }),
  z.object({
    kind: z.literal('resolution_compliance'),
    priority: z.string(),
    customerId: z.string(),
    windowDays: z.number().int(),
  }),
]);

const metricBody = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('availability'),
      serviceId: idRef,
      customerId: idRef.nullable().optional().describe("Counted on this customer's SLA and service hours"),
      windowDays: z.number().int().min(1).max(365).optional().describe('Length of each window (default 30)'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('resolution_compliance'),
      priority: z.string().min(1).max(20),
      customerId: idRef,
      windowDays: z.number().int().min(1).max(365).optional().describe('Length of each window (default 30)'),
    })
    .strict(),
]);

const figureSchema = z.object({
  from: instant,
  to: instant,
  value: z.number().nullable().describe('A share 0 … 1; null when nothing could be counted'),
});

const actionSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  ownerUserId: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: z.enum(ACTION_STATUSES),
  overdue: z.boolean(),
  links: z.array(linkSchema),
  metric: metricSchema.nullable(),
  helped: z.enum(HELPED).nullable(),
  measurement: z
    .object({
      before: figureSchema,
      after: figureSchema.nullable().describe('Null until time has passed since the closure'),
      measuredAt: instant,
    })
    .nullable(),
  createdBy: z.string().nullable(),
  createdAt: instant,
  updatedAt: instant,
  closedAt: instant.nullable(),
  revision: z.number().int(),
});

const actionBody = z
  .object({
    title: z.string().min(1).max(300),
    description: z.string().max(10_000).nullable().optional(),
    ownerUserId: idRef.nullable().optional(),
    dueDate: day.nullable().optional(),
    links: z.array(linkSchema.strict()).max(100).optional(),
    metric: metricBody.nullable().optional(),
  })
  .strict();

const actionPatch = actionBody.partial().extend({
  status: z.enum(ACTION_STATUSES).optional(),
  helped: z.enum(HELPED).optional().describe('Required when the status becomes done'),
});

const scheduleSchema = z.object({
  slaId: z.string(),
  slaName: z.string(),
  ownerUserId: z.string().nullable(),
  customerIds: z.array(z.string()),
  intervalMonths: z.number().int(),
  lastReviewDate: z.string().nullable(),
  activatedOn: z.string(),
  nextReviewDate: z.string(),
  state: z.enum(['scheduled', 'due', 'overdue']),
});

const reviewSchema = z.object({
  id: z.string(),
  slaId: z.string(),
  date: z.string(),
  participants: z.array(z.string()),
  periodFrom: z.string(),
  periodTo: z.string(),
  findings: z.string(),
  decisions: z.string(),
  draftVersion: z.number().int().nullable().describe('The SLA version drafted from this review'),
  createdBy: z.string().nullable(),
  createdAt: instant,
});

const reviewDetailSchema = reviewSchema.extend({
  slaName: z.string(),
  snapshot: z
    .object({
      takenAt: instant,
      reports: z.array(
        z.object({ customerId: z.string(), month: z.string(), report: z.record(z.string(), z.unknown()) }),
      ),
    })
    .describe('The customer reports of the reviewed months as they stood when the review was recorded'),
  actions: z.array(actionSchema),
  draft: z
    .object({
      version: z.number().int(),
      status: z.enum(['draft', 'active', 'retired']),
      basedOn: z.number().int().nullable(),
      changes: z.array(
        z.object({
          field: z.string(),
          label: z.string(),
          before: z.string().nullable(),
          after: z.string().nullable(),
          text: z.string(),
        }),
      ),
    })
    .nullable()
    .describe('The drafted SLA version and what it changes against the version it was copied from'),
});

const reviewListSchema = z.object({
  status: z.enum(['due', 'overdue', 'done']),
  slaId: z.string(),
  slaName: z.string(),
  ownerUserId: z.string().nullable(),
  date: z.string().describe('The day held, or the day due'),
  review: reviewSchema.nullable(),
});

const reviewBody = z
  .object({
    slaId: idRef,
    date: day.describe('The day the review was held'),
    participants: z.array(z.string().min(1).max(200)).min(1).max(50),
    periodFrom: month.describe('First month reviewed'),
    periodTo: month.describe('Last month reviewed (included)'),
    findings: z.string().max(20_000).optional(),
    decisions: z.string().max(20_000).optional(),
    actions: z
      .array(actionBody)
      .max(50)
      .optional()
      .describe('Actions agreed: they open in the improvement register'),
  })
  .strict();

const fig = (f: MeasuredFigure): z.infer<typeof figureSchema> => ({
  from: iso(f.from),
  to: iso(f.to),
  value: f.value,
});

function presentAction(a: ActionRecord, today: string): z.infer<typeof actionSchema> {
  return {
    id: a.id,
    title: a.title,
    description: a.description,
    ownerUserId: a.ownerUserId,
    dueDate: a.dueDate,
    status: a.status,
    overdue: (a.status === 'open' || a.status === 'in_progress') && a.dueDate !== null && a.dueDate < today,
    links: [...a.links],
    metric: a.metric,
    helped: a.helped,
    measurement:
      a.measurement === null
        ? null
        : {
            before: fig(a.measurement.before),
            after: a.measurement.after === null ? null : fig(a.measurement.after),
            measuredAt: iso(a.measurement.measuredAt),
          },
    createdBy: a.createdBy,
    createdAt: iso(a.createdAt),
    updatedAt: iso(a.updatedAt),
    closedAt: isoOrNull(a.closedAt),
    revision: a.revision,
  };
}

const presentReview = (r: ReviewRecord): z.infer<typeof reviewSchema> => ({
  id: r.id,
  slaId: r.slaId,
  date: r.date,
  participants: [...r.participants],
  periodFrom: r.periodFrom,
  periodTo: r.periodTo,
  findings: r.findings,
  decisions: r.decisions,
  draftVersion: r.draftVersion,
  createdBy: r.createdBy,
  createdAt: iso(r.createdAt),
});

function presentDetail(d: ReviewDetail, today: string): z.infer<typeof reviewDetailSchema> {
  const snapshot = d.review.snapshot as {
    takenAt: number;
    reports: { customerId: string; month: string; report: Record<string, unknown> }[];
  };
  return {
    ...presentReview(d.review),
    slaName: d.slaName,
    snapshot: { takenAt: iso(snapshot.takenAt), reports: snapshot.reports },
    actions: d.actions.map((a) => presentAction(a, today)),
    draft: d.draft === null ? null : { ...d.draft, changes: [...d.draft.changes] },
  };
}

const presentListItem = (i: ReviewListItem): z.infer<typeof reviewListSchema> => ({
  status: i.status,
  slaId: i.slaId,
  slaName: i.slaName,
  ownerUserId: i.ownerUserId,
  date: i.date,
  review: i.review === null ? null : presentReview(i.review),
});

const presentSchedule = (s: ReviewSchedule): z.infer<typeof scheduleSchema> => ({
  ...s,
  customerIds: [...s.customerIds],
});

export function registerReviewRoutes(app: RouteApp, { ctx }: HttpDeps): void {
  const today = (): string => iso(ctx.clock.now()).slice(0, 10);

  app.get(
    '/api/v1/reviews',
    {
      schema: {
        tags: ['reviews'],
        summary: 'Reviews held, and reviews due or overdue (staff)',
        querystring: z.object({
          sla: idRef.optional(),
          customer: idRef.optional(),
          status: z.enum(['due', 'overdue', 'done']).optional(),
        }),
        response: { 200: z.object({ items: z.array(reviewListSchema) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: (await listReviews(ctx, actorOf(request), request.query)).map(presentListItem),
    }),
  );

  app.get(
    '/api/v1/reviews/due',
    {
      schema: {
        tags: ['reviews'],
        summary:
          "The dashboard's list: SLA reviews due or overdue, and improvement actions past their due date (staff)",
        response: {
          200: z.object({ reviews: z.array(scheduleSchema), actions: z.array(actionSchema) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const due = await dueWork(ctx, actorOf(request));
      return {
        reviews: due.reviews.map(presentSchedule),
        actions: due.actions.map((a) => presentAction(a, today())),
      };
    },
  );

  app.post(
    '/api/v1/reviews',
    {
      schema: {
        tags: ['reviews'],
        summary:
          "Record a review held (manager or admin); the period's customer reports are attached as they stand",
        body: reviewBody,
        response: { 201: reviewDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentDetail(await createReview(ctx, actorOf(request), request.body), today())),
  );

  app.get(
    '/api/v1/reviews/:id',
    {
      schema: {
        tags: ['reviews'],
        summary: 'One review with its snapshot, its actions and the SLA version drafted from it (staff)',
        params: idParams,
        response: { 200: reviewDetailSchema, ...errorResponses },
      },
    },
    async (request) => presentDetail(await getReview(ctx, actorOf(request), request.params.id), today()),
  );

  app.post(
    '/api/v1/reviews/:id/draft',
    {
      schema: {
        tags: ['reviews'],
        summary:
          "Draft the SLA's next version from the review's decisions (manager or admin), copied from the latest with the given fields changed",
        params: idParams,
        body: versionPatchBody.nullish(),
        response: { 201: reviewDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          presentDetail(
            await draftFromReview(ctx, actorOf(request), request.params.id, request.body ?? {}),
            today(),
          ),
        ),
  );

  app.get(
    '/api/v1/actions',
    {
      schema: {
        tags: ['actions'],
        summary: 'The improvement register, due date first (staff)',
        querystring: z.object({
          status: z.enum(ACTION_STATUSES).optional(),
          owner: idRef.optional(),
          review: idRef.optional(),
          service: idRef.optional(),
          ticket: idRef.optional(),
          outage: idRef.optional(),
          overdue: z
            .enum(['true', 'false'])
            .optional()
            .transform((v) => v === 'true')
            .describe('true: only open or in-progress actions past their due date'),
        }),
        response: { 200: z.object({ items: z.array(actionSchema) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: (await listActions(ctx, actorOf(request), request.query)).map((a) => presentAction(a, today())),
    }),
  );

  app.post(
    '/api/v1/actions',
    {
      schema: {
        tags: ['actions'],
        summary: 'Open an improvement action (agent and up)',
        body: actionBody,
        response: { 201: actionSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentAction(await createAction(ctx, actorOf(request), request.body), today())),
  );

  app.get(
    '/api/v1/actions/:id',
    {
      schema: {
        tags: ['actions'],
        summary: 'One improvement action (staff)',
        params: idParams,
        response: { 200: actionSchema, ...errorResponses },
      },
    },
    async (request) => presentAction(await getAction(ctx, actorOf(request), request.params.id), today()),
  );

  app.patch(
    '/api/v1/actions/:id',
    {
      schema: {
        tags: ['actions'],
        summary:
          'Change an action (agent and up); done needs helped (yes, no, unclear) and measures the figure before and after',
        params: idParams,
        body: actionPatch.strict(),
        response: { 200: actionSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentAction(await updateAction(ctx, actorOf(request), request.params.id, request.body), today()),
  );

  app.post(
    '/api/v1/actions/:id/measure',
    {
      schema: {
        tags: ['actions'],
        summary:
          "Measure a done action's figure again, over windows as long as the time since its closure allows",
        params: idParams,
        response: { 200: actionSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentAction(await remeasureAction(ctx, actorOf(request), request.params.id), today()),
  );
}
