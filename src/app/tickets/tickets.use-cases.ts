import type { ClockResult } from '../../domain/sla-clock/types.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import { formatInstant, parseInstant } from '../../domain/shared/time.ts';
import { assertCustomerVisible, requireRole, roleAtLeast, type Actor } from '../actor.ts';
import { audit, diff } from '../audit/audit.ts';
import type { Level, PriorityScheme } from '../catalog/catalog.repository.ts';
import { assertPriority, defaultPriorityScheme, priorityFor } from '../catalog/priorities.ts';
import type { AppContext } from '../context.ts';
import type { Repositories } from '../ports/repositories.ts';
import { resolveSlaWith } from '../slas/assignment.use-cases.ts';
import { ClockTargets, storedAsResults } from './ticket-clocks.ts';
import {
  assigneeId,
  CLOCK_SKEW_MS,
  eventSummary,
  MAX_BODY_LENGTH,
  MAX_STATUS_LENGTH,
  resolveSla,
  validateEvent,
  type EventInput,
} from './ticket-events.ts';
import { publishClocks, publishTicket } from './ticket-feed.ts';
import { foldEvents, slaRef } from './ticket-state.ts';
import {
  appendTicketEvents,
  insertTicket,
  type NewTicket,
  type WriteEnv,
  type WriteResult,
} from './ticket-writes.ts';
import type { Ticket, TicketEventRecord, TicketSource, TicketType } from './tickets.repository.ts';

export const MAX_TITLE_LENGTH = 300;
const DEFAULT_STATUS = 'new';

export interface TicketInput {
  readonly customerId: string;
  readonly serviceId?: string | null;
  readonly type?: TicketType;
  readonly title: string;
  readonly description?: string | null;
  readonly impact?: Level;
  readonly urgency?: Level;
  /** Overrides the impact × urgency matrix. */
  readonly priority?: string;
  readonly status?: string;
  readonly assigneeUserId?: string | null;
  /** Binds an SLA explicitly (managers); without `slaVersion` its active version. */
  readonly slaId?: string;
  readonly slaVersion?: number;
  readonly externalRef?: string | null;
  /** A past creation instant (managers, imports). */
  readonly createdAt?: string;
}

/** A ticket with its clocks as of now. */
export interface TicketWithClocks {
  readonly ticket: Ticket;
  readonly clocks: readonly ClockResult[];
}

export async function priorityScheme(repos: Pick<Repositories, 'catalog'>): Promise<PriorityScheme> {
  return (await repos.catalog.getPriorityScheme()) ?? defaultPriorityScheme;
}

/** The priority of a new ticket: the given one, or the matrix's for its impact and urgency (medium when not given). */
export function initialPriority(
  scheme: PriorityScheme,
  input: { readonly priority?: string; readonly impact?: Level | null; readonly urgency?: Level | null },
): string {
  if (input.priority !== undefined) {
    assertPriority(scheme, input.priority);
    return input.priority;
  }
  return priorityFor(scheme, input.impact ?? 'medium', input.urgency ?? 'medium');
}

function checkText(value: string, field: string, max: number): string {
  const v = value.trim();
  if (v === '') throw new DomainError('TICKET_INVALID', `a ticket needs a ${field}`, { field });
  if (v.length > max)
    throw new DomainError('TICKET_INVALID', `${field} is longer than ${max} characters`, { field });
  return v;
}

/** @throws DomainError TICKET_CREATED_IN_FUTURE, FORBIDDEN */
export function creationInstant(createdAt: string | undefined, now: number, mayBackdate: boolean): number {
  if (createdAt === undefined) return now;
  const ms = parseInstant(createdAt, 'createdAt');
  if (ms > now + CLOCK_SKEW_MS)
    throw new DomainError('TICKET_CREATED_IN_FUTURE', `createdAt ${formatInstant(ms)} lies in the future`, {
      createdAt,
    });
  if (ms < now - CLOCK_SKEW_MS && !mayBackdate)
    throw new DomainError('FORBIDDEN', 'only managers may create tickets in the past', {
      required: 'manager',
    });
  return ms;
}

