// What an escalation step's notices say and whom they reach: recipients from the level's actions, the
// channels it names, and one outbox row per recipient and channel. Shared by ticket and outage steps.
import type { EscalationAction, EscalationTrigger, NotifyRole } from '../../domain/escalation/policy.ts';
import { holdersAt } from '../../domain/escalation/roster.ts';
import type { Customer } from '../customers/customers.repository.ts';
import type { AppContext } from '../context.ts';
import type { NotificationFacts } from '../ports/notifier.ts';
import type { Repositories } from '../ports/repositories.ts';
import { ENV_EMAIL_CHANNEL_ID, type EscalationSettings } from './channels.ts';
import type { ChannelRecord, NotificationRecord, StepRecord } from './escalation.repository.ts';

/** Someone a notice goes to. */
export interface Person {
  readonly userId: string | null;
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly locale: 'de' | 'en';
  readonly timeZone: string;
}

export const localeOf = (value: string | null | undefined): 'de' | 'en' => (value === 'de' ? 'de' : 'en');

/** The kind of message a level's trigger sends. */
export function messageKind(trigger: EscalationTrigger): NotificationFacts['kind'] {
  switch (trigger.kind) {
    case 'breach':
      return 'ticket_breach';
    case 'after_breach':
      return 'ticket_after_breach';
    case 'outage_start':
    case 'outage_lasted':
      return 'outage';
    case 'burn_rate':
      return 'burn_rate';
    case 'budget_spent':
      return 'budget_spent';
    default:
      return 'ticket_warning';
  }
}

async function staff(
  repos: Repositories,
  userId: string,
  customer: Customer | undefined,
): Promise<Person | null> {
  const user = await repos.accounts.findUserById(userId);
  if (!user || user.disabled) return null;
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    phone: null,
    locale: localeOf(user.locale),
    timeZone: user.timeZone ?? customer?.timeZone ?? 'UTC',
  };
}

/** Whom "the assignee" and "the customer's contacts" mean for a step: its ticket's, or its outage's. */
export interface Audience {
  readonly customerId: string | null;
  readonly assigneeUserId: string | null;
}

/**
 * The staff a role names at `at`. On call and team lead are whoever the roster says holds the role now; when
 * nobody does (no roster, or a gap between shifts) the account role stands in (agents, managers), so a page
 * is never sent to nobody.
 */
async function holdersOf(
  repos: Repositories,
  role: NotifyRole,
  at: number,
  customer: Customer | undefined,
): Promise<Person[]> {
  if (role === 'on_call' || role === 'team_lead') {
    const people: Person[] = [];
    for (const userId of holdersAt(await repos.escalation.roster(), role, at)) {
      const p = await staff(repos, userId, customer);
      if (p) people.push(p);
    }
    if (people.length > 0) return people;
  }
  return (await repos.escalation.staffByRole(role)).map((u) => ({
    userId: u.userId,
    name: u.name,
    email: u.email,
    phone: null,
    locale: localeOf(u.locale),
    timeZone: u.timeZone ?? customer?.timeZone ?? 'UTC',
  }));
}

/** Everyone the step's notify actions name at `now`, once each (by user, e-mail address or phone number). */
export async function recipients(
  repos: Repositories,
  actions: readonly EscalationAction[],
  audience: Audience,
  customer: Customer | undefined,
  now: number,
): Promise<Person[]> {
  const out: Person[] = [];
  const seen = new Set<string>();
  const add = (p: Person | null): void => {
    if (!p) return;
    const key = p.userId ?? p.email?.toLowerCase() ?? p.phone ?? p.name;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(p);
  };
  for (const action of actions) {
    switch (action.kind) {
      case 'notify_user':
        add(await staff(repos, action.userId, customer));
        break;
      case 'notify_assignee':
        if (audience.assigneeUserId !== null) add(await staff(repos, audience.assigneeUserId, customer));
        break;
      case 'notify_role':
        for (const p of await holdersOf(repos, action.role, now, customer)) add(p);
        break;
      case 'notify_customer_contacts':
        if (audience.customerId === null) break;
        for (const c of await repos.catalog.listContacts(audience.customerId))
          if (c.escalationLevel === action.level)
            add({
              userId: null,
              name: c.name,
              email: c.email,
              phone: c.phone,
              locale: localeOf(customer?.locale),
              timeZone: customer?.timeZone ?? 'UTC',
            });
        break;
      default:
        break;
    }
  }
  return out;
}

