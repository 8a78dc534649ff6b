/**
 * A simulator's sense of time. Starts at real time; tests move it forward to make
 * tokens expire without waiting. Every simulator owns its own clock.
 */
export interface Clock {
  /** Milliseconds since the epoch, as the simulated vendor sees it. */
  now(): number;
  /** Moves time forward by `ms` milliseconds. */
  advance(ms: number): void;
  /** Offset from real time, in milliseconds. */
  readonly offsetMs: number;
}

export function createClock(offsetMs = 0): Clock {
  let offset = offsetMs;
  return {
    now: () => Date.now() + offset,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('clock.advance takes a non-negative number of milliseconds');
      offset += ms;
    },
    get offsetMs() {
      return offset;
    },
  };
}
