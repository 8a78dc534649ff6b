import { afterEach, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createServer, type TesseraServer } from '../../src/server.js';
import { dreamreflexDemoAccounts, startVendorSimulator, type RunningSimulator } from '../../src/simulators/index.js';
import { TOKEN_CALLS_PER_WINDOW, TOKEN_LIFETIME_SECONDS, lexiangDemoCredentials } from '../../src/simulators/lexiang/index.js';
import { MAXCLOUD_TOKEN_LIFETIME_SECONDS, maxCloudDemoCredentials } from '../../src/simulators/maxcloud/index.js';
import { SharedTokenStore } from '../../src/vendors/shared/SharedTokenStore.js';
import { TokenCache } from '../../src/vendors/shared/TokenCache.js';
import type { GraphQLResponse } from '../support/gateway.js';
import { deleteKeysUnder, keysUnder, TEST_REDIS_URL, testRedisPrefix } from '../support/redis.js';

/** Two replicas (separate servers, clients and Redis connections) over one Redis and one pair of simulators. */
const LEXIANG_TOKEN = 'POST /cgi-bin/token';
const DREAMREFLEX_LOGIN = 'POST /api/auth/login';
const BOTH = '{ teams(first: 1) { totalCount } tickets(first: 1, filter: { sources: [DREAMREFLEX] }) { totalCount } }';
const TEAMS = '{ teams(first: 1) { totalCount } }';
const MAXCLOUD_LOGIN = 'POST /api/login';
const MAXCLOUD_SWITCH = 'POST /api/company/switch';
/** Needs the service account's token and the companies its switch answer named. */
const MAXCLOUD = '{ maxCloudTickets(first: 1) { nodes { company { nativeId name } } } maxCloudCompanies { nativeId } }';
const MAXCLOUD_ANSWER = {
  maxCloudTickets: { nodes: [{ company: { nativeId: String(maxCloudDemoCredentials.otherCompanyId), name: 'AnotherTeam' } }] },
  maxCloudCompanies: [{ nativeId: '1' }, { nativeId: '2' }],
};
const demoUser = dreamreflexDemoAccounts[0]!;
/** Upstream timeout 1 s: a lock whose holder crashed times out after 2 × 1 s + 1 s. */
const LOCK_MS = 3000;

interface Replicas {
  prefix: string;
  lexiang: RunningSimulator;
  dreamreflex: RunningSimulator;
  maxcloud: RunningSimulator;
  logs: string[];
  /** Sends `n` queries at once, alternating between the two replicas. */
  fire(n: number, query?: string): Promise<GraphQLResponse[]>;
  close(): Promise<void>;
}

let replicas: Replicas | undefined;
afterEach(async () => {
  await replicas?.close();
  replicas = undefined;
});

