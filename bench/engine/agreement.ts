/** How a peer's results compare with Pledge's on the same inputs. */
export interface Agreement {
  /** Inputs on which the semantics match, so the results must be equal. */
  readonly compared: number;
  readonly agreed: number;
  /**
   * Inputs left out of the comparison, by reason: how many agreed anyway, and how many gave exactly the
   * result a model of the difference predicts (when there is such a model).
   */
  readonly excluded: Record<string, ExcludedBucket>;
  /** The first disagreements among the compared inputs. */
  readonly examples: readonly Record<string, unknown>[];
}

export interface ExcludedBucket {
  inputs: number;
  agreed: number;
  explained?: number;
}

/** Why an input is outside the matched semantics, or undefined when it must agree. */
export type Exclusion = (i: number) => string | undefined;

/** The result a peer is expected to give on an excluded input, when the difference is understood. */
export type Prediction = (i: number, reason: string) => number | undefined;

const MAX_EXAMPLES = 5;

/** Compares the results on the inputs of `ranges` (the ones the peer computed). */
export function compareResults(
  ranges: readonly { readonly start: number; readonly end: number }[],
  ours: Float64Array,
  peer: Float64Array,
  exclude: Exclusion,
  describe: (i: number) => Record<string, unknown>,
  predict?: Prediction,
): Agreement {
  let compared = 0;
  let agreed = 0;
  const excluded: Record<string, ExcludedBucket> = {};
  const examples: Record<string, unknown>[] = [];
  for (const range of ranges) {
    for (let i = range.start; i < range.end; i++) {
      const same = ours[i] === peer[i];
      const reason = exclude(i);
      if (reason !== undefined) {
        const bucket = (excluded[reason] ??= { inputs: 0, agreed: 0 });
        bucket.inputs++;
        if (same) bucket.agreed++;
        const predicted = predict?.(i, reason);
        if (predicted !== undefined)
          bucket.explained = (bucket.explained ?? 0) + (predicted === peer[i] ? 1 : 0);
        continue;
      }
      compared++;
      if (same) agreed++;
      else if (examples.length < MAX_EXAMPLES) examples.push(describe(i));
    }
  }
  return { compared, agreed, excluded, examples };
}

/** A local reading with its offset, e.g. 2025-03-28 16:00 +01:00, for disagreement reports. */
export function localIso(t: number): string {
  const d = new Date(t);
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const p = (n: number): string => String(Math.abs(n)).padStart(2, '0');
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getDay()] ?? '';
  return `${day} ${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())} ${sign}${p(Math.trunc(off / 60))}:${p(off % 60)}`;
}
