import Holidays from 'date-holidays';
import { DomainError } from '../shared/errors.ts';
import { DAY_MS } from '../shared/time.ts';
import { epochDayOf, parseLocalDate, type EpochDay } from './local-date.ts';

/**
 * Public holidays of a country or subdivision (`DE`, `DE-BY`, `CH-ZH`, `DE-BY-A`), from the date-holidays
 * package. Only days of type "public" count: DE-BY's Assumption Day (08-15) is public only in some
 * municipalities and is typed otherwise there.
 */
export interface RegionHoliday {
  readonly day: EpochDay;
  readonly name: string;
}

const catalogue = new Holidays();
const instances = new Map<string, Holidays>();
const byYear = new Map<string, readonly RegionHoliday[]>();

function splitRegion(region: string): [string, string?, string?] {
  const [country, state, sub] = region.split('-');
  return [country ?? '', state, sub];
}

/** Returns the canonical (upper-case) code, or throws CALENDAR_UNKNOWN_REGION. */
export function validateRegion(region: unknown): string {
  if (typeof region !== 'string' || !/^[A-Za-z]{2}(-[A-Za-z0-9]{1,5}){0,2}$/.test(region)) {
    throw new DomainError('CALENDAR_UNKNOWN_REGION', `holiday region ${JSON.stringify(region)} is not a code such as DE or DE-BY`, {
      region,
    });
  }
  const code = region.toUpperCase();
  const [country, state, sub] = splitRegion(code);
  const unknown = (): never => {
    throw new DomainError('CALENDAR_UNKNOWN_REGION', `holiday region "${region}" is not known (e.g. DE, DE-BY, AT, CH-ZH)`, {
      region,
    });
  };
  if (!(country in (catalogue.getCountries() ?? {}))) unknown();
  if (state !== undefined && !(state in (catalogue.getStates(country) ?? {}))) unknown();
  if (sub !== undefined && state !== undefined && !(sub in (catalogue.getRegions(country, state) ?? {}))) unknown();
  return code;
}

function instance(region: string): Holidays {
  let hd = instances.get(region);
  if (!hd) {
    const [country, state, sub] = splitRegion(region);
    hd = state === undefined ? new Holidays(country) : sub === undefined ? new Holidays(country, state) : new Holidays(country, state, sub);
    instances.set(region, hd);
  }
  return hd;
}

/**
 * The public holidays of a validated region whose local dates fall in one year. A holiday that lasts several
 * days (`P3D`: Eid, Chuseok, Armenian New Year) makes each of its dates a holiday, also when they run into
 * the next year.
 */
export function publicHolidays(region: string, year: number): readonly RegionHoliday[] {
  const key = `${region}:${year}`;
  const cached = byYear.get(key);
  if (cached) return cached;
  const list: RegionHoliday[] = [];
  const first = epochDayOf(year, 1, 1);
  const end = epochDayOf(year + 1, 1, 1);
  for (const ruleYear of [year - 1, year, year + 1]) {
    for (const h of instance(region).getHolidays(ruleYear) || []) {
      if (h.type !== 'public') continue;
      const start = parseLocalDate(h.date.slice(0, 10));
      if (start === undefined) continue;
      // Rounded, because a span of whole days can be an hour shorter or longer across a DST change.
      const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
      for (let day = Math.max(start, first); day < Math.min(start + days, end); day++) list.push({ day, name: h.name });
    }
  }
  byYear.set(key, list);
  return list;
}
