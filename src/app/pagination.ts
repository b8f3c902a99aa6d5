import { DomainError } from '../domain/shared/errors.ts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export interface PageRequest {
  readonly limit: number;
  readonly offset: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

export function pageRequest(limit: number | undefined, offset: number | undefined): PageRequest {
  const l = limit ?? DEFAULT_PAGE_SIZE;
  const o = offset ?? 0;
  if (!Number.isInteger(l) || l < 1 || l > MAX_PAGE_SIZE) {
    throw new DomainError('PAGE_INVALID', `limit must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  if (!Number.isInteger(o) || o < 0) throw new DomainError('PAGE_INVALID', 'offset must be 0 or more');
  return { limit: l, offset: o };
}
