import { afterEach, describe, expect, it } from '@jest/globals';
import { TOKEN_CALLS_PER_WINDOW, TOKEN_LIFETIME_SECONDS, lexiangDemoCredentials } from '../../src/simulators/lexiang/index.js';
import { startTestGateway, withApiKey, type GraphQLResponse, type TestGateway } from '../support/gateway.js';

/** Lexiang's token endpoint allows 20 calls per 10 minutes: these tests count every one of them. */
const TOKEN_ROUTE = 'POST /cgi-bin/token';
const LIST_ROUTE = 'GET /cgi-bin/v1/teams';
const TEAM_COUNT = '{ teams(first: 1) { totalCount } }';

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

const fire = (g: TestGateway, n: number, query = TEAM_COUNT): Promise<GraphQLResponse[]> => Promise.all(Array.from({ length: n }, () => g.gql(query, undefined, withApiKey)));

describe('the Lexiang token budget', () => {
  it('spends exactly one token call on 200 concurrent team queries at a cold gateway', async () => {
    gw = await startTestGateway();
    const responses = await fire(gw, 200);
    for (const { body } of responses) {
      expect(body.errors).toBeUndefined();
      expect((body.data!.teams as { totalCount: number }).totalCount).toBeGreaterThan(0);
    }
    expect(gw.lexiang.requests.count(TOKEN_ROUTE)).toBe(1);
    expect(gw.lexiang.requests.count(LIST_ROUTE)).toBe(200);
  });

  it('re-acquires once when the token expires on Lexiang’s clock, however many requests notice', async () => {
    gw = await startTestGateway();
    await fire(gw, 1);
    expect(gw.lexiang.requests.count(TOKEN_ROUTE)).toBe(1);

    gw.lexiang.clock.advance(TOKEN_LIFETIME_SECONDS * 1000);
    gw.lexiang.requests.reset();
    const responses = await fire(gw, 30);
    expect(responses.every(({ body }) => body.errors === undefined)).toBe(true);
    expect(gw.lexiang.requests.count(TOKEN_ROUTE)).toBe(1);

    gw.lexiang.requests.reset();
    await fire(gw, 5);
    expect(gw.lexiang.requests.count(TOKEN_ROUTE)).toBe(0);
    expect(gw.lexiang.requests.count(LIST_ROUTE)).toBe(5);
  });

  it('surfaces a token-endpoint 429 as retryable UPSTREAM_RATE_LIMITED without a storm of token calls', async () => {
    gw = await startTestGateway();
    // Someone else (another gateway replica, a script) has used this window's budget.
    for (let i = 0; i < TOKEN_CALLS_PER_WINDOW; i += 1) {
      const res = await fetch(`${gw.lexiang.url}/cgi-bin/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials', app_key: lexiangDemoCredentials.appKey, app_secret: lexiangDemoCredentials.appSecret }),
      });
      expect(res.status).toBe(200);
    }
    gw.lexiang.requests.reset();

    const burst = await fire(gw, 50, '{ teams(first: 1) { totalCount } tickets(first: 1, filter: { sources: [DREAMREFLEX] }) { totalCount } }');
    for (const { body } of burst) {
      expect(body.data).toEqual({ teams: null, tickets: { totalCount: 25 } });
      expect(body.errors).toHaveLength(1);
      expect(body.errors?.[0]).toMatchObject({ path: ['teams'], extensions: { code: 'UPSTREAM_RATE_LIMITED', retryable: true, source: 'LEXIANG' } });
      expect(body.errors?.[0]?.message).toMatch(/rate limiting/);
    }
    for (let i = 0; i < 5; i += 1) {
      const { body } = await gw.gql(TEAM_COUNT, undefined, withApiKey);
      expect(body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_RATE_LIMITED');
    }
    // One refusal, then the gateway waits out Lexiang's Retry-After instead of asking again.
    expect(gw.lexiang.requests.count(TOKEN_ROUTE)).toBe(1);
    expect(gw.lexiang.requests.count(LIST_ROUTE)).toBe(0);
  });

  it('refuses a write without a staff member before any upstream call, the token included', async () => {
    gw = await startTestGateway();
    const { body } = await gw.gql('mutation { createLexiangTeam(input: { name: "Nobody’s team" }) { id } }', undefined, withApiKey);
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', source: 'LEXIANG' });
    expect(body.errors?.[0]?.message).toContain('x-lexiang-staff-id');
    expect(gw.lexiang.requests.count()).toBe(0);
  });
});
