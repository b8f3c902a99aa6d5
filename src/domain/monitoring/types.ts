import type { ServiceState } from '../availability/availability.ts';

/** The kinds of monitor Pledge runs. `heartbeat` is pushed to us; `manual` is set by a person. */
export const MONITOR_KINDS = ['http', 'tcp', 'dns', 'tls', 'ping', 'heartbeat', 'manual'] as const;
export type MonitorKind = (typeof MONITOR_KINDS)[number];

/** What one check found. `degraded` is "working, but slow or about to fail" (response time, certificate). */
export type CheckStatus = 'up' | 'degraded' | 'down';

/** One check of one monitor, as the scheduler records it. */
export interface CheckResult {
  /** When the check started (UTC epoch ms). */
  readonly at: number;
  readonly status: CheckStatus;
  /** Round-trip time of the check, when the probe measured one. */
  readonly latencyMs: number | null;
  /** Why it is not up, in words a person understands ("HTTP 503", "connection refused"); "" when up. */
  readonly message: string;
}

/** A monitor's state over time: what the availability formula counts, plus maintenance. */
export type MonitorState = ServiceState | 'maintenance';

/** A half-open span `[start, end)` with one state. */
export interface MonitorStateSpan {
  readonly start: number;
  readonly end: number;
  readonly state: MonitorState;
}

/** How a service with several monitors is judged: down when any monitor is down, or only when all are. */
export type ServiceRule = 'any' | 'all';
