import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { zammadDemoCredentials as demo } from '../../src/simulators/zammad/index.js';
import { startTestGateway, withApiKey, type GraphQLResponse, type TestGateway } from '../support/gateway.js';

const ME = '{ me { zammad { login email roles } } }';
const GROUPS_OF_TICKETS = '{ zammadTickets(first: 500) { totalCount nodes { nativeId group { name } customerUser { email } } } }';

const meOf = (response: GraphQLResponse) => {
  expect(response.body.errors).toBeUndefined();
  return (response.body.data!.me as { zammad: { login: string; email: string; roles: string[] } }).zammad;
};
const ticketsOf = (response: GraphQLResponse) => {
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.zammadTickets as { totalCount: number; nodes: { nativeId: string; group: { name: string }; customerUser: { email: string } }[] };
};
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('Zammad credentials', () => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());
  beforeEach(() => gw.zammad.requests.reset());

  it('uses the service token for API key holders', async () => {
    expect(meOf(await gw.gql(ME, {}, withApiKey))).toMatchObject({ login: demo.adminLogin, email: demo.adminEmail });
  });

  it('refuses a caller without credentials, naming the header, before calling Zammad', async () => {
    const response = await gw.gql(ME);
    expect(response.body.errors![0]).toMatchObject({
      message: expect.stringContaining('x-zammad-authorization'),
      extensions: { code: 'UNAUTHENTICATED', source: 'ZAMMAD' },
    });
    expect(gw.zammad.requests.count()).toBe(0);
  });

  it('passes the caller’s own credentials in any of Zammad’s three schemes', async () => {
    const schemes = [
      [`Token token=${demo.agentToken}`, demo.agentEmail],
      [basic(demo.customerEmail, demo.customerPassword), demo.customerEmail],
      [basic(demo.adminLogin, demo.adminPassword), demo.adminEmail],
      [`Bearer ${demo.oauthToken}`, demo.adminEmail],
    ] as const;
    for (const [authorization, email] of schemes) {
      // Without an API key too: the caller brings their own credentials.
      expect(meOf(await gw.gql(ME, {}, { 'x-zammad-authorization': authorization })).email).toBe(email);
    }
  });

  it('answers UNAUTHENTICATED for credentials Zammad rejects, and never echoes them', async () => {
    for (const authorization of ['Token token=not-a-real-token-123', basic(demo.agentEmail, 'wrong-password-456')]) {
      const response = await gw.gql(ME, {}, { 'x-zammad-authorization': authorization });
      expect(response.body.errors![0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED', source: 'ZAMMAD', upstream: { status: 401 } } });
      expect(JSON.stringify(response.body)).not.toMatch(/not-a-real-token|wrong-password|d3JvbmctcGFzc3dvcmQ/);
    }
    expect(gw.logs.join('\n')).not.toMatch(/not-a-real-token|wrong-password|Token token=|Basic /);
  });

  it('shows an agent only the tickets of their groups, and a customer only their own', async () => {
    const all = ticketsOf(await gw.gql(GROUPS_OF_TICKETS, {}, withApiKey));
    const agent = ticketsOf(await gw.gql(GROUPS_OF_TICKETS, {}, { 'x-zammad-authorization': `Token token=${demo.agentToken}` }));
    const agentGroups = new Set(['Users', 'Support L1', 'Support L2']);
    expect(agent.totalCount).toBeLessThan(all.totalCount);
    expect(agent.nodes.length).toBeGreaterThan(0);
    expect(agent.nodes.every((t) => agentGroups.has(t.group.name))).toBe(true);
    const customer = ticketsOf(await gw.gql(GROUPS_OF_TICKETS, {}, { 'x-zammad-authorization': `Token token=${demo.customerToken}` }));
    expect(customer.nodes.length).toBeGreaterThan(0);
    expect(customer.nodes.every((t) => t.customerUser.email === demo.customerEmail)).toBe(true);
  });

  it('acts for another user with x-zammad-on-behalf-of (sent as From): the admin then sees what the agent sees', async () => {
    const agent = ticketsOf(await gw.gql(GROUPS_OF_TICKETS, {}, { 'x-zammad-authorization': `Token token=${demo.agentToken}` }));
    const onBehalf = await gw.gql(`${GROUPS_OF_TICKETS.slice(0, -1)} me { zammad { email } } }`, {}, { ...withApiKey, 'x-zammad-on-behalf-of': demo.agentEmail });
    expect(ticketsOf(onBehalf).nodes.map((t) => t.nativeId)).toEqual(agent.nodes.map((t) => t.nativeId));
    expect(meOf(onBehalf).email).toBe(demo.agentEmail);
  });

  it('refuses on-behalf-of for an agent (Zammad needs admin.user) and for unknown users: FORBIDDEN', async () => {
    const fromAgent = await gw.gql(ME, {}, { 'x-zammad-authorization': `Token token=${demo.agentToken}`, 'x-zammad-on-behalf-of': demo.customerEmail });
    expect(fromAgent.body.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN', source: 'ZAMMAD', upstream: { status: 403 } } });
    const unknown = await gw.gql(ME, {}, { ...withApiKey, 'x-zammad-on-behalf-of': 'nobody@nowhere.example' });
    expect(unknown.body.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN', source: 'ZAMMAD' } });
  });

  it('names the variable, never the value, when Zammad rejects the service token', async () => {
    const misconfigured = await startTestGateway({ zammadService: { ZAMMAD_TOKEN: 'stale-service-token-789' } });
    try {
      const response = await misconfigured.gql(ME, {}, withApiKey);
      expect(response.body.errors![0]).toMatchObject({
        message: 'Zammad rejected the service credentials (ZAMMAD_TOKEN).',
        extensions: { code: 'UNAUTHENTICATED', source: 'ZAMMAD' },
      });
      expect(JSON.stringify(response.body) + misconfigured.logs.join('\n')).not.toContain('stale-service-token-789');
      // Other vendors are unaffected.
      const teams = await misconfigured.gql('{ teams(first: 1) { totalCount } }', {}, withApiKey);
      expect(teams.body.errors).toBeUndefined();
    } finally {
      await misconfigured.close();
    }
  });

  it('works with the service account as username and password too', async () => {
    const withPassword = await startTestGateway({ zammadService: { ZAMMAD_USERNAME: demo.adminLogin, ZAMMAD_PASSWORD: demo.adminPassword } });
    try {
      expect(meOf(await withPassword.gql(ME, {}, withApiKey)).login).toBe(demo.adminLogin);
    } finally {
      await withPassword.close();
    }
  });
});
