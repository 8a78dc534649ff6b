import { once } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createServer } from '../../src/server.js';
import { toGlobalId } from '../../src/globalId.js';
import { startTestGateway, withApiKey, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
beforeAll(async () => {
  // The default upstream timeout (generous): only the timeout test below uses a short one, against a vendor that never answers.
  gw = await startTestGateway();
});
afterAll(() => gw.close());
beforeEach(() => {
  gw.dreamreflex.clearFaults();
  gw.dreamreflex.requests.reset();
});

const query = (q: string, variables?: Record<string, unknown>) => gw.gql(q, variables, withApiKey);

describe('bad requests', () => {
  it('answers a malformed query with HTTP 400 and GRAPHQL_PARSE_FAILED', async () => {
    const { status, body } = await query('{ tickets(first: 3 { totalCount } }');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answers an unknown field or an invalid enum with a validation error, before any upstream call', async () => {
    const unknown = await query('{ tickets { nope } }');
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const badEnum = await query('query($s: TicketStatus) { tickets(filter: { sources: [DREAMREFLEX], status: $s }) { totalCount } }', { s: 'SNOOZED' });
    expect(badEnum.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(gw.dreamreflex.requests.count()).toBe(0);
  });

  it('treats a malformed ID as BAD_USER_INPUT and an unknown one as NOT_FOUND, never a 500', async () => {
    const malformed = await query('{ ticket(id: "%%%") { id } }');
    expect(malformed.status).toBe(200);
    expect(malformed.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const wrongType = await query('query($id: ID!) { ticket(id: $id) { id } }', { id: toGlobalId('Contract', 'DREAMREFLEX', '65fa4320a7c3e91d5b00002a') });
    expect(wrongType.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const unknown = await query('query($id: ID!) { ticket(id: $id) { id } node(id: $id) { id } }', { id: toGlobalId('DreamreflexTicket', 'DREAMREFLEX', '000000000000000000000000') });
    expect(unknown.body.data).toEqual({ ticket: null, node: null });
    expect(unknown.body.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);

    const traversal = await query('query($id: ID!) { project(id: $id) { id } }', { id: toGlobalId('Project', 'DREAMREFLEX', '..') });
    expect(traversal.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(gw.dreamreflex.requests.count('GET /api/projects/me')).toBe(0);
  });

  it('answers node() for a type no vendor issues, or issued by another vendor, with BAD_USER_INPUT and no upstream call', async () => {
    const ids = [toGlobalId('Spaceship', 'DREAMREFLEX', '1'), toGlobalId('Device', 'DREAMREFLEX', '1'), toGlobalId('ProjectFile', 'DREAMREFLEX', '1')];
    const { body } = await query('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(body.data!.nodes).toEqual([null, null, null]);
    expect(body.errors?.map((e) => [e.path?.[1], e.extensions?.code]).sort()).toEqual([
      [0, 'BAD_USER_INPUT'],
      [1, 'BAD_USER_INPUT'],
      // A file has an ID but no endpoint of its own: reached through its project.
      [2, 'NOT_FOUND'],
    ]);
    expect(gw.dreamreflex.requests.count()).toBe(0);
  });

  it('returns the other items of nodes() when one ID is bad', async () => {
    const { body: listed } = await query('{ contracts(first: 1) { nodes { id } } }');
    const good = (listed.data!.contracts as { nodes: { id: string }[] }).nodes[0]!.id;
    const { body } = await query('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [good, 'garbage!', good] });
    expect(body.data!.nodes).toEqual([{ id: good }, null, { id: good }]);
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.path).toEqual(['nodes', 1]);
  });
});

describe('a vendor in trouble', () => {
  it('maps a vendor 5xx to UPSTREAM_ERROR with the method, path and status, and no vendor body', async () => {
    gw.dreamreflex.setFaults({ forceStatus: 500 });
    const { body } = await query('{ contracts { totalCount } }');
    expect(body.data).toEqual({ contracts: null });
    expect(body.errors?.[0]).toMatchObject({
      message: 'Dreamreflex failed with HTTP 500',
      path: ['contracts'],
      extensions: { code: 'UPSTREAM_ERROR', source: 'DREAMREFLEX', upstream: { method: 'GET', path: '/api/contracts/me', status: 500 } },
    });
  });

  it('retries a failed read once on 503, but never a write', async () => {
    gw.dreamreflex.setFaults({ forceStatus: 503 });
    await query('{ contracts { totalCount } }');
    expect(gw.dreamreflex.requests.count('GET /api/contracts/me')).toBe(0); // faults answer before routing
    expect(gw.dreamreflex.requests.count('GET unmatched')).toBe(2);
    gw.dreamreflex.requests.reset();
    const write = await query('mutation { createDreamreflexTicket(input: { title: "t", ticketType: BUSINESS, content: "c" }) { id } }');
    expect(write.body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
    expect(gw.dreamreflex.requests.count('POST unmatched')).toBe(1);
  });

  it('maps a garbage body to UPSTREAM_ERROR instead of reading it as data', async () => {
    gw.dreamreflex.setFaults({ malformedBody: true });
    const { body } = await query('{ projects { totalCount } }');
    expect(body.data).toEqual({ projects: null });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', source: 'DREAMREFLEX' });
    expect(body.errors?.[0]?.message).toBe('Dreamreflex sent a response Tessera cannot read');
  });

  it('keeps the fields that worked when one part of the vendor fails (partial results)', async () => {
    gw.dreamreflex.setFaults({ forceStatus: 500, pathPrefix: '/api/contracts' });
    const { body } = await query('{ tickets(first: 2, filter: { sources: [DREAMREFLEX] }) { totalCount } contracts { totalCount } me { dreamreflex { email } } }');
    expect(body.data).toEqual({ tickets: { totalCount: 25 }, contracts: null, me: { dreamreflex: { email: 'demo@tessera.local' } } });
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.path).toEqual(['contracts']);
  });
});

describe('a vendor that is unreachable or not configured', () => {
  async function gatewayWith(env: Record<string, string>) {
    const config = loadConfig({ TESSERA_ALLOW_ANONYMOUS: 'true', LOG_LEVEL: 'silent', ...env });
    const server = await createServer(config, { logger: createLogger('silent') });
    const url = await server.listen(0, '127.0.0.1');
    const post = async (q: string) =>
      (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q }) })).json()) as {
        data: Record<string, unknown>;
        errors: { extensions: Record<string, unknown>; message: string }[];
      };
    return { post, stop: () => server.stop() };
  }

  it('maps a vendor that never answers to UPSTREAM_TIMEOUT', async () => {
    // Accepts the connection and the request, then says nothing: a hang far longer than any timeout.
    const silent: Server = createHttpServer(() => {});
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const g = await gatewayWith({
      DREAMREFLEX_BASE_URL: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
      DREAMREFLEX_EMAIL: 'a@b.c',
      DREAMREFLEX_PASSWORD: 'whatever-1',
      // Long enough that a busy test machine's own stalls (blamed on the gateway past a quarter of it) stay well below it.
      TESSERA_UPSTREAM_TIMEOUT_MS: '2500',
    });
    try {
      const body = await g.post('{ contracts { totalCount } }');
      expect(body.data).toEqual({ contracts: null });
      expect(body.errors[0]!.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', source: 'DREAMREFLEX', retryable: true });
    } finally {
      await g.stop();
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('maps connection refused to UPSTREAM_UNAVAILABLE', async () => {
    const g = await gatewayWith({ DREAMREFLEX_BASE_URL: 'http://127.0.0.1:9', DREAMREFLEX_EMAIL: 'a@b.c', DREAMREFLEX_PASSWORD: 'whatever-1' });
    try {
      const body = await g.post('{ contracts { totalCount } }');
      expect(body.data).toEqual({ contracts: null });
      expect(body.errors[0]!.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', source: 'DREAMREFLEX' });
    } finally {
      await g.stop();
    }
  });

  it('says VENDOR_NOT_CONFIGURED for a vendor without a base URL, without failing the request', async () => {
    const g = await gatewayWith({ THINGSCLOUD_BASE_URL: 'http://127.0.0.1:9' });
    try {
      const body = await g.post('{ tickets { totalCount missingSources nodes { id } } me { dreamreflex { email } } }');
      // Every ticket vendor is missing, each with its own error; the request itself is answered.
      expect(body.data).toEqual({ tickets: { totalCount: null, missingSources: ['DREAMREFLEX', 'ZAMMAD', 'MAXCLOUD'], nodes: [] }, me: { dreamreflex: null } });
      const codes = body.errors.map((e) => [e.extensions.source, e.extensions.code, (e as { path?: unknown }).path]);
      expect(codes).toEqual(
        expect.arrayContaining([
          ['DREAMREFLEX', 'VENDOR_NOT_CONFIGURED', ['tickets']],
          ['ZAMMAD', 'VENDOR_NOT_CONFIGURED', ['tickets']],
          ['MAXCLOUD', 'VENDOR_NOT_CONFIGURED', ['tickets']],
          ['DREAMREFLEX', 'VENDOR_NOT_CONFIGURED', ['me', 'dreamreflex']],
        ]),
      );
      expect(body.errors).toHaveLength(4);
      expect(body.errors.find((e) => e.extensions.source === 'ZAMMAD')!.message).toContain('ZAMMAD_BASE_URL');
    } finally {
      await g.stop();
    }
  });
});

describe('the HTTP surface', () => {
  it('answers health and readiness, and echoes a request ID', async () => {
    const base = gw.url.replace(/\/graphql$/, '');
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const { headers } = await gw.gql('{ __typename }', undefined, { 'x-request-id': 'trace-abc-123' });
    expect(headers.get('x-request-id')).toBe('trace-abc-123');
  });
});
