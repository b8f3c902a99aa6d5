import { DomainError } from '../../domain/shared/errors.ts';

/** One CSV record and the line it starts on (1-based; a quoted field may span lines). */
export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const CR = 13;
const LF = 10;

/**
 * Parses CSV as RFC 4180 describes it: comma-separated fields, optionally in double quotes, `""` for a
 * quote inside quotes, line breaks (CRLF or LF) inside quoted fields. A leading byte-order mark and a last
 * line break are ignored; blank lines are skipped.
 * @throws DomainError CSV_INVALID with the line of the broken record
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let line = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let atRecordEnd = false;
    while (!atRecordEnd) {
      let value = '';
      if (i < n && text.charCodeAt(i) === QUOTE) {
        i++;
        let closed = false;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            if (text.charCodeAt(i + 1) === QUOTE) {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          const next = text.indexOf('"', i);
          const chunk = next === -1 ? text.slice(i) : text.slice(i, next);
          for (let k = 0; k < chunk.length; k++) if (chunk.charCodeAt(k) === LF) line++;
          value += chunk;
          i += chunk.length;
        }
        if (!closed)
          throw new DomainError('CSV_INVALID', `line ${start}: a quoted field is not closed`, {
            line: start,
          });
        const c = i < n ? text.charCodeAt(i) : LF;
        if (c !== COMMA && c !== CR && c !== LF) {
          throw new DomainError(
            'CSV_INVALID',
            `line ${line}: text after a closing quote (write "" for a quote inside quotes)`,
            { line },
          );
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === CR || c === LF) break;
          if (c === QUOTE)
            throw new DomainError(
              'CSV_INVALID',
              `line ${line}: a quote inside an unquoted field (quote the whole field)`,
              { line },
            );
          j++;
        }
        value = text.slice(i, j);
        i = j;
      }
      fields.push(value);
      if (i >= n) {
        atRecordEnd = true;
      } else if (text.charCodeAt(i) === COMMA) {
        i++;
        if (i >= n) fields.push('');
        atRecordEnd = i >= n;
      } else {
        if (text.charCodeAt(i) === CR) i++;
        if (i < n && text.charCodeAt(i) === LF) i++;
        line++;
        atRecordEnd = true;
      }
    }
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
  }
  return records;
}
