/** A target of the specification, checked against what a suite measured. */
export interface TargetCheck {
  readonly id: string;
  readonly description: string;
  readonly measured: number;
  /** What the measurement must reach: at least (`>=`) or below (`<`) `required`. */
  readonly comparison: '>=' | '<';
  readonly required: number;
  readonly unit: string;
  readonly pass: boolean;
}

export function checkTarget(
  id: string,
  description: string,
  measured: number,
  comparison: TargetCheck['comparison'],
  required: number,
  unit: string,
): TargetCheck {
  const pass = comparison === '>=' ? measured >= required : measured < required;
  return { id, description, measured, comparison, required, unit, pass };
}

/** What a suite hands back to `bench/run.ts`. */
export interface SuiteReport {
  /** Written as `bench/results/<name>.json` (together with the machine information). */
  readonly data: Record<string, unknown>;
  readonly targets: readonly TargetCheck[];
  /** Inputs on which implementations disagree although their semantics match: a correctness problem. */
  readonly disagreements: number;
}

/**
 * One benchmark suite. To add one, write `bench/<name>.bench.ts` exporting a `BenchSuite` and add a line
 * to `SUITES` in `bench/run.ts`. A suite prints its own tables as it goes and returns its figures, which
 * `run.ts` writes with the machine information to `bench/results/<name>.json`.
 */
export interface BenchSuite {
  readonly name: string;
  readonly title: string;
  run(options: SuiteOptions): Promise<SuiteReport>;
}

export interface SuiteOptions {
  /** Shorter budgets and fewer inputs, for a smoke run (`--quick`). */
  readonly quick: boolean;
}
