// Staff awareness: acknowledging SLA versions in force, who has not yet, and each person's own compliance figures.
import { z } from 'zod';
import { quickReferencePath } from '../../app/staff/acknowledgement-reminders.ts';
import type { StaffMember } from '../../app/staff/acknowledgements.repository.ts';
import {
  acknowledgeVersion,
  myAcknowledgements,
  pendingAcknowledgements,
  versionAcknowledgements,
  type AckVersion,
} from '../../app/staff/acknowledgements.use-cases.ts';
import { staffCompliance, type StaffCompliance } from '../../app/staff/staff-compliance.use-cases.ts';
import type { HttpDeps, RouteApp } from '../app.ts';
import { actorOf } from '../plugins/auth.ts';
import { errorResponses, idParams, instant, iso, isoOrNull } from './common.ts';

const versionSchema = z.object({
  slaId: z.string(),
  slaName: z.string(),
  version: z.number().int(),
  status: z.enum(['draft', 'active', 'retired']),
  effectiveFrom: instant.nullable(),
  activatedAt: instant.nullable(),
  quickReference: z
    .string()
    .describe("The version's one-page quick reference for staff (a path under this server)"),
});
const personSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(['agent', 'manager']),
});
const acknowledgedPerson = personSchema.extend({
  role: z.enum(['agent', 'manager', 'admin']),
  acknowledgedAt: instant,
});

const presentVersion = (v: AckVersion): z.infer<typeof versionSchema> => ({
  slaId: v.slaId,
  slaName: v.slaName,
  version: v.version,
  status: v.status,
  effectiveFrom: isoOrNull(v.effectiveFrom),
  activatedAt: isoOrNull(v.activatedAt),
  quickReference: quickReferencePath(v.slaId, v.version),
});
const presentPerson = (p: StaffMember): z.infer<typeof personSchema> => ({
  userId: p.userId,
  name: p.name,
  email: p.email,
  role: p.role,
});

const listSchema = z.object({
  userId: z.string(),
  required: z
    .boolean()
    .describe('Agents and managers must acknowledge every version in force; admins need not'),
  pending: z.array(versionSchema).describe('Versions in force the caller has not acknowledged yet'),
  acknowledged: z.array(versionSchema.extend({ acknowledgedAt: instant })).describe('Newest first'),
  version: z
    .object({
      version: versionSchema,
      acknowledged: z.array(acknowledgedPerson),
      pending: z.array(personSchema).describe('Empty unless the version is in force: only that one is owed'),
    })
    .optional()
    .describe(
      'With ?sla= (and ?version=, default the version in force): who has and who has not acknowledged it',
    ),
});

const listQuery = z.object({
  sla: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('An SLA id (managers and admins): show who has acknowledged it'),
  version: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .optional()
    .describe('With sla: the version; default the one in force'),
});

const ackBody = z
  .object({ slaId: z.string().min(1).max(100), version: z.number().int().min(1).max(1_000_000) })
  .strict();
const ackSchema = z.object({
  version: versionSchema,
  acknowledgedAt: instant.describe('When the caller first acknowledged this version'),
  created: z.boolean().describe('False when it had been acknowledged before (nothing changed)'),
});

const pendingSchema = z.object({
  items: z.array(
    z.object({
      version: versionSchema,
      staff: z.number().int().describe('Agents and managers who must acknowledge it'),
      acknowledged: z.number().int(),
      pending: z.array(personSchema),
    }),
  ),
});

const metric = z.enum(['first_response', 'resolution']);
const complianceQuery = z.object({
  month: z
    .string()
    .max(7)
    .optional()
    .describe("YYYY-MM in the user's time zone (UTC without one); default this month"),
  period: z
    .string()
    .max(100)
    .optional()
    .describe(
      'Instead of month: 2026-Q3 (quarter), 2026 (year) or 2026-03-01..2026-03-15 (dates, both included)',
    ),
});
const complianceSchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), timeZone: z.string() }),
  period: z.object({ key: z.string(), from: instant, to: instant.describe('Exclusive'), label: z.string() }),
  compliance: z
    .array(
      z.object({
        priority: z.string().describe('A priority, or "all" for the target over every priority'),
        metric,
        met: z.number().int(),
        breached: z.number().int(),
        compliance: z.number().describe('met ÷ (met + breached)'),
        goal: z.number(),
        achieved: z.boolean(),
      }),
    )
    .describe('Clocks of tickets assigned to the user whose outcome fell in the period'),
  times: z
    .array(
      z.object({
        priority: z.string().describe('A priority, or "all"'),
        metric,
        count: z.number().int(),
        meanBusinessMs: z.number().int(),
        p90BusinessMs: z.number().int(),
      }),
    )
    .describe('Business time to first response and to resolution, of the clocks stopped in the period'),
  now: z.object({
    at: instant,
    open: z.number().int(),
    atRisk: z.number().int().describe('Open tickets with a clock past a warning share, none breached'),
    breached: z.number().int().describe('Open tickets with a breached clock'),
  }),
});