/** Resolves and checks everything a new ticket refers to. Nothing is written. */
export async function newTicket(
  repos: Repositories,
  actor: Actor,
  input: TicketInput,
  opts: { readonly now: number; readonly source: TicketSource; readonly mayBackdate: boolean },
): Promise<NewTicket> {
  assertCustomerVisible(actor, input.customerId, 'CUSTOMER_NOT_FOUND', 'customer');
  if (!(await repos.customers.findById(input.customerId)))
    throw new DomainError('CUSTOMER_NOT_FOUND', 'customer not found', { id: input.customerId });
  const serviceId = input.serviceId ?? null;
  if (serviceId !== null && (await repos.catalog.findServiceName(serviceId)) === undefined) {
    throw new DomainError('SERVICE_NOT_FOUND', 'service not found', { id: serviceId });
  }
  const title = checkText(input.title, 'title', MAX_TITLE_LENGTH);
  const status =
    input.status === undefined ? DEFAULT_STATUS : checkText(input.status, 'status', MAX_STATUS_LENGTH);
  if (input.description != null && input.description.length > MAX_BODY_LENGTH) {
    throw new DomainError('TICKET_INVALID', `description is longer than ${MAX_BODY_LENGTH} characters`, {
      field: 'description',
    });
  }
  const priority = initialPriority(await priorityScheme(repos), input);
  const createdAt = creationInstant(input.createdAt, opts.now, opts.mayBackdate);
  const type = input.type ?? 'incident';
  let sla: string | undefined;
  if (input.slaId !== undefined) {
    if (!roleAtLeast(actor.role, 'manager'))
      throw new DomainError('FORBIDDEN', 'only managers may choose the SLA of a ticket', {
        required: 'manager',
      });
    sla = await resolveSla(
      repos,
      input.slaVersion === undefined ? input.slaId : slaRef(input.slaId, input.slaVersion),
    );
  } else if (input.slaVersion !== undefined) {
    throw new DomainError('TICKET_INVALID', 'slaVersion needs slaId', { field: 'slaVersion' });
  } else {
    const assigned = await resolveSlaWith(repos, { customerId: input.customerId, serviceId, priority, ticketType: type });
    sla = assigned ? slaRef(assigned.slaId, assigned.version.version) : undefined;
  }
  if (input.externalRef != null && (await repos.tickets.findByExternalRef(input.externalRef))) {
    throw new DomainError(
      'TICKET_EXTERNAL_REF_TAKEN',
      `a ticket with externalRef "${input.externalRef}" exists`,
      { externalRef: input.externalRef },
    );
  }
  return {
    customerId: input.customerId,
    serviceId,
    type,
    title,
    description: input.description ?? null,
    impact: input.impact ?? null,
    urgency: input.urgency ?? null,
    priority,
    status,
    assigneeUserId: input.assigneeUserId == null ? null : await assigneeId(repos, input.assigneeUserId),
    sla,
    externalRef: input.externalRef ?? null,
    source: opts.source,
    createdAt,
  };
}

export function writeEnv(
  ctx: AppContext,
  repos: Repositories,
  actor: Actor,
  now: number,
  targets = new ClockTargets(),
): WriteEnv {
  return { repos, ids: ctx.ids, actor, now, targets };
}

export function createdSummary(t: Ticket): string {
  const sla = t.slaId === null ? 'no SLA' : `SLA ${slaRef(t.slaId, t.slaVersion ?? 0)}`;
  return `Ticket #${t.number} "${t.title}" created (${t.priority}, ${sla})`;
}

/** Publishes what a committed write changed. */
export function announce(ctx: AppContext, result: WriteResult, created: boolean, at: number): void {
  publishTicket(ctx, created ? 'ticket.created' : 'ticket.changed', result.ticket, at);
  if (created || result.clocksChanged)
    publishClocks(ctx, result.ticket.id, result.ticket.customerId, result.clocks, at);
}

/** Opens a ticket (agents and up), binds its SLA and starts its clocks. */
export async function createTicket(
  ctx: AppContext,
  actor: Actor,
  input: TicketInput,
): Promise<TicketWithClocks> {
  requireRole(actor, 'agent');
  const now = ctx.clock.now();
  const result = await ctx.storage.transaction(async (repos) => {
    const fresh = await newTicket(repos, actor, input, {
      now,
      source: 'api',
      mayBackdate: roleAtLeast(actor.role, 'manager'),
    });
    const written = await insertTicket(writeEnv(ctx, repos, actor, now), fresh);
    await audit(repos.audit, actor, now, {
      action: 'ticket.created',
      entityType: 'ticket',
      entityId: written.ticket.id,
      customerId: written.ticket.customerId,
      summary: createdSummary(written.ticket),
    });
    return written;
  });
  announce(ctx, result, true, now);
  return { ticket: result.ticket, clocks: storedAsResults(result.clocks, now) };
}

