import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/globalId.js';
import { thingsCloudDemoCustomer, thingsCloudSeedIds, type DeviceMessage } from '../../src/simulators/thingscloud/index.js';
import { startTestGateway, withApiKey, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());
beforeEach(() => gw.thingscloud.requests.reset());

const query = (q: string, variables?: Record<string, unknown>) => gw.gql(q, variables, withApiKey);
const typeGid = (key: keyof typeof thingsCloudSeedIds.deviceTypes) => toGlobalId('DeviceType', 'THINGSCLOUD', thingsCloudSeedIds.deviceTypes[key]);
const groupGid = (key: keyof typeof thingsCloudSeedIds.groups) => toGlobalId('DeviceGroup', 'THINGSCLOUD', thingsCloudSeedIds.groups[key]);

/** What the simulated device received through the control API, oldest first. */
async function received(nativeId: string): Promise<DeviceMessage[]> {
  const response = await fetch(`${gw.thingscloud.url}/__sim/thingscloud/devices/${encodeURIComponent(nativeId)}/received`);
  return ((await response.json()) as { items: DeviceMessage[] }).items;
}

async function createDevice(input: Record<string, unknown>): Promise<{ id: string; nativeId: string }> {
  const { body } = await query('mutation($input: CreateDeviceInput!) { createDevice(input: $input) { id nativeId } }', { input });
  expect(body.errors).toBeUndefined();
  return body.data!.createDevice as { id: string; nativeId: string };
}

