/**
 * How late the gateway's own event loop is running. A timer ticks every `intervalMs`; whatever
 * a tick is late by is time the loop spent blocked (CPU-bound work, a long synchronous stretch,
 * a garbage collection), during which no socket was read and every timer fired late.
 */
export interface EventLoopMonitor {
  /** The longest stall seen in the last one to two seconds, in milliseconds, a stall still in progress included. */
  recentDelayMs(): number;
  stop(): void;
}

export interface EventLoopMonitorOptions {
  /** Sampling interval, in milliseconds. */
  intervalMs?: number;
}

/** `recentDelayMs` looks back over the current window of this length and the one before it. */
const WINDOW_MS = 1000;

export function createEventLoopMonitor({ intervalMs = 20 }: EventLoopMonitorOptions = {}): EventLoopMonitor {
  let lastTick = performance.now();
  let windowStart = lastTick;
  let windowMax = 0;
  let previousWindowMax = 0;

  const lateness = (now: number) => Math.max(0, now - lastTick - intervalMs);

  const timer = setInterval(() => {
    const now = performance.now();
    const late = lateness(now);
    lastTick = now;
    if (now - windowStart >= WINDOW_MS) {
      previousWindowMax = windowMax;
      windowMax = 0;
      windowStart = now;
    }
    windowMax = Math.max(windowMax, late);
  }, intervalMs);
  // Measuring must never keep the process alive.
  timer.unref();

  return {
    recentDelayMs: () => Math.max(windowMax, previousWindowMax, lateness(performance.now())),
    stop: () => clearInterval(timer),
  };
}
