import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { BusinessCalendar } from '../domain/calendars/business-calendar.ts';
import { DomainError, isDomainError } from '../domain/shared/errors.ts';

/** What a file given on the command line holds; it names the error codes (CALENDAR_FILE_…, REQUEST_FILE_…). */
export type FileKind = 'calendar' | 'request';

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads a YAML or JSON file (`-` reads stdin) and parses it. YAML is a superset of JSON, so one parser reads
 * both; a file holding several YAML documents is refused rather than silently reading the first.
 * @throws DomainError <KIND>_FILE_NOT_FOUND, <KIND>_FILE_UNREADABLE, <KIND>_FILE_INVALID; <KIND>_INVALID when empty
 */
export async function readDataFile(path: string, stdin: Readable, kind: FileKind): Promise<unknown> {
  const code = kind.toUpperCase();
  const source = path === '-' ? `the ${kind} on stdin` : `${kind} file ${path}`;
  let text: string;
  try {
    text = path === '-' ? await readAll(stdin) : await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new DomainError(`${code}_FILE_NOT_FOUND`, `${source} does not exist`, { path });
    }
    throw new DomainError(`${code}_FILE_UNREADABLE`, `${source} cannot be read: ${(e as Error).message}`, {
      path,
    });
  }
  let data: unknown;
  try {
    data = parseYaml(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    if (e instanceof YAMLParseError && e.code === 'MULTIPLE_DOCS') {
      throw new DomainError(
        `${code}_FILE_INVALID`,
        `${source} holds several YAML documents (---); it must hold one ${kind}`,
        { path },
      );
    }
    const detail = (e as Error).message.split('\n')[0]?.replace(/:$/, '');
    throw new DomainError(`${code}_FILE_INVALID`, `${source} is not valid YAML or JSON: ${detail}`, { path });
  }
  if (data === null || data === undefined)
    throw new DomainError(`${code}_INVALID`, `${source} is empty`, { path });
  return data;
}

/**
 * Reads, validates and compiles a calendar file (YAML or JSON); `-` reads it from `stdin`. Validation
 * errors keep the engine's code and name the file in the message.
 * @throws DomainError CALENDAR_FILE_NOT_FOUND, CALENDAR_FILE_UNREADABLE, CALENDAR_FILE_INVALID or a CALENDAR_* code
 */
export async function loadCalendarFile(path: string, stdin: Readable): Promise<BusinessCalendar> {
  const definition = await readDataFile(path, stdin, 'calendar');
  try {
    return BusinessCalendar.from(definition);
  } catch (e) {
    if (isDomainError(e)) {
      throw new DomainError(
        e.code,
        `${path === '-' ? 'the calendar on stdin' : `calendar file ${path}`}: ${e.message}`,
        e.details,
      );
    }
    throw e;
  }
}
