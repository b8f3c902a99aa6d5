// Tickets from another helpdesk: the webhook (one ticket per call) and the CSV import (history per row).
import { DomainError } from '../../domain/shared/errors.ts';
import { parseInstant } from '../../domain/shared/time.ts';
import { assertCustomerVisible, requireRole, roleAtLeast, type Actor } from '../actor.ts';
import { audit, diff } from '../audit/audit.ts';
import type { Level, PriorityScheme } from '../catalog/catalog.repository.ts';
import type { AppContext } from '../context.ts';
import type { Repositories } from '../ports/repositories.ts';
import { ClockTargets } from './ticket-clocks.ts';
import { eventType, validateEvent, type EventInput, type ValidEvent } from './ticket-events.ts';
import { foldEvents } from './ticket-state.ts';
import {
  announce,
  createdSummary,
  initialPriority,
  newTicket,
  priorityScheme,
  writeEnv,
} from './tickets.use-cases.ts';
import { appendTicketEvents, insertTicket, type WriteResult } from './ticket-writes.ts';
import {
  type Ticket,
  type TicketEventRecord,
  type TicketSource,
  type TicketType,
} from './tickets.repository.ts';

/** A ticket as another helpdesk describes it. */
export interface InboundTicket {
  readonly externalRef: string;
  /** A customer id or name. */
  readonly customer: string;
  /** A service id or name. */
  readonly service?: string | null;
  readonly type?: TicketType;
  readonly title: string;
  readonly description?: string | null;
  readonly priority?: string;
  readonly impact?: Level;
  readonly urgency?: Level;
  readonly status?: string;
  readonly createdAt?: string;
  /** History: each event with its instant. */
  readonly events?: readonly EventInput[];
}

export interface SyncOutcome {
  readonly ticket: Ticket;
  readonly created: boolean;
  /** Events logged now (the creation not counted). */
  readonly eventsAdded: number;
  readonly changed: boolean;
}

/** Where a failure happened, for the import's line numbers. */
export interface Tracker {
  line: number | undefined;
}

export interface SyncOptions {
  readonly source: TicketSource;
  /** Webhooks: `status` and `priority` tell the current values of an existing ticket. */
  readonly currentValues: boolean;
  readonly eventLines?: readonly number[];
  readonly createdLine?: number;
  readonly tracker: Tracker;
  readonly targets: ClockTargets;
  readonly scheme: PriorityScheme;
}

/** Webhooks are called by integrations: a manager, or an API token with at least the agent role. */
function requireInbound(actor: Actor): void {
  if (actor.kind === 'token' && roleAtLeast(actor.role, 'agent')) return;
  requireRole(actor, 'manager');
}

/** Stable text of a value with sorted keys, for comparing event fields. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`)
    .join(',')}}`;
}

/** What makes an event the same event when it is sent again: its instant, type and fields. */
function eventKey(at: number, type: string, data: Readonly<Record<string, unknown>>): string {
  if (type === 'sla') {
    // A bare SLA id is resolved to its active version; compare by the SLA alone.
    const ref = String(data['sla'] ?? '');
    const cut = ref.lastIndexOf('@');
    return `${at}|sla|${cut > 0 ? ref.slice(0, cut) : ref}`;
  }
  return `${at}|${type}|${canonical(data)}`;
}

/** The fields of an input event as they would be stored, for duplicate detection before validation. */
function inputData(e: EventInput): Record<string, unknown> {
  switch (e.type) {
    case 'status':
      return { status: e.status?.trim() };
    case 'reply':
      return { author: e.author, public: e.public ?? true, body: e.body };
    case 'priority':
      return { priority: e.priority?.trim() };
    case 'sla':
      return { sla: e.sla?.trim() };
    case 'assigned':
      return { assignee: e.assignee ?? null };
    case 'note':
      return { body: e.body?.trim() };
    default:
      return {};
  }
}

function storedKey(e: TicketEventRecord): string {
  return eventKey(e.at, e.type, e.data);
}

async function resolveRef(
  kind: 'customer' | 'service',
  find: (v: string) => Promise<string | 'ambiguous' | undefined>,
  value: string,
): Promise<string> {
  const found = await find(value);
  const code = kind === 'customer' ? 'CUSTOMER' : 'SERVICE';
  if (found === 'ambiguous')
    throw new DomainError(`${code}_AMBIGUOUS`, `several ${kind}s are called "${value}"; send the id`, {
      [kind]: value,
    });
  if (found === undefined)
    throw new DomainError(`${code}_NOT_FOUND`, `${kind} "${value}" not found`, { [kind]: value });
  return found;
}

/**
 * Creates the ticket of `externalRef` or brings it up to date, and logs the events it does not have yet
 * (same instant, type and fields = the same event). Sending the same payload again changes nothing.
 */
