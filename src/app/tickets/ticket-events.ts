import { DomainError } from '../../domain/shared/errors.ts';
import { formatInstant, MINUTE_MS, parseInstant } from '../../domain/shared/time.ts';
import type { PriorityScheme } from '../catalog/catalog.repository.ts';
import { assertPriority } from '../catalog/priorities.ts';
import type { Repositories } from '../ports/repositories.ts';
import { parseSlaRef, slaRef, type TicketState } from './ticket-state.ts';
import { EVENT_TYPES, type StoredEventType, type Ticket } from './tickets.repository.ts';

/** How far ahead of the server's clock an event may be stamped (clients' clocks drift). */
export const CLOCK_SKEW_MS = MINUTE_MS;
export const MAX_STATUS_LENGTH = 100;
export const MAX_BODY_LENGTH = 100_000;

/** An event as a client sends it; the fields a type does not use must be absent. */
export interface EventInput {
  readonly type: string;
  /** ISO 8601 instant with offset; default now. */
  readonly at?: string;
  readonly status?: string;
  readonly author?: string;
  readonly public?: boolean;
  readonly body?: string;
  readonly priority?: string;
  /** `<slaId>@<version>`, or `<slaId>` for its active version. */
  readonly sla?: string;
  /** A user id; null unassigns. */
  readonly assignee?: string | null;
}

/** A checked event, ready to be logged. */
export interface ValidEvent {
  readonly type: StoredEventType;
  readonly at: number;
  readonly data: Readonly<Record<string, unknown>>;
}

/** What validation may rely on, beyond the event itself. */
export interface EventRules {
  readonly now: number;
  /** Whether `at` may lie in the past (managers, imports, integration tokens). */
  readonly mayBackdate: boolean;
  /** Whether the event may re-bind the SLA (managers). */
  readonly mayRebind: boolean;
  readonly scheme: PriorityScheme;
}

const FIELDS: Readonly<Record<StoredEventType, readonly (keyof EventInput)[]>> = {
  created: [],
  status: ['status'],
  reply: ['author', 'public', 'body'],
  priority: ['priority'],
  resolved: [],
  reopened: [],
  closed: [],
  sla: ['sla'],
  assigned: ['assignee'],
  note: ['body'],
};

const ALLOWED_ON_CLOSED: ReadonlySet<StoredEventType> = new Set(['reopened', 'note']);

const invalid = (message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('TICKET_EVENT_INVALID', message, details);

function isEventType(value: string): value is StoredEventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}

/** @throws DomainError TICKET_EVENT_TYPE_UNKNOWN, TICKET_EVENT_INVALID */
export function eventType(type: string): Exclude<StoredEventType, 'created'> {
  if (!isEventType(type)) {
    throw new DomainError(
      'TICKET_EVENT_TYPE_UNKNOWN',
      `unknown event type "${type}"; known: ${EVENT_TYPES.filter((t) => t !== 'created').join(', ')}`,
      {
        type,
      },
    );
  }
  if (type === 'created') throw invalid('the created event is written when the ticket is created');
  return type;
}

/** The instant of an event: now, or an explicit one within the rules. */
export function eventInstant(
  at: string | undefined,
  createdAt: number,
  rules: EventRules,
  what = 'at',
): number {
  if (at === undefined) return Math.max(rules.now, createdAt);
  const ms = parseInstant(at, what);
  if (ms > rules.now + CLOCK_SKEW_MS) {
    throw new DomainError('TICKET_EVENT_IN_FUTURE', `${what} ${formatInstant(ms)} lies in the future`, {
      at,
    });
  }
  if (ms < createdAt) {
    throw new DomainError(
      'TICKET_EVENT_BEFORE_CREATION',
      `${what} ${formatInstant(ms)} is before the ticket was created (${formatInstant(createdAt)})`,
      {
        at,
      },
    );
  }
  if (ms < rules.now - CLOCK_SKEW_MS && !rules.mayBackdate) {
    throw new DomainError('FORBIDDEN', 'only managers may record events in the past', {
      required: 'manager',
    });
  }
  return ms;
}

function requiredText(value: string | undefined, field: string, max: number): string {
  if (value === undefined || value.trim() === '') throw invalid(`this event needs a ${field}`, { field });
  if (value.length > max) throw invalid(`${field} is longer than ${max} characters`, { field });
  return value.trim();
}

/**
 * Checks an event against its type and the ticket's current state, and resolves what it refers to (SLA
 * versions, users). Nothing is written here.
 */
