import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/globalId.js';
import type { RunningSimulator } from '../../src/simulators/index.js';
import { startTestGateway, withApiKey, type GraphQLResponse, type TestGateway } from '../support/gateway.js';

/**
 * Vendor calls per query = the fewest that answer it, for Lexiang, Dreamreflex and Zammad: the
 * by-ID planner (reads by ID or list pages, whichever is fewer), loaders primed by list reads
 * (also those still in flight in the same query), and identical list calls made once.
 */

const TEAM_FIELDS = 'id nativeId source name code signature type isSecret logo createdAt';
const DREAMREFLEX_TICKET_FIELDS = 'id nativeId title body status vendorStatus createdAt updatedAt ticketType feedback repliedAt editable creator { email }';

/** Calls per route, without the token and login calls (made once per process, not per query). */
function callsOf(sim: RunningSimulator): Record<string, number> {
  const calls = sim.requests.snapshot();
  for (const route of ['POST /cgi-bin/token', 'POST /api/auth/login']) delete calls[route];
  return calls;
}

function dataOf(response: GraphQLResponse): Record<string, unknown> {
  expect(response.body.errors).toBeUndefined();
  return response.body.data!;
}

const teamId = (nativeId: string) => toGlobalId('Team', 'LEXIANG', nativeId);

