// The customer report's response schema and its presenter: the JSON the API gives, issued or computed.
import { z } from 'zod';
import type { CustomerReport } from '../../app/reports/customer-report.use-cases.ts';
import {
  breachReasonCounts,
  type AvailabilityRow,
  type Breach,
  type ComplianceRow,
  type CreditRow,
  type CustomerReportFigures,
} from '../../domain/reports/customer-report.ts';
import type { ReportPeriod } from '../../domain/reports/periods.ts';
import { REPORT_LANGUAGES, type ReportLanguage } from '../../domain/reports/summary.ts';
import { instant, iso, isoOrNull } from './common.ts';

const metric = z.enum(['first_response', 'resolution']);
const slaRef = z.object({ id: z.string(), name: z.string(), version: z.number().int() });

export const periodSchema = z.object({
  kind: z.enum(['month', 'quarter', 'year', 'range']),
  key: z.string().describe('2026-03, 2026-Q3, 2026, or <from>..<to> (instants, to exclusive) for a range'),
  from: instant,
  to: instant.describe('Exclusive'),
  label: z.string().describe('The period in words, in the language asked for'),
  labels: z.object({ de: z.string(), en: z.string() }),
});

const availabilityRow = z.object({
  serviceId: z.string(),
  name: z.string(),
  target: z.number().nullable(),
  availability: z.number().nullable(),
  achieved: z.boolean().nullable(),
  upMs: z.number().int(),
  downMs: z.number().int(),
  maintenanceMs: z.number().int(),
  unknownMs: z.number().int(),
  outages: z.number().int(),
  errorBudgetUsed: z.number().nullable().describe('1 = the whole budget of the period spent'),
});

const complianceRow = z.object({
  priority: z.string(),
  metric,
  met: z.number().int(),
  breached: z.number().int(),
  compliance: z.number(),
  goal: z.number(),
  achieved: z.boolean(),
});

const creditRow = z.object({
  serviceId: z.string(),
  name: z.string(),
  availability: z.number(),
  creditPercent: z.number(),
});

const labels = z.object({ de: z.string(), en: z.string() });
const counts = z.object({ opened: z.number().int(), resolved: z.number().int(), backlog: z.number().int() });
const series = z.array(z.number().nullable()).describe('One value per trend period, oldest first');

export const reportSchema = z.object({
  customer: z.object({ id: z.string(), name: z.string(), timeZone: z.string() }),
  period: periodSchema,
  month: z.string().nullable().describe('The month (YYYY-MM) when the period is one, else null'),
  from: instant,
  to: instant,
  generatedAt: instant,
  lang: z.enum(REPORT_LANGUAGES),
  sla: slaRef.nullable().describe("The SLA of the customer's tickets by default"),
  summary: z.string().describe('In the language asked for'),
  summaries: z.object({ de: z.string(), en: z.string() }),
  availability: z.array(availabilityRow),
  compliance: z
    .array(complianceRow)
    .describe(
      'Clocks whose outcome fell in the period: met when stopped in time, breached when their due instant passed',
    ),
  times: z
    .array(
      z.object({
        priority: z.string().describe('A priority, or "all"'),
        metric,
        count: z.number().int(),
        meanBusinessMs: z.number().int(),
        p90BusinessMs: z.number().int(),
        meanCalendarMs: z.number().int(),
        p90CalendarMs: z.number().int(),
      }),
    )
    .describe('Of the clocks stopped in the period; calendar time from the ticket’s creation to the stop'),
  counts,
  breaches: z.array(
    z.object({
      ticketId: z.string(),
      number: z.number().int(),
      title: z.string(),
      priority: z.string(),
      metric,
      dueAt: instant.nullable(),
      breachedAt: instant,
      stoppedAt: instant.nullable(),
      reason: z
        .object({
          code: z.string(),
          label: z.string().describe('In the language asked for'),
          labels: labels,
        })
        .nullable()
        .describe('The reason category staff recorded for this target; null when none was'),
      note: z
        .string()
        .nullable()
        .optional()
        .describe('The staff note on the reason: only when staff asked with notes=true'),
    }),
  ),
  breachReasons: z
    .array(
      z.object({
        reason: z.string().nullable().describe('The category code; null: no reason recorded'),
        label: z.string().describe('In the language asked for'),
        labels: labels,
        count: z.number().int(),
      }),
    )
    .describe('The breaches per reason, most frequent first, those without a reason last'),
  credits: z.array(creditRow),
  slas: z
    .array(
      z.object({
        sla: slaRef.nullable().describe('Null: tickets and services no SLA covers'),
        complianceGoal: z.number(),
        availability: z.array(availabilityRow),
        compliance: z.array(complianceRow),
        counts,
        breaches: z.number().int(),
        credits: z.array(creditRow),
      }),
    )
    .describe('The figures per SLA covering the customer'),
  trend: z.object({
    periods: z
      .array(periodSchema)
      .describe('The previous periods of the same kind, oldest first, then this one'),
    availability: z.array(
      z.object({ serviceId: z.string(), name: z.string(), target: z.number().nullable(), values: series }),
    ),
    compliance: z.array(z.object({ priority: z.string(), metric, goal: z.number(), values: series })),
    counts: z.object({
      opened: z.array(z.number().int()),
      resolved: z.array(z.number().int()),
      backlog: z.array(z.number().int()),
    }),
  }),
});

