import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from '@jest/globals';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Starts the gateway exactly as the README says (`npm start`), on a free port, and waits for its URL. */
async function startAsTheReadmeSays(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  // Its own process group, so that cleaning up can reach anything it left behind (the bug this test guards against).
  const child = spawn('npm', ['start'], { cwd: ROOT, env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const started = Date.now();
  for (;;) {
    const url = /http:\/\/127\.0\.0\.1:\d+\/graphql/.exec(output)?.[0];
    if (url && output.includes('Try it')) return { child, url, output: () => output };
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    if (Date.now() - started > 45_000) throw new Error(`npm start printed no URL in 45 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the process started by `npm start`', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    try {
      if (child?.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group is gone: everything exited.
    }
    child?.stdout?.destroy();
    child?.stderr?.destroy();
  });

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
  }, 60_000);
});
