import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CHANNEL_KINDS } from '../../app/escalation/channels.ts';
import {
  createChannel,
  deleteChannel,
  getChannel,
  listChannels,
  sendTestNotification,
  updateChannel,
  type MaskedChannel,
} from '../../app/escalation/channels.use-cases.ts';
import { listBudgetAlerts } from '../../app/escalation/budget-alerts.use-cases.ts';
import type {
  BudgetAlertRecord,
  NotificationRecord,
  PolicyRecord,
  StoredRosterEntry,
} from '../../app/escalation/escalation.repository.ts';
import { NOTIFICATION_STATUSES } from '../../app/escalation/escalation.repository.ts';
import {
  acknowledgeByLink,
  acknowledgeEscalation,
  describeAckLink,
  listEscalations,
  listNotifications,
  type EscalationView,
} from '../../app/escalation/escalations.use-cases.ts';
import {
  createPolicy,
  deletePolicy,
  getPolicy,
  listPolicies,
  updatePolicy,
} from '../../app/escalation/policies.use-cases.ts';
import { getRoster, replaceRoster } from '../../app/escalation/roster.use-cases.ts';
import { ROSTER_ROLES } from '../../domain/escalation/roster.ts';
import { isDomainError } from '../../domain/shared/errors.ts';
import type { HttpDeps, RouteApp } from '../app.ts';
import { actorOf } from '../plugins/auth.ts';
import { pathId, text } from './catalog-fields.routes.ts';
import { errorResponses, instant, iso, isoOrNull, pageOf, pageQuery } from './common.ts';

const TAGS = ['escalation'];
const idParams = z.object({ id: pathId });
/** Step keys hold the ticket id, the policy id and the clock: longer than other ids. */
const stepParams = z.object({ id: z.string().min(1).max(400) });
const ids = z.array(pathId).max(200);

const levelSchema = z
  .record(z.string(), z.unknown())
  .describe(
    'A level: { trigger, actions, channels?, repeatEveryMinutes?, maxRepeats?, stopsLaterLevels? } (see docs/escalation.md)',
  );

const policyBody = z
  .object({
    id: text(100).min(1).describe('Stable id, used in step keys: letters, digits, "_", "." or "-"'),
    name: text(200).min(1),
    levels: z.array(levelSchema).min(1).max(20),
    appliesTo: z
      .object({
        targets: z.array(z.enum(['first_response', 'resolution', 'update'])).optional(),
        priorities: z.array(text(50)).optional(),
      })
      .strict()
      .optional(),
    slaIds: ids.optional().describe('The SLAs whose tickets the policy escalates'),
    serviceIds: ids.optional().describe('The services whose outages and budget alerts the policy escalates'),
  })
  .strict();

const policySchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.enum(['ticket', 'availability']),
  levels: z.array(levelSchema),
  appliesTo: z.object({
    targets: z.array(z.string()).optional(),
    priorities: z.array(z.string()).optional(),
  }),
  slaIds: z.array(z.string()),
  serviceIds: z.array(z.string()),
  revision: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
});

const presentPolicy = (p: PolicyRecord): z.infer<typeof policySchema> => ({
  id: p.policy.id,
  name: p.policy.name,
  scope: p.policy.scope,
  levels: p.policy.levels.map((l) => ({ ...l })),
  appliesTo: {
    ...(p.policy.appliesTo.targets ? { targets: [...p.policy.appliesTo.targets] } : {}),
    ...(p.policy.appliesTo.priorities ? { priorities: [...p.policy.appliesTo.priorities] } : {}),
  },
  slaIds: [...p.slaIds],
  serviceIds: [...p.serviceIds],
  revision: p.revision,
  createdAt: iso(p.createdAt),
  updatedAt: iso(p.updatedAt),
});

const channelSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(CHANNEL_KINDS as [string, ...string[]]),
  config: z
    .record(z.string(), z.unknown())
    .describe('The settings; passwords, secrets, tokens and header values are masked'),
  revision: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
});

