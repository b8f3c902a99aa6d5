import type { BusinessCalendar } from '../calendars/business-calendar.ts';
import { isDomainError } from '../shared/errors.ts';
import { MINUTE_MS } from '../shared/time.ts';
import type { ClockMetric, ClockResult } from '../sla-clock/types.ts';
import type {
  EscalationAction,
  EscalationLevel,
  EscalationPolicy,
  EscalationTrigger,
  TicketTrigger,
} from './policy.ts';

/** What a step escalates: a ticket's clock, a service's outage, or an error-budget alert. */
export type StepSubject =
  | {
      readonly kind: 'ticket';
      readonly ticketId: string;
      readonly clockId: string;
      readonly metric: ClockMetric;
    }
  | { readonly kind: 'outage'; readonly serviceId: string; readonly outageId: string }
  | { readonly kind: 'alert'; readonly serviceId: string; readonly alertId: string };

/** One occurrence of one level of a policy for one subject, as it should be stored. */
export interface PlannedStep {
  /** Deterministic: `${levelKey}:${occurrence}`. The worker fires each key at most once. */
  readonly key: string;
  /** What acknowledgements name: the level for this subject (and, for update clocks, this cycle). */
  readonly levelKey: string;
  readonly subject: StepSubject;
  readonly policyId: string;
  readonly levelIndex: number;
  /** 0 for the first notice, 1 … for repeats. */
  readonly occurrence: number;
  /** When it fires; null while the clock is paused (kept so the row shows as waiting, but never due). */
  readonly dueAt: number | null;
  readonly trigger: EscalationTrigger;
  readonly actions: readonly EscalationAction[];
  readonly channels: readonly string[];
  /** Changes when the level's trigger, actions or channels change: lets a policy edit update pending rows. */
  readonly digest: string;
}

/** A pending (not fired, not cancelled) step row as storage keeps it. */
export interface PendingStepRow {
  readonly key: string;
  readonly dueAt: number | null;
  /** The digest stored with the row; when absent only `dueAt` is compared. */
  readonly digest?: string;
}

export interface StepDiff {
  readonly insert: readonly PlannedStep[];
  /** Rows whose due instant (or level definition) changed. */
  readonly update: readonly PlannedStep[];
  /** Keys of pending rows no longer planned: the subject was resolved, acknowledged, re-bound. */
  readonly cancel: readonly string[];
}

/**
 * Where a clock's counted business time reaches `elapsedMs`: in the past for an amount already counted
 * (null when not known: the step is then due at `now`), projected from now for an amount still ahead
 * (null when the clock is not counting now, or its calendar never gets there).
 */
export type InstantAtElapsed = (clockId: string, elapsedMs: number) => number | null;

export interface TicketPlanInput {
  readonly ticketId: string;
  /** The ticket's current priority; policies restricted to other priorities are skipped. */
  readonly priority?: string;
  /** The policies bound to the ticket's SLA; availability policies are ignored. */
  readonly policies: readonly EscalationPolicy[];
  readonly clocks: readonly ClockResult[];
  readonly now: number;
  readonly instantAtElapsed: InstantAtElapsed;
  /** Level keys someone acknowledged. */
  readonly acknowledged: ReadonlySet<string>;
  /** Step keys already fired. */
  readonly fired: ReadonlySet<string>;
}

/** A level as the planners walk it: where its first notice falls and how repeats follow. */
export interface LevelSchedule {
  readonly levelKey: string;
  readonly level: EscalationLevel;
  readonly levelIndex: number;
  /** Due instant of occurrence `n`; null when not due (paused, or the subject never gets there). */
  readonly dueAt: (occurrence: number) => number | null;
}

/** A stable text for what a level does, so a policy edit shows up in the diff. */
export function levelDigest(level: EscalationLevel): string {
  return JSON.stringify([
    level.trigger,
    level.actions,
    level.channels,
    level.repeatEveryMinutes ?? null,
    level.maxRepeats ?? null,
  ]);
}

/**
 * Plans the next step of each level of one subject's policy. Levels are walked in order; an acknowledged
 * level plans no more repeats, and one that `stopsLaterLevels` also plans none of the levels after it.
 * Fired keys are never planned again; a repeat is planned only once the occurrence before it fired.
 */
