import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/globalId.js';
import { startTestGateway, withApiKey, type GraphQLResponse, type TestGateway } from '../support/gateway.js';

interface TicketNode {
  id: string;
  nativeId: string;
  number: string;
  title: string;
  createdAt: string;
  tags: string[];
  group: { name: string };
  state: { name: string };
}
interface TicketPage {
  totalCount: number | null;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  nodes: TicketNode[];
}

const TICKETS = `query($first: Int, $after: String, $filter: ZammadTicketFilter, $rawQuery: String) {
  zammadTickets(first: $first, after: $after, filter: $filter, rawQuery: $rawQuery) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
    nodes { id nativeId number title createdAt tags group { name } state { name } }
  }
}`;

const ticketsOf = (response: GraphQLResponse) => {
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.zammadTickets as TicketPage;
};
const iso = (ms: number) => new Date(ms).toISOString();

describe('Zammad reads', () => {
  let gw: TestGateway;
  const query = (q: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => gw.gql(q, variables, { ...withApiKey, ...headers });
  /** The admin (the service account) sees every ticket: the store's, newest first. */
  const newestFirst = () => [...gw.zammadStore.tickets()].sort((a, b) => b.created_at - a.created_at || b.id - a.id);

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());
  beforeEach(() => {
    gw.zammad.clearFaults();
    gw.zammad.requests.reset();
  });

  describe('tickets', () => {
    it('lists tickets newest first with Zammad’s total, in one search call', async () => {
      const page = ticketsOf(await query(TICKETS, { first: 10 }));
      const expected = newestFirst();
      expect(page.totalCount).toBe(expected.length);
      expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      expect(page.nodes.map((t) => t.nativeId)).toEqual(expected.slice(0, 10).map((t) => String(t.id)));
      expect(page.nodes[0]).toMatchObject({ number: expected[0]!.number, title: expected[0]!.title, createdAt: iso(expected[0]!.created_at) });
      expect(gw.zammad.requests.snapshot()).toEqual({ 'GET /api/v1/tickets/search': 1, 'GET /api/v1/tags': 10 });
    });

    it('answers the shared tickets and ticket fields for Zammad, with a normalized status filter', async () => {
      const TICKET_ROOT = `query($filter: TicketFilter, $id: ID!) {
        tickets(first: 100, filter: $filter) { totalCount nodes { id source status vendorStatus } }
        ticket(id: $id) { id source title ... on ZammadTicket { number } }
      }`;
      // "pending reminder" and "pending close" are both waiting states; their names differ from their types.
      const waitingStates = new Set(['pending reminder', 'pending close']);
      const waiting = newestFirst().filter((t) => waitingStates.has(gw.zammadStore.state(t.state_id)!.name));
      const someTicket = toGlobalId('ZammadTicket', 'ZAMMAD', String(waiting[0]!.id));
      const { body } = await query(TICKET_ROOT, { filter: { sources: ['ZAMMAD'], status: 'PENDING' }, id: someTicket });
      expect(body.errors).toBeUndefined();
      const tickets = body.data!.tickets as { totalCount: number; nodes: { id: string; source: string; status: string; vendorStatus: string }[] };
      expect(tickets.totalCount).toBe(waiting.length);
      expect(tickets.nodes.map((t) => t.id)).toEqual(waiting.slice(0, 100).map((t) => toGlobalId('ZammadTicket', 'ZAMMAD', String(t.id))));
      expect(new Set(tickets.nodes.map((t) => t.status))).toEqual(new Set(['PENDING']));
      expect(new Set(tickets.nodes.map((t) => t.vendorStatus))).toEqual(waitingStates);
      expect(body.data!.ticket).toEqual({ id: someTicket, source: 'ZAMMAD', title: waiting[0]!.title, number: waiting[0]!.number });
      // The state list once (the status filter and every status field share it), the search once.
      expect(gw.zammad.requests.count('GET /api/v1/ticket_states')).toBe(1);
      expect(gw.zammad.requests.count('GET /api/v1/tickets/search')).toBe(1);
    });

    it('pages with after and never repeats a ticket; reads several Zammad pages for a large first', async () => {
      const one = ticketsOf(await query(TICKETS, { first: 30 }));
      const two = ticketsOf(await query(TICKETS, { first: 30, after: one.pageInfo.endCursor }));
      expect(two.pageInfo.hasPreviousPage).toBe(true);
      const seen = new Set(one.nodes.map((t) => t.nativeId));
      expect(two.nodes.filter((t) => seen.has(t.nativeId))).toEqual([]);
      gw.zammad.requests.reset();
      const all = ticketsOf(await query('{ zammadTickets(first: 500) { totalCount pageInfo { hasNextPage } nodes { nativeId } } }'));
      expect(all.nodes.map((t) => t.nativeId)).toEqual(newestFirst().map((t) => String(t.id)));
      expect(all.pageInfo.hasNextPage).toBe(false);
      // Zammad's search pages at most 200 records.
      expect(gw.zammad.requests.count('GET /api/v1/tickets/search')).toBe(Math.ceil(all.totalCount! / 200));
    });

    it('filters by state, group, customer, tags and creation time; every value matched literally', async () => {
      const store = gw.zammadStore;
      const sample = newestFirst().find((t) => t.tags.length > 0 && t.organization_id !== null)!;
      const customer = store.user(sample.customer_id)!;
      const state = store.state(sample.state_id)!.name;
      const group = store.group(sample.group_id)!.name;
      const filter = {
        states: [state],
        groups: [group],
        customer: customer.email.toUpperCase(),
        tags: sample.tags,
        createdAt: { from: iso(sample.created_at - 1000), to: iso(sample.created_at + 1000) },
      };
      const page = ticketsOf(await query(TICKETS, { first: 50, filter }));
      const expected = newestFirst().filter(
        (t) =>
          t.state_id === sample.state_id &&
          t.group_id === sample.group_id &&
          t.customer_id === sample.customer_id &&
          sample.tags.every((tag) => t.tags.includes(tag)) &&
          Math.abs(t.created_at - sample.created_at) <= 1000,
      );
      expect(page.nodes.map((t) => t.nativeId)).toEqual(expected.map((t) => String(t.id)));
      expect(page.nodes.map((t) => t.nativeId)).toContain(String(sample.id));
    });

    it('AND-s a raw Zammad query with the filter', async () => {
      const sample = newestFirst()[5]!;
      const page = ticketsOf(await query(TICKETS, { first: 50, rawQuery: `number:${sample.number}`, filter: { states: [gw.zammadStore.state(sample.state_id)!.name] } }));
      expect(page.nodes.map((t) => t.number)).toEqual([sample.number]);
      const none = ticketsOf(await query(TICKETS, { first: 50, rawQuery: `number:${sample.number}`, filter: { states: ['no such state'] } }));
      expect(none.nodes).toEqual([]);
    });

    it('matches a tag that looks like a query only literally: no other ticket comes back', async () => {
      const tag = 'x OR customer.email:*';
      const created = await query(
        `mutation($input: CreateZammadTicketInput!) { createZammadTicket(input: $input) { nativeId } }`,
        { input: { title: 'Escaping check', group: 'Users', customer: 'nicole.braun@zammad.org', tags: [tag], article: { body: 'literal tag' } } },
      );
      expect(created.body.errors).toBeUndefined();
      const id = (created.body.data!.createZammadTicket as { nativeId: string }).nativeId;
      for (const tags of [[tag], ['*'], ['x'], ['" OR *:* OR "']]) {
        const page = ticketsOf(await query(TICKETS, { first: 50, filter: { tags } }));
        expect(page.nodes.map((t) => t.nativeId)).toEqual(tags[0] === tag ? [id] : []);
      }
      const text = ticketsOf(await query(TICKETS, { first: 50, filter: { text: '*' } }));
      expect(text.nodes).toEqual([]);
    });

    it('reads a total-less search (older Zammad) without a total, still paging', async () => {
      const older = await startTestGateway({ zammad: { ticketSearchTotalCount: false } });
      try {
        const first = ticketsOf(await older.gql(TICKETS, { first: 20 }, withApiKey));
        expect(first.totalCount).toBeNull();
        expect(first.pageInfo.hasNextPage).toBe(true);
        expect(first.nodes).toHaveLength(20);
        // The same without `expand` (answered with assets): still no total, still paging.
        const withPeople = await older.gql('{ zammadTickets(first: 20) { totalCount pageInfo { hasNextPage } nodes { nativeId customerUser { login } } } }', {}, withApiKey);
        expect(withPeople.body.errors).toBeUndefined();
        const assetsPage = withPeople.body.data!.zammadTickets as { totalCount: number | null; pageInfo: { hasNextPage: boolean }; nodes: { nativeId: string; customerUser: { login: string } }[] };
        expect(assetsPage).toMatchObject({ totalCount: null, pageInfo: { hasNextPage: true } });
        expect(assetsPage.nodes.map((n) => n.nativeId)).toEqual(first.nodes.map((n) => n.nativeId));
        expect(assetsPage.nodes.every((n) => n.customerUser.login !== '')).toBe(true);
      } finally {
        await older.close();
      }
    });
  });

  describe('batching', () => {
    it('answers a page of 50 with its people, organizations and groups from one search’s assets, the state and priority lists alongside', async () => {
      gw.zammad.setFaults({ latencyMs: 50 });
      const response = await query(`{
        zammadTickets(first: 50) {
          nodes {
            customerUser { login email }
            owner { login }
            organization { name shared }
            group { name active }
            state { name stateType }
            zammadPriority { name active }
            status
          }
        }
      }`);
      expect(response.body.errors).toBeUndefined();
      const page = newestFirst().slice(0, 50);
      const store = gw.zammadStore;
      const nodes = (response.body.data!.zammadTickets as { nodes: Record<string, unknown>[] }).nodes;
      expect(nodes).toEqual(
        page.map((t) => {
          const customer = store.user(t.customer_id)!;
          const organization = t.organization_id === null ? null : store.organization(t.organization_id)!;
          const state = store.state(t.state_id)!;
          return expect.objectContaining({
            customerUser: { login: customer.login, email: customer.email },
            owner: t.owner_id === 1 ? null : { login: store.user(t.owner_id)!.login },
            organization: organization && { name: organization.name, shared: organization.shared },
            group: { name: store.group(t.group_id)!.name, active: store.group(t.group_id)!.active },
            state: { name: state.name, stateType: store.stateTypes.find((type) => type.id === state.state_type_id)!.name },
            zammadPriority: { name: store.priority(t.priority_id)!.name, active: store.priority(t.priority_id)!.active },
          });
        }),
      );
      // Searched without `expand`: the assets hold the customers, owners, their organizations and the
      // groups, so no user, organization or group is read apart (they were 21 + 7 + 1 calls with
      // `expand`). Assets hold no states or priorities: their lists, sent with the search, in its wave.
      expect(gw.zammad.requests.snapshot()).toEqual({
        'GET /api/v1/tickets/search': 1,
        'GET /api/v1/ticket_states': 1,
        'GET /api/v1/ticket_priorities': 1,
      });
      expect(gw.zammad.requests.peakInFlight()).toBe(3);
    });

    it('names the priority of tickets read with assets from the priority list, and reads role names by ID', async () => {
      const response = await query('{ zammadTickets(first: 20) { nodes { priority vendorPriority customerUser { roles } } } }');
      expect(response.body.errors).toBeUndefined();
      const page = newestFirst().slice(0, 20);
      const store = gw.zammadStore;
      const nodes = (response.body.data!.zammadTickets as { nodes: { priority: string; vendorPriority: string; customerUser: { roles: string[] } }[] }).nodes;
      expect(nodes.map((n) => n.vendorPriority)).toEqual(page.map((t) => store.priority(t.priority_id)!.name));
      expect(nodes.map((n) => n.priority)).toEqual(page.map((t) => /\b(low|normal|high)\b/.exec(store.priority(t.priority_id)!.name)![1]!.toUpperCase()));
      expect(nodes.map((n) => n.customerUser.roles)).toEqual(page.map((t) => store.user(t.customer_id)!.role_ids.map((id) => store.roles.find((r) => r.id === id)!.name)));
      // The assets' users come without role names (this Zammad adds no roles to them): each
      // customer is read once more, as it was before the assets.
      const customers = new Set(page.map((t) => t.customer_id));
      expect(gw.zammad.requests.snapshot()).toEqual({ 'GET /api/v1/tickets/search': 1, 'GET /api/v1/ticket_priorities': 1, 'GET /api/v1/users/:id': customers.size });
    });

    it('gives the merged tickets’ people from the assets, and names statuses and priorities from the lists when asked', async () => {
      const response = await query('{ tickets(first: 30, filter: { sources: [ZAMMAD] }) { nodes { nativeId vendorStatus vendorPriority people { email } } } }');
      expect(response.body.errors).toBeUndefined();
      const page = newestFirst().slice(0, 30);
      const store = gw.zammadStore;
      const email = (id: number) => (id === 1 ? [] : [store.user(id)!.email!.toLowerCase()]);
      expect(response.body.data!.tickets).toEqual({
        nodes: page.map((t) => ({
          nativeId: String(t.id),
          vendorStatus: store.state(t.state_id)!.name,
          vendorPriority: store.priority(t.priority_id)!.name,
          people: [...new Set([...email(t.created_by_id), ...email(t.customer_id), ...email(t.owner_id)])].map((e) => ({ email: e })),
        })),
      });
      // The feed is not told the selection: the assets answer the people; each name costs its list once.
      expect(gw.zammad.requests.snapshot()).toEqual({ 'GET /api/v1/tickets/search': 1, 'GET /api/v1/ticket_states': 1, 'GET /api/v1/ticket_priorities': 1 });
    });

    it('answers state, group and priority names from the ticket itself, without a call', async () => {
      const response = await query('{ zammadTickets(first: 50) { nodes { vendorStatus state { name } group { name } zammadPriority { name } } } }');
      expect(response.body.errors).toBeUndefined();
      expect(gw.zammad.requests.snapshot()).toEqual({ 'GET /api/v1/tickets/search': 1 });
    });

    it('follows a listed user or ticket back without another call (lists prime the loaders)', async () => {
      const response = await query(`{
        zammadUsers(first: 1, query: "john.smith@example.com") { nodes { tickets(first: 5) { nodes { customerUser { login } articles(first: 1) { nodes { ticket { title } } } } } } }
      }`);
      expect(response.body.errors).toBeUndefined();
      expect(gw.zammad.requests.count('GET /api/v1/users/:id')).toBe(0);
      expect(gw.zammad.requests.count('GET /api/v1/tickets/:id')).toBe(0);
    });
  });

  describe('records', () => {
    it('reads a ticket through node with its relations, articles and attachments', async () => {
      const store = gw.zammadStore;
      const ticket = store.tickets().find((t) => store.articlesOf(t.id).some((a) => a.attachments.length > 0) && t.owner_id !== 1)!;
      const articles = store.articlesOf(ticket.id);
      const withFile = articles.find((a) => a.attachments.length > 0)!;
      const file = withFile.attachments[0]!;
      const response = await query(
        `query($id: ID!) { node(id: $id) { ... on ZammadTicket {
          number title body status vendorStatus articleCount tags createdAt
          customerUser { email person { email name } } owner { email } createdBy { login } people { email }
          articles(first: 50) { totalCount nodes { id nativeId type sender from internal body contentType createdBy { login }
            attachments { nativeId filename size contentType content } } }
        } } }`,
        { id: toGlobalId('ZammadTicket', 'ZAMMAD', String(ticket.id)) },
      );
      expect(response.body.errors).toBeUndefined();
      const node = response.body.data!.node as {
        articles: { totalCount: number; nodes: { nativeId: string; attachments: { nativeId: string; content: string }[] }[] };
      };
      const customer = store.user(ticket.customer_id)!;
      expect(node).toMatchObject({
        number: ticket.number,
        title: ticket.title,
        body: articles[0]!.body,
        vendorStatus: store.state(ticket.state_id)!.name,
        articleCount: articles.length,
        tags: ticket.tags,
        customerUser: { email: customer.email, person: { email: customer.email, name: `${customer.firstname} ${customer.lastname}`.trim() } },
        owner: { email: store.user(ticket.owner_id)!.email },
      });
      expect(node.articles.totalCount).toBe(articles.length);
      const article = node.articles.nodes.find((a) => a.nativeId === String(withFile.id))!;
      const attachment = article.attachments.find((a) => a.nativeId === String(file.id))!;
      expect(attachment).toMatchObject({ filename: file.filename, size: file.content.length, contentType: file.preferences['Content-Type'] });
      expect(Buffer.from(attachment.content, 'base64').equals(file.content)).toBe(true);
      expect(gw.zammad.requests.count('GET /api/v1/ticket_attachment/:ticket_id/:article_id/:id')).toBe(1);
    });

    it('pages a ticket’s articles in Tessera (Zammad returns them all at once)', async () => {
      const store = gw.zammadStore;
      const ticket = store.tickets().find((t) => store.articlesOf(t.id).length >= 3)!;
      const id = toGlobalId('ZammadTicket', 'ZAMMAD', String(ticket.id));
      const ARTICLES = `query($id: ID!, $after: String) { node(id: $id) { ... on ZammadTicket { articles(first: 2, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } nodes { nativeId } } } } }`;
      const first = (await query(ARTICLES, { id })).body.data!.node as { articles: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { nativeId: string }[] } };
      const second = (await query(ARTICLES, { id, after: first.articles.pageInfo.endCursor })).body.data!.node as typeof first;
      const expected = store.articlesOf(ticket.id).map((a) => String(a.id));
      expect(first.articles.pageInfo.hasNextPage).toBe(true);
      expect([...first.articles.nodes, ...second.articles.nodes].map((a) => a.nativeId)).toEqual(expected.slice(0, 4));
    });

    it('reads users, organizations, groups and articles through node; a missing one is null with NOT_FOUND', async () => {
      const store = gw.zammadStore;
      const organization = store.organizations().find((o) => store.users().some((u) => u.organization_id === o.id))!;
      const member = store.users().find((u) => u.organization_id === organization.id)!;
      const group = store.groups()[0]!;
      const article = store.articlesOf(store.tickets()[0]!.id)[0]!;
      const response = await query(
        `query($ids: [ID!]!) { nodes(ids: $ids) {
          id
          ... on ZammadUser { login email organization { name } }
          ... on ZammadOrganization { name shared members(first: 50) { totalCount nodes { email } } }
          ... on ZammadGroup { name active }
          ... on ZammadArticle { body ticket { nativeId } }
        } }`,
        {
          ids: [
            toGlobalId('ZammadUser', 'ZAMMAD', String(member.id)),
            toGlobalId('ZammadOrganization', 'ZAMMAD', String(organization.id)),
            toGlobalId('ZammadGroup', 'ZAMMAD', String(group.id)),
            toGlobalId('ZammadArticle', 'ZAMMAD', String(article.id)),
            toGlobalId('ZammadTicket', 'ZAMMAD', '999999'),
            toGlobalId('ZammadUser', 'ZAMMAD', 'not-a-number'),
          ],
        },
      );
      const nodes = response.body.data!.nodes as ({ members?: { nodes: { email: string }[] } } | null)[];
      expect(nodes[0]).toMatchObject({ login: member.login, email: member.email, organization: { name: organization.name } });
      const members = store.users().filter((u) => u.organization_id === organization.id);
      expect(nodes[1]).toMatchObject({ name: organization.name, shared: organization.shared, members: { totalCount: members.length } });
      expect(nodes[1]!.members!.nodes.map((m) => m.email)).toEqual(members.map((m) => m.email));
      expect(nodes[2]).toMatchObject({ name: group.name, active: group.active });
      expect(nodes[3]).toMatchObject({ body: article.body, ticket: { nativeId: String(article.ticket_id) } });
      expect(nodes[4]).toBeNull();
      expect(nodes[5]).toBeNull();
      const errors = response.body.errors!.map((e) => [e.path, e.extensions?.code]);
      expect(errors).toHaveLength(2);
      expect(errors).toEqual(expect.arrayContaining([
        [['nodes', 4], 'NOT_FOUND'],
        [['nodes', 5], 'NOT_FOUND'],
      ]));
    });

    it('lists groups, states and priorities, and the caller as Viewer.zammad', async () => {
      const response = await query(`{
        me { zammad { login roles } }
        zammadGroups { name }
        zammadTicketStates { name stateType status active }
        zammadTicketPriorities { name active }
      }`);
      expect(response.body.errors).toBeUndefined();
      const data = response.body.data as {
        me: { zammad: unknown };
        zammadGroups: { name: string }[];
        zammadTicketStates: unknown[];
        zammadTicketPriorities: { name: string }[];
      };
      expect(data.me.zammad).toMatchObject({ login: 'tessera.admin', roles: expect.arrayContaining(['Admin']) });
      expect(data.zammadGroups.map((g) => g.name)).toEqual(gw.zammadStore.groups().map((g) => g.name));
      expect(data.zammadTicketStates).toContainEqual({ name: 'pending close', stateType: 'pending action', status: 'PENDING', active: true });
      expect(data.zammadTicketPriorities.map((p) => p.name)).toEqual(['1 low', '2 normal', '3 high']);
    });

    it('lists users by search with a total, and all users without one', async () => {
      const response = await query(`{
        found: zammadUsers(first: 5, query: "nicole") { totalCount nodes { email } }
        all: zammadUsers(first: 5) { totalCount pageInfo { hasNextPage } nodes { nativeId } }
        customerTickets: zammadUsers(first: 1, query: "john.smith@example.com") { nodes { tickets(first: 50) { totalCount nodes { nativeId } } } }
      }`);
      expect(response.body.errors).toBeUndefined();
      const data = response.body.data as {
        found: { totalCount: number; nodes: { email: string }[] };
        all: { totalCount: number | null; nodes: { nativeId: string }[] };
        customerTickets: { nodes: { tickets: unknown }[] };
      };
      expect(data.found.nodes.map((u) => u.email)).toContain('nicole.braun@zammad.org');
      expect(data.found.totalCount).toBe(data.found.nodes.length);
      expect(data.all).toMatchObject({ totalCount: null, pageInfo: { hasNextPage: true } });
      expect(data.all.nodes.map((u) => u.nativeId)).toEqual(gw.zammadStore.users().slice(0, 5).map((u) => String(u.id)));
      const john = gw.zammadStore.userByEmail('john.smith@example.com')!;
      const own = newestFirst().filter((t) => t.customer_id === john.id);
      expect(data.customerTickets.nodes[0]!.tickets).toEqual({ totalCount: own.length, nodes: own.map((t) => ({ nativeId: String(t.id) })) });
    });
  });

  describe('failures', () => {
    it('keeps other vendors’ data when Zammad fails', async () => {
      gw.zammad.setFaults({ forceStatus: 503 });
      const response = await query('{ teams(first: 1) { totalCount } zammadTickets(first: 5) { totalCount } }');
      expect((response.body.data!.teams as { totalCount: number }).totalCount).toBeGreaterThan(0);
      expect(response.body.data!.zammadTickets).toBeNull();
      expect(response.body.errors).toHaveLength(1);
      expect(response.body.errors![0]).toMatchObject({ path: ['zammadTickets'], extensions: { code: 'UPSTREAM_ERROR', source: 'ZAMMAD', retryable: true } });
    });

    it('reports a Zammad that answers garbage as UPSTREAM_ERROR', async () => {
      gw.zammad.setFaults({ malformedBody: true });
      const response = await query('{ zammadGroups { name } }');
      expect(response.body.errors![0]).toMatchObject({ extensions: { code: 'UPSTREAM_ERROR', source: 'ZAMMAD' } });
    });
  });
});
