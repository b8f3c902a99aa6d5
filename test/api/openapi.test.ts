// The OpenAPI document is committed (docs/openapi.json) so clients can rely on it; this fails when it drifts.
// Regenerate with `npm run openapi`.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../support/harness.ts';

const FILE = 'docs/openapi.json';

describe('the committed OpenAPI document', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv('sqlite');
  });
  afterAll(async () => {
    await env?.close();
  });

  it('matches what the server generates', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { info: { version: string }; servers?: unknown };
    const stable = `${JSON.stringify({ ...doc, info: { ...doc.info, version: 'see package.json' }, servers: [{ url: 'http://localhost:3000' }] }, null, 2)}\n`;
    if (process.env['UPDATE_OPENAPI'] === '1') fs.writeFileSync(FILE, stable);
    expect(fs.existsSync(FILE), `${FILE} is missing: run npm run openapi`).toBe(true);
    expect(fs.readFileSync(FILE, 'utf8') === stable, `${FILE} is out of date: run npm run openapi and commit it`).toBe(true);
  });
});
