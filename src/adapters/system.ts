import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { hash, verify } from '@node-rs/argon2';
import type { ChangeEvent, ChangeFeed, Clock, IdGenerator, Secrets } from '../app/ports/system.ts';

export const systemClock: Clock = { now: () => Date.now() };

export const uuidIds: IdGenerator = { next: () => randomUUID() };

/** OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. */
const ARGON2 = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export interface Argon2Cost {
  readonly memoryCost?: number;
  readonly timeCost?: number;
}

export function argon2Secrets(options: Argon2Cost = {}): Secrets {
  const params = { ...ARGON2, ...options };
  return {
    hashPassword: (password) => hash(password, params),
    verifyPassword: async (stored, password) => {
      try {
        return await verify(stored, password);
      } catch {
        return false;
      }
    },
    randomToken: (bytes) => randomBytes(bytes).toString('base64url'),
    digest: (secret) => createHash('sha256').update(secret).digest('hex'),
  };
}

/** Change events inside one process (server-sent events subscribe here). */
export function memoryFeed(): ChangeFeed {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish: (event: ChangeEvent) => {
      emitter.emit('change', event);
    },
    subscribe: (listener) => {
      emitter.on('change', listener);
      return () => emitter.off('change', listener);
    },
  };
}
