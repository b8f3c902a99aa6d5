import type { MonitorSchedule } from '../../domain/monitoring/monitor-definition.ts';
import type { ProbeOutcome } from './probe.ts';

type Details = NonNullable<ProbeOutcome['details']>;

/** Milliseconds since `start` (a `performance.now()` reading), rounded to whole milliseconds. */
export const elapsedSince = (start: number): number => Math.round(performance.now() - start);

export function down(message: string, latencyMs: number | null = null, details?: Details): ProbeOutcome {
  return { status: 'down', latencyMs, message, ...(details && { details }) };
}

export function degraded(message: string, latencyMs: number | null, details?: Details): ProbeOutcome {
  return { status: 'degraded', latencyMs, message, ...(details && { details }) };
}

/** Up, or degraded when the check took longer than the monitor's `degradedAboveMs`. */
export function upUnlessSlow(def: MonitorSchedule, latencyMs: number, details?: Details): ProbeOutcome {
  const limit = def.degradedAboveMs;
  if (limit !== undefined && latencyMs > limit) {
    return degraded(`response took ${latencyMs} ms (degraded above ${limit} ms)`, latencyMs, details);
  }
  return { status: 'up', latencyMs, message: '', ...(details && { details }) };
}
