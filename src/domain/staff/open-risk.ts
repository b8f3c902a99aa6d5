// How an agent's open tickets stand right now: the same "breached" and "at risk" the ticket list filters by.

/** A ticket clock as stored: its state as of its last computation, its due instant and next warning. */
export interface RiskClock {
  readonly metric: string;
  readonly state: string;
  readonly dueAt: number | null;
  /**
   * For a running clock: the earliest warning instant still ahead, or, once a warning share was reached, the
   * latest reached one (so it is at risk when this is at or before now).
   */
  readonly nextWarningAt: number | null;
}

export interface OpenRisk {
  readonly open: number;
  /** Open tickets with a clock that has warned but not yet breached (and none breached). */
  readonly atRisk: number;
  /** Open tickets with at least one breached clock. */
  readonly breached: number;
}

/** A clock that is breached at `now`: stored as breached, or running past its due instant. */
export function isBreachedAt(clock: RiskClock, now: number): boolean {
  return (
    clock.state === 'breached' || (clock.state === 'running' && clock.dueAt !== null && clock.dueAt < now)
  );
}

/** A running clock that has reached a warning share at `now` but is not yet due. */
export function isAtRiskAt(clock: RiskClock, now: number): boolean {
  return (
    clock.state === 'running' &&
    clock.dueAt !== null &&
    clock.dueAt >= now &&
    clock.nextWarningAt !== null &&
    clock.nextWarningAt <= now
  );
}

/**
 * Counts open tickets, and among them those breached and those at risk at `now`. A ticket counts once: as
 * breached when any clock is, else as at risk when any clock is. The update clock counts too: a ticket whose
 * customer waits for news is at risk as much as one waiting for its fix.
 */
export function openRisk(
  tickets: readonly { readonly clocks: readonly RiskClock[] }[],
  now: number,
): OpenRisk {
  let atRisk = 0;
  let breached = 0;
  for (const t of tickets) {
    if (t.clocks.some((c) => isBreachedAt(c, now))) breached++;
    else if (t.clocks.some((c) => isAtRiskAt(c, now))) atRisk++;
  }
  return { open: tickets.length, atRisk, breached };
}
