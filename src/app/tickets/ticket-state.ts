import type { TicketEvent } from '../../domain/sla-clock/types.ts';
import type { TicketEventRecord } from './tickets.repository.ts';

/** How a ticket's SLA binding is written in events: `<slaId>@<version>`. */
export function slaRef(slaId: string, version: number): string {
  return `${slaId}@${version}`;
}

/** Splits `<slaId>@<version>`; undefined when it is not of that shape. */
export function parseSlaRef(ref: string): { readonly slaId: string; readonly version: number } | undefined {
  const at = ref.lastIndexOf('@');
  if (at <= 0) return undefined;
  const version = Number(ref.slice(at + 1));
  if (!Number.isSafeInteger(version) || version < 1) return undefined;
  return { slaId: ref.slice(0, at), version };
}

/** What the event log says about a ticket now: the row fields that follow its events. */
export interface TicketState {
  readonly status: string;
  readonly priority: string;
  readonly sla: string | undefined;
  readonly resolvedAt: number | null;
  readonly closedAt: number | null;
  readonly assigneeUserId: string | null;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function byInstantThenSeq(a: TicketEventRecord, b: TicketEventRecord): number {
  if (a.type === 'created' && b.type !== 'created') return -1;
  if (b.type === 'created' && a.type !== 'created') return 1;
  return a.at - b.at || a.seq - b.seq;
}

/** The log in time order (logged order for equal instants), the creation first. */
export function inTimeOrder(records: readonly TicketEventRecord[]): TicketEventRecord[] {
  return [...records].sort(byInstantThenSeq);
}

/** Folds the log, in time order, into the fields of the ticket row. Events may have been logged late. */
export function foldEvents(records: readonly TicketEventRecord[]): TicketState {
  let status = 'new';
  let priority = '';
  let sla: string | undefined;
  let resolvedAt: number | null = null;
  let closedAt: number | null = null;
  let assignee: string | null = null;
  for (const e of inTimeOrder(records)) {
    const d = e.data;
    switch (e.type) {
      case 'created':
        status = str(d['status']) ?? status;
        priority = str(d['priority']) ?? priority;
        sla = str(d['sla']);
        assignee = str(d['assignee']) ?? null;
        break;
      case 'status':
        status = str(d['status']) ?? status;
        break;
      case 'priority':
        priority = str(d['priority']) ?? priority;
        break;
      case 'sla':
        sla = str(d['sla']) ?? sla;
        break;
      case 'resolved':
        if (resolvedAt === null) resolvedAt = e.at;
        break;
      case 'closed':
        if (closedAt === null) closedAt = e.at;
        break;
      case 'reopened':
        resolvedAt = null;
        closedAt = null;
        break;
      case 'assigned':
        assignee = str(d['assignee']) ?? null;
        break;
      default:
        break;
    }
  }
  return { status, priority, sla, resolvedAt, closedAt, assigneeUserId: assignee };
}

/**
 * The events the SLA clock understands, from the stored log: `assigned` and `note` are left out, and only
 * the fields the clock reads are passed on.
 */
export function clockEvents(records: readonly TicketEventRecord[]): TicketEvent[] {
  const out: TicketEvent[] = [];
  for (const e of records) {
    const ev = toClockEvent(e);
    if (ev !== undefined) out.push(ev);
  }
  return out;
}

function toClockEvent(e: TicketEventRecord): TicketEvent | undefined {
  const d = e.data;
  switch (e.type) {
    case 'created':
      return {
        at: e.at,
        type: 'created',
        priority: str(d['priority']),
        sla: str(d['sla']),
        status: str(d['status']),
      };
    case 'status':
      return { at: e.at, type: 'status', status: str(d['status']) ?? '' };
    case 'reply':
      return {
        at: e.at,
        type: 'reply',
        author: d['author'] === 'customer' ? 'customer' : 'agent',
        public: d['public'] === true,
      };
    case 'priority':
      return { at: e.at, type: 'priority', priority: str(d['priority']) ?? '' };
    case 'sla':
      return { at: e.at, type: 'sla', sla: str(d['sla']) ?? '' };
    case 'resolved':
      return { at: e.at, type: 'resolved' };
    case 'reopened':
      return { at: e.at, type: 'reopened' };
    case 'closed':
      return { at: e.at, type: 'closed' };
    default:
      return undefined;
  }
}

/** Every SLA binding the log mentions, so their versions can be loaded before the clocks are computed. */
export function slaRefsOf(records: readonly TicketEventRecord[], into: Set<string>): void {
  for (const e of records) {
    if (e.type !== 'created' && e.type !== 'sla') continue;
    const ref = str(e.data['sla']);
    if (ref !== undefined) into.add(ref);
  }
}
