import type { BusinessCalendar } from '../../domain/calendars/business-calendar.ts';
import { computeClocks } from '../../domain/sla-clock/sla-clock.ts';
import type {
  Binding,
  ClockHistoryEntry,
  ClockResult,
  ClockState,
  ClockTarget,
  TicketEvent,
} from '../../domain/sla-clock/types.ts';
import { compiledCalendar, TWENTY_FOUR_SEVEN } from '../catalog/calendar-cache.ts';
import type { CatalogRepository } from '../catalog/catalog.repository.ts';
import { clockTargetsFor } from '../slas/clock-targets.ts';
import type { PriorityTargets, SlasRepository, SlaVersion } from '../slas/slas.repository.ts';
import { parseSlaRef } from './ticket-state.ts';
import type { StoredClock } from './tickets.repository.ts';

const NO_TARGETS: readonly ClockTarget[] = [];

const METRIC_KEY: Readonly<Record<string, keyof PriorityTargets>> = {
  first_response: 'firstResponse',
  resolution: 'resolution',
  update: 'update',
};

/**
 * The SLA versions and compiled calendars the clocks of some tickets need, loaded before the synchronous
 * clock engine runs. One instance serves a whole batch: targets are memoised per binding.
 */
export class ClockTargets {
  private readonly versions = new Map<string, SlaVersion | null>();
  private readonly calendars = new Map<string, BusinessCalendar>();
  private readonly targets = new Map<string, readonly ClockTarget[]>();
  /** The engine's TargetResolver, bound once per instance. */
  readonly resolve: (binding: Binding) => readonly ClockTarget[];
  private readonly calendarOf: (calendarId: string | null) => BusinessCalendar;

  constructor() {
    this.resolve = (binding) => this.targetsFor(binding);
    this.calendarOf = (calendarId) =>
      calendarId === null ? TWENTY_FOUR_SEVEN : (this.calendars.get(calendarId) ?? TWENTY_FOUR_SEVEN);
  }

  /** Loads the versions behind these `<slaId>@<version>` references and every calendar their terms use. */
  async load(
    repos: { readonly slas: SlasRepository; readonly catalog: CatalogRepository },
    refs: Iterable<string>,
  ): Promise<void> {
    const calendarIds = new Set<string>();
    for (const ref of refs) {
      if (this.versions.has(ref)) continue;
      const parsed = parseSlaRef(ref);
      const version = parsed ? await repos.slas.findVersion(parsed.slaId, parsed.version) : undefined;
      this.versions.set(ref, version ?? null);
      if (!version) continue;
      for (const priority of Object.values(version.terms.targets)) {
        for (const spec of [priority.firstResponse, priority.resolution, priority.update]) {
          if (spec?.calendarId != null && !this.calendars.has(spec.calendarId))
            calendarIds.add(spec.calendarId);
        }
      }
    }
    for (const id of calendarIds) {
      const record = await repos.catalog.findCalendar(id);
      // A calendar deleted under a live SLA should not stop tickets from moving: count around the clock.
      this.calendars.set(id, record ? compiledCalendar(record) : TWENTY_FOUR_SEVEN);
    }
  }

  version(ref: string | undefined): SlaVersion | undefined {
    return ref === undefined ? undefined : (this.versions.get(ref) ?? undefined);
  }

  /** The calendar id a clock of this binding counts on (null = 24/7). */
  calendarIdOf(ref: string | undefined, priority: string, clockId: string): string | null {
    const key = METRIC_KEY[clockId];
    const version = this.version(ref);
    if (!version || !key) return null;
    return version.terms.targets[priority]?.[key]?.calendarId ?? null;
  }

  private targetsFor(binding: Binding): readonly ClockTarget[] {
    if (binding.sla === undefined || binding.priority === undefined) return NO_TARGETS;
    const key = `${binding.sla}\u0000${binding.priority}`;
    let found = this.targets.get(key);
    if (found === undefined) {
      const version = this.versions.get(binding.sla);
      found = version ? clockTargetsFor(version, binding.priority, this.calendarOf) : NO_TARGETS;
      this.targets.set(key, found);
    }
    return found;
  }
}

