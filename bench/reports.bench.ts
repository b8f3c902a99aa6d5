// `npm run bench -- reports`: the monthly customer report's figures (with the trend over the three months
// before) for a customer with 200 monitored services and 10,000 tickets, from a generated SQLite database.
import { performance } from 'node:perf_hooks';
import { computeCustomerReport } from '../src/app/reports/customer-report.use-cases.ts';
import type { Customer } from '../src/app/customers/customers.repository.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../src/domain/shared/time.ts';
import { mulberry32, type Random } from './lib/prng.ts';
import { checkTarget, type BenchSuite, type SuiteOptions, type SuiteReport } from './lib/suite.ts';
import { formatTable } from './lib/table.ts';
import { median } from './lib/timing.ts';
import {
  FixedClock,
  freshStore,
  httpDefinition,
  insertMonitors,
  insertServices,
  type BenchStore,
} from './monitoring/store.ts';

const SEED = 20_261_128;
/** The report is of May 2026 in Berlin; its trend reaches back to February. */
const FROM = Date.UTC(2026, 0, 31, 23);
const MAY_END = Date.UTC(2026, 4, 31, 22);
const NOW = Date.UTC(2026, 5, 1, 6);
const CUSTOMER = 'cust-bench';
const SLA = 'sla-bench';
const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
const CHUNK = 500;

interface Settings {
  readonly services: number;
  readonly tickets: number;
  readonly outagesPerMonth: number;
  readonly repeats: number;
}

const FULL: Settings = { services: 200, tickets: 10_000, outagesPerMonth: 2, repeats: 9 };
const QUICK: Settings = { services: 50, tickets: 2_000, outagesPerMonth: 2, repeats: 3 };

async function insertCatalog(b: BenchStore, s: Settings): Promise<string[]> {
  const db = b.store.db;
  await db
    .insertInto('customers')
    .values({
      id: CUSTOMER,
      name: 'Bench GmbH',
      short_name: null,
      time_zone: 'Europe/Berlin',
      locale: 'de',
      notes: null,
      created_at: FROM,
      updated_at: FROM,
      archived_at: null,
    })
    .execute();
  const services = await insertServices(b, s.services, FROM);
  for (let i = 0; i < services.length; i += CHUNK) {
    await db
      .insertInto('service_impacts')
      .values(
        services.slice(i, i + CHUNK).map((id) => ({
          customer_id: CUSTOMER,
          service_id: id,
          criticality: 'high',
          users_affected: null,
          downtime_cost_per_hour: null,
          max_tolerable_downtime_minutes: null,
          notes: null,
          updated_at: FROM,
        })),
      )
      .execute();
  }
  const terms = {
    targets: {
      P1: {
        firstResponse: { durationMs: HOUR_MS, calendarId: null },
        resolution: { durationMs: 8 * HOUR_MS, calendarId: null },
      },
      P2: {
        firstResponse: { durationMs: 4 * HOUR_MS, calendarId: null },
        resolution: { durationMs: 16 * HOUR_MS, calendarId: null },
      },
    },
    pauseStatuses: [],
    warnings: [],
    availability: [{ serviceId: null, target: 0.995, calendarId: null }],
    reviewIntervalMonths: 12,
    credits: [{ below: 0.995, creditPercent: 5 }],
  };
  await db
    .insertInto('slas')
    .values({
      id: SLA,
      name: 'Bench SLA',
      description: null,
      owner_user_id: null,
      created_at: FROM,
      updated_at: FROM,
      archived_at: null,
    })
    .execute();
  await db
    .insertInto('sla_versions')
    .values({
      sla_id: SLA,
      version: 1,
      status: 'active',
      effective_from: FROM,
      body: JSON.stringify(terms),
      revision: 1,
      created_at: FROM,
      created_by: null,
      activated_at: FROM,
      retired_at: null,
    })
    .execute();
  await db
    .insertInto('assignment_rules')
    .values({
      id: 'rule-bench',
      position: 1,
      customer_id: CUSTOMER,
      service_id: null,
      priority: null,
      ticket_type: null,
      sla_id: SLA,
      created_at: FROM,
    })
    .execute();
  return services;
}

