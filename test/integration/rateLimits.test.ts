import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { thingsCloudDemoCustomer } from '../../src/simulators/thingscloud/index.js';
import type { GraphQLResponse } from '../support/gateway.js';
import { deleteKeysUnder, TEST_REDIS_URL, testRedisPrefix } from '../support/redis.js';
import { startGatewayOn, startWriteSimulators, type WriteSimulators, type WritesGateway } from '../support/writesGateway.js';

const VERIFY = 'mutation($a: String!, $p: String!) { verifyThingsCloudCustomerLogin(account: $a, password: $p) { valid } }';
const SEND_CODE = 'mutation($e: String!) { sendDreamreflexVerificationCode(email: $e) { email } }';

/** Every test calls as its own API key, so per-caller counts never mix between tests. */
const callers = ['rate-caller-a-0123456789', 'rate-caller-b-0123456789', 'rate-caller-c-0123456789', 'rate-caller-d-0123456789'];
const LIMITS = {
  TESSERA_LOGIN_LIMIT_PER_ACCOUNT: '5',
  TESSERA_LOGIN_LIMIT_PER_CALLER: '8',
  TESSERA_LOGIN_LIMIT_WINDOW_SECONDS: '1',
  TESSERA_EMAIL_LIMIT_PER_ADDRESS: '2',
  TESSERA_EMAIL_LIMIT_PER_CALLER: '3',
  TESSERA_EMAIL_LIMIT_WINDOW_SECONDS: '1',
  TESSERA_API_KEYS: callers.join(','),
};
const codeOf = (response: GraphQLResponse) => response.body.errors?.[0]?.extensions?.code ?? 'ok';
const tally = (responses: GraphQLResponse[]) =>
  responses.reduce<Record<string, number>>((counts, response) => ({ ...counts, [String(codeOf(response))]: (counts[String(codeOf(response))] ?? 0) + 1 }), {});

describe.each([
  ['in Redis', true],
  ['in process (no REDIS_URL)', false],
])('rate limits, counted %s', (where, withRedis) => {
  let sims: WriteSimulators;
  let gw: WritesGateway;
  const prefix = testRedisPrefix('rate');
  const env = { ...LIMITS, ...(withRedis && { REDIS_URL: TEST_REDIS_URL, TESSERA_REDIS_KEY_PREFIX: prefix }) };
  const verify = (account: string, password: string, apiKey?: string, on: WritesGateway = gw) =>
    on.gql(VERIFY, { a: account, p: password }, apiKey ? { 'x-api-key': apiKey } : {});
  const vendorChecks = () => sims.thingscloud.requests.count('POST /api/v1/customer_auth');

  beforeAll(async () => {
    sims = await startWriteSimulators();
    gw = await startGatewayOn(sims, env);
    // Warm up (the service token, the code paths) so the figures measure the limits; anonymous, so no test's caller is charged.
    await verify(`warm-up-${randomUUID()}`, 'Password1');
  });
  afterAll(async () => {
    await gw.close();
    await sims.close();
    if (withRedis) await deleteKeysUnder(prefix);
  });
  beforeEach(() => {
    sims.thingscloud.requests.reset();
    sims.dreamreflex.requests.reset();
  });

  it('refuses guesses at one account past the limit, before calling the vendor, until the window ends', async () => {
    const account = `guess-${randomUUID()}`;
    const started = performance.now();
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => verify(account, `guess-${i}`, callers[0])));
    const burstMs = performance.now() - started;
    expect(tally(burst)).toEqual({ ok: 5, RATE_LIMITED: 15 });
    expect(vendorChecks()).toBe(5);
    const refused = burst.find((response) => codeOf(response) === 'RATE_LIMITED')!;
    expect(refused.body.data).toBeNull();
    expect(refused.body.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryable: true, retryAfterSeconds: 1 });
    expect(refused.body.errors?.[0]?.message).toMatch(/for this account \(at most 5 per 1 s\)/);

    // Another caller is refused at that account too: the limit is the account's, not the guesser's.
    expect(codeOf(await verify(account, 'from-elsewhere', callers[1]))).toBe('RATE_LIMITED');
    await sleep(1100);
    sims.thingscloud.requests.reset();
    expect(codeOf(await verify(account, 'after-the-window', callers[1]))).toBe('ok');
    expect(vendorChecks()).toBe(1);
    console.log(
      `rate limits (${where}): 20 concurrent guesses at one account (limit 5 per 1 s) in ${Math.round(burstMs)} ms: ` +
        `5 reached ThingsCloud, 15 refused with RATE_LIMITED (retryAfterSeconds 1); allowed again after the window`,
    );
  });

  it('counts one caller’s attempts across accounts, and tells callers apart by API key, else by IP address', async () => {
    // Eight accounts, one attempt each: the caller's eight are used up, the ninth account is refused.
    const attempts = await Promise.all(Array.from({ length: 9 }, () => verify(`spray-${randomUUID()}`, 'Password1', callers[2])));
    expect(tally(attempts)).toEqual({ ok: 8, RATE_LIMITED: 1 });
    expect(attempts.find((response) => codeOf(response) === 'RATE_LIMITED')!.body.errors?.[0]?.message).toMatch(/from this caller/);
    // The real customer's right password from the same caller is refused as well: counted before the vendor is asked.
    expect(codeOf(await verify(thingsCloudDemoCustomer.account, thingsCloudDemoCustomer.password, callers[2]))).toBe('RATE_LIMITED');
    // Another API key, and an anonymous caller (by IP), have their own counts.
    expect((await verify(thingsCloudDemoCustomer.account, thingsCloudDemoCustomer.password, callers[3])).body.data).toEqual({ verifyThingsCloudCustomerLogin: { valid: true } });
    expect(codeOf(await verify(`anonymous-${randomUUID()}`, 'Password1'))).toBe('ok');
  });

  it('limits verification e-mails per address and per caller', async () => {
    const address = `mailbomb-${randomUUID()}@example.org`;
    const sent = await Promise.all(Array.from({ length: 4 }, () => gw.gql(SEND_CODE, { e: address })));
    expect(tally(sent)).toEqual({ ok: 2, RATE_LIMITED: 2 });
    expect(sims.simulatorLogs.filter((line) => line.includes(address))).toHaveLength(2);
    expect(sent.find((response) => codeOf(response) === 'RATE_LIMITED')!.body.errors?.[0]?.message).toMatch(/e-mails to this address/);
  });

  if (withRedis) {
    it('shares the counts between two gateways on one Redis', async () => {
      const other = await startGatewayOn(sims, env);
      try {
        const account = `two-replicas-${randomUUID()}`;
        const both = await Promise.all(Array.from({ length: 8 }, (_, i) => verify(account, `guess-${i}`, callers[1], i % 2 === 0 ? gw : other)));
        expect(tally(both)).toEqual({ ok: 5, RATE_LIMITED: 3 });
        expect(vendorChecks()).toBe(5);
      } finally {
        await other.close();
      }
    });
  }
});
