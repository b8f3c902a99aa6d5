/**
 * An expected failure with a stable code. The HTTP and CLI edges map the code to a status or an exit
 * code; the message is for people and may change, the code may not.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: string,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

export const isDomainError = (value: unknown): value is DomainError => value instanceof DomainError;
