import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { OFFICE, OFFICE_YAML, tempFiles } from './harness.ts';

/** The installed `pledge` executable, run the way a user runs it. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function start(args: readonly string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['bin/pledge.js', ...args], { cwd: ROOT, stdio: 'pipe' });
}

async function finish(
  child: ChildProcessWithoutNullStreams,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

const elapsed = (id: number, hours: number): string =>
  JSON.stringify({
    id,
    op: 'elapsed',
    calendar: OFFICE,
    from: '2026-03-30T06:00:00Z',
    to: new Date(Date.UTC(2026, 2, 30, 6 + hours)).toISOString(),
  });

describe('the pledge executable', () => {
  it('answers each batch line before the next one is sent', async () => {
    const child = start(['calc', 'batch']);
    const answers = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const closed = once(child, 'close');
    for (let i = 1; i <= 3; i++) {
      child.stdin.write(`${elapsed(i, i)}\n`);
      const next = await answers.next();
      expect(JSON.parse(next.value as string)).toEqual({ id: i, elapsedMs: i * 3_600_000 });
    }
    child.stdin.end();
    const [code] = (await closed) as [number | null];
    expect(code).toBe(0);
  });

  it('pipes a batch through, keeps the order and exits 1 when a line failed', async () => {
    const child = start(['calc', 'batch']);
    const done = finish(child);
    const lines = Array.from({ length: 2000 }, (_, i) =>
      i === 1000 ? '{"op":"elapsed"' : elapsed(i, i % 10),
    );
    child.stdin.end(`${lines.join('\n')}\n`);
    const { code, stdout, stderr } = await done;
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const answers = stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(answers).toHaveLength(2000);
    answers.forEach((a, i) => {
      if (i === 1000) expect(a).toMatchObject({ error: { code: 'BATCH_INVALID_JSON' } });
      else expect(a).toEqual({ id: i, elapsedMs: (i % 10) * 3_600_000 });
    });
  });

  it('prints a due instant from a YAML calendar file, and exits 2 on a usage error', async () => {
    const { 'office.yaml': office } = tempFiles({ 'office.yaml': OFFICE_YAML });
    const ok = await finish(
      start(['calc', 'due', '--calendar', office, '--start', '2026-03-27T15:00:00Z', '--duration', 'PT4H']),
    );
    expect(ok).toEqual({
      code: 0,
      stdout: 'Due: 2026-03-30T10:00:00Z (Mon 30 Mar 2026 12:00 Europe/Berlin)\n',
      stderr: '',
    });
    const usage = await finish(start(['calc', 'due', '--calendar', office]));
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("required option '--start <instant>' not specified");
  });
});
