import { execFile, type ExecFileException } from 'node:child_process';
import { down, degraded, upUnlessSlow } from './outcome.ts';
import type { Probe } from './probe.ts';

interface PingResult {
  readonly transmitted: number;
  readonly received: number;
  /** The average round trip, when any reply came back. */
  readonly avgMs: number | undefined;
}

/** Reads iputils' summary: `3 packets transmitted, 3 received, …` and `rtt min/avg/max/mdev = a/b/c/d ms`. */
export function parsePingOutput(stdout: string): PingResult | undefined {
  const counts = /(\d+) packets transmitted, (\d+) (?:packets )?received/.exec(stdout);
  if (!counts) return undefined;
  const rtt = /= [\d.]+\/([\d.]+)\/[\d.]+/.exec(stdout);
  return {
    transmitted: Number(counts[1]),
    received: Number(counts[2]),
    avgMs: rtt ? Number(rtt[1]) : undefined,
  };
}

interface Run {
  readonly stdout: string;
  readonly stderr: string;
  readonly error: ExecFileException | null;
}

function ping(args: readonly string[], signal?: AbortSignal): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'ping',
      args,
      // The C locale keeps the summary lines in the English the parser reads.
      { env: { ...process.env, LC_ALL: 'C' }, ...(signal && { signal }), windowsHide: true },
      (error, stdout, stderr) => resolve({ stdout, stderr, error }),
    );
  });
}

/**
 * Runs the system's `ping` (iputils) and reads its summary: down when no reply came back, degraded when some
 * were lost, otherwise up with the average round trip as the latency.
 */
export const pingProbe: Probe<'ping'> = {
  kind: 'ping',
  async run(def, { signal }) {
    const { host, count } = def.config;
    const args = ['-n', '-c', String(count), '-W', String(def.timeoutSeconds), '--', host];
    const { stdout, stderr, error } = await ping(args, signal);
    if (error?.code === 'ENOENT') return down('the system has no ping command (install iputils-ping)');
    if (error?.name === 'AbortError') throw error;
    const result = parsePingOutput(stdout);
    if (!result) {
      const reason =
        stderr
          .trim()
          .split('\n')[0]
          ?.replace(/^ping: /, '') ||
        error?.message ||
        'no output';
      return down(`ping failed: ${reason}`);
    }
    const latencyMs = result.avgMs === undefined ? null : Math.round(result.avgMs);
    const details = { transmitted: result.transmitted, received: result.received };
    if (result.received === 0 || latencyMs === null)
      return down(`no reply from ${host} (${result.transmitted} sent)`, null, details);
    if (result.received < result.transmitted) {
      const lost = result.transmitted - result.received;
      return degraded(`${lost} of ${result.transmitted} pings lost`, latencyMs, details);
    }
    return upUnlessSlow(def, latencyMs, details);
  },
};
