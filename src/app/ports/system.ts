/** The current instant, in UTC epoch milliseconds. Tests pass a fixed or stepping clock. */
export interface Clock {
  now(): number;
}

/** New identifiers (UUIDs in production). */
export interface IdGenerator {
  next(): string;
}

/** Password hashing (argon2id in production) and the secrets behind tokens and sessions. */
export interface Secrets {
  hashPassword(password: string): Promise<string>;
  verifyPassword(hash: string, password: string): Promise<boolean>;
  /** A new random secret, URL-safe, with the given number of random bytes. */
  randomToken(bytes: number): string;
  /** SHA-256 of a high-entropy secret (tokens, session ids), hex; such secrets need no slow hash. */
  digest(secret: string): string;
}

/** Something that changed, for live views (server-sent events) and the worker. */
export interface ChangeEvent {
  readonly type: string;
  readonly entityId: string;
  /** The customer it belongs to, so a customer viewer only hears about its own. */
  readonly customerId: string | null;
  readonly at: number;
  readonly data?: unknown;
}

export interface ChangeFeed {
  publish(event: ChangeEvent): void;
  subscribe(listener: (event: ChangeEvent) => void): () => void;
}
