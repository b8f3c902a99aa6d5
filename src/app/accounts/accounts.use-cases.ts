import { ZoneRules } from '../../domain/calendars/time-zone.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import { DAY_MS, MINUTE_MS } from '../../domain/shared/time.ts';
import { isRole, requireRole, roleRank, type Actor, type Role } from '../actor.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { pageRequest, type Page } from '../pagination.ts';
import type { TokenRecord, UserRecord } from './accounts.repository.ts';
import { AUTH_CACHE_TTL_MS, authCache } from './auth-cache.ts';

export const SESSION_TTL_MS = 7 * DAY_MS;
/** A session's expiry slides forward at most this often, so reads do not write on every request. */
const SESSION_TOUCH_MS = 5 * MINUTE_MS;
const SETUP_TTL_MS = 7 * DAY_MS;
export const MIN_PASSWORD_LENGTH = 10;
export const TOKEN_PREFIX = 'plg_';
const SETUP_KEY = 'setup.token';

/** A user as shown to people and the API: never the password hash. */
export type PublicUser = Omit<UserRecord, 'passwordHash'> & { readonly hasPassword: boolean };
export type PublicToken = Omit<TokenRecord, 'tokenHash'>;

export function publicUser(u: UserRecord): PublicUser {
  const { passwordHash, ...rest } = u;
  return { ...rest, hasPassword: passwordHash !== null };
}

export function publicToken(t: TokenRecord): PublicToken {
  const { tokenHash: _hash, ...rest } = t;
  return rest;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function normaliseEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (!EMAIL_RE.test(e) || e.length > 254)
    throw new DomainError('USER_INVALID_EMAIL', `"${email}" is not an email address`);
  return e;
}

function checkPassword(password: string): void {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) {
    throw new DomainError(
      'USER_WEAK_PASSWORD',
      `a password needs at least ${MIN_PASSWORD_LENGTH} characters`,
    );
  }
  if (password.length > 1024) throw new DomainError('USER_WEAK_PASSWORD', 'that password is too long');
}

export interface NewUser {
  readonly email: string;
  readonly name?: string;
  readonly role: Role;
  readonly customerId?: string | null;
  readonly password?: string;
  readonly locale?: 'de' | 'en';
  readonly timeZone?: string | null;
}

async function insertUser(ctx: AppContext, actor: Actor, input: NewUser): Promise<UserRecord> {
  const email = normaliseEmail(input.email);
  if (!isRole(input.role))
    throw new DomainError('USER_INVALID_ROLE', 'role must be admin, manager, agent or customer');
  const customerId = input.customerId ?? null;
  if (input.role === 'customer' && customerId === null) {
    throw new DomainError(
      'USER_CUSTOMER_REQUIRED',
      'a customer viewer belongs to a customer: give customerId',
    );
  }
  if (input.role !== 'customer' && customerId !== null) {
    throw new DomainError('USER_INVALID_ROLE', 'only customer viewers belong to a customer');
  }
  if (input.timeZone) ZoneRules.of(input.timeZone);
  if (input.password !== undefined) checkPassword(input.password);
  const passwordHash = input.password === undefined ? null : await ctx.secrets.hashPassword(input.password);
  const now = ctx.clock.now();
  const user: UserRecord = {
    id: ctx.ids.next(),
    email,
    name: input.name?.trim() || email,
    role: input.role,
    customerId,
    passwordHash,
    locale: input.locale ?? 'en',
    timeZone: input.timeZone ?? null,
    disabled: false,
    createdAt: now,
    updatedAt: now,
    lastLoginAt: null,
  };
  await ctx.storage.transaction(async (repos) => {
    if (await repos.accounts.findUserByEmail(email)) {
      throw new DomainError('USER_EMAIL_TAKEN', `a user with the email ${email} exists already`);
    }
    if (customerId !== null && !(await repos.customers.findById(customerId))) {
      throw new DomainError('CUSTOMER_NOT_FOUND', 'customer not found', { id: customerId });
    }
    await repos.accounts.insertUser(user);
    await audit(repos.audit, actor, now, {
      action: 'user.created',
      entityType: 'user',
      entityId: user.id,
      customerId,
      summary: `User ${email} created with role ${user.role}`,
    });
  });
  return user;
}

