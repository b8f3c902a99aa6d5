import type { Kysely, Selectable } from 'kysely';
import type {
  ReportAttachmentFormat,
  ReportRecipients,
  ReportScheduleRecord,
  ReportSchedulesRepository,
} from '../../app/reports/report-schedules.repository.ts';
import type { Database, ReportSchedulesTable } from '../schema.ts';

const numOrNull = (v: number | string | null): number | null => (v === null ? null : Number(v));

const toRecord = (r: Selectable<ReportSchedulesTable>): ReportScheduleRecord => ({
  id: r.id,
  customerId: r.customer_id,
  cadence: r.cadence === 'quarter' ? 'quarter' : 'month',
  lang: r.lang === 'de' || r.lang === 'en' ? r.lang : null,
  formats: JSON.parse(r.formats) as ReportAttachmentFormat[],
  recipients: JSON.parse(r.recipients) as ReportRecipients,
  calendarId: r.calendar_id,
  enabled: Number(r.enabled) === 1,
  lastPeriodKey: r.last_period_key,
  lastDeliveredAt: numOrNull(r.last_delivered_at),
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

const toRow = (s: ReportScheduleRecord): Selectable<ReportSchedulesTable> => ({
  id: s.id,
  customer_id: s.customerId,
  cadence: s.cadence,
  lang: s.lang,
  formats: JSON.stringify(s.formats),
  recipients: JSON.stringify(s.recipients),
  calendar_id: s.calendarId,
  enabled: s.enabled ? 1 : 0,
  last_period_key: s.lastPeriodKey,
  last_delivered_at: s.lastDeliveredAt,
  created_at: s.createdAt,
  updated_at: s.updatedAt,
});

export class KyselyReportSchedulesRepository implements ReportSchedulesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insertSchedule(schedule: ReportScheduleRecord): Promise<void> {
    await this.db.insertInto('report_schedules').values(toRow(schedule)).execute();
  }

  async findSchedule(id: string): Promise<ReportScheduleRecord | undefined> {
    const row = await this.db
      .selectFrom('report_schedules')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async listSchedules(filter: {
    readonly customerId?: string;
    readonly enabledOnly?: boolean;
  }): Promise<ReportScheduleRecord[]> {
    let q = this.db.selectFrom('report_schedules').selectAll();
    if (filter.customerId !== undefined) q = q.where('customer_id', '=', filter.customerId);
    if (filter.enabledOnly) q = q.where('enabled', '=', 1);
    const rows = await q.orderBy('created_at').orderBy('id').execute();
    return rows.map(toRecord);
  }

  async updateSchedule(schedule: ReportScheduleRecord): Promise<void> {
    // What was delivered is the job's to record (markDelivered), so an edit never winds it back.
    const {
      id,
      created_at: _created,
      last_period_key: _period,
      last_delivered_at: _delivered,
      ...rest
    } = toRow(schedule);
    await this.db.updateTable('report_schedules').set(rest).where('id', '=', id).execute();
  }

  async deleteSchedule(id: string): Promise<void> {
    await this.db.deleteFrom('report_schedules').where('id', '=', id).execute();
  }

  async markDelivered(id: string, periodKey: string, at: number): Promise<boolean> {
    // Conditional, so that of two workers finishing the same period only one counts it as theirs.
    const result = await this.db
      .updateTable('report_schedules')
      .set({ last_period_key: periodKey, last_delivered_at: at })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_period_key', 'is', null), eb('last_period_key', '!=', periodKey)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
