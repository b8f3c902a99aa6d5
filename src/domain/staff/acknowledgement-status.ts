// Who has acknowledged which SLA version in force, and when a reminder of the rest is due. Pure.

/** A version staff must acknowledge. */
export interface VersionRef {
  readonly slaId: string;
  readonly version: number;
}

export interface AckRef extends VersionRef {
  readonly userId: string;
  readonly acknowledgedAt: number;
}

export interface VersionStatus<V extends VersionRef, P extends { readonly userId: string }> {
  readonly version: V;
  /** Staff who acknowledged this version, with when; in the order of `staff`. */
  readonly acknowledged: readonly { readonly person: P; readonly acknowledgedAt: number }[];
  /** Staff who have not yet; in the order of `staff`. */
  readonly pending: readonly P[];
}

const keyOf = (slaId: string, version: number, userId: string): string =>
  `${slaId}\u0000${version}\u0000${userId}`;

/**
 * For each version in force: which of `staff` have acknowledged it and which have not. Every staff member works
 * under every version in force (anyone may pick up a ticket under any SLA), so all of them must acknowledge
 * each one; acknowledgements of other versions, or by people no longer staff, do not count.
 */
export function acknowledgementStatus<V extends VersionRef, P extends { readonly userId: string }>(
  versions: readonly V[],
  staff: readonly P[],
  acks: readonly AckRef[],
): VersionStatus<V, P>[] {
  const at = new Map<string, number>();
  for (const a of acks) at.set(keyOf(a.slaId, a.version, a.userId), a.acknowledgedAt);
  return versions.map((version) => {
    const acknowledged: { person: P; acknowledgedAt: number }[] = [];
    const pending: P[] = [];
    for (const person of staff) {
      const when = at.get(keyOf(version.slaId, version.version, person.userId));
      if (when === undefined) pending.push(person);
      else acknowledged.push({ person, acknowledgedAt: when });
    }
    return { version, acknowledged, pending };
  });
}

/**
 * Whether a reminder may go out at `now`: never one before, or the last at least `intervalMs` ago. So each person
 * gets at most one reminder per interval, however often the check runs.
 */
export function reminderDue(lastSentAt: number | null, now: number, intervalMs: number): boolean {
  return lastSentAt === null || now - lastSentAt >= intervalMs;
}