/** Up from February on, with short outages each month: their spans and outage rows. */
async function insertMonitoring(
  b: BenchStore,
  services: readonly string[],
  s: Settings,
  rnd: Random,
): Promise<void> {
  const monitors = await insertMonitors(b, services, httpDefinition(60), FROM, () => null, CUSTOMER);
  const spans: { monitor_id: string; start_at: number; end_at: number | null; state: string }[] = [];
  const outages: {
    id: string;
    monitor_id: string;
    service_id: string;
    customer_id: string | null;
    started_at: number;
    ended_at: number | null;
    cause: string;
    ticket_id: string | null;
    created_at: number;
  }[] = [];
  for (const m of monitors) {
    let at = FROM;
    const downs: number[] = [];
    for (let month = 0; month < 4; month++)
      for (let k = 0; k < s.outagesPerMonth; k++)
        downs.push(FROM + month * 30 * DAY_MS + rnd.int(1, 28) * DAY_MS);
    downs.sort((x, y) => x - y);
    for (const start of downs) {
      if (start <= at) continue;
      const end = start + rnd.int(5, 90) * MINUTE_MS;
      spans.push({ monitor_id: m.id, start_at: at, end_at: start, state: 'up' });
      spans.push({ monitor_id: m.id, start_at: start, end_at: end, state: 'down' });
      outages.push({
        id: `out-${m.id}-${start}`,
        monitor_id: m.id,
        service_id: m.serviceId,
        customer_id: CUSTOMER,
        started_at: start,
        ended_at: end,
        cause: 'HTTP 503',
        ticket_id: null,
        created_at: start,
      });
      at = end;
    }
    spans.push({ monitor_id: m.id, start_at: at, end_at: null, state: 'up' });
  }
  for (let i = 0; i < spans.length; i += CHUNK)
    await b.store.db
      .insertInto('monitor_spans')
      .values(spans.slice(i, i + CHUNK))
      .execute();
  for (let i = 0; i < outages.length; i += CHUNK)
    await b.store.db
      .insertInto('outages')
      .values(outages.slice(i, i + CHUNK))
      .execute();
}

/** Tickets spread over February to May: most met, some breached, the last few still open. */
async function insertTickets(
  b: BenchStore,
  services: readonly string[],
  s: Settings,
  rnd: Random,
): Promise<void> {
  const tickets = [];
  const clocks = [];
  const span = MAY_END - FROM;
  for (let n = 1; n <= s.tickets; n++) {
    const id = `t-${n}`;
    const created = FROM + Math.floor((span * (n - 1)) / s.tickets) + rnd.int(0, 59) * MINUTE_MS;
    const priority = rnd.pick(PRIORITIES);
    const open = created > MAY_END - 2 * DAY_MS && rnd.chance(0.5);
    const breach = rnd.chance(0.08);
    const answer = created + rnd.int(5, 120) * MINUTE_MS;
    const resolved = open ? null : created + rnd.int(1, breach ? 40 : 7) * HOUR_MS;
    tickets.push({
      id,
      number: n,
      customer_id: CUSTOMER,
      service_id: rnd.pick(services),
      type: 'incident',
      title: `Ticket ${n}`,
      description: null,
      impact: null,
      urgency: null,
      priority,
      status: open ? 'open' : 'resolved',
      assignee_user_id: null,
      sla_id: SLA,
      sla_version: 1,
      external_ref: null,
      source: 'api',
      created_at: created,
      updated_at: resolved ?? created,
      resolved_at: resolved,
      closed_at: null,
      revision: 1,
    });
    const clock = (metric: string, stop: number | null, due: number) => ({
      ticket_id: id,
      clock_id: metric,
      metric,
      state: stop === null ? 'running' : stop <= due ? 'met' : 'breached',
      duration_ms: due - created,
      elapsed_ms: (stop ?? created) - created,
      paused_ms: 0,
      started_at: created,
      due_at: due,
      stopped_at: stop,
      breached_at: stop !== null && stop > due ? due : null,
      next_warning_at: null,
      detail: JSON.stringify({ remainingMs: 0, calendarId: null, warnings: [], history: [] }),
      computed_at: stop ?? created,
    });
    clocks.push(clock('first_response', answer, created + 4 * HOUR_MS));
    clocks.push(clock('resolution', resolved, created + 8 * HOUR_MS));
  }
  for (let i = 0; i < tickets.length; i += CHUNK)
    await b.store.db
      .insertInto('tickets')
      .values(tickets.slice(i, i + CHUNK))
      .execute();
  for (let i = 0; i < clocks.length; i += CHUNK)
    await b.store.db
      .insertInto('ticket_clocks')
      .values(clocks.slice(i, i + CHUNK))
      .execute();
}

