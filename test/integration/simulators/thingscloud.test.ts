import { startSimulator, type RunningSimulator } from '../../../src/simulators/kit/index.js';
import {
  createThingsCloudSimulator, thingsCloudDemoCredentials, thingsCloudDemoCustomer, thingsCloudSeedIds, withThingsCloudOptions, type DeviceMessage,
} from '../../../src/simulators/thingscloud/index.js';

const DAY = 86_400_000;
const creds = thingsCloudDemoCredentials;

interface Envelope {
  result: boolean;
  info?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  errcode?: number;
  message?: string;
  errors?: Array<{ field: string; message: string }>;
}

let sim: RunningSimulator;
let token: string;

async function call(method: string, path: string, options: { body?: unknown; rawBody?: string; token?: string | null } = {}): Promise<{ status: number; body: Envelope }> {
  const auth = options.token === null ? undefined : (options.token ?? token);
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: `Bearer ${auth}` } : {}) },
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  return { status: response.status, body: (await response.json()) as Envelope };
}

async function acquireToken(): Promise<string> {
  const { body } = await call('POST', '/api/v1/access_token', { body: { app_id: creds.appId, access_key: creds.accessKey, secret_key: creds.secretKey }, token: null });
  return body.info.access_token as string;
}

beforeAll(async () => {
  sim = await startSimulator('thingscloud', createThingsCloudSimulator);
  token = await acquireToken();
});

afterAll(async () => {
  await sim.close();
});