const presentChannel = (c: MaskedChannel): z.infer<typeof channelSchema> => ({
  id: c.id,
  name: c.name,
  kind: c.kind,
  config: c.config as Record<string, unknown>,
  revision: c.revision,
  createdAt: iso(c.createdAt),
  updatedAt: iso(c.updatedAt),
});

const channelBody = z
  .object({
    id: text(100).min(1).describe("What policies name in their levels' channels"),
    name: text(200).min(1),
    kind: z.enum(CHANNEL_KINDS as [string, ...string[]]),
    config: z.record(z.string(), z.unknown()).describe("The channel's settings (see docs/escalation.md)"),
  })
  .strict();

const channelPatch = z
  .object({
    name: text(200).min(1).optional(),
    config: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('The whole config; masked values sent back keep the stored secrets'),
  })
  .strict();

const notificationSchema = z.object({
  id: z.string(),
  idempotencyKey: z.string(),
  stepKey: z.string().nullable(),
  ticketId: z.string().nullable(),
  channelId: z.string(),
  channelKind: z.string(),
  recipient: z.string().describe('E-mail address or phone number; "*" for channels that post to their URL'),
  recipientName: z.string().nullable(),
  outageId: z.string().nullable().describe('The outage the notice is about'),
  budgetAlertId: z.string().nullable().describe('The budget alert the notice is about'),
  kind: z
    .string()
    .nullable()
    .describe('ticket_warning, ticket_breach, ticket_after_breach, outage, burn_rate, budget_spent …'),
  level: z.number().int().nullable(),
  status: z.enum(['pending', 'retrying', 'sent', 'dead']),
  attempts: z.number().int(),
  nextAttemptAt: instant.nullable(),
  lastError: z.string().nullable(),
  detail: z.string().nullable().describe("The receiving server's answer"),
  sentAt: instant.nullable(),
  createdAt: instant,
});

/** The subject id in a step key `<kind>:<id>:…` when the kind matches. */
const subjectOf = (stepKey: string | null, kind: 'outage' | 'alert'): string | null => {
  const [k, id] = (stepKey ?? '').split(':');
  return k === kind && id ? id : null;
};

function presentNotification(n: NotificationRecord): z.infer<typeof notificationSchema> {
  const facts = (n.message as { facts?: { kind?: unknown; level?: unknown } } | null)?.facts;
  return {
    id: n.id,
    idempotencyKey: n.idempotencyKey,
    stepKey: n.stepKey,
    ticketId: n.ticketId,
    channelId: n.channelId,
    channelKind: n.channelKind,
    recipient: n.recipient,
    recipientName: n.recipientName,
    outageId: subjectOf(n.stepKey, 'outage'),
    budgetAlertId: subjectOf(n.stepKey, 'alert'),
    kind: typeof facts?.kind === 'string' ? facts.kind : null,
    level: typeof facts?.level === 'number' ? facts.level : null,
    status: n.status,
    attempts: n.attempts,
    nextAttemptAt: isoOrNull(n.nextAttemptAt),
    lastError: n.lastError,
    detail: n.detail,
    sentAt: isoOrNull(n.sentAt),
    createdAt: iso(n.createdAt),
  };
}

const escalationSchema = z.object({
  id: z.string().describe('The step key: ticket:<ticket>:<policy>:<clock>:<level>:<occurrence>'),
  levelKey: z.string(),
  ticketId: z.string().nullable(),
  policyId: z.string(),
  target: z.string().nullable(),
  level: z.number().int().describe('Counted from 1'),
  occurrence: z.number().int().describe('0 for the first notice, 1 … for repeats'),
  trigger: z.record(z.string(), z.unknown()),
  status: z.enum(['pending', 'fired', 'cancelled']),
  dueAt: instant.nullable().describe('Null while the clock is paused'),
  firedAt: instant.nullable(),
  acknowledgedAt: instant.nullable(),
  acknowledgedBy: z.string().nullable().describe('The user id, or the recipient of the link used'),
});

