// Frozen once landed: never edit; add a new dated migration instead.
import { sql, type Kysely } from 'kysely';

/** One ticket per external reference, so two simultaneous webhooks cannot create the same ticket twice. */
export const ticketExternalRefUnique = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('tickets_external_ref').execute();
    await db.schema
      .createIndex('tickets_external_ref_unique')
      .unique()
      .on('tickets')
      .column('external_ref')
      .where(sql.ref('external_ref'), 'is not', null)
      .execute();
  },
};
