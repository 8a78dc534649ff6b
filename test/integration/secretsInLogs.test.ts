import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { lexiangDemoCredentials } from '../../src/simulators/lexiang/index.js';
import { maxCloudDemoCredentials } from '../../src/simulators/maxcloud/index.js';
import { thingsCloudDemoCredentials, thingsCloudDemoCustomer, thingsCloudSeedIds } from '../../src/simulators/thingscloud/index.js';
import { zammadDemoCredentials } from '../../src/simulators/zammad/index.js';
import { toGlobalId } from '../../src/globalId.js';
import { demoUser, startTestGateway, TEST_API_KEY, withApiKey, type TestGateway } from '../support/gateway.js';

/**
 * No credential of any vendor reaches a log line: the gateway logs at debug level through a run
 * that uses every vendor's service credentials and callers' own tokens, logs in, checks
 * passwords, re-acquires an expired token and meets refusals. Checked are every secret the test
 * knows, every token it was handed, and the shapes of the tokens the gateway fetched for itself.
 */
let gw: TestGateway;
let wrongSecrets: TestGateway;
const secrets = new Map<string, string>();
const keep = (name: string, value: string) => {
  expect(value.length).toBeGreaterThan(7);
  secrets.set(name, value);
  return value;
};

beforeAll(async () => {
  gw = await startTestGateway();
  wrongSecrets = await startTestGateway({ env: { THINGSCLOUD_SECRET_KEY: 'wrong-thingscloud-secret-key', LEXIANG_APP_SECRET: 'wrong-lexiang-app-secret' } });
  keep('Lexiang app secret', lexiangDemoCredentials.appSecret);
  keep('ThingsCloud secret key', thingsCloudDemoCredentials.secretKey);
  keep('ThingsCloud admin password', thingsCloudDemoCredentials.adminPassword);
  keep('ThingsCloud customer password', thingsCloudDemoCustomer.password);
  keep('Zammad token', zammadDemoCredentials.adminToken);
  keep('Zammad OAuth token', zammadDemoCredentials.oauthToken);
  keep('MaxCloud password', maxCloudDemoCredentials.password);
  keep('Dreamreflex password', demoUser.password);
  keep('wrong ThingsCloud secret', 'wrong-thingscloud-secret-key');
  keep('wrong Lexiang secret', 'wrong-lexiang-app-secret');
  keep('API key', TEST_API_KEY);
});
afterAll(async () => {
  await gw?.close();
  await wrongSecrets?.close();
});

async function ok(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = withApiKey): Promise<Record<string, unknown>> {
  const { body } = await gw.gql(query, variables, headers);
  expect(body.errors).toBeUndefined();
  return body.data!;
}

