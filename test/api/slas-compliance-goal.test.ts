// The compliance goal of an SLA as code: read from the YAML file, validated like the API's, and shown in the
// readable diff between versions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';

describe.each(DIALECTS)('SLA compliance goal in the YAML import on %s', (dialect) => {
  let env: TestEnv;
  let manager: string;

  const importYaml = (yaml: string) =>
    env.app.inject({
      method: 'POST',
      url: '/api/v1/slas/import',
      headers: { ...bearer(manager), 'content-type': 'application/yaml' },
      payload: yaml,
    });
  const terms = async (slaId: string, version: number) =>
    (
      await env.app.inject({
        method: 'GET',
        url: `/api/v1/slas/${slaId}/versions/${version}`,
        headers: bearer(manager),
      })
    ).json().terms;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    manager = await env.token('manager');
  });
  afterAll(async () => env?.close());

  it('reads the goal as a percentage or a fraction and lists a change of it in the diff', async () => {
    const first = await importYaml('name: Goal check\ncomplianceGoal: 95 %\n');
    expect(first.statusCode, first.body).toBe(200);
    const created = first.json().items[0];
    expect(created).toMatchObject({ action: 'created', version: 1 });
    expect((await terms(created.slaId, 1)).complianceGoal).toBe(0.95);

    // Written as a fraction this time; the draft is replaced and the change reads old → new.
    const lower = (await importYaml('name: Goal check\ncomplianceGoal: 0.9\n')).json().items[0];
    expect(lower).toMatchObject({
      action: 'draft_updated',
      changes: [
        {
          field: 'complianceGoal',
          label: 'Compliance goal',
          before: '95 %',
          after: '90 %',
          text: 'Compliance goal: 95 % → 90 %',
        },
      ],
    });
    expect((await terms(created.slaId, 1)).complianceGoal).toBe(0.9);

    // Left out, the report's default of 95 % applies again: a change back from 90 %.
    const unset = (await importYaml('name: Goal check\n')).json().items[0];
    expect(unset.changes).toEqual([expect.objectContaining({ text: 'Compliance goal: 90 % → 95 %' })]);
    expect((await terms(created.slaId, 1)).complianceGoal).toBe(0.95);
    // The default written out is the same content: nothing to change.
    expect((await importYaml('name: Goal check\ncomplianceGoal: 95 %\n')).json().items[0].changes).toEqual(
      [],
    );
  });

  it('refuses a goal that is no share', async () => {
    for (const goal of ['150 %', '0', 'high']) {
      const res = await importYaml(`name: Bad goal\ncomplianceGoal: ${goal}\n`);
      expect(res.statusCode, goal).toBe(400);
      expect(res.json().code, goal).toBe('SLA_COMPLIANCE_GOAL_INVALID');
    }
  });
});
