import { replanAlertSteps } from './alert-plan.ts';
import { replanOutageSteps } from './outage-plan.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import { requireRole, type Actor } from '../actor.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { pageRequest, type Page } from '../pagination.ts';
import { recomputeTickets } from '../tickets/ticket-recompute.ts';
import type {
  AckRecord,
  NotificationFilter,
  NotificationRecord,
  StepRecord,
  StepStatus,
} from './escalation.repository.ts';

/** A step with whether its level was acknowledged. */
export interface EscalationView {
  readonly step: StepRecord;
  readonly acknowledgement: AckRecord | null;
}

const SWEEP_BATCH = 500;

/**
 * Plans a ticket's escalation steps again from its events, SLA and calendars, in one transaction with its
 * stored clocks (the ticket recomputation plans the steps beside the clocks it writes).
 */
export async function replanTicket(ctx: AppContext, ticketId: string): Promise<void> {
  await recomputeTickets(ctx, [ticketId]);
}

/**
 * Plans every open ticket again: at a worker's start, for whatever changed while no worker ran (a calendar
 * edited in another process, a crash between two writes). Returns how many tickets were looked at.
 */
export async function replanOpenTickets(ctx: AppContext): Promise<number> {
  let afterId = '';
  let total = 0;
  for (;;) {
    const ids = await ctx.storage.escalation.openTicketIds(afterId, SWEEP_BATCH);
    if (ids.length === 0) break;
    total += await recomputeTickets(ctx, ids);
    afterId = ids[ids.length - 1] as string;
    if (ids.length < SWEEP_BATCH) break;
  }
  return total;
}

/** The escalation steps (pending, fired, cancelled) of a ticket or of all tickets (staff). */
export async function listEscalations(
  ctx: AppContext,
  actor: Actor,
  query: {
    readonly ticketId?: string;
    readonly status?: StepStatus;
    readonly limit?: number;
    readonly offset?: number;
  },
): Promise<Page<EscalationView>> {
  requireRole(actor, 'agent');
  const page = await ctx.storage.escalation.listSteps(
    {
      ...(query.ticketId === undefined ? {} : { ticketId: query.ticketId }),
      ...(query.status === undefined ? {} : { status: query.status }),
    },
    pageRequest(query.limit, query.offset),
  );
  const ticketIds = [...new Set(page.items.map((s) => s.ticketId).filter((id): id is string => id !== null))];
  const acks = new Map((await ctx.storage.escalation.acksOfTickets(ticketIds)).map((a) => [a.levelKey, a]));
  return {
    ...page,
    items: page.items.map((step) => ({ step, acknowledgement: acks.get(step.levelKey) ?? null })),
  };
}

/** The notification log: what went out (or is still trying), to whom, when and how it went (staff). */
export async function listNotifications(
  ctx: AppContext,
  actor: Actor,
  query: Omit<NotificationFilter, 'stepKeyPrefix'> & {
    /** Only the notices about this outage. */
    readonly outage?: string;
    /** Only the notices about this budget alert. */
    readonly budgetAlert?: string;
    readonly limit?: number;
    readonly offset?: number;
  },
): Promise<Page<NotificationRecord>> {
  requireRole(actor, 'agent');
  const { limit, offset, outage, budgetAlert, ...filter } = query;
  if (outage !== undefined && budgetAlert !== undefined)
    throw new DomainError('NOTIFICATION_QUERY_INVALID', 'filter by an outage or by a budget alert, not both');
  const prefix =
    outage !== undefined
      ? `outage:${outage}:`
      : budgetAlert !== undefined
        ? `alert:${budgetAlert}:`
        : undefined;
  return ctx.storage.escalation.listNotifications(
    { ...filter, ...(prefix === undefined ? {} : { stepKeyPrefix: prefix }) },
    pageRequest(limit, offset),
  );
}

interface Acknowledged {
  readonly step: StepRecord;
  readonly acknowledgement: AckRecord;
  /** False when someone had acknowledged the level before. */
  readonly created: boolean;
}

/** The outage an outage step belongs to (`outage:<outage id>:<policy>:<level>:<occurrence>`). */
function outageOfStep(key: string): string | null {
  const [kind, id] = key.split(':');
  return kind === 'outage' && id ? id : null;
}

/** The budget alert an alert step belongs to (`alert:<alert id>:<policy>:<level>:<occurrence>`). */
function alertOfStep(key: string): string | null {
  const [kind, id] = key.split(':');
  return kind === 'alert' && id ? id : null;
}

