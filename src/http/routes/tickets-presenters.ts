import { z } from 'zod';
import type { TicketWithClocks } from '../../app/tickets/tickets.use-cases.ts';
import type { Ticket, TicketEventRecord } from '../../app/tickets/tickets.repository.ts';
import { EVENT_TYPES } from '../../app/tickets/tickets.repository.ts';
import type { ClockResult } from '../../domain/sla-clock/types.ts';
import { instant, iso, isoOrNull } from './common.ts';

export const idRef = z.string().min(1).max(100);
export const isoText = z.string().max(50).describe('ISO 8601 instant with offset, e.g. 2026-03-02T09:00:00Z');
export const levelSchema = z.enum(['high', 'medium', 'low']);
export const ticketTypeSchema = z.enum(['incident', 'service_request']);

export const ticketSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  customerId: z.string(),
  serviceId: z.string().nullable(),
  type: ticketTypeSchema,
  title: z.string(),
  description: z.string().nullable(),
  impact: levelSchema.nullable(),
  urgency: levelSchema.nullable(),
  priority: z.string(),
  status: z.string(),
  assigneeUserId: z.string().nullable(),
  sla: z
    .object({ slaId: z.string(), version: z.number().int() })
    .nullable()
    .describe('The SLA version the clocks run on; null = no SLA'),
  externalRef: z.string().nullable(),
  source: z.enum(['api', 'webhook', 'import']),
  createdAt: instant,
  updatedAt: instant,
  resolvedAt: instant.nullable(),
  closedAt: instant.nullable(),
  revision: z.number().int(),
});

const bindingSchema = z.object({ sla: z.string().nullable(), priority: z.string().nullable() });

export const clockSchema = z.object({
  id: z.string().describe('first_response, resolution or update'),
  metric: z.enum(['first_response', 'resolution', 'update']),
  state: z.enum(['running', 'paused', 'met', 'breached', 'cancelled', 'idle']),
  durationMs: z.number().int().describe('The target in force, business milliseconds'),
  elapsedMs: z.number().int().describe('Business time counted up to the stop or now'),
  pausedMs: z.number().int().describe('Business time spent paused: how far the due instant moved'),
  remainingMs: z.number().int().describe('Target minus elapsed, as of now; negative once breached'),
  startedAt: instant.nullable(),
  dueAt: instant.nullable(),
  stoppedAt: instant.nullable(),
  breachedAt: instant.nullable(),
  warnings: z.array(z.object({ fraction: z.number(), at: instant })),
  history: z.array(
    z.object({
      type: z.enum(['breached', 'cycle']),
      at: instant,
      durationMs: z.number().int(),
      binding: bindingSchema,
      dueAt: instant.optional(),
      stoppedAt: instant.nullable().optional(),
      state: z.string().optional(),
    }),
  ),
  timeline: z
    .array(
      z.object({
        start: instant,
        end: instant,
        kind: z.enum(['counted', 'paused', 'outside_hours', 'holiday', 'closure']),
        label: z.string().optional(),
        projected: z.boolean().optional(),
      }),
    )
    .optional()
    .describe('Why the due instant is where it is (detail views only)'),
});

export const ticketWithClocksSchema = ticketSchema.extend({ clocks: z.array(clockSchema) });

export const eventSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  type: z.enum(EVENT_TYPES),
  at: instant,
  status: z.string().optional(),
  author: z.enum(['agent', 'customer']).optional(),
  public: z.boolean().optional(),
  body: z.string().optional(),
  priority: z.string().optional(),
  sla: z.string().optional(),
  assignee: z.string().nullable().optional(),
  actorUserId: z.string().nullable(),
  actorTokenId: z.string().nullable(),
  recordedAt: instant,
});