export type ReportJson = z.infer<typeof reportSchema>;

export function presentPeriod(p: ReportPeriod, lang: ReportLanguage): z.infer<typeof periodSchema> {
  return {
    kind: p.kind,
    key: p.key,
    from: iso(p.start),
    to: iso(p.end),
    label: p.label[lang],
    labels: p.label,
  };
}

/** Reports issued before breach reasons existed hold none: their breaches count as without a reason. */
export const reasonCountsOf = (f: CustomerReportFigures) => f.breachReasons ?? breachReasonCounts(f.breaches);

function presentBreach(b: Breach, lang: ReportLanguage): ReportJson['breaches'][number] {
  const reason = b.reason ?? null;
  return {
    ticketId: b.ticketId,
    number: b.number,
    title: b.title,
    priority: b.priority,
    metric: b.metric,
    dueAt: isoOrNull(b.dueAt),
    breachedAt: iso(b.breachedAt),
    stoppedAt: isoOrNull(b.stoppedAt),
    reason: reason === null ? null : { code: reason.code, label: reason.label[lang], labels: reason.label },
    ...(b.note !== undefined ? { note: b.note } : {}),
  };
}

const rows = <T extends AvailabilityRow | ComplianceRow | CreditRow>(list: readonly T[]): T[] =>
  list.map((r) => ({ ...r }));

/** The report as the API gives it: instants as ISO strings, the summary in the language asked for. */
export function presentReport(r: CustomerReport, lang: ReportLanguage): ReportJson {
  const f = r.figures;
  return {
    customer: { id: r.customer.id, name: r.customer.name, timeZone: r.customer.timeZone },
    period: presentPeriod(r.period, lang),
    month: r.month,
    from: iso(f.period.start),
    to: iso(f.period.end),
    generatedAt: iso(r.generatedAt),
    lang,
    sla: r.sla,
    summary: f.summary[lang],
    summaries: f.summary,
    availability: rows(f.availability),
    compliance: rows(f.compliance),
    times: f.times.map((t) => ({ ...t })),
    counts: f.counts,
    breaches: f.breaches.map((b) => presentBreach(b, lang)),
    breachReasons: reasonCountsOf(f).map((r) => ({
      reason: r.reason,
      label: r.label[lang],
      labels: r.label,
      count: r.count,
    })),
    credits: rows(f.credits),
    slas: f.slas.map((s) => ({
      sla: s.sla,
      complianceGoal: s.complianceGoal,
      availability: rows(s.availability),
      compliance: rows(s.compliance),
      counts: s.counts,
      breaches: s.breaches,
      credits: rows(s.credits),
    })),
    trend: {
      periods: r.trend.periods.map((p) => presentPeriod(p, lang)),
      availability: r.trend.availability.map((a) => ({ ...a, values: [...a.values] })),
      compliance: r.trend.compliance.map((c) => ({ ...c, values: [...c.values] })),
      counts: {
        opened: [...r.trend.counts.opened],
        resolved: [...r.trend.counts.resolved],
        backlog: [...r.trend.counts.backlog],
      },
    },
  };
}
