// Loading data, the ticking clock and the server's live stream.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  readonly reload: () => void;
}

/** Runs `load` when the dependencies change (and on reload); keeps the last data while reloading. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    loadRef.current().then(
      (data) => live && setState({ data, error: undefined, loading: false }),
      (error: unknown) => live && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

const nowListeners = new Set<(now: number) => void>();
let nowTimer: ReturnType<typeof setInterval> | undefined;

/** The current time, updated every second while a component listens. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    nowListeners.add(setNow);
    if (!nowTimer)
      nowTimer = setInterval(() => {
        const t = Date.now();
        for (const listener of nowListeners) listener(t);
      }, 1000);
    return () => {
      nowListeners.delete(setNow);
      if (nowListeners.size === 0 && nowTimer) {
        clearInterval(nowTimer);
        nowTimer = undefined;
      }
    };
  }, []);
  return now;
}

export interface LiveEvent {
  readonly type: string;
  readonly entityId: string;
  readonly customerId: string | null;
  readonly at: string;
  readonly data: { readonly ticketId?: string } | null;
}

const liveListeners = new Set<(event: LiveEvent) => void>();
const statusListeners = new Set<(connected: boolean | null) => void>();
let source: EventSource | null = null;
let connected: boolean | null = null;

const LIVE_TYPES = ['ticket.created', 'ticket.changed', 'clock.changed'];

function openStream(): void {
  if (source) return;
  source = new EventSource('/api/v1/stream');
  source.onopen = () => setConnected(true);
  source.onerror = () => setConnected(false);
  for (const type of LIVE_TYPES) {
    source.addEventListener(type, (message) => {
      try {
        const event = JSON.parse((message as MessageEvent<string>).data) as LiveEvent;
        for (const listener of liveListeners) listener(event);
      } catch {
        // A frame we cannot read is skipped; the next one carries the current state anyway.
      }
    });
  }
}

function setConnected(value: boolean | null): void {
  connected = value;
  for (const listener of statusListeners) listener(value);
}

export function closeStream(): void {
  source?.close();
  source = null;
  setConnected(null);
}

/** Calls `onEvent` for each ticket or clock change the server announces (debounced per caller). */
export function useLive(onEvent: (event: LiveEvent) => void, debounceMs = 300): void {
  const ref = useRef(onEvent);
  ref.current = onEvent;
  useEffect(() => {
    openStream();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last: LiveEvent | undefined;
    const listener = (event: LiveEvent): void => {
      last = event;
      clearTimeout(timer);
      timer = setTimeout(() => last && ref.current(last), debounceMs);
    };
    liveListeners.add(listener);
    return () => {
      clearTimeout(timer);
      liveListeners.delete(listener);
    };
  }, [debounceMs]);
}

/** true while the live stream is connected, false while it reconnects, null when none is open. */
export function useLiveStatus(): boolean | null {
  const [value, setValue] = useState(connected);
  useEffect(() => {
    statusListeners.add(setValue);
    return () => {
      statusListeners.delete(setValue);
    };
  }, []);
  return value;
}
