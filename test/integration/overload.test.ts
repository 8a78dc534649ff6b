import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestGateway, withApiKey, type TestGateway } from '../support/gateway.js';
import { runLoad } from '../support/runLoad.js';

/**
 * The gateway under more load than it can take, a client that leaves, a vendor that hangs and a
 * gateway that stalls. Every load here is bounded in count and time and stays on 127.0.0.1.
 */

/** Every vendor at once: the merged ticket list (three vendors), devices, teams and the caller. */
const HEAVY = `{
  tickets(first: 30) { totalCount nodes { id source title status createdAt } }
  devices(first: 10) { nodes { name online } }
  teams(first: 5) { nodes { name } }
  me { dreamreflex { email } }
}`;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('under twice the load it admits', () => {
  const MAX_IN_FLIGHT = 64;
  const MAX_SOCKETS = 8;
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      env: { TESSERA_MAX_IN_FLIGHT: String(MAX_IN_FLIGHT), TESSERA_VENDOR_MAX_SOCKETS: String(MAX_SOCKETS), TESSERA_SHED_READY_HOLD_MS: '1000' },
    });
  });
  afterAll(() => gw.close());

  it('refuses the excess at once with 503 and Retry-After, keeps /healthz fast, and never opens more than the cap of sockets to a vendor', async () => {
    const sims = [gw.dreamreflex, gw.zammad, gw.maxcloud, gw.thingscloud, gw.lexiang];
    const warm = await gw.gql(HEAVY, undefined, withApiKey);
    expect(warm.body.errors).toBeUndefined();
    // Vendors that take 40 ms per call: each request holds its slot, and its sockets, for a while.
    for (const sim of sims) {
      sim.setFaults({ latencyMs: 40 });
      sim.requests.reset();
    }

    const base = gw.url.replace(/\/graphql$/, '');
    const clients = 2 * MAX_IN_FLIGHT;
    const load = runLoad({ url: gw.url, clients, durationMs: 3000, maxRequestsPerClient: 500, headers: withApiKey, body: JSON.stringify({ query: HEAVY }) });
    // Probes from here, as a kubelet would probe, once the gateway is shedding (the load process takes a moment to start).
    const probes = { healthMs: [] as number[], readyStatuses: [] as number[] };
    const probing = (async () => {
      const giveUpAt = Date.now() + 5000;
      while ((await fetch(`${base}/readyz`)).status === 200 && Date.now() < giveUpAt) await sleep(50);
      for (let i = 0; i < 15; i++) {
        const started = performance.now();
        const health = await fetch(`${base}/healthz`);
        await health.text();
        probes.healthMs.push(health.status === 200 ? performance.now() - started : Number.POSITIVE_INFINITY);
        probes.readyStatuses.push((await fetch(`${base}/readyz`)).status);
        await sleep(100);
      }
    })();
    const [result] = await Promise.all([load, probing]);

    const peaks = Object.fromEntries(sims.map((sim) => [sim.name, sim.requests.peakInFlight()]));
    const health = { p50: percentile(probes.healthMs, 50), max: Math.max(...probes.healthMs) };
    console.log(
      [
        `overload: ${clients} clients (another process) for ${result.seconds.toFixed(1)} s against TESSERA_MAX_IN_FLIGHT=${MAX_IN_FLIGHT}; gateway and five simulators share this process; vendors answer in 40 ms`,
        `  goodput ${(result.ok / result.seconds).toFixed(1)} req/s (${result.ok} answered, p50 ${percentile(result.okMs, 50).toFixed(0)} ms, p99 ${percentile(result.okMs, 99).toFixed(0)} ms)`,
        `  shed ${result.shed} with 503 (p50 ${percentile(result.shedMs, 50).toFixed(0)} ms, p99 ${percentile(result.shedMs, 99).toFixed(0)} ms), other statuses ${result.other}, UPSTREAM_TIMEOUT ${result.upstreamTimeouts}`,
        `  /healthz over ${probes.healthMs.length} probes: p50 ${health.p50.toFixed(1)} ms, max ${health.max.toFixed(1)} ms`,
        `  /readyz: ${probes.readyStatuses.filter((s) => s === 503).length} of ${probes.readyStatuses.length} probes said 503`,
        `  peak concurrent requests per vendor (TESSERA_VENDOR_MAX_SOCKETS=${MAX_SOCKETS}): ${JSON.stringify(peaks)}`,
      ].join('\n'),
    );

    expect(result.ok).toBeGreaterThan(0);
    expect(result.shed).toBeGreaterThan(0);
    expect(result.other).toBe(0);
    expect(result.shedWellFormed).toBe(true);
    // The vendors were healthy: nothing may be blamed on them.
    expect(result.upstreamTimeouts).toBe(0);
    // Bounded by one turn of a busy event loop, not by a queue (which took 25 s); generous for a loaded machine.
    expect(health.p50).toBeLessThan(500);
    expect(health.max).toBeLessThan(2000);
    expect(probes.readyStatuses).toContain(503);
    for (const sim of sims) expect(sim.requests.peakInFlight()).toBeLessThanOrEqual(MAX_SOCKETS);
    // The cap was reached, so the assertion above means something.
    expect(Math.max(...Object.values(peaks))).toBe(MAX_SOCKETS);

    // Ready again once the load is gone and the hold has passed.
    for (const sim of sims) sim.clearFaults();
    await sleep(1100);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await gw.gql('{ me { dreamreflex { email } } }', undefined, withApiKey)).status).toBe(200);
  });
});

