import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { zammadDemoCredentials } from '../../src/simulators/zammad/index.js';
import type { GraphQLResponse } from '../support/gateway.js';
import { deleteKeysUnder, keysUnder, TEST_REDIS_URL, testRedisPrefix } from '../support/redis.js';
import { startGatewayOn, startWriteSimulators, WRITES_API_KEY, type WriteSimulators, type WritesGateway } from '../support/writesGateway.js';

const CREATE = `mutation($input: CreateZammadTicketInput!, $key: String) {
  createZammadTicket(input: $input, idempotencyKey: $key) { id nativeId title }
}`;
const CREATE_BY_HEADER = 'mutation($input: CreateZammadTicketInput!) { createZammadTicket(input: $input) { nativeId title } }';
const TWO_USERS = `mutation { a: createZammadUser(input: { email: "a-${randomUUID()}@example.org" }) { nativeId } b: createZammadUser(input: { email: "b-${randomUUID()}@example.org" }) { nativeId } }`;

/** Gateway timeout 250 ms; a create under a key keeps waiting for Zammad up to 5 s. */
const TIMEOUT_MS = 250;
const withKey = { 'x-api-key': WRITES_API_KEY };
const asAgent = { 'x-zammad-authorization': `Token token=${zammadDemoCredentials.agentToken}` };
const ticketInput = (title: string) => ({ title, group: 'Users', customer: 'nicole.braun@zammad.org', article: { body: 'It is offline.' } });
const errorOf = (response: GraphQLResponse) => response.body.errors?.[0];
const created = (response: GraphQLResponse) => {
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.createZammadTicket as { nativeId: string; title: string };
};

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await sleep(20);
  }
}

