// The demo's monitoring: per customer a few monitors of its services with months of state history (short
// outages, most of them in office hours), a monthly patch window, and the last state up, so that status pages,
// availability figures and reports have something to show.
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../domain/shared/time.ts';
import type { MonitorStateSpan } from '../../domain/monitoring/types.ts';
import { SYSTEM_ACTOR, type Actor } from '../actor.ts';
import type { AppContext } from '../context.ts';
import { recordCheckResult } from '../monitoring/check-recording.ts';
import { createMaintenance } from '../monitoring/maintenance.use-cases.ts';
import type { Outage } from '../monitoring/monitoring.repository.ts';
import { createMonitor } from '../monitoring/monitors.use-cases.ts';
import { rollupRowsFor } from '../monitoring/rollup-rows.ts';
import type { CustomerKey, ServiceKey } from './demo-catalog.ts';
import { Random, subSeed } from './random.ts';

/** What each customer has watched; the monitors are manual (their targets are fictitious hosts). */
const WATCHED: Readonly<
  Record<CustomerKey, readonly { readonly service: ServiceKey; readonly name: string }[]>
> = {
  law: [
    { service: 'firewall', name: 'VPN gateway Maxvorstadt' },
    { service: 'files', name: 'File server (DMS share)' },
    { service: 'mail', name: 'Exchange Online mail flow' },
  ],
  dental: [
    { service: 'firewall', name: 'Practice internet line' },
    { service: 'files', name: 'Practice software server' },
  ],
  bakery: [
    { service: 'website', name: 'Online shop' },
    { service: 'firewall', name: 'Branch VPN' },
  ],
};

const CAUSES = [
  'connection refused (ECONNREFUSED)',
  'timed out after 10 s',
  'HTTP 503 (expected 200-299)',
  'carrier outage reported by the provider',
  'certificate not trusted (expired)',
];

export interface DemoMonitoringSummary {
  readonly monitors: number;
  readonly outages: number;
  readonly windows: number;
}

interface PastOutage {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly cause: string;
}

/** Up spans with outages between them, from `from` to `to`; outages on weekdays between 07 and 19 UTC. */
function history(
  random: Random,
  from: number,
  to: number,
): { spans: MonitorStateSpan[]; outages: PastOutage[] } {
  const spans: MonitorStateSpan[] = [];
  const outages: PastOutage[] = [];
  let t = from;
  for (;;) {
    // Roughly two outages a month, lasting 3 minutes to 3 hours (a long tail).
    let day = t + Math.round(random.between(2, 28) * DAY_MS);
    day -= day % DAY_MS;
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0) day += DAY_MS;
    if (weekday === 6) day += 2 * DAY_MS;
    const start = day + random.int(7, 18) * HOUR_MS + random.int(0, 59) * MINUTE_MS;
    const length = Math.round(
      (random.chance(0.8) ? random.between(3, 45) : random.between(45, 180)) * MINUTE_MS,
    );
    if (start <= t || start + length >= to) break;
    spans.push({ start: t, end: start, state: 'up' });
    spans.push({ start, end: start + length, state: 'down' });
    outages.push({ startedAt: start, endedAt: start + length, cause: random.pick(CAUSES) });
    t = start + length;
  }
  spans.push({ start: t, end: to, state: 'up' });
  return { spans, outages };
}

/** Loads the monitors, their history from `from` to `now` and a monthly patch window per customer. */
export async function loadDemoMonitoring(
  ctx: AppContext,
  actor: Actor,
  seed: number,
  ids: {
    readonly customers: Readonly<Record<CustomerKey, string>>;
    readonly services: Readonly<Record<ServiceKey, string>>;
  },
  from: number,
  now: number,
): Promise<DemoMonitoringSummary> {
  let monitors = 0;
  let outages = 0;
  let windows = 0;
  for (const [customerKey, watched] of Object.entries(WATCHED) as [
    CustomerKey,
    (typeof WATCHED)[CustomerKey],
  ][]) {
    const customerId = ids.customers[customerKey];
    for (const [i, w] of watched.entries()) {
      const serviceId = ids.services[w.service];
      const { monitor } = await createMonitor(ctx, actor, {
        name: w.name,
        serviceId,
        customerId,
        definition: { kind: 'manual' },
      });
      const random = new Random(subSeed(seed, 7, monitors));
      const end = now - MINUTE_MS;
      const h = history(random, from, end);
      const rows: Outage[] = h.outages.map((o) => ({
        ...o,
        id: ctx.ids.next(),
        monitorId: monitor.id,
        serviceId,
        customerId,
        ticketId: null,
        createdAt: o.endedAt,
      }));
      await ctx.storage.transaction(async (repos) => {
        await repos.monitoring.insertSpans(monitor.id, h.spans);
        await repos.monitoring.addRollups(rollupRowsFor(monitor.id, h.spans, [], now));
        await repos.monitoring.insertOutages(rows);
      });
      // The state from here on: up, held until a person says otherwise.
      await recordCheckResult(ctx, monitor.id, { at: end, status: 'up', latencyMs: null, message: '' });
      monitors += 1;
      outages += rows.length;
      if (i === 0) {
        await createMaintenance(ctx, SYSTEM_ACTOR, {
          name: 'Monthly patch window',
          customerId,
          serviceId,
          definition: {
            timeZone: 'Europe/Berlin',
            start: new Date(from).toISOString().slice(0, 10) + 'T22:00',
            durationMinutes: 120,
            recurrence: { kind: 'monthly-weekday', nth: 1, weekday: 6 },
          },
        });
        windows += 1;
      }
    }
  }
  return { monitors, outages, windows };
}
