// The web UI's typed API client is generated from docs/openapi.json and committed; this fails when it drifts.
// Regenerate with `npm run api:web` (npm run openapi does it too).
import fs from 'node:fs';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import prettier from 'prettier';
import { describe, expect, it } from 'vitest';

const SPEC = path.resolve('docs/openapi.json');
const TYPES = path.resolve('web/src/api/schema.d.ts');

describe('the web UI API types', () => {
  it('match docs/openapi.json', async () => {
    const generated = astToString(await openapiTS(new URL(`file://${SPEC}`)));
    expect(fs.existsSync(TYPES), `${TYPES} is missing: run npm run api:web`).toBe(true);
    // Compared after formatting both alike (and without the CLI's header comment), so `npm run format` is no drift.
    const normalise = async (text: string): Promise<string> =>
      prettier.format(text.slice(text.indexOf('export interface paths')), {
        parser: 'typescript',
        singleQuote: true,
        printWidth: 110,
      });
    const committed = await normalise(fs.readFileSync(TYPES, 'utf8'));
    expect(
      committed === (await normalise(generated)),
      'web/src/api/schema.d.ts is out of date: run npm run api:web and commit it',
    ).toBe(true);
  });
});
