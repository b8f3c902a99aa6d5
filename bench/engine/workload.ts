import { compareResults, type Agreement, type Exclusion, type Prediction } from './agreement.ts';
import type { CalendarCase } from './calendars.ts';
import type { BusinessTimeImpl } from './implementation.ts';
import { blocksOf, groupRanges, measure, timeOnce, type Block, type Measurement } from '../lib/timing.ts';

export interface MeasureSettings {
  readonly warmupMs: number;
  readonly sampleMs: number;
  readonly budgetMs: number;
  readonly minSamples: number;
  /** Inputs per timed block; 0 for a whole calendar's inputs. */
  readonly blockSize: number;
}

export interface ImplResult extends Measurement {
  readonly version: string;
  /** Inputs this implementation computed (and was timed on). */
  readonly inputs: number;
  /** One pass over those inputs, before any warm-up, which produced the results that were compared. */
  readonly firstPassMs: number;
}

export interface WorkloadResult {
  readonly id: string;
  readonly title: string;
  readonly implementations: Record<string, ImplResult>;
  /** Pledge's operations per second divided by each peer's. */
  readonly ratios: Record<string, number>;
  readonly fastestPeer: string;
  readonly ratioToFastestPeer: number;
  readonly agreement: Record<string, Agreement>;
}

/** One workload over pre-generated inputs, stored calendar after calendar. */
export interface WorkloadSpec {
  readonly id: string;
  readonly title: string;
  readonly bounds: readonly number[];
  readonly size: number;
  /** How many of each calendar's first inputs the peers compute. */
  readonly peerPerCalendar: number;
  readonly run: (impl: BusinessTimeImpl, begin: number, end: number, out: Float64Array) => void;
  readonly exclusion: (peer: string, pledge: Float64Array) => Exclusion;
  readonly predict?: (peer: string, pledge: Float64Array) => Prediction;
  readonly describe: (i: number, pledge: Float64Array, peer: Float64Array) => Record<string, unknown>;
}

/**
 * Runs one workload: a first pass of every implementation over its inputs, the comparison of each peer with
 * Pledge, then the timed samples.
 */
export function runWorkload(
  spec: WorkloadSpec,
  impls: readonly BusinessTimeImpl[],
  calendars: readonly CalendarCase[],
  s: { readonly pledge: MeasureSettings; readonly peers: MeasureSettings },
): WorkloadResult {
  const groupOf = (g: number): CalendarCase => calendars[g] as CalendarCase;
  const [pledge, ...peers] = impls as [BusinessTimeImpl, ...BusinessTimeImpl[]];
  const rangesOf = (impl: BusinessTimeImpl): Block[] =>
    groupRanges(spec.bounds, impl === pledge ? Infinity : spec.peerPerCalendar);
  const peerRanges = groupRanges(spec.bounds, spec.peerPerCalendar);

  const outputs = new Map<BusinessTimeImpl, Float64Array>();
  const firstPass = new Map<BusinessTimeImpl, number>();
  for (const impl of impls) {
    const out = new Float64Array(spec.size);
    const { ms } = timeOnce(() => {
      for (const r of rangesOf(impl)) {
        impl.use(groupOf(r.group));
        spec.run(impl, r.start, r.end, out);
      }
    });
    outputs.set(impl, out);
    firstPass.set(impl, ms);
  }

  const ours = outputs.get(pledge) as Float64Array;
  const agreement: Record<string, Agreement> = {};
  for (const peer of peers) {
    const theirs = outputs.get(peer) as Float64Array;
    agreement[peer.name] = compareResults(
      peerRanges,
      ours,
      theirs,
      spec.exclusion(peer.name, ours),
      (i) => spec.describe(i, ours, theirs),
      spec.predict?.(peer.name, ours),
    );
  }

  const implementations: Record<string, ImplResult> = {};
  const scratch = new Float64Array(spec.size);
  for (const impl of impls) {
    const m = impl === pledge ? s.pledge : s.peers;
    const ranges = rangesOf(impl);
    const blockSize = m.blockSize > 0 ? m.blockSize : Math.max(...ranges.map((r) => r.end - r.start));
    const measurement = measure({
      blocks: blocksOf(ranges, blockSize),
      prepare: (g) => impl.use(groupOf(g)),
      run: (block) => spec.run(impl, block.start, block.end, scratch),
      ...m,
    });
    implementations[impl.name] = {
      version: impl.version,
      inputs: ranges.reduce((n, r) => n + r.end - r.start, 0),
      firstPassMs: firstPass.get(impl) as number,
      ...measurement,
    };
  }

  const ourRate = (implementations[pledge.name] as ImplResult).opsPerSec;
  const ratios: Record<string, number> = {};
  let fastestPeer = '';
  let fastestRate = 0;
  for (const peer of peers) {
    const rate = (implementations[peer.name] as ImplResult).opsPerSec;
    ratios[peer.name] = ourRate / rate;
    if (rate > fastestRate) {
      fastestRate = rate;
      fastestPeer = peer.name;
    }
  }
  return {
    id: spec.id,
    title: spec.title,
    implementations,
    ratios,
    fastestPeer,
    ratioToFastestPeer: ourRate / fastestRate,
    agreement,
  };
}
