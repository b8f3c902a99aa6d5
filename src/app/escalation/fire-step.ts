// Firing one due escalation step: in one transaction the step flips to fired (only if still pending), the
// ticket actions run, and one outbox row per recipient and channel is written. That flip is what makes a
// notice go out exactly once, however many workers look at the step. Outage steps fire in outage-fire.ts,
// budget-alert steps in alert-fire.ts.
import type { EscalationAction } from '../../domain/escalation/policy.ts';
import type { ClockResult } from '../../domain/sla-clock/types.ts';
import { SYSTEM_ACTOR } from '../actor.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import type { NotificationFacts } from '../ports/notifier.ts';
import type { Repositories } from '../ports/repositories.ts';
import { ClockTargets, ticketClocks } from '../tickets/ticket-clocks.ts';
import { assigneeId, type ValidEvent } from '../tickets/ticket-events.ts';
import { publishTicket } from '../tickets/ticket-feed.ts';
import { clockEvents, foldEvents, slaRefsOf } from '../tickets/ticket-state.ts';
import { appendTicketEvents } from '../tickets/ticket-writes.ts';
import type { Ticket } from '../tickets/tickets.repository.ts';
import { priorityScheme } from '../tickets/tickets.use-cases.ts';
import type { EscalationSettings } from './channels.ts';
import type { StepRecord } from './escalation.repository.ts';
import { messageKind, outboxRows, recipients } from './notices.ts';
import { fireAlertStep } from './alert-fire.ts';
import { fireOutageStep } from './outage-fire.ts';
import { replanTicketSteps } from './ticket-plan.ts';

export interface FireResult {
  /** False when the step was not pending and due any more: another worker fired it, or it moved. */
  readonly fired: boolean;
  readonly notifications: number;
}

/** The ticket actions of a step as events: a raised priority, a new assignee. */
async function ticketActions(
  repos: Repositories,
  actions: readonly EscalationAction[],
  ticket: Ticket,
  now: number,
): Promise<ValidEvent[]> {
  const events: ValidEvent[] = [];
  let priority = ticket.priority;
  let assignee = ticket.assigneeUserId;
  for (const action of actions) {
    if (action.kind === 'raise_priority') {
      const ranked = [...(await priorityScheme(repos)).priorities].sort((a, b) => a.rank - b.rank);
      const at = ranked.findIndex((p) => p.id === priority);
      const higher = at > 0 ? ranked[at - 1] : undefined;
      if (higher) {
        priority = higher.id;
        events.push({ type: 'priority', at: now, data: { priority } });
      }
    } else if (action.kind === 'reassign') {
      const next = await assigneeId(repos, action.userId).catch(() => null);
      if (next !== null && next !== assignee) {
        assignee = next;
        events.push({ type: 'assigned', at: now, data: { assignee } });
      }
    }
  }
  return events;
}

function clockFacts(clock: ClockResult | undefined): NotificationFacts['clock'] {
  if (!clock || clock.dueAt === null) return undefined;
  return {
    target: clock.metric,
    dueAt: clock.dueAt,
    ...(clock.breachedAt === null ? {} : { breachedAt: clock.breachedAt }),
    shareUsed: clock.durationMs > 0 ? Math.round((clock.elapsedMs / clock.durationMs) * 1000) / 1000 : 1,
  };
}

interface Fired {
  readonly result: FireResult;
  readonly changedTicket: Ticket | null;
}

/**
 * Fires one due step. Returns `fired: false` when the step was not pending and due any more: someone else
 * fired it, or a replan moved or cancelled it since it was claimed. Repeats of the level are planned in
 * the same transaction.
 */
