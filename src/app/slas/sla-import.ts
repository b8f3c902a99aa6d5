import { parseAllDocuments } from 'yaml';
import { DomainError, isDomainError } from '../../domain/shared/errors.ts';
import type { Actor } from '../actor.ts';
import { requireSlaStaff } from './sla-access.ts';
import { diff } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import type { Repositories } from '../ports/repositories.ts';
import type { VersionChange } from './sla-diff.ts';
import {
  EMPTY_CONTENT,
  resolveContent,
  type AvailabilityInput,
  type PriorityTargetsInput,
  type TargetInput,
  type VersionContent,
  type VersionInput,
} from './sla-terms.ts';
import {
  addDraft,
  assertOwner,
  auditSla,
  insertSlaWithDraft,
  lockedSla,
  publishSlaChange,
  storeDraft,
} from './sla-writes.ts';
import type { Sla } from './slas.repository.ts';
import { cleanName } from './slas.use-cases.ts';

/** What the import did with one SLA of the file. */
export type ImportAction = 'created' | 'version_created' | 'draft_updated' | 'details_updated' | 'unchanged';

export interface ImportedSla {
  readonly name: string;
  readonly slaId: string;
  /** The version that now holds the file's terms. */
  readonly version: number;
  readonly action: ImportAction;
  /** Against the version before (empty for a new SLA's first version or when unchanged). */
  readonly changes: readonly VersionChange[];
}

export interface SlaImportResult {
  readonly items: readonly ImportedSla[];
}

const MAX_SLAS_PER_FILE = 100;
const MAX_ALIASES = 100;
const TWENTY_FOUR_SEVEN = ['24/7', '24x7'];
const TOP_KEYS = [
  'name',
  'description',
  'owner',
  'effectiveFrom',
  'customers',
  'services',
  'calendar',
  'targets',
  'pauseStatuses',
  'warnings',
  'availability',
  'reviewIntervalMonths',
  'credits',
  'complianceGoal',
];

const invalid = (message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('SLA_IMPORT_INVALID', message, details);
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The SLA documents of a YAML (or JSON) text: one per document, or one per entry of a top-level list. */
export function parseSlaDocuments(text: string): Record<string, unknown>[] {
  const docs = parseAllDocuments(text.replace(/^\uFEFF/, ''), { prettyErrors: false });
  const out: Record<string, unknown>[] = [];
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) throw invalid(`not valid YAML: ${error.message.split('\n')[0] ?? 'syntax error'}`);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (e) {
      throw invalid(`not valid YAML: ${(e as Error).message.split('\n')[0] ?? ''}`);
    }
    if (value === null || value === undefined) continue;
    for (const entry of Array.isArray(value) ? value : [value]) {
      if (!isRecord(entry)) throw invalid('each SLA must be a mapping with at least a name');
      out.push(entry);
    }
  }
  if (out.length === 0) throw invalid('the file holds no SLA');
  if (out.length > MAX_SLAS_PER_FILE) throw invalid(`one file may hold at most ${MAX_SLAS_PER_FILE} SLAs`);
  return out;
}

/** "99.5%" → 0.995; numbers stay as they are, anything else is left for validation to refuse. */
function share(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
  return m ? Number(m[1]) / 100 : value;
}

function percentNumber(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
  return m ? Number(m[1]) : value;
}

/** Resolves references to customers, services, calendars and users given by id or by name. */
class References {
  constructor(private readonly repos: Repositories) {}

  private static one<T extends { id: string }>(
    found: readonly T[],
    kind: string,
    code: string,
    ref: string,
    field: string,
  ): string {
    if (found.length === 0)
      throw new DomainError(code, `${field}: there is no ${kind} with the id or name "${ref}"`, {
        field,
        ref,
      });
    if (found.length > 1) {
      throw new DomainError(
        'SLA_IMPORT_AMBIGUOUS',
        `${field}: ${found.length} ${kind}s are named "${ref}"; use the id`,
        { field, ref, ids: found.map((f) => f.id) },
      );
    }
    return (found[0] as T).id;
  }

  private static text(ref: unknown, field: string): string {
    if (typeof ref !== 'string' || ref.trim() === '')
      throw invalid(`${field} must be a name or an id`, { field });
    return ref.trim();
  }

