import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/globalId.js';
import { SEED_DEVICE_COUNT, thingsCloudSeedIds } from '../../src/simulators/thingscloud/index.js';
import { startTestGateway, withApiKey, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());
beforeEach(() => {
  gw.thingscloud.clearFaults();
  gw.thingscloud.requests.reset();
});

const query = (q: string, variables?: Record<string, unknown>) => gw.gql(q, variables, withApiKey);
const count = (route: string) => gw.thingscloud.requests.count(route);
const deviceGid = (nativeId: string) => toGlobalId('Device', 'THINGSCLOUD', nativeId);

interface Group {
  name: string;
  children: Group[];
}

describe('ThingsCloud reads', () => {
  it('reads the project with its device and alarm statistics', async () => {
    const { body } = await query('{ thingsCloudProject { id nativeId name tags deviceStats { total online offline } alarmStats { total normalLevel seriousLevel urgentLevel withoutAlarm } } }');
    expect(body.errors).toBeUndefined();
    const project = body.data!.thingsCloudProject as { nativeId: string; name: string; deviceStats: { total: number; online: number; offline: number }; alarmStats: Record<string, number> };
    expect(project).toMatchObject({ nativeId: thingsCloudSeedIds.project, name: 'Tessera 演示项目' });
    expect(project.deviceStats.total).toBe(SEED_DEVICE_COUNT);
    expect(project.deviceStats.online + project.deviceStats.offline).toBe(SEED_DEVICE_COUNT);
    const { total, normalLevel, seriousLevel, urgentLevel, withoutAlarm } = project.alarmStats;
    expect(normalLevel! + seriousLevel! + urgentLevel! + withoutAlarm!).toBe(total);
  });

  it('reads device types with their extend-info definitions, and the group tree at any depth', async () => {
    const { body } = await query(`{
      deviceTypes { nativeId name connProtocol extendInfoDefinitions { nativeId infoType isStandard enabled } }
      deviceGroups { name parent { name } children { name parent { name } children { name children { name children { name } } } } }
    }`);
    expect(body.errors).toBeUndefined();
    const types = body.data!.deviceTypes as { nativeId: string; extendInfoDefinitions: { infoType: string; isStandard: boolean }[] }[];
    expect(types.map((t) => t.nativeId).sort()).toEqual(Object.values(thingsCloudSeedIds.deviceTypes).sort());
    for (const type of types) expect(type.extendInfoDefinitions.filter((d) => d.isStandard).map((d) => d.infoType)).toEqual(['location', 'contact']);
    const roots = body.data!.deviceGroups as (Group & { parent: null })[];
    expect(roots.map((g) => g.name)).toEqual(['华东区', '华南区', 'Demo Lab', '退役设备']);
    expect(roots[0]!.parent).toBeNull();
    // 华南区 → 深圳办公室 → 3F 办公层 → 会议室: four levels.
    expect(roots[1]!.children[0]!.children[0]!.children[0]!.name).toBe('会议室');
    expect(count('GET /api/v1/device_groups_tree')).toBe(1);
  });

  it('pages devices as a Relay connection over page/page_records', async () => {
    const first = await query('{ devices(first: 25) { totalCount pageInfo { hasNextPage endCursor } nodes { nativeId createdAt } } }');
    const page1 = first.body.data!.devices as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { nativeId: string; createdAt: string }[] };
    expect(page1.totalCount).toBe(SEED_DEVICE_COUNT);
    expect(page1.nodes).toHaveLength(25);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const times = page1.nodes.map((n) => Date.parse(n.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const second = await query('query($after: String) { devices(first: 25, after: $after) { pageInfo { hasPreviousPage } nodes { nativeId } } }', { after: page1.pageInfo.endCursor });
    const ids2 = (second.body.data!.devices as { nodes: { nativeId: string }[] }).nodes.map((n) => n.nativeId);
    expect(ids2).toHaveLength(25);
    expect(ids2.filter((id) => page1.nodes.some((n) => n.nativeId === id))).toEqual([]);
    expect(count('GET /api/v1/devices')).toBe(2); // one vendor page per slice

    const all = await query('{ devices(first: 500) { totalCount nodes { nativeId } } }');
    const everyId = (all.body.data!.devices as { nodes: { nativeId: string }[] }).nodes.map((n) => n.nativeId);
    expect(new Set(everyId).size).toBe(SEED_DEVICE_COUNT);
  });

  it('filters devices by type, group (with sub-groups) and online state', async () => {
    const typeId = toGlobalId('DeviceType', 'THINGSCLOUD', thingsCloudSeedIds.deviceTypes.th);
    const east = toGlobalId('DeviceGroup', 'THINGSCLOUD', thingsCloudSeedIds.groups.east);
    const { body } = await query(
      `query($type: ID!, $group: ID!) {
        th: devices(first: 100, filter: { typeId: $type }) { totalCount nodes { type { nativeId } } }
        eastOnly: devices(filter: { groupId: $group }) { totalCount }
        eastAll: devices(first: 100, filter: { groupId: $group, includeSubGroups: true, online: true }) { totalCount nodes { online } }
      }`,
      { type: typeId, group: east },
    );
    expect(body.errors).toBeUndefined();
    const th = body.data!.th as { totalCount: number; nodes: { type: { nativeId: string } }[] };
    expect(th.totalCount).toBe(80);
    expect(th.nodes.every((n) => n.type.nativeId === thingsCloudSeedIds.deviceTypes.th)).toBe(true);
    expect((body.data!.eastOnly as { totalCount: number }).totalCount).toBe(0); // devices sit in the sub-groups
    const eastAll = body.data!.eastAll as { totalCount: number; nodes: { online: boolean }[] };
    expect(eastAll.totalCount).toBeGreaterThan(0);
    expect(eastAll.nodes.every((n) => n.online)).toBe(true);
  });

  it('reads one device with everything it has, by device(id) and node(id)', async () => {
    const id = deviceGid(thingsCloudSeedIds.device(0));
    const { body } = await query(
      `query($id: ID!) {
        device(id: $id) {
          id nativeId name deviceKey tags online createdAt alarmState activity viewToken deviceCode
          type { name } groups { nativeId name }
          certificate { accessToken projectKey }
          customers { account role { name } }
          extendInfos { nativeId infoType isStandard value }
          attributes { identifier value dataType vendorDataType numberValue stringValue booleanValue attrType at definition { name dataType options } }
          rawAttributes
          alarms(first: 5) { totalCount nodes { nativeId device { nativeId } } }
        }
        node(id: $id) { id ... on Device { name } }
      }`,
      { id },
    );
    expect(body.errors).toBeUndefined();
    const device = body.data!.device as Record<string, unknown> & {
      attributes: { identifier: string; value: unknown; dataType: string; numberValue: number | null; definition: { options: Record<string, unknown> } | null }[];
      rawAttributes: Record<string, unknown>;
      customers: { account: string }[];
      extendInfos: { isStandard: boolean }[];
      alarms: { totalCount: null; nodes: { device: { nativeId: string } }[] };
    };
    expect(device).toMatchObject({ id, nativeId: thingsCloudSeedIds.device(0), type: { name: '温湿度传感器' }, certificate: { projectKey: expect.any(String) } });
    expect(device.customers.map((c) => c.account)).toContain('zhangwei');
    expect(device.extendInfos.length).toBeGreaterThan(2);
    const temperature = device.attributes.find((a) => a.identifier === 'temperature');
    expect(temperature).toMatchObject({ dataType: 'NUMBER', definition: { options: { unit: '°C' } } });
    expect(temperature!.numberValue).toBe(temperature!.value);
    expect(device.rawAttributes.temperature).toEqual(temperature!.value);
    const config = device.attributes.find((a) => a.identifier === 'config');
    expect(config).toMatchObject({ dataType: 'JSON', numberValue: null, value: expect.objectContaining({ led: expect.any(Boolean) }) });
    expect(device.alarms.totalCount).toBeNull();
    for (const alarm of device.alarms.nodes) expect(alarm.device.nativeId).toBe(thingsCloudSeedIds.device(0));
    expect(body.data!.node).toEqual({ id, name: device.name });
    expect(count('GET /api/v1/device/:device_id')).toBe(1); // device, node and each alarm's device share the loader
  });

  it('reads customers with roles and devices, roles, and one customer', async () => {
    const { body } = await query(`{
      thingsCloudCustomers { nativeId account name role { name } deviceCount devices(first: 50) { totalCount nodes { nativeId } } }
      thingsCloudCustomerRoles { name customerCount allowOperateDevice }
    }`);
    expect(body.errors).toBeUndefined();
    const customers = body.data!.thingsCloudCustomers as { nativeId: string; role: { name: string }; deviceCount: number; devices: { totalCount: number } }[];
    expect(customers).toHaveLength(24);
    for (const c of customers) expect(c.devices.totalCount).toBe(c.deviceCount);
    expect(body.data!.thingsCloudCustomerRoles).toHaveLength(3);
    expect(count('GET /api/v1/customer_roles')).toBe(1);

    const id = toGlobalId('ThingsCloudCustomer', 'THINGSCLOUD', thingsCloudSeedIds.customer(0));
    const single = await query('query($id: ID!) { thingsCloudCustomer(id: $id) { account role { name } } node(id: $id) { id } }', { id });
    expect(single.body.data!.thingsCloudCustomer).toEqual({ account: 'zhangwei', role: { name: '运维工程师' } });
  });
});

describe('ThingsCloud batching', () => {
  it('serves 100 alarms with device, type and groups: one call per distinct device, one for types, one for the group tree', async () => {
    const { body } = await query('{ alarms(first: 100) { totalCount pageInfo { hasNextPage } nodes { level createdAt device { nativeId name type { name } groups { name } } } } }');
    expect(body.errors).toBeUndefined();
    const alarms = body.data!.alarms as { totalCount: null; pageInfo: { hasNextPage: boolean }; nodes: { device: { nativeId: string } }[] };
    expect(alarms.nodes).toHaveLength(100);
    expect(alarms.totalCount).toBeNull();
    expect(alarms.pageInfo.hasNextPage).toBe(true);
    const distinct = new Set(alarms.nodes.map((a) => a.device.nativeId)).size;
    expect(distinct).toBeLessThan(100);
    expect(count('GET /api/v1/alarm_logs')).toBe(1);
    expect(count('GET /api/v1/device/:device_id')).toBe(distinct);
    expect(count('GET /api/v1/device_types')).toBe(1);
    expect(count('GET /api/v1/device_groups_tree')).toBe(1);
  });

  it('follows a listed device to its type without reading the device again', async () => {
    const { body } = await query('{ devices(first: 50) { nodes { name type { name } } } deviceTypes { name } }');
    expect(body.errors).toBeUndefined();
    expect(count('GET /api/v1/devices')).toBe(1);
    expect(count('GET /api/v1/device/:device_id')).toBe(0);
    expect(count('GET /api/v1/device_types')).toBe(1);
  });

  it('keeps at most TESSERA_UPSTREAM_CONCURRENCY calls of one request in flight', async () => {
    const slow = await startTestGateway({ env: { TESSERA_UPSTREAM_CONCURRENCY: '2' } });
    try {
      const ids = Array.from({ length: 8 }, (_, i) => thingsCloudSeedIds.device(i));
      await slow.gql('{ thingsCloudProject { name } }', undefined, withApiKey); // token acquired outside the timing
      slow.thingscloud.setFaults({ latencyMs: 150, pathPrefix: '/api/v1/device/' });
      const aliases = ids.map((id, i) => `d${i}: device(id: "${deviceGid(id)}") { name }`).join(' ');
      const started = performance.now();
      const { body } = await slow.gql(`{ ${aliases} }`, undefined, withApiKey);
      expect(body.errors).toBeUndefined();
      expect(performance.now() - started).toBeGreaterThanOrEqual(4 * 150 - 20); // 8 calls, 2 at a time
    } finally {
      await slow.close();
    }
  });
});

describe('ThingsCloud IDs never leave their path segment', () => {
  it.each(['../customers', 'a/b?x=1', '%2e%2e', 'x#frag'])('sends device ID %s to the device endpoint only', async (nativeId) => {
    const { body } = await query('query($id: ID!) { device(id: $id) { name } }', { id: deviceGid(nativeId) });
    expect(body.data!.device).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const { 'POST /api/v1/access_token': _token, ...routes } = gw.thingscloud.requests.snapshot();
    expect(routes).toEqual({ 'GET /api/v1/device/:device_id': 1 });
  });

  it('refuses "." and ".." before any call', async () => {
    const { body } = await query('query($id: ID!) { device(id: $id) { name } }', { id: deviceGid('..') });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(count('GET /api/v1/device/:device_id')).toBe(0);
  });

  it('encodes attribute identifiers and tag keys too', async () => {
    const id = deviceGid(thingsCloudSeedIds.device(0));
    const { body } = await query('query($id: ID!) { device(id: $id) { history(identifier: "../../customers", first: 5) { at } } }', { id });
    expect(body.errors).toBeUndefined();
    expect((body.data!.device as { history: unknown[] }).history).toEqual([]);
    expect(count('GET /api/v1/device/:device_id/attribute/:identifier/series')).toBe(1);
    expect(count('GET /api/v1/customers')).toBe(0);
  });
});

describe('ThingsCloud failing', () => {
  it('nulls only ThingsCloud’s fields: Dreamreflex data in the same query survives', async () => {
    gw.thingscloud.setFaults({ forceStatus: 500 });
    const { body } = await query('{ devices(first: 2) { totalCount } thingsCloudProject { name } contracts { totalCount } me { dreamreflex { email } thingscloud { account } } }');
    expect(body.data).toEqual({ devices: null, thingsCloudProject: null, contracts: { totalCount: 4 }, me: { dreamreflex: { email: 'demo@tessera.local' }, thingscloud: null } });
    expect(body.errors?.every((e) => e.extensions?.source === 'THINGSCLOUD')).toBe(true);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstream: { status: 500 } });
  });

  it('keeps the other alarms when one alarm’s device is gone', async () => {
    const { body } = await query('{ alarms(first: 30) { nodes { device { nativeId } } } }');
    expect(body.errors).toBeUndefined();
  });
});
