import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/errors.ts';
import {
  describeMonitorTarget,
  isIPv6,
  parseJsonPath,
  parseMonitorDefinition,
  parseStatusRanges,
  readJsonPath,
  statusMatches,
} from './monitor-definition.ts';

/** The field a definition is refused for, or 'valid'. */
function refusedField(definition: unknown): string {
  try {
    parseMonitorDefinition(definition);
    return 'valid';
  } catch (e) {
    if (isDomainError(e) && e.code === 'MONITOR_INVALID') return String(e.details?.['field']);
    throw e;
  }
}

const http = (config: Record<string, unknown>, common: Record<string, unknown> = {}): unknown => ({
  kind: 'http',
  ...common,
  config: { url: 'https://example.com/health', ...config },
});

describe('parseMonitorDefinition: defaults', () => {
  it('fills the schedule and HTTP defaults', () => {
    expect(parseMonitorDefinition(http({}))).toEqual({
      kind: 'http',
      intervalSeconds: 60,
      timeoutSeconds: 10,
      failuresToConfirm: 2,
      successesToRecover: 1,
      paused: false,
      openIncident: false,
      config: {
        url: 'https://example.com/health',
        method: 'GET',
        headers: {},
        expectedStatus: '200-299',
        keywordAbsent: false,
        followRedirects: true,
        verifyTls: true,
      },
    });
  });

  it('fills the defaults of every other kind', () => {
    expect(parseMonitorDefinition({ kind: 'tls', config: { host: 'example.com' } }).config).toEqual({
      host: 'example.com',
      port: 443,
      warnDays: 14,
      verifyTls: true,
    });
    expect(parseMonitorDefinition({ kind: 'ping', config: { host: '127.0.0.1' } }).config).toEqual({
      host: '127.0.0.1',
      count: 1,
    });
    expect(parseMonitorDefinition({ kind: 'dns', config: { name: 'example.com' } }).config).toEqual({
      name: 'example.com',
      recordType: 'A',
    });
    expect(parseMonitorDefinition({ kind: 'heartbeat' }).config).toEqual({ graceSeconds: 0 });
    expect(parseMonitorDefinition({ kind: 'manual', config: {} }).config).toEqual({});
  });

  it('keeps what was given', () => {
    const def = parseMonitorDefinition(
      http(
        {
          method: 'post',
          headers: { Authorization: 'Bearer x' },
          body: '{"ping":true}',
          expectedStatus: '200, 204,301 - 302',
          keyword: 'ERROR',
          keywordAbsent: true,
          jsonPath: '$.status',
          jsonExpected: 'ok',
          followRedirects: false,
          verifyTls: false,
        },
        { intervalSeconds: 30, timeoutSeconds: 5, failuresToConfirm: 3, successesToRecover: 2, paused: true },
      ),
    );
    expect(def).toMatchObject({
      intervalSeconds: 30,
      timeoutSeconds: 5,
      failuresToConfirm: 3,
      successesToRecover: 2,
      paused: true,
      config: {
        method: 'POST',
        expectedStatus: '200,204,301-302',
        keywordAbsent: true,
        followRedirects: false,
      },
    });
  });
});

