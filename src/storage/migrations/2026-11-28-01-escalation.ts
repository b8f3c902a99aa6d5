// Frozen once landed: never edit; add a new dated migration instead. Imports nothing from the app.
import type { Kysely } from 'kysely';
import type { SqlDialectName } from '../sql-dialect.ts';

/** Escalation: policies and their links, notification channels, planned steps, acknowledgements, the outbox. */
export function escalation(_dialect: SqlDialectName) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const s = db.schema;
      await s
        .createTable('escalation_policies')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      // What a policy watches: SLAs (its appliesTo narrows targets and priorities) and services.
      await s
        .createTable('escalation_policy_links')
        .addColumn('policy_id', 'text', (c) =>
          c.notNull().references('escalation_policies.id').onDelete('cascade'),
        )
        .addColumn('subject_kind', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('escalation_policy_links_pk', ['policy_id', 'subject_kind', 'subject_id'])
        .execute();
      await s
        .createIndex('escalation_policy_links_subject')
        .on('escalation_policy_links')
        .columns(['subject_kind', 'subject_id'])
        .execute();

      await s
        .createTable('notification_channels')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('config', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await s
        .createTable('escalation_steps')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('level_key', 'text', (c) => c.notNull())
        .addColumn('subject_kind', 'text', (c) => c.notNull())
        .addColumn('ticket_id', 'text')
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('policy_id', 'text', (c) => c.notNull())
        .addColumn('level_index', 'integer', (c) => c.notNull())
        .addColumn('occurrence', 'integer', (c) => c.notNull())
        .addColumn('due_at', 'bigint')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('plan', 'text', (c) => c.notNull())
        .addColumn('fired_at', 'bigint')
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await s.createIndex('escalation_steps_due').on('escalation_steps').columns(['status', 'due_at']).execute();
      await s.createIndex('escalation_steps_ticket').on('escalation_steps').column('ticket_id').execute();
      await s.createIndex('escalation_steps_updated').on('escalation_steps').column('updated_at').execute();

      await s
        .createTable('escalation_acks')
        .addColumn('level_key', 'text', (c) => c.primaryKey())
        .addColumn('step_key', 'text', (c) => c.notNull())
        .addColumn('ticket_id', 'text')
        .addColumn('user_id', 'text')
        .addColumn('via', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text')
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
      await s.createIndex('escalation_acks_ticket').on('escalation_acks').column('ticket_id').execute();

      await s
        .createTable('notifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
        .addColumn('step_key', 'text')
        .addColumn('ticket_id', 'text')
        .addColumn('channel_id', 'text', (c) => c.notNull())
        .addColumn('channel_kind', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('recipient_name', 'text')
        .addColumn('recipient_user_id', 'text')
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'bigint')
        .addColumn('last_error', 'text')
        .addColumn('detail', 'text')
        .addColumn('sent_at', 'bigint')
        // SHA-256 of the one-time acknowledge link's token; the link works without a session.
        .addColumn('ack_token_hash', 'text', (c) => c.unique())
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await s
        .createIndex('notifications_due')
        .on('notifications')
        .columns(['status', 'next_attempt_at'])
        .execute();
      await s.createIndex('notifications_ticket').on('notifications').column('ticket_id').execute();
      await s.createIndex('notifications_created').on('notifications').column('created_at').execute();
    },
  };
}
