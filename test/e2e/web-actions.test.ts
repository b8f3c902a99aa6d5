// The improvement register in a real browser against the real server with the demo's history: an administrator
// opens an action with an owner, a due date in the past, a service and the service's availability as its figure;
// the overdue filter finds it and the dashboard lists it; it is edited, then closed as done with "did it help?",
// and the register shows the verdict and the figure before → after. Every screen passes the accessibility check.
import { describe, expect, it } from 'vitest';
import { en as m } from '../../web/src/i18n/en.ts';
import { browserAgainstPledge, expectAccessible, label, screenshot } from './web-support.ts';

const PASSWORD = 'correct horse battery staple';

interface Action {
  readonly title: string;
  readonly ownerUserId: string | null;
  readonly dueDate: string | null;
  readonly status: string;
  readonly helped: string | null;
  readonly links: readonly { kind: string; id: string }[];
  readonly metric: { kind: string; serviceId?: string } | null;
  readonly measurement: { before: { value: number | null } } | null;
}

describe('improvement actions in Chromium', () => {
  const browser = browserAgainstPledge({ demoMonths: 1 });

  it('creates an overdue action, edits it, closes it as helped and shows before → after', async () => {
    const { server, page, errors } = await browser.signIn(PASSWORD);
    const services = (
      (await (await page.request.get(`${server.url}/api/v1/services?limit=50`)).json()) as {
        items: { id: string; name: string }[];
      }
    ).items;
    const service = services[0];
    if (!service) throw new Error('the demo has no service');

    await page.getByRole('navigation').getByRole('link', { name: m['nav.actions'], exact: true }).click();
    await page.getByRole('heading', { name: m['actions.title'], exact: true }).waitFor();
    await page.getByText(m['actions.none']).waitFor();
    await expectAccessible(page, 'actions (empty)');

    await page.getByRole('button', { name: m['actions.new'] }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(label(m['actions.name'])).fill('Replace mail relay');
    await dialog.getByRole('textbox', { name: label(m['actions.owner']) }).click();
    await page.getByRole('option', { name: 'Lea Lead' }).click();
    await dialog.getByLabel(label(m['actions.dueDate'])).fill('2026-01-15');
    await dialog.getByRole('textbox', { name: label(m['actions.services']) }).click();
    await page.getByRole('option', { name: service.name }).click();
    await dialog.getByRole('heading').click(); // closes the open list
    await dialog.getByRole('textbox', { name: label(m['actions.metric']) }).click();
    await page.getByRole('option', { name: m['actions.metric.availability'] }).click();
    await dialog.getByRole('textbox', { name: label(m['actions.metricService']) }).click();
    await page.getByRole('option', { name: service.name }).last().click();
    await expectAccessible(page, 'new action');
    await dialog.getByRole('button', { name: m['app.create'] }).click();
    await dialog.waitFor({ state: 'detached' });

    const row = page.locator('tr[data-action="Replace mail relay"]');
    await row.getByText(m['actions.overdue']).waitFor();
    await row.getByText(service.name).waitFor();

    // Only overdue: it stays; the dashboard lists it under what is due.
    await page.getByLabel(m['actions.overdueOnly']).check();
    await page.waitForURL(/overdue=true/);
    await row.waitFor();
    await page.getByRole('navigation').getByRole('link', { name: m['nav.dashboard'], exact: true }).click();
    await page
      .getByTestId('duties')
      .getByText(/Replace mail relay/)
      .waitFor();

    // Edit: a clearer title.
    await page.goto(`${server.url}/actions`);
    await page.getByRole('button', { name: `${m['app.edit']}: Replace mail relay` }).click();
    await dialog.getByLabel(label(m['actions.name'])).fill('Replace the mail relay');
    await dialog.getByRole('button', { name: m['app.save'] }).click();
    await dialog.waitFor({ state: 'detached' });
    const edited = page.locator('tr[data-action="Replace the mail relay"]');
    await edited.waitFor();
    await expectAccessible(page, 'actions');

    // Close it as done, it helped: the verdict and the figure before → after show.
    await page.getByRole('button', { name: `${m['actions.close']}: Replace the mail relay` }).click();
    await dialog.getByText(m['actions.helped']).waitFor();
    await dialog.getByText(m['actions.helped.yes'], { exact: true }).click();
    await expectAccessible(page, 'close action');
    await dialog.getByRole('button', { name: m['actions.closeSubmit'] }).click();
    await dialog.waitFor({ state: 'detached' });
    await edited.getByText(m['actions.status.done']).waitFor();
    await edited
      .getByTestId('before-after')
      .getByText(`${m['actions.helped']} ${m['actions.helped.yes']}`)
      .waitFor();
    await edited.getByTestId('before-after').getByText(/→/).waitFor();
    await screenshot(page, 'actions');

    const stored = (
      (await (await page.request.get(`${server.url}/api/v1/actions`)).json()) as { items: Action[] }
    ).items;
    expect(stored).toHaveLength(1);
    const action = stored[0];
    expect(action?.title).toBe('Replace the mail relay');
    expect(action?.status).toBe('done');
    expect(action?.helped).toBe('yes');
    expect(action?.dueDate).toBe('2026-01-15');
    expect(action?.links).toEqual([{ kind: 'service', id: service.id }]);
    expect(action?.metric).toMatchObject({ kind: 'availability', serviceId: service.id });
    expect(action?.measurement).not.toBeNull();
    expect(errors).toEqual([]);
  }, 180_000);
});
