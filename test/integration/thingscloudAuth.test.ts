import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createServer } from '../../src/server.js';
import { thingsCloudDemoCredentials, thingsCloudDemoCustomer } from '../../src/simulators/thingscloud/index.js';
import { startTestGateway, TEST_API_KEY, withApiKey, type TestGateway } from '../support/gateway.js';

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

const DAY = 86_400_000;
const TOKEN_ROUTE = 'POST /api/v1/access_token';
const PROJECT = '{ thingsCloudProject { name } }';

describe('ThingsCloud service credentials', () => {
  it('gets one token for twenty concurrent requests on a cold gateway', async () => {
    gw = await startTestGateway();
    const g = gw;
    const responses = await Promise.all(Array.from({ length: 20 }, () => g.gql(PROJECT, undefined, withApiKey)));
    expect(responses.every((r) => r.body.errors === undefined)).toBe(true);
    expect(g.thingscloud.requests.count(TOKEN_ROUTE)).toBe(1);
  });

  it('gets a new token exactly once when the one-day token has expired on the simulator clock', async () => {
    gw = await startTestGateway();
    await gw.gql(PROJECT, undefined, withApiKey);
    gw.thingscloud.clock.advance(DAY + 60_000);
    gw.thingscloud.requests.reset();
    const { body } = await gw.gql('{ thingsCloudProject { name } deviceTypes { name } }', undefined, withApiKey);
    expect(body.errors).toBeUndefined();
    expect(gw.thingscloud.requests.count(TOKEN_ROUTE)).toBe(1);
    expect(gw.thingscloud.requests.count('GET /api/v1/project')).toBe(2); // rejected once, then served
    gw.thingscloud.requests.reset();
    await gw.gql(PROJECT, undefined, withApiKey);
    expect(gw.thingscloud.requests.count(TOKEN_ROUTE)).toBe(0);
  });

  // The doc does not say how ThingsCloud refuses a token: as HTTP 401, or as HTTP 200 `{result:false, errcode:401}`, the very shape of a refused password.
  it.each([401, 200] as const)('verifies a correct customer password after the service token expired (token refused with HTTP %i): re-acquires the token once, never says "invalid"', async (badTokenStatus) => {
    gw = await startTestGateway({ thingscloud: { badTokenStatus } });
    const verify = (password: string) =>
      gw!.gql('mutation($a: String!, $p: String!) { verifyThingsCloudCustomerLogin(account: $a, password: $p) { valid message vendorCode } }', { a: thingsCloudDemoCustomer.account, p: password }, withApiKey);
    expect((await verify(thingsCloudDemoCustomer.password)).body.data!.verifyThingsCloudCustomerLogin).toMatchObject({ valid: true });
    gw.thingscloud.clock.advance(DAY + 60_000);
    gw.thingscloud.requests.reset();

    for (let i = 0; i < 2; i++) {
      const { body } = await verify(thingsCloudDemoCustomer.password);
      expect(body.errors).toBeUndefined();
      expect(body.data!.verifyThingsCloudCustomerLogin).toEqual({ valid: true, message: null, vendorCode: null });
    }
    expect(gw.thingscloud.requests.count(TOKEN_ROUTE)).toBe(1);
    expect(gw.thingscloud.requests.count('POST /api/v1/customer_auth')).toBe(3); // rejected once, then served twice

    // A wrong password is still the answer "not valid", with no token fetched for it.
    const wrong = await verify('not-the-password');
    expect(wrong.body.data!.verifyThingsCloudCustomerLogin).toMatchObject({ valid: false, vendorCode: 401 });
    expect(gw.thingscloud.requests.count(TOKEN_ROUTE)).toBe(1);
  });

  it('says UNAUTHENTICATED, naming the variables, when the app credentials are wrong', async () => {
    gw = await startTestGateway({ env: { THINGSCLOUD_SECRET_KEY: 'not-the-secret' } });
    const { body } = await gw.gql(PROJECT, undefined, withApiKey);
    expect(body.data!.thingsCloudProject).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', source: 'THINGSCLOUD' });
    expect(body.errors?.[0]?.message).toContain('THINGSCLOUD_APP_ID/THINGSCLOUD_ACCESS_KEY/THINGSCLOUD_SECRET_KEY');
    expect(JSON.stringify(body)).not.toContain('not-the-secret');
  });

  it('lends the service app only to callers with an API key', async () => {
    gw = await startTestGateway();
    const { body } = await gw.gql(PROJECT);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', source: 'THINGSCLOUD' });
    expect(body.errors?.[0]?.message).toContain('x-thingscloud-token');
    expect(gw.thingscloud.requests.count()).toBe(0);
  });
});

