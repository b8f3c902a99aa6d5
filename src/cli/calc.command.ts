import type { Command } from 'commander';
import type { CliIO } from './program.ts';

/** `pledge calc …`: the time engine without the server. */
export function registerCalc(program: Command, _io: CliIO, _setExit: (code: number) => void): void {
  program.command('calc').description('compute business time, due instants and SLA clocks from a calendar file');
}
