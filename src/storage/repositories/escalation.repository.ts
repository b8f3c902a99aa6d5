import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type {
  AckRecord,
  BudgetAlertFilter,
  BudgetAlertRecord,
  StoredRosterEntry,
  ChannelRecord,
  EscalationRepository,
  NotificationAttempt,
  NotificationFilter,
  NotificationRecord,
  NotificationStatus,
  PolicyRecord,
  StaffRecipient,
  StepPlan,
  StepRecord,
  StepStatus,
  StepTiming,
} from '../../app/escalation/escalation.repository.ts';
import type { Page, PageRequest } from '../../app/pagination.ts';
import type { PlannedStep, StepSubject } from '../../domain/escalation/planner.ts';
import type { EscalationPolicy, NotifyRole } from '../../domain/escalation/policy.ts';
import type { RosterEntry, RosterRole } from '../../domain/escalation/roster.ts';
import type {
  BudgetAlertsTable,
  Database,
  EscalationPoliciesTable,
  EscalationStepsTable,
  NotificationChannelsTable,
  NotificationsTable,
} from '../schema.ts';
import type { SqlDialectName } from '../sql-dialect.ts';

const numOrNull = (v: number | null): number | null => (v === null ? null : Number(v));

/** Rows per multi-row INSERT: well under SQLite's bound-parameter limit at ~20 columns a row. */
const INSERT_CHUNK = 200;
/** Keys per `IN (…)` list. */
const IN_CHUNK = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const toStep = (r: Selectable<EscalationStepsTable>): StepRecord => ({
  key: r.key,
  levelKey: r.level_key,
  subject: JSON.parse(r.subject) as StepSubject,
  ticketId: r.ticket_id,
  policyId: r.policy_id,
  levelIndex: Number(r.level_index),
  occurrence: Number(r.occurrence),
  dueAt: numOrNull(r.due_at),
  status: r.status as StepStatus,
  digest: r.digest,
  plan: JSON.parse(r.plan) as StepPlan,
  firedAt: numOrNull(r.fired_at),
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

const planOf = (s: PlannedStep): string =>
  JSON.stringify({ trigger: s.trigger, actions: s.actions, channels: s.channels } satisfies StepPlan);

const stepRow = (s: PlannedStep, now: number): Insertable<EscalationStepsTable> => ({
  key: s.key,
  level_key: s.levelKey,
  subject_kind: s.subject.kind,
  ticket_id: s.subject.kind === 'ticket' ? s.subject.ticketId : null,
  subject: JSON.stringify(s.subject),
  policy_id: s.policyId,
  level_index: s.levelIndex,
  occurrence: s.occurrence,
  due_at: s.dueAt,
  status: 'pending',
  digest: s.digest,
  plan: planOf(s),
  fired_at: null,
  lease_owner: null,
  lease_until: null,
  created_at: now,
  updated_at: now,
});

const toNotification = (r: Selectable<NotificationsTable>): NotificationRecord => ({
  id: r.id,
  idempotencyKey: r.idempotency_key,
  stepKey: r.step_key,
  ticketId: r.ticket_id,
  channelId: r.channel_id,
  channelKind: r.channel_kind,
  recipient: r.recipient,
  recipientName: r.recipient_name,
  recipientUserId: r.recipient_user_id,
  message: JSON.parse(r.message) as unknown,
  status: r.status as NotificationStatus,
  attempts: Number(r.attempts),
  nextAttemptAt: numOrNull(r.next_attempt_at),
  lastError: r.last_error,
  detail: r.detail,
  sentAt: numOrNull(r.sent_at),
  ackTokenHash: r.ack_token_hash,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

const toAlert = (r: Selectable<BudgetAlertsTable>): BudgetAlertRecord => ({
  id: r.id,
  serviceId: r.service_id,
  customerId: r.customer_id,
  rule: r.rule,
  kind: r.kind as BudgetAlertRecord['kind'],
  target: Number(r.target),
  periodStart: Number(r.period_start),
  periodEnd: Number(r.period_end),
  startedAt: Number(r.started_at),
  endedAt: numOrNull(r.ended_at),
  burnRate: numOrNull(r.burn_rate),
  budgetUsed: numOrNull(r.budget_used),
  outrankedBy: r.outranked_by,
  updatedAt: Number(r.updated_at),
});

const openKeyOf = (a: Pick<BudgetAlertRecord, 'serviceId' | 'customerId' | 'rule'>): string =>
  `${a.serviceId}:${a.customerId}:${a.rule}`;

const toChannel = (r: Selectable<NotificationChannelsTable>): ChannelRecord => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  config: JSON.parse(r.config) as unknown,
  revision: Number(r.revision),
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

const toAck = (r: Selectable<Database['escalation_acks']>): AckRecord => ({
  levelKey: r.level_key,
  stepKey: r.step_key,
  ticketId: r.ticket_id,
  userId: r.user_id,
  via: r.via as AckRecord['via'],
  recipient: r.recipient,
  at: Number(r.at),
});

export class KyselyEscalationRepository implements EscalationRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialectName,
  ) {}

  // ---- policies ----

  async insertPolicy(p: PolicyRecord): Promise<void> {
    await this.db
      .insertInto('escalation_policies')
      .values({ id: p.policy.id, created_at: p.createdAt, ...this.policyColumns(p) })
      .execute();
    await this.writeLinks(p);
  }

  async updatePolicy(p: PolicyRecord): Promise<void> {
    await this.db
      .updateTable('escalation_policies')
      .set(this.policyColumns(p))
      .where('id', '=', p.policy.id)
      .execute();
    await this.db.deleteFrom('escalation_policy_links').where('policy_id', '=', p.policy.id).execute();
    await this.writeLinks(p);
  }

  private policyColumns(p: PolicyRecord) {
    return {
      name: p.policy.name,
      scope: p.policy.scope,
      definition: JSON.stringify(p.policy),
      revision: p.revision,
      updated_at: p.updatedAt,
    };
  }

  private async writeLinks(p: PolicyRecord): Promise<void> {
    const rows = [
      ...p.slaIds.map((id) => ({ policy_id: p.policy.id, subject_kind: 'sla', subject_id: id })),
      ...p.serviceIds.map((id) => ({ policy_id: p.policy.id, subject_kind: 'service', subject_id: id })),
    ];
    if (rows.length > 0) await this.db.insertInto('escalation_policy_links').values(rows).execute();
  }

  private async withLinks(rows: readonly Selectable<EscalationPoliciesTable>[]): Promise<PolicyRecord[]> {
    if (rows.length === 0) return [];
    const links = await this.db
      .selectFrom('escalation_policy_links')
      .selectAll()
      .where(
        'policy_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('subject_id')
      .execute();
    return rows.map((r) => ({
      policy: JSON.parse(r.definition) as EscalationPolicy,
      slaIds: links.filter((l) => l.policy_id === r.id && l.subject_kind === 'sla').map((l) => l.subject_id),
      serviceIds: links
        .filter((l) => l.policy_id === r.id && l.subject_kind === 'service')
        .map((l) => l.subject_id),
      revision: Number(r.revision),
      createdAt: Number(r.created_at),
      updatedAt: Number(r.updated_at),
    }));
  }

  async findPolicy(id: string): Promise<PolicyRecord | undefined> {
    const r = await this.db
      .selectFrom('escalation_policies')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? (await this.withLinks([r]))[0] : undefined;
  }

  async listPolicies(): Promise<readonly PolicyRecord[]> {
    const rows = await this.db
      .selectFrom('escalation_policies')
      .selectAll()
      .orderBy('name')
      .orderBy('id')
      .execute();
    return this.withLinks(rows);
  }

  async deletePolicy(id: string): Promise<void> {
    await this.db.deleteFrom('escalation_policy_links').where('policy_id', '=', id).execute();
    await this.db.deleteFrom('escalation_policies').where('id', '=', id).execute();
  }

  async policiesForSlas(
    slaIds: readonly string[],
  ): Promise<ReadonlyMap<string, readonly EscalationPolicy[]>> {
    const out = new Map<string, EscalationPolicy[]>();
    if (slaIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('escalation_policy_links as l')
      .innerJoin('escalation_policies as p', 'p.id', 'l.policy_id')
      .select(['l.subject_id', 'p.definition'])
      .where('l.subject_kind', '=', 'sla')
      .where('l.subject_id', 'in', [...new Set(slaIds)])
      .where('p.scope', '=', 'ticket')
      .orderBy('p.id')
      .execute();
    for (const r of rows) {
      let list = out.get(r.subject_id);
      if (!list) out.set(r.subject_id, (list = []));
      list.push(JSON.parse(r.definition) as EscalationPolicy);
    }
    return out;
  }

  // ---- channels ----

  async insertChannel(c: ChannelRecord): Promise<void> {
    await this.db
      .insertInto('notification_channels')
      .values({
        id: c.id,
        name: c.name,
        kind: c.kind,
        config: JSON.stringify(c.config),
        revision: c.revision,
        created_at: c.createdAt,
        updated_at: c.updatedAt,
      })
      .execute();
  }

  async updateChannel(c: ChannelRecord): Promise<void> {
    await this.db
      .updateTable('notification_channels')
      .set({ name: c.name, config: JSON.stringify(c.config), revision: c.revision, updated_at: c.updatedAt })
      .where('id', '=', c.id)
      .execute();
  }

  async findChannel(id: string): Promise<ChannelRecord | undefined> {
    const r = await this.db
      .selectFrom('notification_channels')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return r && toChannel(r);
  }

  async listChannels(): Promise<readonly ChannelRecord[]> {
    const rows = await this.db
      .selectFrom('notification_channels')
      .selectAll()
      .orderBy('name')
      .orderBy('id')
      .execute();
    return rows.map(toChannel);
  }

  async deleteChannel(id: string): Promise<void> {
    await this.db.deleteFrom('notification_channels').where('id', '=', id).execute();
  }

  // ---- steps ----

  async stepsOfTickets(ticketIds: readonly string[]): Promise<readonly StepRecord[]> {
    const out: StepRecord[] = [];
    for (const ids of chunks([...new Set(ticketIds)], IN_CHUNK)) {
      const rows = await this.db
        .selectFrom('escalation_steps')
        .selectAll()
        .where('ticket_id', 'in', ids)
        .execute();
      for (const r of rows) out.push(toStep(r));
    }
    return out;
  }

  async findStep(key: string): Promise<StepRecord | undefined> {
    const r = await this.db
      .selectFrom('escalation_steps')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirst();
    return r && toStep(r);
  }

  async listSteps(
    filter: { readonly ticketId?: string; readonly status?: StepStatus },
    page: PageRequest,
  ): Promise<Page<StepRecord>> {
    let q = this.db.selectFrom('escalation_steps');
    if (filter.ticketId !== undefined) q = q.where('ticket_id', '=', filter.ticketId);
    if (filter.status !== undefined) q = q.where('status', '=', filter.status);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      .orderBy('created_at')
      .orderBy('key')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return { items: rows.map(toStep), total: Number(total.n), limit: page.limit, offset: page.offset };
  }

  async applyStepDiff(
    diff: {
      readonly insert: readonly PlannedStep[];
      readonly update: readonly PlannedStep[];
      readonly cancel: readonly string[];
    },
    now: number,
  ): Promise<void> {
    for (const part of chunks(diff.insert, INSERT_CHUNK)) {
      // A key planned again after it was cancelled (a reopen) comes back to life; a fired key never does.
      await this.db
        .insertInto('escalation_steps')
        .values(part.map((s) => stepRow(s, now)))
        .onConflict((oc) =>
          oc
            .column('key')
            .doUpdateSet((eb) => ({
              due_at: eb.ref('excluded.due_at'),
              digest: eb.ref('excluded.digest'),
              plan: eb.ref('excluded.plan'),
              status: 'pending',
              lease_owner: null,
              lease_until: null,
              updated_at: now,
            }))
            .where('escalation_steps.status', '<>', 'fired'),
        )
        .execute();
    }
    for (const s of diff.update) {
      await this.db
        .updateTable('escalation_steps')
        .set({ due_at: s.dueAt, digest: s.digest, plan: planOf(s), updated_at: now })
        .where('key', '=', s.key)
        .where('status', '=', 'pending')
        .execute();
    }
    for (const keys of chunks(diff.cancel, IN_CHUNK)) {
      await this.db
        .updateTable('escalation_steps')
        .set({ status: 'cancelled', lease_owner: null, lease_until: null, updated_at: now })
        .where('key', 'in', keys)
        .where('status', '=', 'pending')
        .execute();
    }
  }

  async claimDueSteps(
    now: number,
    limit: number,
    owner: string,
    leaseUntil: number,
  ): Promise<readonly StepRecord[]> {
    // One statement, as for monitors: SQLite has one writer; PostgreSQL skips rows another worker locked.
    let due = this.db
      .selectFrom('escalation_steps')
      .select('key')
      .where('status', '=', 'pending')
      .where('due_at', '<=', now)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
      .orderBy('due_at')
      .limit(limit);
    if (this.dialect === 'postgres') due = due.forUpdate().skipLocked();
    const rows = await this.db
      .updateTable('escalation_steps')
      .set({ lease_owner: owner, lease_until: leaseUntil })
      .where('key', 'in', due)
      .returningAll()
      .execute();
    return rows.map(toStep).sort((a, b) => (a.dueAt ?? 0) - (b.dueAt ?? 0));
  }

  async markStepFired(key: string, now: number): Promise<boolean> {
    // The exactly-once guard: only a pending row still due flips, and only one transaction can flip it.
    const r = await this.db
      .updateTable('escalation_steps')
      .set({ status: 'fired', fired_at: now, lease_owner: null, lease_until: null, updated_at: now })
      .where('key', '=', key)
      .where('status', '=', 'pending')
      .where('due_at', '<=', now)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async releaseStep(key: string): Promise<void> {
    await this.db
      .updateTable('escalation_steps')
      .set({ lease_owner: null, lease_until: null })
      .where('key', '=', key)
      .execute();
  }

  async pendingSteps(afterKey: string, limit: number): Promise<readonly StepTiming[]> {
    const rows = await this.db
      .selectFrom('escalation_steps')
      .select(['key', 'due_at'])
      .where('status', '=', 'pending')
      .where('due_at', 'is not', null)
      .where('key', '>', afterKey)
      .orderBy('key')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ key: r.key, dueAt: numOrNull(r.due_at), status: 'pending' }));
  }

  async stepsChangedSince(since: number, limit: number): Promise<readonly StepTiming[]> {
    const rows = await this.db
      .selectFrom('escalation_steps')
      .select(['key', 'due_at', 'status'])
      .where('updated_at', '>=', since)
      .orderBy('updated_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ key: r.key, dueAt: numOrNull(r.due_at), status: r.status as StepStatus }));
  }

  // ---- acknowledgements ----

  async insertAck(a: AckRecord): Promise<boolean> {
    const r = await this.db
      .insertInto('escalation_acks')
      .values({
        level_key: a.levelKey,
        step_key: a.stepKey,
        ticket_id: a.ticketId,
        user_id: a.userId,
        via: a.via,
        recipient: a.recipient,
        at: a.at,
      })
      .onConflict((oc) => oc.column('level_key').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async acksOfTickets(ticketIds: readonly string[]): Promise<readonly AckRecord[]> {
    const out: AckRecord[] = [];
    for (const ids of chunks([...new Set(ticketIds)], IN_CHUNK)) {
      const rows = await this.db
        .selectFrom('escalation_acks')
        .selectAll()
        .where('ticket_id', 'in', ids)
        .execute();
      out.push(...rows.map(toAck));
    }
    return out;
  }

  // ---- outbox ----

  async acksOfOutage(outageId: string): Promise<readonly AckRecord[]> {
    // Outage step keys are `outage:<outage id>:…`; outage ids are UUIDs, so the pattern holds no wildcard.
    const rows = await this.db
      .selectFrom('escalation_acks')
      .selectAll()
      .where('level_key', 'like', `outage:${outageId}:%`)
      .execute();
    return rows.map(toAck);
  }

  // ---- outbox ----
  async insertNotifications(rows: readonly NotificationRecord[]): Promise<number> {
    let inserted = 0;
    for (const part of chunks(rows, INSERT_CHUNK)) {
      const r = await this.db
        .insertInto('notifications')
        .values(
          part.map((n) => ({
            id: n.id,
            idempotency_key: n.idempotencyKey,
            step_key: n.stepKey,
            ticket_id: n.ticketId,
            channel_id: n.channelId,
            channel_kind: n.channelKind,
            recipient: n.recipient,
            recipient_name: n.recipientName,
            recipient_user_id: n.recipientUserId,
            message: JSON.stringify(n.message),
            status: n.status,
            attempts: n.attempts,
            next_attempt_at: n.nextAttemptAt,
            last_error: n.lastError,
            detail: n.detail,
            sent_at: n.sentAt,
            ack_token_hash: n.ackTokenHash,
            lease_owner: null,
            lease_until: null,
            created_at: n.createdAt,
            updated_at: n.updatedAt,
          })),
        )
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .executeTakeFirst();
      inserted += Number(r.numInsertedOrUpdatedRows ?? 0);
    }
    return inserted;
  }

  async claimDueNotifications(
    now: number,
    limit: number,
    owner: string,
    leaseUntil: number,
  ): Promise<readonly NotificationRecord[]> {
    let due = this.db
      .selectFrom('notifications')
      .select('id')
      .where('status', 'in', ['pending', 'retrying'])
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
      .orderBy('next_attempt_at')
      .limit(limit);
    if (this.dialect === 'postgres') due = due.forUpdate().skipLocked();
    const rows = await this.db
      .updateTable('notifications')
      .set({ lease_owner: owner, lease_until: leaseUntil })
      .where('id', 'in', due)
      .returningAll()
      .execute();
    return rows.map(toNotification).sort((a, b) => (a.nextAttemptAt ?? 0) - (b.nextAttemptAt ?? 0));
  }

  async recordAttempt(id: string, a: NotificationAttempt): Promise<void> {
    await this.db
      .updateTable('notifications')
      .set({
        status: a.status,
        attempts: a.attempts,
        next_attempt_at: a.nextAttemptAt,
        last_error: a.lastError,
        detail: a.detail,
        sent_at: a.sentAt,
        lease_owner: null,
        lease_until: null,
        updated_at: a.at,
      })
      .where('id', '=', id)
      .execute();
  }

  async findNotification(id: string): Promise<NotificationRecord | undefined> {
    const r = await this.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toNotification(r);
  }

  async findNotificationByAckToken(tokenHash: string): Promise<NotificationRecord | undefined> {
    const r = await this.db
      .selectFrom('notifications')
      .selectAll()
      .where('ack_token_hash', '=', tokenHash)
      .executeTakeFirst();
    return r && toNotification(r);
  }

  async listNotifications(filter: NotificationFilter, page: PageRequest): Promise<Page<NotificationRecord>> {
    let q = this.db.selectFrom('notifications');
    if (filter.ticketId !== undefined) q = q.where('ticket_id', '=', filter.ticketId);
    if (filter.status !== undefined) q = q.where('status', '=', filter.status);
    if (filter.stepKey !== undefined) q = q.where('step_key', '=', filter.stepKey);
    if (filter.channelId !== undefined) q = q.where('channel_id', '=', filter.channelId);
    if (filter.stepKeyPrefix !== undefined) {
      // substr, not LIKE: the prefix comes from a query and may hold "_" or "%".
      const prefix = filter.stepKeyPrefix;
      q = q.where(sql<string>`substr(step_key, 1, ${prefix.length})`, '=', prefix);
    }
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return {
      items: rows.map(toNotification),
      total: Number(total.n),
      limit: page.limit,
      offset: page.offset,
    };
  }

  async nextNotificationAt(): Promise<number | null> {
    const r = await this.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.min('next_attempt_at').as('at'))
      .where('status', 'in', ['pending', 'retrying'])
      .executeTakeFirst();
    return r?.at == null ? null : Number(r.at);
  }

  // ---- budget alerts ----

  async openBudgetAlert(a: BudgetAlertRecord): Promise<{ alert: BudgetAlertRecord; created: boolean }> {
    const r = await this.db
      .insertInto('budget_alerts')
      .values({
        id: a.id,
        service_id: a.serviceId,
        customer_id: a.customerId,
        rule: a.rule,
        kind: a.kind,
        target: a.target,
        period_start: a.periodStart,
        period_end: a.periodEnd,
        started_at: a.startedAt,
        ended_at: null,
        burn_rate: a.burnRate,
        budget_used: a.budgetUsed,
        outranked_by: a.outrankedBy,
        open_key: openKeyOf(a),
        updated_at: a.updatedAt,
      })
      .onConflict((oc) => oc.column('open_key').doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) === 1) return { alert: a, created: true };
    const raised = await this.db
      .selectFrom('budget_alerts')
      .selectAll()
      .where('open_key', '=', openKeyOf(a))
      .executeTakeFirstOrThrow();
    return { alert: toAlert(raised), created: false };
  }

  async endBudgetAlert(id: string, at: number): Promise<boolean> {
    const r = await this.db
      .updateTable('budget_alerts')
      .set({ ended_at: at, open_key: null, updated_at: at })
      .where('id', '=', id)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async updateBudgetAlertFigures(
    id: string,
    figures: { readonly burnRate: number | null; readonly budgetUsed: number | null },
    at: number,
  ): Promise<void> {
    await this.db
      .updateTable('budget_alerts')
      .set({ burn_rate: figures.burnRate, budget_used: figures.budgetUsed, updated_at: at })
      .where('id', '=', id)
      .where('ended_at', 'is', null)
      .execute();
  }

  async findBudgetAlert(id: string): Promise<BudgetAlertRecord | undefined> {
    const r = await this.db.selectFrom('budget_alerts').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toAlert(r);
  }

  async raisedBudgetAlerts(of?: {
    readonly serviceId: string;
    readonly customerId: string;
  }): Promise<readonly BudgetAlertRecord[]> {
    let q = this.db.selectFrom('budget_alerts').selectAll().where('ended_at', 'is', null);
    if (of) q = q.where('service_id', '=', of.serviceId).where('customer_id', '=', of.customerId);
    return (await q.orderBy('started_at').orderBy('id').execute()).map(toAlert);
  }

  async listBudgetAlerts(filter: BudgetAlertFilter, page: PageRequest): Promise<Page<BudgetAlertRecord>> {
    let q = this.db.selectFrom('budget_alerts');
    if (filter.customerId !== undefined) q = q.where('customer_id', '=', filter.customerId);
    if (filter.serviceId !== undefined) q = q.where('service_id', '=', filter.serviceId);
    if (filter.open) q = q.where('ended_at', 'is', null);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      .orderBy('started_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return { items: rows.map(toAlert), total: Number(total.n), limit: page.limit, offset: page.offset };
  }

  async acksOfAlert(alertId: string): Promise<readonly AckRecord[]> {
    const prefix = `alert:${alertId}:`;
    const rows = await this.db
      .selectFrom('escalation_acks')
      .selectAll()
      .where(sql<string>`substr(level_key, 1, ${prefix.length})`, '=', prefix)
      .execute();
    return rows.map(toAck);
  }

  // ---- the roster ----

  async roster(): Promise<readonly StoredRosterEntry[]> {
    const rows = await this.db.selectFrom('escalation_roster').selectAll().orderBy('position').execute();
    return rows.map((r) => ({
      role: r.role as RosterRole,
      userId: r.user_id,
      ...(r.hours === null ? {} : { hours: JSON.parse(r.hours) as RosterEntry['hours'] }),
      ...(r.time_zone === null ? {} : { timeZone: r.time_zone }),
      updatedAt: Number(r.updated_at),
    }));
  }

  async replaceRoster(entries: readonly RosterEntry[], now: number): Promise<void> {
    await this.db.deleteFrom('escalation_roster').execute();
    if (entries.length === 0) return;
    await this.db
      .insertInto('escalation_roster')
      .values(
        entries.map((e, position) => ({
          position,
          role: e.role,
          user_id: e.userId,
          hours: e.hours === undefined ? null : JSON.stringify(e.hours),
          time_zone: e.timeZone ?? null,
          updated_at: now,
        })),
      )
      .execute();
  }

  // ---- recipients and sweeps ----

  async staffByRole(role: NotifyRole): Promise<readonly StaffRecipient[]> {
    // Without a roster holder, the team lead is a manager's job and on call are the agents.
    const accountRole = role === 'team_lead' ? 'manager' : role === 'on_call' ? 'agent' : role;
    const rows = await this.db
      .selectFrom('users')
      .select(['id', 'email', 'name', 'locale', 'time_zone'])
      .where('role', '=', accountRole)
      .where('disabled', '=', 0)
      .where('customer_id', 'is', null)
      .orderBy('email')
      .execute();
    return rows.map((r) => ({
      userId: r.id,
      email: r.email,
      name: r.name,
      locale: r.locale,
      timeZone: r.time_zone,
    }));
  }

  async openTicketIds(afterId: string, limit: number): Promise<readonly string[]> {
    const rows = await this.db
      .selectFrom('tickets')
      .select('id')
      .where('closed_at', 'is', null)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }
}
