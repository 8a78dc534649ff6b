/**
 * A simulator's sense of time. Starts at real time; tests move it forward to make
 * tokens expire without waiting, and may freeze it so that a time window (a rate limit's
 * second) does not depend on how fast the machine runs. Every simulator owns its own clock.
 */
export interface Clock {
  /** Milliseconds since the epoch, as the simulated vendor sees it. */
  now(): number;
  /** Moves time forward by `ms` milliseconds. */
  advance(ms: number): void;
  /** Stops time where it is: from now on it moves only with `advance`. */
  freeze(): void;
  readonly frozen: boolean;
  /** Offset from real time, in milliseconds. */
  readonly offsetMs: number;
}

export function createClock(offsetMs = 0): Clock {
  let offset = offsetMs;
  let frozenAt: number | undefined;
  return {
    now: () => frozenAt ?? Date.now() + offset,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('clock.advance takes a non-negative number of milliseconds');
      offset += ms;
      if (frozenAt !== undefined) frozenAt += ms;
    },
    freeze() {
      frozenAt ??= Date.now() + offset;
    },
    get frozen() {
      return frozenAt !== undefined;
    },
    get offsetMs() {
      return frozenAt === undefined ? offset : frozenAt - Date.now();
    },
  };
}
