import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { toGlobalId } from '../../src/globalId.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createServer, type TesseraServer } from '../../src/server.js';
import { startVendorSimulator, type RunningSimulator } from '../../src/simulators/index.js';
import { thingsCloudDemoCredentials, thingsCloudSeedIds } from '../../src/simulators/thingscloud/index.js';
import { startTestGateway, withApiKey, type GraphQLResponse, type TestGateway } from '../support/gateway.js';
import { deleteKeysUnder, keysUnder, TEST_REDIS_URL, testRedisPrefix } from '../support/redis.js';

const DEVICE_TYPES = '{ deviceTypes { nativeId name } }';
const GROUPS = '{ deviceGroups { name } }';
const OPS = { account: 'ops', password: 'Ops@2024-secret', name: '运维值班' };

interface StaleData {
  source: string;
  path: string;
  ageSeconds: number;
}
const staleDataOf = (response: GraphQLResponse) => (response.body as { extensions?: { tessera?: { staleData?: StaleData[] } } }).extensions?.tessera?.staleData;

async function loginThingsCloud(gw: TestGateway, account: string, password: string): Promise<string> {
  const { body } = await gw.gql('mutation($input: ThingsCloudAdminLoginInput!) { thingsCloudAdminLogin(input: $input) { accessToken } }', { input: { account, password } });
  expect(body.errors).toBeUndefined();
  return (body.data!.thingsCloudAdminLogin as { accessToken: string }).accessToken;
}

async function metricsOf(gw: TestGateway): Promise<string> {
  return (await fetch(gw.url.replace(/\/graphql$/, '/metrics'))).text();
}

