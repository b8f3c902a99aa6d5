import type { MonitorDefinition } from '../../domain/monitoring/monitor-definition.ts';
import type {
  CheckResult,
  CheckStatus,
  MonitorKind,
  MonitorState,
  MonitorStateSpan,
} from '../../domain/monitoring/types.ts';
import type { Page, PageRequest } from '../pagination.ts';

/** A configured monitor and where it stands now. */
export interface Monitor {
  readonly id: string;
  readonly name: string;
  readonly serviceId: string;
  /** The customer whose instance of the service this monitor watches; null = shared by every customer. */
  readonly customerId: string | null;
  readonly kind: MonitorKind;
  readonly definition: MonitorDefinition;
  readonly paused: boolean;
  /** SHA-256 of the heartbeat secret (heartbeat monitors only). */
  readonly heartbeatTokenHash: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly archivedAt: number | null;
}

/** The scheduler's view of a monitor: state, the check-sequence tracker, the next due check. */
export interface MonitorRuntime {
  readonly state: MonitorState;
  readonly stateSince: number;
  /** The check-sequence tracker's state (JSON-able). */
  readonly tracker: unknown;
  readonly nextCheckAt: number | null;
  readonly lastCheck: CheckResult | null;
}

export interface MonitorRecord extends Monitor {
  readonly runtime: MonitorRuntime;
}

export interface MonitorFilter {
  /** Only monitors this customer may see (its own and shared ones). */
  readonly visibleToCustomer?: string | null;
  readonly customerId?: string;
  readonly serviceId?: string;
  readonly state?: MonitorState;
  readonly kind?: MonitorKind;
  readonly q?: string;
  readonly includeArchived?: boolean;
}

export interface Outage {
  readonly id: string;
  readonly monitorId: string;
  readonly serviceId: string;
  readonly customerId: string | null;
  readonly startedAt: number;
  readonly endedAt: number | null;
  /** The probe's error at the start ("HTTP 503", "connection refused"). */
  readonly cause: string;
  /** The incident ticket opened for it, if any. */
  readonly ticketId: string | null;
  readonly createdAt: number;
}

export interface OutageFilter {
  readonly visibleToCustomer?: string | null;
  readonly monitorIds?: readonly string[];
  readonly serviceId?: string;
  readonly customerId?: string;
  /** Outages overlapping [from, to). */
  readonly from?: number;
  readonly to?: number;
  readonly openOnly?: boolean;
}

export type RollupGrain = 'minute' | 'hour' | 'day';

export interface RollupRow {
  readonly monitorId: string;
  readonly grain: RollupGrain;
  readonly bucket: number;
  readonly upMs: number;
  readonly degradedMs: number;
  readonly downMs: number;
  readonly maintenanceMs: number;
  readonly unknownMs: number;
  readonly checks: number;
  readonly failedChecks: number;
  readonly latencySumMs: number;
  readonly latencyCount: number;
}

export interface MaintenanceWindowRecord {
  readonly id: string;
  readonly name: string;
  readonly serviceId: string | null;
  readonly monitorId: string | null;
  readonly customerId: string | null;
  /** The definition as parsed by the domain (time zone, local start, duration, recurrence). */
  readonly definition: unknown;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface StatusPageRecord {
  readonly customerId: string;
  readonly publicTokenHash: string | null;
  readonly title: string | null;
  readonly updatedAt: number;
}

/** Everything a recorded check changes, written in one transaction. */
export interface CheckWrite {
  readonly monitorId: string;
  readonly result: CheckResult;
  /** False for pushed heartbeats and manual states, which are not raw probe results worth keeping. */
  readonly keepRaw: boolean;
  readonly runtime: MonitorRuntime;
  /** Finished state spans (the tracker emits them once their end is known). */
  readonly spans: readonly MonitorStateSpan[];
  /** Rollup amounts to add (upserted). */
  readonly rollups: readonly RollupRow[];
  readonly openOutage?: Outage;
  readonly closeOutage?: { readonly id: string; readonly endedAt: number };
}

export interface MonitoringRepository {
  insertMonitor(monitor: MonitorRecord): Promise<void>;
  updateMonitor(monitor: Monitor): Promise<void>;
  findMonitor(id: string): Promise<MonitorRecord | undefined>;
  findMonitorByHeartbeat(tokenHash: string): Promise<MonitorRecord | undefined>;
  listMonitors(filter: MonitorFilter, page: PageRequest): Promise<Page<MonitorRecord>>;
  /** Every live monitor of these services (for service figures and status pages). */
  monitorsOfServices(serviceIds: readonly string[]): Promise<readonly MonitorRecord[]>;
  deleteMonitor(id: string): Promise<void>;

