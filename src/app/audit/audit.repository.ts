import type { Page, PageRequest } from '../pagination.ts';

export interface AuditEntry {
  readonly id?: number;
  readonly at: number;
  readonly actorUserId: string | null;
  readonly actorTokenId: string | null;
  /** e.g. "customer.created", "sla.version.activated", "ticket.event.added". */
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly customerId: string | null;
  readonly summary: string;
  /** Changed fields: `{ field: [before, after] }`, or null. */
  readonly changes: Readonly<Record<string, readonly [unknown, unknown]>> | null;
}

export interface AuditFilter {
  readonly entityType?: string;
  readonly entityId?: string;
  /** Limits to one customer's entries (customer viewers). */
  readonly customerId?: string | null;
}

export interface AuditRepository {
  record(entry: AuditEntry): Promise<void>;
  list(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntry>>;
}
