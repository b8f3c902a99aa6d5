import type { AvailabilityFigures } from '../availability/availability.ts';
import { DomainError } from '../shared/errors.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, type Interval } from '../shared/time.ts';

/*
 * Error budgets: an availability target of 99.5 % allows 0.5 % of the countable time (up + down; never
 * maintenance or unknown) to be down. Burn rates say how fast that allowance is being spent: a burn rate of
 * 1 uses exactly the whole budget over the period, 14.4 uses 2 % of a 30-day budget in one hour.
 */

export interface ErrorBudget {
  readonly target: number;
  /** The time that counts toward availability (up + down, degraded on its side). */
  readonly countableMs: number;
  /** (1 − target) × countable time, rounded to the millisecond. */
  readonly allowedMs: number;
  readonly usedMs: number;
  /** allowed − used; negative once the budget is overspent. */
  readonly remainingMs: number;
  /** used ÷ allowed (1 = all spent), or null when nothing is allowed. */
  readonly consumed: number | null;
}

/** @throws DomainError ERROR_BUDGET_INVALID_TARGET unless 0 < target < 1 */
export function assertTarget(target: number): number {
  if (!(typeof target === 'number' && target > 0 && target < 1)) {
    throw new DomainError(
      'ERROR_BUDGET_INVALID_TARGET',
      'an availability target must lie between 0 and 1 (0.995 for 99.5 %)',
      {
        target,
      },
    );
  }
  return target;
}

/**
 * The error budget of a period from its countable time and its bad (down) time. For a period still running,
 * pass the countable time of the whole period to see the budget as the contract defines it, or the time so
 * far to see the pace.
 */
export function errorBudget(target: number, countableMs: number, badMs: number): ErrorBudget {
  assertTarget(target);
  const allowedMs = Math.round((1 - target) * countableMs);
  return {
    target,
    countableMs,
    allowedMs,
    usedMs: badMs,
    remainingMs: allowedMs - badMs,
    consumed: allowedMs === 0 ? null : badMs / allowedMs,
  };
}

/** The error budget of figures from the availability formula; degraded time counts on the side the SLA says. */
export function errorBudgetOf(
  target: number,
  figures: AvailabilityFigures,
  degraded: 'up' | 'down' = 'up',
): ErrorBudget {
  const bad = figures.downMs + (degraded === 'down' ? figures.degradedMs : 0);
  return errorBudget(target, figures.upMs + figures.degradedMs + figures.downMs, bad);
}

// ---- burn-rate alerts ------------------------------------------------------------------------------------

export type BurnRateSeverity = 'page' | 'ticket';

export interface BurnRateRule {
  readonly severity: BurnRateSeverity;
  readonly longWindowMs: number;
  readonly shortWindowMs: number;
  /** The burn rate both windows must reach. */
  readonly burnRate: number;
}

/**
 * The multi-window, multi-burn-rate rules for a 30-day budget (Google's SRE workbook): each fires when both
 * its long window (is it bad enough?) and its short window (is it still going on?) burn at least this fast.
 */
export const BURN_RATE_RULES: readonly BurnRateRule[] = [
  { severity: 'page', longWindowMs: HOUR_MS, shortWindowMs: 5 * MINUTE_MS, burnRate: 14.4 },
  { severity: 'page', longWindowMs: 6 * HOUR_MS, shortWindowMs: 30 * MINUTE_MS, burnRate: 6 },
  { severity: 'ticket', longWindowMs: DAY_MS, shortWindowMs: 2 * HOUR_MS, burnRate: 3 },
  { severity: 'ticket', longWindowMs: 3 * DAY_MS, shortWindowMs: 6 * HOUR_MS, burnRate: 1 },
];

/** Good (up) and bad (down) time in a window; the caller decides where degraded time goes. */
export interface WindowFigures {
  readonly upMs: number;
  readonly downMs: number;
}

/**
 * How the windows are answered: a function of `[from, to)`, or a list of windows that holds every window
 * `burnRateWindows(now)` names (read them from rollups first when storage is asynchronous).
 */
export type WindowSource =
  ((from: number, to: number) => WindowFigures) | readonly (WindowFigures & Interval)[];

export interface BurnRateWindow extends WindowFigures {
  readonly windowMs: number;
  /** down ÷ (up + down) ÷ (1 − target); 0 when the window holds no countable time. */
  readonly burnRate: number;
}

export interface BurnRateRuleResult {
  readonly rule: BurnRateRule;
  readonly long: BurnRateWindow;
  readonly short: BurnRateWindow;
  readonly firing: boolean;
}

export interface BurnRateAlerts {
  /** The most urgent severity that fires, or null. */
  readonly severity: BurnRateSeverity | null;
  /** Every rule with its figures, in the order of `BURN_RATE_RULES`. */
  readonly rules: readonly BurnRateRuleResult[];
}

/** The windows `[now − w, now)` the rules read, longest first, each once. */
export function burnRateWindows(now: number, rules: readonly BurnRateRule[] = BURN_RATE_RULES): Interval[] {
  const lengths = [...new Set(rules.flatMap((r) => [r.longWindowMs, r.shortWindowMs]))].sort((a, b) => b - a);
  return lengths.map((w) => ({ start: now - w, end: now }));
}

/*
 * A rate exactly on a threshold fires: 0.0144 ÷ (1 − 0.999) is 14.399999999999986 in floating point, so the
 * comparison allows a relative error of one in a billion.
 */
const TOLERANCE = 1e-9;

/**
 * Evaluates the burn-rate rules at `now` for an availability target.
 * @throws DomainError ERROR_BUDGET_INVALID_TARGET, BURN_RATE_WINDOW_MISSING (a list without a needed window)
 */
export function burnRateAlerts(
  series: WindowSource,
  target: number,
  now: number,
  rules: readonly BurnRateRule[] = BURN_RATE_RULES,
): BurnRateAlerts {
  assertTarget(target);
  const read = (windowMs: number): BurnRateWindow => {
    const from = now - windowMs;
    let figures: WindowFigures | undefined;
    if (typeof series === 'function') figures = series(from, now);
    else figures = series.find((w) => w.start === from && w.end === now);
    if (!figures) {
      throw new DomainError(
        'BURN_RATE_WINDOW_MISSING',
        `no figures for the window of ${windowMs} ms before ${now}`,
        {
          from,
          to: now,
        },
      );
    }
    const countable = figures.upMs + figures.downMs;
    const burnRate = countable === 0 ? 0 : figures.downMs / countable / (1 - target);
    return { windowMs, upMs: figures.upMs, downMs: figures.downMs, burnRate };
  };
  const results = rules.map((rule): BurnRateRuleResult => {
    const long = read(rule.longWindowMs);
    const short = read(rule.shortWindowMs);
    const reaches = (w: BurnRateWindow): boolean => w.burnRate >= rule.burnRate * (1 - TOLERANCE);
    return { rule, long, short, firing: reaches(long) && reaches(short) };
  });
  const firing = results.filter((r) => r.firing);
  const severity = firing.some((r) => r.rule.severity === 'page')
    ? 'page'
    : firing.length > 0
      ? 'ticket'
      : null;
  return { severity, rules: results };
}
