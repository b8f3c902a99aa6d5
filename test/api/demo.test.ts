import { Command } from 'commander';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/app/actor.ts';
import { loadDemo, type DemoSummary } from '../../src/app/demo/demo.use-cases.ts';
import { listCustomers } from '../../src/app/customers/customers.use-cases.ts';
import { listAssignmentRules } from '../../src/app/slas/assignment.use-cases.ts';
import { listSlas } from '../../src/app/slas/slas.use-cases.ts';
import { listTickets } from '../../src/app/tickets/ticket-queries.ts';
import { registerDemoCommand } from '../../src/cli/demo.command.ts';
import type { CliRuntime } from '../../src/cli/runtime.ts';
import { loadConfig } from '../../src/config/config.ts';
import { Capture } from '../cli/harness.ts';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';

/** `pledge demo …` on the test database. */
async function runDemoCommand(
  env: TestEnv,
  argv: readonly string[],
): Promise<{ stdout: Capture; error: unknown }> {
  const unused = (): never => {
    throw new Error('not used by pledge demo');
  };
  const runtime: CliRuntime = {
    open: async () => ({
      config: loadConfig({}),
      ctx: env.ctx,
      databaseLocation: 'the test database',
      close: async () => undefined,
    }),
    migrate: unused,
    serve: unused,
    backup: unused,
  };
  const stdout = new Capture();
  const program = new Command('pledge').exitOverride();
  registerDemoCommand(program, { stdin: Readable.from([]), stdout, stderr: new Capture() }, runtime);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return { stdout, error: undefined };
  } catch (error) {
    return { stdout, error };
  }
}

const SEED = 7;

