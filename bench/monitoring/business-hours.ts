import { performance } from 'node:perf_hooks';
import { computeAvailability } from '../../src/app/monitoring/availability.use-cases.ts';
import type { MonitorRecord } from '../../src/app/monitoring/monitoring.repository.ts';
import type { Service } from '../../src/app/catalog/catalog.repository.ts';
import type { AvailabilityFigures } from '../../src/domain/availability/availability.ts';
import { BusinessCalendar } from '../../src/domain/calendars/business-calendar.ts';
import {
  applyMaintenance,
  maintenanceIntervals,
  type IsoWeekday,
  type MaintenanceWindow,
} from '../../src/domain/monitoring/maintenance.ts';
import { mergeIntervals } from '../../src/domain/monitoring/intervals.ts';
import {
  businessHoursFigures,
  planBusinessHours,
  rollup,
  type BucketsBySize,
} from '../../src/domain/monitoring/rollups.ts';
import type { MonitorState, MonitorStateSpan } from '../../src/domain/monitoring/types.ts';
import { DAY_MS, MINUTE_MS, type Interval } from '../../src/domain/shared/time.ts';
import type { Random } from '../lib/prng.ts';
import { median, UNDISTURBED_SHARE } from '../lib/timing.ts';
import { freshStore, httpDefinition, insertMonitors, insertServices, type BenchStore } from './store.ts';

/*
 * One month's availability per service, counted only in business hours (Mon–Fri 08–18 Europe/Berlin,
 * DE-BY holidays), with weekly maintenance windows left out. Every boundary (spans, opening hours,
 * holidays, maintenance in Berlin and New York) falls on a whole minute, so a minute-by-minute walk with
 * `BusinessCalendar#isOpen` counts exactly what the formula and the rollups must count.
 */

/** May 2026 in Berlin: three DE-BY holidays (1 May, Ascension, Whit Monday). */
export const MONTH = '2026-05';
const FROM = Date.UTC(2026, 3, 30, 22);
const TO = Date.UTC(2026, 4, 31, 22);
const AFTER = TO + DAY_MS;

export const OFFICE_BY = {
  name: 'Office hours Bavaria',
  timeZone: 'Europe/Berlin',
  hours: {
    mon: ['08:00-18:00'],
    tue: ['08:00-18:00'],
    wed: ['08:00-18:00'],
    thu: ['08:00-18:00'],
    fri: ['08:00-18:00'],
  },
  holidayRegions: ['DE-BY'],
};

export interface BusinessSettings {
  readonly services: number;
  readonly repeats: number;
}

export interface BusinessResult {
  readonly services: number;
  readonly spans: number;
  readonly maintenanceWindows: number;
  /**
   * `businessHoursFigures` from buckets and spans in memory (maintenance laid over them), given every
   * bucket of the month, as `rollups(ids, grain, from, to)` returns them.
   */
  readonly rollupsMs: Timing;
  /** The same, given only the buckets the plan reads (selected beforehand, not timed). */
  readonly rollupsPlannedOnlyMs: Timing;
  /** `computeAvailability` per service: SLA and calendar lookup, span and maintenance reads, the formula. */
  readonly computeAvailabilityMs: Timing;
  /** The minute-by-minute walk, once. */
  readonly bruteForceMs: number;
  readonly agreement: {
    readonly compared: number;
    readonly agreed: number;
    readonly examples: readonly string[];
  };
}

export interface Timing {
  readonly medianMs: number;
  readonly minMs: number;
  readonly runsMs: readonly number[];
  readonly disturbed: boolean;
}

interface ServiceData {
  readonly spans: MonitorStateSpan[];
  readonly window: MaintenanceWindow;
}

