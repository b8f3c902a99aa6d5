import type { Kysely } from 'kysely';
import type { CatalogRepository } from '../../app/catalog/catalog.repository.ts';
import type { Database } from '../schema.ts';
import type { SqlDialectName } from '../sql-dialect.ts';

export class KyselyCatalogRepository implements CatalogRepository {
  readonly area = 'catalog';

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialectName,
  ) {}
}