describe('ThingsCloud device writes', () => {
  it('creates, updates and deletes a device', async () => {
    const { body } = await query(
      'mutation($input: CreateDeviceInput!) { createDevice(input: $input) { id nativeId name description deviceKey tags online type { name } groups { name } } }',
      { input: { name: '测试温湿度-901', description: 'created by a test', typeId: typeGid('th'), tags: { batch: 'test' }, deviceKey: 'TESSERA-901' } },
    );
    expect(body.errors).toBeUndefined();
    const created = body.data!.createDevice as { id: string; nativeId: string };
    expect(created).toMatchObject({ name: '测试温湿度-901', description: 'created by a test', deviceKey: 'TESSERA-901', tags: { batch: 'test' }, online: false, type: { name: '温湿度传感器' }, groups: [] });

    const updated = await query('mutation($id: ID!) { updateDevice(id: $id, input: { name: "Renamed 901", deviceKey: "TESSERA-902" }) { name deviceKey description } }', { id: created.id });
    expect(updated.body.data!.updateDevice).toEqual({ name: 'Renamed 901', deviceKey: 'TESSERA-902', description: 'created by a test' });
    expect(gw.thingscloud.requests.count('PUT /api/v1/device/:device_id/info')).toBe(1);

    const deleted = await query('mutation($id: ID!) { deleteDevice(id: $id) { deletedId } }', { id: created.id });
    expect(deleted.body.data!.deleteDevice).toEqual({ deletedId: created.id });
    const gone = await query('query($id: ID!) { device(id: $id) { name } }', { id: created.id });
    expect(gone.body.data!.device).toBeNull();
    expect(gone.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses a duplicate device key with the vendor’s reason and errcode', async () => {
    await createDevice({ name: 'dup-a', deviceKey: 'TESSERA-DUP' });
    const { body } = await query('mutation { createDevice(input: { name: "dup-b", deviceKey: "TESSERA-DUP" }) { id } }');
    expect(body.errors?.[0]).toMatchObject({
      message: 'ThingsCloud rejected the request: device_key already exists',
      extensions: { code: 'BAD_USER_INPUT', source: 'THINGSCLOUD', vendorCode: 409, fieldErrors: [{ field: 'device_key', message: 'already used by another device' }] },
    });
  });

  it('sets and removes tags, and sets groups', async () => {
    const device = await createDevice({ name: 'tags-and-groups', tags: { keep: 'yes' } });
    const tagged = await query('mutation($id: ID!) { setDeviceTags(id: $id, tags: { floor: "3F", keep: "still" }) { tags } }', { id: device.id });
    expect(tagged.body.data!.setDeviceTags).toEqual({ tags: { keep: 'still', floor: '3F' } });
    const removed = await query('mutation($id: ID!) { removeDeviceTags(id: $id, keys: ["floor"]) { tags } }', { id: device.id });
    expect(removed.body.data!.removeDeviceTags).toEqual({ tags: { keep: 'still' } });
    const badTags = await query('mutation($id: ID!) { setDeviceTags(id: $id, tags: { n: 1 }) { tags } }', { id: device.id });
    expect(badTags.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const grouped = await query('mutation($id: ID!, $g: [ID!]!) { setDeviceGroups(id: $id, groupIds: $g) { groups { name parent { name } } } }', {
      id: device.id,
      g: [groupGid('ws1'), groupGid('lab')],
    });
    expect(grouped.body.data!.setDeviceGroups).toEqual({ groups: [{ name: '一号车间', parent: { name: '上海工厂' } }, { name: 'Demo Lab', parent: null }] });
    const inGroup = await query('query($g: ID!) { devices(first: 500, filter: { groupId: $g }) { nodes { nativeId } } }', { g: groupGid('lab') });
    expect((inGroup.body.data!.devices as { nodes: { nativeId: string }[] }).nodes.map((n) => n.nativeId)).toContain(device.nativeId);
  });

  it('sets standard and custom extend infos', async () => {
    const device = await createDevice({ name: 'extend-infos', typeId: typeGid('th') });
    const defs = await query('query($id: ID!) { device(id: $id) { type { extendInfoDefinitions { nativeId infoType isStandard } } } }', { id: device.id });
    const definitions = (defs.body.data!.device as { type: { extendInfoDefinitions: { nativeId: string; infoType: string; isStandard: boolean }[] } }).type.extendInfoDefinitions;
    const offset = definitions.find((d) => d.infoType === 'number')!;

    const standard = await query(
      'mutation($id: ID!) { setDeviceStandardExtendInfo(id: $id, infoType: "location", value: { longitude: 121.5, latitude: 31.2, address: "上海" }) { updated device { nativeId } } }',
      { id: device.id },
    );
    expect(standard.body.data!.setDeviceStandardExtendInfo).toEqual({ updated: { location: { longitude: 121.5, latitude: 31.2, address: '上海' } }, device: { nativeId: device.nativeId } });
    const custom = await query('mutation($id: ID!, $infos: JSON!) { setDeviceExtendInfos(id: $id, infos: $infos) { updated } }', { id: device.id, infos: { [offset.nativeId]: 0.5 } });
    expect(custom.body.data!.setDeviceExtendInfos).toEqual({ updated: { [offset.nativeId]: 0.5 } });

    const read = await query('query($id: ID!) { device(id: $id) { extendInfos { nativeId infoType value } } }', { id: device.id });
    const infos = (read.body.data!.device as { extendInfos: { nativeId: string; infoType: string; value: unknown }[] }).extendInfos;
    expect(infos.find((i) => i.infoType === 'location')!.value).toEqual({ longitude: 121.5, latitude: 31.2, address: '上海' });
    expect(infos.find((i) => i.nativeId === offset.nativeId)!.value).toBe(0.5);
  });

  it('pushes attributes, updates cloud attributes and removes attributes', async () => {
    const device = await createDevice({ name: 'attributes', typeId: typeGid('relay') });
    const pushed = await query('mutation($id: ID!) { pushDeviceAttributes(id: $id, values: { relay1: true, relay2: false }) { at updated } }', { id: device.id });
    expect(pushed.body.errors).toBeUndefined();
    const messages = await received(device.nativeId);
    expect(messages).toEqual([expect.objectContaining({ kind: 'attributes', payload: { relay1: true, relay2: false } })]);

    const cloud = await query('mutation($id: ID!) { updateDeviceCloudAttributes(id: $id, values: { mode: "eco" }) { device { rawAttributes attributes { identifier stringValue dataType } } } }', { id: device.id });
    const after = (cloud.body.data!.updateDeviceCloudAttributes as { device: { rawAttributes: Record<string, unknown>; attributes: { identifier: string; stringValue: string }[] } }).device;
    expect(after.rawAttributes).toEqual({ relay1: true, relay2: false, mode: 'eco' });
    expect(after.attributes.find((a) => a.identifier === 'mode')).toEqual({ identifier: 'mode', stringValue: 'eco', dataType: 'STRING' });

    const wrongType = await query('mutation($id: ID!) { updateDeviceCloudAttributes(id: $id, values: { mode: 3 }) { at } }', { id: device.id });
    expect(wrongType.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', vendorCode: 400, fieldErrors: [{ field: 'mode', message: 'expected string' }] });

    const removed = await query('mutation($id: ID!) { removeDeviceAttributes(id: $id, identifiers: ["relay2", "mode"]) { rawAttributes } }', { id: device.id });
    expect(removed.body.data!.removeDeviceAttributes).toEqual({ rawAttributes: { relay1: true } });
  });

  it('sends a command and custom data streams (hex, text, JSON; MQTT and TCP)', async () => {
    const nativeId = thingsCloudSeedIds.device(4);
    const id = toGlobalId('Device', 'THINGSCLOUD', nativeId);
    const before = (await received(nativeId)).length;
    const { body } = await query(
      `mutation($id: ID!) {
        cmd: sendDeviceCommand(id: $id, input: { method: "restart", params: { delay: 5 }, commandId: 42 }) { at device { nativeId } }
        hex: sendDeviceDataStream(id: $id, input: { identifier: "stream", type: HEX, message: "01 03 01 FF 00 0C 74 03" }) { at }
        text: sendDeviceDataStream(id: $id, input: { identifier: "stream", type: TEXT, message: "t:45,u=31", pushMode: TCP }) { at }
        json: sendDeviceDataStream(id: $id, input: { identifier: "stream", type: JSON, message: { command: "openLock", led: "ON" } }) { at }
      }`,
      { id },
    );
    expect(body.errors).toBeUndefined();
    const messages = (await received(nativeId)).slice(before);
    expect(messages).toEqual([
      expect.objectContaining({ kind: 'command', payload: { method: 'restart', params: { delay: 5 }, id: 42 } }),
      expect.objectContaining({ kind: 'data', identifier: 'stream', push_mode: 'mqtt', payload: { type: 'hex', msg: '01 03 01 FF 00 0C 74 03' } }),
      expect.objectContaining({ kind: 'data', identifier: 'stream', push_mode: 'tcp', payload: { type: 'text', msg: 't:45,u=31' } }),
      expect.objectContaining({ kind: 'data', identifier: 'stream', push_mode: 'mqtt', payload: { type: 'json', msg: { command: 'openLock', led: 'ON' } } }),
    ]);

    const badHex = await query('mutation($id: ID!) { sendDeviceDataStream(id: $id, input: { identifier: "stream", type: HEX, message: "zz" }) { at } }', { id });
    expect(badHex.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(gw.thingscloud.requests.count('POST /api/v1/control/device/:device_id/data/:identifier/set')).toBe(3);
  });
});

describe('ThingsCloud writes with a value nested 5,000 levels deep', () => {
  // Built as text: JSON.stringify itself gives up long before 5,000 levels.
  const deepJson = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
  const send = async (query: string, variables: string) => {
    const response = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...withApiKey },
      body: `{"query":${JSON.stringify(query)},"variables":${variables}}`,
    });
    return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
  };

  it.each([
    ['pushDeviceAttributes', 'mutation($id: ID!, $v: JSON!) { pushDeviceAttributes(id: $id, values: $v) { at } }', (v: string) => `{"x":${v}}`],
    ['sendDeviceDataStream', 'mutation($id: ID!, $v: JSON!) { sendDeviceDataStream(id: $id, input: { identifier: "stream", pushMode: MQTT, type: JSON, message: $v }) { at } }', (v: string) => v],
  ])('refuses it in %s as BAD_USER_INPUT before any call, never as the vendor being unreachable', async (_name, mutation, wrap) => {
    const id = toGlobalId('Device', 'THINGSCLOUD', thingsCloudSeedIds.device(1));
    const { status, body } = await send(mutation, `{"id":${JSON.stringify(id)},"v":${wrap(deepJson(5000))}}`);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.extensions?.retryable).toBeUndefined();
    expect(body.errors?.[0]?.message).toMatch(/nested more than \d+ levels deep/);
    expect(status).toBe(400);
    expect(gw.thingscloud.requests.count()).toBe(0);
  });

  it('still takes nested values within the limit', async () => {
    const id = toGlobalId('Device', 'THINGSCLOUD', thingsCloudSeedIds.device(1));
    const { body } = await send('mutation($id: ID!, $v: JSON!) { pushDeviceAttributes(id: $id, values: $v) { at } }', `{"id":${JSON.stringify(id)},"v":{"x":${deepJson(30)}}}`);
    expect(body.errors).toBeUndefined();
  });
});

