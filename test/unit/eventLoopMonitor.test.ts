import { afterEach, describe, expect, it } from '@jest/globals';
import { createEventLoopMonitor, type EventLoopMonitor } from '../../src/eventLoopMonitor.js';
import { timeoutBlame } from '../../src/vendors/shared/timeoutBlame.js';

const block = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createEventLoopMonitor', () => {
  let monitor: EventLoopMonitor;
  afterEach(() => monitor.stop());

  it('reports a blocked stretch, even before its first late tick', async () => {
    monitor = createEventLoopMonitor({ intervalMs: 10 });
    await sleep(30);
    block(200);
    // No tick has run since the block: the stall in progress counts already.
    expect(monitor.recentDelayMs()).toBeGreaterThanOrEqual(150);
    await sleep(20);
    expect(monitor.recentDelayMs()).toBeGreaterThanOrEqual(150);
  });

  it('forgets a stall after two seconds at most', async () => {
    monitor = createEventLoopMonitor({ intervalMs: 10 });
    block(150);
    await sleep(20);
    expect(monitor.recentDelayMs()).toBeGreaterThanOrEqual(100);
    await sleep(2100);
    expect(monitor.recentDelayMs()).toBeLessThan(100);
  });
});

describe('timeoutBlame', () => {
  it('blames the vendor unless the timer fired a quarter of the time limit late, and at least 250 ms', () => {
    expect(timeoutBlame(10_000, 0)).toBe('vendor');
    expect(timeoutBlame(10_000, 2_499)).toBe('vendor');
    expect(timeoutBlame(10_000, 2_500)).toBe('gateway');
    expect(timeoutBlame(300, 200)).toBe('vendor');
    expect(timeoutBlame(500, 1_000)).toBe('gateway');
  });
});
