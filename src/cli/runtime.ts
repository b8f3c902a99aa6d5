import type { AppContext } from '../app/context.ts';
import type { Config, ConfigOverrides } from '../config/config.ts';

/** An opened Pledge installation: its configuration and a context for use cases. */
export interface OpenedRuntime {
  readonly config: Config;
  readonly ctx: AppContext;
  /** Human-readable: the SQLite file or the PostgreSQL URL without password. */
  readonly databaseLocation: string;
  close(): Promise<void>;
}

/** A running server, as `pledge serve` starts it. */
export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * What the server-side commands need from the composition root (src/main), so that src/cli never
 * touches storage or HTTP directly.
 */
export interface CliRuntime {
  open(overrides: ConfigOverrides): Promise<OpenedRuntime>;
  migrate(overrides: ConfigOverrides): Promise<{ readonly applied: readonly string[]; readonly location: string }>;
  serve(overrides: ConfigOverrides, print: (line: string) => void): Promise<RunningServer>;
  backup(overrides: ConfigOverrides, target: string | undefined): Promise<string>;
}
