import { Option, type Command } from 'commander';
import type { BusinessCalendar } from '../domain/calendars/business-calendar.ts';
import { DomainError } from '../domain/shared/errors.ts';
import { parseDuration } from '../domain/shared/time.ts';
import { runBatch } from './batch.ts';
import { registerClock } from './calc-clock.command.ts';
import {
  dueJson,
  dueText,
  elapsedJson,
  elapsedText,
  explainJson,
  explainText,
  holidaysJson,
  holidaysText,
  openJson,
  openText,
  type DueAnswer,
  type RangeAnswer,
} from './calc-views.ts';
import {
  BATCH_HELP,
  CALC_HELP,
  DUE_HELP,
  ELAPSED_HELP,
  EXPLAIN_HELP,
  HOLIDAYS_HELP,
  OPEN_HELP,
} from './calc.help.ts';
import { loadCalendarFile } from './calendar-file.ts';
import {
  calendarOption,
  displayZone,
  EXIT_DOMAIN_ERROR,
  guarded,
  instantArg,
  instantOption,
  jsonOption,
  nowOf,
  print,
  usageError,
  zoneOption,
} from './command-kit.ts';
import type { CliIO } from './program.ts';

interface CommonOptions {
  readonly calendar: string;
  readonly json?: boolean;
  readonly zone?: string;
}

interface RangeOptions extends CommonOptions {
  readonly from: string;
  readonly to: string;
}

interface DueOptions extends CommonOptions {
  readonly start: string;
  readonly duration?: string;
  readonly businessDays?: string;
  readonly endOfDay?: boolean;
}

interface HolidaysOptions extends CommonOptions {
  readonly year?: string;
}

interface BatchOptions {
  readonly calendar?: string;
}

/** The years the engine accepts instants in. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2299;

/** `--duration`: an ISO 8601 duration, or digits only for milliseconds. */
function durationArg(text: string): number {
  return parseDuration(/^\d+$/.test(text) ? Number(text) : text, '--duration');
}

/** `--business-days`: a whole number of 0 or more. */
function businessDaysArg(text: string): number {
  if (!/^\s*\d+\s*$/.test(text)) {
    throw new DomainError(
      'BUSINESS_DAYS_INVALID',
      `--business-days "${text}" must be a whole number of 0 or more`,
    );
  }
  return Number(text);
}

/** The due instant for `--duration`, else for `--business-days`. */
function dueOf(cal: BusinessCalendar, start: number, timeZone: string, options: DueOptions): DueAnswer {
  if (options.duration !== undefined) {
    const durationMs = durationArg(options.duration);
    return { start, due: cal.due(start, durationMs), timeZone, durationMs };
  }
  const businessDays = businessDaysArg(options.businessDays ?? '');
  const endOfDay = options.endOfDay === true;
  return {
    start,
    due: cal.addBusinessDays(start, businessDays, { endOfDay }),
    timeZone,
    businessDays,
    endOfDay,
  };
}

async function rangeOf(
  options: RangeOptions,
  io: CliIO,
): Promise<{ cal: BusinessCalendar; range: RangeAnswer }> {
  const cal = await loadCalendarFile(options.calendar, io.stdin);
  const from = instantArg(options.from, '--from', io);
  const to = instantArg(options.to, '--to', io);
  return { cal, range: { from, to, timeZone: displayZone(options, cal) } };
}

function rangeCommand(calc: Command, name: string, description: string, help: string): Command {
  return calc
    .command(name)
    .description(description)
    .addOption(calendarOption())
    .addOption(instantOption('--from <instant>', 'start of the period (included)'))
    .addOption(instantOption('--to <instant>', 'end of the period (excluded)'))
    .addOption(zoneOption())
    .addOption(jsonOption())
    .addHelpText('after', help);
}

function registerDue(calc: Command, io: CliIO, setExit: (code: number) => void): void {
  calc
    .command('due')
    .description('when a budget of business time (or a number of business days) runs out')
    .addOption(calendarOption())
    .addOption(instantOption('--start <instant>', 'when the clock starts'))
    .addOption(
      new Option(
        '--duration <duration>',
        'business time to add: ISO 8601 (PT4H, PT4H30M, PT90M) or milliseconds',
      ).conflicts('businessDays'),
    )
    .addOption(new Option('--business-days <n>', 'business days to add instead of a duration'))
    .addOption(
      new Option(
        '--end-of-day',
        'with --business-days: the close of that business day instead of the same time of day',
      ),
    )
    .addOption(zoneOption())
    .addOption(jsonOption())
    .addHelpText('after', DUE_HELP)
    .action(
      guarded<DueOptions>(io, setExit, async (options, command) => {
        if (options.duration === undefined && options.businessDays === undefined) {
          usageError(command, 'give --duration <duration> or --business-days <n>');
        }
        if (options.endOfDay && options.businessDays === undefined) {
          usageError(command, '--end-of-day goes with --business-days');
        }
        const cal = await loadCalendarFile(options.calendar, io.stdin);
        const start = instantArg(options.start, '--start', io);
        const answer = dueOf(cal, start, displayZone(options, cal), options);
        print(
          io,
          options,
          () => dueText(answer),
          () => dueJson(answer),
        );
      }),
    );
}

