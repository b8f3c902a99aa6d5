import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DAY_MS, MINUTE_MS, parseInstant } from '../domain/shared/time.ts';
import { MAX_TIMER_DELAY_MS, TimerHeap, Waker, type TimerItem } from './timer-heap.ts';

const item = (key: string, dueAt: number): TimerItem => ({ key, dueAt });

describe('TimerHeap', () => {
  it('pops items by due instant, equal instants first in first out', () => {
    const heap = new TimerHeap();
    for (const [k, d] of [
      ['c', 30],
      ['a', 10],
      ['b', 20],
      ['a2', 10],
      ['d', 5],
    ] as const)
      heap.push(item(k, d));
    expect(heap.size).toBe(5);
    expect(heap.peek()?.key).toBe('d');
    const order: string[] = [];
    for (let next = heap.pop(); next; next = heap.pop()) order.push(next.key);
    expect(order).toEqual(['d', 'a', 'a2', 'b', 'c']);
    expect(heap.size).toBe(0);
  });

  it('removes and moves items by key, and replaces on a second push', () => {
    const heap = new TimerHeap();
    heap.push(item('a', 10));
    heap.push(item('b', 20));
    heap.push(item('c', 30));
    expect(heap.remove('a')).toBe(true);
    expect(heap.remove('a')).toBe(false);
    expect(heap.update('c', 1)).toBe(true);
    expect(heap.update('zz', 1)).toBe(false);
    heap.push(item('b', 0));
    expect(heap.size).toBe(2);
    expect(heap.popDue(5).map((i) => i.key)).toEqual(['b', 'c']);
  });

  it('always pops in order under any mix of pushes, updates and removals', () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('push' as const),
        key: fc.integer({ min: 0, max: 20 }),
        dueAt: fc.integer({ min: 0, max: 100 }),
      }),
      fc.record({
        kind: fc.constant('update' as const),
        key: fc.integer({ min: 0, max: 20 }),
        dueAt: fc.integer({ min: 0, max: 100 }),
      }),
      fc.record({ kind: fc.constant('remove' as const), key: fc.integer({ min: 0, max: 20 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const heap = new TimerHeap();
        const model = new Map<string, number>();
        for (const o of ops) {
          const key = String(o.key);
          if (o.kind === 'push') {
            heap.push(item(key, o.dueAt));
            model.set(key, o.dueAt);
          } else if (o.kind === 'update') {
            expect(heap.update(key, o.dueAt)).toBe(model.has(key));
            if (model.has(key)) model.set(key, o.dueAt);
          } else {
            expect(heap.remove(key)).toBe(model.delete(key));
          }
        }
        expect(heap.size).toBe(model.size);
        const popped: TimerItem[] = [];
        for (let next = heap.pop(); next; next = heap.pop()) popped.push(next);
        expect(popped.map((p) => p.dueAt)).toEqual([...model.values()].sort((a, b) => a - b));
        expect(new Map(popped.map((p) => [p.key, p.dueAt]))).toEqual(model);
      }),
      { seed: 20260302 },
    );
  });
});

describe('Waker', () => {
  const T0 = parseInstant('2026-03-02T08:00:00Z');

  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps one timer and re-arms it when an earlier item arrives', () => {
    const woken: number[] = [];
    const heap = new TimerHeap();
    const waker = new Waker({ onWake: () => woken.push(Date.now()) });
    heap.push(item('late', T0 + 30 * MINUTE_MS));
    waker.follow(heap);
    heap.push(item('later', T0 + 40 * MINUTE_MS));
    waker.follow(heap);
    expect(vi.getTimerCount()).toBe(1);
    heap.push(item('early', T0 + 10 * MINUTE_MS));
    waker.follow(heap);
    expect(vi.getTimerCount()).toBe(1);
    expect(waker.armedFor).toBe(T0 + 10 * MINUTE_MS);
    vi.advanceTimersByTime(10 * MINUTE_MS - 1);
    expect(woken).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(woken).toEqual([T0 + 10 * MINUTE_MS]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('drives a worker loop that fires each item once, at its instant', () => {
    const fired: [string, number][] = [];
    const heap = new TimerHeap();
    const waker: Waker = new Waker({
      onWake: () => {
        for (const due of heap.popDue(Date.now())) fired.push([due.key, Date.now() - T0]);
        waker.follow(heap);
      },
    });
    heap.push(item('a', T0 + 5 * MINUTE_MS));
    heap.push(item('b', T0 + 5 * MINUTE_MS));
    heap.push(item('c', T0 + 20 * MINUTE_MS));
    waker.follow(heap);
    heap.remove('c');
    heap.push(item('d', T0 + 15 * MINUTE_MS));
    waker.follow(heap);
    vi.advanceTimersByTime(DAY_MS);
    expect(fired).toEqual([
      ['a', 5 * MINUTE_MS],
      ['b', 5 * MINUTE_MS],
      ['d', 15 * MINUTE_MS],
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('chains delays longer than setTimeout takes', () => {
    const woken: number[] = [];
    const waker = new Waker({ onWake: () => woken.push(Date.now()) });
    const far = T0 + 60 * DAY_MS;
    expect(far - T0).toBeGreaterThan(MAX_TIMER_DELAY_MS);
    waker.wakeAt(far);
    vi.advanceTimersByTime(MAX_TIMER_DELAY_MS);
    expect(woken).toEqual([]);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(far - T0 - MAX_TIMER_DELAY_MS);
    expect(woken).toEqual([far]);
  });

  it('wakes at once for an instant already past, and stops on request', () => {
    const woken: number[] = [];
    const waker = new Waker({ onWake: () => woken.push(Date.now()) });
    waker.wakeAt(T0 - MINUTE_MS);
    vi.advanceTimersByTime(0);
    expect(woken).toEqual([T0]);
    waker.wakeAt(T0 + MINUTE_MS);
    waker.stop();
    vi.advanceTimersByTime(DAY_MS);
    expect(woken).toEqual([T0]);
    expect(waker.armedFor).toBeNull();
  });
});

describe('loading many items at once', () => {
  it('orders them as pushing one by one would, duplicates and earlier items included', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            key: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'),
            dueAt: fc.integer({ min: 0, max: 50 }),
          }),
          { maxLength: 40 },
        ),
        fc.array(
          fc.record({
            key: fc.constantFrom('a', 'b', 'x', 'y', 'z'),
            dueAt: fc.integer({ min: 0, max: 50 }),
          }),
          { maxLength: 10 },
        ),
        (batch, before) => {
          const one = new TimerHeap();
          const all = new TimerHeap();
          for (const b of before) {
            one.push(b);
            all.push(b);
          }
          for (const b of batch) one.push(b);
          all.pushAll(batch);
          const drain = (h: TimerHeap) => {
            const out: TimerItem[] = [];
            for (let next = h.pop(); next; next = h.pop()) out.push(next);
            return out;
          };
          expect(drain(all)).toEqual(drain(one));
        },
      ),
    );
  });
});