/** Admins add users; the CLI (system actor) may too. */
export async function createUser(ctx: AppContext, actor: Actor, input: NewUser): Promise<PublicUser> {
  requireRole(actor, 'admin');
  return publicUser(await insertUser(ctx, actor, input));
}

export async function listUsers(
  ctx: AppContext,
  actor: Actor,
  query: { limit?: number; offset?: number },
): Promise<Page<PublicUser>> {
  requireRole(actor, 'manager');
  const page = await ctx.storage.accounts.listUsers(
    { customerId: null },
    pageRequest(query.limit, query.offset),
  );
  return { ...page, items: page.items.map(publicUser) };
}

export async function getUser(ctx: AppContext, actor: Actor, id: string): Promise<PublicUser> {
  if (actor.userId !== id) requireRole(actor, 'manager');
  const user = await ctx.storage.accounts.findUserById(id);
  if (!user) throw new DomainError('USER_NOT_FOUND', 'user not found', { id });
  return publicUser(user);
}

export interface UserChange {
  readonly name?: string;
  readonly role?: Role;
  readonly disabled?: boolean;
  readonly locale?: 'de' | 'en';
  readonly timeZone?: string | null;
}

export async function updateUser(
  ctx: AppContext,
  actor: Actor,
  id: string,
  change: UserChange,
): Promise<PublicUser> {
  const self = actor.userId === id;
  if (!self || change.role !== undefined || change.disabled !== undefined) requireRole(actor, 'admin');
  if (change.role !== undefined && !isRole(change.role))
    throw new DomainError('USER_INVALID_ROLE', 'unknown role');
  if (change.timeZone) ZoneRules.of(change.timeZone);
  const updated = await ctx.storage.transaction(async (repos) => {
    const user = await repos.accounts.findUserById(id);
    if (!user) throw new DomainError('USER_NOT_FOUND', 'user not found', { id });
    if (change.role !== undefined && (change.role === 'customer') !== (user.role === 'customer')) {
      throw new DomainError(
        'USER_INVALID_ROLE',
        'a staff account cannot become a customer viewer or back; create a new user',
      );
    }
    const demotesAdmin =
      user.role === 'admin' &&
      ((change.role !== undefined && change.role !== 'admin') || change.disabled === true);
    if (demotesAdmin && (await repos.accounts.countActiveAdmins()) <= 1) {
      throw new DomainError(
        'USER_LAST_ADMIN',
        'this is the last active admin; make someone else admin first',
      );
    }
    const now = ctx.clock.now();
    await repos.accounts.updateUser(id, { ...change, updatedAt: now });
    if (change.disabled === true) await repos.accounts.deleteUserSessions(id);
    await audit(repos.audit, actor, now, {
      action: 'user.updated',
      entityType: 'user',
      entityId: id,
      customerId: user.customerId,
      summary: `User ${user.email} updated`,
      changes: Object.fromEntries(
        Object.entries(change).map(([k, v]) => [k, [(user as unknown as Record<string, unknown>)[k], v]]),
      ),
    });
    return publicUser({ ...user, ...change, updatedAt: now });
  });
  // A role, a customer or "disabled" changes what the user's tokens and sessions may do.
  authCache(ctx).clear();
  return updated;
}

/** Sets a new password: admins for anyone, users for themselves. Ends the user's other sessions. */
export async function setPassword(
  ctx: AppContext,
  actor: Actor,
  id: string,
  password: string,
): Promise<void> {
  if (actor.userId !== id) requireRole(actor, 'admin');
  checkPassword(password);
  const hash = await ctx.secrets.hashPassword(password);
  await ctx.storage.transaction(async (repos) => {
    const user = await repos.accounts.findUserById(id);
    if (!user) throw new DomainError('USER_NOT_FOUND', 'user not found', { id });
    const now = ctx.clock.now();
    await repos.accounts.updateUser(id, { passwordHash: hash, updatedAt: now });
    await repos.accounts.deleteUserSessions(id);
    await audit(repos.audit, actor, now, {
      action: 'user.password_set',
      entityType: 'user',
      entityId: id,
      customerId: user.customerId,
      summary: `Password of ${user.email} set`,
    });
  });
  authCache(ctx).clear();
}

