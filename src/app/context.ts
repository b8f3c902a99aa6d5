import type { DocumentRenderer } from './ports/documents.ts';
import type { Notifier } from './ports/notifier.ts';
import type { ChangeFeed, Clock, IdGenerator, Secrets } from './ports/system.ts';
import type { Storage } from './ports/repositories.ts';

/** What every use case may use. Built once in src/main; tests build it with fakes or a real database. */
export interface AppContext {
  readonly storage: Storage;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly secrets: Secrets;
  readonly feed: ChangeFeed;
  /** The notification channels; use cases that validate channel configs or send notices need it. */
  readonly notifier?: Notifier;
  /** Renders reports and SLA documents as PDF; routes that serve PDFs need it. */
  readonly documents?: DocumentRenderer;
}
