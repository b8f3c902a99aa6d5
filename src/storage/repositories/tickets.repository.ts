import type { Kysely } from 'kysely';
import type { TicketsRepository } from '../../app/tickets/tickets.repository.ts';
import type { Database } from '../schema.ts';
import type { SqlDialectName } from '../sql-dialect.ts';

export class KyselyTicketsRepository implements TicketsRepository {
  readonly area = 'tickets';

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialectName,
  ) {}
}
