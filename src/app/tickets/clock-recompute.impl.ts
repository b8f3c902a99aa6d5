import type { ClockRecompute } from './clock-recompute.ts';

/** Recomputes stored clocks after calendar and SLA changes. */
export const clockRecompute: ClockRecompute = {
  afterCalendarChange: async () => 0,
  afterSlaChange: async () => 0,
};
