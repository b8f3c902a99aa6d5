/** Something that falls due at an instant (UTC epoch ms), named by a unique key. */
export interface TimerItem {
  readonly key: string;
  readonly dueAt: number;
}

/**
 * A binary min-heap of due instants named by unique keys, with an index by key so that an item can be removed
 * or moved in O(log n) when its ticket or outage changes. Pushing an existing key replaces that item; items due
 * at the same instant come out first in, first out.
 *
 * It is kept compact because a worker holds every pending step: instants and insertion numbers in typed
 * arrays, keys in one array, and the key index — about 50 bytes a step besides the key strings themselves,
 * instead of two small objects per step.
 */
export class TimerHeap {
  private dues = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private keys: string[] = [];
  private readonly index = new Map<string, number>();
  private count = 0;
  private seq = 0;
  /** Off while `pushAll` orders many items: the index is rebuilt once afterwards. */
  private indexing = true;

  get size(): number {
    return this.count;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  get(key: string): TimerItem | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.itemAt(i);
  }

  push(item: TimerItem): void {
    const existing = this.index.get(item.key);
    if (existing !== undefined) {
      this.dues[existing] = item.dueAt;
      this.restore(existing);
      return;
    }
    if (this.count === this.dues.length) this.grow();
    const i = this.count++;
    this.dues[i] = item.dueAt;
    this.seqs[i] = this.seq++;
    this.keys[i] = item.key;
    this.index.set(item.key, i);
    this.up(i);
  }

  /**
   * Adds many items at once (a worker loading its pending steps): appended, then ordered in one pass (Floyd's
   * heap construction, O(n)) and indexed once, instead of sifting and re-indexing item by item.
   */
  pushAll(items: Iterable<TimerItem>): void {
    let appended = false;
    for (const item of items) {
      if (this.index.has(item.key)) {
        // A key already here (or earlier in this batch) replaces that item, as push does.
        if (appended) this.heapify();
        appended = false;
        this.push(item);
        continue;
      }
      if (this.count === this.dues.length) this.grow();
      const i = this.count++;
      this.dues[i] = item.dueAt;
      this.seqs[i] = this.seq++;
      this.keys[i] = item.key;
      // Marks the key as taken; its position is set once the batch is ordered.
      this.index.set(item.key, i);
      appended = true;
    }
    if (appended) this.heapify();
  }

  private heapify(): void {
    this.indexing = false;
    for (let i = (this.count >> 1) - 1; i >= 0; i--) this.down(i);
    this.indexing = true;
    for (let i = 0; i < this.count; i++) this.index.set(this.keys[i] as string, i);
  }

  /** The earliest item, left in place. */
  peek(): TimerItem | undefined {
    return this.count === 0 ? undefined : this.itemAt(0);
  }

  /** Takes out the earliest item. */
  pop(): TimerItem | undefined {
    if (this.count === 0) return undefined;
    const first = this.itemAt(0);
    this.removeAt(0);
    return first;
  }

  /** Takes out every item due at or before `now`, earliest first. */
  popDue(now: number): TimerItem[] {
    const out: TimerItem[] = [];
    while (this.count > 0 && (this.dues[0] as number) <= now) out.push(this.pop() as TimerItem);
    return out;
  }

  remove(key: string): boolean {
    const i = this.index.get(key);
    if (i === undefined) return false;
    this.removeAt(i);
    return true;
  }

  /** Moves an item to a new due instant; false when the key is not in the heap. */
  update(key: string, dueAt: number): boolean {
    const i = this.index.get(key);
    if (i === undefined) return false;
    this.dues[i] = dueAt;
    this.restore(i);
    return true;
  }

  private itemAt(i: number): TimerItem {
    return { key: this.keys[i] as string, dueAt: this.dues[i] as number };
  }

  private grow(): void {
    const dues = new Float64Array(this.dues.length * 2);
    dues.set(this.dues);
    const seqs = new Float64Array(this.seqs.length * 2);
    seqs.set(this.seqs);
    this.dues = dues;
    this.seqs = seqs;
  }

  private before(a: number, b: number): boolean {
    const da = this.dues[a] as number;
    const db = this.dues[b] as number;
    return da < db || (da === db && (this.seqs[a] as number) < (this.seqs[b] as number));
  }

  private removeAt(i: number): void {
    const last = --this.count;
    this.index.delete(this.keys[i] as string);
    if (i !== last) {
      this.move(last, i);
      this.restore(i);
    }
    this.keys.length = last;
  }

  /** Puts the item at `from` into slot `to` (overwriting it). */
  private move(from: number, to: number): void {
    this.dues[to] = this.dues[from] as number;
    this.seqs[to] = this.seqs[from] as number;
    const key = this.keys[from] as string;
    this.keys[to] = key;
    if (this.indexing) this.index.set(key, to);
  }

  private restore(i: number): void {
    if (!this.up(i)) this.down(i);
  }

  private swap(i: number, j: number): void {
    const due = this.dues[i] as number;
    const seq = this.seqs[i] as number;
    const key = this.keys[i] as string;
    this.move(j, i);
    this.dues[j] = due;
    this.seqs[j] = seq;
    this.keys[j] = key;
    if (this.indexing) this.index.set(key, j);
  }

  private up(start: number): boolean {
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
    return i !== start;
  }

  private down(start: number): void {
    let i = start;
    const n = this.count;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = i;
      if (l < n && this.before(l, smallest)) smallest = l;
      if (r < n && this.before(r, smallest)) smallest = r;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }
}

/** setTimeout takes at most a signed 32-bit delay; longer ones fire at once, so we wait in stages. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

export interface WakerOptions {
  /** Called when the instant asked for with `wakeAt` has come. */
  readonly onWake: () => void;
  readonly now?: () => number;
  /** Let the process exit while only this timer is pending. */
  readonly unref?: boolean;
}

/**
 * Keeps exactly one `setTimeout`, for the earliest instant the worker must wake at. Asking for the same
 * instant again keeps the timer; another instant re-arms it. Delays beyond what setTimeout takes are
 * chained, so a step due in two months wakes the worker then and not at once.
 */
export class Waker {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private target: number | null = null;
  private readonly now: () => number;

  constructor(private readonly options: WakerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The instant the timer is armed for, or null. */
  get armedFor(): number | null {
    return this.target;
  }

  /** Wakes at `at` (past instants: at once, on the next turn); null disarms. */
  wakeAt(at: number | null): void {
    if (at === this.target && (at === null || this.timer !== undefined)) return;
    this.clear();
    this.target = at;
    if (at !== null) this.arm(at);
  }

  /** Wakes at the earliest item of the heap, or disarms when it is empty. */
  follow(heap: TimerHeap): void {
    this.wakeAt(heap.peek()?.dueAt ?? null);
  }

  stop(): void {
    this.clear();
    this.target = null;
  }

  private clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(at: number): void {
    const delay = Math.min(Math.max(0, at - this.now()), MAX_TIMER_DELAY_MS);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.target !== at) return;
      if (this.now() < at) {
        this.arm(at);
        return;
      }
      this.target = null;
      this.options.onWake();
    }, delay);
    if (this.options.unref) this.timer.unref();
  }
}
