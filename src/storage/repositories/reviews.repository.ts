import type { Kysely, Selectable } from 'kysely';
import type {
  ActionFilter,
  ActionLink,
  ActionLinkKind,
  ActionMeasurement,
  ActionMetric,
  ActionRecord,
  ActionStatus,
  BreachReasonCountFilter,
  Helped,
  ReviewRecord,
  ReviewsRepository,
  TicketBreachReason,
} from '../../app/reviews/reviews.repository.ts';
import type { ClockMetric } from '../../domain/sla-clock/types.ts';
import type {
  Database,
  ImprovementActionsTable,
  SlaReviewsTable,
  TicketBreachReasonsTable,
} from '../schema.ts';

/** Keys per `IN (…)` list: well under SQLite's bound-parameter limit. */
const IN_CHUNK = 500;

const toReason = (r: Selectable<TicketBreachReasonsTable>): TicketBreachReason => ({
  ticketId: r.ticket_id,
  customerId: r.customer_id,
  target: r.target as ClockMetric,
  reason: r.reason,
  note: r.note,
  recordedBy: r.recorded_by,
  recordedAt: Number(r.recorded_at),
});

const toReview = (r: Selectable<SlaReviewsTable>): ReviewRecord => ({
  id: r.id,
  slaId: r.sla_id,
  date: r.date,
  participants: JSON.parse(r.participants) as string[],
  periodFrom: r.period_from,
  periodTo: r.period_to,
  findings: r.findings,
  decisions: r.decisions,
  snapshot: JSON.parse(r.snapshot) as unknown,
  draftVersion: r.draft_version === null ? null : Number(r.draft_version),
  createdBy: r.created_by,
  createdAt: Number(r.created_at),
});

const toAction = (r: Selectable<ImprovementActionsTable>, links: readonly ActionLink[]): ActionRecord => ({
  id: r.id,
  title: r.title,
  description: r.description,
  ownerUserId: r.owner_user_id,
  dueDate: r.due_date,
  status: r.status as ActionStatus,
  links,
  metric: r.metric === null ? null : (JSON.parse(r.metric) as ActionMetric),
  helped: r.helped as Helped | null,
  measurement: r.measurement === null ? null : (JSON.parse(r.measurement) as ActionMeasurement),
  createdBy: r.created_by,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
  closedAt: r.closed_at === null ? null : Number(r.closed_at),
  revision: Number(r.revision),
});

const actionColumns = (a: ActionRecord) => ({
  title: a.title,
  description: a.description,
  owner_user_id: a.ownerUserId,
  due_date: a.dueDate,
  status: a.status,
  metric: a.metric === null ? null : JSON.stringify(a.metric),
  helped: a.helped,
  measurement: a.measurement === null ? null : JSON.stringify(a.measurement),
  updated_at: a.updatedAt,
  closed_at: a.closedAt,
  revision: a.revision,
});