async function run(options: SuiteOptions): Promise<SuiteReport> {
  const s = options.quick ? QUICK : FULL;
  const rnd = mulberry32(SEED);
  const b = await freshStore(new FixedClock(NOW));
  try {
    const started = performance.now();
    const services = await insertCatalog(b, s);
    await insertMonitoring(b, services, s, rnd);
    await insertTickets(b, services, s, rnd);
    const setupMs = performance.now() - started;
    const customer = (await b.ctx.storage.customers.findById(CUSTOMER)) as Customer;
    const spec = { kind: 'month', year: 2026, month: 5 } as const;
    const times: number[] = [];
    const cpu: number[] = [];
    // A first run warms the statement cache and the JIT; the figures are of the runs after it.
    let report = await computeCustomerReport(b.ctx, customer, spec, NOW);
    for (let i = 0; i < s.repeats; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      report = await computeCustomerReport(b.ctx, customer, spec, NOW);
      times.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    times.sort((x, y) => x - y);
    cpu.sort((x, y) => x - y);
    const f = report.figures;
    const medianMs = median(times);
    console.log(
      formatTable(
        ['what', 'value'],
        [
          ['services / tickets', `${s.services} / ${s.tickets.toLocaleString('en-US')}`],
          ['generated database', `${(setupMs / 1000).toFixed(1)} s`],
          [
            'May: opened / resolved / backlog',
            `${f.counts.opened} / ${f.counts.resolved} / ${f.counts.backlog}`,
          ],
          ['May: breaches / credits', `${f.breaches.length} / ${f.credits.length}`],
          ['trend periods', report.trend.periods.map((p) => p.key).join(', ')],
          ['report figures (median of ' + s.repeats + ')', `${medianMs.toFixed(1)} ms`],
          [
            'fastest / slowest',
            `${(times[0] ?? 0).toFixed(1)} / ${(times[times.length - 1] ?? 0).toFixed(1)} ms`,
          ],
          // On a shared machine the wall time also counts waiting for the CPU; this is the process's own.
          ['process CPU time (median)', `${median(cpu).toFixed(1)} ms`],
        ],
      ),
    );
    return {
      data: {
        services: s.services,
        tickets: s.tickets,
        repeats: s.repeats,
        setupMs: Math.round(setupMs),
        figuresMs: { median: medianMs, min: times[0], max: times[times.length - 1] },
        figuresCpuMs: { median: median(cpu), min: cpu[0], max: cpu[cpu.length - 1] },
        may: {
          counts: f.counts,
          breaches: f.breaches.length,
          credits: f.credits.length,
          services: f.availability.length,
        },
      },
      targets: [
        checkTarget(
          'report-figures',
          `monthly report figures with trend: ${s.services} services, ${s.tickets.toLocaleString('en-US')} tickets (median)`,
          medianMs,
          '<',
          200,
          'ms',
        ),
      ],
      disagreements: 0,
    };
  } finally {
    await b.close();
  }
}

export const reportsSuite: BenchSuite = { name: 'reports', title: 'Customer report figures', run };