describe('with Redis unreachable', () => {
  it('refuses a create with a key and a rate-limited mutation, retryably and without calling the vendor; other writes go on', async () => {
    const sims = await startWriteSimulators();
    const gw = await startGatewayOn(sims, { REDIS_URL: 'redis://127.0.0.1:9' });
    try {
      const started = performance.now();
      const keyed = await gw.gql(CREATE, { input: ticketInput(`No Redis ${randomUUID()}`), key: randomUUID() }, withKey);
      const refusedMs = performance.now() - started;
      expect(errorOf(keyed)?.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', retryable: true });
      expect(errorOf(keyed)?.message).toMatch(/cannot reach its idempotency store right now; nothing was sent/);
      const login = await gw.gql('mutation { verifyThingsCloudCustomerLogin(account: "a", password: "b") { valid } }');
      expect(errorOf(login)?.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', retryable: true });
      expect(sims.zammad.requests.count() + sims.thingscloud.requests.count('POST /api/v1/customer_auth')).toBe(0);
      expect(created(await gw.gql(CREATE, { input: ticketInput('Without a key') }, withKey)).title).toBe('Without a key');
      // Within the Redis client's command timeout (1 s) and one reconnection attempt.
      expect(refusedMs).toBeLessThan(3000);
    } finally {
      await gw.close();
      await sims.close();
    }
  });
});

describe.each([
  ['in Redis', true],
  ['in process (no REDIS_URL)', false],
])('idempotency keys, kept %s', (where, withRedis) => {
  let sims: WriteSimulators;
  let gw: WritesGateway;
  const prefix = testRedisPrefix('idem');
  const env = {
    TESSERA_UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS),
    TESSERA_IDEMPOTENT_WRITE_TIMEOUT_MS: '5000',
    ...(withRedis && { REDIS_URL: TEST_REDIS_URL, TESSERA_REDIS_KEY_PREFIX: prefix }),
  };
  const ticketsTitled = (title: string) => sims.zammadStore.tickets().filter((t) => t.title === title);
  const create = (title: string, key?: string, headers: Record<string, string> = withKey) => gw.gql(CREATE, { input: ticketInput(title), key }, headers);

  beforeAll(async () => {
    sims = await startWriteSimulators();
    gw = await startGatewayOn(sims, env);
    // The process's first GraphQL request is slower (code paths warming up): keep it out of the figures.
    await gw.gql('{ __typename }');
  });
  afterAll(async () => {
    await gw.close();
    await sims.close();
    if (withRedis) await deleteKeysUnder(prefix);
  });
  beforeEach(() => {
    sims.zammad.clearFaults();
    sims.zammad.requests.reset();
  });

  it('creates one record when a create times out and the client retries with the same key', async () => {
    const title = `Timed out ${randomUUID()}`;
    const key = randomUUID();
    // Zammad takes 1 s to create it; the gateway answers its caller after 250 ms.
    sims.zammad.setFaults({ latencyMs: 1000, pathPrefix: '/api/v1/tickets' });

    const started = performance.now();
    const first = await create(title, key);
    const firstMs = performance.now() - started;
    expect(first.body.data).toBeNull();
    expect(errorOf(first)?.extensions).toMatchObject({ code: 'UPSTREAM_OUTCOME_UNKNOWN', source: 'ZAMMAD', retryable: true });
    expect(errorOf(first)?.message).toMatch(/repeat the request with the same key/);

    // A retry while Zammad is still at it waits (up to the gateway timeout), then hears the key is in use.
    const early = await create(title, key);
    expect(errorOf(early)?.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_USE', retryable: true, retryAfterSeconds: 1 });

    // Once Zammad has created it, the retry returns that record, without creating another.
    await waitFor(() => ticketsTitled(title).length > 0);
    const retried = performance.now();
    const retry = await create(title, key);
    const retryMs = performance.now() - retried;
    expect(created(retry)).toEqual({ id: expect.any(String), nativeId: String(ticketsTitled(title)[0]!.id), title });
    expect(ticketsTitled(title)).toHaveLength(1);
    expect(sims.zammad.requests.count('POST /api/v1/tickets')).toBe(1);

    // Without a key the same timeout is not retryable: the client is told to check before sending it again.
    const plain = await create(`No key ${randomUUID()}`);
    expect(errorOf(plain)?.extensions).toMatchObject({ code: 'UPSTREAM_OUTCOME_UNKNOWN', retryable: false, upstream: { method: 'POST', path: '/api/v1/tickets' } });
    console.log(
      `idempotency (${where}): Zammad takes 1000 ms to create, the gateway answers after ${TIMEOUT_MS} ms: ` +
        `first answer UPSTREAM_OUTCOME_UNKNOWN (retryable) after ${Math.round(firstMs)} ms; the retry after Zammad finished returned its record ` +
        `in ${Math.round(retryMs)} ms; records created: ${ticketsTitled(title).length}; vendor POSTs: ${sims.zammad.requests.count('POST /api/v1/tickets')}`,
    );
  });

  it('lets a retry that arrives while the first request runs wait for its result', async () => {
    const title = `Double submit ${randomUUID()}`;
    const key = randomUUID();
    sims.zammad.setFaults({ latencyMs: 100, pathPrefix: '/api/v1/tickets' });
    const [a, b] = await Promise.all([create(title, key), create(title, key)]);
    expect(created(a)).toEqual(created(b));
    expect(ticketsTitled(title)).toHaveLength(1);
    expect(sims.zammad.requests.count('POST /api/v1/tickets')).toBe(1);
  });

  it('refuses a key reused with different input, without calling the vendor', async () => {
    const key = randomUUID();
    const title = `Original ${randomUUID()}`;
    created(await create(title, key));
    sims.zammad.requests.reset();
    const reused = await create(`${title} (edited)`, key);
    expect(errorOf(reused)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', source: 'ZAMMAD' });
    expect(errorOf(reused)?.message).toMatch(/already used for another request/);
    expect(sims.zammad.requests.count()).toBe(0);
  });

  it('frees the key of a create the vendor refused, so the corrected retry runs', async () => {
    const title = `Refused first ${randomUUID()}`;
    const key = randomUUID();
    sims.zammad.setFaults({ forceStatus: 422, pathPrefix: '/api/v1/tickets' });
    expect(errorOf(await create(title, key))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    sims.zammad.clearFaults();
    expect(created(await create(title, key)).title).toBe(title);
    expect(ticketsTitled(title)).toHaveLength(1);
  });

  it('keeps a key whose outcome is unknown (a proxy’s 504) unknown for good: never sent twice', async () => {
    const title = `Gateway timeout ${randomUUID()}`;
    const key = randomUUID();
    sims.zammad.setFaults({ forceStatus: 504, pathPrefix: '/api/v1/tickets' });
    const first = await create(title, key);
    expect(errorOf(first)?.extensions).toMatchObject({ code: 'UPSTREAM_OUTCOME_UNKNOWN', retryable: false, source: 'ZAMMAD' });
    sims.zammad.clearFaults();
    sims.zammad.requests.reset();
    const retry = await create(title, key);
    expect(errorOf(retry)?.extensions).toMatchObject({ code: 'UPSTREAM_OUTCOME_UNKNOWN', retryable: false });
    expect(errorOf(retry)?.message).toMatch(/use a new key/);
    expect(sims.zammad.requests.arrivedCount()).toBe(0);
    expect(created(await create(title, randomUUID())).title).toBe(title);
  });

  it('takes the key from the Idempotency-Key header for an operation with one create field', async () => {
    const title = `Header ${randomUUID()}`;
    const headers = { ...withKey, 'idempotency-key': randomUUID() };
    const first = await gw.gql(CREATE_BY_HEADER, { input: ticketInput(title) }, headers);
    const second = await gw.gql(CREATE_BY_HEADER, { input: ticketInput(title) }, headers);
    expect(second.body.data).toEqual(first.body.data);
    expect(ticketsTitled(title)).toHaveLength(1);

    const users = sims.zammadStore.users().length;
    const two = await gw.gql(TWO_USERS, undefined, { ...withKey, 'idempotency-key': randomUUID() });
    // Mutation fields run one after the other, and the first (non-null) failure ends the operation.
    expect(two.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(two.body.errors?.[0]?.message).toMatch(/one create field; this one has 2/);
    expect(sims.zammadStore.users()).toHaveLength(users);
  });

  it('scopes keys to the caller’s credentials', async () => {
    const title = `Two callers ${randomUUID()}`;
    const key = randomUUID();
    const asService = created(await create(title, key, withKey));
    const asAgentToo = created(await create(title, key, asAgent));
    expect(asAgentToo.nativeId).not.toBe(asService.nativeId);
    expect(ticketsTitled(title)).toHaveLength(2);
  });

  it(withRedis ? 'shares keys between two gateways on one Redis' : 'does not share keys between two gateways (each process keeps its own)', async () => {
    const other = await startGatewayOn(sims, env);
    try {
      const title = `Two replicas ${randomUUID()}`;
      const key = randomUUID();
      const here = created(await create(title, key));
      const there = created(await other.gql(CREATE, { input: ticketInput(title), key }, withKey));
      expect(there.nativeId === here.nativeId).toBe(withRedis);
      expect(ticketsTitled(title)).toHaveLength(withRedis ? 1 : 2);
    } finally {
      await other.close();
    }
  });

  if (withRedis) {
    it('stores digests and results in Redis, never a key, a token or an API key in clear', async () => {
      const key = `visible-${randomUUID()}`;
      created(await create(`Stored ${randomUUID()}`, key));
      const stored = JSON.stringify(await keysUnder(prefix));
      expect(stored).toContain(`${prefix}idem:`);
      for (const secret of [key, WRITES_API_KEY, zammadDemoCredentials.adminToken, zammadDemoCredentials.agentToken]) expect(stored).not.toContain(secret);
    });
  }
});
