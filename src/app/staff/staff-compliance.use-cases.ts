// A staff member's own compliance figures: how the tickets assigned to them met their SLA targets in a month.
import { DEFAULT_COMPLIANCE_GOAL } from '../../domain/reports/customer-report.ts';
import {
  parsePeriod,
  periodContaining,
  reportPeriod,
  type ReportPeriod,
} from '../../domain/reports/periods.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import { staffFigures, type StaffFigures } from '../../domain/staff/staff-figures.ts';
import { requireRole, roleAtLeast, type Actor } from '../actor.ts';
import type { AppContext } from '../context.ts';

export interface StaffCompliance {
  readonly user: { readonly id: string; readonly name: string; readonly timeZone: string };
  readonly period: ReportPeriod;
  readonly figures: StaffFigures;
  /** When "now" was, for the open tickets' figures. */
  readonly at: number;
}

/**
 * The figures of the tickets assigned to `userId` (their current assignee) in a period of the user's time zone
 * (UTC when they have none): `period` as the customer report reads it (2026-03, 2026-Q1, 2026, a range), this
 * month when absent. Agents see their own; managers and admins anyone's.
 * @throws DomainError USER_NOT_FOUND, PERIOD_INVALID, FORBIDDEN
 */
export async function staffCompliance(
  ctx: AppContext,
  actor: Actor,
  userId: string | 'me',
  period: string | undefined,
): Promise<StaffCompliance> {
  requireRole(actor, 'agent');
  if (actor.customerId !== null)
    throw new DomainError('FORBIDDEN', 'a token limited to one customer cannot do this', {
      required: 'agent',
    });
  const id = userId === 'me' ? actor.userId : userId;
  if (id === null)
    throw new DomainError(
      'FORBIDDEN',
      'compliance figures belong to a person: sign in or use your own token',
    );
  if (id !== actor.userId && !roleAtLeast(actor.role, 'manager'))
    throw new DomainError('FORBIDDEN', "another person's figures need the manager role or higher", {
      required: 'manager',
    });
  const user = await ctx.storage.accounts.findUserById(id);
  if (!user || user.role === 'customer') throw new DomainError('USER_NOT_FOUND', 'user not found');
  const timeZone = user.timeZone ?? 'UTC';
  const now = ctx.clock.now();
  const spec =
    period === undefined ? periodContaining('month', now, timeZone) : parsePeriod(period, timeZone);
  const resolved = reportPeriod(spec, timeZone);
  const range = { start: resolved.start, end: resolved.end };
  const [tickets, open] = await Promise.all([
    ctx.storage.acknowledgements.assignedTickets(id, range),
    ctx.storage.acknowledgements.openAssignedTickets(id),
  ]);
  return {
    user: { id: user.id, name: user.name, timeZone },
    period: resolved,
    figures: staffFigures({ period: range, tickets, goal: DEFAULT_COMPLIANCE_GOAL, open, now }),
    at: now,
  };
}
