import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from '@jest/globals';
import { startAsTheReadmeSays, stopProcessGroup } from '../support/startAsTheReadmeSays.js';

describe('the process started by `npm start`', () => {
  let child: ChildProcess | undefined;
  // Its own process group, so that cleaning up can reach anything it left behind (the bug this test guards against).
  afterEach(() => stopProcessGroup(child));

  it('finishes the request in flight on SIGTERM, refuses new connections, and exits 0', async () => {
    // Every simulator answers after 1.5 s, so the request below (a login, then a list) is still in flight when the signal comes.
    const started = await startAsTheReadmeSays({ TESSERA_DEMO_LATENCY_MS: '1500', TESSERA_SHUTDOWN_GRACE_MS: '10000' });
    child = started.child;
    const exited = once(child, 'exit');
    const inFlight = fetch(started.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ contracts(first: 1) { totalCount } }' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const signalledAt = Date.now();
    // The signal goes to the process the README's command started (npm), as a supervisor would send it.
    child.kill('SIGTERM');
    let answered = false;
    void inFlight.finally(() => (answered = true));
    // New connections are refused while the request in flight is still being served.
    const health = started.url.replace(/\/graphql$/, '/healthz');
    let refused = false;
    while (!refused && !answered && Date.now() - signalledAt < 2500) {
      refused = await fetch(health).then(
        () => false,
        () => true,
      );
      if (!refused) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect({ refused, answered }).toEqual({ refused: true, answered: false });

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: unknown }).data).toEqual({ contracts: { totalCount: expect.any(Number) } });
    const [code] = await exited;
    expect(code).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(started.output()).toMatch(/"signal":"SIGTERM".*"msg":"shutting down"/);
    expect(started.output()).toMatch(/"msg":"stopped"/);
    // One signal is one shutdown (Apollo's own signal handlers would re-raise it).
    expect(started.output()).not.toMatch(/second signal/);
  }, 60_000);
});
