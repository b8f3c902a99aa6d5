import { Temporal } from 'temporal-polyfill';
import { DomainError } from '../shared/errors.ts';

/** A stretch of time `[start, end)` during which the zone's UTC offset is constant. */
export interface OffsetSegment {
  readonly start: number;
  readonly end: number;
  /** Milliseconds to add to an instant to get its wall-clock reading. */
  readonly offset: number;
}

/**
 * The UTC offset rules of an IANA zone, read from the Temporal polyfill. Only calendar compilation asks
 * for them, so exactness matters more than speed here.
 */
export class ZoneRules {
  readonly id: string;

  private constructor(id: string) {
    this.id = id;
  }

  private static readonly cache = new Map<string, ZoneRules>();

  /** @throws DomainError CALENDAR_UNKNOWN_ZONE */
  static of(zone: string): ZoneRules {
    const cached = ZoneRules.cache.get(zone);
    if (cached) return cached;
    // Fixed offsets ("+01:00") are valid to Temporal but would silently ignore summer time.
    if (typeof zone !== 'string' || zone.trim() === '' || /^[+-]\d/.test(zone.trim())) {
      throw new DomainError('CALENDAR_UNKNOWN_ZONE', 'timeZone must be an IANA time zone such as Europe/Berlin');
    }
    try {
      Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(zone);
    } catch {
      throw new DomainError('CALENDAR_UNKNOWN_ZONE', `"${zone}" is not a known IANA time zone (e.g. Europe/Berlin)`, {
        timeZone: zone,
      });
    }
    const rules = new ZoneRules(zone);
    ZoneRules.cache.set(zone, rules);
    return rules;
  }

  offsetAt(instant: number): number {
    return Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(this.id).offsetNanoseconds / 1e6;
  }

  /** The offset segments that cover `[from, to)`, in order, clipped to it. */
  segments(from: number, to: number): OffsetSegment[] {
    const out: OffsetSegment[] = [];
    let zdt = Temporal.Instant.fromEpochMilliseconds(from).toZonedDateTimeISO(this.id);
    let start = from;
    for (;;) {
      const offset = zdt.offsetNanoseconds / 1e6;
      const next = zdt.getTimeZoneTransition('next');
      const nextAt = next ? next.epochMilliseconds : Infinity;
      if (nextAt >= to) {
        out.push({ start, end: to, offset });
        return out;
      }
      out.push({ start, end: nextAt, offset });
      start = nextAt;
      zdt = next as Temporal.ZonedDateTime;
    }
  }
}

/**
 * The instant of a wall-clock reading, with the "compatible" rule of RFC 5545 and Temporal: in a gap (spring
 * forward) the reading is moved forward by the gap's length; in a fold (fall back) the earlier instant wins.
 * `wall` is a naive local millisecond count (epochDay × DAY_MS + ms of day).
 */
export function instantOfWall(wall: number, segments: readonly OffsetSegment[]): number {
  let best = Infinity;
  for (const seg of segments) {
    const t = wall - seg.offset;
    if (t >= seg.start && t < seg.end && t < best) best = t;
  }
  if (best !== Infinity) return best;
  // A gap: use the offset in force before the gap, which lands after the transition.
  for (let i = segments.length - 1; i >= 0; i--) {
    const seg = segments[i] as OffsetSegment;
    if (wall - seg.offset >= seg.end) return wall - seg.offset;
  }
  const first = segments[0];
  if (!first) throw new Error('instantOfWall needs offset segments');
  return wall - first.offset;
}
