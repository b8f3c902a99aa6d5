import { describeMonitorTarget } from '../../domain/monitoring/monitor-definition.ts';
import { formatInstant } from '../../domain/shared/time.ts';
import { SYSTEM_ACTOR } from '../actor.ts';
import type { AppContext } from '../context.ts';
import { addTicketEvent, createTicket } from '../tickets/tickets.use-cases.ts';
import type { RecordedCheck } from './check-recording.ts';

const minutes = (ms: number): string => `${Math.max(1, Math.round(ms / 60_000))} min`;

/**
 * Outages of monitors with `openIncident` open an incident ticket for the monitor's customer and service, so
 * its SLA clocks start — backdated to the first failed check, when the outage began. When the outage ends, the
 * ticket gets a note; resolving it stays with a person, who knows whether the cause is fixed.
 */
export async function outageTickets(ctx: AppContext, recorded: RecordedCheck): Promise<void> {
  const { monitor } = recorded;
  const opened = recorded.openedOutage;
  if (opened && monitor.definition.openIncident && monitor.customerId !== null) {
    const { ticket } = await createTicket(ctx, SYSTEM_ACTOR, {
      customerId: monitor.customerId,
      serviceId: monitor.serviceId,
      type: 'incident',
      title: `Outage: ${monitor.name}`,
      description:
        `The monitor "${monitor.name}" (${describeMonitorTarget(monitor.definition)}) confirmed an outage ` +
        `that began at ${formatInstant(opened.startedAt)}: ${opened.cause}`,
      impact: 'high',
      urgency: 'high',
      externalRef: `outage:${opened.id}`,
      createdAt: formatInstant(opened.startedAt),
    });
    await ctx.storage.monitoring.setOutageTicket(opened.id, ticket.id);
  }
  const closed = recorded.closedOutage;
  if (closed) {
    const outage = await ctx.storage.monitoring.findOutage(closed.id);
    if (outage?.ticketId) {
      await addTicketEvent(ctx, SYSTEM_ACTOR, outage.ticketId, {
        type: 'note',
        body: `The monitor "${monitor.name}" is up again since ${formatInstant(closed.endedAt)}; the outage lasted ${minutes(closed.endedAt - outage.startedAt)}.`,
      }).catch(() => undefined);
    }
  }
}
