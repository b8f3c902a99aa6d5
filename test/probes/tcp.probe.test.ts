import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMonitorDefinition } from '../../src/domain/monitoring/monitor-definition.ts';
import { runProbe } from '../../src/workers/probes/probe.ts';
import { closedPort, startTcpListener, type LoopbackTcpListener } from '../support/loopback-servers.ts';

const tcpMonitor = (port: number) =>
  parseMonitorDefinition({ kind: 'tcp', config: { host: '127.0.0.1', port } });

describe('the TCP probe', () => {
  let listener: LoopbackTcpListener;
  beforeAll(async () => {
    listener = await startTcpListener();
  });
  afterAll(() => listener.close());

  it('is up when the port accepts a connection, with the connect time as latency', async () => {
    const outcome = await runProbe(tcpMonitor(listener.port));
    expect(outcome).toMatchObject({ status: 'up', message: '', details: { address: '127.0.0.1' } });
    expect(outcome.latencyMs).toEqual(expect.any(Number));
  });

  it('is down with "connection refused" on a closed port', async () => {
    expect(await runProbe(tcpMonitor(await closedPort()))).toEqual({
      status: 'down',
      latencyMs: null,
      message: 'connection refused (ECONNREFUSED)',
    });
  });
});