describe('response cache in memory', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      thingscloud: { extraAdmins: [OPS] },
      env: {
        TESSERA_RESPONSE_CACHE: 'memory',
        TESSERA_CACHE_TTL_SECONDS: '60',
        // The group tree goes stale after a second.
        TESSERA_CACHE_TTLS: 'thingscloud:/api/v1/device_groups_tree=1',
        TESSERA_CACHE_STALE_IF_ERROR_SECONDS: '600',
        TESSERA_UPSTREAM_TIMEOUT_MS: '1000',
      },
    });
  });
  afterAll(() => gw.close());
  beforeEach(() => {
    gw.thingscloud.clearFaults();
    gw.thingscloud.requests.reset();
  });

  it('never keeps an answer whose envelope reports a failure under HTTP 200 (ThingsCloud result:false)', async () => {
    const missing = toGlobalId('Device', 'THINGSCLOUD', 'no-such-device-0001');
    for (let i = 0; i < 2; i++) {
      const { body } = await gw.gql('query($id: ID!) { device(id: $id) { name deviceCode } }', { id: missing }, withApiKey);
      expect(body.data!.device).toBeNull();
    }
    // Both reads reached the vendor: the refusal (HTTP 200, errcode 404) was not stored.
    expect(gw.thingscloud.requests.count('GET /api/v1/device/:device_id')).toBe(2);
  });

  it('answers the same query again without calling the vendor', async () => {
    const first = await gw.gql(DEVICE_TYPES, undefined, withApiKey);
    expect(first.body.errors).toBeUndefined();
    const calls = gw.thingscloud.requests.count('GET /api/v1/device_types');
    expect(calls).toBe(1);
    gw.thingscloud.requests.reset();

    const second = await gw.gql(DEVICE_TYPES, undefined, withApiKey);
    expect(second.body).toEqual(first.body);
    expect(gw.thingscloud.requests.count()).toBe(0);
    expect(staleDataOf(second)).toBeUndefined();
    expect(await metricsOf(gw)).toMatch(/tessera_response_cache_total\{vendor="thingscloud",outcome="hit"\} [1-9]/);
  });

  it('never answers one caller with what another caller’s credentials read', async () => {
    const admin = await loginThingsCloud(gw, thingsCloudDemoCredentials.adminAccount, thingsCloudDemoCredentials.adminPassword);
    const ops = await loginThingsCloud(gw, OPS.account, OPS.password);
    await gw.gql(DEVICE_TYPES, undefined, withApiKey);
    gw.thingscloud.requests.reset();

    // Each caller's first read goes to the vendor with their own token; their second is their own cached answer.
    for (const token of [admin, ops]) {
      await gw.gql(DEVICE_TYPES, undefined, { 'x-thingscloud-token': token });
      expect(gw.thingscloud.requests.count('GET /api/v1/device_types')).toBe(1);
      gw.thingscloud.requests.reset();
      await gw.gql(DEVICE_TYPES, undefined, { 'x-thingscloud-token': token });
      expect(gw.thingscloud.requests.count()).toBe(0);
    }
    const whoAmI = async (token: string) => (await gw.gql('{ me { thingscloud { account } } }', undefined, { 'x-thingscloud-token': token })).body.data!.me;
    for (let round = 0; round < 2; round += 1) {
      expect(await whoAmI(admin)).toEqual({ thingscloud: { account: 'admin' } });
      expect(await whoAmI(ops)).toEqual({ thingscloud: { account: 'ops' } });
    }
  });

  it('reads again from the vendor once the route’s TTL has passed', async () => {
    await gw.gql(GROUPS, undefined, withApiKey);
    await gw.gql(GROUPS, undefined, withApiKey);
    expect(gw.thingscloud.requests.count('GET /api/v1/device_groups_tree')).toBe(1);
    await sleep(1100);
    const after = await gw.gql(GROUPS, undefined, withApiKey);
    expect(after.body.errors).toBeUndefined();
    expect(gw.thingscloud.requests.count('GET /api/v1/device_groups_tree')).toBe(2);
  });

  it('serves the older answer when the vendor fails, and says how old it is', async () => {
    const fresh = await gw.gql(GROUPS, undefined, withApiKey);
    expect(fresh.body.errors).toBeUndefined();
    await sleep(1100);

    gw.thingscloud.setFaults({ forceStatus: 503 });
    const on5xx = await gw.gql(GROUPS, undefined, withApiKey);
    expect(on5xx.body.errors).toBeUndefined();
    expect(on5xx.body.data).toEqual(fresh.body.data);
    expect(staleDataOf(on5xx)).toEqual([{ source: 'THINGSCLOUD', path: '/api/v1/device_groups_tree', ageSeconds: expect.any(Number) }]);
    expect(staleDataOf(on5xx)![0]!.ageSeconds).toBeGreaterThanOrEqual(1);

    gw.thingscloud.setFaults({ forceStatus: null, resetConnection: true });
    const unreachable = await gw.gql(GROUPS, undefined, withApiKey);
    expect(unreachable.body.data).toEqual(fresh.body.data);
    expect(staleDataOf(unreachable)).toHaveLength(1);
    expect(await metricsOf(gw)).toMatch(/tessera_response_cache_total\{vendor="thingscloud",outcome="stale"\} [1-9]/);

    // Nothing cached for this read: the failure shows as before.
    const uncached = await gw.gql('{ thingsCloudProject { name } }', undefined, withApiKey);
    expect(uncached.body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(staleDataOf(uncached)).toBeUndefined();
  });

  it('reads again after the caller writes to the vendor', async () => {
    const id = toGlobalId('Device', 'THINGSCLOUD', thingsCloudSeedIds.device(7));
    const read = async () => (await gw.gql('query($id: ID!) { device(id: $id) { name } }', { id }, withApiKey)).body;
    const before = await read();
    expect(before.errors).toBeUndefined();
    gw.thingscloud.requests.reset();
    expect(await read()).toEqual(before);
    expect(gw.thingscloud.requests.count()).toBe(0);

    const renamed = await gw.gql('mutation($id: ID!) { updateDevice(id: $id, input: { name: "Cached 7" }) { name } }', { id }, withApiKey);
    expect(renamed.body.errors).toBeUndefined();
    expect((await read()).data).toEqual({ device: { name: 'Cached 7' } });
  });
});

