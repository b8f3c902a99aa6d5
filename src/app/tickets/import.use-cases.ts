import { DomainError, isDomainError } from '../../domain/shared/errors.ts';
import { parseInstant } from '../../domain/shared/time.ts';
import { requireRole, type Actor } from '../actor.ts';
import type { AppContext } from '../context.ts';
import { parseCsv, type CsvRecord } from './csv.ts';
import { syncTicket, type InboundTicket, type Tracker } from './inbound.use-cases.ts';
import { ClockTargets } from './ticket-clocks.ts';
import { eventType, type EventInput } from './ticket-events.ts';
import { TICKET_TYPES, type TicketType } from './tickets.repository.ts';
import { announce, priorityScheme } from './tickets.use-cases.ts';

/** The columns of an import file, one row per event; the `created` row carries the ticket's fields. */
export const IMPORT_COLUMNS = [
  'external_ref',
  'at',
  'type',
  'customer',
  'service',
  'ticket_type',
  'title',
  'priority',
  'status',
  'author',
  'public',
] as const;
type Column = (typeof IMPORT_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['external_ref', 'at', 'type'];

export interface ImportError {
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

export interface ImportResult {
  /** New tickets. */
  readonly created: number;
  /** Existing tickets (same external_ref) that received new events or fields. */
  readonly updated: number;
  /** Events logged, creations not counted. */
  readonly events: number;
  readonly errors: readonly ImportError[];
}

/** A failure that knows the line of the row it is about. */
class RowError extends DomainError {
  constructor(
    readonly line: number,
    code: string,
    message: string,
  ) {
    super(code, message, { line });
  }
}

interface Row {
  readonly line: number;
  readonly at: number;
  readonly type: string;
  readonly values: Readonly<Record<Column, string>>;
}

interface Group {
  readonly ref: string;
  readonly rows: Row[];
  bad: boolean;
}

function columnsOf(header: CsvRecord): Column[] {
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  const known = new Set<string>(IMPORT_COLUMNS);
  for (const c of columns) {
    if (!known.has(c))
      throw new DomainError(
        'CSV_HEADER_INVALID',
        `line 1: unknown column "${c}"; the columns are ${IMPORT_COLUMNS.join(',')}`,
        { line: 1, column: c },
      );
  }
  if (new Set(columns).size !== columns.length)
    throw new DomainError('CSV_HEADER_INVALID', 'line 1: a column appears twice', { line: 1 });
  for (const c of REQUIRED) {
    if (!columns.includes(c))
      throw new DomainError('CSV_HEADER_INVALID', `line 1: the column "${c}" is missing`, {
        line: 1,
        column: c,
      });
  }
  return columns as Column[];
}

function rowValues(columns: readonly Column[], fields: readonly string[]): Record<Column, string> {
  const values = {} as Record<Column, string>;
  for (const c of IMPORT_COLUMNS) values[c] = '';
  for (let i = 0; i < columns.length; i++) values[columns[i] as Column] = (fields[i] ?? '').trim();
  return values;
}

const optional = (v: string): string | undefined => (v === '' ? undefined : v);

function publicFlag(text: string, line: number): boolean | undefined {
  const v = text.toLowerCase();
  if (v === '') return undefined;
  if (v === 'true' || v === 'yes' || v === '1') return true;
  if (v === 'false' || v === 'no' || v === '0') return false;
  throw new RowError(line, 'TICKET_EVENT_INVALID', `public must be true or false, not "${text}"`);
}

function ticketType(text: string, line: number): TicketType | undefined {
  if (text === '') return undefined;
  if (!(TICKET_TYPES as readonly string[]).includes(text)) {
    throw new RowError(
      line,
      'TICKET_INVALID',
      `ticket_type must be ${TICKET_TYPES.join(' or ')}, not "${text}"`,
    );
  }
  return text as TicketType;
}

/** The event of a row, with only the fields its type uses. */
function rowEvent(row: Row): EventInput {
  const v = row.values;
  const at = v.at;
  switch (row.type) {
    case 'status':
      return { type: 'status', at, status: v.status };
    case 'reply': {
      const pub = publicFlag(v.public, row.line);
      return { type: 'reply', at, author: v.author, ...(pub === undefined ? {} : { public: pub }) };
    }
    case 'priority':
      return { type: 'priority', at, priority: v.priority };
    default:
      return { type: row.type, at };
  }
}

function byInstant(a: Row, b: Row): number {
  if (a.at !== b.at) return a.at - b.at;
  if (a.type === 'created' && b.type !== 'created') return -1;
  if (b.type === 'created' && a.type !== 'created') return 1;
  return a.line - b.line;
}

/** Reads the rows and groups them by ticket; rows that cannot be read become errors and spoil their ticket. */
function readRows(records: readonly CsvRecord[], columns: readonly Column[], errors: ImportError[]): Group[] {
  const groups = new Map<string, Group>();
  for (const record of records) {
    const line = record.line;
    const fail = (code: string, message: string): void => {
      errors.push({ line, code, message });
    };
    const values = rowValues(columns, record.fields);
    const ref = values.external_ref;
    let group: Group | undefined;
    if (ref !== '') {
      group = groups.get(ref) ?? { ref, rows: [], bad: false };
      groups.set(ref, group);
    }
    if (record.fields.length !== columns.length) {
      fail('CSV_ROW_INVALID', `expected ${columns.length} fields, found ${record.fields.length}`);
      if (group) group.bad = true;
      continue;
    }
    if (!group) {
      fail('TICKET_EXTERNAL_REF_REQUIRED', 'external_ref is empty');
      continue;
    }
    try {
      const at = parseInstant(values.at, 'at');
      if (values.type !== 'created') eventType(values.type);
      group.rows.push({ line, at, type: values.type, values });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      fail(e.code, e.message);
      group.bad = true;
    }
  }
  return [...groups.values()];
}

/** The inbound ticket of one group of rows, in time order; without a created row only its events. */
function inboundOf(group: Group): {
  input: InboundTicket;
  createdLine: number | undefined;
  eventLines: number[];
} {
  const rows = [...group.rows].sort(byInstant);
  const createdRows = rows.filter((r) => r.type === 'created');
  if (createdRows.length > 1) {
    throw new RowError(
      (createdRows[1] as Row).line,
      'TICKET_CREATED_DUPLICATE',
      'a ticket has one created row',
    );
  }
  const createdRow = createdRows[0];
  const events: EventInput[] = [];
  const eventLines: number[] = [];
  for (const r of rows) {
    if (r.type === 'created') continue;
    events.push(rowEvent(r));
    eventLines.push(r.line);
  }
  if (!createdRow)
    return {
      input: { externalRef: group.ref, customer: '', title: '', events },
      createdLine: undefined,
      eventLines,
    };
  const v = createdRow.values;
  const type = ticketType(v.ticket_type, createdRow.line);
  return {
    input: {
      externalRef: group.ref,
      customer: v.customer,
      service: optional(v.service) ?? null,
      type,
      title: v.title,
      priority: optional(v.priority),
      status: optional(v.status),
      createdAt: v.at,
      events,
    },
    createdLine: createdRow.line,
    eventLines,
  };
}

/**
 * Imports tickets with their history from CSV (managers): one row per event, grouped by external_ref and
 * applied in time order with their original instants, so clocks come out as they ran. Each ticket is
 * imported whole or not at all; bad rows are reported with their line. Importing a file again adds
 * nothing that is already there.
 */
export async function importTicketsCsv(ctx: AppContext, actor: Actor, text: string): Promise<ImportResult> {
  requireRole(actor, 'manager');
  const records = parseCsv(text);
  const header = records[0];
  if (!header)
    throw new DomainError(
      'CSV_EMPTY',
      `the file is empty; the first line names the columns: ${IMPORT_COLUMNS.join(',')}`,
    );
  const columns = columnsOf(header);
  const errors: ImportError[] = [];
  const groups = readRows(records.slice(1), columns, errors);
  const targets = new ClockTargets();
  const scheme = await priorityScheme(ctx.storage);
  let created = 0;
  let updated = 0;
  let events = 0;
  for (const group of groups) {
    if (group.bad || group.rows.length === 0) continue;
    const tracker: Tracker = { line: undefined };
    const firstLine = Math.min(...group.rows.map((r) => r.line));
    try {
      const { input, createdLine, eventLines } = inboundOf(group);
      if (createdLine === undefined && !(await ctx.storage.tickets.findByExternalRef(group.ref))) {
        throw new RowError(
          firstLine,
          'TICKET_CREATED_MISSING',
          `ticket "${group.ref}" is not known yet: it needs a created row`,
        );
      }
      const now = ctx.clock.now();
      const { outcome, result } = await ctx.storage.transaction((repos) =>
        syncTicket(ctx, repos, actor, input, {
          source: 'import',
          currentValues: false,
          tracker,
          targets,
          scheme,
          eventLines,
          ...(createdLine === undefined ? {} : { createdLine }),
        }),
      );
      if (outcome.created) created++;
      else if (outcome.changed) updated++;
      events += outcome.eventsAdded;
      if (result) announce(ctx, result, outcome.created, now);
    } catch (e) {
      if (!isDomainError(e)) throw e;
      errors.push({
        line: e instanceof RowError ? e.line : (tracker.line ?? firstLine),
        code: e.code,
        message: e.message,
      });
    }
  }
  errors.sort((a, b) => a.line - b.line);
  return { created, updated, events, errors };
}
