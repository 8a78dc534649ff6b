import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/globalId.js';
import { thingsCloudSeedIds } from '../../src/simulators/thingscloud/index.js';
import { startTestGateway, withApiKey, type TestGateway } from '../support/gateway.js';

const DAY = 86_400_000;
const SERIES = 'GET /api/v1/device/:device_id/attribute/:identifier/series';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());
beforeEach(() => gw.thingscloud.requests.reset());

const query = (q: string, variables?: Record<string, unknown>) => gw.gql(q, variables, withApiKey);
const HISTORY = 'query($id: ID!, $identifier: String!, $from: DateTime, $to: DateTime, $first: Int) { device(id: $id) { history(identifier: $identifier, from: $from, to: $to, first: $first) { at value numberValue dataType } } }';

interface Point {
  at: string;
  value: unknown;
  numberValue: number | null;
}

async function history(variables: Record<string, unknown>) {
  const { body } = await query(HISTORY, variables);
  return { points: (body.data?.device as { history: Point[] | null } | null)?.history ?? null, errors: body.errors };
}

describe('attribute history beyond the vendor’s limits', () => {
  it('serves 1,000 points from ten pages of 100, oldest first', async () => {
    // Device 0: a temperature sensor reporting every 5 minutes for over a year.
    const id = toGlobalId('Device', 'THINGSCLOUD', thingsCloudSeedIds.device(0));
    const to = gw.thingscloud.clock.now();
    const { points, errors } = await history({ id, identifier: 'temperature', from: new Date(to - 7 * DAY).toISOString(), to: new Date(to).toISOString(), first: 1000 });
    expect(errors).toBeUndefined();
    expect(points).toHaveLength(1000);
    const times = points!.map((p) => Date.parse(p.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(1000);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(5 * 60_000);
    expect(to - times.at(-1)!).toBeLessThan(5 * 60_000); // the newest ones
    expect(points!.every((p) => p.numberValue === p.value)).toBe(true);
    expect(gw.thingscloud.requests.count(SERIES)).toBe(10);
  });

  it('serves 90 days as three ≤30-day windows merged in time order', async () => {
    const { body } = await query('mutation { createDevice(input: { name: "history-90d" }) { id } }');
    const id = (body.data!.createDevice as { id: string }).id;
    const start = gw.thingscloud.clock.now();
    // Cloud attribute values written 20 days apart on the simulator's clock.
    for (let i = 0; i < 5; i++) {
      if (i > 0) gw.thingscloud.clock.advance(20 * DAY);
      const write = await query('mutation($id: ID!, $v: JSON!) { updateDeviceCloudAttributes(id: $id, values: $v) { at } }', { id, v: { setpoint: 20 + i } });
      expect(write.body.errors).toBeUndefined();
    }
    gw.thingscloud.requests.reset();
    const { points, errors } = await history({ id, identifier: 'setpoint', from: new Date(start - DAY).toISOString(), to: new Date(start + 89 * DAY).toISOString(), first: 100 });
    expect(errors).toBeUndefined();
    expect(points!.map((p) => p.value)).toEqual([20, 21, 22, 23, 24]);
    expect(points!.map((p) => Math.round((Date.parse(p.at) - start) / DAY))).toEqual([0, 20, 40, 60, 80]);
    expect(gw.thingscloud.requests.count(SERIES)).toBe(3);
  });

  it('refuses, before any call, a request that would exceed the per-field cap', async () => {
    const id = toGlobalId('Device', 'THINGSCLOUD', thingsCloudSeedIds.device(0));
    const to = Date.now();
    const tooMany = await history({ id, identifier: 'temperature', from: new Date(to - 30 * DAY).toISOString(), to: new Date(to).toISOString(), first: 10_000 });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0]?.message).toMatch(/limit is 60 per field/);
    const tooLong = await history({ id, identifier: 'temperature', from: '2015-01-01T00:00:00Z', to: new Date(to).toISOString(), first: 10 });
    expect(tooLong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(gw.thingscloud.requests.count(SERIES)).toBe(0);
  });

  it('refuses inverted or absurd ranges as BAD_USER_INPUT', async () => {
    const id = toGlobalId('Device', 'THINGSCLOUD', thingsCloudSeedIds.device(0));
    const inverted = await history({ id, identifier: 'temperature', from: '2024-02-01T00:00:00Z', to: '2024-01-01T00:00:00Z' });
    expect(inverted.errors?.[0]).toMatchObject({ message: '"from" must not be after "to".', extensions: { code: 'BAD_USER_INPUT' } });
    const beforeEpoch = await history({ id, identifier: 'temperature', from: '1960-01-01T00:00:00Z', to: '1960-01-02T00:00:00Z' });
    expect(beforeEpoch.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const negative = await history({ id, identifier: 'temperature', first: -3 });
    expect(negative.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(gw.thingscloud.requests.count(SERIES)).toBe(0);
  });

  it('honours THINGSCLOUD_HISTORY_PAGE_SIZE and THINGSCLOUD_HISTORY_MAX_CALLS', async () => {
    const small = await startTestGateway({ env: { THINGSCLOUD_HISTORY_PAGE_SIZE: '50', THINGSCLOUD_HISTORY_MAX_CALLS: '4' } });
    try {
      const id = toGlobalId('Device', 'THINGSCLOUD', thingsCloudSeedIds.device(0));
      const run = (first: number) => small.gql(HISTORY, { id, identifier: 'temperature', first }, withApiKey);
      const ok = await run(200);
      expect((ok.body.data!.device as { history: unknown[] }).history).toHaveLength(200);
      expect(small.thingscloud.requests.count(SERIES)).toBe(4);
      const over = await run(201);
      expect(over.body.errors?.[0]?.message).toMatch(/limit is 4 per field/);
    } finally {
      await small.close();
    }
  });
});