describe('secrets in the logs', () => {
  it('never logs a credential of any vendor, at debug level, across a run using every vendor', async () => {
    // Service credentials of all five vendors.
    await ok(`{
      contracts(first: 1) { totalCount } teams(first: 1) { totalCount } thingsCloudProject { name }
      zammadTickets(first: 1) { totalCount } maxCloudTickets(first: 1) { totalCount }
    }`);

    // Dreamreflex: a login (the token it returns), used as the caller's own; a wrong password.
    const dr = await ok('mutation($input: DreamreflexLoginInput!) { dreamreflexLogin(input: $input) { accessToken } }', { input: { email: demoUser.email, password: demoUser.password } }, {});
    const drToken = keep('Dreamreflex token', (dr.dreamreflexLogin as { accessToken: string }).accessToken);
    await ok('{ me { dreamreflex { email } } }', undefined, { 'x-dreamreflex-token': drToken });
    await gw.gql('mutation { dreamreflexLogin(input: { email: "demo@tessera.local", password: "not-the-password-1" }) { accessToken } }');

    // ThingsCloud: an administrator's token, a device's own AccessToken, a password check, a new customer's password,
    // an expired service token re-acquired, and an app token a caller fetched themselves.
    const tc = await ok('mutation($input: ThingsCloudAdminLoginInput!) { thingsCloudAdminLogin(input: $input) { accessToken } }', {
      input: { account: thingsCloudDemoCredentials.adminAccount, password: thingsCloudDemoCredentials.adminPassword },
    }, {});
    const adminToken = keep('ThingsCloud admin token', (tc.thingsCloudAdminLogin as { accessToken: string }).accessToken);
    const device = await ok('query($id: ID!) { device(id: $id) { certificate { accessToken } } }', { id: toGlobalId('Device', 'THINGSCLOUD', thingsCloudSeedIds.device(0)) }, { 'x-thingscloud-token': adminToken });
    keep('ThingsCloud device AccessToken', (device.device as { certificate: { accessToken: string } }).certificate.accessToken);
    await ok('mutation($a: String!, $p: String!) { verifyThingsCloudCustomerLogin(account: $a, password: $p) { valid } }', { a: thingsCloudDemoCustomer.account, p: thingsCloudDemoCustomer.password });
    const customerPassword = keep('new ThingsCloud customer password', 'Fresh#Password-77');
    await ok('mutation($p: String!) { createThingsCloudCustomer(input: { name: "Log Test", account: "log.test", password: $p }) { id } }', { p: customerPassword });
    gw.thingscloud.clock.advance(86_400_000 + 60_000);
    await ok('{ deviceTypes { name } }');
    const appToken = await fetch(`${gw.thingscloud.url}/api/v1/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ app_id: thingsCloudDemoCredentials.appId, access_key: thingsCloudDemoCredentials.accessKey, secret_key: thingsCloudDemoCredentials.secretKey }),
    });
    keep('ThingsCloud app token of a caller', ((await appToken.json()) as { info: { access_token: string } }).info.access_token);
    await ok('{ thingsCloudProject { name } }', undefined, { 'x-thingscloud-token': secrets.get('ThingsCloud app token of a caller')! });
    await gw.gql('{ thingsCloudProject { name } }', undefined, { 'x-thingscloud-token': 'rejected-caller-token-123' });
    keep('rejected ThingsCloud token', 'rejected-caller-token-123');

    // Lexiang: a write as a staff member (the app token rides along).
    await ok('mutation { createLexiangTeam(input: { name: "日志测试" }) { id } }', undefined, { ...withApiKey, 'x-lexiang-staff-id': 'TwoWang' });

    // Zammad: the caller's own credentials, as Token and as Bearer.
    await ok('{ zammadTickets(first: 1) { totalCount } }', undefined, { 'x-zammad-authorization': `Token token=${zammadDemoCredentials.adminToken}` });
    await ok('{ zammadTickets(first: 1) { totalCount } }', undefined, { 'x-zammad-authorization': `Bearer ${zammadDemoCredentials.oauthToken}` });

    // MaxCloud: a login (its token), used as the caller's own; a wrong password.
    const mc = await ok('mutation($e: String!, $p: String!) { maxCloudLogin(email: $e, password: $p) { token } }', { e: maxCloudDemoCredentials.email, p: maxCloudDemoCredentials.password }, {});
    const mcToken = keep('MaxCloud token', (mc.maxCloudLogin as { token: string }).token);
    await ok('{ maxCloudTickets(first: 1) { totalCount } }', undefined, { 'x-maxcloud-token': mcToken });
    await gw.gql('mutation { maxCloudLogin(email: "ops.admin@spotmax.example", password: "not-the-password") { token } }');

    // Service credentials refused (the wrong secrets are in the configuration of the second gateway).
    const refused = await wrongSecrets.gql('{ thingsCloudProject { name } teams(first: 1) { totalCount } }', undefined, withApiKey);
    expect(refused.body.errors?.map((e) => e.extensions?.code).sort()).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);

    const logs = [...gw.logs, ...wrongSecrets.logs].join('\n');
    // The run was logged at debug level, every vendor's calls included.
    for (const vendor of ['DREAMREFLEX', 'LEXIANG', 'THINGSCLOUD', 'ZAMMAD', 'MAXCLOUD']) expect(logs).toContain(`"vendor":"${vendor}"`);
    expect(logs).toContain('"level":20');

    const leaked = [...secrets].filter(([, value]) => logs.includes(value)).map(([name]) => name);
    expect(leaked).toEqual([]);
    // Tokens the gateway fetched for itself, by their shape: every simulator's tokens are opaque strings of 48 characters
    // or more (ThingsCloud 48 and MaxCloud 64 hex digits, Lexiang 54 base64url, Dreamreflex JWTs), longer than any ID
    // logged. And no credential header passed to a log call.
    expect(logs).not.toMatch(/[A-Za-z0-9_-]{40,}/);
    expect(logs).not.toMatch(/Bearer\s|Token token=|"authorization":"(?!\[redacted\])/i);
  });
});
