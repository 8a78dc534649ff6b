import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gql, type Reference, type StoreObject } from '@apollo/client';
import { createTestClient } from '../support/apolloClient.js';
import { startTestGateway, withApiKey, type TestGateway } from '../support/gateway.js';

/**
 * Apollo Client 4 in Node, as a frontend would use Tessera: queries across vendors, a mutation,
 * `fetchMore` paging, a normalized cache, automatic persisted queries.
 */

const TICKET_FIELDS = gql`
  fragment TicketFields on Ticket {
    id
    source
    title
    status
    createdAt
    creator {
      email
      name
    }
    ... on ZammadTicket {
      number
    }
    ... on MaxCloudTicket {
      groupTag
    }
    ... on DreamreflexTicket {
      ticketType
    }
  }
`;

const OVERVIEW = gql`
  query Overview {
    tickets(first: 10) {
      totalCount
      missingSources
      nodes {
        ...TicketFields
      }
    }
    dreamreflexTickets: tickets(first: 2, filter: { sources: [DREAMREFLEX] }) {
      nodes {
        ...TicketFields
      }
    }
    devices(first: 3) {
      totalCount
      nodes {
        id
        name
        online
        type {
          id
          name
        }
      }
    }
  }
  ${TICKET_FIELDS}
`;

const TICKET_PAGE = gql`
  query TicketPage($first: Int!, $after: String, $filter: TicketFilter) {
    tickets(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...TicketFields
        }
      }
      nodes {
        id
      }
    }
  }
  ${TICKET_FIELDS}
`;

const TICKET = gql`
  query Ticket($id: ID!) {
    ticket(id: $id) {
      ...TicketFields
      ... on ZammadTicket {
        tags
        state {
          nativeId
          name
        }
      }
    }
  }
  ${TICKET_FIELDS}
`;

const RENAME_ZAMMAD_TICKET = gql`
  mutation RenameZammadTicket($id: ID!, $title: String!) {
    updateZammadTicket(id: $id, input: { title: $title }) {
      id
      title
      updatedAt
    }
  }
`;

interface TicketNode {
  __typename: string;
  id: string;
  title: string;
  source: string;
}
interface OverviewData {
  tickets: { totalCount: number; missingSources: string[]; nodes: TicketNode[] };
  dreamreflexTickets: { nodes: TicketNode[] };
  devices: { totalCount: number; nodes: { __typename: string; id: string; name: string }[] };
}
interface TicketPageData {
  tickets: {
    pageInfo: { hasNextPage: boolean; endCursor: string };
    edges: { cursor: string; node: TicketNode }[];
    nodes: { id: string }[];
  };
}

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

const newClient = (options: Parameters<typeof createTestClient>[1] = {}) => createTestClient(gw.url, { headers: withApiKey, ...options });

/** Every object in a result that has `__typename` and `id`. */
function objectsWithId(value: unknown, found: StoreObject[] = []): StoreObject[] {
  if (Array.isArray(value)) value.forEach((item) => objectsWithId(item, found));
  else if (value !== null && typeof value === 'object') {
    const object = value as StoreObject;
    if (typeof object.__typename === 'string' && typeof object.id === 'string') found.push(object);
    Object.values(object).forEach((field) => objectsWithId(field, found));
  }
  return found;
}