describe('call plan', () => {
  let gw: TestGateway;
  const query = (q: string, variables?: Record<string, unknown>) => gw.gql(q, variables, withApiKey);
  /** One request per ID: the per-ID path, to compare the planned answers with. */
  const oneByOne = async (ids: string[], fields: string) =>
    Promise.all(ids.map(async (id) => dataOf(await query(`query($id: ID!) { node(id: $id) { ... on Node { id } ${fields} } }`, { id })).node));

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  const reset = () => {
    for (const sim of [gw.lexiang, gw.dreamreflex, gw.zammad]) sim.requests.reset();
  };

  describe('Lexiang teams by ID', () => {
    it('answers nodes of 30 teams with one list page, before anything is known of the list (it reads the first page to learn)', async () => {
      const ids = gw.lexiangTeams
        .list('desc')
        .slice(0, 30)
        .map((team) => teamId(team.id));
      reset();
      const planned = dataOf(await query(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Team { ${TEAM_FIELDS} } } }`, { ids })).nodes;
      expect(callsOf(gw.lexiang)).toEqual({ 'GET /cgi-bin/v1/teams': 1 });

      const single = await oneByOne(ids, `... on Team { ${TEAM_FIELDS} }`);
      expect(planned).toEqual(single);
    });

    it('answers nodes of 30 teams with one list page once the list’s total is known, a missing team being null', async () => {
      const live = gw.lexiangTeams.list('desc');
      const missing = teamId('ffffffffffffffffffffffffffffffff');
      const ids = [...live.slice(5, 34).map((team) => teamId(team.id)), missing];
      reset();
      const response = await query(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Team { nativeId } } }`, { ids });
      expect(callsOf(gw.lexiang)).toEqual({ 'GET /cgi-bin/v1/teams': 1 });
      expect(response.body.data!.nodes).toEqual([...live.slice(5, 34).map((team) => ({ nativeId: team.id })), null]);
      expect(response.body.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    });

    it('reads one team by ID: one call, not a list page', async () => {
      const [team] = gw.lexiangTeams.list('desc');
      reset();
      dataOf(await query('query($id: ID!) { team(id: $id) { name } }', { id: teamId(team!.id) }));
      expect(callsOf(gw.lexiang)).toEqual({ 'GET /cgi-bin/v1/teams/:team_id': 1 });
    });

    it('follows teams listed in the same query without another call: the by-ID reads wait for the list to land', async () => {
      const live = gw.lexiangTeams.list('desc');
      reset();
      const data = dataOf(
        await query(
          `query($a: ID!, $b: ID!, $c: ID!) {
            teams(first: 30) { nodes { nativeId } }
            a: team(id: $a) { nativeId name }
            b: team(id: $b) { nativeId }
            c: node(id: $c) { ... on Team { nativeId } }
          }`,
          { a: teamId(live[0]!.id), b: teamId(live[12]!.id), c: teamId(live[29]!.id) },
        ),
      );
      expect(callsOf(gw.lexiang)).toEqual({ 'GET /cgi-bin/v1/teams': 1 });
      expect(data).toMatchObject({ a: { nativeId: live[0]!.id, name: live[0]!.name }, b: { nativeId: live[12]!.id }, c: { nativeId: live[29]!.id } });
    });

    it('does so whatever the order of the fields', async () => {
      const live = gw.lexiangTeams.list('desc');
      reset();
      const data = dataOf(await query('query($ids: [ID!]!) { nodes(ids: $ids) { ... on Team { nativeId } } teams(first: 30) { totalCount } }', { ids: live.slice(0, 3).map((team) => teamId(team.id)) }));
      expect(data.nodes).toEqual(live.slice(0, 3).map((team) => ({ nativeId: team.id })));
      expect(callsOf(gw.lexiang)).toEqual({ 'GET /cgi-bin/v1/teams': 1 });
    });

    it('reads a team the parallel list did not return by ID, after the list landed', async () => {
      const live = gw.lexiangTeams.list('desc');
      reset();
      const data = dataOf(await query('query($id: ID!) { teams(first: 5) { totalCount } team(id: $id) { nativeId } }', { id: teamId(live[20]!.id) }));
      expect(data.team).toEqual({ nativeId: live[20]!.id });
      expect(callsOf(gw.lexiang)).toEqual({ 'GET /cgi-bin/v1/teams': 1, 'GET /cgi-bin/v1/teams/:team_id': 1 });
    });

    it('makes identical list calls once per request', async () => {
      reset();
      const data = dataOf(await query('{ a: teams(first: 10) { nodes { nativeId } } b: teams(first: 10) { totalCount nodes { name } } }'));
      expect(callsOf(gw.lexiang)).toEqual({ 'GET /cgi-bin/v1/teams': 1 });
      expect((data.a as { nodes: unknown[] }).nodes).toHaveLength(10);
    });
  });

  describe('Dreamreflex records by ID', () => {
    const ticketIds = async (count: number) => {
      const { tickets } = dataOf(await query(`{ tickets(first: ${count}, filter: { sources: [DREAMREFLEX] }) { nodes { id } } }`)) as { tickets: { nodes: { id: string }[] } };
      return tickets.nodes.map((node) => node.id);
    };

    it('answers nodes of 21 tickets with one page of the ticket list, with the data of 21 reads by ID', async () => {
      const ids = await ticketIds(21);
      expect(ids).toHaveLength(21);
      reset();
      const planned = dataOf(await query(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on DreamreflexTicket { ${DREAMREFLEX_TICKET_FIELDS} } } }`, { ids })).nodes;
      expect(callsOf(gw.dreamreflex)).toEqual({ 'GET /api/tickets': 1 });

      reset();
      const single = await oneByOne(ids, `... on DreamreflexTicket { ${DREAMREFLEX_TICKET_FIELDS} }`);
      expect(callsOf(gw.dreamreflex)).toEqual({ 'GET /api/tickets/:ticket_id': 21 });
      expect(planned).toEqual(single);
    });

    it('reads a ticket the caller’s list lacks by ID, for Dreamreflex’s own answer', async () => {
      const ids = await ticketIds(3);
      const unknown = toGlobalId('DreamreflexTicket', 'DREAMREFLEX', '0123456789abcdef01234567');
      reset();
      const response = await query(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on DreamreflexTicket { id } } }`, { ids: [...ids, unknown] });
      expect(response.body.data!.nodes).toEqual([...ids.map((id) => ({ id })), null]);
      expect(response.body.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
      expect(callsOf(gw.dreamreflex)).toEqual({ 'GET /api/tickets': 1, 'GET /api/tickets/:ticket_id': 1 });
    });

    it('shares the list page between a tickets list and nodes of the same tickets in one query', async () => {
      const ids = await ticketIds(10);
      reset();
      dataOf(await query(`query($ids: [ID!]!) { tickets(first: 10, filter: { sources: [DREAMREFLEX] }) { totalCount } nodes(ids: $ids) { id } }`, { ids }));
      expect(callsOf(gw.dreamreflex)).toEqual({ 'GET /api/tickets': 1 });
    });

    it('answers contracts and projects by ID from their lists too', async () => {
      const { contracts, projects } = dataOf(await query('{ contracts(first: 100) { nodes { id } } projects(first: 100) { nodes { id } } }')) as {
        contracts: { nodes: { id: string }[] };
        projects: { nodes: { id: string }[] };
      };
      const ids = [...contracts.nodes, ...projects.nodes].map((node) => node.id);
      expect(contracts.nodes.length).toBeGreaterThanOrEqual(2);
      expect(projects.nodes.length).toBeGreaterThanOrEqual(2);
      reset();
      const planned = dataOf(await query(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Contract { id title isSigned } ... on Project { id name } } }`, { ids })).nodes;
      expect(callsOf(gw.dreamreflex)).toEqual({ 'GET /api/contracts/me': 1, 'GET /api/projects/me': 1 });
      expect(planned).toEqual(await oneByOne(ids, '... on Contract { id title isSigned } ... on Project { id name }'));
    });

    it('makes identical list calls once per request', async () => {
      reset();
      dataOf(await query('{ a: contracts(first: 5) { totalCount } b: contracts(first: 5) { nodes { id } } }'));
      expect(callsOf(gw.dreamreflex)).toEqual({ 'GET /api/contracts/me': 1 });

      const { projects } = dataOf(await query('{ projects(first: 1) { nodes { id } } }')) as { projects: { nodes: { id: string }[] } };
      reset();
      dataOf(
        await query('query($id: ID!) { a: project(id: $id) { files(first: 5) { totalCount } tasks { totalCount } } b: project(id: $id) { files(first: 5) { nodes { id } } tasks { nodes { id } } } }', {
          id: projects.nodes[0]!.id,
        }),
      );
      expect(callsOf(gw.dreamreflex)).toEqual({ 'GET /api/projects/:project_id': 1, 'GET /api/projects/:project_id/files': 1, 'GET /api/projects/:project_id/tasks': 1 });
    });
  });

  describe('Zammad', () => {
    it('costs a page of tickets with customer, owner and group one search', async () => {
      reset();
      dataOf(await query('{ zammadTickets(first: 50) { nodes { customerUser { login } owner { login } group { name active } } } }'));
      // Searched without `expand`, the answer's assets hold the users and the groups as whole records:
      // no read per distinct user, and no group list.
      expect(callsOf(gw.zammad)).toEqual({ 'GET /api/v1/tickets/search': 1 });
    });

    it('reads a user found by a search in the same query once', async () => {
      const john = gw.zammadStore.userByEmail('john.smith@example.com')!;
      reset();
      const data = dataOf(
        await query('query($id: ID!) { zammadUsers(first: 1, query: "john.smith@example.com") { nodes { login } } node(id: $id) { ... on ZammadUser { login email } } }', {
          id: toGlobalId('ZammadUser', 'ZAMMAD', String(john.id)),
        }),
      );
      expect(data.node).toEqual({ login: john.login, email: john.email });
      expect(callsOf(gw.zammad)).toEqual({ 'GET /api/v1/users/search': 1 });
    });

    it('reads a ticket listed in the same query once', async () => {
      const [newest] = [...gw.zammadStore.tickets()].sort((a, b) => b.created_at - a.created_at || b.id - a.id);
      reset();
      dataOf(await query('query($id: ID!) { zammadTickets(first: 5) { nodes { id } } node(id: $id) { ... on ZammadTicket { title } } }', { id: toGlobalId('ZammadTicket', 'ZAMMAD', String(newest!.id)) }));
      expect(callsOf(gw.zammad)).toEqual({ 'GET /api/v1/tickets/search': 1 });
    });

    it('reads the caller, asked for as the viewer and by ID in one query, once', async () => {
      const me = dataOf(await query('{ me { zammad { id login } } }')).me as { zammad: { id: string; login: string } };
      reset();
      const data = dataOf(await query('query($id: ID!) { me { zammad { login } } node(id: $id) { ... on ZammadUser { login } } }', { id: me.zammad.id }));
      expect(data.node).toEqual({ login: me.zammad.login });
      expect(callsOf(gw.zammad)).toEqual({ 'GET /api/v1/users/me': 1 });
    });

    it('makes identical searches once per request', async () => {
      reset();
      dataOf(await query('{ a: zammadTickets(first: 5) { nodes { id } } b: zammadTickets(first: 5) { totalCount } c: zammadUsers(first: 3, query: "example.com") { nodes { id } } d: zammadUsers(first: 3, query: "example.com") { totalCount } }'));
      expect(callsOf(gw.zammad)).toEqual({ 'GET /api/v1/tickets/search': 1, 'GET /api/v1/users/search': 1 });
    });
  });
});

describe('call plan with smaller Lexiang pages', () => {
  let gw: TestGateway;
  const query = (q: string, variables?: Record<string, unknown>) => gw.gql(q, variables, withApiKey);

  beforeAll(async () => {
    gw = await startTestGateway({ lexiang: { perPageMax: 10 } });
    // Learns the list's total and Lexiang's real page size.
    dataOf(await query('{ teams(first: 25) { totalCount } }'));
  });
  afterAll(() => gw.close());

  it('reads teams by ID when that is fewer calls than the list’s pages, and the pages when they are fewer', async () => {
    const live = gw.lexiangTeams.list('desc');
    const pages = Math.ceil(live.length / 10);
    const byId = live.slice(0, pages).map((team) => teamId(team.id));
    gw.lexiang.requests.reset();
    dataOf(await query('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: byId }));
    expect(callsOf(gw.lexiang)).toEqual({ 'GET /cgi-bin/v1/teams/:team_id': pages });

    const byList = live.slice(0, pages + 1).map((team) => teamId(team.id));
    gw.lexiang.requests.reset();
    const data = dataOf(await query('query($ids: [ID!]!) { nodes(ids: $ids) { ... on Team { nativeId } } }', { ids: byList }));
    expect(callsOf(gw.lexiang)).toEqual({ 'GET /cgi-bin/v1/teams': pages });
    expect(data.nodes).toEqual(live.slice(0, pages + 1).map((team) => ({ nativeId: team.id })));
  });
});
