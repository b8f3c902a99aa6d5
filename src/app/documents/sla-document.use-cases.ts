// The SLA document and the staff quick reference of one SLA version: looks up what the version refers to
// (customers, services, calendars, priorities, escalation policies, contacts) and hands the model to the
// document renderer. Scoped like the SLA routes: a customer viewer sees versions in force that cover it,
// and only its own customer among the parties.
import type { EscalationPolicy } from '../../domain/escalation/policy.ts';
import { civilOf } from '../../domain/calendars/local-date.ts';
import { DEFAULT_COMPLIANCE_GOAL } from '../../domain/reports/customer-report.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import { requireRole, type Actor } from '../actor.ts';
import { compiledCalendar } from '../catalog/calendar-cache.ts';
import { localDayOf } from '../catalog/calendar-preview.ts';
import type { AppContext } from '../context.ts';
import type { Customer } from '../customers/customers.repository.ts';
import type { DocumentRenderer } from '../ports/documents.ts';
import { isCustomerScoped } from '../slas/sla-access.ts';
import { priorityScheme } from '../slas/sla-terms.ts';
import type { SlaVersion, TargetSpec } from '../slas/slas.repository.ts';
import { getSla } from '../slas/slas.use-cases.ts';
import type {
  DocumentCalendar,
  DocumentContact,
  DocumentCustomer,
  DocumentLanguage,
  DocumentPolicy,
  DocumentPriority,
  DocumentService,
  DocumentTarget,
  QuickReferenceModel,
  SlaDocumentModel,
} from './document-model.ts';

export interface SlaDocumentQuery {
  /** Only this customer among the parties (one agreement per customer); must be covered by the version. */
  readonly customerId?: string;
  /** The year whose holidays are listed; default: this year in the document's time zone. */
  readonly year?: number;
  /** Default: the language of the only customer, else the company's. */
  readonly lang?: DocumentLanguage;
}

/** A rendered document with what an HTTP answer or a mail attachment needs. */
export interface RenderedDocument {
  readonly bytes: Uint8Array;
  readonly fileName: string;
  readonly lang: DocumentLanguage;
}

interface CompanySettings {
  readonly companyName: string | null;
  readonly timeZone: string | null;
  readonly locale: DocumentLanguage | null;
}

const MIN_YEAR = 1970;
const MAX_YEAR = 2299;

/** The renderer wired in src/main. @throws DomainError DOCUMENTS_UNAVAILABLE when none is. */
export function documentRenderer(ctx: AppContext): DocumentRenderer {
  if (!ctx.documents)
    throw new DomainError('DOCUMENTS_UNAVAILABLE', 'this server was started without a document renderer');
  return ctx.documents;
}

/** A file name of letters, digits and dashes. */
export const fileSlug = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_]+/g, '-')
    .toLowerCase()
    .slice(0, 60) || 'document';

async function companySettings(ctx: AppContext): Promise<CompanySettings> {
  const stored = await ctx.storage.settings.get('company');
  let parsed: Record<string, unknown> = {};
  try {
    const value: unknown = stored === undefined ? {} : JSON.parse(stored);
    if (typeof value === 'object' && value !== null) parsed = value as Record<string, unknown>;
  } catch {
    // A damaged setting leaves the document without a provider name rather than failing it.
  }
  const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
  const locale = parsed['locale'];
  return {
    companyName: text(parsed['companyName']),
    timeZone: text(parsed['timeZone']),
    locale: locale === 'de' || locale === 'en' ? locale : null,
  };
}

/** The version the actor may see. @throws DomainError SLA_NOT_FOUND, SLA_VERSION_NOT_FOUND */
async function visibleVersion(ctx: AppContext, actor: Actor, slaId: string, number: number) {
  const { sla, versions } = await getSla(ctx, actor, slaId);
  const version = versions.find((v) => v.version === number);
  if (!version)
    throw new DomainError('SLA_VERSION_NOT_FOUND', `SLA version ${number} not found`, {
      slaId,
      version: number,
    });
  return { sla, version };
}