async function startReplicas(): Promise<Replicas> {
  const prefix = testRedisPrefix('tokens');
  const [lexiang, dreamreflex, maxcloud] = await Promise.all([startVendorSimulator('lexiang'), startVendorSimulator('dreamreflex'), startVendorSimulator('maxcloud')]);
  const config = loadConfig({
    LEXIANG_BASE_URL: lexiang.url,
    LEXIANG_APP_KEY: lexiangDemoCredentials.appKey,
    LEXIANG_APP_SECRET: lexiangDemoCredentials.appSecret,
    DREAMREFLEX_BASE_URL: dreamreflex.url,
    DREAMREFLEX_EMAIL: demoUser.email,
    DREAMREFLEX_PASSWORD: demoUser.password,
    MAXCLOUD_BASE_URL: maxcloud.url,
    MAXCLOUD_USERNAME: maxCloudDemoCredentials.email,
    MAXCLOUD_PASSWORD: maxCloudDemoCredentials.password,
    MAXCLOUD_COMPANY_ID: String(maxCloudDemoCredentials.otherCompanyId),
    TESSERA_API_KEYS: 'shared-tokens-api-key-0123456789',
    TESSERA_ALLOW_ANONYMOUS: 'true',
    // Long enough for 200 concurrent cold queries on a busy CI machine; the lock lives 2 × this + 1 s.
    TESSERA_UPSTREAM_TIMEOUT_MS: '2000',
    REDIS_URL: TEST_REDIS_URL,
    TESSERA_REDIS_KEY_PREFIX: prefix,
  });
  const logs: string[] = [];
  const servers: TesseraServer[] = [];
  const urls: string[] = [];
  for (let i = 0; i < 2; i += 1) {
    const server = await createServer(config, { logger: createLogger('debug', { write: (line: string) => void logs.push(line) }) });
    servers.push(server);
    urls.push(await server.listen(0, '127.0.0.1'));
  }
  const gql = async (url: string, query: string): Promise<GraphQLResponse> => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse['body'] };
  };
  return {
    prefix,
    lexiang,
    dreamreflex,
    maxcloud,
    logs,
    fire: (n, query = BOTH) => Promise.all(Array.from({ length: n }, (_, i) => gql(urls[i % 2]!, query))),
    async close() {
      await Promise.all(servers.map((s) => s.stop()));
      await Promise.all([lexiang.close(), dreamreflex.close(), maxcloud.close()]);
      await deleteKeysUnder(prefix);
    },
  };
}

function expectServed(responses: GraphQLResponse[]): void {
  for (const { body } of responses) {
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ teams: { totalCount: expect.any(Number) }, tickets: { totalCount: 25 } });
  }
}

/** Where the replicas keep the Lexiang token's lock (the same digest the gateway computes). */
function lexiangLockKey(r: Replicas): string {
  const store = new SharedTokenStore({ redis: undefined as unknown as Redis, keyPrefix: r.prefix, lockMs: LOCK_MS, logger: createLogger('silent') });
  return `${store.keyFor('lexiang', [r.lexiang.url, lexiangDemoCredentials.appKey, lexiangDemoCredentials.appSecret])}token-lock`;
}