describe('a client that goes away, a vendor that hangs, a gateway that stalls', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { TESSERA_UPSTREAM_CONCURRENCY: '2', TESSERA_UPSTREAM_TIMEOUT_MS: '500', TESSERA_SHED_LOOP_DELAY_MS: '1000' } });
  });
  afterAll(() => gw.close());

  const logLines = () => gw.logs.map((line) => JSON.parse(line) as { msg: string; vendor?: string; failure?: string; ms?: number });

  it('stops the vendor calls of a request whose client left: none queued is sent, none is blamed on the vendor', async () => {
    const listed = await gw.gql('{ devices(first: 6) { nodes { id } } }', undefined, withApiKey);
    const ids = (listed.body.data!.devices as { nodes: { id: string }[] }).nodes.map((node) => node.id);
    expect(ids).toHaveLength(6);
    gw.thingscloud.setFaults({ latencyMs: 1000, pathPrefix: '/api/v1/device/' });
    gw.thingscloud.requests.reset();
    const logsBefore = gw.logs.length;

    // Six devices by their single read (only it has `deviceCode`), two at a time (TESSERA_UPSTREAM_CONCURRENCY=2):
    // two calls sent, four queued when the client leaves.
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const request = fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...withApiKey },
      body: JSON.stringify({ query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Device { deviceCode } } }', variables: { ids } }),
      signal: controller.signal,
    });
    await expect(request).rejects.toThrow();
    // Longer than the vendor's latency: anything still going would have been sent by now.
    await sleep(1300);

    expect(gw.thingscloud.requests.arrivedCount()).toBe(2);
    const after = logLines().slice(logsBefore);
    const cancelled = after.filter((line) => line.msg.startsWith('upstream call cancelled'));
    expect(cancelled).toHaveLength(6);
    // The two sent were abandoned when the client left, not waited for (the vendor takes 1000 ms).
    expect(Math.max(...cancelled.map((line) => line.ms ?? Infinity))).toBeLessThan(900);
    expect(after.filter((line) => line.msg === 'upstream call failed' || line.msg === 'upstream call')).toEqual([]);
    gw.thingscloud.clearFaults();
  });

  it('blames a timeout on a vendor that hangs: UPSTREAM_TIMEOUT, retryable', async () => {
    await gw.gql('{ contracts { totalCount } }', undefined, withApiKey);
    gw.dreamreflex.setFaults({ latencyMs: 2000, pathPrefix: '/api/contracts' });
    const { body } = await gw.gql('{ contracts { totalCount } }', undefined, withApiKey);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', source: 'DREAMREFLEX', retryable: true });
    gw.dreamreflex.clearFaults();
  });

  it('does not blame the vendor when the timer fired late because the gateway’s own loop was blocked, and sheds while the loop is that slow', async () => {
    await gw.gql('{ contracts { totalCount } }', undefined, withApiKey);
    // The vendor would answer in 100 ms, well inside the 500 ms limit.
    gw.dreamreflex.setFaults({ latencyMs: 100, pathPrefix: '/api/contracts' });
    gw.dreamreflex.requests.reset();
    const answer = gw.gql('{ contracts { totalCount } }', undefined, withApiKey);
    while (gw.dreamreflex.requests.arrivedCount() === 0) await new Promise((resolve) => setImmediate(resolve));
    // The call is on its way: now the gateway (this very process) stops reading anything for 1.5 s.
    const blockedUntil = performance.now() + 1500;
    while (performance.now() < blockedUntil);

    const { body } = await answer;
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'OVERLOADED', retryable: true });
    expect(body.errors?.[0]?.extensions).not.toHaveProperty('source');
    expect(logLines().some((line) => line.failure === 'gateway-stalled' && line.vendor === 'DREAMREFLEX')).toBe(true);

    // The loop was just 1.5 s late (over TESSERA_SHED_LOOP_DELAY_MS=1000): new work is refused for now.
    const refused = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json', ...withApiKey }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    gw.dreamreflex.clearFaults();
  });
});
