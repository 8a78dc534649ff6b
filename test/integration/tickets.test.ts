import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createMaxCloudStore } from '../../src/simulators/maxcloud/index.js';
import { startTestGateway, withApiKey, type GraphQLResponse, type TestGateway } from '../support/gateway.js';

/** The cross-vendor ticket connection and people by e-mail, over the simulators at once. */

interface TicketNode {
  id: string;
  source: string;
  nativeId: string;
  createdAt: string;
  status: string;
}
interface TicketPage {
  totalCount: number | null;
  missingSources: string[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: TicketNode[];
}

const TICKETS = `query($first: Int, $after: String, $filter: TicketFilter) {
  tickets(first: $first, after: $after, filter: $filter) {
    totalCount missingSources pageInfo { hasNextPage endCursor }
    nodes { id source nativeId createdAt status }
  }
}`;

const pageOf = (response: GraphQLResponse) => response.body.data!.tickets as TicketPage;
/** Newest first; at the same instant by source name. */
const isMergedOrder = (nodes: TicketNode[]) =>
  nodes.every((node, i) => i === 0 || nodes[i - 1]!.createdAt > node.createdAt || (nodes[i - 1]!.createdAt === node.createdAt && nodes[i - 1]!.source <= node.source));

let gw: TestGateway;
const query = (q: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => gw.gql(q, variables, { ...withApiKey, ...headers });

beforeAll(async () => {
  gw = await startTestGateway({ env: { TESSERA_UPSTREAM_TIMEOUT_MS: '300' } });
});
afterAll(() => gw.close());
beforeEach(() => {
  for (const sim of [gw.dreamreflex, gw.zammad, gw.maxcloud]) {
    sim.clearFaults();
    sim.requests.reset();
  }
});

/** The MaxCloud simulator's seed is the same every time: company 1 is the service account's. */
const maxCloudCompanyTickets = createMaxCloudStore().tickets(1);

/** Pages through `tickets` until the end, returning every node and the number of pages. */
async function walk(first: number, filter?: Record<string, unknown>, headers?: Record<string, string>) {
  const nodes: TicketNode[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const response = await query(TICKETS, { first, after, filter }, headers);
    expect(response.body.errors).toBeUndefined();
    const page = pageOf(response);
    nodes.push(...page.nodes);
    pages++;
    if (!page.pageInfo.hasNextPage) return { nodes, pages, totalCount: page.totalCount };
    after = page.pageInfo.endCursor;
  }
}

describe('tickets across vendors', () => {
  it('merges MaxCloud, Zammad and Dreamreflex newest first; paging never repeats or skips a ticket; the total is the sum', async () => {
    const expected = 25 + gw.zammadStore.tickets().length + maxCloudCompanyTickets.length;
    const { nodes, pages, totalCount } = await walk(37);
    expect(totalCount).toBe(expected);
    expect(nodes).toHaveLength(expected);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
    expect(isMergedOrder(nodes)).toBe(true);
    expect(new Set(nodes.map((n) => n.source))).toEqual(new Set(['DREAMREFLEX', 'ZAMMAD', 'MAXCLOUD']));
    // At most one vendor call per vendor and page (MaxCloud: after its one login and one company switch).
    expect(gw.zammad.requests.count('GET /api/v1/tickets/search')).toBeLessThanOrEqual(pages);
    expect(gw.dreamreflex.requests.count('GET /api/tickets')).toBeLessThanOrEqual(pages);
    expect(gw.maxcloud.requests.count('POST /api/tickets/search')).toBeLessThanOrEqual(pages);
  });

  it('filters by normalized status in every vendor upstream', async () => {
    const { nodes } = await walk(100, { status: 'OPEN' });
    expect(nodes.length).toBeGreaterThan(0);
    expect(new Set(nodes.map((n) => n.status))).toEqual(new Set(['OPEN']));
    expect(new Set(nodes.map((n) => n.source))).toEqual(new Set(['DREAMREFLEX', 'ZAMMAD', 'MAXCLOUD']));
    expect(nodes.filter((n) => n.source === 'MAXCLOUD')).toHaveLength(maxCloudCompanyTickets.filter((t) => t.state === 'open').length);
    const zammadOpen = gw.zammadStore.tickets().filter((t) => gw.zammadStore.state(t.state_id)!.name === 'open').length;
    expect(nodes.filter((n) => n.source === 'ZAMMAD')).toHaveLength(zammadOpen);
  });

  it.each([
    ['down', { forceStatus: 503 }, 'UPSTREAM_ERROR'],
    ['slow', { latencyMs: 1000 }, 'UPSTREAM_TIMEOUT'],
    ['sending garbage', { malformedBody: true }, 'UPSTREAM_ERROR'],
  ])('returns the other vendors’ tickets when Zammad is %s, and picks Zammad up from the cursor once it is back', async (_kind, faults, code) => {
    gw.zammad.setFaults(faults);
    const broken = await query(TICKETS, { first: 10 });
    const page = pageOf(broken);
    expect(page.missingSources).toEqual(['ZAMMAD']);
    expect(page.totalCount).toBeNull();
    expect(page.nodes).toHaveLength(10);
    expect(page.nodes.filter((n) => n.source === 'ZAMMAD')).toEqual([]);
    expect(broken.body.errors?.map((e) => [e.path, e.extensions?.source, e.extensions?.code])).toEqual([[['tickets'], 'ZAMMAD', code]]);

    gw.zammad.clearFaults();
    const { body } = await query(TICKETS, { first: 50, after: page.pageInfo.endCursor });
    const next = pageOf({ body } as GraphQLResponse);
    expect(next.missingSources).toEqual([]);
    // Zammad's newest tickets come now; the others go on after the ten already shown.
    const newestZammad = [...gw.zammadStore.tickets()].sort((a, b) => b.created_at - a.created_at || b.id - a.id)[0]!;
    expect(next.nodes.some((n) => n.source === 'ZAMMAD' && n.nativeId === String(newestZammad.id))).toBe(true);
    expect(next.nodes.filter((n) => page.nodes.some((seen) => seen.id === n.id))).toEqual([]);
  });

  it('keeps Zammad and Dreamreflex when MaxCloud fails inside its envelope', async () => {
    gw.maxcloud.setFaults({ forceStatus: 500 });
    const response = await query(TICKETS, { first: 10 });
    expect(pageOf(response).missingSources).toEqual(['MAXCLOUD']);
    expect(pageOf(response).nodes.map((n) => n.source).filter((s) => s === 'MAXCLOUD')).toEqual([]);
    expect(pageOf(response).nodes).toHaveLength(10);
    expect(response.body.errors?.map((e) => e.extensions?.source)).toEqual(['MAXCLOUD']);
  });

  it('says which vendor rejected the caller’s own credentials and keeps the rest', async () => {
    const response = await query(TICKETS, { first: 5 }, { 'x-zammad-authorization': 'Token token=not-a-real-token' });
    expect(pageOf(response)).toMatchObject({ missingSources: ['ZAMMAD'], totalCount: null });
    expect(pageOf(response).nodes).toHaveLength(5);
    expect(response.body.errors?.map((e) => [e.extensions?.source, e.extensions?.code])).toEqual([['ZAMMAD', 'UNAUTHENTICATED']]);
    expect(JSON.stringify(response.body)).not.toContain('not-a-real-token');
  });

  it('picks vendors with sources, and answers every Ticket field for each', async () => {
    const { body } = await query(`{
      tickets(first: 40, filter: { sources: [ZAMMAD] }) {
        missingSources
        nodes { source status vendorStatus priority vendorPriority creator { email } assignee { email } customer { email } people { email } }
      }
    }`);
    expect(body.errors).toBeUndefined();
    const nodes = (body.data!.tickets as { nodes: Record<string, unknown>[] }).nodes;
    expect(new Set(nodes.map((n) => n.source))).toEqual(new Set(['ZAMMAD']));
    expect(nodes.every((n) => ['LOW', 'NORMAL', 'HIGH'].includes(n.priority as string) && typeof n.vendorPriority === 'string')).toBe(true);
    expect(nodes.every((n) => (n.customer as { email: string } | null)?.email.includes('@'))).toBe(true);
    expect(gw.dreamreflex.requests.count('GET /api/tickets')).toBe(0);
  });
});

describe('people across vendors', () => {
  const PERSON = `query($email: String!) {
    person(email: $email) {
      email name
      zammadUser { login }
      dreamreflexUser { email }
      maxCloudUser { email }
      createdTickets(first: 100) { totalCount missingSources nodes { source } }
      customerTickets(first: 100) { totalCount missingSources nodes { source creator { email } } }
      assignedTickets(first: 100) { totalCount nodes { source } }
    }
  }`;
  type PersonResult = {
    email: string;
    name: string | null;
    zammadUser: { login: string } | null;
    dreamreflexUser: { email: string } | null;
    maxCloudUser: { email: string } | null;
    createdTickets: { totalCount: number | null; missingSources: string[]; nodes: { source: string }[] };
    customerTickets: { totalCount: number | null; missingSources: string[]; nodes: { source: string; creator: { email: string } | null }[] };
    assignedTickets: { totalCount: number | null; nodes: { source: string }[] };
  };

  async function loginDreamreflex(email: string, password: string): Promise<string> {
    const { body } = await gw.gql('mutation($input: DreamreflexLoginInput!) { dreamreflexLogin(input: $input) { accessToken } }', { input: { email, password } });
    return (body.data!.dreamreflexLogin as { accessToken: string }).accessToken;
  }

  it('gathers a person’s tickets and records from every vendor by e-mail, whatever the case and spaces', async () => {
    const token = await loginDreamreflex('li.na@example.cn', 'lina-retail-2024');
    const { body } = await query(PERSON, { email: '  Li.Na@Example.CN ' }, { 'x-dreamreflex-token': token });
    expect(body.errors).toBeUndefined();
    const person = body.data!.person as PersonResult;
    const zammadUser = gw.zammadStore.userByEmail('li.na@example.cn')!;
    const zammadAsCustomer = gw.zammadStore.tickets().filter((t) => t.customer_id === zammadUser.id).length;
    expect(person).toMatchObject({ email: 'li.na@example.cn', name: `${zammadUser.firstname} ${zammadUser.lastname}`, zammadUser: { login: zammadUser.login }, dreamreflexUser: { email: 'li.na@example.cn' } });
    // As customer: her Zammad tickets and, since she is the caller, her 4 Dreamreflex tickets.
    expect(person.customerTickets.totalCount).toBe(zammadAsCustomer + 4);
    expect(person.customerTickets.nodes.filter((n) => n.source === 'DREAMREFLEX')).toHaveLength(4);
    expect(person.createdTickets.nodes.filter((n) => n.source === 'DREAMREFLEX')).toHaveLength(4);
    // MaxCloud knows her as creator and assignee of ops tickets; it has no customers.
    const inMaxCloud = (field: 'created_by' | 'assigned_to') => maxCloudCompanyTickets.filter((t) => t[field] === 'li.na@example.cn').length;
    expect(inMaxCloud('created_by')).toBeGreaterThan(0);
    expect(person.createdTickets.nodes.filter((n) => n.source === 'MAXCLOUD')).toHaveLength(inMaxCloud('created_by'));
    expect(person.assignedTickets.nodes.filter((n) => n.source === 'MAXCLOUD')).toHaveLength(inMaxCloud('assigned_to'));
    expect(person.customerTickets.nodes.filter((n) => n.source === 'MAXCLOUD')).toEqual([]);
    // Dreamreflex cannot tell who a ticket is assigned to: it takes no part there (and is not missing).
    expect(person.assignedTickets.nodes.filter((n) => n.source === 'DREAMREFLEX')).toEqual([]);
    expect(person.customerTickets.missingSources).toEqual([]);
    // The service account's MaxCloud token is not hers.
    expect(person.maxCloudUser).toBeNull();
  });

  it('shows no Dreamreflex record or tickets for someone who is not the caller, without asking Dreamreflex for their tickets', async () => {
    const { body } = await query(PERSON, { email: 'john.smith@example.com' });
    expect(body.errors).toBeUndefined();
    const person = body.data!.person as PersonResult;
    expect(person.dreamreflexUser).toBeNull();
    expect(person.customerTickets.nodes.every((n) => n.source !== 'DREAMREFLEX')).toBe(true);
    expect(person.customerTickets.nodes.length).toBeGreaterThan(0);
    expect(gw.dreamreflex.requests.count('GET /api/tickets')).toBe(0);
  });

  it('resolves every ticket’s people to Persons, naming them from Zammad in one batched search', async () => {
    const { body } = await query('{ tickets(first: 25, filter: { sources: [DREAMREFLEX] }) { nodes { creator { email name } assignee { email name } } } }');
    expect(body.errors).toBeUndefined();
    const nodes = (body.data!.tickets as { nodes: { creator: { email: string; name: string | null }; assignee: { name: string | null } | null }[] }).nodes;
    // The demo user's Dreamreflex tickets name only addresses; Zammad knows demo@tessera.local by name.
    const demo = gw.zammadStore.userByEmail('demo@tessera.local')!;
    expect(nodes[0]!.creator).toEqual({ email: 'demo@tessera.local', name: `${demo.firstname} ${demo.lastname}` });
    expect(gw.zammad.requests.count('GET /api/v1/users/search')).toBe(1);
  });

  it('knows the MaxCloud account behind the request’s token', async () => {
    const { body } = await query('{ me { maxcloud { email } } person(email: "OPS.ADMIN@spotmax.example") { maxCloudUser { email } } }');
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ me: { maxcloud: { email: 'ops.admin@spotmax.example' } }, person: { maxCloudUser: { email: 'ops.admin@spotmax.example' } } });
  });

  it('refuses something that is not an e-mail address', async () => {
    const { body } = await query(PERSON, { email: 'not an address' });
    expect(body.data!.person).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