export async function findUserByEmail(ctx: AppContext, email: string): Promise<PublicUser | undefined> {
  const user = await ctx.storage.accounts.findUserByEmail(normaliseEmail(email));
  return user && publicUser(user);
}

// ---- sessions ---------------------------------------------------------------------------------------

export interface SignedIn {
  /** The cookie value: shown to the browser once, stored only as a digest. */
  readonly sessionToken: string;
  readonly csrfToken: string;
  readonly expiresAt: number;
  readonly user: PublicUser;
}

export async function login(ctx: AppContext, email: string, password: string): Promise<SignedIn> {
  const failed = new DomainError('LOGIN_FAILED', 'email or password is wrong');
  let normalised: string;
  try {
    normalised = normaliseEmail(email);
  } catch {
    throw failed;
  }
  const user = await ctx.storage.accounts.findUserByEmail(normalised);
  // Verify against a real hash even for unknown users, so timing does not reveal which emails exist.
  const hash = user?.passwordHash ?? (await dummyHash(ctx));
  const ok = await ctx.secrets.verifyPassword(hash, password);
  if (!user || !ok || user.passwordHash === null) throw failed;
  if (user.disabled) throw new DomainError('LOGIN_DISABLED', 'this account is disabled');
  const now = ctx.clock.now();
  const sessionToken = ctx.secrets.randomToken(32);
  const csrfToken = ctx.secrets.randomToken(24);
  const expiresAt = now + SESSION_TTL_MS;
  await ctx.storage.accounts.insertSession({
    idHash: ctx.secrets.digest(sessionToken),
    userId: user.id,
    csrfToken,
    createdAt: now,
    expiresAt,
    lastSeenAt: now,
  });
  await ctx.storage.accounts.updateUser(user.id, { lastLoginAt: now, updatedAt: user.updatedAt });
  authCache(ctx).clear();
  return { sessionToken, csrfToken, expiresAt, user: publicUser(user) };
}

let dummy: Promise<string> | undefined;
function dummyHash(ctx: AppContext): Promise<string> {
  dummy ??= ctx.secrets.hashPassword('not-a-real-password-just-for-timing');
  return dummy;
}

export interface SessionActor {
  readonly actor: Actor;
  readonly csrfToken: string;
  readonly user: PublicUser;
}

export async function authenticateSession(
  ctx: AppContext,
  sessionToken: string,
): Promise<SessionActor | undefined> {
  const idHash = ctx.secrets.digest(sessionToken);
  const now = ctx.clock.now();
  const cache = authCache(ctx);
  const known = cache.session<SessionActor>(idHash, now);
  if (known) return known;
  const generation = cache.begin();
  const session = await ctx.storage.accounts.findSession(idHash);
  if (!session || session.expiresAt <= now) return undefined;
  const user = await ctx.storage.accounts.findUserById(session.userId);
  if (!user || user.disabled) return undefined;
  let { expiresAt, lastSeenAt } = session;
  if (now - lastSeenAt > SESSION_TOUCH_MS) {
    expiresAt = now + SESSION_TTL_MS;
    lastSeenAt = now;
    await ctx.storage.accounts.touchSession(idHash, now, expiresAt);
  }
  const found: SessionActor = {
    actor: { kind: 'user', userId: user.id, tokenId: null, role: user.role, customerId: user.customerId },
    csrfToken: session.csrfToken,
    user: publicUser(user),
  };
  // Trusted until the TTL ends, the session expires, or its sliding expiry is due to be moved again.
  cache.rememberSession(
    idHash,
    found,
    Math.min(now + AUTH_CACHE_TTL_MS, expiresAt, lastSeenAt + SESSION_TOUCH_MS + 1),
    generation,
  );
  return found;
}

export async function logout(ctx: AppContext, sessionToken: string): Promise<void> {
  await ctx.storage.accounts.deleteSession(ctx.secrets.digest(sessionToken));
  authCache(ctx).clear();
}

// ---- API tokens -------------------------------------------------------------------------------------

