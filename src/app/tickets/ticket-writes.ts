// Writes shared by the ticket use cases, the webhook and the import: they run inside a transaction.
import type { Actor } from '../actor.ts';
import { replanTicketSteps } from '../escalation/ticket-plan.ts';
import type { Level } from '../catalog/catalog.repository.ts';
import type { IdGenerator } from '../ports/system.ts';
import type { Repositories } from '../ports/repositories.ts';
import { clocksDiffer, ticketClocks, toStoredClocks, type ClockTargets } from './ticket-clocks.ts';
import type { ValidEvent } from './ticket-events.ts';
import { clockEvents, foldEvents, parseSlaRef, slaRefsOf, type TicketState } from './ticket-state.ts';
import type {
  StoredClock,
  Ticket,
  TicketEventRecord,
  TicketSource,
  TicketType,
} from './tickets.repository.ts';

/** A new ticket with every reference resolved and checked. */
export interface NewTicket {
  readonly customerId: string;
  readonly serviceId: string | null;
  readonly type: TicketType;
  readonly title: string;
  readonly description: string | null;
  readonly impact: Level | null;
  readonly urgency: Level | null;
  readonly priority: string;
  readonly status: string;
  readonly assigneeUserId: string | null;
  /** `<slaId>@<version>`, or undefined for no SLA. */
  readonly sla: string | undefined;
  readonly externalRef: string | null;
  readonly source: TicketSource;
  readonly createdAt: number;
}

export interface WriteResult {
  readonly ticket: Ticket;
  readonly events: readonly TicketEventRecord[];
  readonly clocks: readonly StoredClock[];
  readonly clocksChanged: boolean;
}

export interface WriteEnv {
  readonly repos: Repositories;
  readonly ids: IdGenerator;
  readonly actor: Actor;
  readonly now: number;
  readonly targets: ClockTargets;
}

function record(env: WriteEnv, ticketId: string, seq: number, e: ValidEvent): TicketEventRecord {
  return {
    id: env.ids.next(),
    ticketId,
    seq,
    at: e.at,
    type: e.type,
    data: e.data,
    actorUserId: env.actor.userId,
    actorTokenId: env.actor.tokenId,
    recordedAt: env.now,
  };
}

/** Computes the ticket's clocks from its whole log and stores them; says whether what people see changed. */
export async function refreshClocks(
  env: WriteEnv,
  ticketId: string,
  events: readonly TicketEventRecord[],
  state: TicketState,
  fresh = false,
): Promise<{ clocks: StoredClock[]; changed: boolean }> {
  const refs = new Set<string>();
  slaRefsOf(events, refs);
  await env.targets.load(env.repos, refs);
  // Events may be stamped a little ahead of the server clock; count them as of their instant.
  let computedAt = env.now;
  for (const e of events) if (e.at > computedAt) computedAt = e.at;
  const results = ticketClocks(clockEvents(events), env.targets, computedAt, false);
  const clocks = toStoredClocks(ticketId, results, env.targets, state.sla, state.priority, computedAt);
  const before = fresh ? [] : await env.repos.tickets.clocksOf([ticketId]);
  await env.repos.tickets.replaceClocks(fresh ? [] : [ticketId], clocks);
  // Escalation steps follow the clocks in the same transaction, so they never disagree.
  await replanTicketSteps(
    env.repos,
    env.targets,
    [{ ticketId, clocks: results, sla: state.sla, priority: state.priority, status: state.status, closed: state.closedAt !== null }],
    computedAt,
  );
  return { clocks, changed: clocksDiffer(before, clocks) };
}

/** Inserts the ticket and its created event, numbers it and computes its clocks. */
export async function insertTicket(
  env: WriteEnv,
  input: NewTicket,
  extra: readonly ValidEvent[] = [],
): Promise<WriteResult> {
  const binding = input.sla === undefined ? undefined : parseSlaRef(input.sla);
  const ticket: Ticket = {
    id: env.ids.next(),
    number: await env.repos.tickets.nextNumber(),
    customerId: input.customerId,
    serviceId: input.serviceId,
    type: input.type,
    title: input.title,
    description: input.description,
    impact: input.impact,
    urgency: input.urgency,
    priority: input.priority,
    status: input.status,
    assigneeUserId: input.assigneeUserId,
    slaId: binding?.slaId ?? null,
    slaVersion: binding?.version ?? null,
    externalRef: input.externalRef,
    source: input.source,
    createdAt: input.createdAt,
    updatedAt: env.now,
    resolvedAt: null,
    closedAt: null,
    revision: 1,
  };
  const createdData: Record<string, unknown> = { priority: input.priority, status: input.status };
  if (input.sla !== undefined) createdData['sla'] = input.sla;
  if (input.assigneeUserId !== null) createdData['assignee'] = input.assigneeUserId;
  const events: TicketEventRecord[] = [
    record(env, ticket.id, 1, { type: 'created', at: input.createdAt, data: createdData }),
  ];
  for (const e of extra) events.push(record(env, ticket.id, events.length + 1, e));
  const state = foldEvents(events);
  const after = withState(ticket, state, env.now, 0);
  await env.repos.tickets.insert(after);
  await env.repos.tickets.appendEvents(events);
  const { clocks } = await refreshClocks(env, ticket.id, events, state, true);
  return { ticket: after, events, clocks, clocksChanged: true };
}

/** Logs events on an existing ticket, brings its row (status, priority, SLA, resolution) and clocks up to date. */
export async function appendTicketEvents(
  env: WriteEnv,
  ticket: Ticket,
  existing: readonly TicketEventRecord[],
  added: readonly ValidEvent[],
): Promise<WriteResult> {
  let seq = 0;
  for (const e of existing) if (e.seq > seq) seq = e.seq;
  const records: TicketEventRecord[] = [];
  for (const e of added) records.push(record(env, ticket.id, ++seq, e));
  const all = [...existing, ...records];
  const state = foldEvents(all);
  const after = withState(ticket, state, env.now, 1);
  await env.repos.tickets.appendEvents(records);
  await env.repos.tickets.update(after);
  const { clocks, changed } = await refreshClocks(env, ticket.id, all, state);
  return { ticket: after, events: records, clocks, clocksChanged: changed };
}

/** The ticket with the fields its log decides. */
export function withState(ticket: Ticket, state: TicketState, now: number, bump: number): Ticket {
  const binding = state.sla === undefined ? undefined : parseSlaRef(state.sla);
  return {
    ...ticket,
    status: state.status,
    priority: state.priority,
    slaId: binding?.slaId ?? null,
    slaVersion: binding?.version ?? null,
    resolvedAt: state.resolvedAt,
    closedAt: state.closedAt,
    assigneeUserId: state.assigneeUserId,
    updatedAt: now,
    revision: ticket.revision + bump,
  };
}
