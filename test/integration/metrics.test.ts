import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestGateway, withApiKey, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;

beforeAll(async () => {
  // One request at a time: a second one while a slow one runs is shed.
  gw = await startTestGateway({ env: { TESSERA_MAX_IN_FLIGHT: '1' } });
});
afterAll(() => gw.close());

async function scrape(): Promise<{ status: number; contentType: string | null; text: string }> {
  const response = await fetch(gw.url.replace(/\/graphql$/, '/metrics'));
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
}

/** The value of the sample `name{labels}` (labels in any order), or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) return Number(match[3]);
  }
  return undefined;
}

describe('/metrics', () => {
  it('reports vendor call latency by route template, calls and errors by code, GraphQL outcomes, in flight back to 0, and shed requests', async () => {
    const ok = await gw.gql('query Devices { devices(first: 2) { totalCount nodes { id name } } }', {}, withApiKey);
    expect(ok.body.errors).toBeUndefined();

    gw.zammad.setFaults({ forceStatus: 503 });
    const partial = await gw.gql('query Tickets { tickets(first: 3) { missingSources } }', {}, withApiKey);
    expect((partial.body.data?.tickets as { missingSources: string[] }).missingSources).toEqual(['ZAMMAD']);
    gw.zammad.clearFaults();

    // Forced shed: one slow request holds the only slot; the next is refused.
    gw.thingscloud.setFaults({ latencyMs: 400 });
    const slow = gw.gql('{ devices(first: 1) { totalCount } }', {}, withApiKey);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = await gw.gql('{ devices(first: 1) { totalCount } }', {}, withApiKey);
    expect(refused.status).toBe(503);
    await slow;
    gw.thingscloud.clearFaults();

    const { status, contentType, text } = await scrape();
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/plain/);

    // A histogram per vendor call, with buckets, labelled by the route template.
    expect(sample(text, 'tessera_vendor_call_seconds_count', { vendor: 'thingscloud', method: 'GET', outcome: 'ok' })).toBeGreaterThan(0);
    expect(text).toMatch(/tessera_vendor_call_seconds_bucket\{[^}]*le="0\.1"[^}]*vendor="thingscloud"|tessera_vendor_call_seconds_bucket\{[^}]*vendor="thingscloud"[^}]*le="0\.1"/);
    expect(sample(text, 'tessera_vendor_call_seconds_count', { vendor: 'zammad', outcome: 'server_error' })).toBeGreaterThan(0);
    // Routes are templates: no query strings, no numeric IDs.
    const routes = [...text.matchAll(/route="([^"]*)"/g)].map((m) => m[1]!);
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) expect(route).toMatch(/^(?:\/(?:[a-zA-Z][\w-]*|v\d+|:id))+$|^other$/);

    expect(sample(text, 'tessera_vendor_calls_total', { vendor: 'zammad', code: '503' })).toBeGreaterThan(0);
    expect(sample(text, 'tessera_vendor_calls_total', { vendor: 'thingscloud', code: '200' })).toBeGreaterThan(0);

    expect(sample(text, 'tessera_graphql_requests_total', { outcome: 'ok' })).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'tessera_graphql_requests_total', { outcome: 'partial' })).toBe(1);
    expect(sample(text, 'tessera_graphql_request_seconds_count', { outcome: 'ok' })).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'tessera_vendor_calls_per_request_count')).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'tessera_graphql_requests_in_flight')).toBe(0);
    expect(sample(text, 'tessera_shed_total')).toBe(1);
    // Default process metrics are on.
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeDefined();
  });

  it('counts automatic persisted query hits and misses', async () => {
    const query = '{ __typename }';
    const { createHash } = await import('node:crypto');
    const extensions = { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } };
    const post = (body: object) => fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json', ...withApiKey }, body: JSON.stringify(body) });
    await post({ extensions }); // miss: not registered yet
    await post({ query, extensions }); // registers it
    await post({ extensions }); // hit
    const { text } = await scrape();
    expect(sample(text, 'tessera_apq_lookups_total', { result: 'hit' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'tessera_apq_lookups_total', { result: 'miss' })).toBeGreaterThanOrEqual(1);
  });

  it('is not served when TESSERA_METRICS=false', async () => {
    const off = await startTestGateway({ env: { TESSERA_METRICS: 'false' } });
    try {
      const response = await fetch(off.url.replace(/\/graphql$/, '/metrics'));
      expect(response.status).toBe(404);
    } finally {
      await off.close();
    }
  });
});

describe('loader batch sizes', () => {
  it('counts the keys of each DataLoader batch, by vendor and loader', async () => {
    const before = await scrape();
    const countBefore = sample(before.text, 'tessera_loader_batch_keys_count', { vendor: 'thingscloud', loader: 'deviceDetailById' }) ?? 0;
    const sumBefore = sample(before.text, 'tessera_loader_batch_keys_sum', { vendor: 'thingscloud', loader: 'deviceDetailById' }) ?? 0;
    // `groups` only the single-device read has: one batch of five distinct devices.
    const { body } = await gw.gql('{ devices(first: 5) { nodes { groups { name } } } }', {}, withApiKey);
    expect(body.errors).toBeUndefined();
    const { text } = await scrape();
    expect(sample(text, 'tessera_loader_batch_keys_count', { vendor: 'thingscloud', loader: 'deviceDetailById' })).toBe(countBefore + 1);
    expect(sample(text, 'tessera_loader_batch_keys_sum', { vendor: 'thingscloud', loader: 'deviceDetailById' })).toBe(sumBefore + 5);
    expect(text).toMatch(/tessera_loader_batch_keys_bucket\{[^}]*le="5"[^}]*\}/);
  });
});
