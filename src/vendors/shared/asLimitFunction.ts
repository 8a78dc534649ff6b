import type { LimitFunction } from 'p-limit';

/**
 * `run` (a wrapper that adds something to every call, then hands it to `limit`) as a full
 * p-limit `LimitFunction`: its counters and controls are `limit`'s own.
 */
export function asLimitFunction(run: (...args: never[]) => Promise<unknown>, limit: LimitFunction): LimitFunction {
  return Object.defineProperties(run, {
    activeCount: { get: () => limit.activeCount },
    pendingCount: { get: () => limit.pendingCount },
    concurrency: {
      get: () => limit.concurrency,
      set: (value: number) => {
        limit.concurrency = value;
      },
    },
    clearQueue: { value: () => limit.clearQueue() },
  }) as unknown as LimitFunction;
}
