import type { Role } from '../actor.ts';
import type { Page, PageRequest } from '../pagination.ts';

export interface UserRecord {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly customerId: string | null;
  readonly passwordHash: string | null;
  readonly locale: string;
  readonly timeZone: string | null;
  readonly disabled: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly lastLoginAt: number | null;
}

export interface TokenRecord {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly role: Role;
  readonly customerId: string | null;
  readonly tokenHash: string;
  /** The first characters of the token, shown in lists so people can tell tokens apart. */
  readonly prefix: string;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
  readonly expiresAt: number | null;
  readonly revokedAt: number | null;
}

export interface SessionRecord {
  readonly idHash: string;
  readonly userId: string;
  readonly csrfToken: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly lastSeenAt: number;
}

export type UserPatch = Partial<Pick<UserRecord, 'name' | 'role' | 'customerId' | 'passwordHash' | 'locale' | 'timeZone' | 'disabled' | 'lastLoginAt'>> & {
  readonly updatedAt: number;
};

export interface AccountsRepository {
  countActiveAdmins(): Promise<number>;
  insertUser(user: UserRecord): Promise<void>;
  updateUser(id: string, patch: UserPatch): Promise<void>;
  findUserById(id: string): Promise<UserRecord | undefined>;
  findUserByEmail(email: string): Promise<UserRecord | undefined>;
  listUsers(filter: { readonly customerId: string | null }, page: PageRequest): Promise<Page<UserRecord>>;

  insertToken(token: TokenRecord): Promise<void>;
  findTokenByHash(hash: string): Promise<TokenRecord | undefined>;
  findTokenById(id: string): Promise<TokenRecord | undefined>;
  listTokens(filter: { readonly userId: string | null }): Promise<TokenRecord[]>;
  revokeToken(id: string, at: number): Promise<void>;
  touchToken(id: string, at: number): Promise<void>;

  insertSession(session: SessionRecord): Promise<void>;
  findSession(idHash: string): Promise<SessionRecord | undefined>;
  touchSession(idHash: string, lastSeenAt: number, expiresAt: number): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  deleteUserSessions(userId: string): Promise<void>;
}

/** Small key/value settings (the first-run setup secret, company name, defaults). */
export interface SettingsRepository {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}
