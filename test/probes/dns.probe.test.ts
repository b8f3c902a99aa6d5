import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMonitorDefinition } from '../../src/domain/monitoring/monitor-definition.ts';
import { runProbe } from '../../src/workers/probes/probe.ts';
import { closedPort, startDnsServer, type LoopbackDnsServer } from '../support/loopback-servers.ts';

describe('the DNS probe, against a DNS server on loopback', () => {
  let dns: LoopbackDnsServer;
  beforeAll(async () => {
    dns = await startDnsServer({
      'app.example.test': {
        A: ['192.0.2.10', '192.0.2.11'],
        AAAA: ['2001:db8::10'],
        TXT: ['v=spf1 -all', `long=${'x'.repeat(300)}`],
        MX: [
          { priority: 10, exchange: 'mx1.example.test' },
          { priority: 20, exchange: 'mx2.example.test' },
        ],
      },
      'www.example.test': { CNAME: ['app.example.test'] },
    });
  });
  afterAll(() => dns.close());

  const dnsMonitor = (config: Record<string, unknown>) =>
    parseMonitorDefinition({
      kind: 'dns',
      timeoutSeconds: 3,
      config: { name: 'app.example.test', server: dns.address, ...config },
    });

  it('is up when every expected A record is in the answer, in any order', async () => {
    const outcome = await runProbe(dnsMonitor({ recordType: 'A', expected: ['192.0.2.11', '192.0.2.10'] }));
    expect(outcome).toMatchObject({
      status: 'up',
      message: '',
      details: { answer: '192.0.2.10, 192.0.2.11' },
    });
  });

  it('is up with any answer when nothing is expected', async () => {
    expect((await runProbe(dnsMonitor({ recordType: 'A' }))).status).toBe('up');
  });

  it('is down when an expected value is missing from the answer', async () => {
    expect(
      await runProbe(dnsMonitor({ recordType: 'A', expected: ['192.0.2.10', '192.0.2.99'] })),
    ).toMatchObject({
      status: 'down',
      message: 'expected "192.0.2.99" not in the A answer (192.0.2.10, 192.0.2.11)',
    });
  });

  it('matches TXT values, joining strings longer than 255 bytes', async () => {
    const def = dnsMonitor({ recordType: 'TXT', expected: ['v=spf1 -all', `long=${'x'.repeat(300)}`] });
    expect((await runProbe(def)).status).toBe('up');
    expect((await runProbe(dnsMonitor({ recordType: 'TXT', expected: ['v=spf1 ~all'] }))).status).toBe(
      'down',
    );
  });

  it('matches AAAA in canonical form, CNAME without case or trailing dot, MX with or without priority', async () => {
    expect(
      (await runProbe(dnsMonitor({ recordType: 'AAAA', expected: ['2001:DB8:0:0:0:0:0:10'] }))).status,
    ).toBe('up');
    const cname = dnsMonitor({
      name: 'www.example.test',
      recordType: 'CNAME',
      expected: ['App.Example.Test.'],
    });
    expect((await runProbe(cname)).status).toBe('up');
    const mx = dnsMonitor({ recordType: 'MX', expected: ['10 mx1.example.test', 'mx2.example.test'] });
    expect((await runProbe(mx)).status).toBe('up');
    expect((await runProbe(dnsMonitor({ recordType: 'MX', expected: ['20 mx1.example.test'] }))).status).toBe(
      'down',
    );
  });

  it('is down on NXDOMAIN', async () => {
    expect(await runProbe(dnsMonitor({ name: 'nope.example.test' }))).toMatchObject({
      status: 'down',
      message: 'nope.example.test does not exist (NXDOMAIN)',
    });
  });

  it('is down when the name has no records of the type', async () => {
    expect(await runProbe(dnsMonitor({ name: 'www.example.test', recordType: 'A' }))).toMatchObject({
      status: 'down',
      message: 'no A records for www.example.test',
    });
  });

  it('follows changes to the zone', async () => {
    dns.zone = { ...dns.zone, 'new.example.test': { A: ['192.0.2.50'] } };
    const def = dnsMonitor({ name: 'new.example.test', expected: ['192.0.2.50'] });
    expect((await runProbe(def)).status).toBe('up');
  });

  it('is down when the server does not answer', async () => {
    const silent = `127.0.0.1:${await closedPort()}`;
    const outcome = await runProbe(
      parseMonitorDefinition({
        kind: 'dns',
        timeoutSeconds: 1,
        config: { name: 'app.example.test', server: silent },
      }),
    );
    expect(outcome.status).toBe('down');
  });
});
