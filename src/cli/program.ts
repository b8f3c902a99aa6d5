import { Command, CommanderError } from 'commander';
import type { Readable, Writable } from 'node:stream';
import { registerCalc } from './calc.command.ts';

/** Where a CLI run reads and writes; tests pass their own streams. */
export interface CliIO {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

export function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command('pledge')
    .description('Pledge: IT service level management — SLAs, business-time clocks, availability, escalation and reports.')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride()
    .showHelpAfterError();
  registerCalc(program, io, setExit);
  return program;
}

/** Runs the `pledge` command line and returns its exit code. With no arguments it prints the help. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let exit = 0;
  const program = buildProgram(io, (code) => {
    exit = code;
  });
  if (argv.length === 0) {
    program.outputHelp();
    return 0;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : 2;
    }
    throw e;
  }
  return exit;
}