/** One event as clients send it; which fields a type takes is checked by the use case, with stable codes. */
export const eventBody = z
  .object({
    type: z
      .string()
      .min(1)
      .max(50)
      .describe('status, reply, priority, resolved, reopened, closed, sla, assigned or note'),
    at: isoText.optional().describe('Default now; a past instant needs the manager role'),
    status: z.string().max(100).optional(),
    author: z.string().max(20).optional().describe('reply: agent or customer'),
    public: z.boolean().optional().describe('reply: false for an internal note (default true)'),
    body: z.string().max(100_000).optional(),
    priority: z.string().max(50).optional(),
    sla: z
      .string()
      .max(200)
      .optional()
      .describe('sla: "<slaId>@<version>" or "<slaId>" for its active version'),
    assignee: idRef.nullable().optional(),
  })
  .strict();

export function presentTicket(t: Ticket): z.infer<typeof ticketSchema> {
  return {
    id: t.id,
    number: t.number,
    customerId: t.customerId,
    serviceId: t.serviceId,
    type: t.type,
    title: t.title,
    description: t.description,
    impact: t.impact,
    urgency: t.urgency,
    priority: t.priority,
    status: t.status,
    assigneeUserId: t.assigneeUserId,
    sla: t.slaId === null || t.slaVersion === null ? null : { slaId: t.slaId, version: t.slaVersion },
    externalRef: t.externalRef,
    source: t.source,
    createdAt: iso(t.createdAt),
    updatedAt: iso(t.updatedAt),
    resolvedAt: isoOrNull(t.resolvedAt),
    closedAt: isoOrNull(t.closedAt),
    revision: t.revision,
  };
}

export function presentClock(c: ClockResult, withTimeline: boolean): z.infer<typeof clockSchema> {
  const out: z.infer<typeof clockSchema> = {
    id: c.id,
    metric: c.metric,
    state: c.state,
    durationMs: c.durationMs,
    elapsedMs: c.elapsedMs,
    pausedMs: c.pausedMs,
    remainingMs: c.remainingMs,
    startedAt: isoOrNull(c.startedAt),
    dueAt: isoOrNull(c.dueAt),
    stoppedAt: isoOrNull(c.stoppedAt),
    breachedAt: isoOrNull(c.breachedAt),
    warnings: c.warnings.map((w) => ({ fraction: w.fraction, at: iso(w.at) })),
    history: c.history.map((h) => ({
      type: h.type,
      at: iso(h.at),
      durationMs: h.durationMs,
      binding: { sla: h.binding.sla ?? null, priority: h.binding.priority ?? null },
      ...(h.dueAt === undefined ? {} : { dueAt: iso(h.dueAt) }),
      ...(h.stoppedAt === undefined ? {} : { stoppedAt: isoOrNull(h.stoppedAt) }),
      ...(h.state === undefined ? {} : { state: h.state }),
    })),
  };
  if (withTimeline) {
    out.timeline = c.timeline.map((s) => ({
      start: iso(s.start),
      end: iso(s.end),
      kind: s.kind,
      ...(s.label === undefined ? {} : { label: s.label }),
      ...(s.projected ? { projected: true } : {}),
    }));
  }
  return out;
}

export function presentTicketWithClocks(
  t: TicketWithClocks,
  withTimeline: boolean,
): z.infer<typeof ticketWithClocksSchema> {
  return { ...presentTicket(t.ticket), clocks: t.clocks.map((c) => presentClock(c, withTimeline)) };
}

const textField = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function presentEvent(e: TicketEventRecord): z.infer<typeof eventSchema> {
  const d = e.data;
  const author = d['author'];
  return {
    id: e.id,
    seq: e.seq,
    type: e.type,
    at: iso(e.at),
    ...(textField(d['status']) === undefined ? {} : { status: textField(d['status']) }),
    ...(author === 'agent' || author === 'customer' ? { author } : {}),
    ...(typeof d['public'] === 'boolean' ? { public: d['public'] } : {}),
    ...(textField(d['body']) === undefined ? {} : { body: textField(d['body']) }),
    ...(textField(d['priority']) === undefined ? {} : { priority: textField(d['priority']) }),
    ...(textField(d['sla']) === undefined ? {} : { sla: textField(d['sla']) }),
    ...('assignee' in d ? { assignee: textField(d['assignee']) ?? null } : {}),
    actorUserId: e.actorUserId,
    actorTokenId: e.actorTokenId,
    recordedAt: iso(e.recordedAt),
  };
}