describe('ThingsCloud user tokens', () => {
  it('logs an administrator in; the 7-day token then acts as them and wins over the service app', async () => {
    gw = await startTestGateway({ thingscloudService: true });
    const login = await gw.gql('mutation($input: ThingsCloudAdminLoginInput!) { thingsCloudAdminLogin(input: $input) { accessToken expiresAt } }', {
      input: { account: thingsCloudDemoCredentials.adminAccount, password: thingsCloudDemoCredentials.adminPassword },
    });
    const session = login.body.data!.thingsCloudAdminLogin as { accessToken: string; expiresAt: string };
    expect(Date.parse(session.expiresAt) - Date.now()).toBeGreaterThan(7 * DAY - 60_000);
    expect(gw.logs.join('\n')).not.toContain(session.accessToken);

    gw.thingscloud.requests.reset();
    const asAdmin = await gw.gql('{ me { thingscloud { account name } } thingsCloudProject { name } }', undefined, { 'x-thingscloud-token': session.accessToken });
    expect(asAdmin.body.errors).toBeUndefined();
    expect(asAdmin.body.data!.me).toEqual({ thingscloud: { account: 'admin', name: '项目管理员' } });
    expect(gw.thingscloud.requests.count(TOKEN_ROUTE)).toBe(0);

    // The service app's token is not an administrator's: the vendor refuses, and only that field fails.
    const asService = await gw.gql('{ me { thingscloud { account } } }', undefined, withApiKey);
    expect(asService.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', source: 'THINGSCLOUD', vendorCode: 403 });
  });

  it('answers a password check made with an expired caller token with UNAUTHENTICATED, not "invalid" (token refused with HTTP 200)', async () => {
    gw = await startTestGateway({ thingscloud: { badTokenStatus: 200 } });
    const login = await gw.gql('mutation($input: ThingsCloudAdminLoginInput!) { thingsCloudAdminLogin(input: $input) { accessToken } }', {
      input: { account: thingsCloudDemoCredentials.adminAccount, password: thingsCloudDemoCredentials.adminPassword },
    });
    const token = (login.body.data!.thingsCloudAdminLogin as { accessToken: string }).accessToken;
    gw.thingscloud.clock.advance(7 * DAY + 60_000);
    const { body } = await gw.gql(
      'mutation($a: String!, $p: String!) { verifyThingsCloudCustomerLogin(account: $a, password: $p) { valid } }',
      { a: thingsCloudDemoCustomer.account, p: thingsCloudDemoCustomer.password },
      { 'x-thingscloud-token': token },
    );
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', source: 'THINGSCLOUD' });
    expect(gw.thingscloud.requests.count(TOKEN_ROUTE)).toBe(0);
  });

  it('refuses a wrong admin password with the vendor’s errcode', async () => {
    gw = await startTestGateway();
    const { body } = await gw.gql('mutation { thingsCloudAdminLogin(input: { account: "admin", password: "wrong" }) { accessToken } }');
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', source: 'THINGSCLOUD', vendorCode: 401 });
  });

  it('answers a rejected x-thingscloud-token with UNAUTHENTICATED naming ThingsCloud, without falling back to the service app', async () => {
    gw = await startTestGateway();
    const { body } = await gw.gql(PROJECT, undefined, { ...withApiKey, 'x-thingscloud-token': 'Bearer not-a-token' });
    expect(body.data!.thingsCloudProject).toBeNull();
    expect(body.errors?.[0]).toMatchObject({ message: expect.stringContaining('ThingsCloud rejected the credentials'), extensions: { code: 'UNAUTHENTICATED', source: 'THINGSCLOUD' } });
    expect(gw.thingscloud.requests.count(TOKEN_ROUTE)).toBe(0);
    expect(gw.thingscloud.requests.count('GET /api/v1/project')).toBe(1);
  });
});

describe('ThingsCloud failure shapes through the gateway', () => {
  it('HTTP 200 {result:false, errcode}: a typed error with the errcode, never data', async () => {
    gw = await startTestGateway();
    const { body } = await gw.gql('{ device(id: "RGV2aWNlOlRISU5HU0NMT1VEOm5vLXN1Y2gtZGV2aWNl") { name } }', undefined, withApiKey);
    expect(body.data!.device).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const create = await gw.gql('mutation { createDevice(input: { name: "x", typeId: "RGV2aWNlVHlwZTpUSElOR1NDTE9VRDpub3Bl" }) { id } }', undefined, withApiKey);
    expect(create.body.errors?.[0]).toMatchObject({
      message: 'ThingsCloud has no such record: device type not found',
      extensions: { code: 'NOT_FOUND', source: 'THINGSCLOUD', vendorCode: 404, upstream: { method: 'POST', path: '/api/v1/device', status: 200 } },
    });
  });

  /** A gateway whose ThingsCloud base URL is `baseUrl`, used with a caller token (no token endpoint involved). */
  async function gatewayAt(baseUrl: string) {
    const config = loadConfig({ THINGSCLOUD_BASE_URL: baseUrl, TESSERA_API_KEYS: TEST_API_KEY, LOG_LEVEL: 'silent' });
    const server = await createServer(config, { logger: createLogger('silent') });
    const url = await server.listen(0, '127.0.0.1');
    const post = async (query: string) =>
      (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-thingscloud-token': 'some-token' }, body: JSON.stringify({ query }) })).json()) as {
        data: Record<string, unknown>;
        errors: { message: string; extensions: Record<string, unknown> }[];
      };
    return { post, stop: () => server.stop() };
  }

  it('HTTP 404 {message} (no such API path, e.g. a wrong endpoint): NOT_FOUND with the vendor’s message', async () => {
    gw = await startTestGateway();
    const wrongEndpoint = await gatewayAt(`${gw.thingscloud.url}/not-the-api`);
    try {
      const body = await wrongEndpoint.post(PROJECT);
      expect(body.data).toEqual({ thingsCloudProject: null });
      expect(body.errors[0]).toMatchObject({ message: 'ThingsCloud has no such record: Request invalid', extensions: { code: 'NOT_FOUND', source: 'THINGSCLOUD', upstream: { status: 404 } } });
    } finally {
      await wrongEndpoint.stop();
    }
  });

  it('HTTP 404 {result:false, errcode:400, "Invalid JSON message"}: BAD_USER_INPUT with errcode 400, not NOT_FOUND', async () => {
    const vendor: Server = createHttpServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ result: false, message: 'Invalid JSON message', errcode: 400 }));
    });
    vendor.listen(0, '127.0.0.1');
    await new Promise((resolve) => vendor.once('listening', resolve));
    const g = await gatewayAt(`http://127.0.0.1:${(vendor.address() as AddressInfo).port}`);
    try {
      const body = await g.post('mutation { createDevice(input: { name: "x" }) { id } }');
      expect(body.data).toBeNull();
      expect(body.errors[0]).toMatchObject({
        message: 'ThingsCloud rejected the request: Invalid JSON message',
        extensions: { code: 'BAD_USER_INPUT', source: 'THINGSCLOUD', vendorCode: 400, upstream: { status: 404 } },
      });
    } finally {
      await g.stop();
      vendor.closeAllConnections();
      await new Promise((resolve) => vendor.close(resolve));
    }
  });

  it('maps throttling (HTTP 200, errcode 429) to UPSTREAM_RATE_LIMITED', async () => {
    gw = await startTestGateway({ thingscloud: { rateLimit: { requestsPerSecond: 2 } } });
    // The simulated second never ends, however slowly the machine runs: the token and one read pass, the rest are throttled.
    gw.thingscloud.clock.freeze();
    const { body } = await gw.gql('{ a: thingsCloudProject { name } b: deviceTypes { name } c: deviceGroups { name } d: thingsCloudCustomers { name } }', undefined, withApiKey);
    const throttled = body.errors?.filter((e) => e.extensions?.code === 'UPSTREAM_RATE_LIMITED' && e.extensions?.vendorCode === 429 && e.extensions?.retryable === true);
    expect(throttled).toHaveLength(3);
    expect(Object.values(body.data!).filter((value) => value !== null)).toHaveLength(1);
  });
});
