import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type {
  CheckWrite,
  MaintenanceWindowRecord,
  Monitor,
  MonitorFilter,
  MonitoringRepository,
  MonitorRecord,
  Outage,
  OutageFilter,
  RollupGrain,
  RollupRow,
  StatusPageRecord,
} from '../../app/monitoring/monitoring.repository.ts';
import type { Page, PageRequest } from '../../app/pagination.ts';
import type { MonitorDefinition } from '../../domain/monitoring/monitor-definition.ts';
import type {
  CheckResult,
  CheckStatus,
  MonitorKind,
  MonitorState,
  MonitorStateSpan,
} from '../../domain/monitoring/types.ts';
import type { Database, MonitorRollupsTable, MonitorsTable, OutagesTable } from '../schema.ts';
import { likePattern } from '../sql-helpers.ts';
import type { SqlDialectName } from '../sql-dialect.ts';

const numOrNull = (v: number | null): number | null => (v === null ? null : Number(v));

const toMonitor = (r: Selectable<MonitorsTable>): MonitorRecord => ({
  id: r.id,
  name: r.name,
  serviceId: r.service_id,
  customerId: r.customer_id,
  kind: r.kind as MonitorKind,
  definition: JSON.parse(r.definition) as MonitorDefinition,
  paused: Number(r.paused) === 1,
  heartbeatTokenHash: r.heartbeat_token_hash,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
  archivedAt: numOrNull(r.archived_at),
  runtime: {
    state: r.state as MonitorState,
    stateSince: Number(r.state_since),
    tracker: JSON.parse(r.tracker) as unknown,
    nextCheckAt: numOrNull(r.next_check_at),
    lastCheck:
      r.last_check_at === null
        ? null
        : {
            at: Number(r.last_check_at),
            status: (r.last_status ?? 'down') as CheckStatus,
            latencyMs: numOrNull(r.last_latency_ms),
            message: r.last_message ?? '',
          },
  },
});

const configColumns = (m: Monitor) => ({
  name: m.name,
  service_id: m.serviceId,
  customer_id: m.customerId,
  kind: m.kind,
  definition: JSON.stringify(m.definition),
  paused: m.paused ? 1 : 0,
  heartbeat_token_hash: m.heartbeatTokenHash,
  updated_at: m.updatedAt,
  archived_at: m.archivedAt,
});

const toOutage = (r: Selectable<OutagesTable>): Outage => ({
  id: r.id,
  monitorId: r.monitor_id,
  serviceId: r.service_id,
  customerId: r.customer_id,
  startedAt: Number(r.started_at),
  endedAt: numOrNull(r.ended_at),
  cause: r.cause,
  ticketId: r.ticket_id,
  createdAt: Number(r.created_at),
});

const toRollup = (r: Selectable<MonitorRollupsTable>): RollupRow => ({
  monitorId: r.monitor_id,
  grain: r.grain as RollupGrain,
  bucket: Number(r.bucket),
  upMs: Number(r.up_ms),
  degradedMs: Number(r.degraded_ms),
  downMs: Number(r.down_ms),
  maintenanceMs: Number(r.maintenance_ms),
  unknownMs: Number(r.unknown_ms),
  checks: Number(r.checks),
  failedChecks: Number(r.failed_checks),
  latencySumMs: Number(r.latency_sum_ms),
  latencyCount: Number(r.latency_count),
});

const rollupRow = (r: RollupRow): Insertable<MonitorRollupsTable> => ({
  monitor_id: r.monitorId,
  grain: r.grain,
  bucket: r.bucket,
  up_ms: r.upMs,
  degraded_ms: r.degradedMs,
  down_ms: r.downMs,
  maintenance_ms: r.maintenanceMs,
  unknown_ms: r.unknownMs,
  checks: r.checks,
  failed_checks: r.failedChecks,
  latency_sum_ms: r.latencySumMs,
  latency_count: r.latencyCount,
});

/** Rows per multi-row INSERT: well under SQLite's 32,766 bound parameters at 11 columns a row. */
const INSERT_CHUNK = 500;

