import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { runCli, type CliIO } from '../../src/cli/program.ts';

/** A writable that keeps what was written. */
export class Capture extends Writable {
  text = '';

  override _write(
    chunk: Buffer | string,
    _encoding: BufferEncoding,
    done: (error?: Error | null) => void,
  ): void {
    this.text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    done();
  }

  get lines(): string[] {
    return this.text.split('\n').filter((l) => l !== '');
  }
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout split into non-empty lines. */
  readonly lines: string[];
}

/** Runs `pledge <argv>` in memory; `stdin` lines are fed as a stream, each ending with a newline. */
export async function pledge(
  argv: readonly string[],
  stdin: readonly string[] = [],
  now?: number,
): Promise<CliRun> {
  const stdout = new Capture();
  const stderr = new Capture();
  const io: CliIO = {
    stdin: Readable.from(stdin.map((l) => `${l}\n`)),
    stdout,
    stderr,
    ...(now === undefined ? {} : { now: () => now }),
  };
  const code = await runCli(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text, lines: stdout.lines };
}

/** The calendar of the specification's examples. */
export const OFFICE = {
  timeZone: 'Europe/Berlin',
  hours: {
    mon: ['08:00-18:00'],
    tue: ['08:00-18:00'],
    wed: ['08:00-18:00'],
    thu: ['08:00-18:00'],
    fri: ['08:00-16:00'],
  },
  holidays: ['2026-12-24', '12-31'],
  holidayRegions: ['DE-BY'],
  closures: [{ from: '2026-05-15T10:00:00Z', to: '2026-05-15T14:00:00Z' }],
};

export const OFFICE_YAML = `# service desk Munich
timeZone: Europe/Berlin
hours:
  mon: ["08:00-18:00"]
  tue: ["08:00-18:00"]
  wed: ["08:00-18:00"]
  thu: ["08:00-18:00"]
  fri: ["08:00-16:00"]
holidays: ["2026-12-24", "12-31"]
holidayRegions: ["DE-BY"]
closures: [{ from: "2026-05-15T10:00:00Z", to: "2026-05-15T14:00:00Z" }]
`;

/** Writes files into a fresh temporary folder and returns their paths. */
export function tempFiles<K extends string>(files: Record<K, string>): Record<K, string> {
  const dir = mkdtempSync(join(tmpdir(), 'pledge-cli-'));
  const out = {} as Record<K, string>;
  for (const [name, text] of Object.entries(files) as [K, string][]) {
    const path = join(dir, name);
    writeFileSync(path, text);
    out[name] = path;
  }
  return out;
}
