import { afterEach, describe, expect, it } from '@jest/globals';
import { dreamreflexDemoAccounts } from '../../src/simulators/index.js';
import { demoUser, startTestGateway, TEST_API_KEY, withApiKey, type TestGateway } from '../support/gateway.js';

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

const LOGIN_ROUTE = 'POST /api/auth/login';
const TICKETS = '{ tickets(first: 5, filter: { sources: [DREAMREFLEX] }) { totalCount missingSources nodes { nativeId creator { email } } } }';
/** Dreamreflex's part of the ticket list when Dreamreflex refuses: absent, said so, the request still answered. */
const WITHOUT_DREAMREFLEX = { totalCount: null, missingSources: ['DREAMREFLEX'], nodes: [] };
const account = (email: string) => dreamreflexDemoAccounts.find((a) => a.email === email)!;

async function userToken(g: TestGateway, email: string): Promise<string> {
  const { body } = await g.gql('mutation($input: DreamreflexLoginInput!) { dreamreflexLogin(input: $input) { accessToken } }', {
    input: { email, password: account(email).password },
  });
  return (body.data!.dreamreflexLogin as { accessToken: string }).accessToken;
}

describe('service credentials', () => {
  it('logs in once for fifty concurrent requests on a cold gateway', async () => {
    gw = await startTestGateway();
    const g = gw;
    const responses = await Promise.all(Array.from({ length: 50 }, () => g.gql(TICKETS, undefined, withApiKey)));
    expect(responses.every((r) => r.body.errors === undefined && (r.body.data!.tickets as { totalCount: number }).totalCount === 25)).toBe(true);
    expect(g.dreamreflex.requests.count(LOGIN_ROUTE)).toBe(1);
  });

  it('logs in again exactly once when the vendor has expired the token', async () => {
    gw = await startTestGateway();
    await gw.gql(TICKETS, undefined, withApiKey);
    expect(gw.dreamreflex.requests.count(LOGIN_ROUTE)).toBe(1);

    gw.dreamreflex.clock.advance(1801_000); // the simulator now rejects the cached token
    gw.dreamreflex.requests.reset();
    const { body } = await gw.gql(TICKETS, undefined, withApiKey);
    expect(body.errors).toBeUndefined();
    expect(gw.dreamreflex.requests.count(LOGIN_ROUTE)).toBe(1);
    expect(gw.dreamreflex.requests.count('GET /api/tickets')).toBe(2); // rejected once, then served

    gw.dreamreflex.requests.reset();
    await gw.gql(TICKETS, undefined, withApiKey);
    expect(gw.dreamreflex.requests.count(LOGIN_ROUTE)).toBe(0);
  });

  it('says UNAUTHENTICATED, naming the variables, when the service account is rejected', async () => {
    gw = await startTestGateway({ env: { DREAMREFLEX_PASSWORD: 'not-the-right-password' } });
    const { body } = await gw.gql(TICKETS, undefined, withApiKey);
    expect(body.data!.tickets).toEqual(WITHOUT_DREAMREFLEX);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', source: 'DREAMREFLEX' });
    expect(body.errors?.[0]?.message).toContain('DREAMREFLEX_EMAIL/DREAMREFLEX_PASSWORD');
    expect(JSON.stringify(body)).not.toContain('not-the-right-password');
  });

  it('lends the service account only to callers with an API key', async () => {
    gw = await startTestGateway();
    const anonymous = await gw.gql(TICKETS);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.data!.tickets).toEqual(WITHOUT_DREAMREFLEX);
    expect(anonymous.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', source: 'DREAMREFLEX' });
    expect(anonymous.body.errors?.[0]?.message).toMatch(/x-dreamreflex-token/);
    expect(gw.dreamreflex.requests.count()).toBe(0);

    const badKey = await gw.gql(TICKETS, undefined, { authorization: 'Bearer not-a-valid-key-at-all' });
    expect(badKey.status).toBe(401);
    expect(badKey.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const bearerKey = await gw.gql(TICKETS, undefined, { authorization: `Bearer ${TEST_API_KEY}` });
    expect((bearerKey.body.data!.tickets as { totalCount: number }).totalCount).toBe(25);
  });

  it('lends it to everyone when TESSERA_ALLOW_ANONYMOUS is set', async () => {
    gw = await startTestGateway({ anonymous: true });
    const { body } = await gw.gql(TICKETS);
    expect((body.data!.tickets as { totalCount: number }).totalCount).toBe(25);
  });
});

describe('per-request tokens', () => {
  it('uses the caller’s token over the service account', async () => {
    gw = await startTestGateway();
    const token = await userToken(gw, 'john.smith@example.com');
    const { body } = await gw.gql('{ me { dreamreflex { email } } }', undefined, { ...withApiKey, 'x-dreamreflex-token': token });
    expect(body.data!.me).toEqual({ dreamreflex: { email: 'john.smith@example.com' } });
  });

  it('answers UNAUTHENTICATED naming Dreamreflex for a bad or expired token, without logging in instead', async () => {
    gw = await startTestGateway();
    const bad = await gw.gql(TICKETS, undefined, { ...withApiKey, 'x-dreamreflex-token': 'not.a.jwt' });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', source: 'DREAMREFLEX', upstream: { status: 401 } });
    expect(bad.body.errors?.[0]?.message).toMatch(/^Dreamreflex/);

    const token = await userToken(gw, 'john.smith@example.com');
    gw.dreamreflex.clock.advance(1801_000);
    const expired = await gw.gql(TICKETS, undefined, { 'x-dreamreflex-token': token });
    expect(expired.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', source: 'DREAMREFLEX' });
    expect(gw.dreamreflex.requests.count(LOGIN_ROUTE)).toBe(1); // John's own login above; the gateway did not log in instead
  });
});

describe('isolation between callers', () => {
  it('never shows one user’s records to another, even under concurrent load', async () => {
    gw = await startTestGateway({ serviceAccount: false });
    const g = gw;
    const tokens = { 'li.na@example.cn': await userToken(g, 'li.na@example.cn'), 'demo@tessera.local': await userToken(g, 'demo@tessera.local') };

    const liNasTickets = await g.gql(TICKETS, undefined, { 'x-dreamreflex-token': tokens['li.na@example.cn'] });
    const liNaTicket = (liNasTickets.body.data!.tickets as { nodes: { nativeId: string }[] }).nodes[0]!;
    const { body } = await g.gql('{ tickets(first: 1, filter: { sources: [DREAMREFLEX] }) { nodes { id } } }', undefined, { 'x-dreamreflex-token': tokens['li.na@example.cn'] });
    const liNaTicketId = (body.data!.tickets as { nodes: { id: string }[] }).nodes[0]!.id;

    const peek = await g.gql('query($id: ID!) { ticket(id: $id) { title } }', { id: liNaTicketId }, { 'x-dreamreflex-token': tokens['demo@tessera.local'] });
    expect(peek.body.data!.ticket).toBeNull();
    expect(peek.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', source: 'DREAMREFLEX' });

    const emails = Object.keys(tokens) as (keyof typeof tokens)[];
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => emails[i % 2]!).map(async (email) => {
        const r = await g.gql(TICKETS, undefined, { 'x-dreamreflex-token': tokens[email] });
        return { email, nodes: (r.body.data!.tickets as { nodes: { nativeId: string; creator: { email: string } }[] }).nodes };
      }),
    );
    for (const { email, nodes } of results) {
      expect(nodes.length).toBeGreaterThan(0);
      expect(nodes.every((n) => n.creator.email === email)).toBe(true);
      if (email === 'demo@tessera.local') expect(nodes.map((n) => n.nativeId)).not.toContain(liNaTicket.nativeId);
    }
  });
});

describe('secrets stay secret', () => {
  it('puts no password or token in any log line or error', async () => {
    gw = await startTestGateway();
    const token = await userToken(gw, 'john.smith@example.com');
    await gw.gql(TICKETS, undefined, withApiKey);
    await gw.gql(TICKETS, undefined, { 'x-dreamreflex-token': token });
    const failed = await gw.gql(TICKETS, undefined, { 'x-dreamreflex-token': `${token}x` });
    gw.dreamreflex.setFaults({ forceStatus: 500 });
    const broken = await gw.gql(TICKETS, undefined, { 'x-dreamreflex-token': token });
    gw.dreamreflex.clearFaults();

    const everything = [...gw.logs, JSON.stringify(failed.body), JSON.stringify(broken.body)].join('\n');
    expect(gw.logs.length).toBeGreaterThan(0);
    for (const secret of [token, demoUser.password, account('john.smith@example.com').password, TEST_API_KEY]) {
      expect(everything).not.toContain(secret);
    }
  });
});
