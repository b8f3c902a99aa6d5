import { Resolver } from 'node:dns/promises';
import type { DnsRecordType } from '../../domain/monitoring/monitor-definition.ts';
import { SECOND_MS } from '../../domain/shared/time.ts';
import { down, elapsedSince, upUnlessSlow } from './outcome.ts';
import type { Probe } from './probe.ts';

/**
 * One record of an answer, written the way people write expected values, plus the shorter forms an expected
 * value may also use. MX is "priority exchange" or the exchange alone; SRV is "priority weight port target"
 * or the target alone; CAA is "flags tag value" or "tag value".
 */
interface AnswerRecord {
  readonly text: string;
  readonly alsoMatches: readonly string[];
}

/** Names compare without letter case and without a trailing dot. */
const normaliseName = (name: string): string => name.toLowerCase().replace(/\.$/, '');

/** IPv6 addresses compare in their canonical form, so `0:0:0:0:0:0:0:1` matches `::1`. */
function normaliseIPv6(address: string): string {
  try {
    return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return address.toLowerCase();
  }
}

/** How an expected value and an answer are made comparable; TXT and A compare exactly. */
function normalise(type: DnsRecordType, value: string): string {
  switch (type) {
    case 'AAAA':
      return normaliseIPv6(value);
    case 'CNAME':
    case 'NS':
      return normaliseName(value);
    case 'MX':
    case 'SRV':
    case 'CAA':
      return value.trim().split(/\s+/).map(normaliseName).join(' ');
    default:
      return value;
  }
}

async function lookUp(resolver: Resolver, name: string, type: DnsRecordType): Promise<AnswerRecord[]> {
  const plain = (values: string[]): AnswerRecord[] => values.map((text) => ({ text, alsoMatches: [] }));
  switch (type) {
    case 'A':
      return plain(await resolver.resolve4(name));
    case 'AAAA':
      return plain(await resolver.resolve6(name));
    case 'CNAME':
      return plain(await resolver.resolveCname(name));
    case 'NS':
      return plain(await resolver.resolveNs(name));
    case 'TXT':
      // A TXT record may arrive in several strings of up to 255 bytes; they form one value.
      return plain((await resolver.resolveTxt(name)).map((chunks) => chunks.join('')));
    case 'MX':
      return (await resolver.resolveMx(name)).map((r) => ({
        text: `${r.priority} ${r.exchange}`,
        alsoMatches: [r.exchange],
      }));
    case 'SRV':
      return (await resolver.resolveSrv(name)).map((r) => ({
        text: `${r.priority} ${r.weight} ${r.port} ${r.name}`,
        alsoMatches: [r.name],
      }));
    case 'CAA':
      return (await resolver.resolveCaa(name)).map((r) => {
        const [tag = '', value = ''] = Object.entries(r).find(([key]) => key !== 'critical') ?? [];
        return { text: `${r.critical} ${tag} ${String(value)}`, alsoMatches: [`${tag} ${String(value)}`] };
      });
  }
}

const DNS_PROBLEMS: Readonly<Record<string, string>> = {
  ESERVFAIL: 'the DNS server failed to answer (SERVFAIL)',
  EREFUSED: 'the DNS server refused the query (REFUSED)',
  ETIMEOUT: 'the DNS server did not answer (ETIMEOUT)',
  ECONNREFUSED: 'could not reach the DNS server (ECONNREFUSED)',
  EBADRESP: 'the DNS server sent a malformed answer (EBADRESP)',
  EFORMERR: 'the DNS server could not read the query (FORMERR)',
};

/**
 * Resolves the name for the record type, through the configured server or the system resolver. Down for
 * NXDOMAIN, an empty answer or an expected value missing from the answer; every expected value must be in
 * the answer, in any order, and the answer may hold more.
 */
export const dnsProbe: Probe<'dns'> = {
  kind: 'dns',
  async run(def, { signal }) {
    const { name, recordType, expected, server } = def.config;
    const resolver = new Resolver({ timeout: def.timeoutSeconds * SECOND_MS, tries: 1 });
    if (server !== undefined) resolver.setServers([server]);
    const onAbort = (): void => resolver.cancel();
    signal?.addEventListener('abort', onAbort, { once: true });
    const start = performance.now();
    let answer: AnswerRecord[];
    try {
      answer = await lookUp(resolver, name, recordType);
    } catch (error) {
      const latencyMs = elapsedSince(start);
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (code === 'ENOTFOUND') return down(`${name} does not exist (NXDOMAIN)`, latencyMs);
      if (code === 'ENODATA') return down(`no ${recordType} records for ${name}`, latencyMs);
      const problem = DNS_PROBLEMS[code];
      if (problem !== undefined) return down(problem, latencyMs);
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    const latencyMs = elapsedSince(start);
    const details = { answer: answer.map((r) => r.text).join(', ') };
    if (answer.length === 0) return down(`no ${recordType} records for ${name}`, latencyMs, details);
    const present = new Set(
      answer.flatMap((r) => [r.text, ...r.alsoMatches].map((v) => normalise(recordType, v))),
    );
    const missing = (expected ?? []).filter((v) => !present.has(normalise(recordType, v)));
    if (missing.length > 0) {
      const list = missing.map((v) => JSON.stringify(v)).join(', ');
      return down(`expected ${list} not in the ${recordType} answer (${details.answer})`, latencyMs, details);
    }
    return upUnlessSlow(def, latencyMs, details);
  },
};
