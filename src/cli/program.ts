import { Command, CommanderError } from 'commander';
import type { Readable, Writable } from 'node:stream';
import packageJson from '../../package.json' with { type: 'json' };
import { isDomainError } from '../domain/shared/errors.ts';
import { registerCalc } from './calc.command.ts';
import type { CliRuntime } from './runtime.ts';
import { registerServerCommands } from './server.commands.ts';
import { registerDemoCommand } from './demo.command.ts';
import { PROGRAM_HELP } from './calc.help.ts';

/** Where a CLI run reads and writes; tests pass their own streams. */
export interface CliIO {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** The wall clock, for arguments given as `now`; defaults to `Date.now`. */
  readonly now?: () => number;
}

export function buildProgram(io: CliIO, setExit: (code: number) => void, runtime?: CliRuntime): Command {
  const program = new Command('pledge')
    .description(
      'Pledge: IT service level management — SLAs, business-time clocks, availability, escalation and reports.',
    )
    .version(packageJson.version, '-V, --version', 'print the version')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride()
    .showHelpAfterError('(add --help for usage and examples)')
    .addHelpText('after', PROGRAM_HELP);
  if (runtime) {
    registerServerCommands(program, io, runtime, setExit);
    registerDemoCommand(program, io, runtime);
  }
  registerCalc(program, io, setExit);
  return program;
}

const guardedStreams = new WeakSet<Writable>();

/**
 * A reader that went away (`pledge calc open … | head`) is not an error of ours. The listener stays: the
 * error can arrive after the run has returned.
 */
function ignoreClosedPipe(stream: Writable): void {
  if (guardedStreams.has(stream)) return;
  guardedStreams.add(stream);
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}

/** Runs the `pledge` command line and returns its exit code. With no arguments it prints the help. */
export async function runCli(argv: readonly string[], io: CliIO, runtime?: CliRuntime): Promise<number> {
  let exit = 0;
  const program = buildProgram(
    io,
    (code) => {
      exit = code;
    },
    runtime,
  );
  if (argv.length === 0) {
    program.outputHelp();
    return 0;
  }
  ignoreClosedPipe(io.stdout);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version'
        ? 0
        : 2;
    }
    if (isDomainError(e)) {
      io.stderr.write(`error: ${e.message} [${e.code}]\n`);
      return 1;
    }
    throw e;
  }
  return exit;
}
