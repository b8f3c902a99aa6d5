import type { Kysely, Selectable } from 'kysely';
import type { AccountsRepository, SessionRecord, SettingsRepository, TokenRecord, UserPatch, UserRecord } from '../../app/accounts/accounts.repository.ts';
import type { Role } from '../../app/actor.ts';
import type { Page, PageRequest } from '../../app/pagination.ts';
import type { ApiTokensTable, Database, SessionsTable, UsersTable } from '../schema.ts';

const toUser = (r: Selectable<UsersTable>): UserRecord => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role as Role,
  customerId: r.customer_id,
  passwordHash: r.password_hash,
  locale: r.locale,
  timeZone: r.time_zone,
  disabled: r.disabled === 1,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
  lastLoginAt: r.last_login_at === null ? null : Number(r.last_login_at),
});

const toToken = (r: Selectable<ApiTokensTable>): TokenRecord => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  role: r.role as Role,
  customerId: r.customer_id,
  tokenHash: r.token_hash,
  prefix: r.prefix,
  createdAt: Number(r.created_at),
  lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at),
  expiresAt: r.expires_at === null ? null : Number(r.expires_at),
  revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
});

const toSession = (r: Selectable<SessionsTable>): SessionRecord => ({
  idHash: r.id_hash,
  userId: r.user_id,
  csrfToken: r.csrf_token,
  createdAt: Number(r.created_at),
  expiresAt: Number(r.expires_at),
  lastSeenAt: Number(r.last_seen_at),
});

export class KyselyAccountsRepository implements AccountsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async countActiveAdmins(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('disabled', '=', 0)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insertUser(u: UserRecord): Promise<void> {
    await this.db
      .insertInto('users')
      .values({
        id: u.id,
        email: u.email,
        name: u.name,
        role: u.role,
        customer_id: u.customerId,
        password_hash: u.passwordHash,
        locale: u.locale,
        time_zone: u.timeZone,
        disabled: u.disabled ? 1 : 0,
        created_at: u.createdAt,
        updated_at: u.updatedAt,
        last_login_at: u.lastLoginAt,
      })
      .execute();
  }

  async updateUser(id: string, p: UserPatch): Promise<void> {
    await this.db
      .updateTable('users')
      .set({
        updated_at: p.updatedAt,
        ...(p.name !== undefined ? { name: p.name } : {}),
        ...(p.role !== undefined ? { role: p.role } : {}),
        ...(p.customerId !== undefined ? { customer_id: p.customerId } : {}),
        ...(p.passwordHash !== undefined ? { password_hash: p.passwordHash } : {}),
        ...(p.locale !== undefined ? { locale: p.locale } : {}),
        ...(p.timeZone !== undefined ? { time_zone: p.timeZone } : {}),
        ...(p.disabled !== undefined ? { disabled: p.disabled ? 1 : 0 } : {}),
        ...(p.lastLoginAt !== undefined ? { last_login_at: p.lastLoginAt } : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  async findUserById(id: string): Promise<UserRecord | undefined> {
    const r = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toUser(r);
  }

  async findUserByEmail(email: string): Promise<UserRecord | undefined> {
    const r = await this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    return r && toUser(r);
  }

  async listUsers(filter: { readonly customerId: string | null }, page: PageRequest): Promise<Page<UserRecord>> {
    let q = this.db.selectFrom('users');
    if (filter.customerId !== null) q = q.where('customer_id', '=', filter.customerId);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q.selectAll().orderBy('email').limit(page.limit).offset(page.offset).execute();
    return { items: rows.map(toUser), total: Number(total.n), limit: page.limit, offset: page.offset };
  }

  async insertToken(t: TokenRecord): Promise<void> {
    await this.db
      .insertInto('api_tokens')
      .values({
        id: t.id,
        user_id: t.userId,
        name: t.name,
        role: t.role,
        customer_id: t.customerId,
        token_hash: t.tokenHash,
        prefix: t.prefix,
        created_at: t.createdAt,
        last_used_at: t.lastUsedAt,
        expires_at: t.expiresAt,
        revoked_at: t.revokedAt,
      })
      .execute();
  }

  async findTokenByHash(hash: string): Promise<TokenRecord | undefined> {
    const r = await this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
    return r && toToken(r);
  }

  async findTokenById(id: string): Promise<TokenRecord | undefined> {
    const r = await this.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toToken(r);
  }

  async listTokens(filter: { readonly userId: string | null }): Promise<TokenRecord[]> {
    let q = this.db.selectFrom('api_tokens').selectAll();
    if (filter.userId !== null) q = q.where('user_id', '=', filter.userId);
    return (await q.orderBy('created_at', 'desc').execute()).map(toToken);
  }

  async revokeToken(id: string, at: number): Promise<void> {
    await this.db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
  }

  async touchToken(id: string, at: number): Promise<void> {
    await this.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  async insertSession(s: SessionRecord): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({ id_hash: s.idHash, user_id: s.userId, csrf_token: s.csrfToken, created_at: s.createdAt, expires_at: s.expiresAt, last_seen_at: s.lastSeenAt })
      .execute();
  }

  async findSession(idHash: string): Promise<SessionRecord | undefined> {
    const r = await this.db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    return r && toSession(r);
  }

  async touchSession(idHash: string, lastSeenAt: number, expiresAt: number): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id_hash', '=', idHash).execute();
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }
}

export class KyselySettingsRepository implements SettingsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(key: string): Promise<string | undefined> {
    const r = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return r?.value;
  }

  async set(key: string, value: string): Promise<void> {
    await this.db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  async delete(key: string): Promise<void> {
    await this.db.deleteFrom('settings').where('key', '=', key).execute();
  }
}