const presentEscalation = ({
  step,
  acknowledgement: ack,
}: EscalationView): z.infer<typeof escalationSchema> => ({
  id: step.key,
  levelKey: step.levelKey,
  ticketId: step.ticketId,
  policyId: step.policyId,
  target: step.subject.kind === 'ticket' ? step.subject.metric : null,
  level: step.levelIndex + 1,
  occurrence: step.occurrence,
  trigger: { ...step.plan.trigger },
  status: step.status,
  dueAt: isoOrNull(step.dueAt),
  firedAt: isoOrNull(step.firedAt),
  acknowledgedAt: ack ? iso(ack.at) : null,
  acknowledgedBy: ack ? (ack.userId ?? ack.recipient) : null,
});

const budgetAlertSchema = z.object({
  id: z.string(),
  serviceId: z.string(),
  customerId: z.string(),
  rule: z.string().describe('burn_1h_5m, burn_6h_30m, burn_1d_2h, burn_3d_6h or budget_spent'),
  kind: z.enum(['burn_rate', 'budget_spent']).describe('The escalation trigger the alert raises'),
  target: z.number().describe('The availability target, 0.995 for 99.5 %'),
  periodStart: instant.describe("The budget period: the customer's calendar month"),
  periodEnd: instant,
  startedAt: instant,
  endedAt: instant.nullable().describe('Null while the rule still fires'),
  burnRate: z.number().nullable().describe('The burn rate both windows reached at the last evaluation'),
  budgetUsed: z
    .number()
    .nullable()
    .describe("Share of the period's budget used at the last evaluation (1 = all)"),
  outrankedBy: z
    .string()
    .nullable()
    .describe(
      'The faster burn-rate alert raised when this one opened: it escalates for both, this one notifies nobody',
    ),
});

const presentBudgetAlert = (a: BudgetAlertRecord): z.infer<typeof budgetAlertSchema> => ({
  id: a.id,
  serviceId: a.serviceId,
  customerId: a.customerId,
  rule: a.rule,
  kind: a.kind,
  target: a.target,
  periodStart: iso(a.periodStart),
  periodEnd: iso(a.periodEnd),
  startedAt: iso(a.startedAt),
  endedAt: isoOrNull(a.endedAt),
  burnRate: a.burnRate,
  budgetUsed: a.budgetUsed,
  outrankedBy: a.outrankedBy,
});

const rosterEntrySchema = z
  .object({
    role: z.enum(ROSTER_ROLES),
    userId: pathId,
    hours: z
      .record(z.string(), z.array(z.string().max(20)).max(10))
      .optional()
      .describe('Hours per weekday as in calendars, e.g. { "mon": ["08:00-18:00"] }; absent = always'),
    timeZone: text(100).optional().describe('IANA zone the hours are read in; needed with hours'),
  })
  .strict();

const rosterSchema = z.object({ entries: z.array(rosterEntrySchema) });

const presentRoster = (entries: readonly StoredRosterEntry[]): z.infer<typeof rosterSchema> => ({
  entries: entries.map((e) => ({
    role: e.role,
    userId: e.userId,
    ...(e.hours === undefined
      ? {}
      : { hours: Object.fromEntries(Object.entries(e.hours).map(([d, h]) => [d, [...h]])) }),
    ...(e.timeZone === undefined ? {} : { timeZone: e.timeZone }),
  })),
});