for (const dialect of DIALECTS) {
  describe(`pledge demo (${dialect})`, () => {
    let env: TestEnv;
    let summary: DemoSummary;
    const progress: string[] = [];

    beforeAll(async () => {
      env = await createTestEnv(dialect);
      summary = await loadDemo(env.ctx, SYSTEM_ACTOR, {
        seed: SEED,
        months: 1,
        progress: (m) => progress.push(m),
      });
    });
    afterAll(async () => {
      await env?.close();
    });

    it('loads the provider: customers, contacts, services, impacts, calendars, SLAs and rules', () => {
      expect(summary).toMatchObject({
        seed: SEED,
        months: 1,
        to: env.clock.now(),
        customers: 3,
        contacts: 8,
        services: 8,
        impacts: 22,
        calendars: 3,
        slas: 3,
        rules: 4,
      });
      expect(progress[0]).toMatch(/^Catalogue: 3 customers/);
      expect(progress.at(-2)).toMatch(/tickets (\d+)\/\1$/);
      expect(progress.at(-1)).toMatch(/^Monitoring: 7 monitors with \d+ past outages, 3 patch windows$/);
    });

    it('puts every SLA in force and ends the rules with a default', async () => {
      const slas = await listSlas(env.ctx, SYSTEM_ACTOR, {});
      expect(slas.items.map((s) => s.sla.name).sort()).toEqual([
        'Basic',
        'Managed Premium',
        'Managed Standard',
      ]);
      for (const s of slas.items) expect(s.activeVersion).toBe(1);
      const { rules } = await listAssignmentRules(env.ctx, SYSTEM_ACTOR);
      expect(rules).toHaveLength(4);
      expect(rules.at(-1)).toMatchObject({
        customerId: null,
        serviceId: null,
        priority: null,
        ticketType: null,
      });
    });

    it('gives a month of tickets, each with clocks, mostly met and some breached', async () => {
      const { items, total } = await listTickets(env.ctx, SYSTEM_ACTOR, { limit: 500 });
      expect(total).toBe(summary.tickets);
      expect(total).toBeGreaterThan(30);
      for (const t of items)
        expect(t.clocks.map((c) => c.id).sort()).toEqual(['first_response', 'resolution']);
      const { met, breached } = summary.clocks;
      expect(met).toBeGreaterThan(0);
      expect(breached).toBeGreaterThan(0);
      expect(breached / (met + breached)).toBeLessThan(0.2);
      expect(summary.events).toBeGreaterThan(total * 4);
      expect(summary.notes).toBeGreaterThan(0);
    });

    it('leaves a handful of tickets open now: running, at risk and breached', () => {
      expect(summary.open.total).toBeGreaterThanOrEqual(7);
      expect(summary.open.total).toBeLessThan(25);
      expect(summary.open.atRisk).toBeGreaterThanOrEqual(1);
      expect(summary.open.breached).toBeGreaterThanOrEqual(1);
      expect(summary.clocks.running).toBeGreaterThanOrEqual(1);
      expect(summary.clocks.paused).toBeGreaterThanOrEqual(1);
    });

    it('answers the URL it points to: GET /api/v1/tickets?clock=breached', async () => {
      const manager = await env.token('manager');
      const res = await env.app.inject({
        method: 'GET',
        url: '/api/v1/tickets?clock=breached&limit=1',
        headers: bearer(manager),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().total).toBe(summary.ticketsWithBreach);
      const atRisk = await env.app.inject({
        method: 'GET',
        url: '/api/v1/tickets?clock=at_risk&limit=1',
        headers: bearer(manager),
      });
      expect(atRisk.json().total).toBeGreaterThanOrEqual(1);
    });

    it('refuses a database that has customers, and with force adds the same demo beside it, names suffixed', async () => {
      await expect(loadDemo(env.ctx, SYSTEM_ACTOR, { seed: SEED, months: 1 })).rejects.toMatchObject({
        code: 'DEMO_NOT_EMPTY',
      });
      const before = await listTickets(env.ctx, SYSTEM_ACTOR, { limit: 500 });

      const again = await loadDemo(env.ctx, SYSTEM_ACTOR, { seed: SEED, months: 1, force: true });
      expect(again.tickets).toBe(summary.tickets);
      expect(again.clocks).toEqual(summary.clocks);
      const names = (await listCustomers(env.ctx, SYSTEM_ACTOR, {})).items.map((c) => c.name);
      expect(names).toHaveLength(6);
      expect(names).toContain('Bäckerei Sommer GmbH (2)');
      const slas = await listSlas(env.ctx, SYSTEM_ACTOR, {});
      expect(slas.items.map((s) => s.sla.name)).toContain('Managed Premium (2)');
      const { rules } = await listAssignmentRules(env.ctx, SYSTEM_ACTOR);
      expect(rules).toHaveLength(7);
      expect(rules.at(-1)?.customerId).toBeNull();

      const after = await listTickets(env.ctx, SYSTEM_ACTOR, { limit: 500 });
      const shape = (t: { ticket: { title: string; priority: string; createdAt: number } }): string =>
        `${t.ticket.createdAt} ${t.ticket.priority} ${t.ticket.title}`;
      const added = after.items.filter((t) => !before.items.some((b) => b.ticket.id === t.ticket.id));
      expect(added.map(shape).sort()).toEqual(before.items.map(shape).sort());
    });

    it('needs a manager and a sensible seed and period', async () => {
      const agent = { ...SYSTEM_ACTOR, role: 'agent' as const };
      await expect(loadDemo(env.ctx, agent, { force: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(loadDemo(env.ctx, SYSTEM_ACTOR, { force: true, months: 0 })).rejects.toMatchObject({
        code: 'DEMO_INVALID',
      });
      await expect(loadDemo(env.ctx, SYSTEM_ACTOR, { force: true, seed: -1 })).rejects.toMatchObject({
        code: 'DEMO_INVALID',
      });
      await expect(
        loadDemo(env.ctx, SYSTEM_ACTOR, { force: true, now: env.clock.now() + 60_000 }),
      ).rejects.toMatchObject({ code: 'DEMO_INVALID' });
    });

    it('runs as `pledge demo`: refuses without --force, then prints progress and the summary', async () => {
      const refused = await runDemoCommand(env, ['demo', '--months', '1']);
      expect(refused.error).toMatchObject({ code: 'DEMO_NOT_EMPTY' });
      expect((refused.error as Error).message).toContain('--force');

      const { stdout, error } = await runDemoCommand(env, [
        'demo',
        '--months',
        '1',
        '--seed',
        String(SEED),
        '--force',
      ]);
      expect(error).toBeUndefined();
      expect(stdout.lines[0]).toBe(
        `Loading the demo into the test database (seed ${SEED}, 1 month(s) up to now)`,
      );
      expect(stdout.text).toContain(`Tickets: ${summary.tickets} over 1 month(s)`);
      expect(stdout.text).toContain(
        `Clocks: ${summary.clocks.met} met, ${summary.clocks.breached} breached (`,
      );
      expect(stdout.lines.at(-2)).toBe(
        'Look at the breaches:  GET http://localhost:3000/api/v1/tickets?clock=breached',
      );
    });
  });
}