function registerRanges(calc: Command, io: CliIO, setExit: (code: number) => void): void {
  rangeCommand(calc, 'elapsed', 'business time between two instants', ELAPSED_HELP).action(
    guarded<RangeOptions>(io, setExit, async (options) => {
      const { cal, range } = await rangeOf(options, io);
      const elapsedMs = cal.elapsed(range.from, range.to);
      print(
        io,
        options,
        () => elapsedText(elapsedMs),
        () => elapsedJson(range, elapsedMs),
      );
    }),
  );

  rangeCommand(calc, 'open', 'list the open periods between two instants', OPEN_HELP).action(
    guarded<RangeOptions>(io, setExit, async (options) => {
      const { cal, range } = await rangeOf(options, io);
      const intervals = cal.openIntervals(range.from, range.to);
      print(
        io,
        options,
        () => openText(range, intervals),
        () => openJson(range, intervals),
      );
    }),
  );

  const explainDescription = 'explain every instant between two instants: open, or closed and why';
  rangeCommand(calc, 'explain', explainDescription, EXPLAIN_HELP).action(
    guarded<RangeOptions>(io, setExit, async (options) => {
      const { cal, range } = await rangeOf(options, io);
      const spans = cal.explain(range.from, range.to);
      print(
        io,
        options,
        () => explainText(range, spans),
        () => explainJson(range, spans),
      );
    }),
  );
}

function registerHolidays(calc: Command, io: CliIO, setExit: (code: number) => void): void {
  calc
    .command('holidays')
    .description("list a year's holidays: the calendar's own dates and those of its holiday regions")
    .addOption(calendarOption())
    .addOption(
      new Option('--year <year>', `the year, ${FIRST_YEAR} to ${LAST_YEAR} (default: the current year)`),
    )
    .addOption(jsonOption())
    .addHelpText('after', HOLIDAYS_HELP)
    .action(
      guarded<HolidaysOptions>(io, setExit, async (options, command) => {
        const text = options.year;
        const year =
          text === undefined
            ? new Date(nowOf(io)).getUTCFullYear()
            : /^\d{4}$/.test(text)
              ? Number(text)
              : Number.NaN;
        if (!(year >= FIRST_YEAR && year <= LAST_YEAR)) {
          usageError(command, `--year must be a year from ${FIRST_YEAR} to ${LAST_YEAR}, not "${text}"`);
        }
        const cal = await loadCalendarFile(options.calendar, io.stdin);
        const answer = {
          year,
          timeZone: cal.timeZone,
          regions: cal.spec.regions,
          ownDates: cal.spec.dates.size + cal.spec.yearly.size > 0,
          holidays: cal.holidaysOfYear(year),
        };
        print(
          io,
          options,
          () => holidaysText(answer),
          () => holidaysJson(answer),
        );
      }),
    );
}

function registerBatch(calc: Command, io: CliIO, setExit: (code: number) => void): void {
  calc
    .command('batch')
    .description('answer JSON requests read line by line from stdin, one JSON answer per line, in order')
    .addOption(new Option('-c, --calendar <file>', 'default calendar for requests that carry no "calendar"'))
    .addHelpText('after', BATCH_HELP)
    .action(
      guarded<BatchOptions>(io, setExit, async (options, command) => {
        if (options.calendar === '-') {
          usageError(command, 'calc batch reads its requests from stdin; give --calendar a file');
        }
        const defaultCalendar =
          options.calendar === undefined ? undefined : await loadCalendarFile(options.calendar, io.stdin);
        const summary = await runBatch(io.stdin, io.stdout, defaultCalendar ? { defaultCalendar } : {});
        setExit(summary.failed > 0 ? EXIT_DOMAIN_ERROR : 0);
      }),
    );
}

/** `pledge calc …`: the time engine without the server. */
export function registerCalc(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const calc = program
    .command('calc')
    .description('compute business time, due instants and SLA clocks from a calendar file')
    .addHelpText('after', CALC_HELP);
  registerDue(calc, io, setExit);
  registerRanges(calc, io, setExit);
  registerHolidays(calc, io, setExit);
  registerClock(calc, io, setExit);
  registerBatch(calc, io, setExit);
}