const escape = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** The words of the acknowledge pages, in the notice's language. */
const ACK_WORDS = {
  de: {
    confirmTitle: (level: number) => `Eskalationsstufe ${level} bestätigen?`,
    confirmBody: 'Bestätigen Sie, dass Sie sich darum kümmern. Die Erinnerungen dieser Stufe hören dann auf.',
    button: 'Bestätigen',
    doneTitle: 'Bestätigt',
    doneBody: (level: number) => `Eskalationsstufe ${level} ist bestätigt: ihre Erinnerungen hören auf.`,
    alreadyTitle: 'Bereits bestätigt',
    alreadyBody: (level: number) => `Eskalationsstufe ${level} wurde schon vorher bestätigt.`,
  },
  en: {
    confirmTitle: (level: number) => `Acknowledge escalation level ${level}?`,
    confirmBody: 'Confirm that you are taking care of it. The reminders of this level then stop.',
    button: 'Acknowledge',
    doneTitle: 'Acknowledged',
    doneBody: (level: number) => `Escalation level ${level} is acknowledged: its reminders stop.`,
    alreadyTitle: 'Already acknowledged',
    alreadyBody: (level: number) => `Escalation level ${level} had been acknowledged before.`,
  },
} as const;

/** A tiny page without script; `form` adds the one button that POSTs to the page's own URL. */
function ackPage(lang: 'de' | 'en', title: string, body: string, form?: string): string {
  const button = form
    ? `<form method="post"><button type="submit" style="font-size:1rem;padding:.6rem 1.2rem">${escape(form)}</button></form>`
    : '';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escape(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937}h1{font-size:1.4rem}</style></head><body><h1>${escape(title)}</h1><p>${escape(body)}</p>${button}</body></html>`;
}

const NOT_VALID = ackPage(
  'en',
  'Link not valid – Link ungültig',
  'This acknowledge link is not valid. – Dieser Bestätigungslink ist nicht gültig.',
);

export function registerEscalationRoutes(app: RouteApp, { ctx }: HttpDeps): void {
  // ---- policies ----
  app.get(
    '/api/v1/escalation-policies',
    {
      schema: {
        tags: TAGS,
        summary: 'Escalation policies (staff)',
        response: { 200: z.object({ items: z.array(policySchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: (await listPolicies(ctx, actorOf(request))).map(presentPolicy) }),
  );

  app.post(
    '/api/v1/escalation-policies',
    {
      schema: {
        tags: TAGS,
        summary:
          'Create an escalation policy and link it to SLAs and services; their open tickets are planned at once (manager or admin)',
        body: policyBody,
        response: { 201: policySchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { slaIds, serviceIds, ...definition } = request.body;
      const created = await createPolicy(ctx, actorOf(request), {
        definition,
        ...(slaIds ? { slaIds } : {}),
        ...(serviceIds ? { serviceIds } : {}),
      });
      return reply.status(201).send(presentPolicy(created));
    },
  );

  app.get(
    '/api/v1/escalation-policies/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'One escalation policy (staff)',
        params: idParams,
        response: { 200: policySchema, ...errorResponses },
      },
    },
    async (request) => presentPolicy(await getPolicy(ctx, actorOf(request), request.params.id)),
  );

  app.patch(
    '/api/v1/escalation-policies/:id',
    {
      schema: {
        tags: TAGS,
        summary:
          'Change a policy: new levels, name or appliesTo replace the old ones; the id stays (manager or admin)',
        params: idParams,
        body: policyBody.omit({ id: true }).partial().strict(),
        response: { 200: policySchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { slaIds, serviceIds, ...changes } = request.body;
      const current =
        Object.keys(changes).length === 0 ? undefined : await getPolicy(ctx, actor, request.params.id);
      const updated = await updatePolicy(ctx, actor, request.params.id, {
        ...(current
          ? {
              definition: {
                name: current.policy.name,
                levels: current.policy.levels,
                ...(Object.keys(current.policy.appliesTo).length > 0
                  ? { appliesTo: current.policy.appliesTo }
                  : {}),
                ...changes,
              },
            }
          : {}),
        ...(slaIds ? { slaIds } : {}),
        ...(serviceIds ? { serviceIds } : {}),
      });
      return presentPolicy(updated);
    },
  );

  app.delete(
    '/api/v1/escalation-policies/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Delete a policy; its pending notices are cancelled (manager or admin)',
        params: idParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deletePolicy(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  // ---- channels ----
  app.get(
    '/api/v1/notification-channels',
    {
      schema: {
        tags: TAGS,
        summary: 'Notification channels, secrets masked (manager or admin)',
        response: { 200: z.object({ items: z.array(channelSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: (await listChannels(ctx, actorOf(request))).map(presentChannel) }),
  );

  app.post(
    '/api/v1/notification-channels',
    {
      schema: {
        tags: TAGS,
        summary: 'Add a notification channel: e-mail, webhook, chat, ntfy or SMS (manager or admin)',
        body: channelBody,
        response: { 201: channelSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentChannel(await createChannel(ctx, actorOf(request), request.body))),
  );

  app.get(
    '/api/v1/notification-channels/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'One notification channel, secrets masked (manager or admin)',
        params: idParams,
        response: { 200: channelSchema, ...errorResponses },
      },
    },
    async (request) => presentChannel(await getChannel(ctx, actorOf(request), request.params.id)),
  );

  app.patch(
    '/api/v1/notification-channels/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Rename a channel or change its settings (manager or admin)',
        params: idParams,
        body: channelPatch,
        response: { 200: channelSchema, ...errorResponses },
      },
    },
    async (request) =>
      presentChannel(await updateChannel(ctx, actorOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/api/v1/notification-channels/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Remove a channel no policy uses (manager or admin)',
        params: idParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteChannel(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/notification-channels/:id/test',
    {
      schema: {
        tags: TAGS,
        summary: 'Send a test notice through the channel and report the outcome (manager or admin)',
        params: idParams,
        body: z
          .object({
            to: text(320)
              .min(1)
              .optional()
              .describe('E-mail address or phone number (default: your own address)'),
            locale: z.enum(['de', 'en']).optional(),
          })
          .strict()
          .optional(),
        response: {
          200: z.object({
            ok: z.boolean(),
            detail: z.string().nullable(),
            error: z.string().nullable(),
            retryable: z.boolean().nullable(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const r = await sendTestNotification(ctx, actorOf(request), request.params.id, request.body ?? {});
      return r.ok
        ? { ok: true, detail: r.detail, error: null, retryable: null }
        : { ok: false, detail: null, error: r.error, retryable: r.retryable };
    },
  );

  // ---- the notification log and the steps ----
  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags: TAGS,
        summary:
          'The notification log: what went out to whom on which channel, when, with what result (staff)',
        querystring: z.object({
          ...pageQuery,
          ticketId: pathId.optional(),
          status: z.enum(NOTIFICATION_STATUSES as [string, ...string[]]).optional(),
          channelId: pathId.optional(),
          outage: pathId.optional().describe('Only the notices about this outage'),
          budgetAlert: pathId.optional().describe('Only the notices about this budget alert'),
        }),
        response: { 200: pageOf(notificationSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { status, ...rest } = request.query;
      const page = await listNotifications(ctx, actorOf(request), {
        ...rest,
        ...(status ? { status: status as NotificationRecord['status'] } : {}),
      });
      return { ...page, items: page.items.map(presentNotification) };
    },
  );

  app.get(
    '/api/v1/escalations',
    {
      schema: {
        tags: TAGS,
        summary:
          'Escalation steps: pending (with their due instants), fired and cancelled, of a ticket or all (staff)',
        querystring: z.object({
          ...pageQuery,
          ticketId: pathId.optional(),
          status: z.enum(['pending', 'fired', 'cancelled']).optional(),
        }),
        response: { 200: pageOf(escalationSchema), ...errorResponses },
      },
    },
    async (request) => {
      const page = await listEscalations(ctx, actorOf(request), request.query);
      return { ...page, items: page.items.map(presentEscalation) };
    },
  );

  app.post(
    '/api/v1/escalations/:id/acknowledge',
    {
      schema: {
        tags: TAGS,
        summary:
          "Acknowledge a step's level: its repeats stop (and later levels, if the level says so) (staff)",
        params: stepParams,
        response: { 200: escalationSchema.extend({ alreadyAcknowledged: z.boolean() }), ...errorResponses },
      },
    },
    async (request) => {
      const done = await acknowledgeEscalation(ctx, actorOf(request), request.params.id);
      return { ...presentEscalation(done), alreadyAcknowledged: !done.created };
    },
  );

  // ---- budget alerts and the roster ----
  app.get(
    '/api/v1/budget-alerts',
    {
      schema: {
        tags: TAGS,
        summary:
          "Error-budget alerts (burn rate, budget spent) of customers' services, newest first (customers see their own)",
        querystring: z.object({
          ...pageQuery,
          customerId: pathId.optional(),
          serviceId: pathId.optional(),
          open: z.enum(['true', 'false']).optional().describe('true: only alerts still raised'),
        }),
        response: { 200: pageOf(budgetAlertSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { open, ...rest } = request.query;
      const page = await listBudgetAlerts(ctx, actorOf(request), { ...rest, open: open === 'true' });
      return { ...page, items: page.items.map(presentBudgetAlert) };
    },
  );

  app.get(
    '/api/v1/escalation-roster',
    {
      schema: {
        tags: TAGS,
        summary: 'Who holds the notify roles on_call and team_lead, always or during hours (staff)',
        response: { 200: rosterSchema, ...errorResponses },
      },
    },
    async (request) => presentRoster(await getRoster(ctx, actorOf(request))),
  );

  app.put(
    '/api/v1/escalation-roster',
    {
      schema: {
        tags: TAGS,
        summary: 'Replace the roster of on_call and team_lead holders (manager or admin)',
        body: z.object({ entries: z.array(rosterEntrySchema).max(200) }).strict(),
        response: { 200: rosterSchema, ...errorResponses },
      },
    },
    async (request) => presentRoster(await replaceRoster(ctx, actorOf(request), request.body.entries)),
  );

  // The link in a notice, opened from a mail client without a session. GET only shows a confirmation page
  // (mail scanners and link previews open links); its form POSTs to the same URL, which acknowledges. Not
  // in the API document.
  void app.register(async (scoped) => {
    // The form posts an empty urlencoded body; nothing in it is read.
    scoped.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 1024 },
      (_request, _body, done) => done(null, null),
    );
    const ackRoute = {
      schema: { hide: true, params: z.object({ token: z.string().min(16).max(200) }) },
      config: { sessionless: true },
    };
    const headers = (reply: FastifyReply): FastifyReply =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer');

    scoped
      .withTypeProvider<ZodTypeProvider>()
      .get('/api/v1/escalations/ack/:token', ackRoute, async (request, reply) => {
        headers(reply);
        try {
          const link = await describeAckLink(ctx, request.params.token);
          const w = ACK_WORDS[link.locale];
          return reply.send(
            link.acknowledged
              ? ackPage(link.locale, w.alreadyTitle, w.alreadyBody(link.level))
              : ackPage(link.locale, w.confirmTitle(link.level), w.confirmBody, w.button),
          );
        } catch (error) {
          if (isDomainError(error) && error.code === 'ESCALATION_ACK_NOT_FOUND')
            return reply.status(404).send(NOT_VALID);
          throw error;
        }
      });

    scoped
      .withTypeProvider<ZodTypeProvider>()
      .post('/api/v1/escalations/ack/:token', ackRoute, async (request, reply) => {
        headers(reply);
        try {
          const done = await acknowledgeByLink(ctx, request.params.token);
          const w = ACK_WORDS[done.locale];
          const level = done.step.levelIndex + 1;
          return reply.send(
            done.created
              ? ackPage(done.locale, w.doneTitle, w.doneBody(level))
              : ackPage(done.locale, w.alreadyTitle, w.alreadyBody(level)),
          );
        } catch (error) {
          if (isDomainError(error) && error.code === 'ESCALATION_ACK_NOT_FOUND')
            return reply.status(404).send(NOT_VALID);
          throw error;
        }
      });
  });
}