export interface NewToken {
  readonly name: string;
  /** Whose token it is; defaults to the actor. Only admins create tokens for others. */
  readonly userId?: string;
  /** Defaults to the user's role; never above it. */
  readonly role?: Role;
  readonly customerId?: string | null;
  readonly expiresAt?: number | null;
}

export interface CreatedToken {
  /** The secret, shown once. */
  readonly token: string;
  readonly record: PublicToken;
}

export async function createToken(ctx: AppContext, actor: Actor, input: NewToken): Promise<CreatedToken> {
  const userId = input.userId ?? actor.userId;
  if (userId === null) throw new DomainError('TOKEN_INVALID', 'give the user the token belongs to');
  if (userId !== actor.userId) requireRole(actor, 'admin');
  if (!input.name || input.name.trim() === '') throw new DomainError('TOKEN_INVALID', 'a token needs a name');
  const user = await ctx.storage.accounts.findUserById(userId);
  if (!user) throw new DomainError('USER_NOT_FOUND', 'user not found', { id: userId });
  const role = input.role ?? user.role;
  if (!isRole(role)) throw new DomainError('TOKEN_INVALID', 'unknown role');
  if (roleRank(role) > roleRank(user.role))
    throw new DomainError(
      'TOKEN_ROLE_TOO_HIGH',
      `a token cannot have more rights than its user (${user.role})`,
    );
  const customerId = user.customerId ?? input.customerId ?? null;
  if (role === 'customer' && customerId === null)
    throw new DomainError('USER_CUSTOMER_REQUIRED', 'a customer token needs a customerId');
  if (input.customerId && user.customerId && input.customerId !== user.customerId) {
    throw new DomainError('FORBIDDEN', 'a customer viewer can only create tokens for its own customer');
  }
  const now = ctx.clock.now();
  if (input.expiresAt != null && input.expiresAt <= now)
    throw new DomainError('TOKEN_INVALID', 'expiresAt must be in the future');
  const token = TOKEN_PREFIX + ctx.secrets.randomToken(32);
  const record: TokenRecord = {
    id: ctx.ids.next(),
    userId,
    name: input.name.trim(),
    role,
    customerId,
    tokenHash: ctx.secrets.digest(token),
    prefix: token.slice(0, TOKEN_PREFIX.length + 6),
    createdAt: now,
    lastUsedAt: null,
    expiresAt: input.expiresAt ?? null,
    revokedAt: null,
  };
  await ctx.storage.transaction(async (repos) => {
    if (customerId !== null && !(await repos.customers.findById(customerId))) {
      throw new DomainError('CUSTOMER_NOT_FOUND', 'customer not found', { id: customerId });
    }
    await repos.accounts.insertToken(record);
    await audit(repos.audit, actor, now, {
      action: 'token.created',
      entityType: 'token',
      entityId: record.id,
      customerId,
      summary: `API token "${record.name}" (${record.prefix}…) created for ${user.email} with role ${role}`,
    });
  });
  return { token, record: publicToken(record) };
}

export async function authenticateToken(ctx: AppContext, token: string): Promise<Actor | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const digest = ctx.secrets.digest(token);
  const now = ctx.clock.now();
  const cache = authCache(ctx);
  const known = cache.token(digest, now);
  if (known) return known;
  const generation = cache.begin();
  const record = await ctx.storage.accounts.findTokenByHash(digest);
  if (!record || record.revokedAt !== null || (record.expiresAt !== null && record.expiresAt <= now))
    return undefined;
  const user = await ctx.storage.accounts.findUserById(record.userId);
  if (!user || user.disabled) return undefined;
  let lastUsedAt = record.lastUsedAt ?? now;
  if (record.lastUsedAt === null || now - record.lastUsedAt > SESSION_TOUCH_MS) {
    lastUsedAt = now;
    await ctx.storage.accounts.touchToken(record.id, now);
  }
  // A token never has more rights than its user has now.
  const role: Role = roleRank(record.role) <= roleRank(user.role) ? record.role : user.role;
  const actor: Actor = {
    kind: 'token',
    userId: user.id,
    tokenId: record.id,
    role,
    customerId: record.customerId ?? user.customerId,
  };
  // Trusted until the TTL ends, the token expires, or its last use is due to be recorded again.
  cache.rememberToken(
    digest,
    actor,
    Math.min(now + AUTH_CACHE_TTL_MS, record.expiresAt ?? Infinity, lastUsedAt + SESSION_TOUCH_MS + 1),
    generation,
  );
  return actor;
}