export class KyselyReviewsRepository implements ReviewsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async upsertBreachReason(r: TicketBreachReason): Promise<void> {
    const values = {
      customer_id: r.customerId,
      reason: r.reason,
      note: r.note,
      recorded_by: r.recordedBy,
      recorded_at: r.recordedAt,
    };
    await this.db
      .insertInto('ticket_breach_reasons')
      .values({ ticket_id: r.ticketId, target: r.target, ...values })
      .onConflict((oc) => oc.columns(['ticket_id', 'target']).doUpdateSet(values))
      .execute();
  }

  async breachReasonsOf(ticketIds: readonly string[]): Promise<TicketBreachReason[]> {
    const out: TicketBreachReason[] = [];
    for (let i = 0; i < ticketIds.length; i += IN_CHUNK) {
      const rows = await this.db
        .selectFrom('ticket_breach_reasons')
        .selectAll()
        .where('ticket_id', 'in', ticketIds.slice(i, i + IN_CHUNK))
        .execute();
      out.push(...rows.map(toReason));
    }
    return out.sort((a, b) =>
      a.ticketId === b.ticketId ? a.target.localeCompare(b.target) : a.ticketId < b.ticketId ? -1 : 1,
    );
  }

  async countBreachReasons(filter: BreachReasonCountFilter): Promise<{ reason: string; count: number }[]> {
    let q = this.db
      .selectFrom('ticket_breach_reasons')
      .select(['reason', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy('reason')
      .orderBy('reason');
    if (filter.customerId !== undefined) q = q.where('customer_id', '=', filter.customerId);
    if (filter.from !== undefined) q = q.where('recorded_at', '>=', filter.from);
    if (filter.to !== undefined) q = q.where('recorded_at', '<', filter.to);
    return (await q.execute()).map((r) => ({ reason: r.reason, count: Number(r.n) }));
  }

  async insertReview(r: ReviewRecord): Promise<void> {
    await this.db
      .insertInto('sla_reviews')
      .values({
        id: r.id,
        sla_id: r.slaId,
        date: r.date,
        participants: JSON.stringify(r.participants),
        period_from: r.periodFrom,
        period_to: r.periodTo,
        findings: r.findings,
        decisions: r.decisions,
        snapshot: JSON.stringify(r.snapshot),
        draft_version: r.draftVersion,
        created_by: r.createdBy,
        created_at: r.createdAt,
      })
      .execute();
  }

  async findReview(id: string): Promise<ReviewRecord | undefined> {
    const row = await this.db.selectFrom('sla_reviews').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toReview(row) : undefined;
  }

  async listReviews(filter: { readonly slaId?: string }): Promise<ReviewRecord[]> {
    let q = this.db
      .selectFrom('sla_reviews')
      .selectAll()
      .orderBy('date', 'desc')
      .orderBy('created_at', 'desc');
    if (filter.slaId !== undefined) q = q.where('sla_id', '=', filter.slaId);
    return (await q.execute()).map(toReview);
  }

  async lastReviewDates(): Promise<Map<string, string>> {
    const rows = await this.db
      .selectFrom('sla_reviews')
      .select(['sla_id', (eb) => eb.fn.max('date').as('last')])
      .groupBy('sla_id')
      .execute();
    return new Map(rows.map((r) => [r.sla_id, String(r.last)]));
  }

  async setReviewDraft(id: string, version: number): Promise<boolean> {
    const r = await this.db
      .updateTable('sla_reviews')
      .set({ draft_version: version })
      .where('id', '=', id)
      .where('draft_version', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async insertAction(a: ActionRecord): Promise<void> {
    await this.db
      .insertInto('improvement_actions')
      .values({ id: a.id, created_by: a.createdBy, created_at: a.createdAt, ...actionColumns(a) })
      .execute();
    await this.replaceLinks(a);
  }

  async updateAction(a: ActionRecord, expectedRevision: number): Promise<boolean> {
    const r = await this.db
      .updateTable('improvement_actions')
      .set(actionColumns(a))
      .where('id', '=', a.id)
      .where('revision', '=', expectedRevision)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await this.replaceLinks(a);
    return true;
  }

  private async replaceLinks(a: ActionRecord): Promise<void> {
    await this.db.deleteFrom('improvement_action_links').where('action_id', '=', a.id).execute();
    if (a.links.length === 0) return;
    await this.db
      .insertInto('improvement_action_links')
      .values(a.links.map((l) => ({ action_id: a.id, kind: l.kind, target_id: l.id })))
      .execute();
  }

  private async withLinks(rows: readonly Selectable<ImprovementActionsTable>[]): Promise<ActionRecord[]> {
    const links = new Map<string, ActionLink[]>();
    for (let i = 0; i < rows.length; i += IN_CHUNK) {
      const found = await this.db
        .selectFrom('improvement_action_links')
        .selectAll()
        .where(
          'action_id',
          'in',
          rows.slice(i, i + IN_CHUNK).map((r) => r.id),
        )
        .orderBy('kind')
        .orderBy('target_id')
        .execute();
      for (const l of found) {
        const list = links.get(l.action_id) ?? [];
        list.push({ kind: l.kind as ActionLinkKind, id: l.target_id });
        links.set(l.action_id, list);
      }
    }
    return rows.map((r) => toAction(r, links.get(r.id) ?? []));
  }

  async findAction(id: string): Promise<ActionRecord | undefined> {
    const row = await this.db
      .selectFrom('improvement_actions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? (await this.withLinks([row]))[0] : undefined;
  }

  async listActions(filter: ActionFilter): Promise<ActionRecord[]> {
    let q = this.db.selectFrom('improvement_actions').selectAll();
    if (filter.status !== undefined) q = q.where('status', '=', filter.status);
    if (filter.ownerUserId !== undefined) q = q.where('owner_user_id', '=', filter.ownerUserId);
    if (filter.overdueOn !== undefined)
      q = q
        .where('status', 'in', ['open', 'in_progress'])
        .where('due_date', 'is not', null)
        .where('due_date', '<', filter.overdueOn);
    const link = filter.link;
    if (link !== undefined)
      q = q.where('id', 'in', (eb) =>
        eb
          .selectFrom('improvement_action_links')
          .select('action_id')
          .where('kind', '=', link.kind)
          .where('target_id', '=', link.id),
      );
    // Actions without a due date sort last on both dialects.
    const rows = await q
      .orderBy((eb) => eb.case().when('due_date', 'is', null).then(1).else(0).end())
      .orderBy('due_date')
      .orderBy('created_at')
      .execute();
    return this.withLinks(rows);
  }
}