describe('ThingsCloud simulator: tokens', () => {
  it('issues a one-day AccessToken for app credentials', async () => {
    const { status, body } = await call('POST', '/api/v1/access_token', { body: { app_id: creds.appId, access_key: creds.accessKey, secret_key: creds.secretKey }, token: null });
    expect(status).toBe(200);
    expect(body).toEqual({ result: true, info: { access_token: expect.any(String), expires_in: 86400 } });
  });

  it('refuses wrong credentials with HTTP 200 and result:false', async () => {
    const { status, body } = await call('POST', '/api/v1/access_token', { body: { app_id: creds.appId, access_key: creds.accessKey, secret_key: 'nope' }, token: null });
    expect(status).toBe(200);
    expect(body).toMatchObject({ result: false, errcode: 401, message: expect.any(String) });
  });

  it('refuses a token request missing a field, naming the field', async () => {
    const { body } = await call('POST', '/api/v1/access_token', { body: { app_id: creds.appId }, token: null });
    expect(body).toMatchObject({ result: false, errcode: 400 });
    expect(body.errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['access_key', 'secret_key']));
  });

  it('answers 401 without a token or with an unknown one', async () => {
    expect((await call('GET', '/api/v1/project', { token: null })).status).toBe(401);
    const { status, body } = await call('GET', '/api/v1/project', { token: 'not-a-token' });
    expect(status).toBe(401);
    expect(body).toMatchObject({ result: false, errcode: 401 });
  });

  it('expires app tokens after one day and admin tokens after seven, on the simulator clock', async () => {
    const appToken = await acquireToken();
    const login = await call('POST', '/api/v1/admin_login', { body: { app_id: creds.appId, account: creds.adminAccount, password: creds.adminPassword }, token: null });
    expect(login.body.result).toBe(true);
    const adminToken = login.body.info.access_token as string;
    expect((await call('GET', '/api/v1/admin', { token: adminToken })).body.info).toMatchObject({ account: creds.adminAccount });

    sim.clock.advance(DAY - 60_000);
    expect((await call('GET', '/api/v1/project', { token: appToken })).status).toBe(200);
    sim.clock.advance(120_000);
    const expired = await call('GET', '/api/v1/project', { token: appToken });
    expect(expired.status).toBe(401);
    expect(expired.body.message).toMatch(/expired/i);
    expect((await call('GET', '/api/v1/project', { token: adminToken })).status).toBe(200);

    sim.clock.advance(6 * DAY);
    expect((await call('GET', '/api/v1/project', { token: adminToken })).status).toBe(401);
    token = await acquireToken();
  });

  it('serves /admin only to an admin_login token', async () => {
    const { status, body } = await call('GET', '/api/v1/admin');
    expect(status).toBe(200);
    expect(body).toMatchObject({ result: false, errcode: 403 });
  });

  it('answers a bad token with HTTP 200 and the failure envelope when told to, and takes extra administrators', async () => {
    const other = await startSimulator('thingscloud', withThingsCloudOptions({ badTokenStatus: 200, extraAdmins: [{ account: 'ops', password: 'Ops#1', name: '运维' }] }));
    try {
      const refused = await fetch(`${other.url}/api/v1/project`, { headers: { authorization: 'Bearer not-a-token' } });
      expect(refused.status).toBe(200);
      expect(await refused.json()).toMatchObject({ result: false, errcode: 401 });
      const login = await fetch(`${other.url}/api/v1/admin_login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ app_id: creds.appId, account: 'ops', password: 'Ops#1' }),
      });
      const opsToken = ((await login.json()) as Envelope).info.access_token as string;
      const admin = await fetch(`${other.url}/api/v1/admin`, { headers: { authorization: `Bearer ${opsToken}` } });
      expect(((await admin.json()) as Envelope).info).toMatchObject({ account: 'ops', name: '运维' });
    } finally {
      await other.close();
    }
  });

  it('refuses a wrong admin password', async () => {
    const { body } = await call('POST', '/api/v1/admin_login', { body: { app_id: creds.appId, account: creds.adminAccount, password: 'wrong' }, token: null });
    expect(body).toMatchObject({ result: false, errcode: 401 });
  });
});

describe('ThingsCloud simulator: documented failure shapes', () => {
  it('answers an unknown path with 404 {message:"Request invalid"}', async () => {
    const { status, body } = await call('GET', '/api/v1/no_such_thing');
    expect(status).toBe(404);
    expect(body).toEqual({ message: 'Request invalid' });
  });

  it('answers a malformed JSON body with 404 and errcode 400', async () => {
    const { status, body } = await call('POST', '/api/v1/device', { rawBody: '{"name": "broken' });
    expect(status).toBe(404);
    expect(body).toEqual({ result: false, message: 'Invalid JSON message', errcode: 400 });
  });

  it('answers an unknown device with HTTP 200 and result:false', async () => {
    const { status, body } = await call('GET', '/api/v1/device/000000000000000000000000');
    expect(status).toBe(200);
    expect(body).toMatchObject({ result: false, errcode: 404, message: 'device not found' });
  });
});

describe('ThingsCloud simulator: project data', () => {
  it('reads the project, device statistics and alarm statistics consistently', async () => {
    expect((await call('GET', '/api/v1/project')).body.info).toMatchObject({ id: thingsCloudSeedIds.project, name: expect.any(String), tags: expect.any(Object) });
    const stat = (await call('GET', '/api/v1/devices_stat')).body.info;
    expect(stat.device_total).toBe(200);
    expect(stat.online_device_total + stat.offline_device_total).toBe(200);
    expect(stat.active_device_total + stat.inactive_device_total).toBe(200);
    expect(stat.online_device_total).toBeGreaterThan(0);
    expect(stat.offline_device_total).toBeGreaterThan(0);
    const alarm = (await call('GET', '/api/v1/devices_alarm_stat')).body.info;
    expect(alarm.alarm_1_total + alarm.alarm_2_total + alarm.alarm_3_total + alarm.normal_total).toBe(200);
    expect(alarm.device_total - alarm.normal_total).toBe(stat.alarm_device_total);
  });

  it('lists device types whose device counts add up, with extend-info definitions', async () => {
    const types = (await call('GET', '/api/v1/device_types')).body.info.items as Array<{ id: string; device_count: number }>;
    expect(types.length).toBe(5);
    expect(types.reduce((sum, t) => sum + t.device_count, 0)).toBe(200);
    const defs = (await call('GET', `/api/v1/device_type/${thingsCloudSeedIds.deviceTypes.th}/extend_infos`)).body.info.items as Array<{ is_standard: boolean }>;
    expect(defs.some((d) => d.is_standard)).toBe(true);
    expect(defs.some((d) => !d.is_standard)).toBe(true);
  });

  it('returns a group tree at least three levels deep', async () => {
    type Node = { children?: Node[] };
    const depth = (nodes: Node[]): number => (nodes.length === 0 ? 0 : 1 + Math.max(...nodes.map((n) => depth(n.children ?? []))));
    expect(depth((await call('GET', '/api/v1/device_groups_tree')).body.info.items)).toBeGreaterThanOrEqual(3);
  });
});

describe('ThingsCloud simulator: device lists', () => {
  it('pages devices with total and page_total', async () => {
    const first = (await call('GET', '/api/v1/devices?page=1&page_records=50')).body.info;
    expect(first.total).toBe(200);
    expect(first.page_total).toBe(4);
    expect(first.items).toHaveLength(50);
    const last = (await call('GET', '/api/v1/devices?page=4&page_records=50')).body.info;
    const ids = new Set([...first.items, ...last.items].map((d: { id: string }) => d.id));
    expect(ids.size).toBe(100);
    expect((await call('GET', '/api/v1/devices?page=5&page_records=50')).body.info.items).toEqual([]);
    expect((await call('GET', '/api/v1/devices')).body.info.items).toHaveLength(20);
  });

  it('refuses page_records outside 1–100', async () => {
    expect((await call('GET', '/api/v1/devices?page_records=101')).body).toMatchObject({ result: false, errcode: 400 });
    expect((await call('GET', '/api/v1/devices?page_records=0')).body).toMatchObject({ result: false, errcode: 400 });
  });

  it('filters by type and group with sub-groups', async () => {
    const byType = (await call('GET', `/api/v1/devices?type=${thingsCloudSeedIds.deviceTypes.gateway}&page_records=100`)).body.info;
    expect(byType.total).toBe(20);
    expect(byType.items.every((d: { type: string }) => d.type === thingsCloudSeedIds.deviceTypes.gateway)).toBe(true);

    const east = thingsCloudSeedIds.groups.east;
    const direct = (await call('GET', `/api/v1/devices?group=${east}`)).body.info.total as number;
    const withSubGroups = (await call('GET', `/api/v1/devices?group=${east}&include_sub_groups=1`)).body.info.total as number;
    const ws1 = (await call('GET', `/api/v1/devices?group=${thingsCloudSeedIds.groups.ws1}`)).body.info.total as number;
    expect(direct).toBe(0);
    expect(withSubGroups).toBeGreaterThanOrEqual(ws1);
    expect(ws1).toBeGreaterThan(0);

  });

  it('ignores an online parameter, which the doc does not name', async () => {
    const plain = (await call('GET', '/api/v1/devices?page_records=100')).body.info;
    for (const online of ['1', '0', 'nonsense']) {
      const answer = (await call('GET', `/api/v1/devices?online=${online}&page_records=100`)).body.info;
      expect(answer).toEqual(plain);
    }
    expect(plain.items.some((d: { online: boolean }) => d.online)).toBe(true);
    expect(plain.items.some((d: { online: boolean }) => !d.online)).toBe(true);
  });
});

describe('ThingsCloud simulator: attribute history', () => {
  const device = thingsCloudSeedIds.device(0);

  it('returns history newest first, paged, and continuing across pages', async () => {
    const page1 = (await call('GET', `/api/v1/device/${device}/attribute/temperature/series?page_records=10`)).body.info as Array<{ ts: number; name: string; type: string }>;
    const page2 = (await call('GET', `/api/v1/device/${device}/attribute/temperature/series?page=2&page_records=10`)).body.info as Array<{ ts: number }>;
    expect(page1).toHaveLength(10);
    expect(page1[0]).toMatchObject({ name: 'temperature', type: 'number', value: expect.any(Number) });
    const all = [...page1, ...page2].map((s) => s.ts);
    expect(all).toEqual([...all].sort((a, b) => b - a));
    expect(new Set(all).size).toBe(20);
  });

  it('serves a window from the past year, inside the window, deterministically', async () => {
    const end = sim.clock.now() - 200 * DAY;
    const start = end - 30 * DAY;
    const path = `/api/v1/device/${device}/attribute/humidity/series?start_time=${start}&end_time=${end}&page_records=100&page=3`;
    const a = (await call('GET', path)).body.info as Array<{ ts: number; value: number }>;
    const b = (await call('GET', path)).body.info;
    expect(a).toHaveLength(100);
    expect(a.every((s) => s.ts >= start && s.ts <= end && s.value >= 0 && s.value <= 100)).toBe(true);
    expect(b).toEqual(a);
  });

  it('refuses a window longer than 30 days and page_records 101', async () => {
    const end = sim.clock.now();
    const tooLong = await call('GET', `/api/v1/device/${device}/attribute/temperature/series?start_time=${end - 31 * DAY}&end_time=${end}`);
    expect(tooLong.status).toBe(200);
    expect(tooLong.body).toMatchObject({ result: false, errcode: 400 });
    expect((await call('GET', `/api/v1/device/${device}/attribute/temperature/series?page_records=101`)).body).toMatchObject({ result: false, errcode: 400 });
    expect((await call('GET', `/api/v1/device/${device}/attribute/temperature/series?page_records=100`)).body.info).toHaveLength(100);
  });

  it('agrees between attributes, attributes_raw and the newest sample', async () => {
    const attributes = (await call('GET', `/api/v1/device/${device}/attributes`)).body.info as Array<{ identifier: string; value: unknown; ts: number; model: unknown }>;
    const raw = (await call('GET', `/api/v1/device/${device}/attributes_raw`)).body.info as Record<string, unknown>;
    const newest = (await call('GET', `/api/v1/device/${device}/attribute/temperature/series?page_records=1`)).body.info[0];
    const temperature = attributes.find((a) => a.identifier === 'temperature');
    expect(temperature).toMatchObject({ value: raw.temperature, ts: newest.ts, model: expect.objectContaining({ data_type: 'number' }) });
    expect(new Set(attributes.map((a) => typeof a.value))).toEqual(new Set(['number', 'object']));
  });
});

describe('ThingsCloud simulator: device communication', () => {
  const relay = thingsCloudSeedIds.device(4);

  it('records a command the device received, and tells the listener', async () => {
    const heard: DeviceMessage[] = [];
    const withListener = await startSimulator('thingscloud', withThingsCloudOptions({ onDeviceMessage: (m) => heard.push(m) }));
    try {
      const login = await fetch(`${withListener.url}/api/v1/access_token`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ app_id: creds.appId, access_key: creds.accessKey, secret_key: creds.secretKey }),
      });
      const listenerToken = ((await login.json()) as Envelope).info.access_token as string;
      const sent = await fetch(`${withListener.url}/api/v1/control/device/${relay}/command`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${listenerToken}` },
        body: JSON.stringify({ method: 'restart', params: { delay: 5 }, id: 42 }),
      });
      expect(((await sent.json()) as Envelope).result).toBe(true);
      expect(heard).toEqual([expect.objectContaining({ kind: 'command', device_id: relay, payload: { method: 'restart', params: { delay: 5 }, id: 42 } })]);
    } finally {
      await withListener.close();
    }
  });

  it('lists pushed attributes, commands and data streams under /__sim', async () => {
    expect((await call('POST', `/api/v1/control/device/${relay}/attributes`, { body: { relay1: true } })).body.result).toBe(true);
    expect((await call('POST', `/api/v1/control/device/${relay}/command`, { body: { method: 'blink', params: {} } })).body.result).toBe(true);
    expect((await call('POST', `/api/v1/control/device/${relay}/data/stream/set?push_mode=tcp`, { body: { type: 'hex', msg: '01 03 01 FF 00 0C 74 03' } })).body.result).toBe(true);
    const received = (await (await fetch(`${sim.url}/__sim/thingscloud/devices/${relay}/received`)).json()) as { items: DeviceMessage[] };
    expect(received.items.map((m) => m.kind)).toEqual(['attributes', 'command', 'data']);
    expect(received.items[2]).toMatchObject({ identifier: 'stream', push_mode: 'tcp', payload: { type: 'hex' } });
    expect((await call('GET', `/api/v1/device/${relay}/attributes_raw`)).body.info.relay1).toBe(true);
  });

  it('validates pushed values against the attribute model and the stream type', async () => {
    expect((await call('POST', `/api/v1/control/device/${relay}/attributes`, { body: { relay2: 'on' } })).body).toMatchObject({ result: false, errcode: 400 });
    expect((await call('PUT', `/api/v1/control/device/${relay}/attributes`, { body: { relay2: true } })).body).toMatchObject({ result: false, errcode: 400 });
    expect((await call('PUT', `/api/v1/control/device/${relay}/attributes`, { body: { mode: 'eco' } })).body.result).toBe(true);
    expect((await call('POST', `/api/v1/control/device/${relay}/data/stream/set`, { body: { type: 'hex', msg: 'zz' } })).body).toMatchObject({ result: false, errcode: 400 });
    expect((await call('POST', `/api/v1/control/device/${relay}/command`, { body: { params: {} } })).body).toMatchObject({ result: false, errcode: 400 });
  });
});