/**
 * The instant stored for at-risk filters: the earliest warning still ahead, or, once a share has been
 * reached, the latest reached one (so `nextWarningAt <= now` holds from the first warning on).
 */
function nextWarningAt(c: ClockResult, computedAt: number): number | null {
  if (c.state !== 'running') return null;
  let reached: number | null = null;
  let ahead: number | null = null;
  for (const w of c.warnings) {
    if (w.at <= computedAt) {
      if (reached === null || w.at > reached) reached = w.at;
    } else if (ahead === null || w.at < ahead) ahead = w.at;
  }
  return reached ?? ahead;
}

/** The clocks of one ticket at `now`. */
export function ticketClocks(
  events: readonly TicketEvent[],
  targets: ClockTargets,
  now: number,
  explain: boolean,
): ClockResult[] {
  if (events.length === 0) return [];
  return computeClocks({ events, now, targets: targets.resolve, explain });
}

/** Clock results as stored rows (plain literals: this runs for every ticket of a recomputation). */
export function toStoredClocks(
  ticketId: string,
  results: readonly ClockResult[],
  targets: ClockTargets,
  sla: string | undefined,
  priority: string,
  computedAt: number,
): StoredClock[] {
  const out: StoredClock[] = [];
  for (const c of results) {
    out.push({
      ticketId,
      clockId: c.id,
      metric: c.metric,
      state: c.state,
      durationMs: c.durationMs,
      elapsedMs: c.elapsedMs,
      pausedMs: c.pausedMs,
      startedAt: c.startedAt,
      dueAt: c.dueAt,
      stoppedAt: c.stoppedAt,
      breachedAt: c.breachedAt,
      nextWarningAt: nextWarningAt(c, computedAt),
      detail: {
        remainingMs: c.remainingMs,
        calendarId: targets.calendarIdOf(sla, priority, c.id),
        warnings: c.warnings,
        history: c.history,
      },
      computedAt,
    });
  }
  return out;
}

/** Whether two sets of stored clocks differ in what people see (state, due, breach). */
export function clocksDiffer(before: readonly StoredClock[], after: readonly StoredClock[]): boolean {
  if (before.length !== after.length) return true;
  for (const a of after) {
    let b: StoredClock | undefined;
    for (const x of before) if (x.clockId === a.clockId) b = x;
    if (
      !b ||
      b.state !== a.state ||
      b.dueAt !== a.dueAt ||
      b.breachedAt !== a.breachedAt ||
      b.stoppedAt !== a.stoppedAt
    )
      return true;
  }
  return false;
}

/** Brings a stored clock up to `now`: a running clock keeps counting and breaches at its due instant. */
export function clockAt(
  c: StoredClock,
  now: number,
  calendars: ReadonlyMap<string, BusinessCalendar>,
): ClockResult {
  let state = c.state as ClockState;
  let elapsedMs = c.elapsedMs;
  let breachedAt = c.breachedAt;
  if (state === 'running' && now > c.computedAt) {
    const id = c.detail.calendarId;
    const cal = id === null ? TWENTY_FOUR_SEVEN : (calendars.get(id) ?? TWENTY_FOUR_SEVEN);
    elapsedMs += cal.elapsed(c.computedAt, now);
  }
  if (state === 'running' && c.dueAt !== null && c.dueAt <= now) {
    state = 'breached';
    breachedAt = c.dueAt;
  }
  return {
    id: c.clockId,
    metric: c.metric as ClockResult['metric'],
    state,
    durationMs: c.durationMs,
    elapsedMs,
    pausedMs: c.pausedMs,
    remainingMs: c.state === 'running' ? c.durationMs - elapsedMs : c.detail.remainingMs,
    startedAt: c.startedAt,
    dueAt: c.dueAt,
    stoppedAt: c.stoppedAt,
    breachedAt,
    warnings: c.detail.warnings,
    history: c.detail.history as readonly ClockHistoryEntry[],
    timeline: [],
  };
}

const NO_CALENDARS: ReadonlyMap<string, BusinessCalendar> = new Map();

/** Clocks just computed and stored (as of now or a moment later) in the shape the engine gives. */
export function storedAsResults(clocks: readonly StoredClock[], now: number): ClockResult[] {
  return clocks.map((c) => clockAt(c, now, NO_CALENDARS));
}
