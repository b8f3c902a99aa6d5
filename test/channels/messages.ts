import type { NotificationMessage } from '../../src/app/ports/notifier.ts';
import { parseInstant } from '../../src/domain/shared/time.ts';

/** Due Mon 2026-03-09 12:00 in Berlin (11:00 UTC, CET). */
export const DUE = parseInstant('2026-03-09T11:00:00Z');

export function breachNotice(locale: 'de' | 'en' = 'de', timeZone = 'Europe/Berlin'): NotificationMessage {
  return {
    idempotencyKey: 'ticket:7f1c:std:resolution:1:0',
    locale,
    timeZone,
    facts: {
      kind: 'ticket_breach',
      level: 2,
      ticket: {
        id: '7f1c',
        number: 4711,
        title: 'Drucker im 2. OG druckt nicht',
        customerName: 'Müller & Söhne GmbH',
        priority: 'P2',
        url: 'https://pledge.example.com/tickets/7f1c',
      },
      clock: { target: 'resolution', dueAt: DUE, breachedAt: DUE, shareUsed: 1 },
      acknowledgeUrl: 'https://pledge.example.com/ack/abc123',
    },
  };
}

export function warningNotice(): NotificationMessage {
  const m = breachNotice('en', 'America/New_York');
  return {
    ...m,
    idempotencyKey: 'ticket:7f1c:std:resolution:0:0',
    facts: {
      ...m.facts,
      kind: 'ticket_warning',
      level: 1,
      clock: { target: 'resolution', dueAt: DUE, shareUsed: 0.75 },
    },
  };
}

export function outageNotice(): NotificationMessage {
  return {
    idempotencyKey: 'outage:o9:out:0:0',
    locale: 'de',
    timeZone: 'Europe/Berlin',
    facts: {
      kind: 'outage',
      level: 1,
      service: { id: 'mail', name: 'E-Mail (Exchange)', url: 'https://pledge.example.com/services/mail' },
      outage: { id: 'o9', startedAt: DUE, reason: 'HTTP 503' },
    },
  };
}