describe('ThingsCloud simulator: writes', () => {
  it('creates, reads, updates, tags, groups and deletes a device', async () => {
    const created = await call('POST', '/api/v1/device', { body: { name: '测试设备 Test Device', type: thingsCloudSeedIds.deviceTypes.th, tags: { floor: '2F' }, device_key: 'SIM-TEST-0001' } });
    expect(created.body).toEqual({ result: true, info: { id: expect.any(String), name: '测试设备 Test Device' } });
    const id = created.body.info.id as string;

    expect((await call('POST', '/api/v1/device', { body: { name: 'dup', device_key: 'SIM-TEST-0001' } })).body).toMatchObject({ result: false, errcode: 409 });
    expect((await call('POST', '/api/v1/device', { body: { descr: 'no name' } })).body).toMatchObject({ result: false, errcode: 400 });

    expect((await call('PUT', `/api/v1/device/${id}/info`, { body: { name: 'Renamed', descr: 'updated' } })).body).toEqual({ result: true, info: {} });
    expect((await call('PUT', `/api/v1/device/${id}/tags`, { body: { tags: { owner: 'ops' } } })).body.result).toBe(true);
    expect((await call('POST', `/api/v1/device/${id}/tags_remove`, { body: { keys: ['floor'] } })).body.result).toBe(true);
    const groups = [thingsCloudSeedIds.groups.ws1, thingsCloudSeedIds.groups.lab];
    expect((await call('PUT', `/api/v1/device/${id}/groups`, { body: { groups } })).body.result).toBe(true);
    expect((await call('PUT', `/api/v1/device/${id}/groups`, { body: { groups: ['nope'] } })).body).toMatchObject({ result: false, errcode: 404 });

    const read = (await call('GET', `/api/v1/device/${id}`)).body.info;
    expect(read).toMatchObject({ name: 'Renamed', descr: 'updated', tags: { owner: 'ops' }, groups, online: false, type: thingsCloudSeedIds.deviceTypes.th });
    expect(read.tags.floor).toBeUndefined();
    expect((await call('GET', '/api/v1/devices_stat')).body.info.device_total).toBe(201);

    expect((await call('DELETE', `/api/v1/device/${id}`)).body).toEqual({ result: true, info: {} });
    expect((await call('GET', `/api/v1/device/${id}`)).body).toMatchObject({ result: false, errcode: 404 });
  });

  it('updates extend infos and reports what was updated', async () => {
    const device = thingsCloudSeedIds.device(1);
    const defs = (await call('GET', `/api/v1/device_type/${thingsCloudSeedIds.deviceTypes.th}/extend_infos`)).body.info.items as Array<{ id: string; info_type: string; is_standard: boolean }>;
    const text = defs.find((d) => !d.is_standard && d.info_type === 'text');
    const updated = await call('POST', `/api/v1/device/${device}/extend_infos`, { body: { infos: { [text!.id]: '北墙', unknown_id: 'x' } } });
    expect(updated.body).toEqual({ result: true, info: { [text!.id]: '北墙' } });
    const standard = await call('POST', `/api/v1/device/${device}/standard_infos`, { body: { info_type: 'contact', value: { name: '王工' } } });
    expect(standard.body).toEqual({ result: true, info: { contact: { name: '王工' } } });
    const items = (await call('GET', `/api/v1/device/${device}/extend_infos`)).body.info.items as Array<{ id: string; info_type: string; value: unknown }>;
    expect(items.find((i) => i.id === text!.id)?.value).toBe('北墙');
    expect(items.find((i) => i.info_type === 'contact')?.value).toMatchObject({ name: '王工' });
  });

  it('removes attributes', async () => {
    const device = thingsCloudSeedIds.device(2);
    expect((await call('POST', `/api/v1/device/${device}/attributes_remove`, { body: { keys: ['battery'] } })).body.result).toBe(true);
    const raw = (await call('GET', `/api/v1/device/${device}/attributes_raw`)).body.info;
    expect(raw.battery).toBeUndefined();
    expect(raw.temperature).toEqual(expect.any(Number));
  });

  it('manages customers: create, auth, password, tags, info, delete', async () => {
    const created = await call('POST', '/api/v1/customer', { body: { name: '测试用户', account: 'sim.tester', password: 'Secret#1', tags: { level: 'vip' } } });
    expect(created.body.result).toBe(true);
    const id = created.body.info.id as string;
    expect((await call('POST', '/api/v1/customer', { body: { name: 'x', account: 'sim.tester', password: 'p' } })).body).toMatchObject({ result: false, errcode: 409 });

    expect((await call('POST', '/api/v1/customer_auth', { body: { account: 'sim.tester', password: 'Secret#1' } })).body).toEqual({ result: true, info: { id, name: '测试用户' } });
    expect((await call('PUT', `/api/v1/customer/${id}/pwd`, { body: { password: 'Changed#2' } })).body.result).toBe(true);
    const stale = await call('POST', '/api/v1/customer_auth', { body: { account: 'sim.tester', password: 'Secret#1' } });
    expect(stale.status).toBe(200);
    expect(stale.body).toMatchObject({ result: false, errcode: 401 });

    expect((await call('PUT', `/api/v1/customer/${id}/info`, { body: {} })).body).toMatchObject({ result: false, errcode: 400 });
    expect((await call('PUT', `/api/v1/customer/${id}/info`, { body: { email: 'tester@example.com' } })).body.result).toBe(true);
    expect((await call('PUT', `/api/v1/customer/${id}/tags`, { body: { tags: { region: 'east' } } })).body.result).toBe(true);
    expect((await call('GET', `/api/v1/customer/${id}`)).body.info).toMatchObject({ email: 'tester@example.com', tags: { level: 'vip', region: 'east' }, count: { device_count: 0 } });

    expect((await call('DELETE', `/api/v1/customer/${id}`)).body.result).toBe(true);
    expect((await call('GET', `/api/v1/customer/${id}`)).body).toMatchObject({ result: false, errcode: 404 });
  });

  it('links customers and devices both ways', async () => {
    const customer = thingsCloudSeedIds.customer(0);
    expect((await call('POST', '/api/v1/customer_auth', { body: thingsCloudDemoCustomer })).body.info.id).toBe(customer);
    const devices = (await call('GET', `/api/v1/customer/${customer}/devices`)).body.info;
    expect(devices.total).toBeGreaterThan(0);
    const viaDevice = (await call('GET', `/api/v1/device/${thingsCloudSeedIds.device(0)}/customers`)).body.info.items as Array<{ id: string }>;
    expect(viaDevice.map((c) => c.id)).toContain(customer);
    const roles = (await call('GET', '/api/v1/customer_roles')).body.info.items as Array<{ customer_count: number }>;
    const customers = (await call('GET', '/api/v1/customers')).body.info.items as unknown[];
    expect(roles.reduce((sum, r) => sum + r.customer_count, 0)).toBe(customers.length);
  });
});