  /**
   * Leases up to `limit` due monitors (next check at or before `now`, not paused, not leased by another
   * worker) to `owner` until `leaseUntil`. On PostgreSQL the rows are claimed with `FOR UPDATE SKIP LOCKED`,
   * so several workers never take the same monitor.
   */
  claimDue(now: number, limit: number, owner: string, leaseUntil: number): Promise<readonly MonitorRecord[]>;
  /** The earliest next check of any live monitor, to sleep until then. */
  nextDueAt(): Promise<number | null>;
  setNextCheck(monitorId: string, nextCheckAt: number | null): Promise<void>;
  /** Writes a check's consequences; releases the lease. */
  recordCheck(write: CheckWrite): Promise<void>;

  checks(monitorId: string, from: number, to: number, limit: number): Promise<readonly CheckResult[]>;
  pruneChecks(before: number): Promise<number>;
  /** Deletes rollup rows of a grain with buckets before `before`. */
  pruneRollups(grain: RollupGrain, before: number): Promise<number>;
  spans(
    monitorIds: readonly string[],
    from: number,
    to: number,
  ): Promise<ReadonlyMap<string, readonly MonitorStateSpan[]>>;
  rollups(
    monitorIds: readonly string[],
    grain: RollupGrain,
    from: number,
    to: number,
  ): Promise<readonly RollupRow[]>;
  /** The rollup rows of one monitor at exactly these bucket starts. */
  rollupsAt(monitorId: string, grain: RollupGrain, buckets: readonly number[]): Promise<readonly RollupRow[]>;
  /** Adds rollup amounts in bulk (upsert); used by recordCheck and by bulk ingestion. */
  addRollups(rows: readonly RollupRow[]): Promise<void>;
  insertChecks(monitorId: string, results: readonly CheckResult[]): Promise<void>;
  insertSpans(monitorId: string, spans: readonly MonitorStateSpan[]): Promise<void>;

  listOutages(filter: OutageFilter, page: PageRequest): Promise<Page<Outage>>;
  /** Outages from an import of history (the scheduler opens and closes them through recordCheck). */
  insertOutages(outages: readonly Outage[]): Promise<void>;
  findOutage(id: string): Promise<Outage | undefined>;
  setOutageTicket(id: string, ticketId: string): Promise<void>;

  insertMaintenance(window: MaintenanceWindowRecord): Promise<void>;
  updateMaintenance(window: MaintenanceWindowRecord): Promise<void>;
  findMaintenance(id: string): Promise<MaintenanceWindowRecord | undefined>;
  /** Windows that apply to any of these monitors or services (or to everything when both are null). */
  listMaintenance(filter: {
    readonly monitorIds?: readonly string[];
    readonly serviceIds?: readonly string[];
    readonly visibleToCustomer?: string | null;
  }): Promise<readonly MaintenanceWindowRecord[]>;
  deleteMaintenance(id: string): Promise<void>;

  findStatusPage(customerId: string): Promise<StatusPageRecord | undefined>;
  findStatusPageByToken(tokenHash: string): Promise<StatusPageRecord | undefined>;
  saveStatusPage(page: StatusPageRecord): Promise<void>;

  /** Counts for /metrics: monitors per state. */
  countByState(): Promise<ReadonlyMap<MonitorState, number>>;
}

export type { CheckStatus };
