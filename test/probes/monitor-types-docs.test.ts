import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseMonitorDefinition } from '../../src/domain/monitoring/monitor-definition.ts';
import { MONITOR_KINDS } from '../../src/domain/monitoring/types.ts';

/** The JSON examples of the "Monitor types" section of docs/availability.md. */
function examples(): string[] {
  const doc = readFileSync(fileURLToPath(new URL('../../docs/availability.md', import.meta.url)), 'utf8');
  const start = doc.indexOf('## Monitor types');
  const end = doc.indexOf('\n## ', start + 1);
  const section = doc.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

describe('the monitor examples of docs/availability.md', () => {
  it('show every kind once', () => {
    const kinds = examples().map((json) => (JSON.parse(json) as { kind: string }).kind);
    expect([...kinds].sort()).toEqual([...MONITOR_KINDS].sort());
  });

  it.each(examples())('are valid definitions, and stay the same when validated again: %s', (json) => {
    const parsed = parseMonitorDefinition(JSON.parse(json));
    expect(parseMonitorDefinition(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
  });
});