export function planLevels(
  policy: EscalationPolicy,
  schedules: readonly LevelSchedule[],
  subject: StepSubject,
  acknowledged: ReadonlySet<string>,
  fired: ReadonlySet<string>,
): PlannedStep[] {
  const out: PlannedStep[] = [];
  for (const s of schedules) {
    const acked = acknowledged.has(s.levelKey);
    let occurrence = 0;
    while (fired.has(`${s.levelKey}:${occurrence}`)) occurrence++;
    const repeats =
      s.level.repeatEveryMinutes !== undefined &&
      (s.level.maxRepeats === undefined || occurrence <= s.level.maxRepeats);
    if (!acked && (occurrence === 0 || repeats)) {
      out.push({
        key: `${s.levelKey}:${occurrence}`,
        levelKey: s.levelKey,
        subject,
        policyId: policy.id,
        levelIndex: s.levelIndex,
        occurrence,
        dueAt: s.dueAt(occurrence),
        trigger: s.level.trigger,
        actions: s.level.actions,
        channels: s.level.channels,
        digest: levelDigest(s.level),
      });
    }
    if (acked && s.level.stopsLaterLevels) break;
  }
  return out;
}

/** Business time on the clock at which a ticket trigger is reached. */
function thresholdMs(trigger: TicketTrigger, durationMs: number): number {
  switch (trigger.kind) {
    case 'share':
      // Same rounding as the clock's own warnings, so a share listed there lands on the same instant.
      return Math.ceil(trigger.share * durationMs);
    case 'before_due':
      return Math.max(0, durationMs - trigger.minutes * MINUTE_MS);
    case 'breach':
      return durationMs;
    case 'after_breach':
      return durationMs + trigger.minutes * MINUTE_MS;
  }
}

/** A clock that can still escalate: started and not stopped (resolved, answered), not idle or cancelled. */
function isLive(clock: ClockResult): boolean {
  return (
    clock.stoppedAt === null &&
    clock.startedAt !== null &&
    (clock.state === 'running' || clock.state === 'paused' || clock.state === 'breached')
  );
}

function clockInstant(clock: ClockResult, amount: number, input: TicketPlanInput): number | null {
  if (amount <= clock.elapsedMs) {
    // Already reached: due now at the latest, even if the clock paused since.
    if (amount === clock.durationMs && clock.breachedAt !== null) return clock.breachedAt;
    const known = clock.warnings.find((w) => Math.ceil(w.fraction * clock.durationMs) === amount);
    return known?.at ?? input.instantAtElapsed(clock.id, amount) ?? input.now;
  }
  if (clock.state === 'paused') return null;
  if (amount === clock.durationMs && clock.state === 'running') return clock.dueAt;
  return input.instantAtElapsed(clock.id, amount);
}

function ticketSchedules(
  policy: EscalationPolicy,
  clock: ClockResult,
  ticketId: string,
  input: TicketPlanInput,
): LevelSchedule[] {
  // An update clock starts a new cycle at each customer message: each cycle escalates on its own.
  const clockKey = clock.metric === 'update' ? `${clock.id}@${clock.startedAt ?? 0}` : clock.id;
  const out: LevelSchedule[] = [];
  policy.levels.forEach((level, levelIndex) => {
    const trigger = level.trigger;
    if (
      trigger.kind !== 'share' &&
      trigger.kind !== 'before_due' &&
      trigger.kind !== 'breach' &&
      trigger.kind !== 'after_breach'
    )
      return;
    const base = thresholdMs(trigger, clock.durationMs);
    const every = (level.repeatEveryMinutes ?? 0) * MINUTE_MS;
    out.push({
      levelKey: `ticket:${ticketId}:${policy.id}:${clockKey}:${levelIndex}`,
      level,
      levelIndex,
      dueAt: (n) => clockInstant(clock, base + n * every, input),
    });
  });
  return out;
}