export class KyselyMonitoringRepository implements MonitoringRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialectName,
  ) {}

  async insertMonitor(m: MonitorRecord): Promise<void> {
    await this.db
      .insertInto('monitors')
      .values({
        id: m.id,
        ...configColumns(m),
        state: m.runtime.state,
        state_since: m.runtime.stateSince,
        tracker: JSON.stringify(m.runtime.tracker ?? null),
        next_check_at: m.runtime.nextCheckAt,
        lease_owner: null,
        lease_until: null,
        last_check_at: null,
        last_status: null,
        last_latency_ms: null,
        last_message: null,
        created_at: m.createdAt,
      })
      .execute();
  }

  async updateMonitor(m: Monitor): Promise<void> {
    await this.db.updateTable('monitors').set(configColumns(m)).where('id', '=', m.id).execute();
  }

  async findMonitor(id: string): Promise<MonitorRecord | undefined> {
    const r = await this.db.selectFrom('monitors').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toMonitor(r);
  }

  async findMonitorByHeartbeat(tokenHash: string): Promise<MonitorRecord | undefined> {
    const r = await this.db
      .selectFrom('monitors')
      .selectAll()
      .where('heartbeat_token_hash', '=', tokenHash)
      .executeTakeFirst();
    return r && toMonitor(r);
  }

  async listMonitors(filter: MonitorFilter, page: PageRequest): Promise<Page<MonitorRecord>> {
    let q = this.db.selectFrom('monitors');
    if (filter.visibleToCustomer != null) {
      const c = filter.visibleToCustomer;
      q = q.where((eb) => eb.or([eb('customer_id', '=', c), eb('customer_id', 'is', null)]));
    }
    if (filter.customerId !== undefined) q = q.where('customer_id', '=', filter.customerId);
    if (filter.serviceId !== undefined) q = q.where('service_id', '=', filter.serviceId);
    if (filter.state !== undefined) q = q.where('state', '=', filter.state);
    if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind);
    if (!filter.includeArchived) q = q.where('archived_at', 'is', null);
    if (filter.q) q = q.where(sql<string>`lower(name)`, 'like', likePattern(filter.q));
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      .orderBy('name')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return { items: rows.map(toMonitor), total: Number(total.n), limit: page.limit, offset: page.offset };
  }

  async monitorsOfServices(serviceIds: readonly string[]): Promise<readonly MonitorRecord[]> {
    if (serviceIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('monitors')
      .selectAll()
      .where('service_id', 'in', serviceIds)
      .where('archived_at', 'is', null)
      .orderBy('name')
      .execute();
    return rows.map(toMonitor);
  }

  async deleteMonitor(id: string): Promise<void> {
    await this.db.deleteFrom('monitors').where('id', '=', id).execute();
  }

  async claimDue(
    now: number,
    limit: number,
    owner: string,
    leaseUntil: number,
  ): Promise<readonly MonitorRecord[]> {
    // One statement: the sub-select picks the due rows and the update leases them, atomically on both
    // databases (SQLite has one writer; PostgreSQL skips rows another worker has locked).
    let due = this.db
      .selectFrom('monitors')
      .select('id')
      .where('next_check_at', '<=', now)
      .where('paused', '=', 0)
      .where('archived_at', 'is', null)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
      .orderBy('next_check_at')
      .limit(limit);
    if (this.dialect === 'postgres') due = due.forUpdate().skipLocked();
    const rows = await this.db
      .updateTable('monitors')
      .set({ lease_owner: owner, lease_until: leaseUntil })
      .where('id', 'in', due)
      .returningAll()
      .execute();
    return rows.map(toMonitor).sort((a, b) => (a.runtime.nextCheckAt ?? 0) - (b.runtime.nextCheckAt ?? 0));
  }

  async nextDueAt(): Promise<number | null> {
    const r = await this.db
      .selectFrom('monitors')
      .select((eb) => eb.fn.min('next_check_at').as('at'))
      .where('paused', '=', 0)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    return r?.at == null ? null : Number(r.at);
  }

  async setNextCheck(monitorId: string, nextCheckAt: number | null): Promise<void> {
    await this.db
      .updateTable('monitors')
      .set({ next_check_at: nextCheckAt, lease_owner: null, lease_until: null })
      .where('id', '=', monitorId)
      .execute();
  }

  async recordCheck(w: CheckWrite): Promise<void> {
    const r = w.result;
    if (w.keepRaw) {
      await this.db
        .insertInto('check_results')
        .values({
          monitor_id: w.monitorId,
          at: r.at,
          status: r.status,
          latency_ms: r.latencyMs,
          message: r.message,
        })
        .execute();
    }
    const last = w.runtime.lastCheck;
    await this.db
      .updateTable('monitors')
      .set({
        state: w.runtime.state,
        state_since: w.runtime.stateSince,
        tracker: JSON.stringify(w.runtime.tracker ?? null),
        next_check_at: w.runtime.nextCheckAt,
        lease_owner: null,
        lease_until: null,
        last_check_at: last?.at ?? null,
        last_status: last?.status ?? null,
        last_latency_ms: last?.latencyMs ?? null,
        last_message: last?.message ?? null,
      })
      .where('id', '=', w.monitorId)
      .execute();
    if (w.spans.length > 0) await this.insertSpans(w.monitorId, w.spans);
    if (w.rollups.length > 0) await this.addRollups(w.rollups);
    if (w.openOutage) await this.insertOutages([w.openOutage]);
    if (w.closeOutage) {
      await this.db
        .updateTable('outages')
        .set({ ended_at: w.closeOutage.endedAt })
        .where('id', '=', w.closeOutage.id)
        .execute();
    }
  }

  async insertSpans(monitorId: string, spans: readonly MonitorStateSpan[]): Promise<void> {
    for (let i = 0; i < spans.length; i += INSERT_CHUNK) {
      await this.db
        .insertInto('monitor_spans')
        .values(
          spans
            .slice(i, i + INSERT_CHUNK)
            .map((s) => ({ monitor_id: monitorId, start_at: s.start, end_at: s.end, state: s.state })),
        )
        .onConflict((oc) =>
          oc
            .columns(['monitor_id', 'start_at'])
            .doUpdateSet((eb) => ({ end_at: eb.ref('excluded.end_at'), state: eb.ref('excluded.state') })),
        )
        .execute();
    }
  }

  async checks(monitorId: string, from: number, to: number, limit: number): Promise<readonly CheckResult[]> {
    const rows = await this.db
      .selectFrom('check_results')
      .select(['at', 'status', 'latency_ms', 'message'])
      .where('monitor_id', '=', monitorId)
      .where('at', '>=', from)
      .where('at', '<', to)
      .orderBy('at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      at: Number(r.at),
      status: r.status as CheckStatus,
      latencyMs: numOrNull(r.latency_ms),
      message: r.message,
    }));
  }

  async pruneChecks(before: number): Promise<number> {
    const r = await this.db.deleteFrom('check_results').where('at', '<', before).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async pruneRollups(grain: RollupGrain, before: number): Promise<number> {
    const r = await this.db
      .deleteFrom('monitor_rollups')
      .where('grain', '=', grain)
      .where('bucket', '<', before)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async insertChecks(monitorId: string, results: readonly CheckResult[]): Promise<void> {
    for (let i = 0; i < results.length; i += INSERT_CHUNK) {
      const chunk = results.slice(i, i + INSERT_CHUNK);
      await this.db
        .insertInto('check_results')
        .values(
          chunk.map((r) => ({
            monitor_id: monitorId,
            at: r.at,
            status: r.status,
            latency_ms: r.latencyMs,
            message: r.message,
          })),
        )
        .execute();
    }
  }

  async spans(
    monitorIds: readonly string[],
    from: number,
    to: number,
  ): Promise<ReadonlyMap<string, readonly MonitorStateSpan[]>> {
    const out = new Map<string, MonitorStateSpan[]>();
    if (monitorIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('monitor_spans')
      .selectAll()
      .where('monitor_id', 'in', monitorIds)
      .where('start_at', '<', to)
      .where((eb) => eb.or([eb('end_at', 'is', null), eb('end_at', '>', from)]))
      .orderBy('monitor_id')
      .orderBy('start_at')
      .execute();
    for (const r of rows) {
      let list = out.get(r.monitor_id);
      if (!list) out.set(r.monitor_id, (list = []));
      list.push({
        start: Number(r.start_at),
        end: r.end_at === null ? Number.POSITIVE_INFINITY : Number(r.end_at),
        state: r.state as MonitorState,
      });
    }
    return out;
  }

  async rollups(
    monitorIds: readonly string[],
    grain: RollupGrain,
    from: number,
    to: number,
  ): Promise<readonly RollupRow[]> {
    if (monitorIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('monitor_rollups')
      .selectAll()
      .where('monitor_id', 'in', monitorIds)
      .where('grain', '=', grain)
      .where('bucket', '>=', from)
      .where('bucket', '<', to)
      .orderBy('bucket')
      .execute();
    return rows.map(toRollup);
  }

  async rollupsAt(
    monitorId: string,
    grain: RollupGrain,
    buckets: readonly number[],
  ): Promise<readonly RollupRow[]> {
    const out: RollupRow[] = [];
    for (let i = 0; i < buckets.length; i += INSERT_CHUNK) {
      const rows = await this.db
        .selectFrom('monitor_rollups')
        .selectAll()
        .where('monitor_id', '=', monitorId)
        .where('grain', '=', grain)
        .where('bucket', 'in', buckets.slice(i, i + INSERT_CHUNK))
        .execute();
      out.push(...rows.map(toRollup));
    }
    return out;
  }

  async addRollups(rows: readonly RollupRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK).map(rollupRow);
      await this.db
        .insertInto('monitor_rollups')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['monitor_id', 'grain', 'bucket']).doUpdateSet((eb) => ({
            up_ms: eb('monitor_rollups.up_ms', '+', eb.ref('excluded.up_ms')),
            degraded_ms: eb('monitor_rollups.degraded_ms', '+', eb.ref('excluded.degraded_ms')),
            down_ms: eb('monitor_rollups.down_ms', '+', eb.ref('excluded.down_ms')),
            maintenance_ms: eb('monitor_rollups.maintenance_ms', '+', eb.ref('excluded.maintenance_ms')),
            unknown_ms: eb('monitor_rollups.unknown_ms', '+', eb.ref('excluded.unknown_ms')),
            checks: eb('monitor_rollups.checks', '+', eb.ref('excluded.checks')),
            failed_checks: eb('monitor_rollups.failed_checks', '+', eb.ref('excluded.failed_checks')),
            latency_sum_ms: eb('monitor_rollups.latency_sum_ms', '+', eb.ref('excluded.latency_sum_ms')),
            latency_count: eb('monitor_rollups.latency_count', '+', eb.ref('excluded.latency_count')),
          })),
        )
        .execute();
    }
  }

  async listOutages(filter: OutageFilter, page: PageRequest): Promise<Page<Outage>> {
    let q = this.db.selectFrom('outages');
    if (filter.visibleToCustomer != null) {
      const c = filter.visibleToCustomer;
      q = q.where((eb) => eb.or([eb('customer_id', '=', c), eb('customer_id', 'is', null)]));
    }
    if (filter.monitorIds !== undefined) {
      if (filter.monitorIds.length === 0)
        return { items: [], total: 0, limit: page.limit, offset: page.offset };
      q = q.where('monitor_id', 'in', filter.monitorIds);
    }
    if (filter.serviceId !== undefined) q = q.where('service_id', '=', filter.serviceId);
    if (filter.customerId !== undefined) {
      const c = filter.customerId;
      q = q.where((eb) => eb.or([eb('customer_id', '=', c), eb('customer_id', 'is', null)]));
    }
    if (filter.to !== undefined) q = q.where('started_at', '<', filter.to);
    if (filter.from !== undefined) {
      const f = filter.from;
      q = q.where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', f)]));
    }
    if (filter.openOnly) q = q.where('ended_at', 'is', null);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      .orderBy('started_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return { items: rows.map(toOutage), total: Number(total.n), limit: page.limit, offset: page.offset };
  }

  async insertOutages(outages: readonly Outage[]): Promise<void> {
    for (let i = 0; i < outages.length; i += INSERT_CHUNK) {
      await this.db
        .insertInto('outages')
        .values(
          outages.slice(i, i + INSERT_CHUNK).map((o) => ({
            id: o.id,
            monitor_id: o.monitorId,
            service_id: o.serviceId,
            customer_id: o.customerId,
            started_at: o.startedAt,
            ended_at: o.endedAt,
            cause: o.cause,
            ticket_id: o.ticketId,
            created_at: o.createdAt,
          })),
        )
        .execute();
    }
  }

  async findOutage(id: string): Promise<Outage | undefined> {
    const r = await this.db.selectFrom('outages').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toOutage(r);
  }

  async setOutageTicket(id: string, ticketId: string): Promise<void> {
    await this.db.updateTable('outages').set({ ticket_id: ticketId }).where('id', '=', id).execute();
  }

  async insertMaintenance(w: MaintenanceWindowRecord): Promise<void> {
    await this.db
      .insertInto('maintenance_windows')
      .values({
        id: w.id,
        name: w.name,
        service_id: w.serviceId,
        monitor_id: w.monitorId,
        customer_id: w.customerId,
        definition: JSON.stringify(w.definition),
        created_at: w.createdAt,
        updated_at: w.updatedAt,
      })
      .execute();
  }

  async updateMaintenance(w: MaintenanceWindowRecord): Promise<void> {
    await this.db
      .updateTable('maintenance_windows')
      .set({
        name: w.name,
        service_id: w.serviceId,
        monitor_id: w.monitorId,
        customer_id: w.customerId,
        definition: JSON.stringify(w.definition),
        updated_at: w.updatedAt,
      })
      .where('id', '=', w.id)
      .execute();
  }

  async findMaintenance(id: string): Promise<MaintenanceWindowRecord | undefined> {
    const r = await this.db
      .selectFrom('maintenance_windows')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return r && toMaintenance(r);
  }

  async listMaintenance(filter: {
    readonly monitorIds?: readonly string[];
    readonly serviceIds?: readonly string[];
    readonly visibleToCustomer?: string | null;
  }): Promise<readonly MaintenanceWindowRecord[]> {
    let q = this.db.selectFrom('maintenance_windows').selectAll();
    if (filter.visibleToCustomer != null) {
      const c = filter.visibleToCustomer;
      q = q.where((eb) => eb.or([eb('customer_id', '=', c), eb('customer_id', 'is', null)]));
    }
    const monitorIds = filter.monitorIds ?? [];
    const serviceIds = filter.serviceIds ?? [];
    if (filter.monitorIds !== undefined || filter.serviceIds !== undefined) {
      q = q.where((eb) => {
        const any = [];
        if (monitorIds.length > 0) any.push(eb('monitor_id', 'in', monitorIds));
        if (serviceIds.length > 0)
          any.push(eb.and([eb('service_id', 'in', serviceIds), eb('monitor_id', 'is', null)]));
        return any.length === 0 ? eb.val(false) : eb.or(any);
      });
    }
    const rows = await q.orderBy('name').orderBy('id').execute();
    return rows.map(toMaintenance);
  }

  async deleteMaintenance(id: string): Promise<void> {
    await this.db.deleteFrom('maintenance_windows').where('id', '=', id).execute();
  }

  async findStatusPage(customerId: string): Promise<StatusPageRecord | undefined> {
    const r = await this.db
      .selectFrom('status_pages')
      .selectAll()
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    return r && toStatusPage(r);
  }

  async findStatusPageByToken(tokenHash: string): Promise<StatusPageRecord | undefined> {
    const r = await this.db
      .selectFrom('status_pages')
      .selectAll()
      .where('public_token_hash', '=', tokenHash)
      .executeTakeFirst();
    return r && toStatusPage(r);
  }

  async saveStatusPage(p: StatusPageRecord): Promise<void> {
    const values = { public_token_hash: p.publicTokenHash, title: p.title, updated_at: p.updatedAt };
    await this.db
      .insertInto('status_pages')
      .values({ customer_id: p.customerId, ...values })
      .onConflict((oc) => oc.column('customer_id').doUpdateSet(values))
      .execute();
  }

  async countByState(): Promise<ReadonlyMap<MonitorState, number>> {
    const rows = await this.db
      .selectFrom('monitors')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .where('archived_at', 'is', null)
      .groupBy('state')
      .execute();
    return new Map(rows.map((r) => [r.state as MonitorState, Number(r.n)]));
  }
}

const toMaintenance = (r: Selectable<Database['maintenance_windows']>): MaintenanceWindowRecord => ({
  id: r.id,
  name: r.name,
  serviceId: r.service_id,
  monitorId: r.monitor_id,
  customerId: r.customer_id,
  definition: JSON.parse(r.definition) as unknown,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

const toStatusPage = (r: Selectable<Database['status_pages']>): StatusPageRecord => ({
  customerId: r.customer_id,
  publicTokenHash: r.public_token_hash,
  title: r.title,
  updatedAt: Number(r.updated_at),
});
