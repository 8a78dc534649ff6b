import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/globalId.js';
import { createMaxCloudStore, maxCloudDemoCredentials as demo, parseChinaTime, type MaxCloudTicket } from '../../src/simulators/maxcloud/index.js';
import { startTestGateway, withApiKey, type GraphQLResponse, type TestGateway } from '../support/gateway.js';

interface TicketNode {
  id: string;
  nativeId: string;
  title: string;
  status: string;
  vendorStatus: string;
  priority: string | null;
  vendorPriority: string | null;
  createdAt: string;
  groupTag: string | null;
  labels: string[];
  company: { nativeId: string; name: string | null };
  creator: { email: string } | null;
  customer: null;
}
interface TicketPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: TicketNode[];
}

const TICKETS = `query($first: Int, $after: String, $filter: MaxCloudTicketFilter, $rawQuery: String) {
  maxCloudTickets(first: $first, after: $after, filter: $filter, rawQuery: $rawQuery) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes {
      id nativeId title status vendorStatus priority vendorPriority createdAt groupTag labels
      company { nativeId name } creator { email } customer { email }
    }
  }
}`;

const ticketsOf = (response: GraphQLResponse) => {
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.maxCloudTickets as TicketPage;
};
const ids = (tickets: readonly { id: number }[]) => tickets.map((t) => String(t.id));
const iso = (chinaTime: string) => new Date(parseChinaTime(chinaTime)).toISOString();

/** The simulator's seed (the same on every start): what MaxCloud holds. */
const seed = createMaxCloudStore();
const companyTickets = (companyId: number) => seed.tickets(companyId);

