import type { Kysely, Selectable } from 'kysely';
import type { Page, PageRequest } from '../../app/pagination.ts';
import type {
  IssuedReportFilter,
  IssuedReportRecord,
  IssuedReportSummary,
  ReportsRepository,
} from '../../app/reports/reports.repository.ts';
import type { ReportClock, ReportTicket } from '../../domain/reports/customer-report.ts';
import type { PeriodKind } from '../../domain/reports/periods.ts';
import type { Interval } from '../../domain/shared/time.ts';
import type { Database, IssuedReportsTable } from '../schema.ts';

const num = (v: number | string): number => Number(v);
const numOrNull = (v: number | string | null): number | null => (v === null ? null : Number(v));

const toSummary = (r: Omit<Selectable<IssuedReportsTable>, 'snapshot'>): IssuedReportSummary => ({
  id: r.id,
  customerId: r.customer_id,
  periodKey: r.period_key,
  periodKind: r.period_kind as PeriodKind,
  periodStart: num(r.period_start),
  periodEnd: num(r.period_end),
  revision: num(r.revision),
  lang: r.lang === 'en' ? 'en' : 'de',
  issuedAt: num(r.issued_at),
  issuedByUserId: r.issued_by_user_id,
  issuedByTokenId: r.issued_by_token_id,
});

const toRecord = (r: Selectable<IssuedReportsTable>): IssuedReportRecord => ({
  ...toSummary(r),
  snapshot: JSON.parse(r.snapshot) as unknown,
});

const SUMMARY_COLUMNS = [
  'id',
  'customer_id',
  'period_key',
  'period_kind',
  'period_start',
  'period_end',
  'revision',
  'lang',
  'issued_at',
  'issued_by_user_id',
  'issued_by_token_id',
] as const;

export class KyselyReportsRepository implements ReportsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async reportTickets(customerId: string, range: Interval): Promise<ReportTicket[]> {
    // Two flat reads (the tickets in index order, then their clocks) instead of pages of tickets and a
    // query of clocks per page: the report touches every ticket of several periods, and neither the
    // clocks' JSON detail nor a sorted join is needed.
    const tickets = this.db
      .selectFrom('tickets')
      .where('customer_id', '=', customerId)
      .where('created_at', '<', range.end)
      .where((eb) => eb.or([eb('resolved_at', 'is', null), eb('resolved_at', '>=', range.start)]));
    const rows = await tickets
      .select(['id', 'number', 'title', 'priority', 'created_at', 'resolved_at', 'sla_id'])
      .orderBy('created_at')
      .orderBy('number')
      .execute();
    const clockRows = await this.db
      .selectFrom('ticket_clocks')
      .select([
        'ticket_id',
        'metric',
        'state',
        'duration_ms',
        'elapsed_ms',
        'due_at',
        'stopped_at',
        'breached_at',
      ])
      .where('ticket_id', 'in', tickets.select('id'))
      .where('metric', 'in', ['first_response', 'resolution'])
      .orderBy('ticket_id')
      .orderBy('clock_id')
      .execute();
    const clocks = new Map<string, ReportClock[]>();
    for (const c of clockRows) {
      let list = clocks.get(c.ticket_id);
      if (!list) {
        list = [];
        clocks.set(c.ticket_id, list);
      }
      list.push({
        metric: c.metric,
        state: c.state,
        durationMs: num(c.duration_ms),
        elapsedMs: num(c.elapsed_ms),
        dueAt: numOrNull(c.due_at),
        stoppedAt: numOrNull(c.stopped_at),
        breachedAt: numOrNull(c.breached_at),
      });
    }
    return rows.map((r) => ({
      id: r.id,
      number: num(r.number),
      title: r.title,
      priority: r.priority,
      createdAt: num(r.created_at),
      resolvedAt: numOrNull(r.resolved_at),
      slaId: r.sla_id,
      clocks: clocks.get(r.id) ?? [],
    }));
  }

  async ticketsRecordedLate(customerId: string, after: number, before: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('ticket_events as e')
      .innerJoin('tickets as t', 't.id', 'e.ticket_id')
      .select('t.number')
      .distinct()
      .where('t.customer_id', '=', customerId)
      .where('e.recorded_at', '>', after)
      .where('e.at', '<=', before)
      .orderBy('t.number')
      .execute();
    return rows.map((r) => num(r.number));
  }

  async outagesRecordedAfter(serviceIds: readonly string[], range: Interval, after: number): Promise<number> {
    if (serviceIds.length === 0) return 0;
    const row = await this.db
      .selectFrom('outages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('service_id', 'in', serviceIds)
      .where('created_at', '>', after)
      .where('started_at', '<', range.end)
      .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', range.start)]))
      .executeTakeFirstOrThrow();
    return num(row.n);
  }

  async insertIssued(r: IssuedReportRecord): Promise<boolean> {
    // ON CONFLICT DO NOTHING rather than catching the unique violation: in PostgreSQL a failed statement
    // aborts the whole transaction, while a skipped insert leaves it usable on both dialects.
    const result = await this.db
      .insertInto('issued_reports')
      .values({
        id: r.id,
        customer_id: r.customerId,
        period_key: r.periodKey,
        period_kind: r.periodKind,
        period_start: r.periodStart,
        period_end: r.periodEnd,
        revision: r.revision,
        lang: r.lang,
        issued_at: r.issuedAt,
        issued_by_user_id: r.issuedByUserId,
        issued_by_token_id: r.issuedByTokenId,
        snapshot: JSON.stringify(r.snapshot),
      })
      .onConflict((oc) => oc.columns(['customer_id', 'period_key', 'revision']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async findIssued(id: string): Promise<IssuedReportRecord | undefined> {
    const row = await this.db
      .selectFrom('issued_reports')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async latestIssued(customerId: string, periodKey: string): Promise<IssuedReportRecord | undefined> {
    const row = await this.db
      .selectFrom('issued_reports')
      .selectAll()
      .where('customer_id', '=', customerId)
      .where('period_key', '=', periodKey)
      .orderBy('revision', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async listIssued(filter: IssuedReportFilter, page: PageRequest): Promise<Page<IssuedReportSummary>> {
    let q = this.db.selectFrom('issued_reports');
    if (filter.customerId !== undefined) q = q.where('customer_id', '=', filter.customerId);
    if (filter.periodKey !== undefined) q = q.where('period_key', '=', filter.periodKey);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .select(SUMMARY_COLUMNS)
      .orderBy('issued_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return { items: rows.map(toSummary), total: num(total.n), limit: page.limit, offset: page.offset };
  }
}