describe('ThingsCloud simulator: alarm logs', () => {
  it('pages more than 100 alarm logs of all three levels, newest first', async () => {
    const seen: Array<{ id: string; alarm_level: number; create_time: number; device: { id: string } }> = [];
    for (let page = 1; page < 10; page++) {
      const items = (await call('GET', `/api/v1/alarm_logs?page=${page}&page_records=100`)).body.info.items as typeof seen;
      seen.push(...items);
      if (items.length < 100) break;
    }
    expect(seen.length).toBeGreaterThan(100);
    expect(new Set(seen.map((l) => l.alarm_level))).toEqual(new Set([1, 2, 3]));
    expect(seen.map((l) => l.create_time)).toEqual([...seen.map((l) => l.create_time)].sort((a, b) => b - a));
    const one = seen[0]!;
    const forDevice = (await call('GET', `/api/v1/device/${one.device.id}/alarm_logs?page_records=100`)).body.info.items as typeof seen;
    expect(forDevice.every((l) => l.device.id === one.device.id)).toBe(true);
    expect(forDevice.map((l) => l.id)).toContain(one.id);
  });
});

describe('ThingsCloud simulator: request counter', () => {
  it('counts requests by route pattern', async () => {
    sim.requests.reset();
    await call('GET', `/api/v1/device/${thingsCloudSeedIds.device(3)}`);
    await call('GET', `/api/v1/device/${thingsCloudSeedIds.device(4)}`);
    await call('GET', `/api/v1/device/${thingsCloudSeedIds.device(3)}/attribute/temperature/series`);
    await call('POST', '/api/v1/device', { rawBody: '{oops' });
    expect(sim.requests.snapshot()).toEqual({
      'GET /api/v1/device/:device_id': 2,
      'GET /api/v1/device/:device_id/attribute/:identifier/series': 1,
      'POST /api/v1/device': 1,
    });
  });
});
