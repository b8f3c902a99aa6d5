// Rows written straight into the database, for tests of areas whose own API is not what they test.
import { randomUUID } from 'node:crypto';
import type { CalendarDefinition } from '../../src/domain/calendars/calendar-definition.ts';
import type { TestEnv } from './harness.ts';

/** Stores a calendar (revision 1) and returns its id. The definition is stored as given, not validated. */
export async function insertCalendar(
  env: TestEnv,
  name: string,
  definition: CalendarDefinition,
): Promise<string> {
  const id = randomUUID();
  const now = env.clock.now();
  await env.store.db
    .insertInto('calendars')
    .values({
      id,
      name,
      definition: JSON.stringify({ ...definition, name }),
      revision: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** Stores a service and returns its id. */
export async function insertService(env: TestEnv, name: string): Promise<string> {
  const id = randomUUID();
  const now = env.clock.now();
  await env.store.db
    .insertInto('services')
    .values({ id, name, description: null, owner: null, created_at: now, updated_at: now, archived_at: null })
    .execute();
  return id;
}