const presentCompliance = (c: StaffCompliance, lang: 'de' | 'en'): z.infer<typeof complianceSchema> => ({
  user: c.user,
  period: {
    key: c.period.key,
    from: iso(c.period.start),
    to: iso(c.period.end),
    label: c.period.label[lang],
  },
  compliance: c.figures.compliance.map((r) => ({ ...r })),
  times: c.figures.times.map((t) => ({ ...t })),
  now: { at: iso(c.at), ...c.figures.now },
});

export function registerStaffRoutes(app: RouteApp, deps: HttpDeps): void {
  const { ctx } = deps;

  app.get(
    '/api/v1/acknowledgements',
    {
      schema: {
        tags: ['staff'],
        summary:
          "The caller's acknowledgements of SLA versions: pending and done (staff); with ?sla= who has and who has not (manager or admin)",
        querystring: listQuery,
        response: { 200: listSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { sla, version } = request.query;
      const forVersion =
        sla === undefined ? undefined : await versionAcknowledgements(ctx, actor, sla, version);
      const mine = await myAcknowledgements(ctx, actor);
      return {
        userId: mine.userId,
        required: mine.required,
        pending: mine.pending.map(presentVersion),
        acknowledged: mine.acknowledged.map((a) => ({
          ...presentVersion(a),
          acknowledgedAt: iso(a.acknowledgedAt),
        })),
        ...(forVersion
          ? {
              version: {
                version: presentVersion(forVersion.version),
                acknowledged: forVersion.acknowledged.map((p) => ({
                  userId: p.userId,
                  name: p.name,
                  email: p.email,
                  role: p.role,
                  acknowledgedAt: iso(p.acknowledgedAt),
                })),
                pending: forVersion.pending.map(presentPerson),
              },
            }
          : {}),
      };
    },
  );

  app.post(
    '/api/v1/acknowledgements',
    {
      schema: {
        tags: ['staff'],
        summary: 'Acknowledge an SLA version in force (staff): idempotent, the first time is kept',
        body: ackBody,
        response: { 200: ackSchema, 201: ackSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const r = await acknowledgeVersion(ctx, actorOf(request), request.body.slaId, request.body.version);
      return reply.status(r.created ? 201 : 200).send({
        version: presentVersion(r.version),
        acknowledgedAt: iso(r.acknowledgedAt),
        created: r.created,
      });
    },
  );

  app.get(
    '/api/v1/acknowledgements/pending',
    {
      schema: {
        tags: ['staff'],
        summary:
          'Per SLA version in force, the agents and managers who have not acknowledged it (manager or admin)',
        response: { 200: pendingSchema, ...errorResponses },
      },
    },
    async (request) => ({
      items: (await pendingAcknowledgements(ctx, actorOf(request))).map((p) => ({
        version: presentVersion(p.version),
        staff: p.staff,
        acknowledged: p.staff - p.pending.length,
        pending: p.pending.map(presentPerson),
      })),
    }),
  );

  const period = (q: z.infer<typeof complianceQuery>): string | undefined => q.period ?? q.month;
  const lang = async (userId: string | null): Promise<'de' | 'en'> =>
    userId !== null && (await ctx.storage.accounts.findUserById(userId))?.locale === 'de' ? 'de' : 'en';

  app.get(
    '/api/v1/me/compliance',
    {
      schema: {
        tags: ['staff'],
        summary:
          "The caller's own compliance figures (staff): per priority and target, response and resolution times, open tickets at risk",
        querystring: complianceQuery,
        response: { 200: complianceSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const figures = await staffCompliance(ctx, actor, 'me', period(request.query));
      return presentCompliance(figures, await lang(actor.userId));
    },
  );

  app.get(
    '/api/v1/users/:id/compliance',
    {
      schema: {
        tags: ['staff'],
        summary: "A staff member's compliance figures (manager or admin; agents their own)",
        params: idParams,
        querystring: complianceQuery,
        response: { 200: complianceSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const figures = await staffCompliance(ctx, actor, request.params.id, period(request.query));
      return presentCompliance(figures, await lang(actor.userId));
    },
  );
}
