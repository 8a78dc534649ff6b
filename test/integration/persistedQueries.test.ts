import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBareGateway, type BareGateway } from '../support/bareGateway.js';

/** Automatic persisted queries, and safelist mode: only registered operations run. */

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** One GraphQL request, POSTed as JSON or sent as GET search parameters (with the header that satisfies CSRF prevention). */
async function send(url: string, method: 'GET' | 'POST', request: { query?: string; hash?: string; variables?: Record<string, unknown> }): Promise<Answer> {
  const extensions = request.hash === undefined ? undefined : { persistedQuery: { version: 1, sha256Hash: request.hash } };
  const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
  let response: Response;
  if (method === 'POST') {
    response = await fetch(url, { method, headers, body: JSON.stringify({ query: request.query, variables: request.variables, extensions }) });
  } else {
    const target = new URL(url);
    if (request.query !== undefined) target.searchParams.set('query', request.query);
    if (request.variables !== undefined) target.searchParams.set('variables', JSON.stringify(request.variables));
    if (extensions !== undefined) target.searchParams.set('extensions', JSON.stringify(extensions));
    response = await fetch(target, { headers });
  }
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const codeOf = (answer: Answer) => answer.body.errors?.[0]?.extensions?.code;

describe('automatic persisted queries', () => {
  let gw: BareGateway;
  beforeAll(async () => {
    gw = await startBareGateway();
  });
  afterAll(() => gw.close());

  it.each(['POST', 'GET'] as const)('over %s: an unknown hash is not found, the full text registers it, then the hash alone is served', async (method) => {
    const query = `query Apq${method} { __typename }`;
    const hash = sha256(query);

    const unknown = await send(gw.url, method, { hash });
    expect(unknown.status).toBe(200);
    expect(codeOf(unknown)).toBe('PERSISTED_QUERY_NOT_FOUND');

    const registered = await send(gw.url, method, { query, hash });
    expect(registered).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });

    const byHash = await send(gw.url, method, { hash });
    expect(byHash).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
  });

  it('refuses text that does not hash to the hash it is sent with, so no hash can be hijacked', async () => {
    const answer = await send(gw.url, 'POST', { query: '{ __typename }', hash: sha256('{ something }') });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } }]);
  });

  it('is off with TESSERA_APQ_CACHE_MB=0', async () => {
    const off = await startBareGateway({ TESSERA_APQ_CACHE_MB: '0' });
    try {
      const answer = await send(off.url, 'POST', { hash: sha256('{ __typename }') });
      expect(codeOf(answer)).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
    } finally {
      await off.close();
    }
  });
});

describe('safelist mode', () => {
  const registered = 'query Registered { __typename }';
  const withVariables = 'query NodeById($id: ID!) { node(id: $id) { id } }';
  const unregistered = 'query Unregistered { __schema { types { name } } }';
  let dir: string;
  let gw: BareGateway;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-safelist-'));
    const manifest = join(dir, 'persisted-documents.json');
    // client-preset's form (`sha256:` prefix) and Apollo's bare hash, side by side.
    writeFileSync(manifest, JSON.stringify({ [`sha256:${sha256(registered)}`]: registered, [sha256(withVariables)]: withVariables }));
    gw = await startBareGateway({ TESSERA_OPERATION_SAFELIST: manifest });
  });
  afterAll(async () => {
    await gw.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const expectRefused = (answer: Answer) => {
    expect(answer.status).toBe(403);
    expect(answer.body.data).toBeUndefined();
    expect(codeOf(answer)).toBe('OPERATION_NOT_IN_SAFELIST');
    expect(answer.body.errors?.[0]?.message).toMatch(/registered operations/);
  };

  it.each(['POST', 'GET'] as const)('runs a registered operation by its hash alone over %s, with or without the sha256: prefix', async (method) => {
    for (const hash of [sha256(registered), `sha256:${sha256(registered)}`]) {
      expect(await send(gw.url, method, { hash })).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
    }
    const withVars = await send(gw.url, method, { hash: sha256(withVariables), variables: { id: 'not-an-id' } });
    expect(codeOf(withVars)).toBe('BAD_USER_INPUT');
  });

  it('runs a registered operation by its full text, also spaced or commented differently', async () => {
    expect(await send(gw.url, 'POST', { query: registered })).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
    const respaced = '# the same operation\nquery Registered {\n  __typename,\n}\n';
    expect(await send(gw.url, 'GET', { query: respaced })).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
  });

  it('refuses an unregistered operation by text or by hash, before parsing it, with 403 OPERATION_NOT_IN_SAFELIST', async () => {
    expectRefused(await send(gw.url, 'POST', { query: unregistered }));
    expectRefused(await send(gw.url, 'GET', { query: unregistered }));
    expectRefused(await send(gw.url, 'POST', { hash: sha256(unregistered) }));
    expectRefused(await send(gw.url, 'POST', { query: 'this is { not GraphQL' }));
    expectRefused(await send(gw.url, 'POST', { query: 'mutation { submitContactForm(input: {name: "x", email: "x", message: "x", turnstileToken: "x"}) { id } }' }));
    expect(gw.logs.some((line) => line.includes('not in the safelist'))).toBe(true);
  });

  it('lets no client register an operation: the APQ registration is refused and the hash stays unknown', async () => {
    expectRefused(await send(gw.url, 'POST', { query: unregistered, hash: sha256(unregistered) }));
    expectRefused(await send(gw.url, 'GET', { hash: sha256(unregistered) }));
  });

  it('refuses requests that would smuggle an unregistered operation beside a registered one', async () => {
    // A repeated search parameter (Apollo refuses it too), a batch, a registered hash with other text.
    const target = new URL(gw.url);
    target.searchParams.append('query', registered);
    target.searchParams.append('query', unregistered);
    const repeated = await fetch(target, { headers: { 'content-type': 'application/json' } });
    expect(repeated.status).toBe(403);

    const batch = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: registered }, { query: unregistered }]),
    });
    expect(batch.status).toBe(403);

    expectRefused(await send(gw.url, 'POST', { query: unregistered, hash: sha256(registered) }));
  });
});