/** Spans on whole minutes from a day before the month to a day after, with gaps (unknown time). */
function makeSpans(rng: Random): MonitorStateSpan[] {
  const out: MonitorStateSpan[] = [];
  let t = FROM - DAY_MS + rng.int(0, 600) * MINUTE_MS;
  while (t < TO + DAY_MS) {
    const roll = rng.next();
    let state: MonitorState | null;
    let minutes: number;
    if (roll < 0.55) [state, minutes] = ['up', rng.int(60, 4 * 1440)];
    else if (roll < 0.75) [state, minutes] = ['down', rng.int(1, 240)];
    else if (roll < 0.9) [state, minutes] = ['degraded', rng.int(5, 180)];
    else [state, minutes] = [null, rng.int(3, 90)];
    const end = t + minutes * MINUTE_MS;
    if (state !== null) out.push({ start: t, end, state });
    t = end;
  }
  return out;
}

function makeWindow(rng: Random): MaintenanceWindow {
  const weekdays = [rng.int(1, 5) as IsoWeekday];
  if (rng.chance(0.4)) weekdays.push(rng.int(1, 7) as IsoWeekday);
  const hour = rng.int(6, 17);
  const minute = rng.pick([0, 15, 30, 45]);
  return {
    timeZone: rng.chance(0.2) ? 'America/New_York' : 'Europe/Berlin',
    start: `2026-04-0${rng.int(1, 9)}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
    durationMinutes: rng.int(30, 240),
    recurrence: { kind: 'weekly', weekdays: [...new Set(weekdays)].sort((a, c) => a - c), every: 1 },
    until: null,
  };
}

/** The brute force: every minute of the month, its state if the calendar is open then. */
function bruteForce(
  calendar: BusinessCalendar,
  spans: readonly MonitorStateSpan[],
  maintenance: readonly Interval[],
): AvailabilityFigures {
  const t = { up: 0, degraded: 0, down: 0, maintenance: 0, unknown: 0 };
  let s = 0;
  let w = 0;
  for (let at = FROM; at < TO; at += MINUTE_MS) {
    while (s < spans.length && (spans[s] as MonitorStateSpan).end <= at) s++;
    while (w < maintenance.length && (maintenance[w] as Interval).end <= at) w++;
    if (!calendar.isOpen(at)) continue;
    const m = maintenance[w];
    if (m && m.start <= at) {
      t.maintenance += MINUTE_MS;
      continue;
    }
    const span = spans[s];
    const state = span && span.start <= at ? span.state : 'unknown';
    t[state === 'maintenance' ? 'maintenance' : state] += MINUTE_MS;
  }
  const good = t.up + t.degraded;
  return {
    availability: good + t.down === 0 ? null : good / (good + t.down),
    upMs: t.up,
    degradedMs: t.degraded,
    downMs: t.down,
    maintenanceMs: t.maintenance,
    unknownMs: t.unknown,
  };
}

async function insertCounting(b: BenchStore, serviceIds: readonly string[]): Promise<string> {
  const db = b.store.db;
  const now = FROM;
  const customerId = 'cust-bench';
  await db
    .insertInto('customers')
    .values({
      id: customerId,
      name: 'Kanzlei Maier',
      short_name: null,
      time_zone: 'Europe/Berlin',
      locale: 'de',
      notes: null,
      created_at: now,
      updated_at: now,
      archived_at: null,
    })
    .execute();
  await db
    .insertInto('calendars')
    .values({
      id: 'cal-office-by',
      name: OFFICE_BY.name,
      definition: JSON.stringify(OFFICE_BY),
      revision: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('slas')
    .values({
      id: 'sla-office',
      name: 'Office SLA',
      description: null,
      owner_user_id: null,
      created_at: now,
      updated_at: now,
      archived_at: null,
    })
    .execute();
  const terms = {
    targets: {},
    pauseStatuses: [],
    warnings: [],
    availability: [{ serviceId: null, target: 0.995, calendarId: 'cal-office-by' }],
    reviewIntervalMonths: 12,
    credits: [],
    serviceIds: [...serviceIds],
  };
  await db
    .insertInto('sla_versions')
    .values({
      sla_id: 'sla-office',
      version: 1,
      status: 'active',
      effective_from: now,
      body: JSON.stringify(terms),
      revision: 1,
      created_at: now,
      created_by: null,
      activated_at: now,
      retired_at: null,
    })
    .execute();
  await db
    .insertInto('assignment_rules')
    .values({
      id: 'rule-office',
      position: 1,
      customer_id: customerId,
      service_id: null,
      priority: null,
      ticket_type: null,
      sla_id: 'sla-office',
      created_at: now,
    })
    .execute();
  return customerId;
}

function timing(runs: { ms: number; cpuMs: number }[]): Timing {
  const calm = runs.filter((r) => r.cpuMs >= UNDISTURBED_SHARE * r.ms);
  const disturbed = calm.length < Math.min(3, runs.length);
  const ms = (disturbed ? runs : calm).map((r) => r.ms).sort((a, b) => a - b);
  return { medianMs: median(ms), minMs: ms[0] as number, runsMs: runs.map((r) => r.ms), disturbed };
}

async function repeat(times: number, run: () => Promise<void> | void): Promise<Timing> {
  const runs: { ms: number; cpuMs: number }[] = [];
  for (let i = 0; i < times; i++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await run();
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    runs.push({ ms, cpuMs: (cpu.user + cpu.system) / 1000 });
  }
  return timing(runs);
}

const FIELDS = ['availability', 'upMs', 'degradedMs', 'downMs', 'maintenanceMs', 'unknownMs'] as const;

export async function runBusinessHours(rng: Random, s: BusinessSettings): Promise<BusinessResult> {
  const calendar = BusinessCalendar.from(OFFICE_BY);
  const data: ServiceData[] = Array.from({ length: s.services }, () => ({
    spans: makeSpans(rng),
    window: makeWindow(rng),
  }));

  const b = await freshStore();
  const serviceIds = await insertServices(b, s.services, FROM - DAY_MS);
  const customerId = await insertCounting(b, serviceIds);
  const monitors = await insertMonitors(
    b,
    serviceIds,
    httpDefinition(60),
    FROM - DAY_MS,
    () => null,
    customerId,
  );
  for (let i = 0; i < s.services; i++) {
    const d = data[i] as ServiceData;
    await b.ctx.storage.monitoring.insertSpans((monitors[i] as MonitorRecord).id, d.spans);
    await b.ctx.storage.monitoring.insertMaintenance({
      id: `mw-${i}`,
      name: `Patching ${i}`,
      serviceId: serviceIds[i] as string,
      monitorId: null,
      customerId: null,
      definition: d.window,
      createdAt: FROM,
      updatedAt: FROM,
    });
  }
  const services = await Promise.all(serviceIds.map((id) => b.ctx.storage.catalog.findService(id)));
  const range = { start: FROM, end: TO };

  // Buckets as the rollups hold them, maintenance laid over the spans first.
  const prepared = data.map((d) => {
    const maintenance = mergeIntervals(maintenanceIntervals(d.window, FROM, TO));
    const laid = applyMaintenance(d.spans, maintenance, range);
    const buckets: BucketsBySize = {
      day: rollup(laid, [], 'day'),
      hour: rollup(laid, [], 'hour'),
      minute: rollup(laid, [], 'minute'),
    };
    return { maintenance, laid, buckets };
  });

  const fromRollups: AvailabilityFigures[] = [];
  const rollupsMs = await repeat(s.repeats, () => {
    fromRollups.length = 0;
    for (const p of prepared) fromRollups.push(businessHoursFigures(calendar, FROM, TO, p.buckets, p.laid));
  });

  const plan = planBusinessHours(calendar, FROM, TO);
  const wanted = { day: new Set(plan.day), hour: new Set(plan.hour), minute: new Set(plan.minute) };
  const plannedOnly = prepared.map((p) => ({
    laid: p.laid,
    buckets: {
      day: p.buckets.day.filter((x) => wanted.day.has(x.bucketStart)),
      hour: p.buckets.hour.filter((x) => wanted.hour.has(x.bucketStart)),
      minute: p.buckets.minute.filter((x) => wanted.minute.has(x.bucketStart)),
    },
  }));
  const fromPlanned: AvailabilityFigures[] = [];
  const rollupsPlannedOnlyMs = await repeat(s.repeats, () => {
    fromPlanned.length = 0;
    for (const p of plannedOnly)
      fromPlanned.push(businessHoursFigures(calendar, FROM, TO, p.buckets, p.laid));
  });

  const fromUseCase: AvailabilityFigures[] = [];
  const computeAvailabilityMs = await repeat(s.repeats, async () => {
    fromUseCase.length = 0;
    for (let i = 0; i < s.services; i++) {
      const r = await computeAvailability(b.ctx.storage, {
        service: services[i] as Service,
        customerId,
        monitors: [monitors[i] as MonitorRecord],
        period: range,
        month: MONTH,
        now: AFTER,
      });
      fromUseCase.push(r.figures);
    }
  });
  await b.close();

  const b0 = performance.now();
  const brute = prepared.map((p, i) => bruteForce(calendar, (data[i] as ServiceData).spans, p.maintenance));
  const bruteForceMs = performance.now() - b0;

  const agreement = { compared: 0, agreed: 0, examples: [] as string[] };
  brute.forEach((want, i) => {
    const paths = [
      ['businessHoursFigures', fromRollups[i]],
      ['businessHoursFigures (planned buckets)', fromPlanned[i]],
      ['computeAvailability', fromUseCase[i]],
    ] as const;
    for (const [name, got] of paths) {
      agreement.compared++;
      if (got && FIELDS.every((f) => got[f] === want[f])) agreement.agreed++;
      else if (agreement.examples.length < 5)
        agreement.examples.push(
          `service ${i}, ${name}: ${JSON.stringify(got)}; minute walk ${JSON.stringify(want)}`,
        );
    }
  });

  return {
    services: s.services,
    spans: data.reduce((n, d) => n + d.spans.length, 0),
    maintenanceWindows: s.services,
    rollupsMs,
    rollupsPlannedOnlyMs,
    computeAvailabilityMs,
    bruteForceMs,
    agreement,
  };
}

export function printBusinessHours(r: BusinessResult): void {
  const t = (f: Timing): string =>
    `${f.medianMs.toFixed(1)} ms${f.disturbed ? '*' : ''} (best ${f.minMs.toFixed(1)})`;
  console.log(
    `\nbusiness hours: ${r.services} services, one month (${MONTH}) counted Mon–Fri 08–18 Europe/Berlin with DE-BY holidays, ` +
      `${r.spans.toLocaleString('en-US')} state spans, one weekly maintenance window each (Berlin or New York)`,
  );
  console.log(`  pledge, businessHoursFigures, every bucket of the month in memory: ${t(r.rollupsMs)}`);
  console.log(
    `  pledge, businessHoursFigures, only the planned buckets:          ${t(r.rollupsPlannedOnlyMs)}`,
  );
  console.log(
    `  pledge, computeAvailability per service (SQLite reads + formula): ${t(r.computeAvailabilityMs)}`,
  );
  console.log(
    `  baseline, minute-by-minute walk with BusinessCalendar#isOpen: ${r.bruteForceMs.toFixed(0)} ms` +
      ` (${(r.bruteForceMs / r.rollupsMs.medianMs).toFixed(0)}× the rollups, ${(r.bruteForceMs / r.computeAvailabilityMs.medianMs).toFixed(1)}× computeAvailability)`,
  );
  console.log(
    `  exact agreement with the minute walk (all three pledge paths): ${r.agreement.agreed}/${r.agreement.compared}${r.agreement.agreed === r.agreement.compared ? '' : ' DISAGREE'}`,
  );
  for (const e of r.agreement.examples) console.log(`    ${e}`);
}
