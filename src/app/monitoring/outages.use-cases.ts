import type { CheckResult } from '../../domain/monitoring/types.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import { DAY_MS } from '../../domain/shared/time.ts';
import { assertCustomerVisible, type Actor } from '../actor.ts';
import type { AppContext } from '../context.ts';
import { pageRequest, type Page } from '../pagination.ts';
import type { Outage } from './monitoring.repository.ts';
import { visibleMonitor } from './monitors.use-cases.ts';

export interface OutageQuery {
  readonly monitorId?: string;
  readonly serviceId?: string;
  readonly customerId?: string;
  readonly from?: number;
  readonly to?: number;
  readonly open?: boolean;
  readonly limit?: number;
  readonly offset?: number;
}

export async function listOutages(ctx: AppContext, actor: Actor, query: OutageQuery): Promise<Page<Outage>> {
  const page = pageRequest(query.limit, query.offset);
  if (query.from !== undefined && query.to !== undefined && query.to < query.from) {
    throw new DomainError('OUTAGE_QUERY_INVALID', '"to" must not be before "from"');
  }
  return ctx.storage.monitoring.listOutages(
    {
      visibleToCustomer: actor.customerId,
      ...(query.monitorId !== undefined ? { monitorIds: [query.monitorId] } : {}),
      ...(query.serviceId !== undefined ? { serviceId: query.serviceId } : {}),
      ...(query.customerId !== undefined ? { customerId: query.customerId } : {}),
      ...(query.from !== undefined ? { from: query.from } : {}),
      ...(query.to !== undefined ? { to: query.to } : {}),
      ...(query.open ? { openOnly: true } : {}),
    },
    page,
  );
}

export async function getOutage(ctx: AppContext, actor: Actor, id: string): Promise<Outage> {
  const o = await ctx.storage.monitoring.findOutage(id);
  if (!o) throw new DomainError('OUTAGE_NOT_FOUND', 'outage not found', { id });
  if (o.customerId !== null) assertCustomerVisible(actor, o.customerId, 'OUTAGE_NOT_FOUND', 'outage');
  return o;
}

/** Raw checks of a monitor, newest first; the last day unless a range is given. */
export async function listChecks(
  ctx: AppContext,
  actor: Actor,
  monitorId: string,
  query: { readonly from?: number; readonly to?: number; readonly limit?: number },
): Promise<readonly CheckResult[]> {
  await visibleMonitor(ctx, actor, monitorId);
  const to = query.to ?? ctx.clock.now() + 1;
  const from = query.from ?? to - DAY_MS;
  if (to < from) throw new DomainError('CHECKS_QUERY_INVALID', '"to" must not be before "from"');
  return ctx.storage.monitoring.checks(monitorId, from, to, query.limit ?? 1000);
}