export async function fireStep(
  ctx: AppContext,
  stepKey: string,
  settings: EscalationSettings,
): Promise<FireResult> {
  const now = ctx.clock.now();
  const done = await ctx.storage.transaction(async (repos): Promise<Fired> => {
    const step = await repos.escalation.findStep(stepKey);
    if (!step || step.status !== 'pending')
      return { result: { fired: false, notifications: 0 }, changedTicket: null };
    if (step.subject.kind === 'outage')
      return {
        result: await fireOutageStep(ctx, repos, step, step.subject.outageId, now, settings),
        changedTicket: null,
      };
    if (step.subject.kind === 'alert')
      return {
        result: await fireAlertStep(ctx, repos, step, step.subject.alertId, now, settings),
        changedTicket: null,
      };
    // Lock order as in ticket writes (ticket, then steps), so the two never deadlock on PostgreSQL.
    const ticket = step.ticketId === null ? undefined : await repos.tickets.findByIdForUpdate(step.ticketId);
    if (!(await repos.escalation.markStepFired(stepKey, now)))
      return { result: { fired: false, notifications: 0 }, changedTicket: null };
    if (!ticket) return { result: { fired: true, notifications: 0 }, changedTicket: null };
    return fireForTicket(ctx, repos, step, ticket, now, settings);
  });
  if (done.changedTicket) publishTicket(ctx, 'ticket.changed', done.changedTicket, now);
  return done.result;
}

async function fireForTicket(
  ctx: AppContext,
  repos: Repositories,
  step: StepRecord,
  ticket: Ticket,
  now: number,
  settings: EscalationSettings,
): Promise<Fired> {
  const customer = await repos.customers.findById(ticket.customerId);
  const events = await repos.tickets.listEvents(ticket.id);
  const targets = new ClockTargets();
  const refs = new Set<string>();
  slaRefsOf(events, refs);
  await targets.load(repos, refs);
  const clocks = ticketClocks(clockEvents(events), targets, now, false);

  let current = ticket;
  const added = ticket.closedAt === null ? await ticketActions(repos, step.plan.actions, ticket, now) : [];
  if (added.length > 0) {
    // The ticket's own write path records the events, recomputes the clocks and plans the steps again.
    const written = await appendTicketEvents(
      { repos, ids: ctx.ids, actor: SYSTEM_ACTOR, now, targets },
      ticket,
      events,
      added,
    );
    current = written.ticket;
    await audit(repos.audit, SYSTEM_ACTOR, now, {
      action: 'ticket.escalated',
      entityType: 'ticket',
      entityId: ticket.id,
      customerId: ticket.customerId,
      summary: `Ticket #${ticket.number} escalated (level ${step.levelIndex + 1}): ${added.map((e) => (e.type === 'priority' ? `priority → ${String(e.data['priority'])}` : `assigned → ${String(e.data['assignee'])}`)).join(', ')}`,
    });
  } else {
    const state = foldEvents(events);
    await replanTicketSteps(
      repos,
      targets,
      [
        {
          ticketId: ticket.id,
          clocks,
          sla: state.sla,
          priority: state.priority,
          status: state.status,
          closed: state.closedAt !== null,
        },
      ],
      now,
    );
  }

  const clockId = step.subject.kind === 'ticket' ? step.subject.clockId : '';
  const facts: Omit<NotificationFacts, 'acknowledgeUrl'> = {
    kind: messageKind(step.plan.trigger),
    level: step.levelIndex + 1,
    ticket: {
      id: current.id,
      number: current.number,
      title: current.title,
      customerName: customer?.name ?? '',
      priority: current.priority,
      url: `${settings.publicUrl}/tickets/${current.id}`,
    },
    ...(() => {
      const clock = clockFacts(clocks.find((c) => c.id === clockId));
      return clock ? { clock } : {};
    })(),
  };
  const people = await recipients(repos, step.plan.actions, current, customer, now);
  const rows = await outboxRows(ctx, repos, step, {
    ticketId: current.id,
    facts,
    people,
    customer,
    now,
    settings,
  });
  const inserted = await repos.escalation.insertNotifications(rows);
  return {
    result: { fired: true, notifications: inserted },
    changedTicket: added.length > 0 ? current : null,
  };
}
