import type { Clock } from '../../app/ports/system.ts';
import type { MonitorDefinition, MonitorDefinitionOf } from '../../domain/monitoring/monitor-definition.ts';
import type { CheckStatus, MonitorKind } from '../../domain/monitoring/types.ts';
import { SECOND_MS } from '../../domain/shared/time.ts';
import { dnsProbe } from './dns.probe.ts';
import { describeError } from './errors.ts';
import { httpProbe } from './http.probe.ts';
import { down } from './outcome.ts';
import { pingProbe } from './ping.probe.ts';
import { tcpProbe } from './tcp.probe.ts';
import { tlsProbe } from './tls.probe.ts';

/** What one check found. `message` is "" when up, otherwise why not, in words a person understands. */
export interface ProbeOutcome {
  readonly status: CheckStatus;
  readonly latencyMs: number | null;
  readonly message: string;
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
}

export interface ProbeOptions {
  /** Aborted when the check times out or is cancelled; the probe then releases its socket or process. */
  readonly signal?: AbortSignal;
  /** The wall clock, for checks that compare dates (certificate expiry); defaults to the system clock. */
  readonly clock?: Clock;
}

/** One kind of check. A probe only looks; it never writes to storage and never decides about outages. */
export interface Probe<K extends MonitorKind> {
  readonly kind: K;
  run(def: MonitorDefinitionOf<K>, options: ProbeOptions): Promise<ProbeOutcome>;
}

/** The kinds Pledge checks itself; `heartbeat` is pushed to us and `manual` is set by a person. */
export type ProbedKind = Exclude<MonitorKind, 'heartbeat' | 'manual'>;

const PROBES: { readonly [K in ProbedKind]: Probe<K> } = {
  http: httpProbe,
  tcp: tcpProbe,
  dns: dnsProbe,
  tls: tlsProbe,
  ping: pingProbe,
};

const isProbed = (kind: MonitorKind): kind is ProbedKind => Object.hasOwn(PROBES, kind);

/** The probe of a monitor kind, or `undefined` for kinds nobody probes (heartbeat, manual). */
export function probeFor<K extends MonitorKind>(kind: K): Probe<K> | undefined {
  return isProbed(kind) ? (PROBES[kind] as unknown as Probe<K>) : undefined;
}

/**
 * Runs one check of a monitor within its `timeoutSeconds`. It never throws: a timeout, a cancellation or
 * any error becomes a `down` outcome with a message that says what happened.
 */
export async function runProbe(
  def: MonitorDefinition,
  signal?: AbortSignal,
  options: { readonly clock?: Clock } = {},
): Promise<ProbeOutcome> {
  const probe = probeFor(def.kind) as Probe<MonitorKind> | undefined;
  if (!probe) {
    const how = def.kind === 'heartbeat' ? 'is pushed to Pledge' : 'is set by a person';
    return down(`a ${def.kind} monitor is not checked by Pledge; its state ${how}`);
  }
  if (signal?.aborted) return down('check cancelled');
  const controller = new AbortController();
  return new Promise<ProbeOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: ProbeOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCancel);
      resolve(outcome);
    };
    const stop = (message: string): void => {
      finish(down(message));
      controller.abort(new Error(message));
    };
    const onCancel = (): void => stop('check cancelled');
    const timer = setTimeout(
      () => stop(`timed out after ${def.timeoutSeconds} s`),
      def.timeoutSeconds * SECOND_MS,
    );
    signal?.addEventListener('abort', onCancel, { once: true });
    const runOptions: ProbeOptions = {
      signal: controller.signal,
      ...(options.clock && { clock: options.clock }),
    };
    Promise.resolve()
      .then(() => probe.run(def, runOptions))
      .then(finish, (error: unknown) => finish(down(describeError(error))));
  });
}
