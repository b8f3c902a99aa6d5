// Request schemas, response schemas and presenters shared by the SLA routes.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { PriorityTargets, SlaTerms, SlaVersion, TargetSpec } from '../../app/slas/slas.repository.ts';
import type { SlaSummary, SlaWithVersions } from '../../app/slas/slas.use-cases.ts';
import { DEFAULT_COMPLIANCE_GOAL } from '../../domain/reports/customer-report.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import { formatDuration } from '../../domain/shared/time.ts';
import { readIfMatch, setEtag } from '../etag.ts';
import { instant, iso, isoOrNull } from './common.ts';

const id = z.string().min(1).max(100);
const calendarRef = id.nullable().optional().describe('A calendar id; null or absent = 24/7');

const targetInput = z
  .object({
    duration: z
      .string()
      .max(50)
      .optional()
      .describe('ISO 8601 duration of business time, e.g. PT4H or PT30M'),
    durationMs: z.number().int().optional().describe('The same in milliseconds (either field will do)'),
    calendarId: calendarRef,
  })
  .strict();

const priorityTargetsInput = z
  .object({
    firstResponse: targetInput.optional(),
    resolution: targetInput.optional(),
    update: targetInput.optional(),
  })
  .strict();

export const termsInput = z
  .object({
    targets: z
      .record(z.string().max(20), priorityTargetsInput)
      .optional()
      .describe('Targets per priority id of the priority scheme (P1 … P4)'),
    pauseStatuses: z
      .array(z.string().max(200))
      .max(100)
      .optional()
      .describe('Ticket statuses during which the clocks pause'),
    warnings: z
      .array(z.number())
      .max(20)
      .optional()
      .describe('Shares of a target at which warnings fall due, each above 0 and below 1'),
    availability: z
      .array(
        z
          .object({
            serviceId: id.nullable().optional(),
            target: z.number().describe('A fraction, e.g. 0.995'),
            calendarId: calendarRef,
          })
          .strict(),
      )
      .max(100)
      .optional(),
    reviewIntervalMonths: z.number().int().optional().describe('1 to 36 (default 12)'),
    complianceGoal: z
      .number()
      .optional()
      .describe(
        'Share of tickets that must meet each target in the customer report, above 0 and at most 1 (default 0.95)',
      ),
    credits: z
      .array(
        z
          .object({
            below: z.number().describe('Availability below which the credit applies, e.g. 0.995'),
            creditPercent: z.number(),
          })
          .strict(),
      )
      .max(20)
      .optional(),
  })
  .strict();

const coverage = {
  effectiveFrom: instant
    .nullable()
    .optional()
    .describe('When the version takes effect; null = on activation'),
  customerIds: z
    .array(id)
    .max(1000)
    .describe('Customers the version covers; empty = any customer an assignment rule sends'),
  serviceIds: z.array(id).max(1000).describe('Services the version covers'),
};

/** PUT of a draft: the whole version. */
export const versionBody = z.object({ ...coverage, terms: termsInput }).strict();

/** A new version: what differs from the latest version. */
export const versionPatchBody = z
  .object({
    ...coverage,
    customerIds: coverage.customerIds.optional(),
    serviceIds: coverage.serviceIds.optional(),
    terms: termsInput.optional(),
  })
  .strict();

export const createSlaBody = versionPatchBody
  .extend({
    name: z.string().min(1).max(200),
    description: z.string().max(10_000).nullable().optional(),
    ownerUserId: id.nullable().optional().describe('The staff user responsible for the SLA'),
  })
  .strict();

export const patchSlaBody = z
  .object({
    name: z.string().min(1).max(200).optional(),
    description: z.string().max(10_000).nullable().optional(),
    ownerUserId: id.nullable().optional(),
    archived: z.boolean().optional(),
  })
  .strict();

export const activateBody = z.object({ effectiveFrom: instant.nullable().optional() }).strict();

export const slaParams = z.object({ id });
export const versionParams = z.object({ id, v: z.coerce.number().int().min(1).max(1_000_000) });
export const diffParams = z.object({
  id,
  a: z.coerce.number().int().min(1).max(1_000_000),
  b: z.coerce.number().int().min(1).max(1_000_000),
});

const targetSchema = z.object({
  duration: z.string().describe('ISO 8601, e.g. PT4H'),
  durationMs: z.number().int(),
  calendarId: z.string().nullable().describe('null = 24/7'),
});

const termsSchema = z.object({
  targets: z.record(
    z.string(),
    z.object({
      firstResponse: targetSchema.optional(),
      resolution: targetSchema.optional(),
      update: targetSchema.optional(),
    }),
  ),
  pauseStatuses: z.array(z.string()),
  warnings: z.array(z.number()),
  availability: z.array(
    z.object({ serviceId: z.string().nullable(), target: z.number(), calendarId: z.string().nullable() }),
  ),
  reviewIntervalMonths: z.number().int(),
  credits: z.array(z.object({ below: z.number(), creditPercent: z.number() })),
  complianceGoal: z.number().describe('Share of tickets that must meet each target in the customer report'),
});

