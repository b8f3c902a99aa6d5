import type { CalendarCase } from './calendars.ts';

/**
 * One business-time implementation under test. Batch methods keep each implementation's loop in its own
 * function, so that no shared call site turns polymorphic and slows whichever runs last.
 */
export interface BusinessTimeImpl {
  readonly name: string;
  readonly version: string;
  /** Switches to a calendar; never timed. */
  use(calendar: CalendarCase): void;
  /** out[i] = business milliseconds in [from[i], to[i]) for i in [begin, end). */
  elapsed(from: Float64Array, to: Float64Array, begin: number, end: number, out: Float64Array): void;
  /** out[i] = the instant at which `durationMs` of business time after start[i] is used up. */
  due(start: Float64Array, durationMs: number, begin: number, end: number, out: Float64Array): void;
}