describe('parseMonitorDefinition: refusals', () => {
  it.each([
    ['not an object', 'http', 'kind'],
    ['an unknown kind', { kind: 'smtp' }, 'kind'],
    ['an unknown top-level field', http({}, { retries: 2 }), 'retries'],
    ['an unknown config field', http({ timeout: 5 }), 'config.timeout'],
    ['an interval under 10 s', http({}, { intervalSeconds: 5, timeoutSeconds: 2 }), 'intervalSeconds'],
    ['a fractional interval', http({}, { intervalSeconds: 30.5 }), 'intervalSeconds'],
    ['a timeout of 0', http({}, { timeoutSeconds: 0 }), 'timeoutSeconds'],
    ['a timeout over 120 s', http({}, { intervalSeconds: 300, timeoutSeconds: 121 }), 'timeoutSeconds'],
    [
      'a timeout equal to the interval',
      http({}, { intervalSeconds: 10, timeoutSeconds: 10 }),
      'timeoutSeconds',
    ],
    ['11 failures to confirm', http({}, { failuresToConfirm: 11 }), 'failuresToConfirm'],
    ['0 successes to recover', http({}, { successesToRecover: 0 }), 'successesToRecover'],
    ['paused as a string', http({}, { paused: 'yes' }), 'paused'],
    ['a degraded threshold beyond the timeout', http({}, { degradedAboveMs: 10_000 }), 'degradedAboveMs'],
    ['a degraded threshold on a heartbeat', { kind: 'heartbeat', degradedAboveMs: 500 }, 'degradedAboveMs'],
    ['config as a list', { kind: 'tcp', config: [] }, 'config'],
    ['an ftp URL', http({ url: 'ftp://example.com/' }), 'config.url'],
    ['a relative URL', http({ url: '/health' }), 'config.url'],
    ['credentials in the URL', http({ url: 'https://u:p@example.com/' }), 'config.url'],
    ['an unknown method', http({ method: 'TRACE' }), 'config.method'],
    ['a header name with a space', http({ headers: { 'X Bad': '1' } }), 'config.headers.X Bad'],
    ['a header value with a newline', http({ headers: { 'X-A': 'a\r\nB: c' } }), 'config.headers.X-A'],
    [
      'a Content-Length header',
      http({ headers: { 'Content-Length': '3' } }),
      'config.headers.Content-Length',
    ],
    ['a status of 600', http({ expectedStatus: '200-600' }), 'config.expectedStatus'],
    ['a reversed status range', http({ expectedStatus: '299-200' }), 'config.expectedStatus'],
    ['a status wildcard', http({ expectedStatus: '2xx' }), 'config.expectedStatus'],
    ['keywordAbsent without a keyword', http({ keywordAbsent: true }), 'config.keywordAbsent'],
    ['an empty keyword', http({ keyword: '' }), 'config.keyword'],
    ['a keyword with HEAD', http({ method: 'HEAD', keyword: 'ok' }), 'config.keyword'],
    ['jsonExpected without jsonPath', http({ jsonExpected: 'ok' }), 'config.jsonExpected'],
    ['jsonExpected as a boolean', http({ jsonPath: 'ok', jsonExpected: true }), 'config.jsonExpected'],
    ['a JSON path with a wildcard', http({ jsonPath: '$.items[*].ok' }), 'config.jsonPath'],
    ['a bare $ as a JSON path', http({ jsonPath: '$' }), 'config.jsonPath'],
    ['a tcp port of 0', { kind: 'tcp', config: { host: 'db', port: 0 } }, 'config.port'],
    ['a tcp port of 65536', { kind: 'tcp', config: { host: 'db', port: 65536 } }, 'config.port'],
    ['a tcp monitor without a port', { kind: 'tcp', config: { host: 'db' } }, 'config.port'],
    ['a host that looks like an option', { kind: 'ping', config: { host: '-f' } }, 'config.host'],
    ['a host with a space', { kind: 'tcp', config: { host: 'db example', port: 1 } }, 'config.host'],
    ['a dotted quad out of range', { kind: 'ping', config: { host: '300.1.1.1' } }, 'config.host'],
    [
      'a DNS record type of PTR',
      { kind: 'dns', config: { name: 'x.example', recordType: 'PTR' } },
      'config.recordType',
    ],
    ['a DNS name with a slash', { kind: 'dns', config: { name: 'a/b.example' } }, 'config.name'],
    [
      'an empty expected list',
      { kind: 'dns', config: { name: 'x.example', expected: [] } },
      'config.expected',
    ],
    [
      'a resolver given by name',
      { kind: 'dns', config: { name: 'x.example', server: 'dns.google' } },
      'config.server',
    ],
    [
      'a resolver port of 70000',
      { kind: 'dns', config: { name: 'x.example', server: '1.1.1.1:70000' } },
      'config.server',
    ],
    [
      'an IPv6 resolver with a port but no brackets',
      { kind: 'dns', config: { name: 'x', server: '::1:53:' } },
      'config.server',
    ],
    ['366 warning days', { kind: 'tls', config: { host: 'example.com', warnDays: 366 } }, 'config.warnDays'],
    [
      'a ping count over the timeout',
      { kind: 'ping', timeoutSeconds: 3, config: { host: 'h', count: 4 } },
      'config.count',
    ],
    [
      'a negative heartbeat grace',
      { kind: 'heartbeat', config: { graceSeconds: -1 } },
      'config.graceSeconds',
    ],
    ['a manual monitor with config', { kind: 'manual', config: { url: 'x' } }, 'config.url'],
  ])('refuses %s', (_name, definition, field) => {
    expect(refusedField(definition)).toBe(field);
  });

  it('accepts resolver addresses with and without a port', () => {
    for (const server of ['1.1.1.1', '127.0.0.1:5353', '::1', '[::1]:53', '[2001:db8::1]']) {
      expect(refusedField({ kind: 'dns', config: { name: 'x.example', server } })).toBe('valid');
    }
  });

  it('accepts IPv6 hosts and SRV-style names', () => {
    expect(refusedField({ kind: 'tcp', config: { host: '::1', port: 22 } })).toBe('valid');
    expect(refusedField({ kind: 'dns', config: { name: '_sip._tcp.example.com.', recordType: 'SRV' } })).toBe(
      'valid',
    );
  });

  it('says what is wrong in the message', () => {
    expect(() => parseMonitorDefinition(http({}, { timeoutSeconds: 60 }))).toThrow(
      'timeoutSeconds: must be less than intervalSeconds (60)',
    );
  });
});