const status = z.enum(['draft', 'active', 'retired']);

export const versionSchema = z.object({
  slaId: z.string(),
  version: z.number().int(),
  status,
  effectiveFrom: instant.nullable(),
  revision: z
    .number()
    .int()
    .describe('Also sent as the ETag; send it back as If-Match to change the version'),
  customerIds: z.array(z.string()),
  serviceIds: z.array(z.string()),
  terms: termsSchema,
  createdAt: instant,
  createdBy: z.string().nullable(),
  activatedAt: instant.nullable(),
  retiredAt: instant.nullable(),
});

const versionSummarySchema = versionSchema.pick({
  version: true,
  status: true,
  effectiveFrom: true,
  revision: true,
  createdAt: true,
  activatedAt: true,
  retiredAt: true,
});

export const slaSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  ownerUserId: z.string().nullable(),
  createdAt: instant,
  updatedAt: instant,
  archivedAt: instant.nullable(),
  activeVersion: z.number().int().nullable().describe('The version in force for new tickets'),
});

export const slaDetailSchema = slaSchema.extend({ versions: z.array(versionSummarySchema) });

const presentTarget = (t: TargetSpec): z.infer<typeof targetSchema> => ({
  duration: formatDuration(t.durationMs),
  durationMs: t.durationMs,
  calendarId: t.calendarId,
});

function presentTargets(t: PriorityTargets): z.infer<typeof termsSchema>['targets'][string] {
  return {
    ...(t.firstResponse ? { firstResponse: presentTarget(t.firstResponse) } : {}),
    ...(t.resolution ? { resolution: presentTarget(t.resolution) } : {}),
    ...(t.update ? { update: presentTarget(t.update) } : {}),
  };
}

const presentTerms = (t: SlaTerms): z.infer<typeof termsSchema> => ({
  targets: Object.fromEntries(Object.entries(t.targets).map(([p, targets]) => [p, presentTargets(targets)])),
  pauseStatuses: [...t.pauseStatuses],
  warnings: [...t.warnings],
  availability: t.availability.map((a) => ({
    serviceId: a.serviceId,
    target: a.target,
    calendarId: a.calendarId,
  })),
  reviewIntervalMonths: t.reviewIntervalMonths,
  credits: t.credits.map((c) => ({ below: c.below, creditPercent: c.creditPercent })),
  complianceGoal: t.complianceGoal ?? DEFAULT_COMPLIANCE_GOAL,
});

export const presentVersion = (v: SlaVersion): z.infer<typeof versionSchema> => ({
  slaId: v.slaId,
  version: v.version,
  status: v.status,
  effectiveFrom: isoOrNull(v.effectiveFrom),
  revision: v.revision,
  customerIds: [...v.customerIds],
  serviceIds: [...v.serviceIds],
  terms: presentTerms(v.terms),
  createdAt: iso(v.createdAt),
  createdBy: v.createdBy,
  activatedAt: isoOrNull(v.activatedAt),
  retiredAt: isoOrNull(v.retiredAt),
});

export const presentSla = ({ sla, activeVersion }: SlaSummary): z.infer<typeof slaSchema> => ({
  id: sla.id,
  name: sla.name,
  description: sla.description,
  ownerUserId: sla.ownerUserId,
  createdAt: iso(sla.createdAt),
  updatedAt: iso(sla.updatedAt),
  archivedAt: isoOrNull(sla.archivedAt),
  activeVersion,
});

export const presentSlaDetail = ({ sla, versions }: SlaWithVersions): z.infer<typeof slaDetailSchema> => ({
  ...presentSla({ sla, activeVersion: versions.find((v) => v.status === 'active')?.version ?? null }),
  versions: versions.map((v) => ({
    version: v.version,
    status: v.status,
    effectiveFrom: isoOrNull(v.effectiveFrom),
    revision: v.revision,
    createdAt: iso(v.createdAt),
    activatedAt: isoOrNull(v.activatedAt),
    retiredAt: isoOrNull(v.retiredAt),
  })),
});

/** Answers the revision as a strong ETag. */
export function withEtag(reply: FastifyReply, revision: number): void {
  setEtag(reply, revision);
}

/**
 * The revision the client last read, from If-Match: a number, null for `*` (whatever is stored), undefined
 * when the header is absent (the use case decides whether that is allowed).
 * @throws DomainError REVISION_MISMATCH when the header names no revision of ours (or several)
 */
export function ifMatch(request: FastifyRequest): number | null | undefined {
  const wanted = readIfMatch(request.headers['if-match']);
  if (wanted === 'absent') return undefined;
  if (wanted === 'any') return null;
  const [only] = wanted;
  if (wanted.length !== 1 || only === undefined) {
    throw new DomainError('REVISION_MISMATCH', 'If-Match must carry the one ETag you read, e.g. "3"', {
      ifMatch: request.headers['if-match'],
    });
  }
  return only;
}
