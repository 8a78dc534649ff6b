/**
 * The call-count suite: for every bench query (bench/queries.ts), the gateway makes exactly the
 * vendor calls of its hand-written raw floor — the same number per route — in as many waves,
 * and answers the same data. The floor runs here, in process, against the same simulators. The
 * simulators answer after a fixed delay so that calls of one wave overlap and later waves are
 * told apart (see bench/callWaves.ts).
 */
import { BENCH_QUERIES, type BenchQuery, type Variables } from '../../bench/queries.js';
import { callWaves } from '../../bench/callWaves.js';
import { createFloorVendors, type FloorVendors } from '../../bench/floorVendors.js';
import { measureCalls, type CallProfile } from '../../bench/measureQuery.js';
import { vendorEnv } from '../../bench/vendorEnv.js';
import type { RunningSimulator } from '../../src/simulators/index.js';
import { startTestGateway, withApiKey, type TestGateway } from '../support/gateway.js';

/**
 * Long enough that a wave's calls overlap even though the gateway, sharing this process with the
 * simulators, spends CPU between sending one call and the next (~2 ms a call today; 45 calls in one
 * wave for the alarms query).
 */
const LATENCY_MS = 100;

/**
 * The fewest calls per route that answer each query over the simulators' seed, as the floors
 * make them (bench/floors/ says why each is the minimum). Pinned so that a floor cannot drift
 * up to meet the gateway.
 */
const MINIMUM: Record<string, Record<string, number>> = {
  // The alarm page and the group tree, then one read per distinct device (45): the device list lacks groups.
  alarms: { 'thingscloud GET /api/v1/alarm_logs': 1, 'thingscloud GET /api/v1/device/:device_id': 45, 'thingscloud GET /api/v1/device_groups_tree': 1 },
  // 45 distinct devices, but the 200-device list is 2 pages of 100.
  alarmDevices: { 'thingscloud GET /api/v1/alarm_logs': 1, 'thingscloud GET /api/v1/devices': 2 },
  // One device page, the customer list, and the device list of each of the 20 customers who have devices.
  devicesCustomers: { 'thingscloud GET /api/v1/customer/:customer_id/devices': 20, 'thingscloud GET /api/v1/customers': 1, 'thingscloud GET /api/v1/devices': 1 },
  lexiangNodes: { 'lexiang GET /cgi-bin/v1/teams': 1 },
  lexiangTeamsAndTeam: { 'lexiang GET /cgi-bin/v1/teams': 1 },
  dreamreflexNodes: { 'dreamreflex GET /api/tickets': 1 },
  // Ticket search without `expand` carries the users and groups in its `assets`.
  zammadTickets: { 'zammad GET /api/v1/tickets/search': 1 },
  maxcloudTickets: { 'maxcloud POST /api/tickets/search': 1 },
  tickets: { 'dreamreflex GET /api/tickets': 1, 'maxcloud POST /api/tickets/search': 1, 'zammad GET /api/v1/tickets/search': 1 },
  // 20 alarms on 12 distinct devices, in 8 distinct groups: each group's 5-device page once.
  deepAlarmGroups: {
    'thingscloud GET /api/v1/alarm_logs': 1,
    'thingscloud GET /api/v1/device/:device_id': 12,
    'thingscloud GET /api/v1/device_groups_tree': 1,
    'thingscloud GET /api/v1/devices': 8,
  },
};

let gw: TestGateway;
let floor: FloorVendors;
let simulators: Record<string, RunningSimulator>;

beforeAll(async () => {
  gw = await startTestGateway();
  simulators = { thingscloud: gw.thingscloud, lexiang: gw.lexiang, dreamreflex: gw.dreamreflex, zammad: gw.zammad, maxcloud: gw.maxcloud };
  floor = createFloorVendors(vendorEnv({ dreamreflex: gw.dreamreflex.url, lexiang: gw.lexiang.url, thingscloud: gw.thingscloud.url, zammad: gw.zammad.url, maxcloud: gw.maxcloud.url }));
}, 30_000);

afterAll(async () => {
  floor.close();
  await gw.close();
});

async function gatewayData(query: BenchQuery, variables: Variables): Promise<unknown> {
  const { status, body } = await gw.gql(query.text, variables, withApiKey);
  if (status !== 200 || body.errors) throw new Error(`${query.name}: ${status} ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  return body.data;
}

interface Measured {
  variables: Variables;
  floor: CallProfile;
  gateway: CallProfile;
  floorData: unknown;
  gatewayData: unknown;
}

const measured = new Map<string, Measured>();

/** Both targets once unmeasured (tokens), then once each counted, with the latency on. */
async function measure(query: BenchQuery): Promise<Measured> {
  const known = measured.get(query.name);
  if (known) return known;
  const variables = query.prepare ? await query.prepare(floor) : {};
  await query.floor(floor, variables);
  await gatewayData(query, variables);
  for (const sim of Object.values(simulators)) sim.setFaults({ latencyMs: LATENCY_MS });
  try {
    const f = await measureCalls(simulators, () => query.floor(floor, variables));
    const g = await measureCalls(simulators, () => gatewayData(query, variables));
    const result = { variables, floor: f.profile, gateway: g.profile, floorData: f.result, gatewayData: g.result };
    measured.set(query.name, result);
    return result;
  } finally {
    for (const sim of Object.values(simulators)) sim.clearFaults();
  }
}

describe.each(BENCH_QUERIES.map((q) => [q.name, q] as const))('%s', (_name, query) => {
  it('the floor answers the same data as the gateway with the minimum of calls, in as many waves as the query is deep', async () => {
    const m = await measure(query);
    expect(m.floorData).toEqual(m.gatewayData);
    expect(m.floor.callsByRoute).toEqual(MINIMUM[query.name]);
    expect(m.floor.waves).toBe(query.depth);
  }, 30_000);

  it("makes the floor's vendor calls, route by route", async () => {
    const m = await measure(query);
    expect(m.gateway.callsByRoute).toEqual(m.floor.callsByRoute);
  }, 30_000);

  it("makes them in the floor's number of waves", async () => {
    const m = await measure(query);
    expect(m.gateway.waves).toBe(m.floor.waves);
  }, 30_000);
});

describe('waves', () => {
  const call = (startedAt: number, endedAt: number) => ({ startedAt, endedAt });

  it('counts calls that overlap as one wave', () => {
    expect(callWaves([call(0, 20), call(1, 21), call(19, 40)])).toBe(1);
  });

  it('counts a call that starts after another ended as the next wave', () => {
    expect(callWaves([call(0, 20), call(21, 40), call(41, 60)])).toBe(3);
  });

  it('places a call after the deepest call that ended before it started', () => {
    // A short and a long call in wave 1; one after the short one (wave 2); one after both (wave 3, after the wave-2 call).
    expect(callWaves([call(0, 10), call(0, 50), call(11, 30), call(51, 70)])).toBe(3);
    expect(callWaves([])).toBe(0);
  });
});