describe('response cache off (the default)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('calls the vendor for every read', async () => {
    await gw.gql(DEVICE_TYPES, undefined, withApiKey);
    await gw.gql(DEVICE_TYPES, undefined, withApiKey);
    expect(gw.thingscloud.requests.count('GET /api/v1/device_types')).toBe(2);
    expect(await metricsOf(gw)).not.toContain('tessera_response_cache_total');
  });
});

describe('response cache in Redis', () => {
  let replicas: { prefix: string; thingscloud: RunningSimulator; servers: TesseraServer[]; urls: string[] } | undefined;
  afterEach(async () => {
    if (!replicas) return;
    await Promise.all(replicas.servers.map((s) => s.stop()));
    await replicas.thingscloud.close();
    await deleteKeysUnder(replicas.prefix);
    replicas = undefined;
  });

  /** Two replicas (separate servers and Redis clients) over one Redis and one ThingsCloud simulator. */
  async function startReplicas() {
    const prefix = testRedisPrefix('response-cache');
    const thingscloud = await startVendorSimulator('thingscloud');
    const config = loadConfig({
      THINGSCLOUD_BASE_URL: thingscloud.url,
      THINGSCLOUD_APP_ID: thingsCloudDemoCredentials.appId,
      THINGSCLOUD_ACCESS_KEY: thingsCloudDemoCredentials.accessKey,
      THINGSCLOUD_SECRET_KEY: thingsCloudDemoCredentials.secretKey,
      TESSERA_ALLOW_ANONYMOUS: 'true',
      REDIS_URL: TEST_REDIS_URL,
      TESSERA_REDIS_KEY_PREFIX: prefix,
      TESSERA_RESPONSE_CACHE: 'redis',
      TESSERA_CACHE_TTL_SECONDS: '60',
    });
    const servers: TesseraServer[] = [];
    const urls: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const server = await createServer(config, { logger: createLogger('silent') });
      servers.push(server);
      urls.push(await server.listen(0, '127.0.0.1'));
    }
    replicas = { prefix, thingscloud, servers, urls };
    return replicas;
  }

  const gql = async (url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as GraphQLResponse['body'];
  };

  it('shares answers between replicas, and a write on one clears them for both', async () => {
    const { urls, thingscloud, prefix } = await startReplicas();
    const [a, b] = urls as [string, string];
    const first = await gql(a, DEVICE_TYPES);
    expect(first.errors).toBeUndefined();
    thingscloud.requests.reset();
    expect(await gql(b, DEVICE_TYPES)).toEqual(first);
    expect(thingscloud.requests.count()).toBe(0);

    const id = toGlobalId('Device', 'THINGSCLOUD', thingsCloudSeedIds.device(3));
    const read = (url: string) => gql(url, 'query($id: ID!) { device(id: $id) { name } }', { id });
    await read(a);
    thingscloud.requests.reset();
    await read(b);
    expect(thingscloud.requests.count()).toBe(0);
    const renamed = await gql(b, 'mutation($id: ID!) { updateDevice(id: $id, input: { name: "Shared 3" }) { name } }', { id });
    expect(renamed.errors).toBeUndefined();
    expect((await read(a)).data).toEqual({ device: { name: 'Shared 3' } });

    // A caller's own token: never in a key or a value; the vendor's data is sealed.
    const login = await gql(a, 'mutation($input: ThingsCloudAdminLoginInput!) { thingsCloudAdminLogin(input: $input) { accessToken } }', {
      input: { account: thingsCloudDemoCredentials.adminAccount, password: thingsCloudDemoCredentials.adminPassword },
    });
    const token = (login.data!.thingsCloudAdminLogin as { accessToken: string }).accessToken;
    await gql(b, DEVICE_TYPES, undefined, { 'x-thingscloud-token': token });
    const stored = await keysUnder(prefix);
    expect(Object.keys(stored).filter((key) => key.startsWith(`${prefix}cache:thingscloud:`)).length).toBeGreaterThan(2);
    for (const [key, value] of Object.entries(stored)) {
      expect(key).not.toContain(token);
      expect(value).not.toContain(token);
      expect(value).not.toContain('温湿度传感器');
    }
  });
});