  async calendar(ref: unknown, field: string): Promise<string | null> {
    if (ref === null) return null;
    const text = References.text(ref, field);
    if (TWENTY_FOUR_SEVEN.includes(text.toLowerCase())) return null;
    if (await this.repos.catalog.findCalendar(text)) return text;
    const found = (await this.repos.catalog.listCalendars()).filter(
      (c) => c.name.trim().toLowerCase() === text.toLowerCase(),
    );
    return References.one(found, 'calendar', 'SLA_CALENDAR_UNKNOWN', text, field);
  }

  async customer(ref: unknown, field: string): Promise<string> {
    const text = References.text(ref, field);
    if (await this.repos.customers.findById(text)) return text;
    const wanted = text.toLowerCase();
    const page = await this.repos.customers.list(
      { q: text, includeArchived: true },
      { limit: 500, offset: 0 },
    );
    const found = page.items.filter(
      (c) => c.name.toLowerCase() === wanted || c.shortName?.toLowerCase() === wanted,
    );
    return References.one(found, 'customer', 'SLA_CUSTOMER_UNKNOWN', text, field);
  }

  async service(ref: unknown, field: string): Promise<string> {
    const text = References.text(ref, field);
    if (await this.repos.catalog.findServiceName(text)) return text;
    return References.one(
      await this.repos.slas.findServicesByName(text),
      'service',
      'SLA_SERVICE_UNKNOWN',
      text,
      field,
    );
  }

  async user(ref: unknown, field: string): Promise<string> {
    const text = References.text(ref, field);
    const user =
      (await this.repos.accounts.findUserById(text)) ??
      (await this.repos.accounts.findUserByEmail(text.toLowerCase()));
    if (!user)
      throw new DomainError(
        'SLA_OWNER_UNKNOWN',
        `${field}: there is no user with the id or e-mail "${text}"`,
        { field, ref: text },
      );
    return user.id;
  }
}

function listOf(value: unknown, field: string): readonly unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid(`${field} must be a list`, { field });
  return value;
}

async function targetOf(
  refs: References,
  value: unknown,
  field: string,
  defaultCalendar: string | null,
): Promise<TargetInput> {
  if (typeof value === 'string' || typeof value === 'number')
    return { duration: value, calendarId: defaultCalendar };
  if (!isRecord(value))
    throw invalid(`${field} must be a duration such as PT4H, or { duration, calendar }`, { field });
  const unknownKey = Object.keys(value).find((k) => k !== 'duration' && k !== 'calendar');
  if (unknownKey)
    throw invalid(`${field}: unknown field "${unknownKey}" (use duration and calendar)`, { field });
  const calendarId =
    'calendar' in value ? await refs.calendar(value['calendar'], `${field}.calendar`) : defaultCalendar;
  return { duration: value['duration'] as string, calendarId };
}

async function targetsOf(
  refs: References,
  value: unknown,
  defaultCalendar: string | null,
): Promise<Record<string, PriorityTargetsInput>> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value))
    throw invalid('targets must map priorities (P1 …) to their targets', { field: 'targets' });
  const out: Record<string, PriorityTargetsInput> = {};
  for (const [priority, metrics] of Object.entries(value)) {
    const field = `targets.${priority}`;
    if (!isRecord(metrics))
      throw invalid(`${field} must hold firstResponse, resolution and/or update`, { field });
    const converted: Record<string, TargetInput> = {};
    for (const [metric, spec] of Object.entries(metrics))
      converted[metric] = await targetOf(refs, spec, `${field}.${metric}`, defaultCalendar);
    out[priority] = converted;
  }
  return out;
}

async function availabilityOf(refs: References, value: unknown): Promise<AvailabilityInput[]> {
  const out: AvailabilityInput[] = [];
  for (const [i, entry] of listOf(value, 'availability').entries()) {
    const field = `availability[${i}]`;
    if (!isRecord(entry)) throw invalid(`${field} must be { service, target, calendar }`, { field });
    const unknownKey = Object.keys(entry).find((k) => !['service', 'target', 'calendar'].includes(k));
    if (unknownKey)
      throw invalid(`${field}: unknown field "${unknownKey}" (use service, target and calendar)`, { field });
    out.push({
      serviceId: entry['service'] == null ? null : await refs.service(entry['service'], `${field}.service`),
      target: share(entry['target']) as number,
      calendarId:
        entry['calendar'] === undefined ? null : await refs.calendar(entry['calendar'], `${field}.calendar`),
    });
  }
  return out;
}