describe('MaxCloud reads', () => {
  let gw: TestGateway;
  /** As the service account: the demo user in its company (MAXCLOUD_COMPANY_ID). */
  const query = (q: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => gw.gql(q, variables, { ...withApiKey, ...headers });
  const searches = () => gw.maxcloud.requests.snapshot()['POST /api/tickets/search'] ?? 0;

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());
  beforeEach(() => {
    gw.maxcloud.clearFaults();
    gw.maxcloud.requests.reset();
  });

  describe('maxCloudTickets', () => {
    it('lists the company’s tickets newest first with MaxCloud’s total, in one search call', async () => {
      await query(TICKETS, { first: 1 }); // the service token, once
      gw.maxcloud.requests.reset();
      const expected = companyTickets(demo.companyId);
      const page = ticketsOf(await query(TICKETS, { first: 10 }));
      expect(page.totalCount).toBe(expected.length);
      expect(page.pageInfo.hasNextPage).toBe(true);
      expect(page.nodes.map((t) => t.nativeId)).toEqual(ids(expected.slice(0, 10)));
      const [first] = expected;
      expect(page.nodes[0]).toEqual({
        id: toGlobalId('MaxCloudTicket', 'MAXCLOUD', String(first!.id)),
        nativeId: String(first!.id),
        title: first!.subject,
        status: first!.state.toUpperCase(),
        vendorStatus: first!.state,
        priority: ['LOW', 'NORMAL', 'HIGH', 'URGENT'][first!.priority - 1],
        vendorPriority: String(first!.priority),
        createdAt: iso(first!.created_at),
        groupTag: first!.group_tag || null,
        labels: first!.labels,
        company: { nativeId: String(demo.companyId), name: 'DefaultTeam' },
        creator: first!.created_by ? { email: first!.created_by } : null,
        customer: null,
      });
      expect(gw.maxcloud.requests.snapshot()).toEqual({ 'POST /api/tickets/search': 1 });
    });

    it('pages forward with the cursor without repeating or skipping', async () => {
      const expected = companyTickets(demo.companyId);
      const first = ticketsOf(await query(TICKETS, { first: 7 }));
      const second = ticketsOf(await query(TICKETS, { first: 7, after: first.pageInfo.endCursor }));
      expect([...first.nodes, ...second.nodes].map((t) => t.nativeId)).toEqual(ids(expected.slice(0, 14)));
      const big = ticketsOf(await query(TICKETS, { first: 250 }));
      expect(big.nodes.map((t) => t.nativeId)).toEqual(ids(expected));
      expect(big.pageInfo.hasNextPage).toBe(false);
    });

    it('filters by states, business units, all labels, reporter and text, as MaxCloud searches', async () => {
      const all = companyTickets(demo.companyId);
      const expectFilter = async (filter: Record<string, unknown>, match: (t: MaxCloudTicket) => boolean) => {
        const expected = all.filter(match);
        expect(expected.length).toBeGreaterThan(0);
        const page = ticketsOf(await query(TICKETS, { first: 200, filter }));
        expect(page.totalCount).toBe(expected.length);
        expect(page.nodes.map((t) => t.nativeId)).toEqual(ids(expected));
      };
      await expectFilter({ groupTags: ['mtg'], states: ['open'] }, (t) => t.group_tag === 'mtg' && t.state === 'open');
      await expectFilter({ states: ['new', 'pending'], groupTags: ['ops', 'data'] }, (t) => ['new', 'pending'].includes(t.state) && ['ops', 'data'].includes(t.group_tag));
      await expectFilter({ labels: ['日志bug'] }, (t) => t.labels.includes('日志bug'));
      await expectFilter({ labels: ['告警', '磁盘'] }, (t) => t.labels.includes('告警') && t.labels.includes('磁盘'));
      await expectFilter({ createdBy: demo.email.toUpperCase() }, (t) => t.created_by === demo.email);
      await expectFilter({ assignedTo: 'li.na@example.cn' }, (t) => t.assigned_to === 'li.na@example.cn');
      await expectFilter({ text: 'spot' }, (t) => /spot/i.test(t.subject) || /spot/i.test(t.content));
    });

    it('filters by creation time through start_time and end_time', async () => {
      const from = new Date('2026-03-01T00:00:00+08:00');
      const to = new Date('2026-03-31T23:59:59+08:00');
      const expected = companyTickets(demo.companyId).filter((t) => parseChinaTime(t.created_at) >= from.getTime() && parseChinaTime(t.created_at) <= to.getTime());
      const page = ticketsOf(await query(TICKETS, { first: 100, filter: { createdAt: { from: from.toISOString(), to: to.toISOString() } } }));
      expect(page.nodes.map((t) => t.nativeId)).toEqual(ids(expected));
    });

    it('searches a label that looks like a query as exactly that label: nothing else matches', async () => {
      for (const label of ['日志bug OR company_id:2', 'x OR company_id:2', 'k8s) OR (state:open']) {
        const page = ticketsOf(await query(TICKETS, { filter: { labels: [label] } }));
        expect(page).toMatchObject({ totalCount: 0, nodes: [] });
      }
    });

    it('refuses a value with a double quote or a backslash before calling MaxCloud', async () => {
      const response = await query(TICKETS, { filter: { labels: ['a" OR "b'] } });
      expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', source: 'MAXCLOUD' });
      expect(response.body.errors?.[0]?.message).toMatch(/may not understand escapes/);
      expect(searches()).toBe(0);
    });

    it('ANDs a raw query, unescaped, with the filter', async () => {
      const expected = companyTickets(demo.companyId).filter((t) => (t.group_tag === 'mtg' || t.group_tag === 'data') && t.state === 'closed');
      const page = ticketsOf(await query(TICKETS, { first: 200, rawQuery: 'group_tag:mtg OR group_tag:data', filter: { states: ['closed'] } }));
      expect(page.nodes.map((t) => t.nativeId)).toEqual(ids(expected));
    });

    it('answers MaxCloud’s refusal under HTTP 200 as a typed error with its code', async () => {
      const response = await query(TICKETS, { rawQuery: 'NOT state:open' });
      expect(response.body.data?.maxCloudTickets).toBeNull();
      expect(response.body.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/^MaxCloud rejected the request: query syntax error/),
        path: ['maxCloudTickets'],
        extensions: { code: 'BAD_USER_INPUT', source: 'MAXCLOUD', vendorCode: 10400, upstream: { method: 'POST', path: '/api/tickets/search', status: 400 } },
      });
    });
  });

  describe('node and companies', () => {
    it('fetches a ticket by ID through a search by id, and none of another company', async () => {
      const [own] = companyTickets(demo.companyId);
      const [foreign] = companyTickets(demo.otherCompanyId);
      const NODE = `query($id: ID!) { node(id: $id) { id ... on MaxCloudTicket { nativeId title company { name } } } }`;
      const found = await query(NODE, { id: toGlobalId('MaxCloudTicket', 'MAXCLOUD', String(own!.id)) });
      expect(found.body.data?.node).toMatchObject({ nativeId: String(own!.id), title: own!.subject, company: { name: 'DefaultTeam' } });
      const missing = await query(NODE, { id: toGlobalId('MaxCloudTicket', 'MAXCLOUD', String(foreign!.id)) });
      expect(missing.body.data?.node).toBeNull();
      expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });

    it('lists the service account’s companies from its login, and fetches one by ID', async () => {
      const response = await query(`{ maxCloudCompanies { id nativeId name createdAt } }`);
      expect(response.body.data?.maxCloudCompanies).toEqual([
        { id: toGlobalId('MaxCloudCompany', 'MAXCLOUD', '1'), nativeId: '1', name: 'DefaultTeam', createdAt: '2011-10-09T04:01:34.000Z' },
        { id: toGlobalId('MaxCloudCompany', 'MAXCLOUD', '2'), nativeId: '2', name: 'AnotherTeam', createdAt: '2011-10-09T08:11:31.000Z' },
      ]);
      const node = await query(`query($id: ID!) { node(id: $id) { ... on MaxCloudCompany { name } } }`, { id: toGlobalId('MaxCloudCompany', 'MAXCLOUD', '2') });
      expect(node.body.data?.node).toEqual({ name: 'AnotherTeam' });
    });
  });

  describe('outages', () => {
    it('fails only the MaxCloud fields when MaxCloud is down', async () => {
      gw.maxcloud.setFaults({ forceStatus: 503, pathPrefix: '/api/tickets' });
      const response = await query(`{ maxCloudTickets(first: 2) { totalCount } zammadTickets(first: 2) { nodes { id } } }`);
      expect(response.body.data?.maxCloudTickets).toBeNull();
      expect(response.body.data?.zammadTickets).toMatchObject({ nodes: [{ id: expect.any(String) }, { id: expect.any(String) }] });
      expect(response.body.errors).toHaveLength(1);
      expect(response.body.errors?.[0]?.extensions).toMatchObject({ source: 'MAXCLOUD', code: expect.stringMatching(/^UPSTREAM_/) });
    });

    it('refuses an answer that is no envelope', async () => {
      gw.maxcloud.setFaults({ malformedBody: true, pathPrefix: '/api/tickets' });
      const response = await query(`{ maxCloudTickets(first: 2) { totalCount } }`);
      expect(response.body.errors?.[0]?.extensions).toMatchObject({ source: 'MAXCLOUD', code: 'UPSTREAM_ERROR' });
    });
  });
});
