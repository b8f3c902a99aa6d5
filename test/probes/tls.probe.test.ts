import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMonitorDefinition } from '../../src/domain/monitoring/monitor-definition.ts';
import { DAY_MS, HOUR_MS } from '../../src/domain/shared/time.ts';
import { runProbe } from '../../src/workers/probes/probe.ts';
import { parseCertificateDate } from '../../src/workers/probes/tls.probe.ts';
import {
  closedPort,
  selfSignedCertificate,
  startHttpServer,
  type LoopbackHttpServer,
} from '../support/loopback-servers.ts';

describe('the TLS probe, against a self-signed certificate that expires in 5 days', () => {
  let server: LoopbackHttpServer;
  let expiresAt: number;
  beforeAll(async () => {
    const material = await selfSignedCertificate(5);
    expiresAt = Date.parse(new X509Certificate(material.cert).validTo);
    server = await startHttpServer(material);
  });
  afterAll(() => server.close());

  const tlsMonitor = (config: Record<string, unknown>) =>
    parseMonitorDefinition({ kind: 'tls', config: { host: '127.0.0.1', port: server.port, ...config } });
  /** A clock standing `before` milliseconds before the certificate expires. */
  const clockBeforeExpiry = (before: number) => ({ now: () => expiresAt - before });

  it('is degraded when the certificate expires within warnDays, and says when', async () => {
    const outcome = await runProbe(tlsMonitor({ warnDays: 14, verifyTls: false }));
    expect(outcome.status).toBe('degraded');
    expect(outcome.message).toMatch(/^certificate expires in [45] days \(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)$/);
    expect(outcome.details?.['expiresAt']).toBe(new Date(expiresAt).toISOString().replace('.000Z', 'Z'));
  });

  it('counts whole days left, with the clock it is given', async () => {
    const clock = clockBeforeExpiry(5 * DAY_MS - HOUR_MS);
    const outcome = await runProbe(tlsMonitor({ warnDays: 14, verifyTls: false }), undefined, { clock });
    expect(outcome.message).toMatch(/^certificate expires in 4 days \(/);
    expect(outcome.details).toMatchObject({ daysLeft: 4, subject: 'localhost', authorized: false });
  });

  it('is up when the certificate outlives warnDays', async () => {
    const outcome = await runProbe(tlsMonitor({ warnDays: 3, verifyTls: false }));
    expect(outcome).toMatchObject({ status: 'up', message: '' });
    expect(outcome.details?.['daysLeft']).toEqual(expect.any(Number));
  });

  it('is down once the certificate has expired', async () => {
    const clock = clockBeforeExpiry(-2 * DAY_MS + HOUR_MS);
    const outcome = await runProbe(tlsMonitor({ verifyTls: false }), undefined, { clock });
    expect(outcome.status).toBe('down');
    expect(outcome.message).toMatch(/^certificate expired 2 days ago \(/);
  });

  it('is down when the certificate is not trusted and verifyTls is on', async () => {
    const outcome = await runProbe(tlsMonitor({ warnDays: 3 }));
    expect(outcome).toMatchObject({
      status: 'down',
      message: 'certificate not trusted (self-signed certificate)',
    });
    expect(outcome.details?.['expiresAt']).toEqual(expect.any(String));
  });

  it('is down when nothing listens', async () => {
    const port = await closedPort();
    expect(await runProbe(tlsMonitor({ port }))).toMatchObject({
      status: 'down',
      message: 'connection refused (ECONNREFUSED)',
    });
  });
});

describe('parseCertificateDate', () => {
  it('reads OpenSSL dates, with one- and two-digit days', () => {
    expect(parseCertificateDate('Mar  5 12:00:00 2026 GMT')).toBe(Date.UTC(2026, 2, 5, 12));
    expect(parseCertificateDate('Dec 31 23:59:59 2049 GMT')).toBe(Date.UTC(2049, 11, 31, 23, 59, 59));
    expect(parseCertificateDate('2026-03-05')).toBeUndefined();
  });
});
