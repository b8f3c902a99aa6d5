// The escalation screens in a real browser against the real server: a webhook channel pointing at a loopback
// server receives a test notice, a policy with one level is created, and the notification log opens; all three
// screens pass the accessibility check.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en as m } from '../../web/src/i18n/en.ts';
import {
  ensureWebBuilt,
  expectAccessible,
  label,
  launchChromium,
  screenshot,
  setUpAndSignIn,
  startPledge,
  type RunningPledge,
} from './web-support.ts';

const PASSWORD = 'correct horse battery staple';

interface Received {
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

describe('the escalation screens in Chromium', () => {
  let server: RunningPledge | undefined;
  let close: (() => Promise<void>) | undefined;
  let page: Page;
  const errors: string[] = [];
  const received: Received[] = [];
  const hook = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(204).end();
    });
  });
  let hookUrl = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hooks/pledge`;
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
    await new Promise<void>((resolve) => hook.close(() => resolve()));
  });

  it('creates a webhook channel, sends a test, creates a policy and opens the log', async () => {
    if (!server) throw new Error('server did not start');
    await setUpAndSignIn(page, server, PASSWORD);
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: m['nav.reports'], exact: true }).waitFor();

    // A webhook channel against the loopback server, and a test through it.
    await nav.getByRole('link', { name: m['nav.channels'], exact: true }).click();
    await page.getByText(m['channels.empty']).waitFor();
    await page.getByRole('button', { name: m['channels.new'] }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(label(m['app.name_'])).fill('Ops hook');
    await dialog.getByLabel(label(m['channels.url'])).fill(hookUrl);
    await dialog.getByLabel(label(m['channels.secret'])).fill('a-long-random-shared-secret');
    await dialog.getByRole('button', { name: m['app.create'] }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'Ops hook', exact: true }).waitFor();
    expect(await page.getByText('a-long-random-shared-secret').count()).toBe(0);
    await page.getByRole('button', { name: `${m['channels.test']}: Ops hook` }).click();
    await page.getByTestId('channel-test-result').waitFor();
    const sent = m['channels.testOk'].replace('{name}', 'Ops hook').replace(' {detail}', '');
    expect(await page.getByTestId('channel-test-result').innerText()).toContain(sent);
    expect(received).toHaveLength(1);
    expect(received[0]?.headers['x-pledge-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    await expectAccessible(page, 'channels');
    await screenshot(page, 'channels');

    // A policy with one level: at 75 % of the target, the assignee, by the webhook.
    await nav.getByRole('link', { name: m['nav.escalation'], exact: true }).click();
    await page.getByText(m['escalation.empty']).waitFor();
    await page.getByRole('button', { name: m['escalation.new'] }).first().click();
    await dialog.getByLabel(label(m['app.name_'])).fill('Standard escalation');
    await dialog.getByRole('textbox', { name: label(m['escalation.channels']) }).click();
    await page.getByRole('option', { name: 'Ops hook' }).click();
    await page.keyboard.press('Escape');
    await expectAccessible(page, 'new policy');
    await screenshot(page, 'escalation-new');
    await dialog.getByRole('button', { name: m['app.create'] }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'Standard escalation', exact: true }).waitFor();
    const level = [
      m['escalation.when.share'].replace('{percent}', '75'),
      m['escalation.who.notify_assignee'],
    ].join(' → ');
    await page.getByText(`${level}, ${m['escalation.by'].replace('{channels}', 'Ops hook')}`).waitFor();
    await expectAccessible(page, 'escalation');
    await screenshot(page, 'escalation');

    // Test notices are not logged: the log is empty.
    await nav.getByRole('link', { name: m['nav.notifications'], exact: true }).click();
    await page.getByText(m['notifications.empty']).waitFor();
    await expectAccessible(page, 'notifications');
    await screenshot(page, 'notifications');

    // Editing a policy keeps its levels; the name changes.
    await nav.getByRole('link', { name: m['nav.escalation'], exact: true }).click();
    await page.getByRole('button', { name: `${m['app.edit']}: Standard escalation` }).click();
    await dialog.getByLabel(label(m['app.name_'])).fill('Office hours escalation');
    await expectAccessible(page, 'edit policy');
    await dialog.getByRole('button', { name: m['app.save'] }).click();
    await page.getByRole('cell', { name: 'Office hours escalation', exact: true }).waitFor();
    await page.getByText(`${level}, ${m['escalation.by'].replace('{channels}', 'Ops hook')}`).waitFor();

    // A channel a policy still uses cannot go: the refusal is said in words. Renaming it is fine.
    await nav.getByRole('link', { name: m['nav.channels'], exact: true }).click();
    await page.getByRole('button', { name: `${m['app.delete']}: Ops hook` }).click();
    await dialog.getByRole('button', { name: m['app.delete'] }).click();
    await dialog.getByText(m['error.CHANNEL_IN_USE']).waitFor();
    await dialog.getByRole('button', { name: m['app.cancel'] }).click();
    await page.getByRole('button', { name: `${m['app.edit']}: Ops hook` }).click();
    await dialog.getByLabel(label(m['app.name_'])).fill('Ops webhook');
    await dialog.getByRole('button', { name: m['app.save'] }).click();
    await page.getByRole('cell', { name: 'Ops webhook', exact: true }).waitFor();
    // The masked secret went back unchanged, so the stored one still signs the next test.
    await page.getByRole('button', { name: `${m['channels.test']}: Ops webhook` }).click();
    await page
      .getByText(m['channels.testOk'].replace('{name}', 'Ops webhook').replace(' {detail}', ''))
      .waitFor();
    expect(received).toHaveLength(2);
    const second = received[1];
    expect(second?.headers['x-pledge-signature']).toBe(
      `sha256=${createHmac('sha256', 'a-long-random-shared-secret')
        .update(second?.body ?? '', 'utf8')
        .digest('hex')}`,
    );

    // Deleting asks first.
    await nav.getByRole('link', { name: m['nav.escalation'], exact: true }).click();
    await page.getByRole('button', { name: `${m['app.delete']}: Office hours escalation` }).click();
    await page.getByRole('dialog').getByRole('button', { name: m['app.delete'] }).click();
    await page.getByText(m['escalation.empty']).waitFor();
    await nav.getByRole('link', { name: m['nav.channels'], exact: true }).click();
    await page.getByRole('button', { name: `${m['app.delete']}: Ops webhook` }).click();
    await dialog.getByRole('button', { name: m['app.delete'] }).click();
    await page.getByText(m['channels.empty']).waitFor();
    expect(errors).toEqual([]);
  }, 120_000);
});
