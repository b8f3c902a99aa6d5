import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  type SqlBool,
} from 'kysely';
import { DomainError } from '../../domain/shared/errors.ts';
import { isUniqueViolation } from '../sql-helpers.ts';
import type { Level } from '../../app/catalog/catalog.repository.ts';
import type { Page, PageRequest } from '../../app/pagination.ts';
import type {
  ClockFilter,
  StoredClock,
  StoredClockDetail,
  StoredEventType,
  Ticket,
  TicketClockInput,
  TicketEventRecord,
  TicketFilter,
  TicketSource,
  TicketsRepository,
  TicketType,
} from '../../app/tickets/tickets.repository.ts';
import type { Database, TicketClocksTable, TicketEventsTable, TicketsTable } from '../schema.ts';
import type { SqlDialectName } from '../sql-dialect.ts';
import { likePattern } from '../sql-helpers.ts';

const TICKET_COUNTER = 'ticket.number';
/** Rows per INSERT: well below SQLite's and PostgreSQL's bound-parameter limits. */
const INSERT_CHUNK = 500;

const num = (v: number | null): number | null => (v === null ? null : Number(v));

const toTicket = (r: Selectable<TicketsTable>): Ticket => ({
  id: r.id,
  number: Number(r.number),
  customerId: r.customer_id,
  serviceId: r.service_id,
  type: r.type as TicketType,
  title: r.title,
  description: r.description,
  impact: r.impact as Level | null,
  urgency: r.urgency as Level | null,
  priority: r.priority,
  status: r.status,
  assigneeUserId: r.assignee_user_id,
  slaId: r.sla_id,
  slaVersion: num(r.sla_version),
  externalRef: r.external_ref,
  source: r.source as TicketSource,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
  resolvedAt: num(r.resolved_at),
  closedAt: num(r.closed_at),
  revision: Number(r.revision),
});

const toRow = (t: Ticket): Selectable<TicketsTable> => ({
  id: t.id,
  number: t.number,
  customer_id: t.customerId,
  service_id: t.serviceId,
  type: t.type,
  title: t.title,
  description: t.description,
  impact: t.impact,
  urgency: t.urgency,
  priority: t.priority,
  status: t.status,
  assignee_user_id: t.assigneeUserId,
  sla_id: t.slaId,
  sla_version: t.slaVersion,
  external_ref: t.externalRef,
  source: t.source,
  created_at: t.createdAt,
  updated_at: t.updatedAt,
  resolved_at: t.resolvedAt,
  closed_at: t.closedAt,
  revision: t.revision,
});

const toEvent = (r: Selectable<TicketEventsTable>): TicketEventRecord => ({
  id: r.id,
  ticketId: r.ticket_id,
  seq: Number(r.seq),
  at: Number(r.at),
  type: r.type as StoredEventType,
  data: JSON.parse(r.data) as Record<string, unknown>,
  actorUserId: r.actor_user_id,
  actorTokenId: r.actor_token_id,
  recordedAt: Number(r.recorded_at),
});

const toClock = (
  r: Selectable<TicketClocksTable>,
  detail: StoredClockDetail = JSON.parse(r.detail) as StoredClockDetail,
): StoredClock => ({
  ticketId: r.ticket_id,
  clockId: r.clock_id,
  metric: r.metric,
  state: r.state,
  durationMs: Number(r.duration_ms),
  elapsedMs: Number(r.elapsed_ms),
  pausedMs: Number(r.paused_ms),
  startedAt: num(r.started_at),
  dueAt: num(r.due_at),
  stoppedAt: num(r.stopped_at),
  breachedAt: num(r.breached_at),
  nextWarningAt: num(r.next_warning_at),
  detail,
  computedAt: Number(r.computed_at),
});

/*
 * Pages are read as one JSON array per row. better-sqlite3 builds a row object column by column through
 * native calls, about a quarter microsecond each: a page of 50 tickets and their 100 clocks spent more there
 * than in the query. One json_array text per row and JSON.parse cost less than half as much. PostgreSQL
 * builds the same array (json_build_array), which pg parses. The column lists must name every column, which
 * the type check below enforces.
 */