describe('ThingsCloud customer writes', () => {
  it('creates, updates, re-tags, re-passwords, verifies and deletes a customer', async () => {
    const created = await query(
      'mutation { createThingsCloudCustomer(input: { name: "测试用户", account: "tessera.test", password: "Init#123", email: "t@example.com", tags: { source: "test" } }) { id nativeId account name email tags role { name } } }',
    );
    expect(created.body.errors).toBeUndefined();
    const customer = created.body.data!.createThingsCloudCustomer as { id: string; nativeId: string };
    expect(customer).toMatchObject({ account: 'tessera.test', name: '测试用户', email: 't@example.com', tags: { source: 'test' }, role: null });

    const updated = await query('mutation($id: ID!) { updateThingsCloudCustomer(id: $id, input: { mobile: "13900000000", description: "VIP" }) { mobile description } }', { id: customer.id });
    expect(updated.body.data!.updateThingsCloudCustomer).toEqual({ mobile: '13900000000', description: 'VIP' });
    const tagged = await query('mutation($id: ID!) { setThingsCloudCustomerTags(id: $id, tags: { tier: "gold" }) { tags } }', { id: customer.id });
    expect(tagged.body.data!.setThingsCloudCustomerTags).toEqual({ tags: { source: 'test', tier: 'gold' } });

    const verify = (password: string) =>
      query('mutation($p: String!) { verifyThingsCloudCustomerLogin(account: "tessera.test", password: $p) { valid customer { nativeId } message vendorCode } }', { p: password });
    expect((await verify('Init#123')).body.data!.verifyThingsCloudCustomerLogin).toEqual({ valid: true, customer: { nativeId: customer.nativeId }, message: null, vendorCode: null });
    await query('mutation($id: ID!) { setThingsCloudCustomerPassword(id: $id, password: "Changed#456") { nativeId } }', { id: customer.id });
    const wrong = await verify('Init#123');
    expect(wrong.body.errors).toBeUndefined();
    expect(wrong.body.data!.verifyThingsCloudCustomerLogin).toMatchObject({ valid: false, customer: null, vendorCode: 401, message: expect.stringContaining('account or password is incorrect') });
    // A refused password is the answer, not a rejected token: no new service token was fetched.
    expect(gw.thingscloud.requests.count('POST /api/v1/access_token')).toBe(0);
    expect((await verify('Changed#456')).body.data!.verifyThingsCloudCustomerLogin).toMatchObject({ valid: true });

    const deleted = await query('mutation($id: ID!) { deleteThingsCloudCustomer(id: $id) { deletedId } }', { id: customer.id });
    expect(deleted.body.data!.deleteThingsCloudCustomer).toEqual({ deletedId: customer.id });
    const gone = await query('query($id: ID!) { thingsCloudCustomer(id: $id) { name } }', { id: customer.id });
    expect(gone.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('verifies a seeded customer', async () => {
    const { body } = await query('mutation($a: String!, $p: String!) { verifyThingsCloudCustomerLogin(account: $a, password: $p) { valid customer { name } } }', {
      a: thingsCloudDemoCustomer.account,
      p: thingsCloudDemoCustomer.password,
    });
    expect(body.data!.verifyThingsCloudCustomerLogin).toEqual({ valid: true, customer: { name: '张伟' } });
  });
});