export async function listTokens(
  ctx: AppContext,
  actor: Actor,
  query: { userId?: string },
): Promise<PublicToken[]> {
  const all = query.userId === undefined && actor.role === 'admin';
  const userId = all ? null : (query.userId ?? actor.userId);
  if (userId !== actor.userId && !all) requireRole(actor, 'admin');
  return (await ctx.storage.accounts.listTokens({ userId })).map(publicToken);
}

export async function revokeToken(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  await ctx.storage.transaction(async (repos) => {
    const token = await repos.accounts.findTokenById(id);
    if (!token || (token.userId !== actor.userId && actor.role !== 'admin'))
      throw new DomainError('TOKEN_NOT_FOUND', 'token not found', { id });
    const now = ctx.clock.now();
    if (token.revokedAt === null) await repos.accounts.revokeToken(id, now);
    await audit(repos.audit, actor, now, {
      action: 'token.revoked',
      entityType: 'token',
      entityId: id,
      customerId: token.customerId,
      summary: `API token "${token.name}" (${token.prefix}…) revoked`,
    });
  });
  authCache(ctx).clear();
}

// ---- first run --------------------------------------------------------------------------------------

/**
 * When no active admin exists, returns a one-time setup secret (creating it if needed) for the setup URL;
 * undefined once an admin exists. Only its digest is stored.
 */
export async function ensureSetupToken(ctx: AppContext): Promise<string | undefined> {
  if ((await ctx.storage.accounts.countActiveAdmins()) > 0) return undefined;
  const token = ctx.secrets.randomToken(24);
  const now = ctx.clock.now();
  await ctx.storage.settings.set(
    SETUP_KEY,
    JSON.stringify({ digest: ctx.secrets.digest(token), expiresAt: now + SETUP_TTL_MS }),
  );
  return token;
}

export async function setupStatus(ctx: AppContext): Promise<{ readonly needsSetup: boolean }> {
  return { needsSetup: (await ctx.storage.accounts.countActiveAdmins()) === 0 };
}

export interface SetupInput {
  readonly token: string;
  readonly email: string;
  readonly name?: string;
  readonly password: string;
  readonly companyName?: string;
  readonly timeZone?: string;
  readonly holidayRegion?: string;
  readonly locale?: 'de' | 'en';
}

/** Creates the first admin with the one-time setup secret, and the company defaults. */
export async function completeSetup(ctx: AppContext, input: SetupInput): Promise<PublicUser> {
  const stored = await ctx.storage.settings.get(SETUP_KEY);
  const parsed = stored ? (JSON.parse(stored) as { digest: string; expiresAt: number }) : undefined;
  if (!parsed || parsed.digest !== ctx.secrets.digest(input.token) || parsed.expiresAt <= ctx.clock.now()) {
    throw new DomainError(
      'SETUP_TOKEN_INVALID',
      'this setup link is not valid (any more); restart the server for a new one',
    );
  }
  if ((await ctx.storage.accounts.countActiveAdmins()) > 0)
    throw new DomainError('SETUP_DONE', 'setup is complete already');
  if (input.timeZone) ZoneRules.of(input.timeZone);
  const system: Actor = { kind: 'system', userId: null, tokenId: null, role: 'admin', customerId: null };
  const user = await insertUser(ctx, system, {
    email: input.email,
    role: 'admin',
    password: input.password,
    ...(input.name ? { name: input.name } : {}),
    ...(input.locale ? { locale: input.locale } : {}),
    ...(input.timeZone ? { timeZone: input.timeZone } : {}),
  });
  await ctx.storage.settings.delete(SETUP_KEY);
  const defaults = {
    companyName: input.companyName ?? null,
    timeZone: input.timeZone ?? 'Europe/Berlin',
    holidayRegion: input.holidayRegion ?? null,
    locale: input.locale ?? 'en',
  };
  await ctx.storage.settings.set('company', JSON.stringify(defaults));
  return publicUser(user);
}
