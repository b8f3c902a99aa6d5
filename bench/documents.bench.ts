// `npm run bench -- documents`: how long the customer report takes to render as PDF (pdfmake + echarts), for
// a small customer (one service, a handful of tickets) and for a demo-sized one (200 services, all four
// priorities, hundreds of breaches). The figures come from a generated report model, so that only the
// rendering is measured; `npm run bench -- reports` measures computing the figures.
import { performance } from 'node:perf_hooks';
import { PDFParse } from 'pdf-parse';
import { pdfDocuments } from '../src/adapters/documents/pdf-documents.ts';
import type { CustomerReport } from '../src/app/reports/customer-report.use-cases.ts';
import type {
  AvailabilityRow,
  Breach,
  ComplianceRow,
  CreditRow,
  TimeRow,
} from '../src/domain/reports/customer-report.ts';
import { HOUR_MS, MINUTE_MS } from '../src/domain/shared/time.ts';
import { mulberry32, type Random } from './lib/prng.ts';
import { checkTarget, type BenchSuite, type SuiteOptions, type SuiteReport } from './lib/suite.ts';
import { formatTable } from './lib/table.ts';
import { median } from './lib/timing.ts';

const SEED = 20_260_401;
const MAY_START = Date.UTC(2026, 3, 30, 22);
const MAY_END = Date.UTC(2026, 4, 31, 22);
const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
const METRICS = ['first_response', 'resolution'] as const;

interface Shape {
  readonly name: string;
  readonly services: number;
  readonly breaches: number;
}

const SMALL: Shape = { name: 'small (1 service, 1 breach)', services: 1, breaches: 1 };
const DEMO: Shape = { name: 'demo-sized (200 services, 300 breaches)', services: 200, breaches: 300 };

const share = (r: Random, low: number): number => low + (1 - low) * r.next();

/** A May 2026 report of one customer with the given number of services and breaches. */
function reportOf(shape: Shape, r: Random): CustomerReport {
  const availability: AvailabilityRow[] = Array.from({ length: shape.services }, (_, i) => {
    const value = share(r, 0.985);
    const target = i % 3 === 0 ? 0.999 : 0.995;
    const downMs = Math.round((1 - value) * 744 * HOUR_MS);
    return {
      serviceId: `svc-${i}`,
      name: `Service ${String(i + 1).padStart(3, '0')}`,
      target,
      availability: value,
      upMs: 744 * HOUR_MS - downMs,
      downMs,
      maintenanceMs: (i % 4) * HOUR_MS,
      unknownMs: 0,
      outages: Math.floor(r.next() * 4),
      errorBudgetUsed: (1 - value) / (1 - target),
      achieved: value >= target,
    };
  });
  const compliance: ComplianceRow[] = PRIORITIES.flatMap((priority) =>
    METRICS.map((metric) => {
      const met = 100 + Math.floor(r.next() * 900);
      const breached = Math.floor(r.next() * 60);
      const value = met / (met + breached);
      return { priority, metric, met, breached, compliance: value, goal: 0.95, achieved: value >= 0.95 };
    }),
  );
  const times: TimeRow[] = [...PRIORITIES, 'all'].flatMap((priority) =>
    METRICS.map((metric) => ({
      priority,
      metric,
      count: 100 + Math.floor(r.next() * 900),
      meanBusinessMs: Math.round(r.next() * 8 * HOUR_MS),
      p90BusinessMs: Math.round(r.next() * 16 * HOUR_MS),
      meanCalendarMs: Math.round(r.next() * 24 * HOUR_MS),
      p90CalendarMs: Math.round(r.next() * 48 * HOUR_MS),
    })),
  );
  const breaches: Breach[] = Array.from({ length: shape.breaches }, (_, i) => {
    const dueAt = MAY_START + Math.floor(r.next() * (MAY_END - MAY_START - 4 * HOUR_MS));
    return {
      ticketId: `t-${i}`,
      number: 1000 + i,
      title: `Ticket ${1000 + i}: printer queue stuck again`,
      priority: PRIORITIES[i % PRIORITIES.length] ?? 'P3',
      metric: METRICS[i % 2] ?? 'resolution',
      dueAt,
      breachedAt: dueAt,
      stoppedAt: i % 5 === 0 ? null : dueAt + Math.round(r.next() * 3 * HOUR_MS) + MINUTE_MS,
    };
  });
  const credits: CreditRow[] = availability
    .filter((a) => a.availability !== null && a.availability < 0.99)
    .map((a) => ({
      serviceId: a.serviceId,
      name: a.name,
      availability: a.availability ?? 0,
      creditPercent: 10,
    }));
  const missed = availability.filter((a) => a.achieved === false).length;
  const period = {
    kind: 'month' as const,
    key: '2026-05',
    start: MAY_START,
    end: MAY_END,
    label: { de: 'Mai 2026', en: 'May 2026' },
  };
  const periods = [
    { ...period, key: '2026-02', label: { de: 'Februar 2026', en: 'February 2026' } },
    { ...period, key: '2026-03', label: { de: 'März 2026', en: 'March 2026' } },
    { ...period, key: '2026-04', label: { de: 'April 2026', en: 'April 2026' } },
    period,
  ];
  return {
    customer: { id: 'cust-bench', name: 'Bench GmbH', timeZone: 'Europe/Berlin', locale: 'de' },
    period,
    month: '2026-05',
    generatedAt: MAY_END + 8 * HOUR_MS,
    sla: { id: 'sla-bench', name: 'Bench SLA', version: 1 },
    figures: {
      period: { start: MAY_START, end: MAY_END },
      availability,
      compliance,
      times,
      counts: { opened: 2500, resolved: 2400, backlog: 180 },
      breaches,
      credits,
      slas: [],
      summary: {
        de: `Alle Ziele erreicht außer: Verfügbarkeit von ${missed} Diensten.`,
        en: `All targets met except the availability of ${missed} services.`,
      },
    },
    trend: {
      periods,
      availability: availability.map((a) => ({
        serviceId: a.serviceId,
        name: a.name,
        target: a.target,
        values: [share(r, 0.99), share(r, 0.99), share(r, 0.99), a.availability],
      })),
      compliance: compliance.map((c) => ({
        priority: c.priority,
        metric: c.metric,
        goal: c.goal,
        values: [share(r, 0.9), share(r, 0.9), share(r, 0.9), c.compliance],
      })),
      counts: {
        opened: [2300, 2450, 2600, 2500],
        resolved: [2250, 2400, 2550, 2400],
        backlog: [150, 160, 170, 180],
      },
    },
  };
}