const TICKET_COLUMNS = [
  'id',
  'number',
  'customer_id',
  'service_id',
  'type',
  'title',
  'description',
  'impact',
  'urgency',
  'priority',
  'status',
  'assignee_user_id',
  'sla_id',
  'sla_version',
  'external_ref',
  'source',
  'created_at',
  'updated_at',
  'resolved_at',
  'closed_at',
  'revision',
] as const satisfies readonly (keyof TicketsTable)[];
const CLOCK_COLUMNS = [
  'ticket_id',
  'clock_id',
  'metric',
  'state',
  'duration_ms',
  'elapsed_ms',
  'paused_ms',
  'started_at',
  'due_at',
  'stopped_at',
  'breached_at',
  'next_warning_at',
  'detail',
  'computed_at',
] as const satisfies readonly (keyof TicketClocksTable)[];
type Unlisted<T, L extends readonly unknown[]> = Exclude<keyof T, L[number]>;
/** Fails to compile when a column is added to the table but not to its list. */
const everyColumnListed: [
  Unlisted<TicketsTable, typeof TICKET_COLUMNS> | Unlisted<TicketClocksTable, typeof CLOCK_COLUMNS>,
] extends [never]
  ? true
  : never = true;
void everyColumnListed;

function rowOf<T>(columns: readonly (keyof T)[], values: readonly unknown[]): Selectable<T> {
  const row: Partial<Record<keyof T, unknown>> = {};
  for (let i = 0; i < columns.length; i++) row[columns[i] as keyof T] = values[i];
  return row as Selectable<T>;
}

/** A JSON array of the columns, in their order; `detail` is embedded as JSON, not as text. */
function jsonRow(dialect: SqlDialectName, alias: string, columns: readonly string[]) {
  const values = sql.join(
    columns.map((c) => {
      const ref = sql.ref(`${alias}.${c}`);
      if (c !== 'detail') return ref;
      return dialect === 'postgres' ? sql`cast(${ref} as json)` : sql`json(${ref})`;
    }),
  );
  // SQLite answers the array as text; pg parses PostgreSQL's json into the array itself.
  return dialect === 'postgres'
    ? sql<unknown>`json_build_array(${values})`
    : sql<unknown>`json_array(${values})`;
}

const DETAIL = CLOCK_COLUMNS.indexOf('detail');
const valuesOf = (r: unknown): unknown[] => (typeof r === 'string' ? JSON.parse(r) : r) as unknown[];

const clockRow = (c: StoredClock): Selectable<TicketClocksTable> => ({
  ticket_id: c.ticketId,
  clock_id: c.clockId,
  metric: c.metric,
  state: c.state,
  duration_ms: c.durationMs,
  elapsed_ms: c.elapsedMs,
  paused_ms: c.pausedMs,
  started_at: c.startedAt,
  due_at: c.dueAt,
  stopped_at: c.stoppedAt,
  breached_at: c.breachedAt,
  next_warning_at: c.nextWarningAt,
  detail: JSON.stringify(c.detail),
  computed_at: c.computedAt,
});

type ClockEb = ExpressionBuilder<Database & { c: TicketClocksTable }, 'c'>;

/**
 * A clock's state at `now`, evaluated in SQL: the stored state is as of its computation, and a running
 * clock breaches once it runs past its due instant (at the due instant itself it is still running, as in
 * the clock engine).
 */