describe('Apollo Client against Tessera', () => {
  it('reads tickets of MaxCloud, Zammad and Dreamreflex and ThingsCloud devices in one request, normalizing every object with an id', async () => {
    const { client, cache, requests } = newClient();
    const { data } = await client.query<OverviewData>({ query: OVERVIEW });
    expect(requests).toHaveLength(1);
    expect(data!.tickets.missingSources).toEqual([]);
    const typenames = new Set([...data!.tickets.nodes, ...data!.dreamreflexTickets.nodes].map((ticket) => ticket.__typename));
    expect(typenames).toEqual(new Set(['MaxCloudTicket', 'ZammadTicket', 'DreamreflexTicket']));
    expect(data!.devices.nodes.length).toBeGreaterThan(0);

    const stored = cache.extract();
    const withId = objectsWithId(data);
    expect(withId.length).toBeGreaterThan(10);
    for (const object of withId) {
      const key = cache.identify(object)!;
      expect(key).toBe(`${object.__typename}:${object.id}`);
      expect(stored[key]).toMatchObject({ id: object.id });
    }
    // Lists hold references to the one stored copy, not copies.
    const root = stored.ROOT_QUERY as Record<string, { nodes: Reference[] }>;
    expect(root['tickets:{}']!.nodes[0]).toEqual({ __ref: cache.identify({ ...data!.tickets.nodes[0]! }) });
    // People have no id; the recommended type policy keys them by e-mail address.
    expect(Object.keys(stored).some((key) => key.startsWith('Person:{"email":'))).toBe(true);
  });

  it('pages tickets with fetchMore into one list per filter, the same tickets as one big page', async () => {
    const { client, cache, requests } = newClient();
    const observable = client.watchQuery<TicketPageData>({ query: TICKET_PAGE, variables: { first: 4 } });
    let subscription: { unsubscribe(): void } | undefined;
    const firstPage = new Promise<TicketPageData>((resolve, reject) => {
      subscription = observable.subscribe({ next: (result) => void (result.dataState === 'complete' && resolve(result.data)), error: reject });
    });
    try {
      let page = (await firstPage).tickets;
      for (let i = 0; i < 2; i++) {
        page = (await observable.fetchMore<TicketPageData>({ variables: { after: page.pageInfo.endCursor } })).data!.tickets;
      }
      const merged = client.readQuery<TicketPageData>({ query: TICKET_PAGE, variables: { first: 4 } })!.tickets;
      const direct = await gw.gql('query($first: Int) { tickets(first: $first) { nodes { id } } }', { first: 12 }, withApiKey);
      const directIds = (direct.body.data!.tickets as { nodes: { id: string }[] }).nodes.map((node) => node.id);

      expect(merged.nodes.map((node) => node.id)).toEqual(directIds);
      expect(merged.edges.map((edge) => edge.node.id)).toEqual(directIds);
      // The last page's place, so the next fetchMore goes on from there.
      expect(merged.pageInfo.endCursor).toBe(page.pageInfo.endCursor);
      expect(requests).toHaveLength(3);

      // Another filter is another list; it does not disturb the first.
      await client.query({ query: TICKET_PAGE, variables: { first: 2, filter: { status: 'OPEN' } } });
      const root = cache.extract().ROOT_QUERY as Record<string, { nodes: unknown[] }>;
      expect(root['tickets:{}']!.nodes).toHaveLength(12);
      expect(root['tickets:{"filter":{"status":"OPEN"}}']!.nodes).toHaveLength(2);
    } finally {
      subscription?.unsubscribe();
    }
  });

  it('updates a renamed ticket in every cached query that holds it, without another request', async () => {
    const { client, cache, requests } = newClient();
    const overview = (await client.query<OverviewData>({ query: OVERVIEW })).data!;
    const zammadTicket = overview.tickets.nodes.find((ticket) => ticket.__typename === 'ZammadTicket')!;
    const nativeId = (await client.query<{ ticket: { nativeId: string } }>({ query: gql`query ($id: ID!) { ticket(id: $id) { id nativeId } }`, variables: { id: zammadTicket.id } })).data!.ticket.nativeId;
    await client.query({ query: TICKET, variables: { id: zammadTicket.id } });
    const before = requests.length;

    const title = `Renamed through Apollo Client ${Date.now()}`;
    await client.mutate({ mutation: RENAME_ZAMMAD_TICKET, variables: { id: zammadTicket.id, title } });
    expect(requests).toHaveLength(before + 1);

    expect(cache.extract()[`ZammadTicket:${zammadTicket.id}`]).toMatchObject({ title });
    const cachedOverview = client.readQuery<OverviewData>({ query: OVERVIEW })!;
    expect(cachedOverview.tickets.nodes.find((ticket) => ticket.id === zammadTicket.id)!.title).toBe(title);
    const cachedTicket = client.readQuery<{ ticket: TicketNode }>({ query: TICKET, variables: { id: zammadTicket.id } })!;
    expect(cachedTicket.ticket.title).toBe(title);
    // A cache-first query is answered from the cache, already up to date.
    const again = await client.query<OverviewData>({ query: OVERVIEW });
    expect(again.data!.tickets.nodes.find((ticket) => ticket.id === zammadTicket.id)!.title).toBe(title);
    expect(requests).toHaveLength(before + 1);
    // And Zammad has it.
    expect(gw.zammadStore.tickets().find((ticket) => String(ticket.id) === nativeId)!.title).toBe(title);
  });

  it('sends automatic persisted queries: the first use registers the query, later uses send only its hash', async () => {
    const first = newClient({ persistedQueries: 'sha256' });
    await first.client.query({ query: OVERVIEW });
    // A hash-only GET the gateway does not know yet, then the POST that registers the query.
    expect(first.requests).toEqual([
      { method: 'GET', hash: expect.any(String), status: 200 },
      { method: 'POST', hash: first.requests[0]!.hash, query: expect.stringContaining('query Overview'), status: 200 },
    ]);

    const second = newClient({ persistedQueries: 'sha256' });
    const { data } = await second.client.query<OverviewData>({ query: OVERVIEW });
    expect(second.requests).toEqual([{ method: 'GET', hash: first.requests[0]!.hash, status: 200 }]);
    expect(data!.tickets.nodes).toHaveLength(10);

    // Mutations are persisted too, always POSTed: a hash-only POST, then the one that registers it.
    const mutation = newClient({ persistedQueries: 'sha256' });
    await mutation.client.mutate({ mutation: RENAME_ZAMMAD_TICKET, variables: { id: await firstZammadTicketId(), title: 'Renamed by hash' } });
    expect(mutation.requests.map(({ method, query }) => [method, query === undefined ? 'hash' : 'text'])).toEqual([
      ['POST', 'hash'],
      ['POST', 'text'],
    ]);
  });
});

async function firstZammadTicketId(): Promise<string> {
  const response = await gw.gql('{ tickets(first: 1, filter: { sources: [ZAMMAD] }) { nodes { id } } }', {}, withApiKey);
  return (response.body.data!.tickets as { nodes: { id: string }[] }).nodes[0]!.id;
}
