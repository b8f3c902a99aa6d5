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
