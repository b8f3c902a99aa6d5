import { Option, type Command } from 'commander';
import { formatInstant } from '../domain/shared/time.ts';
import { computeClocks } from '../domain/sla-clock/sla-clock.ts';
import { calendarLookup } from './batch.ts';
import { clocksText } from './calc-views.ts';
import { CLOCK_HELP } from './calc.help.ts';
import { CalendarCache } from './calendar-cache.ts';
import { loadCalendarFile, readDataFile } from './calendar-file.ts';
import { parseClockRequest, presentClocks } from './clock-request.ts';
import {
  displayZone,
  guarded,
  instantArg,
  jsonOption,
  nowOf,
  print,
  usageError,
  zoneOption,
} from './command-kit.ts';
import type { CliIO } from './program.ts';
import { invalidRequest, isObject } from './request-fields.ts';

interface ClockOptions {
  readonly request: string;
  readonly calendar?: string;
  readonly now?: string;
  readonly explain?: boolean;
  readonly zone?: string;
  readonly json?: boolean;
}

/** `pledge calc clock`: the SLA clocks of one ticket, from the same request a batch `clock` line holds. */
export function registerClock(calc: Command, io: CliIO, setExit: (code: number) => void): void {
  calc
    .command('clock')
    .description("a ticket's SLA clocks from its targets and event log (a request file, YAML or JSON)")
    .addOption(
      new Option(
        '-r, --request <file>',
        'the ticket: targets, events and optionally now and calendar (- reads stdin)',
      ).makeOptionMandatory(),
    )
    .addOption(
      new Option(
        '-c, --calendar <file>',
        'calendar for the targets that name none, when the request has no "calendar"',
      ),
    )
    .addOption(
      new Option(
        '--now <instant>',
        'the instant to compute at (default: the request\'s "now", else the current time)',
      ),
    )
    .addOption(
      new Option(
        '--explain',
        "also show each clock's timeline: counted, paused, outside hours, holiday, closure",
      ),
    )
    .addOption(zoneOption())
    .addOption(jsonOption())
    .addHelpText('after', CLOCK_HELP)
    .action(
      guarded<ClockOptions>(io, setExit, async (options, command) => {
        if (options.request === '-' && options.calendar === '-') {
          usageError(command, 'only one of --request and --calendar can read stdin');
        }
        const defaultCalendar =
          options.calendar === undefined ? undefined : await loadCalendarFile(options.calendar, io.stdin);
        const file = await readDataFile(options.request, io.stdin, 'request');
        if (!isObject(file)) {
          throw invalidRequest(
            `request file ${options.request} must hold an object with "targets" and "events"`,
          );
        }
        const now =
          options.now === undefined
            ? (file['now'] ?? formatInstant(nowOf(io)))
            : formatInstant(instantArg(options.now, '--now', io));
        const request = { ...file, now, ...(options.explain ? { explain: true } : {}) };
        const lookup = calendarLookup(
          request,
          defaultCalendar ? { defaultCalendar } : {},
          new CalendarCache(),
        );
        const parsed = parseClockRequest(request, lookup);
        const results = computeClocks(parsed.input);
        const timeZone = options.zone === undefined ? parsed.timeZone : displayZone(options, defaultCalendar);
        print(
          io,
          options,
          () => clocksText(results, parsed.input.now, timeZone),
          () => presentClocks(parsed, results),
        );
      }),
    );
}
