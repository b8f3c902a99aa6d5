import type { Kysely } from 'kysely';
import type {
  AcknowledgementRecord,
  AcknowledgementsRepository,
  ActiveVersionRecord,
  OpenTicketClocks,
  ReminderRecord,
  StaffMember,
} from '../../app/staff/acknowledgements.repository.ts';
import type { ReportClock, ReportTicket } from '../../domain/reports/customer-report.ts';
import type { RiskClock } from '../../domain/staff/open-risk.ts';
import type { Interval } from '../../domain/shared/time.ts';
import type { Database } from '../schema.ts';

const num = (v: number | string): number => Number(v);
const numOrNull = (v: number | string | null): number | null => (v === null ? null : Number(v));

export class KyselyAcknowledgementsRepository implements AcknowledgementsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insertAcknowledgement(a: AcknowledgementRecord): Promise<boolean> {
    const r = await this.db
      .insertInto('sla_acknowledgements')
      .values({
        sla_id: a.slaId,
        version: a.version,
        user_id: a.userId,
        acknowledged_at: a.acknowledgedAt,
        token_id: a.tokenId,
      })
      .onConflict((oc) => oc.columns(['sla_id', 'version', 'user_id']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async listAcknowledgements(filter: {
    readonly userId?: string;
    readonly slaId?: string;
    readonly version?: number;
  }): Promise<readonly AcknowledgementRecord[]> {
    let q = this.db.selectFrom('sla_acknowledgements').selectAll();
    if (filter.userId !== undefined) q = q.where('user_id', '=', filter.userId);
    if (filter.slaId !== undefined) q = q.where('sla_id', '=', filter.slaId);
    if (filter.version !== undefined) q = q.where('version', '=', filter.version);
    const rows = await q.orderBy('acknowledged_at').orderBy('user_id').execute();
    return rows.map((r) => ({
      slaId: r.sla_id,
      version: num(r.version),
      userId: r.user_id,
      acknowledgedAt: num(r.acknowledged_at),
      tokenId: r.token_id,
    }));
  }

  async activeVersions(): Promise<readonly ActiveVersionRecord[]> {
    const rows = await this.db
      .selectFrom('sla_versions as v')
      .innerJoin('slas as s', 's.id', 'v.sla_id')
      .select(['v.sla_id', 's.name', 'v.version', 'v.effective_from', 'v.activated_at'])
      .where('v.status', '=', 'active')
      .where('s.archived_at', 'is', null)
      .orderBy('s.name')
      .orderBy('v.sla_id')
      .execute();
    return rows.map((r) => ({
      slaId: r.sla_id,
      slaName: r.name,
      version: num(r.version),
      effectiveFrom: numOrNull(r.effective_from),
      activatedAt: numOrNull(r.activated_at),
    }));
  }

  async staffMembers(): Promise<readonly StaffMember[]> {
    const rows = await this.db
      .selectFrom('users')
      .select(['id', 'email', 'name', 'role', 'locale', 'time_zone'])
      .where('role', 'in', ['agent', 'manager'])
      .where('disabled', '=', 0)
      .where('customer_id', 'is', null)
      .orderBy('name')
      .orderBy('email')
      .execute();
    return rows.map((r) => ({
      userId: r.id,
      name: r.name,
      email: r.email,
      role: r.role === 'manager' ? 'manager' : 'agent',
      locale: r.locale,
      timeZone: r.time_zone,
    }));
  }

  async findReminder(userId: string): Promise<ReminderRecord | undefined> {
    const r = await this.db
      .selectFrom('acknowledgement_reminders')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return r && { userId: r.user_id, lastSentAt: num(r.last_sent_at), sentCount: num(r.sent_count) };
  }

  async recordReminder(userId: string, previous: ReminderRecord | undefined, at: number): Promise<boolean> {
    if (!previous) {
      const r = await this.db
        .insertInto('acknowledgement_reminders')
        .values({ user_id: userId, last_sent_at: at, sent_count: 1 })
        .onConflict((oc) => oc.column('user_id').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
    }
    // Compare and set: of two workers that read the same last reminder, only the first moves it on.
    const r = await this.db
      .updateTable('acknowledgement_reminders')
      .set({ last_sent_at: at, sent_count: previous.sentCount + 1 })
      .where('user_id', '=', userId)
      .where('last_sent_at', '=', previous.lastSentAt)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async assignedTickets(userId: string, range: Interval): Promise<ReportTicket[]> {
    // One joined read, as for the customer report: tickets and their two reported clocks together.
    const rows = await this.db
      .selectFrom('tickets as t')
      .leftJoin('ticket_clocks as c', (join) =>
        join.onRef('c.ticket_id', '=', 't.id').on('c.metric', 'in', ['first_response', 'resolution']),
      )
      .select([
        't.id',
        't.number',
        't.title',
        't.priority',
        't.created_at',
        't.resolved_at',
        't.sla_id',
        'c.metric',
        'c.state',
        'c.duration_ms',
        'c.elapsed_ms',
        'c.due_at',
        'c.stopped_at',
        'c.breached_at',
      ])
      .where('t.assignee_user_id', '=', userId)
      .where('t.created_at', '<', range.end)
      .where((eb) => eb.or([eb('t.resolved_at', 'is', null), eb('t.resolved_at', '>=', range.start)]))
      .orderBy('t.created_at')
      .orderBy('t.number')
      .orderBy('c.clock_id')
      .execute();
    const out: ReportTicket[] = [];
    let current: { ticket: ReportTicket; clocks: ReportClock[] } | undefined;
    for (const r of rows) {
      if (current?.ticket.id !== r.id) {
        const clocks: ReportClock[] = [];
        current = {
          clocks,
          ticket: {
            id: r.id,
            number: num(r.number),
            title: r.title,
            priority: r.priority,
            createdAt: num(r.created_at),
            resolvedAt: numOrNull(r.resolved_at),
            slaId: r.sla_id,
            clocks,
          },
        };
        out.push(current.ticket);
      }
      if (r.metric === null || r.state === null) continue;
      current.clocks.push({
        metric: r.metric,
        state: r.state,
        durationMs: num(r.duration_ms ?? 0),
        elapsedMs: num(r.elapsed_ms ?? 0),
        dueAt: numOrNull(r.due_at),
        stoppedAt: numOrNull(r.stopped_at),
        breachedAt: numOrNull(r.breached_at),
      });
    }
    return out;
  }

  async openAssignedTickets(userId: string): Promise<readonly OpenTicketClocks[]> {
    const rows = await this.db
      .selectFrom('tickets as t')
      .leftJoin('ticket_clocks as c', 'c.ticket_id', 't.id')
      .select(['t.id', 'c.metric', 'c.state', 'c.due_at', 'c.next_warning_at'])
      .where('t.assignee_user_id', '=', userId)
      .where('t.resolved_at', 'is', null)
      .where('t.closed_at', 'is', null)
      .orderBy('t.id')
      .execute();
    const out: { ticketId: string; clocks: RiskClock[] }[] = [];
    for (const r of rows) {
      let last = out.at(-1);
      if (last?.ticketId !== r.id) {
        last = { ticketId: r.id, clocks: [] };
        out.push(last);
      }
      if (r.metric === null || r.state === null) continue;
      last.clocks.push({
        metric: r.metric,
        state: r.state,
        dueAt: numOrNull(r.due_at),
        nextWarningAt: numOrNull(r.next_warning_at),
      });
    }
    return out;
  }
}