export async function validateEvent(
  repos: Repositories,
  ticket: Ticket,
  state: TicketState,
  input: EventInput,
  rules: EventRules,
): Promise<ValidEvent> {
  const type = eventType(input.type);
  for (const key of Object.keys(input) as (keyof EventInput)[]) {
    if (key === 'type' || key === 'at' || input[key] === undefined) continue;
    if (!FIELDS[type].includes(key)) throw invalid(`a ${type} event has no field "${key}"`, { field: key });
  }
  const at = eventInstant(input.at, ticket.createdAt, rules);
  if (state.closedAt !== null && !ALLOWED_ON_CLOSED.has(type)) {
    throw new DomainError('TICKET_CLOSED', `ticket #${ticket.number} is closed; reopen it first`, {
      ticketId: ticket.id,
    });
  }
  switch (type) {
    case 'status':
      return { type, at, data: { status: requiredText(input.status, 'status', MAX_STATUS_LENGTH) } };
    case 'reply': {
      if (input.author !== 'agent' && input.author !== 'customer')
        throw invalid('a reply needs an author: agent or customer', { field: 'author' });
      if (input.body !== undefined && input.body.length > MAX_BODY_LENGTH)
        throw invalid(`body is longer than ${MAX_BODY_LENGTH} characters`);
      const data: Record<string, unknown> = { author: input.author, public: input.public ?? true };
      if (input.body !== undefined) data['body'] = input.body;
      return { type, at, data };
    }
    case 'priority': {
      const priority = requiredText(input.priority, 'priority', MAX_STATUS_LENGTH);
      assertPriority(rules.scheme, priority);
      return { type, at, data: { priority } };
    }
    case 'sla':
      if (!rules.mayRebind)
        throw new DomainError('FORBIDDEN', 'only managers may bind a ticket to another SLA', {
          required: 'manager',
        });
      return { type, at, data: { sla: await resolveSla(repos, requiredText(input.sla, 'sla', 200)) } };
    case 'assigned':
      return {
        type,
        at,
        data: { assignee: input.assignee == null ? null : await assigneeId(repos, input.assignee) },
      };
    case 'note':
      return { type, at, data: { body: requiredText(input.body, 'body', MAX_BODY_LENGTH) } };
    case 'reopened':
      if (state.resolvedAt === null && state.closedAt === null) {
        throw new DomainError(
          'TICKET_NOT_RESOLVED',
          `ticket #${ticket.number} is neither resolved nor closed`,
          { ticketId: ticket.id },
        );
      }
      return { type, at, data: {} };
    case 'resolved':
    case 'closed':
      return { type, at, data: {} };
  }
}

/**
 * `<slaId>@<version>` of an existing version (not a draft), or `<slaId>` for the SLA's active version.
 * @throws DomainError SLA_NOT_FOUND, TICKET_SLA_DRAFT
 */
export async function resolveSla(repos: Pick<Repositories, 'slas'>, ref: string): Promise<string> {
  const parsed = parseSlaRef(ref);
  if (parsed) {
    const version = await repos.slas.findVersion(parsed.slaId, parsed.version);
    if (!version) throw new DomainError('SLA_NOT_FOUND', `SLA version ${ref} not found`, { sla: ref });
    // A draft may still change under the ticket; retired versions stay allowed for imported history.
    if (version.status === 'draft')
      throw new DomainError('TICKET_SLA_DRAFT', `SLA version ${ref} is a draft; activate it first`, {
        sla: ref,
      });
    return ref;
  }
  const active = await repos.slas.findActiveVersion(ref);
  if (!active) throw new DomainError('SLA_NOT_FOUND', `SLA "${ref}" has no active version`, { sla: ref });
  return slaRef(active.slaId, active.version);
}

/** @throws DomainError USER_NOT_FOUND unless the id names a staff user. */
export async function assigneeId(repos: Pick<Repositories, 'accounts'>, userId: string): Promise<string> {
  const user = await repos.accounts.findUserById(userId);
  if (!user || user.role === 'customer')
    throw new DomainError('USER_NOT_FOUND', 'the assignee is not a staff user', { id: userId });
  return user.id;
}

/** One line for the audit log, e.g. "status → waiting for customer". */
export function eventSummary(e: ValidEvent): string {
  const d = e.data;
  switch (e.type) {
    case 'status':
      return `status → ${String(d['status'])}`;
    case 'reply':
      return `${String(d['author'])} reply (${d['public'] === true ? 'public' : 'internal'})`;
    case 'priority':
      return `priority → ${String(d['priority'])}`;
    case 'sla':
      return `SLA → ${String(d['sla'])}`;
    case 'assigned':
      return d['assignee'] === null ? 'unassigned' : `assigned → ${String(d['assignee'])}`;
    default:
      return e.type;
  }
}