describe('two replicas sharing Redis', () => {
  it('spend exactly one Lexiang token call and one Dreamreflex login on 200 concurrent cold queries', async () => {
    replicas = await startReplicas();
    expectServed(await replicas.fire(200));
    expect(replicas.lexiang.requests.count(LEXIANG_TOKEN)).toBe(1);
    expect(replicas.dreamreflex.requests.count(DREAMREFLEX_LOGIN)).toBe(1);

    // Stored encrypted, under a digest: neither a token nor a credential is readable in Redis or the logs.
    const stored = Object.entries(await keysUnder(replicas.prefix));
    expect(stored.filter(([key]) => key.endsWith(':token'))).toHaveLength(2);
    const everything = JSON.stringify(stored) + replicas.logs.join('\n');
    for (const secret of [lexiangDemoCredentials.appKey, lexiangDemoCredentials.appSecret, demoUser.email, demoUser.password]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toMatch(/Bearer|access_token/);
  });

  it('re-acquire exactly once across both when the vendors expire the tokens', async () => {
    replicas = await startReplicas();
    expectServed(await replicas.fire(2));
    replicas.lexiang.clock.advance(TOKEN_LIFETIME_SECONDS * 1000);
    replicas.dreamreflex.clock.advance(1801_000);
    replicas.lexiang.requests.reset();
    replicas.dreamreflex.requests.reset();

    expectServed(await replicas.fire(60));
    expect(replicas.lexiang.requests.count(LEXIANG_TOKEN)).toBe(1);
    expect(replicas.dreamreflex.requests.count(DREAMREFLEX_LOGIN)).toBe(1);

    replicas.lexiang.requests.reset();
    replicas.dreamreflex.requests.reset();
    expectServed(await replicas.fire(10));
    expect(replicas.lexiang.requests.count(LEXIANG_TOKEN) + replicas.dreamreflex.requests.count(DREAMREFLEX_LOGIN)).toBe(0);
  });

  it('log in to MaxCloud and switch company once across both; the other replica knows the companies too', async () => {
    replicas = await startReplicas();
    for (const { body } of await replicas.fire(60, MAXCLOUD)) expect(body).toEqual({ data: MAXCLOUD_ANSWER });
    expect(replicas.maxcloud.requests.count(MAXCLOUD_LOGIN)).toBe(1);
    expect(replicas.maxcloud.requests.count(MAXCLOUD_SWITCH)).toBe(1);

    // MaxCloud stops accepting the token: both replicas see 401s, and one of them logs in again.
    replicas.maxcloud.clock.advance(MAXCLOUD_TOKEN_LIFETIME_SECONDS * 1000 + 1000);
    replicas.maxcloud.requests.reset();
    for (const { body } of await replicas.fire(20, MAXCLOUD)) expect(body).toEqual({ data: MAXCLOUD_ANSWER });
    expect(replicas.maxcloud.requests.count(MAXCLOUD_LOGIN)).toBe(1);
    expect(replicas.maxcloud.requests.count(MAXCLOUD_SWITCH)).toBe(1);

    const stored = Object.entries(await keysUnder(replicas.prefix));
    expect(stored.filter(([key]) => key.includes(':vendor:maxcloud:') && key.endsWith(':token'))).toHaveLength(1);
    const everything = JSON.stringify(stored);
    for (const secret of [maxCloudDemoCredentials.email, maxCloudDemoCredentials.password, 'AnotherTeam']) expect(everything).not.toContain(secret);
  });

  it('acquire the token once a crashed holder’s lock has timed out', async () => {
    replicas = await startReplicas();
    const redis = new Redis(TEST_REDIS_URL);
    try {
      // A replica that took the lock and died: never released.
      expect(await redis.set(lexiangLockKey(replicas), 'crashed-replica', 'PX', LOCK_MS, 'NX')).toBe('OK');
      const started = performance.now();
      const responses = await replicas.fire(20, TEAMS);
      const ms = performance.now() - started;
      expect(responses.every(({ body }) => body.errors === undefined)).toBe(true);
      expect(replicas.lexiang.requests.count(LEXIANG_TOKEN)).toBe(1);
      expect(ms).toBeGreaterThan(LOCK_MS - 500);
      expect(ms).toBeLessThan(LOCK_MS + 2000);
    } finally {
      redis.disconnect();
    }
  });

  it('count Lexiang token calls together: past 20 in 10 minutes neither replica calls', async () => {
    replicas = await startReplicas();
    for (let i = 0; i < 20; i += 1) {
      // Each round the simulator (its own clock, so its own window resets) has expired the token: one new token call.
      replicas.lexiang.clock.advance(TOKEN_LIFETIME_SECONDS * 1000);
      const [served] = await replicas.fire(1 + (i % 2), TEAMS);
      expect(served!.body.errors).toBeUndefined();
    }
    expect(replicas.lexiang.requests.count(LEXIANG_TOKEN)).toBe(20);

    replicas.lexiang.clock.advance(TOKEN_LIFETIME_SECONDS * 1000);
    for (const { body } of await replicas.fire(4, TEAMS)) {
      expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'UPSTREAM_RATE_LIMITED', retryable: true, source: 'LEXIANG' } });
    }
    expect(replicas.lexiang.requests.count(LEXIANG_TOKEN)).toBe(20);
  });

  it('share Lexiang’s 429 cool-down: the other replica does not ask again', async () => {
    replicas = await startReplicas();
    for (let i = 0; i < TOKEN_CALLS_PER_WINDOW; i += 1) {
      await fetch(`${replicas.lexiang.url}/cgi-bin/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials', app_key: lexiangDemoCredentials.appKey, app_secret: lexiangDemoCredentials.appSecret }),
      });
    }
    replicas.lexiang.requests.reset();
    const [first] = await replicas.fire(1, TEAMS);
    expect(first!.body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_RATE_LIMITED');
    for (const { body } of await replicas.fire(10, TEAMS)) {
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', retryable: true });
    }
    expect(replicas.lexiang.requests.count(LEXIANG_TOKEN)).toBe(1);
  });
});

/**
 * `redis` whose first GET, SET and EVAL reject as ioredis's command timeout does, after Redis
 * has run them: what a replica sees when its event loop was busy past the timeout.
 */
function timingOutOnce(redis: Redis): Redis {
  const timedOut = new Set<string | symbol>();
  return new Proxy(redis, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (!['get', 'set', 'eval'].includes(name as string) || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const reply = (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (timedOut.has(name)) return reply;
        timedOut.add(name);
        await reply.catch(() => undefined);
        throw new Error('Command timed out');
      };
    },
  });
}

describe('a shared token slot', () => {
  it('takes a Redis command timed out on a busy event loop for slowness, not an outage: one acquisition', async () => {
    const prefix = testRedisPrefix('tokens-timeout');
    const warnings: string[] = [];
    const logger = createLogger('warn', { write: (line: string) => void warnings.push(line) });
    let issued = 0;
    const clients = [new Redis(TEST_REDIS_URL), new Redis(TEST_REDIS_URL)];
    try {
      const caches = clients.map(
        (redis) =>
          new TokenCache({
            shared: new SharedTokenStore({ redis: timingOutOnce(redis), keyPrefix: prefix, lockMs: LOCK_MS, logger }).slot('test', ['https://vendor.example', 'user', 'secret']),
            acquire: async () => {
              issued += 1;
              await new Promise((r) => setTimeout(r, 20));
              return { token: `token-${issued}`, expiresInSeconds: 1800 };
            },
          }),
      );
      const started = performance.now();
      expect(await Promise.all(caches.map((cache) => cache.get()))).toEqual(['token-1', 'token-1']);
      expect(issued).toBe(1);
      // The lock taken by the attempt that "timed out" is the holder's own when it asks again: no wait for its timeout.
      expect(performance.now() - started).toBeLessThan(LOCK_MS / 2);
      expect(warnings).toEqual([]);
    } finally {
      clients.forEach((c) => c.disconnect());
      await deleteKeysUnder(prefix);
    }
  });


  it('renews before expiry exactly once across replicas', async () => {
    const prefix = testRedisPrefix('tokens-renew');
    const logger = createLogger('silent');
    let now = 1_000_000_000;
    let issued = 0;
    const clients = [new Redis(TEST_REDIS_URL), new Redis(TEST_REDIS_URL)];
    try {
      const caches = clients.map((redis) => {
        const store = new SharedTokenStore({ redis, keyPrefix: prefix, lockMs: LOCK_MS, logger });
        return new TokenCache({
          now: () => now,
          shared: store.slot('test', ['https://vendor.example', 'user', 'secret'], () => now),
          acquire: async () => {
            issued += 1;
            await new Promise((r) => setTimeout(r, 20));
            return { token: `token-${issued}`, expiresInSeconds: 1800 };
          },
        });
      });
      const first = await Promise.all(Array.from({ length: 20 }, (_, i) => caches[i % 2]!.get()));
      expect(new Set(first)).toEqual(new Set(['token-1']));
      now += 1800_000 - 30_000; // past the renewal point, before the vendor's expiry
      const renewed = await Promise.all(Array.from({ length: 20 }, (_, i) => caches[i % 2]!.get()));
      // Those that asked while another replica renewed may still use the valid old token.
      expect(renewed).toContain('token-2');
      expect(issued).toBe(2);
      now += 2000; // the old token is reused at most a second, then read again
      expect(await caches[0]!.get()).toBe('token-2');
      expect(await caches[1]!.get()).toBe('token-2');
    } finally {
      clients.forEach((c) => c.disconnect());
      await deleteKeysUnder(prefix);
    }
  });
});