/** The channel records a step goes out on; a level without channels uses the default e-mail channel. */
async function channelsOf(
  repos: Repositories,
  ids: readonly string[],
  settings: EscalationSettings,
): Promise<(ChannelRecord | { readonly id: string; readonly missing: true })[]> {
  const wanted = ids.length > 0 ? ids : [settings.envEmail ? ENV_EMAIL_CHANNEL_ID : ''];
  const out: (ChannelRecord | { readonly id: string; readonly missing: true })[] = [];
  for (const id of wanted) {
    if (id === ENV_EMAIL_CHANNEL_ID && settings.envEmail) out.push(settings.envEmail);
    else if (id === '') {
      const email = (await repos.escalation.listChannels()).find((c) => c.kind === 'email');
      out.push(email ?? { id: ENV_EMAIL_CHANNEL_ID, missing: true });
    } else out.push((await repos.escalation.findChannel(id)) ?? { id, missing: true });
  }
  return out;
}

/** What a step's notices carry, apart from the acknowledge link each gets. */
export interface NoticeContent {
  readonly ticketId: string | null;
  readonly facts: Omit<NotificationFacts, 'acknowledgeUrl'>;
  readonly people: readonly Person[];
  readonly customer: Customer | undefined;
  readonly now: number;
  readonly settings: EscalationSettings;
}

/** One outbox row per recipient and channel (one per channel for those that post to their own URL). */
export async function outboxRows(
  ctx: AppContext,
  repos: Repositories,
  step: StepRecord,
  about: NoticeContent,
): Promise<NotificationRecord[]> {
  const { facts, people, customer, now, settings } = about;
  const rows: NotificationRecord[] = [];
  const row = (
    channel: { readonly id: string; readonly kind: string },
    to: { readonly address: string; readonly person: Person | null },
    problem?: string,
  ): void => {
    const id = ctx.ids.next();
    const token = ctx.secrets.randomToken(24);
    const idempotencyKey = `${step.key}:${channel.id}:${to.address}`;
    rows.push({
      id,
      idempotencyKey,
      stepKey: step.key,
      ticketId: about.ticketId,
      channelId: channel.id,
      channelKind: channel.kind,
      recipient: to.address,
      recipientName: to.person?.name ?? null,
      recipientUserId: to.person?.userId ?? null,
      message: {
        idempotencyKey,
        locale: to.person?.locale ?? localeOf(customer?.locale),
        timeZone: to.person?.timeZone ?? customer?.timeZone ?? 'UTC',
        facts: { ...facts, acknowledgeUrl: `${settings.publicUrl}/api/v1/escalations/ack/${token}` },
      },
      status: problem === undefined ? 'pending' : 'dead',
      attempts: 0,
      nextAttemptAt: problem === undefined ? now : null,
      lastError: problem ?? null,
      detail: null,
      sentAt: null,
      ackTokenHash: ctx.secrets.digest(token),
      createdAt: now,
      updatedAt: now,
    });
  };
  const notifies = step.plan.actions.some((a) => a.kind.startsWith('notify_'));
  if (notifies) {
    for (const channel of await channelsOf(repos, step.plan.channels, settings)) {
      if ('missing' in channel) {
        row(
          { id: channel.id, kind: 'email' },
          { address: '*', person: null },
          `no notification channel "${channel.id}" is configured`,
        );
        continue;
      }
      if (channel.kind === 'email' || channel.kind === 'sms') {
        for (const p of people) {
          const address = channel.kind === 'email' ? p.email?.toLowerCase() : p.phone?.replace(/\s+/g, '');
          if (address) row(channel, { address, person: p });
        }
      } else row(channel, { address: '*', person: null });
    }
  }
  return rows;
}
