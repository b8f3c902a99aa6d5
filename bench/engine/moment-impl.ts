import { createRequire } from 'node:module';
import moment from 'moment';
import 'moment-business-time';
import { MINUTE_MS, momentLocale, type CalendarCase } from './calendars.ts';
import type { BusinessTimeImpl } from './implementation.ts';

const require = createRequire(import.meta.url);
const versionOf = (pkg: string): string => (require(`${pkg}/package.json`) as { version: string }).version;

/**
 * moment-business-time 2 on moment 2: working hours and holidays live in the global locale, and every call
 * works on moment objects in the process's local zone. Inputs arrive as epoch milliseconds, as in Pledge.
 */
export class MomentImpl implements BusinessTimeImpl {
  readonly name = 'moment-business-time';
  readonly version = `${versionOf('moment-business-time')} (moment ${versionOf('moment')})`;

  use(c: CalendarCase): void {
    moment.updateLocale(moment.locale(), momentLocale(c));
  }

  elapsed(from: Float64Array, to: Float64Array, begin: number, end: number, out: Float64Array): void {
    for (let i = begin; i < end; i++) out[i] = moment(to[i] as number).workingDiff(moment(from[i] as number));
  }

  due(start: Float64Array, durationMs: number, begin: number, end: number, out: Float64Array): void {
    const minutes = durationMs / MINUTE_MS;
    for (let i = begin; i < end; i++)
      out[i] = moment(start[i] as number)
        .addWorkingTime(minutes, 'minutes')
        .valueOf();
  }
}
