import { performance } from 'node:perf_hooks';

/** A contiguous run `[start, end)` of inputs that share one calendar (`group`). */
export interface Block {
  readonly group: number;
  readonly start: number;
  readonly end: number;
}

/** The inputs of each group: `[bounds[g], bounds[g + 1])`, or only the first `limit` of them. */
export function groupRanges(bounds: readonly number[], limit = Infinity): Block[] {
  const out: Block[] = [];
  for (let g = 0; g + 1 < bounds.length; g++) {
    const start = bounds[g] as number;
    out.push({ group: g, start, end: Math.min(bounds[g + 1] as number, start + limit) });
  }
  return out;
}

/**
 * Cuts each group's range into blocks of at most `size` inputs, ordered round-robin over the groups, so
 * that any prefix of the order samples every group alike.
 */
export function blocksOf(ranges: readonly Block[], size: number): Block[] {
  const perGroup = ranges.map((r) => {
    const list: Block[] = [];
    for (let s = r.start; s < r.end; s += size)
      list.push({ group: r.group, start: s, end: Math.min(r.end, s + size) });
    return list;
  });
  const out: Block[] = [];
  const rounds = Math.max(0, ...perGroup.map((l) => l.length));
  for (let r = 0; r < rounds; r++)
    for (const list of perGroup) if (r < list.length) out.push(list[r] as Block);
  return out;
}

export interface MeasureOptions {
  readonly blocks: readonly Block[];
  /** Switches to a block's group; not timed. */
  readonly prepare: (group: number) => void;
  /** Runs the operations of one block; timed. */
  readonly run: (block: Block) => void;
  /** Untimed runs before sampling, so that the JIT and caches have settled. */
  readonly warmupMs: number;
  /** Time summed over blocks that makes one sample. */
  readonly sampleMs: number;
  /** Measured time to reach; at least `minSamples` undisturbed samples are taken when possible. */
  readonly budgetMs: number;
  readonly minSamples: number;
}

export interface Measurement {
  /** Median operations per second (wall clock) of the undisturbed samples, or of all when too few. */
  readonly opsPerSec: number;
  readonly minOpsPerSec: number;
  readonly maxOpsPerSec: number;
  readonly samples: number;
  /** Samples during which the process had the CPU at least `UNDISTURBED_SHARE` of the wall time. */
  readonly undisturbedSamples: number;
  /** Process CPU time over wall time while measuring; well below 1 means other processes competed. */
  readonly cpuShare: number;
  /** True when the figure had to include disturbed samples. */
  readonly disturbed: boolean;
  readonly operations: number;
  readonly measuredMs: number;
}

/**
 * A sample counts as undisturbed when the process was on a CPU for at least this share of its wall time.
 * On a shared machine the others' load otherwise shows up as our slowness. Garbage-collector threads add
 * CPU time too, so for allocating code the filter is lenient, never strict.
 */
export const UNDISTURBED_SHARE = 0.9;
/** Extra measuring allowed, as a multiple of the budget, to collect enough undisturbed samples. */
const MAX_BUDGET_FACTOR = 2;

interface Sample {
  readonly rate: number;
  readonly undisturbed: boolean;
}

/** Runs blocks round-robin (wrapping around) and returns the median rate over the samples. */
export function measure(options: MeasureOptions): Measurement {
  const { blocks, prepare, run } = options;
  if (blocks.length === 0) throw new Error('measure needs at least one block');
  let cursor = 0;
  let current = -1;
  const nextBlock = (): Block => {
    const block = blocks[cursor] as Block;
    cursor = (cursor + 1) % blocks.length;
    if (block.group !== current) {
      prepare(block.group);
      current = block.group;
    }
    return block;
  };

  const warmupEnd = performance.now() + options.warmupMs;
  while (performance.now() < warmupEnd) run(nextBlock());

  const samples: Sample[] = [];
  let undisturbed = 0;
  let operations = 0;
  let measuredMs = 0;
  let cpuMs = 0;
  let wallMs = 0;
  const enough = (): boolean =>
    measuredMs >= options.budgetMs * MAX_BUDGET_FACTOR ||
    (measuredMs >= options.budgetMs && undisturbed >= options.minSamples);
  while (!enough()) {
    let sampleMs = 0;
    let sampleOps = 0;
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    while (sampleMs < options.sampleMs) {
      const block = nextBlock();
      const t0 = performance.now();
      run(block);
      sampleMs += performance.now() - t0;
      sampleOps += block.end - block.start;
    }
    const sampleWall = performance.now() - wall0;
    const cpu = process.cpuUsage(cpu0);
    const sampleCpu = (cpu.user + cpu.system) / 1000;
    const calm = sampleCpu >= UNDISTURBED_SHARE * sampleWall;
    samples.push({ rate: (sampleOps / sampleMs) * 1000, undisturbed: calm });
    if (calm) undisturbed++;
    operations += sampleOps;
    measuredMs += sampleMs;
    cpuMs += sampleCpu;
    wallMs += sampleWall;
  }
  const disturbed = undisturbed < Math.min(3, options.minSamples);
  const rates = samples
    .filter((x) => disturbed || x.undisturbed)
    .map((x) => x.rate)
    .sort((a, b) => a - b);
  return {
    opsPerSec: median(rates),
    minOpsPerSec: rates[0] as number,
    maxOpsPerSec: rates[rates.length - 1] as number,
    samples: samples.length,
    undisturbedSamples: undisturbed,
    cpuShare: cpuMs / wallMs,
    disturbed,
    operations,
    measuredMs,
  };
}

/** Median of a sorted, non-empty list. */
export function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Wall time of one call, and the process CPU time it took, in milliseconds. */
export function timeOnce<T>(fn: () => T): { value: T; ms: number; cpuMs: number } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { value, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}
