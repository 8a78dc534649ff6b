import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createMaxCloudStore, MAXCLOUD_TOKEN_LIFETIME_SECONDS, maxCloudDemoCredentials as demo } from '../../src/simulators/maxcloud/index.js';
import { startTestGateway, withApiKey, type GraphQLResponse, type TestGateway } from '../support/gateway.js';

const LOGIN = `mutation($email: String!, $password: String!, $companyId: Int) {
  maxCloudLogin(email: $email, password: $password, companyId: $companyId) {
    token expiresAt
    user { nativeId email person { email } groupAdmin admin changePassword }
    company { nativeId name }
    companies { nativeId name }
  }
}`;
const SWITCH = `mutation($companyId: Int!) { maxCloudSwitchCompany(companyId: $companyId) { token company { nativeId name } user { nativeId email } } }`;
const TICKETS = `query($rawQuery: String) { maxCloudTickets(first: 200, rawQuery: $rawQuery) { totalCount nodes { nativeId company { nativeId name } } } }`;

interface Session {
  token: string;
  company: { nativeId: string; name: string };
}

const seed = createMaxCloudStore();
const errorOf = (response: GraphQLResponse) => response.body.errors?.[0];

describe('MaxCloud credentials', () => {
  let gw: TestGateway;
  const counts = () => gw.maxcloud.requests.snapshot();
  const login = async (companyId?: number): Promise<Session> => {
    const response = await gw.gql(LOGIN, { email: demo.email, password: demo.password, ...(companyId !== undefined && { companyId }) });
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.maxCloudLogin as Session;
  };

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());
  beforeEach(() => {
    gw.maxcloud.clearFaults();
    gw.maxcloud.requests.reset();
  });

  describe('the service account', () => {
    it('logs in and switches once for 20 concurrent cold requests', async () => {
      const responses = await Promise.all(Array.from({ length: 20 }, () => gw.gql(`{ maxCloudTickets(first: 1) { totalCount } }`, {}, withApiKey)));
      for (const response of responses) expect(response.body.errors).toBeUndefined();
      expect(counts()).toEqual({ 'POST /api/login': 1, 'POST /api/company/switch': 1, 'POST /api/tickets/search': 20 });
    });

    it('logs in again, once, when MaxCloud no longer accepts its token', async () => {
      await gw.gql(`{ maxCloudTickets(first: 1) { totalCount } }`, {}, withApiKey);
      gw.maxcloud.requests.reset();
      gw.maxcloud.clock.advance(MAXCLOUD_TOKEN_LIFETIME_SECONDS * 1000 + 1000);
      const responses = await Promise.all(Array.from({ length: 5 }, () => gw.gql(`{ maxCloudTickets(first: 1) { totalCount } }`, {}, withApiKey)));
      for (const response of responses) expect(response.body.errors).toBeUndefined();
      expect(counts()).toMatchObject({ 'POST /api/login': 1, 'POST /api/company/switch': 1 });
    });

    it('is lent only with an API key; without one, the error names the headers', async () => {
      const response = await gw.gql(`{ maxCloudTickets(first: 1) { totalCount } }`);
      expect(errorOf(response)).toMatchObject({ extensions: { code: 'UNAUTHENTICATED', source: 'MAXCLOUD' }, message: expect.stringContaining('x-maxcloud-token') });
      expect(counts()).toEqual({});
    });
  });

  describe('maxCloudLogin and maxCloudSwitchCompany', () => {
    it('logs in to the default company and returns the session', async () => {
      const response = await gw.gql(LOGIN, { email: demo.email, password: demo.password });
      expect(response.body.data?.maxCloudLogin).toEqual({
        token: expect.stringMatching(/^[0-9a-f]{64}$/),
        expiresAt: null,
        user: { nativeId: String(demo.userId), email: demo.email, person: { email: demo.email }, groupAdmin: 1, admin: 2, changePassword: 0 },
        company: { nativeId: '1', name: 'DefaultTeam' },
        companies: [
          { nativeId: '1', name: 'DefaultTeam' },
          { nativeId: '2', name: 'AnotherTeam' },
        ],
      });
      expect(counts()).toEqual({ 'POST /api/login': 1 });
    });

    it('switches to another company at login, returning the switched token', async () => {
      const session = await login(demo.otherCompanyId);
      expect(session.company).toEqual({ nativeId: '2', name: 'AnotherTeam' });
      expect(counts()).toEqual({ 'POST /api/login': 1, 'POST /api/company/switch': 1 });
      const page = (await gw.gql(TICKETS, {}, { 'x-maxcloud-token': session.token })).body.data!.maxCloudTickets as { totalCount: number };
      expect(page.totalCount).toBe(seed.tickets(demo.otherCompanyId).length);
    });

    it('answers a wrong password with MaxCloud’s message and code', async () => {
      const response = await gw.gql(LOGIN, { email: demo.email, password: 'wrong' });
      expect(errorOf(response)).toMatchObject({ message: 'MaxCloud rejected the request: 用户名或密码错误', extensions: { code: 'BAD_USER_INPUT', source: 'MAXCLOUD', vendorCode: 10002 } });
    });

    it('switches the caller’s own token, and refuses a company the account is not in', async () => {
      const { token } = await login();
      const switched = await gw.gql(SWITCH, { companyId: demo.otherCompanyId }, { 'x-maxcloud-token': token });
      expect(switched.body.data?.maxCloudSwitchCompany).toEqual({
        token: expect.not.stringMatching(token),
        company: { nativeId: '2', name: 'AnotherTeam' },
        user: { nativeId: null, email: demo.email },
      });
      const foreign = await gw.gql(SWITCH, { companyId: demo.foreignCompanyId }, { 'x-maxcloud-token': token });
      expect(errorOf(foreign)?.extensions).toMatchObject({ code: 'FORBIDDEN', source: 'MAXCLOUD', vendorCode: 10403 });
      const anonymous = await gw.gql(SWITCH, { companyId: 2 }, withApiKey);
      expect(errorOf(anonymous)).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringContaining('x-maxcloud-token') });
    });
  });

  describe('a caller’s token', () => {
    it('sees only its own company’s tickets, whatever the query says', async () => {
      const { token } = await login();
      const headers = { 'x-maxcloud-token': token };
      const own = (await gw.gql(TICKETS, {}, headers)).body.data!.maxCloudTickets as { totalCount: number; nodes: { company: { nativeId: string; name: string | null } }[] };
      expect(own.totalCount).toBe(seed.tickets(demo.companyId).length);
      expect(new Set(own.nodes.map((t) => t.company.nativeId))).toEqual(new Set(['1']));
      // Without a login or switch of its own, the gateway has no company list for this token.
      expect(own.nodes[0]!.company.name).toBeNull();
      const widened = (await gw.gql(TICKETS, { rawQuery: `company_id:${demo.otherCompanyId}` }, headers)).body.data!.maxCloudTickets as { totalCount: number };
      expect(widened.totalCount).toBe(0);
    });

    it('is switched once to the company it names, across requests, and the switched token reused', async () => {
      const { token } = await login();
      gw.maxcloud.requests.reset();
      const headers = { 'x-maxcloud-token': token, 'x-maxcloud-company-id': String(demo.otherCompanyId) };
      const responses = await Promise.all(Array.from({ length: 5 }, () => gw.gql(TICKETS, {}, headers)));
      const later = await gw.gql(`{ maxCloudTickets(first: 1) { totalCount nodes { company { name } } } maxCloudCompanies { nativeId } }`, {}, headers);
      for (const response of [...responses, later]) expect(response.body.errors).toBeUndefined();
      const page = responses[0]!.body.data!.maxCloudTickets as { totalCount: number; nodes: { nativeId: string; company: { nativeId: string } }[] };
      expect(page.totalCount).toBe(seed.tickets(demo.otherCompanyId).length);
      expect(page.nodes.map((t) => t.nativeId)).toEqual(seed.tickets(demo.otherCompanyId).map((t) => String(t.id)));
      expect(later.body.data).toEqual({
        maxCloudTickets: { totalCount: seed.tickets(demo.otherCompanyId).length, nodes: [{ company: { name: 'AnotherTeam' } }] },
        maxCloudCompanies: [{ nativeId: '1' }, { nativeId: '2' }],
      });
      expect(counts()).toEqual({ 'POST /api/company/switch': 1, 'POST /api/tickets/search': 6 });
    });

    it('is UNAUTHENTICATED when MaxCloud does not know it, never replaced by the service account', async () => {
      const response = await gw.gql(TICKETS, {}, { ...withApiKey, 'x-maxcloud-token': 'f'.repeat(64) });
      expect(errorOf(response)).toMatchObject({
        message: 'MaxCloud rejected the credentials: token invalid or expired',
        extensions: { code: 'UNAUTHENTICATED', source: 'MAXCLOUD', vendorCode: 10401 },
      });
      expect(counts()).toEqual({ 'POST /api/tickets/search': 1 });
    });

    it('lists its companies only when it names one', async () => {
      const { token } = await login();
      const response = await gw.gql(`{ maxCloudCompanies { nativeId } }`, {}, { 'x-maxcloud-token': token });
      expect(errorOf(response)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', source: 'MAXCLOUD' });
    });

    it('refuses a company header that is not an ID, or one without a token', async () => {
      const bad = await gw.gql(TICKETS, {}, { 'x-maxcloud-token': 'abc', 'x-maxcloud-company-id': 'AnotherTeam' });
      expect(errorOf(bad)?.extensions?.code).toBe('BAD_USER_INPUT');
      const alone = await gw.gql(TICKETS, {}, { ...withApiKey, 'x-maxcloud-company-id': '2' });
      expect(errorOf(alone)?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(counts()).toEqual({});
    });

    it('never writes a MaxCloud token into the log', async () => {
      const { token } = await login();
      await gw.gql(TICKETS, {}, { 'x-maxcloud-token': token, 'x-maxcloud-company-id': '2' });
      expect(gw.logs.join('\n')).not.toContain(token);
    });
  });
});