export async function syncTicket(
  ctx: AppContext,
  repos: Repositories,
  actor: Actor,
  input: InboundTicket,
  opts: SyncOptions,
): Promise<{ outcome: SyncOutcome; result: WriteResult | undefined }> {
  const now = ctx.clock.now();
  const env = writeEnv(ctx, repos, actor, now, opts.targets);
  const track = opts.tracker;
  track.line = opts.createdLine;
  const known = await repos.tickets.findByExternalRef(input.externalRef);
  // Locked like any other write to the ticket, so concurrent events keep their order (PostgreSQL).
  let ticket = known && (await repos.tickets.findByIdForUpdate(known.id));
  // An import may add events to a known ticket without repeating its created row.
  const customerId =
    ticket && input.customer === ''
      ? ticket.customerId
      : await resolveRef('customer', (v) => repos.tickets.resolveCustomer(v), input.customer);
  assertCustomerVisible(actor, customerId, 'CUSTOMER_NOT_FOUND', 'customer');
  const serviceId =
    input.service == null || input.service === ''
      ? null
      : await resolveRef('service', (v) => repos.tickets.resolveService(v), input.service);
  const events = input.events ?? [];
  const hasType = (type: string): boolean => events.some((e) => e.type === type);

  let created = false;
  let changed = false;
  let log: TicketEventRecord[];
  let result: WriteResult | undefined;
  if (!ticket) {
    const fresh = await newTicket(
      repos,
      actor,
      {
        customerId,
        serviceId,
        type: input.type,
        title: input.title,
        description: input.description,
        priority: input.priority,
        impact: input.impact,
        urgency: input.urgency,
        status: input.status,
        externalRef: input.externalRef,
        createdAt: input.createdAt,
      },
      { now, source: opts.source, mayBackdate: true },
    );
    result = await insertTicket(env, fresh);
    ticket = result.ticket;
    log = [...result.events];
    created = true;
    changed = true;
  } else {
    assertCustomerVisible(actor, ticket.customerId, 'TICKET_NOT_FOUND', 'ticket');
    if (ticket.customerId !== customerId) {
      throw new DomainError(
        'TICKET_CUSTOMER_CONFLICT',
        `ticket "${input.externalRef}" belongs to another customer`,
        { externalRef: input.externalRef },
      );
    }
    const target: Ticket = {
      ...ticket,
      title: input.title.trim() === '' ? ticket.title : input.title.trim(),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.service !== undefined ? { serviceId } : {}),
      ...(input.type !== undefined ? { type: input.type } : {}),
    };
    const changes = diff(
      ticket as unknown as Record<string, unknown>,
      target as unknown as Record<string, unknown>,
    );
    if (Object.keys(changes).length > 0) {
      ticket = { ...target, updatedAt: now, revision: ticket.revision + 1 };
      await repos.tickets.update(ticket);
      await audit(repos.audit, actor, now, {
        action: 'ticket.updated',
        entityType: 'ticket',
        entityId: ticket.id,
        customerId: ticket.customerId,
        summary: `Ticket #${ticket.number} changed by ${opts.source}: ${Object.keys(changes).join(', ')}`,
        changes,
      });
      changed = true;
    }
    log = await repos.tickets.listEvents(ticket.id);
  }

  const seen = new Set(log.map(storedKey));
  const valid: ValidEvent[] = [];
  const pending: TicketEventRecord[] = [];
  const rules = {
    now,
    mayBackdate: true,
    mayRebind: roleAtLeast(actor.role, 'manager'),
    scheme: opts.scheme,
  };
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as EventInput;
    track.line = opts.eventLines?.[i];
    eventType(e.type);
    if (e.at === undefined)
      throw new DomainError('TICKET_EVENT_INVALID', 'events from another helpdesk need their instant (at)', {
        index: i,
      });
    const key = eventKey(parseInstant(e.at, 'at'), e.type, inputData(e));
    if (seen.has(key)) continue;
    const v = await validateEvent(repos, ticket, foldEvents([...log, ...pending]), e, rules);
    seen.add(key);
    seen.add(eventKey(v.at, v.type, v.data));
    valid.push(v);
    pending.push({
      id: '',
      ticketId: ticket.id,
      seq: log.length + pending.length + 1,
      at: v.at,
      type: v.type,
      data: v.data,
      actorUserId: null,
      actorTokenId: null,
      recordedAt: now,
    });
  }
  if (opts.currentValues && !created) {
    track.line = undefined;
    const state = foldEvents([...log, ...pending]);
    if (input.status !== undefined && !hasType('status') && input.status.trim() !== state.status) {
      valid.push(await validateEvent(repos, ticket, state, { type: 'status', status: input.status }, rules));
    }
    const wanted =
      input.priority !== undefined || input.impact !== undefined || input.urgency !== undefined
        ? initialPriority(opts.scheme, input)
        : undefined;
    if (wanted !== undefined && !hasType('priority') && wanted !== state.priority) {
      valid.push(await validateEvent(repos, ticket, state, { type: 'priority', priority: wanted }, rules));
    }
  }
  if (valid.length > 0) {
    result = await appendTicketEvents(env, ticket, log, valid);
    ticket = result.ticket;
    changed = true;
  }
  if (created || valid.length > 0) {
    await audit(repos.audit, actor, now, {
      action: created ? 'ticket.created' : 'ticket.events.imported',
      entityType: 'ticket',
      entityId: ticket.id,
      customerId: ticket.customerId,
      summary: created
        ? `${createdSummary(ticket)} by ${opts.source} with ${valid.length} events`
        : `Ticket #${ticket.number}: ${valid.length} events from ${opts.source}`,
    });
  }
  return { outcome: { ticket, created, eventsAdded: valid.length, changed }, result };
}

/** Creates or updates one ticket from another helpdesk (managers, or integration tokens with the agent role). */
export async function receiveTicket(
  ctx: AppContext,
  actor: Actor,
  input: InboundTicket,
): Promise<SyncOutcome> {
  requireInbound(actor);
  const now = ctx.clock.now();
  const { outcome, result } = await ctx.storage.transaction(async (repos) =>
    syncTicket(ctx, repos, actor, input, {
      source: 'webhook',
      currentValues: true,
      tracker: { line: undefined },
      targets: new ClockTargets(),
      scheme: await priorityScheme(repos),
    }),
  );
  if (result) announce(ctx, result, outcome.created, now);
  else if (outcome.changed)
    announce(ctx, { ticket: outcome.ticket, events: [], clocks: [], clocksChanged: false }, false, now);
  return outcome;
}