describe('status ranges', () => {
  it('matches single codes and inclusive ranges', () => {
    const ranges = parseStatusRanges('200,204,301-302');
    expect([200, 204, 301, 302].map((s) => statusMatches(ranges, s))).toEqual([true, true, true, true]);
    expect([201, 300, 303, 500].map((s) => statusMatches(ranges, s))).toEqual([false, false, false, false]);
  });
});

describe('JSON paths', () => {
  it.each([
    ['$.status', ['status']],
    ['status', ['status']],
    ['data.items[0].ok', ['data', 'items', 0, 'ok']],
    ['$[2].name', [2, 'name']],
    ['$.a-b.c_d', ['a-b', 'c_d']],
  ])('parses %s', (path, segments) => {
    expect(parseJsonPath(path)).toEqual(segments);
  });

  it('reads values and reports a missing path as undefined', () => {
    const doc = { data: { items: [{ ok: true }, { ok: false }] }, n: null };
    expect(readJsonPath(doc, parseJsonPath('data.items[1].ok'))).toBe(false);
    expect(readJsonPath(doc, parseJsonPath('$.n'))).toBeNull();
    expect(readJsonPath(doc, parseJsonPath('data.items[2].ok'))).toBeUndefined();
    expect(readJsonPath(doc, parseJsonPath('data.items.ok'))).toBeUndefined();
    expect(readJsonPath(doc, parseJsonPath('data.constructor'))).toBeUndefined();
  });
});

describe('isIPv6', () => {
  it.each(['::', '::1', '2001:db8::1', '1:2:3:4:5:6:7:8', '::ffff:192.0.2.1', 'fe80::1:2'])(
    'accepts %s',
    (a) => {
      expect(isIPv6(a)).toBe(true);
    },
  );
  it.each(['1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', '1.2.3.4', ':::', '::ffff:300.0.0.1', 'g::1'])(
    'refuses %s',
    (a) => {
      expect(isIPv6(a)).toBe(false);
    },
  );
});

describe('describeMonitorTarget', () => {
  it.each([
    [http({ method: 'HEAD' }), 'HEAD https://example.com/health'],
    [{ kind: 'tcp', config: { host: 'db.example', port: 5432 } }, 'tcp db.example:5432'],
    [{ kind: 'tcp', config: { host: '::1', port: 22 } }, 'tcp [::1]:22'],
    [{ kind: 'dns', config: { name: 'example.com', recordType: 'mx' } }, 'dns MX example.com'],
    [{ kind: 'dns', config: { name: 'example.com', server: '1.1.1.1' } }, 'dns A example.com @1.1.1.1'],
    [{ kind: 'tls', config: { host: 'example.com' } }, 'tls example.com:443'],
    [{ kind: 'ping', config: { host: 'gw.example' } }, 'ping gw.example'],
    [
      { kind: 'heartbeat', intervalSeconds: 300, config: { graceSeconds: 60 } },
      'heartbeat every 300 s (+60 s grace)',
    ],
    [{ kind: 'manual' }, 'manual'],
  ])('describes %j as %s', (definition, expected) => {
    expect(describeMonitorTarget(parseMonitorDefinition(definition))).toBe(expected);
  });
});
