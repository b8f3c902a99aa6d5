import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pledge } from './harness.ts';

/**
 * Runs every `$ pledge …` example of the user documentation and compares its output with the text pasted
 * under it, so the documentation cannot drift from what the command prints. A command may end with
 * `<<'EOF'` followed by the lines it reads on stdin and `EOF`; a line `…` in the expected output stands for
 * any number of lines. Paths are relative to the repository root.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOCS = ['docs/calendars.md', 'docs/calc.md'];

interface Example {
  readonly doc: string;
  readonly line: number;
  readonly command: string;
  readonly stdin: readonly string[];
  readonly expected: readonly string[];
}

/** Splits a command line into words, honouring single and double quotes (no escapes, no variables). */
function words(command: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  let current = '';
  let last = -1;
  while ((m = re.exec(command)) !== null) {
    const part = m[1] ?? m[2] ?? m[3] ?? '';
    if (m.index === last) current += part;
    else {
      if (last !== -1) out.push(current);
      current = part;
    }
    last = re.lastIndex;
  }
  if (last !== -1) out.push(current);
  return out;
}

function examplesOf(doc: string): Example[] {
  const lines = readFileSync(`${ROOT}${doc}`, 'utf8').split('\n');
  const examples: Example[] = [];
  let inBlock = false;
  let indent = 0;
  let current:
    { line: number; command: string; stdin: string[]; expected: string[]; heredoc: boolean } | undefined;
  const flush = (): void => {
    if (current)
      examples.push({
        doc,
        line: current.line,
        command: current.command,
        stdin: current.stdin,
        expected: current.expected,
      });
    current = undefined;
  };
  lines.forEach((raw, i) => {
    if (/^\s*```/.test(raw)) {
      if (inBlock) flush();
      else indent = raw.indexOf('`');
      inBlock = !inBlock;
      return;
    }
    if (!inBlock) return;
    // Blocks inside list items are indented; their content is read without that indentation.
    const line = raw.slice(Math.min(indent, raw.length - raw.trimStart().length));
    if (current?.heredoc) {
      if (line === 'EOF') current.heredoc = false;
      else current.stdin.push(line);
      return;
    }
    if (line.startsWith('$ pledge ')) {
      flush();
      const heredoc = line.endsWith(" <<'EOF'");
      const command = heredoc ? line.slice(2, -" <<'EOF'".length) : line.slice(2);
      current = { line: i + 1, command, stdin: [], expected: [], heredoc };
      return;
    }
    if (current && line !== '') current.expected.push(line);
  });
  return examples;
}

/** Compares output lines with expected lines, where `…` matches any run of lines. */
function matches(actual: readonly string[], expected: readonly string[]): boolean {
  const [head, ...rest] = expected;
  if (head === undefined) return actual.length === 0;
  if (head === '…') return actual.some((_, i) => matches(actual.slice(i), rest)) || matches([], rest);
  return actual[0] === head && matches(actual.slice(1), rest);
}

const ALL = DOCS.flatMap(examplesOf);

describe('the examples of the user documentation', () => {
  it('finds examples in every document', () => {
    for (const doc of DOCS) expect(ALL.filter((e) => e.doc === doc).length).toBeGreaterThan(5);
  });

  it.each(ALL.map((e) => [`${e.doc}:${e.line}`, e] as const))(
    '%s prints what the page shows',
    async (_where, example) => {
      const argv = words(example.command).slice(1);
      const run = await pledge(argv, example.stdin);
      const actual = `${run.stdout}${run.stderr}`.split('\n').filter((l) => l !== '');
      if (!matches(actual, example.expected)) expect(actual.join('\n')).toBe(example.expected.join('\n'));
    },
  );
});

/** The examples inside `--help`: `$ pledge …` lines followed by their output up to a blank line. */
function helpExamplesOf(name: string, help: string): Example[] {
  const lines = help.split('\n');
  const examples: Example[] = [];
  lines.forEach((raw, i) => {
    const m = /^\s+\$ (pledge .*)$/.exec(raw);
    // Commands piped from printf or echo, continued on the next line, or followed by a comment are
    // illustrations; so is one that reads a file the reader writes first (ticket.yaml).
    if (!m?.[1] || /\||\\$| {2}|ticket\.yaml/.test(m[1])) return;
    const expected: string[] = [];
    for (let j = i + 1; j < lines.length && (lines[j] ?? '').trim() !== ''; j++)
      expected.push((lines[j] ?? '').trim());
    examples.push({ doc: name, line: i + 1, command: m[1], stdin: [], expected });
  });
  return examples;
}

describe('the examples of the --help texts', () => {
  const SUBCOMMANDS = ['due', 'elapsed', 'open', 'explain', 'holidays', 'clock', 'batch'];

  it('prints what each help text shows', async () => {
    let checked = 0;
    for (const argv of [['--help'], ['calc', '--help'], ...SUBCOMMANDS.map((s) => ['calc', s, '--help'])]) {
      const help = (await pledge(argv)).stdout;
      for (const example of helpExamplesOf(argv.join(' '), help)) {
        const run = await pledge(words(example.command).slice(1));
        const actual = `${run.stdout}${run.stderr}`
          .split('\n')
          .filter((l) => l !== '')
          .map((l) => l.trim());
        if (!matches(actual, example.expected))
          expect(`${example.command}\n${actual.join('\n')}`).toBe(
            `${example.command}\n${example.expected.join('\n')}`,
          );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(8);
  });
});
