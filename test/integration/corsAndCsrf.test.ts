import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startBareGateway, type BareGateway } from '../support/bareGateway.js';

/** Browsers: CORS by the configured origin list; Apollo's CSRF prevention stays on. */

const APP = 'https://app.example.com';
const OTHER = 'https://evil.example.net';

let gw: BareGateway;
beforeAll(async () => {
  gw = await startBareGateway({ TESSERA_CORS_ORIGINS: `${APP}, http://localhost:*` });
});
afterAll(() => gw.close());

const preflight = (origin: string) =>
  fetch(gw.url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-api-key, x-zammad-authorization' },
  });
const post = (origin: string) =>
  fetch(gw.url, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });

describe('CORS', () => {
  it('lets a configured origin preflight and read the answer', async () => {
    const answer = await preflight(APP);
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe(APP);
    expect(answer.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(answer.headers.get('access-control-allow-headers')).toBe('content-type, x-api-key, x-zammad-authorization');
    expect(answer.headers.get('vary')).toMatch(/Origin/);

    const response = await post(APP);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-expose-headers')).toBe('x-request-id');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('gives any other origin no CORS headers, so its browser withholds the answer', async () => {
    const answer = await preflight(OTHER);
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(answer.headers.get('access-control-allow-headers')).toBeNull();
    const response = await post(OTHER);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('vary')).toMatch(/Origin/);
  });

  it('matches `scheme://host:*` on any port of that host only', async () => {
    for (const origin of ['http://localhost:5173', 'http://localhost']) {
      expect((await post(origin)).headers.get('access-control-allow-origin')).toBe(origin);
    }
    for (const origin of ['https://localhost:5173', 'http://localhost.evil.example:80', 'http://127.0.0.1:5173']) {
      expect((await post(origin)).headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('allows no origin in live mode unless configured', async () => {
    const live = await startBareGateway();
    try {
      const response = await fetch(live.url, { method: 'OPTIONS', headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' } });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await live.close();
    }
  });
});

describe('CSRF prevention', () => {
  const simpleGet = (headers: Record<string, string> = {}) => fetch(`${gw.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { origin: OTHER, ...headers } });

  it('refuses a GET a page could send without a preflight', async () => {
    const response = await simpleGet();
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/Cross-Site Request Forgery/);
  });

  it('refuses a POST with a content type a form can send', async () => {
    const response = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/Cross-Site Request Forgery/);
  });

  it('runs the same GET when it carries a header that forces a preflight', async () => {
    for (const headers of [{ 'apollo-require-preflight': 'true' }, { 'content-type': 'application/json' }] as Record<string, string>[]) {
      const response = await simpleGet(headers);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    }
  });
});
