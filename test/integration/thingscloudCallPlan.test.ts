import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/globalId.js';
import { SEED_DEVICE_COUNT, thingsCloudSeedIds } from '../../src/simulators/thingscloud/index.js';
import { startTestGateway, withApiKey, type TestGateway } from '../support/gateway.js';

/**
 * Calls = the fewest that can answer, per query, counted by the simulator per route (the
 * service token is acquired before counting). Each answer is checked against what the
 * one-call-per-record path returns.
 */
let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  await query('{ thingsCloudProject { name } }');
});
afterAll(() => gw.close());
beforeEach(() => {
  gw.thingscloud.clearFaults();
  gw.thingscloud.requests.reset();
});

const query = async (q: string, variables?: Record<string, unknown>) => {
  const { body } = await gw.gql(q, variables, withApiKey);
  expect(body.errors).toBeUndefined();
  return body.data!;
};
const calls = () => gw.thingscloud.requests.snapshot();
const deviceGid = (nativeId: string) => toGlobalId('Device', 'THINGSCLOUD', nativeId);
const PAGE = 100;

interface Device {
  nativeId: string;
  name: string;
  online: boolean;
}
type Alarms<D> = { alarms: { nodes: { device: D }[] } };

describe('ThingsCloud call plan', () => {
  it('answers alarms with device, type and groups from the device reads and the group tree, without the type list', async () => {
    type Full = Device & { type: { nativeId: string; name: string }; groups: { name: string }[] };
    const data = (await query('{ alarms(first: 100) { nodes { id device { nativeId name online type { nativeId name } groups { name } } } } }')) as Alarms<Full>;
    const distinct = new Set(data.alarms.nodes.map((a) => a.device.nativeId)).size;
    expect(calls()).toEqual({ 'GET /api/v1/alarm_logs': 1, 'GET /api/v1/device_groups_tree': 1, 'GET /api/v1/device/:device_id': distinct });

    // The type named by the device is the type the type list has.
    const { deviceTypes } = (await query('{ deviceTypes { nativeId name } }')) as { deviceTypes: { nativeId: string; name: string }[] };
    const typeNames = new Map(deviceTypes.map((t) => [t.nativeId, t.name]));
    for (const { device } of data.alarms.nodes) expect(device.type.name).toBe(typeNames.get(device.type.nativeId));
  });

  it('reads the type list once when the selection asks what only the list has', async () => {
    const data = (await query('{ alarms(first: 100) { nodes { device { nativeId type { nativeId name deviceCount } } } } }')) as Alarms<{ nativeId: string; type: { nativeId: string; deviceCount: number } }>;
    expect(calls()).toEqual({ 'GET /api/v1/alarm_logs': 1, 'GET /api/v1/device_types': 1, 'GET /api/v1/devices': Math.ceil(SEED_DEVICE_COUNT / PAGE) });
    const { deviceTypes } = (await query('{ deviceTypes { nativeId deviceCount } }')) as { deviceTypes: { nativeId: string; deviceCount: number }[] };
    for (const { device } of data.alarms.nodes) expect(device.type.deviceCount).toBe(deviceTypes.find((t) => t.nativeId === device.type.nativeId)!.deviceCount);
  });

  it('answers alarms with what the device list has from its pages, when they are fewer than the devices', async () => {
    const listed = (await query('{ alarms(first: 100) { nodes { device { nativeId name online } } } }')) as Alarms<Device>;
    const distinct = new Set(listed.alarms.nodes.map((a) => a.device.nativeId)).size;
    const pages = Math.ceil(SEED_DEVICE_COUNT / PAGE);
    expect(distinct).toBeGreaterThan(pages + 1);
    expect(calls()).toEqual({ 'GET /api/v1/alarm_logs': 1, 'GET /api/v1/devices': pages });

    gw.thingscloud.requests.reset();
    const single = (await query('{ alarms(first: 100) { nodes { device { nativeId name online deviceCode } } } }')) as Alarms<Device & { deviceCode: string }>;
    expect(calls()).toEqual({ 'GET /api/v1/alarm_logs': 1, 'GET /api/v1/device/:device_id': distinct }); // deviceCode: single reads only
    expect(listed.alarms.nodes.map((a) => a.device)).toEqual(single.alarms.nodes.map(({ device: { deviceCode: _, ...device } }) => device));
  });

  it('reads the device list’s first page alongside the alarm log, so its pages add no wave', async () => {
    // Slow answers keep each wave's calls overlapping: the alarm log and page 1 together, then page 2 alone.
    gw.thingscloud.setFaults({ latencyMs: 60 });
    await query('{ alarms(first: 100) { nodes { device { name online } } } }');
    expect(calls()).toEqual({ 'GET /api/v1/alarm_logs': 1, 'GET /api/v1/devices': Math.ceil(SEED_DEVICE_COUNT / PAGE) });
    expect(gw.thingscloud.requests.peakInFlight()).toBe(2);
  });

  it('reads one alarm’s device by its single read', async () => {
    await query('{ alarms(first: 1) { nodes { device { name } } } }');
    expect(calls()).toEqual({ 'GET /api/v1/alarm_logs': 1, 'GET /api/v1/device/:device_id': 1 });
  });

  it('answers devices’ customers from the customer list and each customer’s devices, when those are fewer calls', async () => {
    type WithCustomers = { nativeId: string; customers: { nativeId: string; name: string }[] };
    const data = (await query('{ devices(first: 100) { nodes { nativeId customers { nativeId name } } } }')) as { devices: { nodes: WithCustomers[] } };
    const { thingsCloudCustomers } = (await query('{ thingsCloudCustomers { deviceCount } }')) as { thingsCloudCustomers: { deviceCount: number }[] };
    const perCustomer = thingsCloudCustomers.reduce((sum, c) => sum + Math.ceil(c.deviceCount / PAGE), 0);
    expect(perCustomer).toBeLessThan(100);
    const counted = calls();
    expect(counted).toEqual({
      'GET /api/v1/devices': 1,
      'GET /api/v1/customers': 2, // once per request: the plan's, then the check's
      'GET /api/v1/customer/:customer_id/devices': perCustomer,
    });

    // The same answer, one device per request (one call each).
    gw.thingscloud.requests.reset();
    const one = await Promise.all(
      data.devices.nodes.map(async ({ nativeId }) => ((await query('query($id: ID!) { device(id: $id) { nativeId customers { nativeId name } } }', { id: deviceGid(nativeId) })) as { device: WithCustomers }).device),
    );
    expect(calls()['GET /api/v1/device/:device_id/customers']).toBe(100);
    expect(calls()['GET /api/v1/customers']).toBeUndefined();
    expect(data.devices.nodes).toEqual(one);
    expect(one.some((d) => d.customers.length > 1)).toBe(true);
  });

  it('makes identical list calls of one request once', async () => {
    await query(`{
      a: devices(first: 10) { nodes { name } } b: devices(first: 10) { nodes { nativeId } }
      deviceTypes { name } t: deviceTypes { nativeId }
      alarms(first: 5) { nodes { nativeId } } again: alarms(first: 5) { nodes { level } }
      thingsCloudCustomers { name } c: thingsCloudCustomers { account }
    }`);
    expect(calls()).toEqual({ 'GET /api/v1/devices': 1, 'GET /api/v1/device_types': 1, 'GET /api/v1/alarm_logs': 1, 'GET /api/v1/customers': 1 });
  });

  it('follows devices a list of the same query returned without reading them again', async () => {
    // The alarm log answers late, so the device list has landed when the alarms' devices are read.
    gw.thingscloud.setFaults({ latencyMs: 150, pathPrefix: '/api/v1/alarm_logs' });
    const data = (await query('{ devices(first: 100) { nodes { nativeId } } alarms(first: 100) { nodes { device { nativeId name } } } }')) as Alarms<Device> & { devices: { nodes: { nativeId: string }[] } };
    const onPage1 = new Set(data.devices.nodes.map((d) => d.nativeId));
    const elsewhere = new Set(data.alarms.nodes.map((a) => a.device.nativeId).filter((id) => !onPage1.has(id)));
    expect(elsewhere.size).toBeGreaterThan(1);
    // Page 1 was read by the list; the other devices cost page 2, fewer than their single reads.
    expect(calls()).toEqual({ 'GET /api/v1/devices': 2, 'GET /api/v1/alarm_logs': 1 });
  });

  it('costs a parallel single read of a listed device at most one call (it does not wait for the list)', async () => {
    const { devices: listed } = (await query('{ devices(first: 10) { nodes { id } } }')) as { devices: { nodes: { id: string }[] } };
    const id = listed.nodes[3]!.id;
    gw.thingscloud.requests.reset();
    const data = await query('query($id: ID!) { devices(first: 10) { nodes { id name } } device(id: $id) { id name } node(id: $id) { ... on Device { name } } }', { id });
    const { devices, device, node } = data as { devices: { nodes: { id: string; name: string }[] }; device: { id: string; name: string }; node: { name: string } };
    expect(devices.nodes).toContainEqual(device);
    expect(node).toEqual({ name: device.name });
    expect(calls()).toEqual({ 'GET /api/v1/devices': 1, 'GET /api/v1/device/:device_id': 1 });
  });

  it('forgets shared reads after a write in the same request', async () => {
    const own = await startTestGateway();
    try {
      const typeId = toGlobalId('DeviceType', 'THINGSCLOUD', thingsCloudSeedIds.deviceTypes.th);
      const created = await own.gql(
        `mutation($type: ID!) {
          a: createDevice(input: { name: "plan-a", typeId: $type }) { type { deviceCount } }
          b: createDevice(input: { name: "plan-b", typeId: $type }) { type { deviceCount } }
        }`,
        { type: typeId },
        withApiKey,
      );
      expect(created.body.errors).toBeUndefined();
      const { a, b } = created.body.data as { a: { type: { deviceCount: number } }; b: { type: { deviceCount: number } } };
      expect(b.type.deviceCount).toBe(a.type.deviceCount + 1);
      expect(own.thingscloud.requests.count('GET /api/v1/device_types')).toBe(2);
    } finally {
      await own.close();
    }
  });
});