export interface TicketPatch {
  readonly title?: string;
  readonly description?: string | null;
  readonly assigneeUserId?: string | null;
  readonly serviceId?: string | null;
}

/** Changes title, description, assignee or service (agents and up). Status and priority change by events. */
export async function updateTicket(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: TicketPatch,
): Promise<Ticket> {
  requireRole(actor, 'agent');
  const now = ctx.clock.now();
  const result = await ctx.storage.transaction(async (repos) => {
    const before = await repos.tickets.findByIdForUpdate(id);
    if (!before) throw new DomainError('TICKET_NOT_FOUND', 'ticket not found', { id });
    assertCustomerVisible(actor, before.customerId, 'TICKET_NOT_FOUND', 'ticket');
    if (patch.serviceId != null && (await repos.catalog.findServiceName(patch.serviceId)) === undefined) {
      throw new DomainError('SERVICE_NOT_FOUND', 'service not found', { id: patch.serviceId });
    }
    if (patch.description != null && patch.description.length > MAX_BODY_LENGTH) {
      throw new DomainError('TICKET_INVALID', `description is longer than ${MAX_BODY_LENGTH} characters`, {
        field: 'description',
      });
    }
    const assignee =
      patch.assigneeUserId === undefined
        ? before.assigneeUserId
        : patch.assigneeUserId === null
          ? null
          : await assigneeId(repos, patch.assigneeUserId);
    const target: Ticket = {
      ...before,
      title: patch.title === undefined ? before.title : checkText(patch.title, 'title', MAX_TITLE_LENGTH),
      description: patch.description === undefined ? before.description : patch.description,
      serviceId: patch.serviceId === undefined ? before.serviceId : patch.serviceId,
      assigneeUserId: assignee,
    };
    const changes = diff(
      before as unknown as Record<string, unknown>,
      target as unknown as Record<string, unknown>,
    );
    if (Object.keys(changes).length === 0) return { ticket: before, changed: false };
    let after: Ticket;
    if (assignee !== before.assigneeUserId) {
      // The assignee follows the log, so a change of assignee is an event as well.
      const events = await repos.tickets.listEvents(id);
      const written = await appendTicketEvents(writeEnv(ctx, repos, actor, now), target, events, [
        { type: 'assigned', at: now, data: { assignee } },
      ]);
      after = written.ticket;
    } else {
      after = { ...target, updatedAt: now, revision: before.revision + 1 };
      await repos.tickets.update(after);
    }
    await audit(repos.audit, actor, now, {
      action: 'ticket.updated',
      entityType: 'ticket',
      entityId: id,
      customerId: after.customerId,
      summary: `Ticket #${after.number} changed: ${Object.keys(changes).join(', ')}`,
      changes,
    });
    return { ticket: after, changed: true };
  });
  if (result.changed) publishTicket(ctx, 'ticket.changed', result.ticket, now);
  return result.ticket;
}

/** Logs one event (agents and up), updates the ticket and recomputes its clocks in the same transaction. */
export async function addTicketEvent(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: EventInput,
): Promise<{
  readonly event: TicketEventRecord;
  readonly ticket: Ticket;
  readonly clocks: readonly ClockResult[];
}> {
  requireRole(actor, 'agent');
  const now = ctx.clock.now();
  const result = await ctx.storage.transaction(async (repos) => {
    const ticket = await repos.tickets.findByIdForUpdate(id);
    if (!ticket) throw new DomainError('TICKET_NOT_FOUND', 'ticket not found', { id });
    assertCustomerVisible(actor, ticket.customerId, 'TICKET_NOT_FOUND', 'ticket');
    const existing = await repos.tickets.listEvents(id);
    const manager = roleAtLeast(actor.role, 'manager');
    const valid = await validateEvent(repos, ticket, foldEvents(existing), input, {
      now,
      mayBackdate: manager,
      mayRebind: manager,
      scheme: await priorityScheme(repos),
    });
    const written = await appendTicketEvents(writeEnv(ctx, repos, actor, now), ticket, existing, [valid]);
    await audit(repos.audit, actor, now, {
      action: 'ticket.event.added',
      entityType: 'ticket',
      entityId: id,
      customerId: ticket.customerId,
      summary: `Ticket #${ticket.number}: ${eventSummary(valid)}`,
    });
    return { written };
  });
  announce(ctx, result.written, false, now);
  const event = result.written.events[0] as TicketEventRecord;
  return { event, ticket: result.written.ticket, clocks: storedAsResults(result.written.clocks, now) };
}
