import { readFileSync } from 'node:fs';
import { BusinessCalendar } from '../../src/domain/calendars/business-calendar.ts';
import { pledgeDefinition, type CalendarCase } from './calendars.ts';
import type { BusinessTimeImpl } from './implementation.ts';

const ownVersion = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Pledge's compiled `BusinessCalendar`, one per calendar case, in the given IANA zone. */
export class PledgeImpl implements BusinessTimeImpl {
  readonly name = 'pledge';
  readonly version = ownVersion;
  private readonly calendars: Map<CalendarCase, BusinessCalendar>;
  private cal: BusinessCalendar | undefined;

  constructor(cases: readonly CalendarCase[], timeZone: string) {
    this.calendars = new Map(cases.map((c) => [c, BusinessCalendar.from(pledgeDefinition(c, timeZone))]));
  }

  calendarOf(c: CalendarCase): BusinessCalendar {
    const cal = this.calendars.get(c);
    if (!cal) throw new Error(`unknown calendar case ${c.id}`);
    return cal;
  }

  use(c: CalendarCase): void {
    this.cal = this.calendarOf(c);
  }

  elapsed(from: Float64Array, to: Float64Array, begin: number, end: number, out: Float64Array): void {
    const cal = this.current();
    for (let i = begin; i < end; i++) out[i] = cal.elapsed(from[i] as number, to[i] as number);
  }

  due(start: Float64Array, durationMs: number, begin: number, end: number, out: Float64Array): void {
    const cal = this.current();
    for (let i = begin; i < end; i++) out[i] = cal.due(start[i] as number, durationMs);
  }

  private current(): BusinessCalendar {
    if (!this.cal) throw new Error('call use() first');
    return this.cal;
  }
}