/** Turns one SLA document into the fields of the SLA and the input of its version, resolving names. */
async function fromDocument(
  repos: Repositories,
  doc: Record<string, unknown>,
): Promise<{ name: string; description?: string | null; owner?: string | null; input: VersionInput }> {
  const unknownKey = Object.keys(doc).find((k) => !TOP_KEYS.includes(k));
  if (unknownKey)
    throw invalid(`unknown field "${unknownKey}"; an SLA file knows ${TOP_KEYS.join(', ')}`, {
      field: unknownKey,
    });
  if (typeof doc['name'] !== 'string') throw invalid('an SLA needs a name', { field: 'name' });
  const refs = new References(repos);
  const defaultCalendar =
    doc['calendar'] === undefined ? null : await refs.calendar(doc['calendar'], 'calendar');
  const description = doc['description'];
  if (description !== undefined && description !== null && typeof description !== 'string')
    throw invalid('description must be text', { field: 'description' });
  const customers: string[] = [];
  for (const [i, ref] of listOf(doc['customers'], 'customers').entries())
    customers.push(await refs.customer(ref, `customers[${i}]`));
  const services: string[] = [];
  for (const [i, ref] of listOf(doc['services'], 'services').entries())
    services.push(await refs.service(ref, `services[${i}]`));
  const effectiveFrom = doc['effectiveFrom'];
  if (effectiveFrom !== undefined && effectiveFrom !== null && typeof effectiveFrom !== 'string') {
    throw invalid('effectiveFrom must be an ISO 8601 instant in quotes, e.g. "2026-04-01T00:00:00+02:00"', {
      field: 'effectiveFrom',
    });
  }
  const credits = listOf(doc['credits'], 'credits').map((c, i) => {
    if (!isRecord(c))
      throw invalid(`credits[${i}] must be { below, creditPercent }`, { field: `credits[${i}]` });
    return { ...c, below: share(c['below']), creditPercent: percentNumber(c['creditPercent']) };
  });
  return {
    name: cleanName(doc['name']),
    ...(description !== undefined ? { description: description as string | null } : {}),
    ...(doc['owner'] !== undefined
      ? { owner: doc['owner'] === null ? null : await refs.user(doc['owner'], 'owner') }
      : {}),
    input: {
      effectiveFrom: (effectiveFrom as string | null | undefined) ?? null,
      customerIds: customers,
      serviceIds: services,
      terms: {
        targets: await targetsOf(refs, doc['targets'], defaultCalendar),
        pauseStatuses: listOf(doc['pauseStatuses'], 'pauseStatuses') as string[],
        warnings: listOf(doc['warnings'], 'warnings').map(share) as number[],
        availability: await availabilityOf(refs, doc['availability']),
        ...(doc['reviewIntervalMonths'] !== undefined
          ? { reviewIntervalMonths: doc['reviewIntervalMonths'] as number }
          : {}),
        credits: credits as unknown as { below: number; creditPercent: number }[],
        // "90 %" or 0.9; left out, the report's default goal applies. Validated with the version's terms.
        ...(doc['complianceGoal'] !== undefined
          ? { complianceGoal: share(doc['complianceGoal']) as number }
          : {}),
      },
    },
  };
}

/**
 * Whether a stored version already says what the file says. A file without effectiveFrom leaves the date to
 * activation, so the date activation gave the stored version is no difference.
 */
const sameContent = (stored: VersionContent, file: VersionContent): boolean =>
  (file.effectiveFrom === null || stored.effectiveFrom === file.effectiveFrom) &&
  JSON.stringify([stored.customerIds, stored.serviceIds, stored.terms]) ===
    JSON.stringify([file.customerIds, file.serviceIds, file.terms]);

async function updateSlaFields(
  repos: Repositories,
  actor: Actor,
  now: number,
  sla: Sla,
  fields: { description?: string | null; owner?: string | null },
): Promise<Sla> {
  const description = fields.description === undefined ? sla.description : fields.description?.trim() || null;
  const ownerUserId = fields.owner === undefined ? sla.ownerUserId : fields.owner;
  if (description === sla.description && ownerUserId === sla.ownerUserId) return sla;
  await assertOwner(repos, ownerUserId);
  const after: Sla = { ...sla, description, ownerUserId, updatedAt: now };
  await repos.slas.updateSla(after);
  await auditSla(repos, actor, now, {
    action: 'sla.updated',
    slaId: sla.id,
    summary: `SLA "${sla.name}" updated from an SLA file`,
    changes: diff(sla as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>),
  });
  return after;
}

