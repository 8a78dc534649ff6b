import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { execute, parse } from 'graphql';
import { loadConfig } from '../../src/config.js';
import { createContextFactory, type Context } from '../../src/context.js';
import { createLogger } from '../../src/logger.js';
import { createSchema } from '../../src/schema.js';
import { createUpstreams } from '../../src/upstreams.js';
import { createWriteGuards } from '../../src/writes/createWriteGuards.js';
import { demoUser, startTestGateway, TEST_API_KEY, withApiKey, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

/** Queries as the demo user (the service account, borrowed with the API key). */
const query = (q: string, variables?: Record<string, unknown>) => gw.gql(q, variables, withApiKey);

async function firstTicketId(): Promise<string> {
  const { body } = await query('{ tickets(first: 1, filter: { sources: [DREAMREFLEX] }) { nodes { id } } }');
  return (body.data?.tickets as { nodes: { id: string }[] }).nodes[0]!.id;
}

describe('tickets', () => {
  it('lists the caller’s tickets newest first with Relay paging and the vendor’s total', async () => {
    const { body } = await query(`{
      tickets(first: 10, filter: { sources: [DREAMREFLEX] }) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage endCursor }
        edges { cursor node { id source nativeId title body status vendorStatus createdAt creator { email } } }
      }
    }`);
    expect(body.errors).toBeUndefined();
    const tickets = body.data!.tickets as {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string };
      edges: { cursor: string; node: { nativeId: string; createdAt: string; source: string; creator: { email: string }; status: string; vendorStatus: string } }[];
    };
    expect(tickets.totalCount).toBe(25);
    expect(tickets.edges).toHaveLength(10);
    expect(tickets.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const times = tickets.edges.map((e) => Date.parse(e.node.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    for (const { node } of tickets.edges) {
      expect(node.source).toBe('DREAMREFLEX');
      expect(node.creator.email).toBe('demo@tessera.local');
      expect(node.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect({ pending: 'OPEN', replied: 'RESOLVED' }[node.vendorStatus]).toBe(node.status);
    }

    const next = await query('query($after: String) { tickets(first: 10, after: $after, filter: { sources: [DREAMREFLEX] }) { pageInfo { hasPreviousPage } nodes { nativeId } } }', {
      after: tickets.pageInfo.endCursor,
    });
    const nextIds = (next.body.data!.tickets as { nodes: { nativeId: string }[] }).nodes.map((n) => n.nativeId);
    expect(nextIds).toHaveLength(10);
    const firstIds = tickets.edges.map((e) => e.node.nativeId);
    expect(nextIds.filter((id) => firstIds.includes(id))).toEqual([]);
  });

  it('rejects first above 100 instead of truncating, before any vendor call', async () => {
    gw.dreamreflex.requests.reset();
    const tooMany = await query('{ tickets(first: 101, filter: { sources: [DREAMREFLEX] }) { totalCount } }');
    expect(tooMany.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooMany.body.errors?.[0]?.message).toMatch(/at most 100/);
    expect(gw.dreamreflex.requests.count('GET /api/tickets')).toBe(0);
  });

  it('filters by normalized status', async () => {
    const { body } = await query('{ open: tickets(first: 100, filter: { sources: [DREAMREFLEX], status: OPEN }) { totalCount nodes { vendorStatus } } resolved: tickets(filter: { sources: [DREAMREFLEX], status: RESOLVED }) { totalCount } closed: tickets(filter: { sources: [DREAMREFLEX], status: CLOSED }) { totalCount } }');
    const open = body.data!.open as { totalCount: number; nodes: { vendorStatus: string }[] };
    expect(open.nodes.every((n) => n.vendorStatus === 'pending')).toBe(true);
    expect(open.totalCount + (body.data!.resolved as { totalCount: number }).totalCount).toBe(25);
    expect((body.data!.closed as { totalCount: number }).totalCount).toBe(0);
  });

  it('shows a replied ticket’s feedback, responder and everyone involved', async () => {
    const { body } = await query('{ tickets(first: 5, filter: { sources: [DREAMREFLEX], status: RESOLVED }) { nodes { ... on DreamreflexTicket { feedback repliedAt editable responder { email } people { email } } } } }');
    const [ticket] = (body.data!.tickets as { nodes: { feedback: string; repliedAt: string; editable: boolean; responder: { email: string }; people: { email: string }[] }[] }).nodes;
    expect(ticket!.feedback).toEqual(expect.any(String));
    expect(ticket!.editable).toBe(false);
    expect(ticket!.people.map((p) => p.email)).toEqual(['demo@tessera.local', ticket!.responder.email]);
  });
});

describe('reads through per-request loaders', () => {
  beforeEach(() => gw.dreamreflex.requests.reset());

  it('costs one upstream call for the same ticket asked for through aliases, node and nodes', async () => {
    const id = await firstTicketId();
    gw.dreamreflex.requests.reset();
    const { body } = await query(
      `query($id: ID!) {
        a: ticket(id: $id) { id title }
        b: ticket(id: $id) { id status }
        c: node(id: $id) { id ... on Ticket { title } }
        d: nodes(ids: [$id, $id]) { id }
      }`,
      { id },
    );
    expect(body.errors).toBeUndefined();
    expect((body.data!.a as { id: string }).id).toBe(id);
    expect((body.data!.c as { id: string }).id).toBe(id);
    expect(gw.dreamreflex.requests.count('GET /api/tickets/:ticket_id')).toBe(1);
  });

  it('needs no extra call for a record the same request already listed', async () => {
    // Root fields of a query run side by side, so a lookup beside the list is fetched before the list
    // returns. To look up after the list, two operations run here on one request context, the way
    // later fields of one request would.
    const config = loadConfig({ DREAMREFLEX_BASE_URL: gw.dreamreflex.url, DREAMREFLEX_EMAIL: demoUser.email, DREAMREFLEX_PASSWORD: demoUser.password, TESSERA_API_KEYS: TEST_API_KEY });
    const logger = createLogger('silent');
    const createContext = createContextFactory({ config, upstreams: createUpstreams(config, logger), logger, writeGuards: createWriteGuards(config, logger) });
    const newRequest = () => createContext({ req: { headers: { 'x-api-key': TEST_API_KEY } } as unknown as IncomingMessage });
    const schema = createSchema();
    const run = async (contextValue: Context, source: string, variableValues?: Record<string, unknown>) => {
      const result = await execute({ schema, document: parse(source), contextValue, variableValues });
      expect(result.errors).toBeUndefined();
      return result.data as Record<string, unknown>;
    };

    const request = await newRequest();
    const listed = await run(request, '{ tickets(first: 5, filter: { sources: [DREAMREFLEX] }) { nodes { id ... on DreamreflexTicket { title } } } }');
    const nodes = (listed.tickets as { nodes: { id: string; title: string }[] }).nodes;
    gw.dreamreflex.requests.reset();
    const looked = await run(request, 'query($a: ID!, $b: ID!) { a: ticket(id: $a) { title } b: node(id: $b) { ... on Ticket { title } } }', { a: nodes[0]!.id, b: nodes[4]!.id });
    expect(looked).toEqual({ a: { title: nodes[0]!.title }, b: { title: nodes[4]!.title } });
    expect(gw.dreamreflex.requests.count('GET /api/tickets/:ticket_id')).toBe(0);

    // The same lookup in a request that listed nothing costs its call.
    await run(await newRequest(), 'query($a: ID!) { ticket(id: $a) { title } }', { a: nodes[0]!.id });
    expect(gw.dreamreflex.requests.count('GET /api/tickets/:ticket_id')).toBe(1);
  });

  it('does not share loaders between requests', async () => {
    const id = await firstTicketId();
    gw.dreamreflex.requests.reset();
    await query('query($id: ID!) { ticket(id: $id) { id } }', { id });
    await query('query($id: ID!) { ticket(id: $id) { id } }', { id });
    expect(gw.dreamreflex.requests.count('GET /api/tickets/:ticket_id')).toBe(2);
  });
});

describe('contracts, projects and the business account', () => {
  it('lists contracts and fetches one by ID and through node', async () => {
    const { body } = await query('{ contracts(first: 10) { totalCount nodes { id title isSigned contentMarkdown owner { email } } } }');
    const contracts = body.data!.contracts as { totalCount: number; nodes: { id: string; isSigned: boolean; owner: { email: string } }[] };
    expect(contracts.totalCount).toBeGreaterThanOrEqual(3);
    expect(contracts.nodes.some((c) => c.isSigned)).toBe(true);
    expect(contracts.nodes.some((c) => !c.isSigned)).toBe(true);
    const id = contracts.nodes[0]!.id;
    const one = await query('query($id: ID!) { contract(id: $id) { id title } node(id: $id) { __typename } }', { id });
    expect(one.body.data).toMatchObject({ contract: { id }, node: { __typename: 'Contract' } });
  });

  it('reads a project with its files (filtered by name and tag), links and tasks (filtered by status)', async () => {
    const { body } = await query(`{
      projects(first: 10) {
        totalCount
        nodes {
          id name overviewMarkdown
          files { totalCount nodes { filename tag size contentType } }
          links { totalCount nodes { title url } }
          tasks { totalCount nodes { status } }
          pending: tasks(status: PENDING) { totalCount nodes { status } }
        }
      }
    }`);
    expect(body.errors).toBeUndefined();
    type File = { filename: string; tag: string | null };
    const projects = body.data!.projects as {
      nodes: { id: string; files: { totalCount: number; nodes: File[] }; links: { totalCount: number }; tasks: { totalCount: number }; pending: { totalCount: number; nodes: { status: string }[] } }[];
    };
    const project = projects.nodes.find((p) => p.files.totalCount > 1)!;
    expect(project.links.totalCount).toBeGreaterThan(0);
    expect(project.pending.nodes.every((t) => t.status === 'PENDING')).toBe(true);
    expect(project.pending.totalCount).toBeLessThan(project.tasks.totalCount);

    const all = project.files.nodes;
    const tagged = all.find((f) => f.tag)!;
    // A file's extension, in capitals: matched case-insensitively, it names some of the files and not others.
    const needle = tagged.filename.slice(tagged.filename.lastIndexOf('.')).toUpperCase();
    const nameMatches = all.filter((f) => f.filename.toLowerCase().includes(needle.toLowerCase())).map((f) => f.filename);
    const tagMatches = all.filter((f) => f.tag === tagged.tag).map((f) => f.filename);
    expect(nameMatches.length).toBeGreaterThan(0);
    expect(nameMatches.length).toBeLessThan(all.length);
    expect(tagMatches.length).toBeLessThan(all.length);
    const filtered = await query(
      'query($id: ID!, $tag: String, $name: String) { project(id: $id) { byTag: files(tag: $tag) { totalCount nodes { filename tag } } byName: files(filename: $name) { totalCount nodes { filename } } } }',
      { id: project.id, tag: tagged.tag, name: needle },
    );
    expect(filtered.body.errors).toBeUndefined();
    const result = filtered.body.data!.project as { byTag: { totalCount: number; nodes: File[] }; byName: { totalCount: number; nodes: File[] } };
    expect(result.byTag.nodes.map((f) => f.filename).sort()).toEqual([...tagMatches].sort());
    expect(result.byTag.totalCount).toBe(tagMatches.length);
    expect(result.byName.nodes.map((f) => f.filename).sort()).toEqual([...nameMatches].sort());
    expect(result.byName.totalCount).toBe(nameMatches.length);
  });

  it('gives each file a fresh pre-signed download URL', async () => {
    const { body } = await query('{ projects(first: 1) { nodes { files(first: 1) { nodes { filename download { url expiresAt } } } } } }');
    const file = (body.data!.projects as { nodes: { files: { nodes: { download: { url: string; expiresAt: string } }[] } }[] }).nodes[0]!.files.nodes[0]!;
    expect(file.download.url).toMatch(/^https:\/\//);
    const minutes = (Date.parse(file.download.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(55);
    expect(minutes).toBeLessThanOrEqual(60);
  });

  it('shows the caller with their business account, and the account by ID', async () => {
    const { body } = await query('{ me { dreamreflex { id email role fullName person { email name } businessAccount { id status companyName owner { email } } } } }');
    const me = (body.data!.me as { dreamreflex: { email: string; role: string; person: { email: string }; businessAccount: { id: string; status: string } } }).dreamreflex;
    expect(me).toMatchObject({ email: 'demo@tessera.local', role: 'USER', person: { email: 'demo@tessera.local' }, businessAccount: { status: 'ACTIVE' } });
    const byId = await query('query($id: ID!) { businessAccount(id: $id) { id status } }', { id: me.businessAccount.id });
    expect(byId.body.data!.businessAccount).toEqual({ id: me.businessAccount.id, status: 'ACTIVE' });
  });
});
