import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { createClock, startSimulator, type RunningSimulator } from '../../../src/simulators/kit/index.js';

/** A one-route vendor: enough to exercise the kit's control surface, faults and counter. */
const tinyVendor = () => {
  const router = express.Router();
  router.get('/api/things/:thing_id', (req, res) => void res.json({ id: req.params.thing_id }));
  return router;
};

let sim: RunningSimulator;
let rolls: number[];
beforeAll(async () => {
  rolls = [];
  sim = await startSimulator('tiny', tinyVendor, { random: () => rolls.shift() ?? 0.99 });
});
afterAll(() => sim.close());

const get = (path: string) => fetch(`${sim.url}${path}`);

describe('simulator kit', () => {
  it('counts requests by route pattern, readable in process and over HTTP', async () => {
    sim.requests.reset();
    await get('/api/things/a');
    await get('/api/things/b');
    await get('/nowhere');
    expect(sim.requests.count('GET /api/things/:thing_id')).toBe(2);
    expect(await (await get('/__sim/requests')).json()).toEqual({ total: 3, byRoute: { 'GET /api/things/:thing_id': 2, 'GET unmatched': 1 }, peakInFlight: 1 });
    await fetch(`${sim.url}/__sim/requests`, { method: 'DELETE' });
    expect(sim.requests.count()).toBe(0);
  });

  it('injects forced statuses, malformed bodies and an error rate, set over HTTP', async () => {
    const put = (body: unknown) => fetch(`${sim.url}/__sim/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await put({ forceStatus: 502 });
    expect((await get('/api/things/a')).status).toBe(502);
    await put({ forceStatus: null, malformedBody: true });
    const garbled = await get('/api/things/a');
    expect(garbled.status).toBe(200);
    await expect(garbled.json()).rejects.toThrow();
    await put({ malformedBody: false, errorRate: 0.5, errorStatus: 503 });
    rolls.push(0.1, 0.9);
    expect((await get('/api/things/a')).status).toBe(503);
    expect((await get('/api/things/a')).status).toBe(200);
    expect((await put({ errorRate: 2 })).status).toBe(400);
    sim.clearFaults();
  });

  it('applies faults only under a path prefix when one is set', async () => {
    sim.setFaults({ forceStatus: 500, pathPrefix: '/api/other' });
    expect((await get('/api/things/a')).status).toBe(200);
    sim.clearFaults();
  });

  it('delays responses by the configured latency', async () => {
    sim.setFaults({ latencyMs: 150 });
    const started = performance.now();
    await get('/api/things/a');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    sim.clearFaults();
  });

  it('records the most requests in flight at once, faults’ latency included', async () => {
    sim.setFaults({ latencyMs: 200 });
    sim.requests.reset();
    await Promise.all(['a', 'b', 'c'].map((id) => get(`/api/things/${id}`)));
    await get('/api/things/d');
    expect(sim.requests.peakInFlight()).toBe(3);
    expect(((await (await get('/__sim/requests')).json()) as { peakInFlight: number }).peakInFlight).toBe(3);
    sim.clearFaults();
    sim.requests.reset();
    expect(sim.requests.peakInFlight()).toBe(0);
  });

  it('moves its clock forward on request', async () => {
    const before = sim.clock.now();
    const moved = await fetch(`${sim.url}/__sim/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms: 3_600_000 }) });
    expect(moved.status).toBe(200);
    expect(sim.clock.now() - before).toBeGreaterThanOrEqual(3_600_000);
    expect((await fetch(`${sim.url}/__sim/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ms": -5}' })).status).toBe(400);
  });

  it('freezes its clock: then only `advance` moves it', async () => {
    const clock = createClock();
    clock.freeze();
    const at = clock.now();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(clock.now()).toBe(at);
    clock.advance(1000);
    expect(clock.now()).toBe(at + 1000);
    expect(clock.frozen).toBe(true);

    const frozen = await fetch(`${sim.url}/__sim/clock/freeze`, { method: 'POST' });
    expect(await frozen.json()).toMatchObject({ frozen: true });
    const stopped = sim.clock.now();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(sim.clock.now()).toBe(stopped);
  });
});
