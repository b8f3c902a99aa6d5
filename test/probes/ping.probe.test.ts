import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMonitorDefinition } from '../../src/domain/monitoring/monitor-definition.ts';
import { parsePingOutput } from '../../src/workers/probes/ping.probe.ts';
import { runProbe } from '../../src/workers/probes/probe.ts';

const pingMonitor = (host: string) =>
  parseMonitorDefinition({ kind: 'ping', timeoutSeconds: 2, config: { host } });

describe('the ping probe (system ping)', () => {
  it('is up for 127.0.0.1, with the round trip as latency', async () => {
    const outcome = await runProbe(pingMonitor('127.0.0.1'));
    expect(outcome).toMatchObject({ status: 'up', message: '', details: { transmitted: 1, received: 1 } });
    expect(outcome.latencyMs).toEqual(expect.any(Number));
  });

  it('is down for a name that does not resolve', async () => {
    const outcome = await runProbe(pingMonitor('no-such-host.invalid'));
    expect(outcome.status).toBe('down');
    expect(outcome.latencyMs).toBeNull();
    expect(outcome.message).not.toBe('');
  });
});

describe('parsePingOutput', () => {
  it('reads the counts and the average round trip', () => {
    const stdout = [
      'PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data.',
      '',
      '--- 10.0.0.1 ping statistics ---',
      '3 packets transmitted, 2 received, 33.3333% packet loss, time 2003ms',
      'rtt min/avg/max/mdev = 0.051/0.075/0.099/0.024 ms',
    ].join('\n');
    expect(parsePingOutput(stdout)).toEqual({ transmitted: 3, received: 2, avgMs: 0.075 });
  });

  it('has no round trip when nothing came back', () => {
    const stdout = '1 packets transmitted, 0 received, 100% packet loss, time 0ms\n';
    expect(parsePingOutput(stdout)).toEqual({ transmitted: 1, received: 0, avgMs: undefined });
  });
});

describe('the ping probe without a ping command', () => {
  it('is down and says what to install', async () => {
    const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pledge-no-ping-'));
    const saved = process.env['PATH'];
    process.env['PATH'] = emptyDir;
    try {
      expect(await runProbe(pingMonitor('127.0.0.1'))).toEqual({
        status: 'down',
        latencyMs: null,
        message: 'the system has no ping command (install iputils-ping)',
      });
    } finally {
      process.env['PATH'] = saved;
      fs.rmSync(emptyDir, { recursive: true, force: true });
    }
  });
});