async function importOne(
  ctx: AppContext,
  repos: Repositories,
  actor: Actor,
  now: number,
  doc: Record<string, unknown>,
): Promise<ImportedSla> {
  const parsed = await fromDocument(repos, doc);
  const content = await resolveContent(repos, parsed.input, EMPTY_CONTENT);
  const existing = await repos.slas.findSlaByName(parsed.name);
  if (!existing) {
    const { sla, version } = await insertSlaWithDraft(
      ctx,
      repos,
      actor,
      now,
      {
        name: parsed.name,
        description: parsed.description?.trim() || null,
        ownerUserId: parsed.owner ?? null,
      },
      content,
    );
    return { name: sla.name, slaId: sla.id, version: version.version, action: 'created', changes: [] };
  }
  // Locked at its own updated_at: an import that changes nothing leaves the SLA as it was.
  const locked = await lockedSla(repos, existing.id, existing.updatedAt);
  const sla = await updateSlaFields(repos, actor, now, locked, parsed);
  const latest = (await repos.slas.listVersions(sla.id)).at(-1);
  if (latest && sameContent(latest, content)) {
    return {
      name: sla.name,
      slaId: sla.id,
      version: latest.version,
      action: sla === locked ? 'unchanged' : 'details_updated',
      changes: [],
    };
  }
  await repos.slas.updateSla({ ...sla, updatedAt: now });
  if (latest?.status === 'draft') {
    const stored = await storeDraft(repos, actor, now, sla, latest, content, null);
    return {
      name: sla.name,
      slaId: sla.id,
      version: stored.version.version,
      action: 'draft_updated',
      changes: stored.changes,
    };
  }
  const added = await addDraft(repos, actor, now, sla, content);
  return {
    name: sla.name,
    slaId: sla.id,
    version: added.version.version,
    action: 'version_created',
    changes: added.changes,
  };
}

/**
 * SLA as code: reads SLAs from YAML (one document, several `---` documents, or a list) whose references to
 * customers, services, calendars and the owner are ids or names. A name not known yet creates the SLA with a
 * draft version 1; a known name gets a new draft version (or its open draft is replaced); a file equal to
 * the latest version changes nothing. All SLAs of the file land together or none does (manager or admin).
 * @throws DomainError SLA_IMPORT_INVALID, SLA_IMPORT_AMBIGUOUS, SLA_IMPORT_DUPLICATE and every validation code of SLA versions
 */
export async function importSlaYaml(ctx: AppContext, actor: Actor, text: string): Promise<SlaImportResult> {
  requireSlaStaff(actor, 'manager');
  const docs = parseSlaDocuments(text);
  const names = new Set<string>();
  for (const doc of docs) {
    const name = typeof doc['name'] === 'string' ? doc['name'].trim().toLowerCase() : '';
    if (name !== '' && names.has(name))
      throw new DomainError('SLA_IMPORT_DUPLICATE', `the file describes SLA "${String(doc['name'])}" twice`, {
        name: doc['name'],
      });
    names.add(name);
  }
  const now = ctx.clock.now();
  const items = await ctx.storage.transaction(async (repos) => {
    // The name lock first, as every writer takes it before any SLA's row (see updateSla).
    await repos.slas.lockSlaNames();
    const out: ImportedSla[] = [];
    for (const [i, doc] of docs.entries()) {
      try {
        out.push(await importOne(ctx, repos, actor, now, doc));
      } catch (e) {
        if (!isDomainError(e)) throw e;
        const label = typeof doc['name'] === 'string' ? `SLA "${doc['name']}"` : `SLA #${i + 1}`;
        throw new DomainError(e.code, `${label}: ${e.message}`, { ...e.details, sla: i + 1 });
      }
    }
    return out;
  });
  for (const item of items) {
    if (item.action !== 'unchanged')
      publishSlaChange(ctx, item.slaId, now, { action: `import.${item.action}`, version: item.version });
  }
  return { items };
}
