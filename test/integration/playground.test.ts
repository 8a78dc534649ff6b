import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { createPlayground } from '../../src/http/playground.js';
import { demoUser, startTestGateway, TEST_API_KEY, type TestGateway } from '../support/gateway.js';
import { zammadDemoCredentials } from '../../src/simulators/zammad/index.js';

/** What a browser's address bar sends. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

describe('the playground over HTTP (live mode, TESSERA_PLAYGROUND=true)', () => {
  let gw: TestGateway;
  let origin: string;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { TESSERA_PLAYGROUND: 'true' } });
    origin = new URL(gw.url).origin;
  });
  afterAll(() => gw.close());

  const get = (pathAndQuery: string, headers: Record<string, string> = {}) => fetch(`${origin}${pathAndQuery}`, { headers, redirect: 'manual' });

  it('gives a browser the page at /graphql and at /graphiql, linking only its own bundle', async () => {
    for (const at of ['/graphql', '/graphiql']) {
      const response = await get(at, { accept: BROWSER_ACCEPT });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
      const html = await response.text();
      expect(html).toMatch(/<script type="module" src="graphiql\/assets\/main-[\w-]+\.js"><\/script>/);
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    }
  });

  it('serves every file the page links, cached for good', async () => {
    const html = await (await get('/graphiql')).text();
    const files = [...html.matchAll(/(?:src|href)="(graphiql\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      const response = await get(`/${file}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toContain('immutable');
      await response.arrayBuffer();
    }
    expect((await get('/graphiql/assets/nope.js')).status).toBe(404);
  });

  it('leaves everything but a browser’s page request to the API', async () => {
    // curl's default Accept, a GET with an operation, an APQ hash GET: Apollo answers, in JSON.
    const curl = await get('/graphql', { accept: '*/*' });
    expect(curl.headers.get('content-type')).toMatch(/json/);
    const withQuery = await get(`/graphql?query=${encodeURIComponent('{ __typename }')}`, { accept: BROWSER_ACCEPT, 'apollo-require-preflight': 'true' });
    expect(await withQuery.json()).toEqual({ data: { __typename: 'Query' } });
    const apq = await get(`/graphql?extensions=${encodeURIComponent('{"persistedQuery":{"version":1,"sha256Hash":"00"}}')}`, { accept: BROWSER_ACCEPT, 'apollo-require-preflight': 'true' });
    expect(apq.headers.get('content-type')).toMatch(/json/);
    const post = await gw.gql('{ __typename }');
    expect(post.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('redirects /graphiql/ to /graphiql', async () => {
    const response = await get('/graphiql/');
    expect(response.status).toBe(301);
    expect(new URL(response.headers.get('location')!, `${origin}/graphiql/`).pathname).toBe('/graphiql');
  });

  it('puts no credential in the page in live mode, only an empty x-api-key to fill in', async () => {
    const html = await (await get('/graphiql')).text();
    for (const secret of [TEST_API_KEY, demoUser.password, zammadDemoCredentials.adminToken, zammadDemoCredentials.agentToken]) expect(html).not.toContain(secret);
    const settings = JSON.parse(html.match(/<script id="tessera-playground" type="application\/json">(.*?)<\/script>/s)![1]!) as {
      tabs: { headers?: string }[];
      defaultHeaders: string;
    };
    expect(JSON.parse(settings.defaultHeaders)).toEqual({ 'x-api-key': '' });
    expect(settings.tabs.every((tab) => tab.headers === settings.defaultHeaders)).toBe(true);
  });
});

describe('the playground switched off (the default in live mode)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('serves no page, and Apollo shows no landing page of its own', async () => {
    const origin = new URL(gw.url).origin;
    expect((await fetch(`${origin}/graphiql`, { headers: { accept: BROWSER_ACCEPT } })).status).toBe(404);
    const response = await fetch(`${origin}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.headers.get('content-type')).toMatch(/json/);
    expect(await response.text()).not.toMatch(/sandbox|landing|cdn\./i);
  });
});

describe('the playground before its bundle is built', () => {
  it('answers 503 with how to build it', async () => {
    const emptyDir = mkdtempSync(path.join(tmpdir(), 'tessera-playground-'));
    const app = express().use(createPlayground({ mode: 'demo', apiKeys: [], allowAnonymous: false }, { assetsDir: emptyDir }));
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphiql`);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('npm run build:playground');
    } finally {
      server.close();
      rmSync(emptyDir, { recursive: true });
    }
  });
});
