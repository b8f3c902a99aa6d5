import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../app/actor.ts';
import { DEMO_PROVIDER } from '../app/demo/demo-catalog.ts';
import {
  DEFAULT_DEMO_MONTHS,
  DEFAULT_DEMO_SEED,
  loadDemo,
  type DemoSummary,
} from '../app/demo/demo.use-cases.ts';
import type { ConfigOverrides } from '../config/config.ts';
import type { CliIO } from './program.ts';
import type { CliRuntime } from './runtime.ts';

interface DemoFlags {
  readonly seed: number;
  readonly months: number;
  readonly force?: boolean;
  readonly dataDir?: string;
  readonly databaseUrl?: string;
}

const BREACHED_PATH = '/api/v1/tickets?clock=breached';

/** A whole number, or NaN for anything else (the use case names the rule). */
const wholeNumber = (value: string): number => (/^\d+$/.test(value.trim()) ? Number(value) : Number.NaN);

const percent = (part: number, whole: number): string =>
  whole === 0 ? '0 %' : `${((100 * part) / whole).toFixed(1)} %`;

/** The closing report of a demo load. */
function demoReport(s: DemoSummary, seconds: number, publicUrl: string): string[] {
  const decided = s.clocks.met + s.clocks.breached;
  return [
    `Demo loaded in ${seconds.toFixed(1)} s: ${DEMO_PROVIDER} with ${s.customers} customers (${s.contacts} contacts), ` +
      `${s.services} services (${s.impacts} business impacts), ${s.calendars} calendars, ${s.slas} active SLAs, ${s.rules} assignment rules.`,
    `Tickets: ${s.tickets} over ${s.months} month(s) with ${s.events} events (${s.notes} internal notes).`,
    `Clocks: ${s.clocks.met} met, ${s.clocks.breached} breached (${percent(s.clocks.breached, decided)}), ` +
      `${s.clocks.running} running, ${s.clocks.paused} paused; ${s.ticketsWithBreach} tickets have a breached clock.`,
    `Open now: ${s.open.total} tickets, ${s.open.atRisk} at risk, ${s.open.breached} breached.`,
    `Monitoring: ${s.monitoring.monitors} monitors with ${s.monitoring.outages} past outages; ${s.monitoring.windows} monthly patch windows.`,
    '',
    `Look at the breaches:  GET ${publicUrl}${BREACHED_PATH}`,
    '  (start the server with `pledge serve`, sign in, or send a token from `pledge token create`)',
  ];
}

/** `pledge demo`: loads a small IT provider with months of ticket history into the configured database. */
export function registerDemoCommand(program: Command, io: CliIO, runtime: CliRuntime): void {
  const out = (line: string): void => {
    io.stdout.write(`${line}\n`);
  };
  program
    .command('demo')
    .description(
      `load a demo: ${DEMO_PROVIDER}, 3 customers, 8 services, 3 SLAs and months of tickets with SLA clocks`,
    )
    .option(
      '--seed <n>',
      'seed of the generator: the same seed gives the same demo',
      wholeNumber,
      DEFAULT_DEMO_SEED,
    )
    .option('--months <n>', 'months of ticket history, ending now', wholeNumber, DEFAULT_DEMO_MONTHS)
    .option('--force', 'load even if the database already has customers (the demo is added beside them)')
    .option('--data-dir <dir>', 'where the SQLite file lives (default ./data, or PLEDGE_DATA_DIR)')
    .option('--database-url <url>', 'postgres://… to use PostgreSQL instead of SQLite (or DATABASE_URL)')
    .addHelpText(
      'after',
      '\nExamples:\n  pledge demo\n  pledge demo --months 3 --seed 7\n  pledge demo --data-dir /tmp/pledge-demo && pledge serve --data-dir /tmp/pledge-demo',
    )
    .action(async (flags: DemoFlags) => {
      const overrides: ConfigOverrides = {
        ...(flags.dataDir ? { dataDir: flags.dataDir } : {}),
        ...(flags.databaseUrl ? { databaseUrl: flags.databaseUrl } : {}),
      };
      const opened = await runtime.open(overrides);
      try {
        const started = performance.now();
        let announced = false;
        const summary = await loadDemo(opened.ctx, SYSTEM_ACTOR, {
          seed: flags.seed,
          months: flags.months,
          force: flags.force === true,
          progress: (message) => {
            if (!announced)
              out(
                `Loading the demo into ${opened.databaseLocation} (seed ${flags.seed}, ${flags.months} month(s) up to now)`,
              );
            announced = true;
            out(message);
          },
        });
        const seconds = (performance.now() - started) / 1000;
        for (const line of demoReport(summary, seconds, opened.config.publicUrl)) out(line);
      } finally {
        await opened.close();
      }
    });
}
