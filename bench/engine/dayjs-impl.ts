import { createRequire } from 'node:module';
import dayjs from 'dayjs';
import dayjsBusinessTime from 'dayjs-business-time';
import { dayjsBusinessHours, MINUTE_MS, type CalendarCase } from './calendars.ts';
import type { BusinessTimeImpl } from './implementation.ts';

dayjs.extend(dayjsBusinessTime);

const require = createRequire(import.meta.url);
const versionOf = (pkg: string): string => (require(`${pkg}/package.json`) as { version: string }).version;

/**
 * dayjs-business-time 1 on dayjs 1: business hours and holidays are global settings, the arithmetic counts
 * whole minutes in the process's local zone.
 */
export class DayjsImpl implements BusinessTimeImpl {
  readonly name = 'dayjs-business-time';
  readonly version = `${versionOf('dayjs-business-time')} (dayjs ${versionOf('dayjs')})`;

  use(c: CalendarCase): void {
    dayjs.setBusinessTime(dayjsBusinessHours(c));
    dayjs.setHolidays([...c.holidays]);
  }

  elapsed(from: Float64Array, to: Float64Array, begin: number, end: number, out: Float64Array): void {
    for (let i = begin; i < end; i++)
      out[i] = dayjs(from[i] as number).businessMinutesDiff(dayjs(to[i] as number)) * MINUTE_MS;
  }

  due(start: Float64Array, durationMs: number, begin: number, end: number, out: Float64Array): void {
    const minutes = durationMs / MINUTE_MS;
    for (let i = begin; i < end; i++)
      out[i] = dayjs(start[i] as number)
        .addBusinessMinutes(minutes)
        .valueOf();
  }
}
