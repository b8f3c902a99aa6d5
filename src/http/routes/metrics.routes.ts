import {
  metricsSnapshot,
  type MetricsSnapshot,
  type WorkerStats,
} from '../../app/monitoring/metrics.use-cases.ts';
import type { HttpDeps, RouteApp } from '../app.ts';
import { actorOf } from '../plugins/auth.ts';

const STATES = ['up', 'degraded', 'down', 'unknown', 'maintenance'] as const;

/** A label value in the Prometheus text format: backslash, quote and newline escaped. */
const label = (value: string): string =>
  value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** The Prometheus text exposition (version 0.0.4) of a snapshot. */
export function renderMetrics(s: MetricsSnapshot, worker: WorkerStats | undefined): string {
  const out: string[] = [];
  // The text format wants each family's HELP, TYPE and samples together.
  const family = (
    name: string,
    type: 'gauge' | 'counter',
    help: string,
    samples: readonly string[],
  ): void => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples);
  };
  const state: string[] = [];
  const latency: string[] = [];
  const last: string[] = [];
  for (const m of s.monitors) {
    const labels = `monitor_id="${label(m.id)}",monitor="${label(m.name)}",service="${label(m.serviceName)}",kind="${m.kind}"`;
    for (const st of STATES)
      state.push(`pledge_monitor_state{${labels},state="${st}"} ${m.runtime.state === st ? 1 : 0}`);
    const check = m.runtime.lastCheck;
    if (check?.latencyMs != null) latency.push(`pledge_monitor_response_ms{${labels}} ${check.latencyMs}`);
    if (check) last.push(`pledge_monitor_last_check_timestamp_seconds{${labels}} ${check.at / 1000}`);
  }
  family(
    'pledge_monitors',
    'gauge',
    'Monitors per current state (archived ones excluded).',
    STATES.map((st) => `pledge_monitors{state="${st}"} ${s.monitorCounts.get(st) ?? 0}`),
  );
  family(
    'pledge_monitor_state',
    'gauge',
    'One per monitor and state: 1 for the state the monitor is in.',
    state,
  );
  family('pledge_monitor_response_ms', 'gauge', 'Response time of the last check, in milliseconds.', latency);
  family(
    'pledge_monitor_last_check_timestamp_seconds',
    'gauge',
    'When the last check of the monitor started.',
    last,
  );
  family('pledge_outages_open', 'gauge', 'Outages that have not ended.', [
    `pledge_outages_open ${s.openOutages}`,
  ]);
  family(
    'pledge_ticket_clocks',
    'gauge',
    'Stored SLA clocks per target and state; running clocks past due count as breached.',
    s.clockCounts.map(
      (c) => `pledge_ticket_clocks{metric="${label(c.metric)}",state="${label(c.state)}"} ${c.count}`,
    ),
  );
  if (worker) {
    family('pledge_worker_checks_started_total', 'counter', 'Monitor checks this process started.', [
      `pledge_worker_checks_started_total ${worker.checksStarted}`,
    ]);
    family('pledge_worker_checks_running', 'gauge', 'Monitor checks running in this process now.', [
      `pledge_worker_checks_running ${worker.checksRunning}`,
    ]);
    family(
      'pledge_worker_check_lateness_ms',
      'gauge',
      'How late recent checks started (started − scheduled).',
      [
        `pledge_worker_check_lateness_ms{quantile="0.5"} ${worker.latenessP50Ms}`,
        `pledge_worker_check_lateness_ms{quantile="0.99"} ${worker.latenessP99Ms}`,
      ],
    );
  }
  return `${out.join('\n')}\n`;
}

export function registerMetricsRoutes(app: RouteApp, deps: HttpDeps): void {
  app.get(
    '/metrics',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          'Prometheus metrics: monitor states and response times, open outages, SLA clock counts (agent or higher; send an API token)',
        produces: ['text/plain'],
      },
    },
    async (request, reply) => {
      const snapshot = await metricsSnapshot(deps.ctx, actorOf(request));
      return reply
        .type('text/plain; version=0.0.4; charset=utf-8')
        .send(renderMetrics(snapshot, deps.workerStats?.()));
    },
  );
}
