import type { Kysely } from 'kysely';
import type { SlasRepository } from '../../app/slas/slas.repository.ts';
import type { Database } from '../schema.ts';
import type { SqlDialectName } from '../sql-dialect.ts';

export class KyselySlasRepository implements SlasRepository {
  readonly area = 'slas';

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialectName,
  ) {}
}