/** The parties' customers: the version's, narrowed to the actor's own and to the one asked for. */
async function partyCustomers(
  ctx: AppContext,
  actor: Actor,
  version: SlaVersion,
  customerId: string | undefined,
): Promise<Customer[]> {
  let ids = [...version.customerIds];
  if (isCustomerScoped(actor)) ids = ids.filter((id) => id === actor.customerId);
  if (customerId !== undefined) {
    if (!ids.includes(customerId))
      throw new DomainError('CUSTOMER_NOT_FOUND', 'the version does not cover this customer', { customerId });
    ids = [customerId];
  }
  const out: Customer[] = [];
  for (const id of ids) {
    const customer = await ctx.storage.customers.findById(id);
    if (customer) out.push(customer);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

const byLevel = (a: DocumentContact, b: DocumentContact): number =>
  (a.escalationLevel === 0 ? Infinity : a.escalationLevel) -
    (b.escalationLevel === 0 ? Infinity : b.escalationLevel) || a.name.localeCompare(b.name);

async function documentCustomers(
  ctx: AppContext,
  customers: readonly Customer[],
): Promise<DocumentCustomer[]> {
  const out: DocumentCustomer[] = [];
  for (const c of customers) {
    const contacts = (await ctx.storage.catalog.listContacts(c.id)).map((k) => ({
      name: k.name,
      role: k.role,
      email: k.email,
      phone: k.phone,
      escalationLevel: k.escalationLevel,
    }));
    out.push({ id: c.id, name: c.name, contacts: contacts.sort(byLevel) });
  }
  return out;
}

/** The version's services, or (when it names none, i.e. covers all) those with an impact for a party. */
async function documentServices(
  ctx: AppContext,
  version: SlaVersion,
  customers: readonly Customer[],
): Promise<DocumentService[]> {
  const parties = new Set(customers.map((c) => c.id));
  const ids =
    version.serviceIds.length > 0
      ? [...version.serviceIds]
      : [
          ...new Set(
            (await Promise.all(customers.map((c) => ctx.storage.catalog.listImpacts({ customerId: c.id }))))
              .flat()
              .map((i) => i.serviceId),
          ),
        ];
  const out: DocumentService[] = [];
  for (const id of ids) {
    const service = await ctx.storage.catalog.findService(id);
    if (!service) continue;
    const impacts = (await ctx.storage.catalog.listImpacts({ serviceId: id }))
      .filter((i) => parties.has(i.customerId))
      .map((i) => ({
        customerName: i.customerName,
        criticality: i.criticality,
        usersAffected: i.usersAffected,
        maxTolerableDowntimeMinutes: i.maxTolerableDowntimeMinutes,
        downtimeCostPerHour: i.downtimeCostPerHour,
        notes: i.notes,
      }));
    out.push({ id, name: service.name, description: service.description, impacts });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** The calendars the version's targets name, in the order first named; null stands for around the clock. */
function namedCalendarIds(version: SlaVersion): (string | null)[] {
  const ids: (string | null)[] = [];
  const add = (id: string | null): void => {
    if (!ids.includes(id)) ids.push(id);
  };
  for (const targets of Object.values(version.terms.targets))
    for (const t of [targets.firstResponse, targets.resolution, targets.update]) if (t) add(t.calendarId);
  for (const a of version.terms.availability) add(a.calendarId);
  return ids;
}

async function documentCalendars(
  ctx: AppContext,
  ids: readonly (string | null)[],
  year: number,
  zone: string,
): Promise<DocumentCalendar[]> {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const out: DocumentCalendar[] = [];
  for (const id of ids) {
    const record = id === null ? undefined : await ctx.storage.catalog.findCalendar(id);
    if (!record) {
      out.push({
        id: null,
        name: null,
        timeZone: zone,
        hours: null,
        holidayRegions: [],
        holidays: [],
        closures: [],
      });
      continue;
    }
    const compiled = compiledCalendar(record);
    out.push({
      id: record.id,
      name: record.name,
      timeZone: record.definition.timeZone,
      hours: record.definition.hours ?? null,
      holidayRegions: compiled.spec.regions,
      holidays: compiled.holidaysOfYear(year),
      closures: compiled.spec.closures
        .filter((c) => c.to > start && c.from < end)
        .map((c) => ({ from: c.from, to: c.to, reason: c.reason ?? null })),
    });
  }
  return out;
}

async function documentPriorities(
  ctx: AppContext,
  version: SlaVersion,
  calendarIndex: (id: string | null) => number,
): Promise<DocumentPriority[]> {
  const scheme = await priorityScheme(ctx.storage);
  const rank = (id: string): number =>
    scheme.priorities.find((p) => p.id === id)?.rank ?? Number.MAX_SAFE_INTEGER;
  const target = (t: TargetSpec | undefined): DocumentTarget | null =>
    t ? { durationMs: t.durationMs, calendar: calendarIndex(t.calendarId) } : null;
  return Object.entries(version.terms.targets)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([id, t]) => ({
      id,
      name: scheme.priorities.find((p) => p.id === id)?.name ?? id,
      firstResponse: target(t.firstResponse),
      resolution: target(t.resolution),
      update: target(t.update),
    }));
}

/**
 * The ticket policies of the SLA and the outage policies of the services it covers, with the names of the
 * people and channels their levels name. Customer-scoped readers get no staff names.
 */
async function documentPolicies(
  ctx: AppContext,
  actor: Actor,
  slaId: string,
  serviceIds: readonly string[],
): Promise<DocumentPolicy[]> {
  const ticket = (await ctx.storage.escalation.policiesForSlas([slaId])).get(slaId) ?? [];
  const services = new Set(serviceIds);
  const outage = (await ctx.storage.escalation.listPolicies())
    .filter((r) => r.policy.scope === 'availability' && r.serviceIds.some((id) => services.has(id)))
    .map((r) => r.policy);
  const policies: EscalationPolicy[] = [...ticket];
  for (const p of outage) if (!policies.some((q) => q.id === p.id)) policies.push(p);
  const users: Record<string, string> = {};
  const channels: Record<string, string> = {};
  const staffNames = !isCustomerScoped(actor);
  for (const p of policies)
    for (const level of p.levels) {
      for (const a of level.actions)
        if (
          staffNames &&
          (a.kind === 'notify_user' || a.kind === 'reassign') &&
          users[a.userId] === undefined
        ) {
          const user = await ctx.storage.accounts.findUserById(a.userId);
          if (user) users[a.userId] = user.name;
        }
      for (const c of level.channels)
        if (channels[c] === undefined) channels[c] = (await ctx.storage.escalation.findChannel(c))?.name ?? c;
    }
  return policies.map((p) => ({
    id: p.id,
    name: p.name,
    targets: p.appliesTo.targets ? [...p.appliesTo.targets] : null,
    priorities: p.appliesTo.priorities ? [...p.appliesTo.priorities] : null,
    levels: p.levels.map((level) => ({ level, users, channels })),
  }));
}

function checkYear(year: number | undefined, fallback: number): number {
  if (year === undefined) return fallback;
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR)
    throw new DomainError('YEAR_INVALID', `year must be a whole number from ${MIN_YEAR} to ${MAX_YEAR}`, {
      year,
    });
  return year;
}

/**
 * The printable agreement's model of one SLA version: parties, services with their business impact, service
 * hours and the year's holidays, targets, how they are measured, escalation, review cadence and credits.
 * @throws DomainError SLA_NOT_FOUND, SLA_VERSION_NOT_FOUND, CUSTOMER_NOT_FOUND, YEAR_INVALID
 */
export async function slaDocumentModel(
  ctx: AppContext,
  actor: Actor,
  slaId: string,
  number: number,
  query: SlaDocumentQuery = {},
): Promise<{ model: SlaDocumentModel; lang: DocumentLanguage }> {
  const { sla, version } = await visibleVersion(ctx, actor, slaId, number);
  const company = await companySettings(ctx);
  const customers = await partyCustomers(ctx, actor, version, query.customerId);
  const zone = (customers.length === 1 ? customers[0]?.timeZone : undefined) ?? company.timeZone ?? 'UTC';
  const now = ctx.clock.now();
  const year = checkYear(query.year, civilOf(localDayOf(now, zone)).year);
  const calendarIds = namedCalendarIds(version);
  const calendars = await documentCalendars(ctx, calendarIds, year, zone);
  const calendarIndex = (id: string | null): number => Math.max(0, calendarIds.indexOf(id));
  const services = await documentServices(ctx, version, customers);
  const serviceName = new Map(services.map((s) => [s.id, s.name]));
  const availability = [];
  for (const a of version.terms.availability) {
    const name =
      a.serviceId === null
        ? null
        : (serviceName.get(a.serviceId) ??
          (await ctx.storage.catalog.findServiceName(a.serviceId)) ??
          a.serviceId);
    availability.push({ serviceName: name, target: a.target, calendar: calendarIndex(a.calendarId) });
  }
  const model: SlaDocumentModel = {
    provider: { name: company.companyName },
    sla: {
      id: sla.id,
      name: sla.name,
      description: sla.description,
      version: version.version,
      status: version.status,
      effectiveFrom: version.effectiveFrom,
    },
    timeZone: zone,
    year,
    generatedAt: now,
    customers: await documentCustomers(ctx, customers),
    services,
    calendars,
    priorities: await documentPriorities(ctx, version, calendarIndex),
    availability,
    pauseStatuses: version.terms.pauseStatuses,
    warnings: version.terms.warnings,
    complianceGoal: version.terms.complianceGoal ?? DEFAULT_COMPLIANCE_GOAL,
    reviewIntervalMonths: version.terms.reviewIntervalMonths,
    credits: version.terms.credits,
    escalation: await documentPolicies(
      ctx,
      actor,
      slaId,
      services.map((s) => s.id),
    ),
  };
  const lang =
    query.lang ?? (customers.length === 1 ? customers[0]?.locale : undefined) ?? company.locale ?? 'en';
  return { model, lang };
}

/**
 * The one-page quick reference's model for staff (agents and up): what is covered, service hours, targets,
 * what pauses a clock, the escalation path and whom to call.
 * @throws DomainError FORBIDDEN, SLA_NOT_FOUND, SLA_VERSION_NOT_FOUND, CUSTOMER_NOT_FOUND, YEAR_INVALID
 */
export async function quickReferenceModel(
  ctx: AppContext,
  actor: Actor,
  slaId: string,
  number: number,
  query: SlaDocumentQuery = {},
): Promise<{ model: QuickReferenceModel; lang: DocumentLanguage }> {
  requireRole(actor, 'agent');
  const { model, lang } = await slaDocumentModel(ctx, actor, slaId, number, query);
  return { model, lang };
}

/** The SLA document as PDF. @throws DomainError as slaDocumentModel, DOCUMENTS_UNAVAILABLE */
export async function slaDocumentPdf(
  ctx: AppContext,
  actor: Actor,
  slaId: string,
  number: number,
  query: SlaDocumentQuery = {},
): Promise<RenderedDocument> {
  const renderer = documentRenderer(ctx);
  const { model, lang } = await slaDocumentModel(ctx, actor, slaId, number, query);
  return {
    bytes: await renderer.slaDocumentPdf(model, lang),
    fileName: `sla-${fileSlug(model.sla.name)}-v${model.sla.version}-${lang}.pdf`,
    lang,
  };
}

/** The quick reference as a one-page PDF. @throws DomainError as quickReferenceModel, DOCUMENTS_UNAVAILABLE */
export async function quickReferencePdf(
  ctx: AppContext,
  actor: Actor,
  slaId: string,
  number: number,
  query: SlaDocumentQuery = {},
): Promise<RenderedDocument> {
  const renderer = documentRenderer(ctx);
  const { model, lang } = await quickReferenceModel(ctx, actor, slaId, number, query);
  return {
    bytes: await renderer.quickReferencePdf(model, lang),
    fileName: `quick-reference-${fileSlug(model.sla.name)}-v${model.sla.version}-${lang}.pdf`,
    lang,
  };
}