async function acknowledgeStep(
  ctx: AppContext,
  actor: Actor,
  step: StepRecord,
  by: { readonly via: 'user' | 'link'; readonly userId: string | null; readonly recipient: string | null },
): Promise<Acknowledged> {
  const now = ctx.clock.now();
  const ack: AckRecord = {
    levelKey: step.levelKey,
    stepKey: step.key,
    ticketId: step.ticketId,
    userId: by.userId,
    via: by.via,
    recipient: by.recipient,
    at: now,
  };
  const created = await ctx.storage.transaction(async (repos) => {
    const fresh = await repos.escalation.insertAck(ack);
    if (fresh)
      await audit(repos.audit, actor, now, {
        action: 'escalation.acknowledged',
        entityType: 'ticket',
        entityId: step.ticketId ?? step.key,
        customerId:
          step.ticketId === null ? null : ((await repos.tickets.findById(step.ticketId))?.customerId ?? null),
        summary: `Escalation level ${step.levelIndex + 1} acknowledged${by.via === 'link' ? ` through the link sent to ${by.recipient ?? 'a recipient'}` : ''}`,
      });
    return fresh;
  });
  // Repeats of the level (and later levels, when it stops them) are cancelled by planning again.
  const outageId = step.ticketId === null ? outageOfStep(step.key) : null;
  const alertId = step.ticketId === null ? alertOfStep(step.key) : null;
  if (step.ticketId !== null) await replanTicket(ctx, step.ticketId);
  else if (outageId !== null) {
    const outage = await ctx.storage.monitoring.findOutage(outageId);
    if (outage) await ctx.storage.transaction((repos) => replanOutageSteps(repos, outage, ctx.clock.now()));
  } else if (alertId !== null) {
    const alert = await ctx.storage.escalation.findBudgetAlert(alertId);
    if (alert) await ctx.storage.transaction((repos) => replanAlertSteps(repos, alert, ctx.clock.now()));
  }
  const acks =
    step.ticketId !== null
      ? await ctx.storage.escalation.acksOfTickets([step.ticketId])
      : outageId !== null
        ? await ctx.storage.escalation.acksOfOutage(outageId)
        : alertId !== null
          ? await ctx.storage.escalation.acksOfAlert(alertId)
          : [];
  const stored = acks.find((a) => a.levelKey === step.levelKey);
  return { step, acknowledgement: stored ?? ack, created };
}

/** A signed-in staff member acknowledges a step's level: its repeats stop. */
export async function acknowledgeEscalation(
  ctx: AppContext,
  actor: Actor,
  stepKey: string,
): Promise<Acknowledged> {
  requireRole(actor, 'agent');
  const step = await ctx.storage.escalation.findStep(stepKey);
  if (!step) throw new DomainError('ESCALATION_NOT_FOUND', 'escalation step not found', { id: stepKey });
  return acknowledgeStep(ctx, actor, step, { via: 'user', userId: actor.userId, recipient: null });
}

/** The notice and step an acknowledge link's token names. @throws DomainError ESCALATION_ACK_NOT_FOUND */
async function linkTarget(
  ctx: AppContext,
  token: string,
): Promise<{ readonly notice: NotificationRecord; readonly step: StepRecord }> {
  const notice = await ctx.storage.escalation.findNotificationByAckToken(ctx.secrets.digest(token));
  const step = notice?.stepKey ? await ctx.storage.escalation.findStep(notice.stepKey) : undefined;
  if (!notice || !step)
    throw new DomainError('ESCALATION_ACK_NOT_FOUND', 'this acknowledge link is not valid');
  return { notice, step };
}

/** What the page behind an acknowledge link shows before anyone confirms. */
export interface AckLinkView {
  /** The language of the notice the link came in. */
  readonly locale: 'de' | 'en';
  /** Counted from 1. */
  readonly level: number;
  /** The notice's headline subject: a ticket number, a service name. */
  readonly kind: string | null;
  readonly acknowledged: boolean;
}

/**
 * Looks at an acknowledge link without using it. Opening a link (a mail scanner, a chat preview) changes
 * nothing; only the confirmation (`acknowledgeByLink`, a POST) does.
 *
 * @throws DomainError ESCALATION_ACK_NOT_FOUND for an unknown token.
 */
export async function describeAckLink(ctx: AppContext, token: string): Promise<AckLinkView> {
  const { notice, step } = await linkTarget(ctx, token);
  const message = notice.message as { locale?: unknown; facts?: { kind?: unknown } } | null;
  const prefix = step.levelKey;
  const acks =
    step.ticketId !== null
      ? await ctx.storage.escalation.acksOfTickets([step.ticketId])
      : outageOfStep(step.key) !== null
        ? await ctx.storage.escalation.acksOfOutage(outageOfStep(step.key) as string)
        : alertOfStep(step.key) !== null
          ? await ctx.storage.escalation.acksOfAlert(alertOfStep(step.key) as string)
          : [];
  return {
    locale: message?.locale === 'de' ? 'de' : 'en',
    level: step.levelIndex + 1,
    kind: typeof message?.facts?.kind === 'string' ? message.facts.kind : null,
    acknowledged: acks.some((a) => a.levelKey === prefix),
  };
}

/**
 * Acknowledges through the link in a notice (the confirmation form's POST): no session needed, the token
 * names the notice (and so the step and the recipient). Using a link again answers that the level is
 * acknowledged.
 *
 * @throws DomainError ESCALATION_ACK_NOT_FOUND for an unknown token.
 */
export async function acknowledgeByLink(
  ctx: AppContext,
  token: string,
): Promise<Acknowledged & { readonly locale: 'de' | 'en' }> {
  const { notice, step } = await linkTarget(ctx, token);
  const actor: Actor = {
    kind: 'system',
    userId: notice.recipientUserId,
    tokenId: null,
    role: 'agent',
    customerId: null,
  };
  const done = await acknowledgeStep(ctx, actor, step, {
    via: 'link',
    userId: notice.recipientUserId,
    recipient: notice.recipient,
  });
  const locale = (notice.message as { locale?: unknown } | null)?.locale === 'de' ? 'de' : 'en';
  return { ...done, locale };
}