function applies(policy: EscalationPolicy, clock: ClockResult, priority: string | undefined): boolean {
  if (policy.scope !== 'ticket') return false;
  if (policy.appliesTo.targets && !policy.appliesTo.targets.includes(clock.metric)) return false;
  if (
    policy.appliesTo.priorities &&
    (priority === undefined || !policy.appliesTo.priorities.includes(priority))
  )
    return false;
  return true;
}

/**
 * Plans the pending escalation steps of one ticket from its clocks (the `computeClocks` result at `now`).
 *
 * Offsets are business time on each clock's calendar: a 75 % share is reached when the clock has counted
 * 75 % of its target, "30 minutes after the breach" when it has counted the target plus 30 minutes, and a
 * repeat every 30 minutes adds 30 counted minutes. Instants ahead are found through `instantAtElapsed`,
 * so nights, weekends and holidays are skipped as the clock skips them.
 *
 * - Steps of a paused clock that are still ahead come back with `dueAt: null` (waiting, never due); a
 *   threshold passed before the pause stays due.
 * - Stopped clocks (answered, resolved), idle and cancelled clocks plan nothing: `diffSteps` then cancels
 *   their pending rows.
 * - Keys in `fired` are never planned again; repeats are planned one at a time, after the previous fired.
 */
export function planTicketSteps(input: TicketPlanInput): PlannedStep[] {
  const out: PlannedStep[] = [];
  for (const clock of input.clocks) {
    if (!isLive(clock)) continue;
    const subject: StepSubject = {
      kind: 'ticket',
      ticketId: input.ticketId,
      clockId: clock.id,
      metric: clock.metric,
    };
    for (const policy of input.policies) {
      if (!applies(policy, clock, input.priority)) continue;
      out.push(
        ...planLevels(
          policy,
          ticketSchedules(policy, clock, input.ticketId, input),
          subject,
          input.acknowledged,
          input.fired,
        ),
      );
    }
  }
  return out;
}

/**
 * The `InstantAtElapsed` the planner needs, projected through each clock's business calendar from `now`.
 * `isCounting` tells whether a clock counts at `now`; a breached clock's state does not say whether it is
 * paused, so callers pass what the ticket's status and the target's pause statuses say. Past amounts
 * answer null (the planner then takes the clock's breach and warning instants, or `now`).
 */
export function projectOnCalendars(input: {
  readonly clocks: readonly ClockResult[];
  readonly now: number;
  readonly calendarOf: (clockId: string) => BusinessCalendar | undefined;
  readonly isCounting?: (clockId: string) => boolean;
}): InstantAtElapsed {
  return (clockId, elapsedMs) => {
    const clock = input.clocks.find((c) => c.id === clockId);
    const calendar = input.calendarOf(clockId);
    if (!clock || !calendar || elapsedMs <= clock.elapsedMs) return null;
    if (clock.state === 'paused' || input.isCounting?.(clockId) === false) return null;
    try {
      return calendar.due(input.now, elapsedMs - clock.elapsedMs);
    } catch (error) {
      // A calendar that never opens again (or runs past the supported range) never reaches the amount.
      if (isDomainError(error)) return null;
      throw error;
    }
  };
}

/**
 * Compares the stored pending rows with a fresh plan. Rows already due that are still due (both at or
 * before `now`) are left alone: an overdue step fires on the next tick either way, and replanning should
 * not churn it.
 */
export function diffSteps(
  existing: readonly PendingStepRow[],
  planned: readonly PlannedStep[],
  now?: number,
): StepDiff {
  const stored = new Map(existing.map((row) => [row.key, row]));
  const plannedKeys = new Set<string>();
  const insert: PlannedStep[] = [];
  const update: PlannedStep[] = [];
  for (const step of planned) {
    plannedKeys.add(step.key);
    const row = stored.get(step.key);
    if (!row) {
      insert.push(step);
      continue;
    }
    const bothOverdue =
      now !== undefined && row.dueAt !== null && step.dueAt !== null && row.dueAt <= now && step.dueAt <= now;
    const moved = row.dueAt !== step.dueAt && !bothOverdue;
    const edited = row.digest !== undefined && row.digest !== step.digest;
    if (moved || edited) update.push(step);
  }
  const cancel = existing.filter((row) => !plannedKeys.has(row.key)).map((row) => row.key);
  return { insert, update, cancel };
}
