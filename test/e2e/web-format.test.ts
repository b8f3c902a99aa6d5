// The web UI's pure helpers: durations as people type and read them, and the language it starts in.
import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  humanDuration,
  parseHumanDuration,
  parseIsoDuration,
} from '../../web/src/lib/format.ts';

describe('durations in the web UI', () => {
  it('reads what a person types as an ISO duration', () => {
    expect(parseHumanDuration('4h')).toBe('PT4H');
    expect(parseHumanDuration('30m')).toBe('PT30M');
    expect(parseHumanDuration('1h30m')).toBe('PT1H30M');
    expect(parseHumanDuration('1,5h')).toBe('PT1H30M');
    expect(parseHumanDuration('90')).toBe('PT1H30M');
    expect(parseHumanDuration('PT8H')).toBe('PT8H');
    expect(parseHumanDuration('')).toBeNull();
    expect(parseHumanDuration('0m')).toBeNull();
    expect(parseHumanDuration('two hours')).toBeNull();
  });

  it('writes ISO durations back as a person would', () => {
    expect(humanDuration('PT1H30M')).toBe('1h30m');
    expect(parseIsoDuration('PT1H30M')).toBe(90 * 60_000);
    expect(parseIsoDuration('P1D')).toBeNull();
  });

  it('counts down with seconds, the largest units first', () => {
    expect(formatDuration(((2 * 24 + 3) * 60 + 5) * 60_000 + 9_000, true)).toBe('2d 3h 05m 09s');
    expect(formatDuration((3 * 60 + 5) * 60_000, true)).toBe('3h 05m 00s');
    expect(formatDuration(-65_000, true)).toBe('1m 05s');
    expect(formatDuration((3 * 60 + 5) * 60_000)).toBe('3h 05m');
  });
});
