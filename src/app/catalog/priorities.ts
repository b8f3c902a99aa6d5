import { DomainError } from '../../domain/shared/errors.ts';
import type { Level, PriorityScheme } from './catalog.repository.ts';

export const LEVELS: readonly Level[] = ['high', 'medium', 'low'];

/** P1–P4 with the usual ITIL impact × urgency matrix. */
export const defaultPriorityScheme: PriorityScheme = {
  priorities: [
    { id: 'P1', name: 'Critical', rank: 1 },
    { id: 'P2', name: 'High', rank: 2 },
    { id: 'P3', name: 'Medium', rank: 3 },
    { id: 'P4', name: 'Low', rank: 4 },
  ],
  matrix: {
    high: { high: 'P1', medium: 'P2', low: 'P3' },
    medium: { high: 'P2', medium: 'P3', low: 'P4' },
    low: { high: 'P3', medium: 'P4', low: 'P4' },
  },
};

export function isLevel(value: unknown): value is Level {
  return value === 'high' || value === 'medium' || value === 'low';
}

/** The priority the matrix gives a ticket of this impact and urgency. */
export function priorityFor(scheme: PriorityScheme, impact: Level, urgency: Level): string {
  return scheme.matrix[impact][urgency];
}

/** @throws DomainError PRIORITY_UNKNOWN */
export function assertPriority(scheme: PriorityScheme, priority: string): void {
  if (!scheme.priorities.some((p) => p.id === priority)) {
    throw new DomainError('PRIORITY_UNKNOWN', `unknown priority "${priority}"; known: ${scheme.priorities.map((p) => p.id).join(', ')}`, {
      priority,
    });
  }
}

const PRIORITY_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$/;
export const MAX_PRIORITIES = 20;

const schemeInvalid = (message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError('PRIORITY_SCHEME_INVALID', message, details);

/**
 * Checks a priority scheme before it is stored: unique ids, ranks 1 … n each used once, and every cell of
 * the impact × urgency matrix naming one of the priorities.
 * @throws DomainError PRIORITY_SCHEME_INVALID
 */
export function validatePriorityScheme(scheme: PriorityScheme): PriorityScheme {
  const n = scheme.priorities.length;
  if (n === 0 || n > MAX_PRIORITIES) throw schemeInvalid(`a scheme needs between 1 and ${MAX_PRIORITIES} priorities`);
  const ids = new Set<string>();
  const ranks = new Set<number>();
  for (const p of scheme.priorities) {
    if (!PRIORITY_ID.test(p.id)) {
      throw schemeInvalid(`priority id "${p.id}" must be 1-20 letters, digits, "-" or "_", starting with a letter or digit`, { id: p.id });
    }
    if (ids.has(p.id)) throw schemeInvalid(`priority id "${p.id}" is used twice`, { id: p.id });
    ids.add(p.id);
    if (p.name.trim() === '') throw schemeInvalid(`priority "${p.id}" needs a name`, { id: p.id });
    if (!Number.isInteger(p.rank) || p.rank < 1 || p.rank > n) {
      throw schemeInvalid(`priority "${p.id}": rank ${p.rank} is not between 1 and ${n}`, { id: p.id, rank: p.rank });
    }
    if (ranks.has(p.rank)) throw schemeInvalid(`rank ${p.rank} is used twice; ranks are 1 … ${n}, each once`, { rank: p.rank });
    ranks.add(p.rank);
  }
  for (const impact of LEVELS) {
    for (const urgency of LEVELS) {
      const cell = scheme.matrix[impact]?.[urgency];
      if (cell === undefined || !ids.has(cell)) {
        throw schemeInvalid(`matrix.${impact}.${urgency}: "${cell ?? ''}" is not one of the priorities (${[...ids].join(', ')})`, {
          impact,
          urgency,
          priority: cell ?? null,
        });
      }
    }
  }
  return {
    priorities: [...scheme.priorities].map((p) => ({ id: p.id, name: p.name.trim(), rank: p.rank })).sort((a, b) => a.rank - b.rank),
    matrix: {
      high: { ...scheme.matrix.high },
      medium: { ...scheme.matrix.medium },
      low: { ...scheme.matrix.low },
    },
  };
}
