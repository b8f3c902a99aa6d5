/** Something that falls due at an instant (UTC epoch ms), named by a unique key. */
export interface TimerItem {
  readonly key: string;
  readonly dueAt: number;
}

interface Entry<T extends TimerItem> {
  item: T;
  /** Insertion order: items due at the same instant come out first in, first out. */
  seq: number;
}

/**
 * A binary min-heap of items by due instant, with an index by key so that an item can be removed or
 * moved in O(log n) when its ticket or outage changes. Pushing an existing key replaces that item.
 */
export class TimerHeap<T extends TimerItem = TimerItem> {
  private readonly entries: Entry<T>[] = [];
  private readonly index = new Map<string, number>();
  private seq = 0;

  get size(): number {
    return this.entries.length;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  get(key: string): T | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.at(i).item;
  }

  push(item: T): void {
    const existing = this.index.get(item.key);
    if (existing !== undefined) {
      const entry = this.at(existing);
      entry.item = item;
      this.restore(existing);
      return;
    }
    this.entries.push({ item, seq: this.seq++ });
    const i = this.entries.length - 1;
    this.index.set(item.key, i);
    this.up(i);
  }

  /** The earliest item, left in place. */
  peek(): T | undefined {
    return this.entries[0]?.item;
  }

  /** Takes out the earliest item. */
  pop(): T | undefined {
    const first = this.entries[0];
    if (!first) return undefined;
    this.removeAt(0);
    return first.item;
  }

  /** Takes out every item due at or before `now`, earliest first. */
  popDue(now: number): T[] {
    const out: T[] = [];
    for (let next = this.peek(); next !== undefined && next.dueAt <= now; next = this.peek())
      out.push(this.pop() as T);
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
    const entry = this.at(i);
    entry.item = { ...entry.item, dueAt };
    this.restore(i);
    return true;
  }

  private at(i: number): Entry<T> {
    return this.entries[i] as Entry<T>;
  }

  private before(a: Entry<T>, b: Entry<T>): boolean {
    return a.item.dueAt < b.item.dueAt || (a.item.dueAt === b.item.dueAt && a.seq < b.seq);
  }

  private removeAt(i: number): void {
    const last = this.entries.pop() as Entry<T>;
    const removed = i < this.entries.length ? this.at(i) : last;
    this.index.delete(removed.item.key);
    if (i < this.entries.length) {
      this.entries[i] = last;
      this.index.set(last.item.key, i);
      this.restore(i);
    }
  }

  private restore(i: number): void {
    if (!this.up(i)) this.down(i);
  }

  private swap(i: number, j: number): void {
    const a = this.at(i);
    const b = this.at(j);
    this.entries[i] = b;
    this.entries[j] = a;
    this.index.set(b.item.key, i);
    this.index.set(a.item.key, j);
  }

  private up(start: number): boolean {
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(this.at(i), this.at(parent))) break;
      this.swap(i, parent);
      i = parent;
    }
    return i !== start;
  }

  private down(start: number): void {
    let i = start;
    const n = this.entries.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = i;
      if (l < n && this.before(this.at(l), this.at(smallest))) smallest = l;
      if (r < n && this.before(this.at(r), this.at(smallest))) smallest = r;
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
