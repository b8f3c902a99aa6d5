import { DAY_MS, HOUR_MS, MINUTE_MS, type Interval } from '../shared/time.ts';

/*
 * Error-budget alerts as records: a rule that starts firing opens an alert, the same rule still firing keeps
 * it, a rule that stops firing (or a budget period that ends) closes it. Opening and closing are decided
 * here; storage makes "open once" hold across workers with a unique key per raised rule.
 */

/** The rule "the whole budget of the period is used up". */
export const BUDGET_SPENT_RULE = 'budget_spent';

/** What one evaluation saw of one rule of a customer's service. */
export interface RuleObservation {
  /** `burn_<long>_<short>` (e.g. `burn_1h_5m`) or `budget_spent`. */
  readonly rule: string;
  readonly firing: boolean;
  /** The lower of the rule's two windows' burn rates (what both reach); null for `budget_spent`. */
  readonly burnRate: number | null;
}

/** An alert that is raised (not ended). */
export interface RaisedAlert {
  readonly id: string;
  readonly rule: string;
  readonly periodStart: number;
}

export interface AlertTransitions {
  /** Rules that start firing: each opens an alert. */
  readonly open: readonly RuleObservation[];
  /** Raised alerts whose rule stopped firing, or whose budget period is over. */
  readonly close: readonly string[];
  /** Raised alerts that go on, with what was seen of them now. */
  readonly keep: readonly { readonly id: string; readonly observation: RuleObservation }[];
}

const UNIT_MS: Readonly<Record<string, number>> = { m: MINUTE_MS, h: HOUR_MS, d: DAY_MS };

/** The long window of a burn-rate rule by its name (`burn_6h_30m` → 6 h); null for other rules. */
export function longWindowOf(rule: string): number | null {
  const m = /^burn_(\d+)([mhd])_/.exec(rule);
  return m ? Number(m[1]) * (UNIT_MS[m[2] as string] as number) : null;
}

/**
 * The raised burn-rate alert that outranks an alert of `rule` opening now: one of a faster rule (a shorter
 * long window). A hard outage makes every rule fire within minutes; the fastest speaks for all, so the
 * others are recorded but page nobody. Returns its id, or null.
 */
export function outrankingAlert(
  rule: string,
  raised: readonly Pick<RaisedAlert, 'id' | 'rule'>[],
): string | null {
  const own = longWindowOf(rule);
  if (own === null) return null;
  let best: { id: string; window: number } | null = null;
  for (const a of raised) {
    const w = longWindowOf(a.rule);
    if (w !== null && w < own && (best === null || w < best.window)) best = { id: a.id, window: w };
  }
  return best?.id ?? null;
}

/** Which escalation trigger an alert of this rule raises. */
export function alertKind(rule: string): 'burn_rate' | 'budget_spent' {
  return rule === BUDGET_SPENT_RULE ? 'budget_spent' : 'burn_rate';
}

function span(ms: number): string {
  if (ms % DAY_MS === 0) return `${ms / DAY_MS}d`;
  if (ms % HOUR_MS === 0) return `${ms / HOUR_MS}h`;
  return `${Math.round(ms / MINUTE_MS)}m`;
}

/** The name of a multi-window burn-rate rule: `burn_1h_5m` for the 1-hour window checked by 5 minutes. */
export function burnRuleName(longWindowMs: number, shortWindowMs: number): string {
  return `burn_${span(longWindowMs)}_${span(shortWindowMs)}`;
}

/**
 * Compares the alerts raised for one customer's service with what an evaluation at the start of a budget
 * period `period` saw. A rule that fires and has no raised alert opens one, unless `suppressed` (the service
 * is in a maintenance window: planned down time pages nobody); a raised alert closes when its rule no longer
 * fires or when it belongs to an earlier period (the budget starts afresh). Rules the evaluation did not
 * look at close too: a target removed from the SLA raises nothing any more.
 */
export function alertTransitions(input: {
  readonly raised: readonly RaisedAlert[];
  readonly observations: readonly RuleObservation[];
  readonly period: Interval;
  readonly suppressed: boolean;
}): AlertTransitions {
  const seen = new Map(input.observations.map((o) => [o.rule, o]));
  const open: RuleObservation[] = [];
  const close: string[] = [];
  const keep: { id: string; observation: RuleObservation }[] = [];
  const stillRaised = new Set<string>();
  for (const alert of input.raised) {
    const o = seen.get(alert.rule);
    if (!o || !o.firing || alert.periodStart !== input.period.start) close.push(alert.id);
    else {
      keep.push({ id: alert.id, observation: o });
      stillRaised.add(alert.rule);
    }
  }
  if (!input.suppressed)
    for (const o of input.observations) if (o.firing && !stillRaised.has(o.rule)) open.push(o);
  return { open, close, keep };
}
