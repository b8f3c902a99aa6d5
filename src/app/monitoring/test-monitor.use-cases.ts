import {
  parseMonitorDefinition,
  type MonitorDefinition,
} from '../../domain/monitoring/monitor-definition.ts';
import type { CheckStatus } from '../../domain/monitoring/types.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import { requireRole, type Actor } from '../actor.ts';
import type { AppContext } from '../context.ts';
import { visibleMonitor } from './monitors.use-cases.ts';

/** What one probe run found (the worker's probes implement this). */
export interface ProbeResult {
  readonly status: CheckStatus;
  readonly latencyMs: number | null;
  readonly message: string;
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
}

/** Runs one check of a definition within its timeout; never throws. */
export type ProbeRunner = (def: MonitorDefinition, signal?: AbortSignal) => Promise<ProbeResult>;

export interface TestOutcome extends ProbeResult {
  readonly at: number;
}

/**
 * "Test now": runs the probe of a saved monitor, or of a definition not yet saved, once, and returns what it
 * found. Nothing is recorded: a test never changes a monitor's state or figures.
 */
export async function testMonitor(
  ctx: AppContext,
  actor: Actor,
  probe: ProbeRunner | undefined,
  target: { readonly id: string } | { readonly definition: unknown },
): Promise<TestOutcome> {
  requireRole(actor, 'agent');
  if (!probe) throw new DomainError('MONITOR_TEST_UNAVAILABLE', 'this server cannot run checks');
  const def =
    'id' in target
      ? (await visibleMonitor(ctx, actor, target.id)).definition
      : parseMonitorDefinition(target.definition);
  if (def.kind === 'heartbeat' || def.kind === 'manual') {
    throw new DomainError(
      'MONITOR_NOT_PROBED',
      `a ${def.kind} monitor has no check to run: its state is ${def.kind === 'heartbeat' ? 'pushed to Pledge' : 'set by a person'}`,
    );
  }
  const at = ctx.clock.now();
  return { at, ...(await probe(def)) };
}
