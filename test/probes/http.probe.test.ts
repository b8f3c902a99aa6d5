import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseMonitorDefinition } from '../../src/domain/monitoring/monitor-definition.ts';
import { runProbe } from '../../src/workers/probes/probe.ts';
import {
  selfSignedCertificate,
  startHttpServer,
  type LoopbackHttpServer,
} from '../support/loopback-servers.ts';

const httpMonitor = (config: Record<string, unknown>, common: Record<string, unknown> = {}) =>
  parseMonitorDefinition({ kind: 'http', ...common, config });

describe('the HTTP probe', () => {
  let server: LoopbackHttpServer;
  beforeAll(async () => {
    server = await startHttpServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.behave('up');
    server.requests.length = 0;
  });

  it('is up when the status is expected, and says so with an empty message', async () => {
    const outcome = await runProbe(httpMonitor({ url: `${server.origin}/` }));
    expect(outcome).toMatchObject({ status: 'up', message: '', details: { statusCode: 200, redirects: 0 } });
    expect(outcome.latencyMs).toEqual(expect.any(Number));
  });

  it('is down on a 503 and names the expected statuses', async () => {
    server.behave('down');
    expect(await runProbe(httpMonitor({ url: `${server.origin}/` }))).toMatchObject({
      status: 'down',
      message: 'HTTP 503 (expected 200-299)',
    });
  });

  it('accepts a 503 when the monitor expects it', async () => {
    server.behave('down');
    const outcome = await runProbe(httpMonitor({ url: `${server.origin}/`, expectedStatus: '200,503' }));
    expect(outcome.status).toBe('up');
  });

  it('is degraded when the answer takes longer than degradedAboveMs', async () => {
    server.behave('slow', { delayMs: 300 });
    const outcome = await runProbe(httpMonitor({ url: `${server.origin}/` }, { degradedAboveMs: 100 }));
    expect(outcome.status).toBe('degraded');
    expect(outcome.message).toMatch(/^response took \d+ ms \(degraded above 100 ms\)$/);
    expect(outcome.latencyMs).toBeGreaterThan(100);
  });

  it('is down when the keyword is missing', async () => {
    server.behave('keyword-missing');
    expect(await runProbe(httpMonitor({ url: `${server.origin}/`, keyword: 'OK' }))).toMatchObject({
      status: 'down',
      message: 'keyword "OK" not found',
    });
    server.behave('up');
    expect((await runProbe(httpMonitor({ url: `${server.origin}/`, keyword: 'OK' }))).status).toBe('up');
  });

  it('with keywordAbsent, is down when the keyword is present and up when it is not', async () => {
    const def = httpMonitor({ url: `${server.origin}/`, keyword: 'maintenance', keywordAbsent: true });
    server.behave('keyword-missing');
    expect(await runProbe(def)).toMatchObject({ status: 'down', message: 'keyword "maintenance" found' });
    server.behave('up');
    expect((await runProbe(def)).status).toBe('up');
  });

  it('checks a value in a JSON body', async () => {
    server.behave('json');
    const url = `${server.origin}/`;
    expect((await runProbe(httpMonitor({ url, jsonPath: '$.status', jsonExpected: 'ok' }))).status).toBe(
      'up',
    );
    expect(
      (await runProbe(httpMonitor({ url, jsonPath: 'data.items[0].ok', jsonExpected: 'true' }))).status,
    ).toBe('up');
    expect((await runProbe(httpMonitor({ url, jsonPath: '$.version', jsonExpected: '3' }))).status).toBe(
      'up',
    );
    expect(
      await runProbe(httpMonitor({ url, jsonPath: 'data.items[1].ok', jsonExpected: 'true' })),
    ).toMatchObject({
      status: 'down',
      message: 'JSON path data.items[1].ok is "false" (expected "true")',
    });
    expect(await runProbe(httpMonitor({ url, jsonPath: '$.missing' }))).toMatchObject({
      status: 'down',
      message: 'JSON path $.missing not found',
    });
    server.behave('up');
    expect(await runProbe(httpMonitor({ url, jsonPath: '$.status' }))).toMatchObject({
      status: 'down',
      message: 'cannot check JSON path $.status: the body is not JSON',
    });
  });

  it('follows a chain of relative redirects', async () => {
    const outcome = await runProbe(httpMonitor({ url: `${server.origin}/redirect/3` }));
    expect(outcome).toMatchObject({ status: 'up', details: { redirects: 3, url: `${server.origin}/` } });
    expect(server.requests.map((r) => r.url)).toEqual(['/redirect/3', '/redirect/2', '/redirect/1', '/']);
  });

  it('judges the redirect itself when followRedirects is off', async () => {
    const def = httpMonitor({ url: `${server.origin}/redirect/1`, followRedirects: false });
    expect(await runProbe(def)).toMatchObject({ status: 'down', message: 'HTTP 302 (expected 200-299)' });
  });

  it('gives up after 10 redirects', async () => {
    expect(await runProbe(httpMonitor({ url: `${server.origin}/loop` }))).toMatchObject({
      status: 'down',
      message: 'too many redirects (more than 10)',
    });
    expect(server.requests).toHaveLength(11);
  });

  it('sends the method, headers, body and its User-Agent; a 303 turns the POST into a GET', async () => {
    const def = httpMonitor({
      url: `${server.origin}/echo`,
      method: 'PUT',
      headers: { 'X-Token': 'abc' },
      body: '{"ping":true}',
      jsonPath: '$.body',
      jsonExpected: '{"ping":true}',
    });
    expect((await runProbe(def)).status).toBe('up');
    expect(server.requests[0]).toMatchObject({
      method: 'PUT',
      body: '{"ping":true}',
      headers: { 'x-token': 'abc', 'user-agent': 'Pledge-Monitor/0.1', 'content-length': '13' },
    });
    server.requests.length = 0;
    await runProbe(httpMonitor({ url: `${server.origin}/see-other`, method: 'POST', body: 'x' }));
    expect(server.requests.map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual([
      'POST /see-other x',
      'GET /echo ',
    ]);
  });

  it('times out on a server that never answers', async () => {
    const def = httpMonitor({ url: `${server.origin}/hang` }, { timeoutSeconds: 1, intervalSeconds: 10 });
    expect(await runProbe(def)).toEqual({ status: 'down', latencyMs: null, message: 'timed out after 1 s' });
  });

  it('is down with "connection refused" when nothing listens', async () => {
    const other = await startHttpServer();
    await other.close();
    expect(await runProbe(httpMonitor({ url: `${other.origin}/` }))).toMatchObject({
      status: 'down',
      message: 'connection refused (ECONNREFUSED)',
    });
  });
});

describe('the HTTP probe over TLS', () => {
  let server: LoopbackHttpServer;
  beforeAll(async () => {
    server = await startHttpServer(await selfSignedCertificate(5));
  });
  afterAll(() => server.close());

  it('is down on a self-signed certificate when verifying TLS', async () => {
    expect(await runProbe(httpMonitor({ url: `${server.origin}/` }))).toMatchObject({
      status: 'down',
      message: 'certificate not trusted (self-signed certificate)',
    });
  });

  it('is up on the same server with verifyTls false', async () => {
    const outcome = await runProbe(httpMonitor({ url: `${server.origin}/`, verifyTls: false }));
    expect(outcome).toMatchObject({ status: 'up', details: { statusCode: 200 } });
  });
});
