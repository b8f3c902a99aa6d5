import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../domain/shared/errors.ts';
import { parseCsv } from './csv.ts';

const fields = (text: string): string[][] => parseCsv(text).map((r) => [...r.fields]);

function csvError(text: string): { code: string; line: unknown } {
  try {
    parseCsv(text);
  } catch (e) {
    if (isDomainError(e)) return { code: e.code, line: e.details?.['line'] };
    throw e;
  }
  throw new Error('expected a CSV error');
}

describe('parseCsv', () => {
  it('splits plain fields and records with LF or CRLF', () => {
    expect(fields('a,b,c\n1,2,3\r\n4,,6')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['4', '', '6'],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(fields('x,y\n"Hello, world","She said ""hi"""\n"two\nlines",z\n')).toEqual([
      ['x', 'y'],
      ['Hello, world', 'She said "hi"'],
      ['two\nlines', 'z'],
    ]);
  });

  it('keeps empty fields at the end of a record and empty quoted fields', () => {
    expect(fields('a,b,\n"",x,""')).toEqual([
      ['a', 'b', ''],
      ['', 'x', ''],
    ]);
  });

  it('gives each record the line it starts on, counting line breaks inside quotes', () => {
    const records = parseCsv('h1,h2\n"multi\nline\ntext",1\n\nlast,2\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 6]);
  });

  it('ignores a byte-order mark, blank lines and the final line break', () => {
    expect(fields('\uFEFFa,b\r\n\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('answers an empty text with no records', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\n\n')).toEqual([]);
  });

  it('reports an unclosed quote with the line where the field starts', () => {
    expect(csvError('a,b\n1,2\n3,"open\nstill open')).toEqual({ code: 'CSV_INVALID', line: 3 });
  });

  it('reports text after a closing quote and a stray quote in an unquoted field', () => {
    expect(csvError('a\n"closed"x\n')).toEqual({ code: 'CSV_INVALID', line: 2 });
    expect(csvError('a\nb\nsay "hi"\n')).toEqual({ code: 'CSV_INVALID', line: 3 });
  });
});
