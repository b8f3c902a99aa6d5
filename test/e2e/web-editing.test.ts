// Changing what exists, in a real browser against the real server: a customer and one of its contacts, a service
// and its business impact for the customer, a user's password. Each change is read back through the API, each
// removal is confirmed first, and the screens pass the accessibility check.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en as m } from '../../web/src/i18n/en.ts';
import {
  ensureWebBuilt,
  expectAccessible,
  label,
  launchChromium,
  postJson,
  screenshot,
  setUpAndSignIn,
  startPledge,
  type RunningPledge,
} from './web-support.ts';

const PASSWORD = 'correct horse battery staple';
const fill = (text: string, values: Record<string, string>): string =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

describe('editing in Chromium', () => {
  let server: RunningPledge | undefined;
  let close: (() => Promise<void>) | undefined;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startPledge();
    const chromium = await launchChromium('en-US');
    close = chromium.close;
    page = await chromium.context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (error) => errors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await close?.();
    await server?.stop();
  });

  const getJson = async <T>(path: string): Promise<T> => {
    const response = await page.request.get(`${server?.url}${path}`);
    expect(response.status(), path).toBe(200);
    return (await response.json()) as T;
  };

  it('edits a customer and its contact, a service and its impact, and resets a password', async () => {
    if (!server) throw new Error('server did not start');
    await setUpAndSignIn(page, server, PASSWORD);
    const api = `${server.url}/api/v1`;
    const customer = await postJson<{ id: string }>(page, `${api}/customers`, {
      name: 'Acme',
      timeZone: 'Europe/Berlin',
      locale: 'de',
    });
    await postJson(page, `${api}/customers/${customer.id}/contacts`, {
      name: 'Carla Contact',
      escalationLevel: 1,
    });
    const service = await postJson<{ id: string }>(page, `${api}/services`, { name: 'Mail' });

    // The customer: a new name and English reports.
    await page.goto(`${server.url}/customers/${customer.id}`);
    await page.getByRole('heading', { name: 'Acme', exact: true }).waitFor();
    await page.getByRole('button', { name: m['customers.edit'] }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(label(m['app.name_'])).fill('Acme GmbH');
    await dialog.getByRole('textbox', { name: label(m['customers.language']) }).click();
    await page.getByRole('option', { name: 'English' }).click();
    await expectAccessible(page, 'edit customer');
    await dialog.getByRole('button', { name: m['app.save'] }).click();
    await page.getByRole('heading', { name: 'Acme GmbH', exact: true }).waitFor();
    const saved = await getJson<{ name: string; locale: string }>(`/api/v1/customers/${customer.id}`);
    expect(saved).toMatchObject({ name: 'Acme GmbH', locale: 'en' });

    // The contact: a role and the second escalation level.
    await page.getByRole('button', { name: `${m['app.edit']}: Carla Contact` }).click();
    await dialog.getByLabel(label(m['contacts.role'])).fill('IT lead');
    await dialog.getByLabel(label(m['contacts.escalation'])).fill('2');
    await dialog.getByRole('button', { name: m['app.save'] }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'IT lead', exact: true }).waitFor();
    await page.getByText(fill(m['contacts.level'], { n: '2' })).waitFor();
    const contacts = await getJson<{ items: { role: string | null; escalationLevel: number }[] }>(
      `/api/v1/customers/${customer.id}/contacts`,
    );
    expect(contacts.items).toMatchObject([{ role: 'IT lead', escalationLevel: 2 }]);
    await expectAccessible(page, 'customer detail');
    await screenshot(page, 'customer-edit');

    // Removing the contact asks first; cancelling keeps it.
    await page.getByRole('button', { name: `${m['app.delete']}: Carla Contact` }).click();
    await dialog.getByText(fill(m['app.confirmDelete'], { name: 'Carla Contact' })).waitFor();
    await dialog.getByRole('button', { name: m['app.cancel'] }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'Carla Contact', exact: true }).waitFor();
    await page.getByRole('button', { name: `${m['app.delete']}: Carla Contact` }).click();
    await dialog.getByRole('button', { name: m['app.delete'] }).click();
    await page.getByText(m['contacts.empty']).waitFor();

    // The service: renamed, then its impact on the customer recorded, changed and removed.
    await page.getByRole('navigation').getByRole('link', { name: m['nav.services'], exact: true }).click();
    await page.getByText(m['services.noImpactHint']).waitFor();
    await page.getByRole('button', { name: `${m['app.edit']}: Mail` }).click();
    await dialog.getByLabel(label(m['app.name_'])).fill('Mail (Exchange)');
    await dialog.getByRole('button', { name: m['app.save'] }).click();
    await page.getByRole('heading', { name: 'Mail (Exchange)' }).waitFor();
    expect(await getJson<{ name: string }>(`/api/v1/services/${service.id}`)).toMatchObject({
      name: 'Mail (Exchange)',
    });
    await page.getByRole('button', { name: m['services.recordImpact'] }).click();
    await dialog.getByRole('textbox', { name: label(m['tickets.customer']) }).click();
    await page.getByRole('option', { name: 'Acme GmbH' }).click();
    await dialog.getByLabel(label(m['services.usersAffected'])).fill('40');
    await dialog.getByRole('button', { name: m['app.save'] }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: m['services.criticality.medium'], exact: true }).waitFor();
    await page.getByRole('button', { name: `${m['app.edit']}: Mail (Exchange) – Acme GmbH` }).click();
    await dialog.getByRole('textbox', { name: label(m['services.criticality']) }).click();
    await page.getByRole('option', { name: m['services.criticality.critical'] }).click();
    await dialog.getByRole('button', { name: m['app.save'] }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: m['services.criticality.critical'], exact: true }).waitFor();
    const impacts = await getJson<{ items: { criticality: string; usersAffected: number | null }[] }>(
      `/api/v1/services/${service.id}/impacts`,
    );
    expect(impacts.items).toMatchObject([{ criticality: 'critical', usersAffected: 40 }]);
    await expectAccessible(page, 'services');
    await screenshot(page, 'services-edit');
    await page.getByRole('button', { name: `${m['app.remove']}: Mail (Exchange) – Acme GmbH` }).click();
    await dialog.getByRole('button', { name: m['app.remove'] }).click();
    await page.getByText(m['services.noImpactHint']).waitFor();

    // A user's password, reset by the administrator: the old one stops working, the new one signs in.
    const agent = await postJson<{ id: string }>(page, `${api}/users`, {
      email: 'agent@example.test',
      name: 'Arno Agent',
      role: 'agent',
      password: 'the first password of arno',
    });
    expect(agent.id).toBeTruthy();
    await page.getByRole('navigation').getByRole('link', { name: m['nav.users'], exact: true }).click();
    await page.getByRole('button', { name: `${m['users.resetPassword']}: agent@example.test` }).click();
    await dialog.getByLabel(label(m['users.newPassword'])).fill('a second password for arno');
    await expectAccessible(page, 'reset password');
    await dialog.getByRole('button', { name: m['users.setPassword'] }).click();
    await page.getByText(fill(m['users.passwordSet'], { email: 'agent@example.test' })).waitFor();
    const login = async (password: string): Promise<number> =>
      (
        await fetch(`${api}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'agent@example.test', password }),
        })
      ).status;
    expect(await login('the first password of arno')).toBe(401);
    expect(await login('a second password for arno')).toBe(200);
    await expectAccessible(page, 'users');
    await screenshot(page, 'users');
    expect(errors).toEqual([]);
  }, 150_000);
});
