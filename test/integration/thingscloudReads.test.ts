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

  it('filters devices by type and group (with sub-groups)', async () => {
    const typeId = toGlobalId('DeviceType', 'THINGSCLOUD', thingsCloudSeedIds.deviceTypes.th);
    const east = toGlobalId('DeviceGroup', 'THINGSCLOUD', thingsCloudSeedIds.groups.east);
    const { body } = await query(
      `query($type: ID!, $group: ID!) {
        th: devices(first: 100, filter: { typeId: $type }) { totalCount nodes { type { nativeId } } }
        eastOnly: devices(filter: { groupId: $group }) { totalCount }
        eastAll: devices(first: 100, filter: { groupId: $group, includeSubGroups: true }) { totalCount }
      }`,
      { type: typeId, group: east },
    );
    expect(body.errors).toBeUndefined();
    const th = body.data!.th as { totalCount: number; nodes: { type: { nativeId: string } }[] };
    expect(th.totalCount).toBe(80);
    expect(th.nodes.every((n) => n.type.nativeId === thingsCloudSeedIds.deviceTypes.th)).toBe(true);
    expect((body.data!.eastOnly as { totalCount: number }).totalCount).toBe(0); // devices sit in the sub-groups
    expect((body.data!.eastAll as { totalCount: number }).totalCount).toBeGreaterThan(0);
  });

  describe('by online state, which ThingsCloud cannot filter on (the simulator, like the vendor, ignores an `online` parameter)', () => {
    type Slice = { totalCount: number | null; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { nativeId: string; online: boolean }[] };
    const slice = '{ totalCount pageInfo { hasNextPage endCursor } nodes { nativeId online } }';

    async function everyDevice(): Promise<{ nativeId: string; online: boolean }[]> {
      const { body } = await query('{ devices(first: 500) { nodes { nativeId online } } }');
      return (body.data!.devices as Slice).nodes;
    }

    it('returns only devices in that state, in the vendor’s order, and pages over them', async () => {
      const all = await everyDevice();
      const online = all.filter((d) => d.online).map((d) => d.nativeId);
      const offline = all.filter((d) => !d.online).map((d) => d.nativeId);
      expect(online.length).toBeGreaterThan(25);
      expect(offline.length).toBeGreaterThan(0);

      const { body } = await query(`{ up: devices(first: 25, filter: { online: true }) ${slice} down: devices(first: 500, filter: { online: false }) ${slice} }`);
      expect(body.errors).toBeUndefined();
      const up = body.data!.up as Slice;
      expect(up.nodes.map((d) => d.nativeId)).toEqual(online.slice(0, 25));
      expect(up.pageInfo.hasNextPage).toBe(true);
      expect(up.totalCount).toBeNull(); // stopped reading before the end of the list
      const down = body.data!.down as Slice;
      expect(down.nodes.map((d) => d.nativeId)).toEqual(offline);
      expect(down.totalCount).toBe(offline.length); // the whole list was read
      expect(down.pageInfo.hasNextPage).toBe(false);

      const next = await query(`query($after: String) { devices(first: 25, after: $after, filter: { online: true }) ${slice} }`, { after: up.pageInfo.endCursor });
      expect((next.body.data!.devices as Slice).nodes.map((d) => d.nativeId)).toEqual(online.slice(25, 50));
    });

    it('filters a device type’s and a group’s devices the same way', async () => {
      const typeId = toGlobalId('DeviceType', 'THINGSCLOUD', thingsCloudSeedIds.deviceTypes.th);
      const east = toGlobalId('DeviceGroup', 'THINGSCLOUD', thingsCloudSeedIds.groups.east);
      const { body } = await query(
        `query($type: ID!, $group: ID!) {
          all: devices(first: 500, filter: { groupId: $group, includeSubGroups: true }) { nodes { nativeId online } }
          eastOnline: devices(first: 100, filter: { groupId: $group, includeSubGroups: true, online: true }) ${slice}
          node(id: $type) { ... on DeviceType { devices(first: 100, online: false) ${slice} } }
          group: node(id: $group) { ... on DeviceGroup { devices(first: 100, includeSubGroups: true, online: true) ${slice} } }
        }`,
        { type: typeId, group: east },
      );
      expect(body.errors).toBeUndefined();
      const inEast = (body.data!.all as Slice).nodes;
      const eastOnline = body.data!.eastOnline as Slice;
      expect(eastOnline.nodes.map((d) => d.nativeId)).toEqual(inEast.filter((d) => d.online).map((d) => d.nativeId));
      expect(eastOnline.nodes.length).toBeGreaterThan(0);
      expect(eastOnline.totalCount).toBe(eastOnline.nodes.length);
      expect((body.data!.group as { devices: Slice }).devices.nodes).toEqual(eastOnline.nodes);
      const offlineTh = (body.data!.node as { devices: Slice }).devices;
      expect(offlineTh.nodes.length).toBeGreaterThan(0);
      expect(offlineTh.nodes.every((d) => !d.online)).toBe(true);
    });
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
  it('serves 100 alarms with device, type and groups: one call per distinct device (it names its type), one for the group tree', async () => {
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
    expect(count('GET /api/v1/device_types')).toBe(0);
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
      await slow.gql('{ thingsCloudProject { name } }', undefined, withApiKey); // token acquired before counting
      // Slow answers keep the calls overlapping, so the peak shows the cap rather than the machine's speed.
      slow.thingscloud.setFaults({ latencyMs: 100, pathPrefix: '/api/v1/device/' });
      slow.thingscloud.requests.reset();
      // `deviceCode` only the single read has: eight single reads, never the list's pages.
      const aliases = ids.map((id, i) => `d${i}: device(id: "${deviceGid(id)}") { name deviceCode }`).join(' ');
      const { body } = await slow.gql(`{ ${aliases} }`, undefined, withApiKey);
      expect(body.errors).toBeUndefined();
      expect(slow.thingscloud.requests.count('GET /api/v1/device/:device_id')).toBe(8);
      expect(slow.thingscloud.requests.peakInFlight()).toBe(2);
    } finally {
      await slow.close();
    }
  });
});