function clockCondition(eb: ClockEb, filter: ClockFilter, now: number): Expression<SqlBool> {
  switch (filter) {
    case 'breached':
      return eb.or([
        eb('c.state', '=', 'breached'),
        eb.and([eb('c.state', '=', 'running'), eb('c.due_at', '<', now)]),
      ]);
    case 'at_risk':
      return eb.and([
        eb('c.state', '=', 'running'),
        eb('c.due_at', '>=', now),
        eb('c.next_warning_at', '<=', now),
      ]);
    case 'running':
      return eb.and([eb('c.state', '=', 'running'), eb('c.due_at', '>=', now)]);
    case 'paused':
      return eb('c.state', '=', 'paused');
    case 'met':
      return eb('c.state', '=', 'met');
  }
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export class KyselyTicketsRepository implements TicketsRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialectName,
  ) {}

  async nextNumber(): Promise<number> {
    // One statement: the row lock (PostgreSQL) or the write transaction (SQLite) serialises writers.
    const r = await this.db
      .insertInto('counters')
      .values({ name: TICKET_COUNTER, value: 1 })
      .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
      .returning('value')
      .executeTakeFirstOrThrow();
    return Number(r.value);
  }

  async insert(t: Ticket): Promise<void> {
    try {
      await this.db.insertInto('tickets').values(toRow(t)).execute();
    } catch (e) {
      // Two requests raced to create the same external ticket; the unique index let one of them in.
      if (t.externalRef !== null && isUniqueViolation(e)) {
        throw new DomainError(
          'TICKET_EXTERNAL_REF_TAKEN',
          `a ticket with externalRef "${t.externalRef}" exists`,
        );
      }
      throw e;
    }
  }

  async update(t: Ticket): Promise<void> {
    const { id, ...rest } = toRow(t);
    await this.db.updateTable('tickets').set(rest).where('id', '=', id).execute();
  }

  async findById(id: string): Promise<Ticket | undefined> {
    const r = await this.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toTicket(r);
  }

  async findByIdForUpdate(id: string): Promise<Ticket | undefined> {
    let q = this.db.selectFrom('tickets').selectAll().where('id', '=', id);
    if (this.dialect === 'postgres') q = q.forUpdate();
    const r = await q.executeTakeFirst();
    return r && toTicket(r);
  }

  async findByExternalRef(externalRef: string): Promise<Ticket | undefined> {
    const r = await this.db
      .selectFrom('tickets')
      .selectAll()
      .where('external_ref', '=', externalRef)
      .orderBy('created_at')
      .executeTakeFirst();
    return r && toTicket(r);
  }

  async list(filter: TicketFilter, page: PageRequest, now: number): Promise<Page<Ticket>> {
    let q = this.db.selectFrom('tickets');
    if (filter.onlyCustomerId != null) q = q.where('tickets.customer_id', '=', filter.onlyCustomerId);
    if (filter.customerId !== undefined) q = q.where('tickets.customer_id', '=', filter.customerId);
    if (filter.serviceId !== undefined) q = q.where('tickets.service_id', '=', filter.serviceId);
    if (filter.status !== undefined) q = q.where('tickets.status', '=', filter.status);
    if (filter.priority !== undefined) q = q.where('tickets.priority', '=', filter.priority);
    if (filter.assigneeUserId !== undefined)
      q = q.where('tickets.assignee_user_id', '=', filter.assigneeUserId);
    if (filter.type !== undefined) q = q.where('tickets.type', '=', filter.type);
    if (filter.createdFrom !== undefined) q = q.where('tickets.created_at', '>=', filter.createdFrom);
    if (filter.createdTo !== undefined) q = q.where('tickets.created_at', '<', filter.createdTo);
    if (filter.q)
      q = q.where((eb) => eb(eb.fn('lower', ['tickets.title']), 'like', likePattern(filter.q as string)));
    const clock = filter.clock;
    if (clock !== undefined) {
      // An uncorrelated IN: the planner computes the matching clocks once through the (state, due_at) index
      // instead of probing that index again for every ticket.
      q = q.where('tickets.id', 'in', (eb) =>
        eb
          .selectFrom('ticket_clocks as c')
          .select('c.ticket_id')
          .where((ceb) => clockCondition(ceb as unknown as ClockEb, clock, now)),
      );
    }
    let rows = q.select(jsonRow(this.dialect, 'tickets', TICKET_COLUMNS).as('r'));
    if (filter.sort === 'due') {
      // The soonest due instant of a clock still counting (or paused); tickets without one come last.
      const due = sql<
        number | null
      >`(select min(c.due_at) from ticket_clocks c where c.ticket_id = tickets.id and c.stopped_at is null and c.state in ('running', 'paused', 'breached'))`;
      rows = rows
        .orderBy(sql`${due} is null`)
        .orderBy(due)
        .orderBy('tickets.created_at', 'desc');
    } else {
      rows = rows.orderBy('tickets.created_at', 'desc');
    }
    const found = await rows
      .orderBy('tickets.number', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    const items = found.map((r) => toTicket(rowOf<TicketsTable>(TICKET_COLUMNS, valuesOf(r.r))));
    // A page that is not full and not past the end already tells how many match: count only otherwise.
    const total =
      items.length > 0 && items.length < page.limit
        ? page.offset + items.length
        : Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return { items, total, limit: page.limit, offset: page.offset };
  }

  async appendEvents(events: readonly TicketEventRecord[]): Promise<void> {
    for (const part of chunks(events, INSERT_CHUNK)) {
      await this.db
        .insertInto('ticket_events')
        .values(
          part.map((e) => ({
            id: e.id,
            ticket_id: e.ticketId,
            seq: e.seq,
            at: e.at,
            type: e.type,
            data: JSON.stringify(e.data),
            actor_user_id: e.actorUserId,
            actor_token_id: e.actorTokenId,
            recorded_at: e.recordedAt,
          })),
        )
        .execute();
    }
  }

  async listEvents(ticketId: string): Promise<TicketEventRecord[]> {
    const rows = await this.db
      .selectFrom('ticket_events')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .orderBy('seq')
      .execute();
    return rows.map(toEvent);
  }

  async clocksOf(ticketIds: readonly string[]): Promise<StoredClock[]> {
    const out: StoredClock[] = [];
    for (const part of chunks(ticketIds, INSERT_CHUNK)) {
      const rows = await this.db
        .selectFrom('ticket_clocks')
        .select(jsonRow(this.dialect, 'ticket_clocks', CLOCK_COLUMNS).as('r'))
        .where('ticket_id', 'in', part)
        .orderBy('ticket_id')
        .orderBy('clock_id')
        .execute();
      for (const r of rows) {
        const values = valuesOf(r.r);
        out.push(
          toClock(rowOf<TicketClocksTable>(CLOCK_COLUMNS, values), values[DETAIL] as StoredClockDetail),
        );
      }
    }
    return out;
  }

  async replaceClocks(ticketIds: readonly string[], clocks: readonly StoredClock[]): Promise<void> {
    for (const part of chunks(ticketIds, INSERT_CHUNK)) {
      await this.db.deleteFrom('ticket_clocks').where('ticket_id', 'in', part).execute();
    }
    for (const part of chunks(clocks, INSERT_CHUNK)) {
      await this.db.insertInto('ticket_clocks').values(part.map(clockRow)).execute();
    }
  }

  async loadForClocks(
    ids: readonly string[],
  ): Promise<{ tickets: TicketClockInput[]; events: TicketEventRecord[] }> {
    if (ids.length === 0) return { tickets: [], events: [] };
    const [tickets, events] = await Promise.all([
      this.db
        .selectFrom('tickets')
        .select(['id', 'customer_id', 'revision'])
        .where('id', 'in', ids)
        .execute(),
      this.db
        .selectFrom('ticket_events')
        .selectAll()
        .where('ticket_id', 'in', ids)
        .orderBy('ticket_id')
        .orderBy('seq')
        .execute(),
    ]);
    return {
      tickets: tickets.map((r) => ({ id: r.id, customerId: r.customer_id, revision: Number(r.revision) })),
      events: events.map(toEvent),
    };
  }

  async revisionsOf(ids: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const part of chunks(ids, INSERT_CHUNK)) {
      const rows = await this.db
        .selectFrom('tickets')
        .select(['id', 'revision'])
        .where('id', 'in', part)
        .execute();
      for (const r of rows) out.set(r.id, Number(r.revision));
    }
    return out;
  }

  async openTicketIdsBySla(slaId: string, afterId: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('tickets')
      .select('id')
      .where('sla_id', '=', slaId)
      .where('closed_at', 'is', null)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  async openTicketIdsByCalendar(calendarId: string, afterId: string, limit: number): Promise<string[]> {
    // The terms are JSON text; the calendar id appears there as a quoted string value.
    const needle = JSON.stringify(calendarId);
    const mentions =
      this.dialect === 'postgres'
        ? sql<boolean>`strpos(v.body, ${needle}) > 0`
        : sql<boolean>`instr(v.body, ${needle}) > 0`;
    const rows = await this.db
      .selectFrom('tickets as t')
      .innerJoin('sla_versions as v', (j) =>
        j.onRef('v.sla_id', '=', 't.sla_id').onRef('v.version', '=', 't.sla_version'),
      )
      .select('t.id')
      .where('t.closed_at', 'is', null)
      .where('t.id', '>', afterId)
      .where(mentions)
      .orderBy('t.id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  resolveCustomer(idOrName: string): Promise<string | 'ambiguous' | undefined> {
    return this.resolveByIdOrName('customers', idOrName);
  }

  resolveService(idOrName: string): Promise<string | 'ambiguous' | undefined> {
    return this.resolveByIdOrName('services', idOrName);
  }

  /** By id, else by name (case-insensitive, not archived); several of that name → 'ambiguous'. */
  private async resolveByIdOrName(
    table: 'customers' | 'services',
    idOrName: string,
  ): Promise<string | 'ambiguous' | undefined> {
    const byId = await this.db.selectFrom(table).select('id').where('id', '=', idOrName).executeTakeFirst();
    if (byId) return byId.id;
    const byName = await this.db
      .selectFrom(table)
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['name']), '=', idOrName.trim().toLowerCase()))
      .where('archived_at', 'is', null)
      .limit(2)
      .execute();
    if (byName.length > 1) return 'ambiguous';
    return byName[0]?.id;
  }

  async clockCounts(
    now: number,
  ): Promise<readonly { readonly metric: string; readonly state: string; readonly count: number }[]> {
    const rows = await this.db
      .selectFrom('ticket_clocks')
      .select((eb) => [
        'metric',
        eb
          .case()
          .when(eb.and([eb('state', '=', 'running'), eb('due_at', '<=', now)]))
          .then('breached')
          .else(eb.ref('state'))
          .end()
          .as('shown'),
        eb.fn.countAll<number>().as('n'),
      ])
      .groupBy(['metric', 'shown'])
      .execute();
    return rows.map((r) => ({ metric: r.metric, state: String(r.shown), count: Number(r.n) }));
  }
}
