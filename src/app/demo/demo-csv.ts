// Planned tickets as the CSV the ticket import reads: one row per event. Internal notes are not part of
// that format; they are logged afterwards.
import { formatInstant } from '../../domain/shared/time.ts';
import { IMPORT_COLUMNS } from '../tickets/import.use-cases.ts';
import type { CustomerKey, ServiceKey } from './demo-catalog.ts';
import type { PlannedEvent, PlannedTicket } from './demo-history.ts';

export interface CsvIds {
  readonly customer: (key: CustomerKey) => string;
  readonly service: (key: ServiceKey) => string;
}

type Row = Readonly<Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>>;

const field = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

function eventRow(ref: string, e: PlannedEvent): Row | undefined {
  const base = { external_ref: ref, at: formatInstant(e.at), type: e.type };
  switch (e.type) {
    case 'reply':
      return { ...base, author: e.author ?? 'agent', public: String(e.public ?? true) };
    case 'status':
      return { ...base, status: e.status ?? '' };
    case 'priority':
      return { ...base, priority: e.priority ?? '' };
    case 'note':
      return undefined;
    default:
      return base;
  }
}

/** The import file of these tickets; `refs[i]` is the external reference of `tickets[i]`. */
export function historyCsv(tickets: readonly PlannedTicket[], refs: readonly string[], ids: CsvIds): string {
  const lines = [IMPORT_COLUMNS.join(',')];
  const write = (row: Row): void => {
    lines.push(IMPORT_COLUMNS.map((c) => field(row[c] ?? '')).join(','));
  };
  tickets.forEach((t, i) => {
    const ref = refs[i] ?? '';
    write({
      external_ref: ref,
      at: formatInstant(t.createdAt),
      type: 'created',
      customer: ids.customer(t.customer),
      service: ids.service(t.service),
      ticket_type: t.type,
      title: t.title,
      priority: t.priority,
      status: 'new',
    });
    for (const e of t.events) {
      const row = eventRow(ref, e);
      if (row) write(row);
    }
  });
  return `${lines.join('\n')}\n`;
}