async function pages(bytes: Uint8Array): Promise<number> {
  const parser = new PDFParse({ data: bytes });
  try {
    return (await parser.getInfo()).total;
  } finally {
    await parser.destroy();
  }
}

async function run(options: SuiteOptions): Promise<SuiteReport> {
  const repeats = options.quick ? 3 : 9;
  const renderer = pdfDocuments();
  const r = mulberry32(SEED);
  const small = reportOf(SMALL, r);
  const demo = reportOf(DEMO, r);

  // The first document of a process also loads pdfmake, echarts and the fonts.
  let started = performance.now();
  await renderer.reportPdf(small, 'de');
  const coldMs = performance.now() - started;

  const rows: string[][] = [];
  const data: Record<string, unknown> = { coldFirstRenderMs: Math.round(coldMs), repeats };
  const medians: Record<string, number> = {};
  for (const [shape, report] of [
    [SMALL, small],
    [DEMO, demo],
  ] as const) {
    const samples: number[] = [];
    let bytes: Uint8Array = new Uint8Array();
    for (let i = 0; i < repeats; i++) {
      started = performance.now();
      bytes = await renderer.reportPdf(report, i % 2 === 0 ? 'de' : 'en');
      samples.push(performance.now() - started);
    }
    const m = median([...samples].sort((a, b) => a - b));
    medians[shape.name] = m;
    const size = bytes.length;
    // The parser may take the buffer over, so its size is read first.
    const count = await pages(bytes);
    rows.push([shape.name, `${m.toFixed(0)} ms`, String(count), `${Math.round(size / 1024)} KiB`]);
    data[shape === SMALL ? 'small' : 'demo'] = {
      medianMs: Math.round(m),
      samplesMs: samples.map((s) => Math.round(s)),
      pages: count,
      bytes: size,
    };
  }
  console.log(formatTable(['report', 'median render', 'pages', 'size'], rows));
  console.log(`\nfirst render in a fresh process (loads pdfmake, echarts, fonts): ${coldMs.toFixed(0)} ms`);
  return {
    data,
    // Interactive downloads: a typical report well under a second; a demo-sized one within a few seconds,
    // so that a monthly delivery run over a hundred customers stays within minutes.
    targets: [
      checkTarget(
        'pdf-small',
        'small report as PDF (median)',
        medians[SMALL.name] ?? Infinity,
        '<',
        500,
        'ms',
      ),
      checkTarget(
        'pdf-demo',
        'demo-sized report as PDF (median)',
        medians[DEMO.name] ?? Infinity,
        '<',
        3000,
        'ms',
      ),
    ],
    disagreements: 0,
  };
}

export const documentsSuite: BenchSuite = { name: 'documents', title: 'Customer report as PDF', run };
