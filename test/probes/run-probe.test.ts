import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseMonitorDefinition,
  type MonitorDefinition,
} from '../../src/domain/monitoring/monitor-definition.ts';
import { MONITOR_KINDS } from '../../src/domain/monitoring/types.ts';
import { probeFor, runProbe } from '../../src/workers/probes/probe.ts';
import { startHttpServer, type LoopbackHttpServer } from '../support/loopback-servers.ts';

describe('probeFor', () => {
  it('has a probe for every kind Pledge checks itself, and none for heartbeat and manual', () => {
    const probed = MONITOR_KINDS.filter((kind) => probeFor(kind) !== undefined);
    expect(probed).toEqual(['http', 'tcp', 'dns', 'tls', 'ping']);
    for (const kind of probed) expect(probeFor(kind)?.kind).toBe(kind);
  });
});

describe('runProbe', () => {
  let server: LoopbackHttpServer;
  beforeAll(async () => {
    server = await startHttpServer();
  });
  afterAll(() => server.close());

  it('answers down for kinds that are not probed', async () => {
    expect(await runProbe(parseMonitorDefinition({ kind: 'manual' }))).toEqual({
      status: 'down',
      latencyMs: null,
      message: 'a manual monitor is not checked by Pledge; its state is set by a person',
    });
  });

  it('turns an error inside a probe into a down outcome instead of throwing', async () => {
    const valid = parseMonitorDefinition({ kind: 'http', config: { url: `${server.origin}/` } });
    const broken = { ...valid, config: { ...valid.config, url: 'not a url' } } as MonitorDefinition;
    const outcome = await runProbe(broken);
    expect(outcome.status).toBe('down');
    expect(outcome.message).toMatch(/Invalid URL/);
  });

  it('stops a check when the caller cancels it', async () => {
    const def = parseMonitorDefinition({ kind: 'http', config: { url: `${server.origin}/hang` } });
    const controller = new AbortController();
    const outcome = runProbe(def, controller.signal);
    await expect.poll(() => server.requests.some((r) => r.url === '/hang')).toBe(true);
    controller.abort();
    expect(await outcome).toEqual({ status: 'down', latencyMs: null, message: 'check cancelled' });
  });

  it('does not start a check that is already cancelled', async () => {
    const def = parseMonitorDefinition({ kind: 'http', config: { url: `${server.origin}/` } });
    const before = server.requests.length;
    expect((await runProbe(def, AbortSignal.abort())).message).toBe('check cancelled');
    expect(server.requests).toHaveLength(before);
  });
});
