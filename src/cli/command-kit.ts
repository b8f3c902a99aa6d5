import { Option, type Command } from 'commander';
import type { BusinessCalendar } from '../domain/calendars/business-calendar.ts';
import { ZoneRules } from '../domain/calendars/time-zone.ts';
import { isDomainError } from '../domain/shared/errors.ts';
import { parseInstant } from '../domain/shared/time.ts';
import type { CliIO } from './program.ts';
import { withPrefix } from './request-fields.ts';

/** What the `pledge calc` subcommands share: options, argument readers, error handling and output. */

/** A domain error (bad calendar, instant, duration, request) or a failed batch line. */
export const EXIT_DOMAIN_ERROR = 1;
/** A usage error: a missing or conflicting option. Commander raises its own with this code too. */
export const EXIT_USAGE = 2;

export const calendarOption = (): Option =>
  new Option(
    '-c, --calendar <file>',
    'calendar file, YAML or JSON (- reads it from stdin)',
  ).makeOptionMandatory();

export const jsonOption = (): Option => new Option('--json', 'print one JSON object instead of text');

export const zoneOption = (): Option =>
  new Option(
    '--zone <zone>',
    "show local times in this IANA zone instead of the calendar's (e.g. America/New_York)",
  );

export const instantOption = (flags: string, what: string): Option =>
  new Option(
    flags,
    `${what}: ISO 8601 with a UTC offset (2026-03-27T15:00:00Z, 2026-03-27T16:00:00+01:00) or "now"`,
  ).makeOptionMandatory();

/** The wall clock of the run, for arguments given as `now`. */
export const nowOf = (io: CliIO): number => (io.now ?? Date.now)();

/** Turns an instant argument into epoch milliseconds; `now` reads the clock of the run. */
export function instantArg(text: string, what: string, io: CliIO): number {
  return text.trim().toLowerCase() === 'now' ? nowOf(io) : parseInstant(text, what);
}

/** The zone local times are shown in: `--zone`, else the calendar's, else UTC. */
export function displayZone(options: { readonly zone?: string }, cal: BusinessCalendar | undefined): string {
  const zone = options.zone;
  if (zone === undefined) return cal?.timeZone ?? 'UTC';
  return withPrefix('--zone', () => ZoneRules.of(zone).id);
}

/** Stops the command with a usage error (exit code 2) and the hint to ask for help. */
export function usageError(command: Command, message: string): never {
  return command.error(`error: ${message}`, { exitCode: EXIT_USAGE, code: 'pledge.usage' });
}

type Action<O> = (options: O, command: Command) => Promise<void>;

/**
 * Runs a subcommand body: a DomainError becomes a message on stderr (a JSON object with --json) and exit
 * code 1, and nothing is written on stdout; anything else is a defect and propagates.
 */
export function guarded<O extends object>(
  io: CliIO,
  setExit: (code: number) => void,
  body: Action<O>,
): Action<O> {
  return async (options, command) => {
    try {
      await body(options, command);
    } catch (e) {
      if (!isDomainError(e)) throw e;
      const json = 'json' in options && options.json === true;
      io.stderr.write(
        json
          ? `${JSON.stringify({ error: { code: e.code, message: e.message } })}\n`
          : `error: ${e.message} [${e.code}]\n`,
      );
      setExit(EXIT_DOMAIN_ERROR);
    }
  };
}

/** Writes the answer as text, or as one JSON line with --json. */
export function print(
  io: CliIO,
  options: { readonly json?: boolean },
  text: () => string,
  json: () => object,
): void {
  io.stdout.write(options.json ? `${JSON.stringify(json())}\n` : `${text()}\n`);
}