describe('ThingsCloud IDs never leave their path segment', () => {
  // A real ID with `#…` or `?…` after it: sent unencoded, the vendor would see (and answer with) that real device.
  const real = thingsCloudSeedIds.device(0);
  it.each(['../customers', 'a/b?x=1', '%2e%2e', `${real}#frag`, `${real}?page=1`])('sends device ID %s to the device endpoint only', async (nativeId) => {
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

  it('encodes attribute identifiers', async () => {
    const id = deviceGid(thingsCloudSeedIds.device(0));
    const { body } = await query('query($id: ID!) { device(id: $id) { history(identifier: "../../customers", first: 5) { at } } }', { id });
    expect(body.errors).toBeUndefined();
    expect((body.data!.device as { history: unknown[] }).history).toEqual([]);
    expect(count('GET /api/v1/device/:device_id/attribute/:identifier/series')).toBe(1);
    expect(count('GET /api/v1/customers')).toBe(0);
  });

  it('encodes data-stream identifiers: the device receives exactly the identifier sent', async () => {
    const nativeId = thingsCloudSeedIds.device(2);
    const identifier = '../../command?push_mode=tcp#x';
    const { body } = await query(
      'mutation($id: ID!, $identifier: String!) { sendDeviceDataStream(id: $id, input: { identifier: $identifier, pushMode: MQTT, type: TEXT, message: "hi" }) { at } }',
      { id: deviceGid(nativeId), identifier },
    );
    expect(body.errors).toBeUndefined();
    expect(count('POST /api/v1/control/device/:device_id/data/:identifier/set')).toBe(1);
    expect(count('POST /api/v1/control/device/:device_id/command')).toBe(0);
    const received = (await (await fetch(`${gw.thingscloud.url}/__sim/thingscloud/devices/${nativeId}/received`)).json()) as { items: { kind: string; identifier?: string; push_mode?: string }[] };
    expect(received.items.at(-1)).toMatchObject({ kind: 'data', identifier, push_mode: 'mqtt' });
  });

  it('sends tag keys with path and query characters as keys, in the body, and removes them the same way', async () => {
    const id = deviceGid(thingsCloudSeedIds.device(3));
    const key = '../../customers?x=1#frag';
    const set = await query('mutation($id: ID!, $tags: JSON!) { setDeviceTags(id: $id, tags: $tags) { tags } }', { id, tags: { [key]: 'v' } });
    expect(set.body.errors).toBeUndefined();
    expect((set.body.data!.setDeviceTags as { tags: Record<string, string> }).tags[key]).toBe('v');
    const removed = await query('mutation($id: ID!, $keys: [String!]!) { removeDeviceTags(id: $id, keys: $keys) { tags } }', { id, keys: [key] });
    expect(removed.body.errors).toBeUndefined();
    expect((removed.body.data!.removeDeviceTags as { tags: Record<string, string> }).tags).not.toHaveProperty([key]);
    const { 'POST /api/v1/access_token': _token, ...routes } = gw.thingscloud.requests.snapshot();
    expect(routes).toEqual({ 'PUT /api/v1/device/:device_id/tags': 1, 'POST /api/v1/device/:device_id/tags_remove': 1, 'GET /api/v1/device/:device_id': 2 });
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
    // Its own gateway and simulator: the device removed here stays removed.
    const own = await startTestGateway();
    try {
      const ALARMS = '{ alarms(first: 30) { nodes { nativeId deviceName device { nativeId name } } } }';
      type Alarms = { alarms: { nodes: { nativeId: string; deviceName: string | null; device: { nativeId: string; name: string } | null }[] } };
      const before = await own.gql(ALARMS, undefined, withApiKey);
      expect(before.body.errors).toBeUndefined();
      const alarms = (before.body.data as Alarms).alarms.nodes;
      const gone = alarms[3]!.device!.nativeId;
      const removed = await own.gql('mutation($id: ID!) { deleteDevice(id: $id) { deletedId } }', { id: deviceGid(gone) }, withApiKey);
      expect(removed.body.errors).toBeUndefined();

      const after = await own.gql(ALARMS, undefined, withApiKey);
      const nodes = (after.body.data as Alarms).alarms.nodes;
      expect(nodes.map((a) => a.nativeId)).toEqual(alarms.map((a) => a.nativeId)); // the log keeps every alarm
      for (const [i, alarm] of nodes.entries()) {
        if (alarms[i]!.device!.nativeId === gone) {
          expect(alarm.device).toBeNull();
          expect(alarm.deviceName).toBe(alarms[i]!.deviceName); // still named as it was when logged
        } else {
          expect(alarm.device).toEqual(alarms[i]!.device);
        }
      }
      expect(after.body.errors ?? []).toEqual([]);
    } finally {
      await own.close();
    }
  });
});
