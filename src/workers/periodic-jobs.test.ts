import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DAY_MS, MINUTE_MS, parseInstant } from '../domain/shared/time.ts';
import { startPeriodicJobs, type PeriodicJob, type PeriodicJobsLogger } from './periodic-jobs.ts';

const START = parseInstant('2026-11-02T08:00:00Z');

function recordingLog(): PeriodicJobsLogger & { errors: object[] } {
  const errors: object[] = [];
  return { errors, info: () => undefined, error: (obj) => void errors.push(obj) };
}

const deps = (log = recordingLog()) => ({ clock: { now: () => Date.now() }, log });

/** A job that records the instants it was given. */
function countingJob(everyMs: number, name = 'count'): PeriodicJob & { runs: number[] } {
  const runs: number[] = [];
  return {
    name,
    everyMs,
    runs,
    run: (now) => {
      runs.push(now);
      return Promise.resolve();
    },
  };
}

describe('startPeriodicJobs', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs each job at start and then every everyMs, passing the instant of the run', async () => {
    const job = countingJob(10 * MINUTE_MS);
    const stop = startPeriodicJobs([job], deps());
    await vi.advanceTimersByTimeAsync(0);
    expect(job.runs).toEqual([START]);
    await vi.advanceTimersByTimeAsync(10 * MINUTE_MS - 1);
    expect(job.runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(20 * MINUTE_MS);
    expect(job.runs).toEqual([START, START + 10 * MINUTE_MS, START + 20 * MINUTE_MS, START + 30 * MINUTE_MS]);
    await stop();
  });

  it('never starts a run while the previous one of the same job is still going', async () => {
    let active = 0;
    let most = 0;
    const finishers: (() => void)[] = [];
    const slow: PeriodicJob = {
      name: 'slow',
      everyMs: MINUTE_MS,
      run: () => {
        active += 1;
        most = Math.max(most, active);
        return new Promise<void>((resolve) =>
          finishers.push(() => {
            active -= 1;
            resolve();
          }),
        );
      },
    };
    const stop = startPeriodicJobs([slow], deps());
    await vi.advanceTimersByTimeAsync(5 * MINUTE_MS);
    expect(finishers).toHaveLength(1);
    // The run overran four periods: the next starts at once after it ends, and the missed ones are not made up.
    finishers[0]?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(finishers).toHaveLength(2);
    finishers[1]?.();
    await vi.advanceTimersByTimeAsync(MINUTE_MS - 1);
    expect(finishers).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(finishers).toHaveLength(3);
    expect(most).toBe(1);
    finishers[2]?.();
    await stop();
  });

  it('logs a failing run with the job name and keeps the schedule, and other jobs are not disturbed', async () => {
    const log = recordingLog();
    let attempts = 0;
    const failing: PeriodicJob = {
      name: 'failing',
      everyMs: MINUTE_MS,
      run: () => {
        attempts += 1;
        if (attempts === 1) throw new Error('synchronous failure');
        return Promise.reject(new Error('database is away'));
      },
    };
    const other = countingJob(MINUTE_MS, 'other');
    const stop = startPeriodicJobs([failing, other], deps(log));
    await vi.advanceTimersByTimeAsync(2 * MINUTE_MS);
    expect(attempts).toBe(3);
    expect(other.runs).toHaveLength(3);
    expect(log.errors).toHaveLength(3);
    expect(log.errors[0]).toMatchObject({ job: 'failing', err: new Error('synchronous failure') });
    expect(log.errors[1]).toMatchObject({ job: 'failing', err: new Error('database is away') });
    await stop();
  });

  it('stops: no run starts afterwards, and stopping waits for the run in progress', async () => {
    let finish: () => void = () => undefined;
    let runs = 0;
    let finished = false;
    const job: PeriodicJob = {
      name: 'job',
      everyMs: MINUTE_MS,
      run: () => {
        runs += 1;
        return new Promise<void>((resolve) => {
          finish = () => {
            finished = true;
            resolve();
          };
        });
      },
    };
    const stop = startPeriodicJobs([job], deps());
    await vi.advanceTimersByTimeAsync(0);
    let stopped = false;
    const stopping = stop().then(() => void (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(finished).toBe(true);
    await stop();
    await vi.advanceTimersByTimeAsync(10 * MINUTE_MS);
    expect(runs).toBe(1);
  });

  it('waits out a period longer than setTimeout can hold instead of firing at once', async () => {
    const job = countingJob(40 * DAY_MS);
    const stop = startPeriodicJobs([job], deps());
    await vi.advanceTimersByTimeAsync(30 * DAY_MS);
    expect(job.runs).toEqual([START]);
    await vi.advanceTimersByTimeAsync(10 * DAY_MS);
    expect(job.runs).toEqual([START, START + 40 * DAY_MS]);
    await stop();
  });

  it('refuses a job without a positive period and two jobs of the same name', () => {
    expect(() => startPeriodicJobs([countingJob(0)], deps())).toThrow(RangeError);
    expect(() => startPeriodicJobs([countingJob(Number.NaN)], deps())).toThrow(RangeError);
    expect(() =>
      startPeriodicJobs([countingJob(MINUTE_MS, 'a'), countingJob(MINUTE_MS, 'a')], deps()),
    ).toThrow(/twice/);
  });
});
