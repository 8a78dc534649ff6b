import { describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import { cacheKeysOf } from '../../src/cache/cacheKeys.js';
import { createResponseCache } from '../../src/cache/createResponseCache.js';
import { createMemoryCacheStore } from '../../src/cache/memoryCacheStore.js';
import { ResponseCache } from '../../src/cache/ResponseCache.js';
import { parseCacheTtls } from '../../src/cache/cacheTtls.js';
import { readResponseCacheConfig } from '../../src/cache/responseCacheConfig.js';
import { requireFreshReads, staleReadsOf } from '../../src/cache/requestCacheState.js';
import { loadConfig } from '../../src/config.js';
import { upstreamTransportError, upstreamOutcomeUnknownError } from '../../src/errors.js';
import { createLogger } from '../../src/logger.js';
import type { Source } from '../../src/models.js';
import { inRequestTrace, type RequestTrace } from '../../src/observability/requestTrace.js';
import type { VendorRequest, VendorResponse } from '../../src/vendors/shared/VendorHttp.js';

const SOURCES: Source[] = ['MAXCLOUD', 'THINGSCLOUD', 'ZAMMAD', 'LEXIANG', 'DREAMREFLEX'];
const TOKEN = 'secret-token-of-alice';
const read = (path: string, token = TOKEN, searchParams?: VendorRequest['searchParams']): VendorRequest => ({
  method: 'GET',
  path,
  headers: { authorization: `Bearer ${token}` },
  ...(searchParams && { searchParams }),
});

function answer(body: unknown, status = 200): VendorResponse {
  return { status, body, bodyIsJson: true, contentType: 'application/json', call: { method: 'GET', path: '/x', status } };
}

/** A cache over the memory store with a clock the test moves, and a fake vendor that counts its calls. */
function setUp({ ttls = 'thingscloud:/api/v1/device_types=60', defaultSeconds = 10, staleIfErrorSeconds = 300 } = {}) {
  let now = 1_700_000_000_000;
  const cache = new ResponseCache({
    store: createMemoryCacheStore({ maxBytes: 1024 * 1024, generationTtlMs: 3_600_000 }),
    ttls: parseCacheTtls(ttls, defaultSeconds, SOURCES),
    staleIfErrorSeconds,
    logger: createLogger('silent'),
    now: () => now,
  });
  const vendor = {
    calls: 0,
    next: (): Promise<VendorResponse> => Promise.resolve(answer({ n: vendor.calls })),
  };
  const send = (request: VendorRequest, source: Source = 'THINGSCLOUD') =>
    cache.send(source, request, () => {
      vendor.calls += 1;
      return vendor.next();
    });
  return { cache, vendor, send, advance: (ms: number) => (now += ms) };
}

describe('ResponseCache', () => {
  it('answers a repeated read from the cache, as a fresh copy each time', async () => {
    const { vendor, send } = setUp();
    const first = await send(read('/api/v1/device_types'));
    const second = await send(read('/api/v1/device_types'));
    expect(vendor.calls).toBe(1);
    expect(second.body).toEqual(first.body);
    expect(second.body).not.toBe(first.body);
    expect(second).toMatchObject({ status: 200, bodyIsJson: true, contentType: 'application/json', call: { method: 'GET', path: '/api/v1/device_types', status: 200 } });
  });

  it('keeps callers with different credentials apart', async () => {
    const { vendor, send } = setUp();
    await send(read('/api/v1/device_types', 'alice'));
    const bob = await send(read('/api/v1/device_types', 'bob'));
    expect(vendor.calls).toBe(2);
    expect(bob.body).toEqual({ n: 2 });
    expect((await send(read('/api/v1/device_types', 'alice'))).body).toEqual({ n: 1 });
  });

  it('tells reads apart by their parameters, in any order', async () => {
    const { vendor, send } = setUp();
    await send(read('/api/v1/devices', TOKEN, { page: 1, page_records: 20 }));
    await send(read('/api/v1/devices', TOKEN, { page_records: 20, page: 1, unused: undefined }));
    expect(vendor.calls).toBe(1);
    await send(read('/api/v1/devices', TOKEN, { page: 2, page_records: 20 }));
    expect(vendor.calls).toBe(2);
  });

  it('reads again once the route’s TTL has passed', async () => {
    const { vendor, send, advance } = setUp();
    await send(read('/api/v1/device_types'));
    advance(59_000);
    await send(read('/api/v1/device_types'));
    expect(vendor.calls).toBe(1);
    advance(1_000);
    await send(read('/api/v1/device_types'));
    expect(vendor.calls).toBe(2);
  });

  it('keeps only 2xx JSON answers', async () => {
    const { vendor, send } = setUp();
    for (const response of [answer({ error: 'nope' }, 404), answer(undefined, 204), { ...answer(undefined), bodyIsJson: false }]) {
      vendor.next = () => Promise.resolve(response);
      await send(read('/api/v1/device_types'));
      await send(read('/api/v1/device_types'));
    }
    expect(vendor.calls).toBe(6);
  });

  it('serves an answer past its TTL when the vendor fails, and notes its age for the request', async () => {
    const { vendor, send, advance } = setUp();
    await send(read('/api/v1/device_types'));
    advance(90_000);
    const trace: RequestTrace = { requestId: 'r1' };
    const inRequest = <T>(work: () => Promise<T>) => inRequestTrace(trace, work);

    vendor.next = () => Promise.resolve(answer({}, 503));
    expect((await inRequest(() => send(read('/api/v1/device_types')))).body).toEqual({ n: 1 });
    vendor.next = () => Promise.reject(upstreamTransportError('THINGSCLOUD', { method: 'GET', path: '/api/v1/device_types' }, 'timeout'));
    advance(5_000);
    expect((await inRequest(() => send(read('/api/v1/device_types')))).status).toBe(200);
    expect(staleReadsOf(trace)).toEqual([{ source: 'THINGSCLOUD', path: '/api/v1/device_types', ageSeconds: 95 }]);
  });

  it('does not serve stale answers past the stale-if-error window, or for failures that are not the vendor’s', async () => {
    const { vendor, send, advance } = setUp({ staleIfErrorSeconds: 30 });
    await send(read('/api/v1/device_types'));
    advance(61_000);
    vendor.next = () => Promise.resolve(answer({ message: 'bad token' }, 401));
    expect((await send(read('/api/v1/device_types'))).status).toBe(401);
    advance(30_000);
    vendor.next = () => Promise.resolve(answer({}, 503));
    expect((await send(read('/api/v1/device_types'))).status).toBe(503);
  });

  it('clears the writer’s answers from that vendor, and no one else’s', async () => {
    const { vendor, send } = setUp();
    await send(read('/api/v1/device_types', 'alice'));
    await send(read('/api/v1/device_types', 'bob'));
    await send({ method: 'POST', path: '/api/v1/token', headers: { authorization: 'Bearer alice' }, repeatable: true });
    await send(read('/api/v1/device_types', 'alice'));
    expect(vendor.calls).toBe(3);

    vendor.next = () => Promise.reject(upstreamOutcomeUnknownError('THINGSCLOUD', { method: 'PUT', path: '/api/v1/device/1' }, 'timeout'));
    await expect(send({ method: 'PUT', path: '/api/v1/device/1', headers: { authorization: 'Bearer alice', 'content-type': 'application/json' }, json: {} })).rejects.toThrow();
    vendor.next = () => Promise.resolve(answer({ n: vendor.calls }));
    await send(read('/api/v1/device_types', 'alice'));
    await send(read('/api/v1/device_types', 'bob'));
    expect(vendor.calls).toBe(5);
  });

  it('does not keep an answer read while the caller wrote', async () => {
    const { vendor, send } = setUp();
    let answerRead!: (response: VendorResponse) => void;
    vendor.next = () => new Promise((resolve) => (answerRead = resolve));
    const slowRead = send(read('/api/v1/device_types'));
    await new Promise((resolve) => setImmediate(resolve));
    vendor.next = () => Promise.resolve(answer({ written: true }));
    await send({ method: 'DELETE', path: '/api/v1/device/1', headers: { authorization: `Bearer ${TOKEN}` } });
    answerRead(answer({ before: 'the write' }));
    await slowRead;
    vendor.next = () => Promise.resolve(answer({ after: 'the write' }));
    expect((await send(read('/api/v1/device_types'))).body).toEqual({ after: 'the write' });
  });

  it('sends a mutation’s reads to the vendor', async () => {
    const { vendor, send } = setUp();
    await send(read('/api/v1/device_types'));
    const trace: RequestTrace = { requestId: 'm1' };
    requireFreshReads(trace);
    expect((await inRequestTrace(trace, () => send(read('/api/v1/device_types')))).body).toEqual({ n: 2 });
    expect(vendor.calls).toBe(2);
  });

  it('never caches a route whose TTL is 0', async () => {
    const { vendor, send } = setUp({ ttls: 'thingscloud:/api/v1/device/:id=0' });
    await send(read('/api/v1/device/5f1e2d3c4b5a69788796a5b4'));
    await send(read('/api/v1/device/5f1e2d3c4b5a69788796a5b4'));
    expect(vendor.calls).toBe(2);
  });

  it('goes to the vendor when its store fails', async () => {
    let calls = 0;
    const broken = { lookup: () => Promise.reject(new Error('down')), save: () => Promise.reject(new Error('down')), invalidate: () => Promise.reject(new Error('down')) };
    const cache = new ResponseCache({ store: broken, ttls: parseCacheTtls(undefined, 60, SOURCES), staleIfErrorSeconds: 0, logger: createLogger('silent') });
    const send = () => cache.send('ZAMMAD', read('/api/v1/tickets'), () => Promise.resolve(answer({ n: (calls += 1) })));
    expect((await send()).body).toEqual({ n: 1 });
    expect((await send()).body).toEqual({ n: 2 });
  });

  it('counts hits and misses per vendor', async () => {
    const registry = new Registry();
    const config = readResponseCacheConfig(
      { TESSERA_RESPONSE_CACHE: 'memory', TESSERA_CACHE_TTL_SECONDS: 60, TESSERA_CACHE_STALE_IF_ERROR_SECONDS: 0, TESSERA_CACHE_MEMORY_MB: 1 },
      undefined,
      SOURCES,
    );
    const cache = createResponseCache(config, { redis: undefined, keyPrefix: 't:', registry, logger: createLogger('silent') })!;
    for (let i = 0; i < 3; i += 1) await cache.send('LEXIANG', read('/cgi-bin/v1/teams'), () => Promise.resolve(answer([])));
    const text = await registry.metrics();
    expect(text).toContain('tessera_response_cache_total{vendor="lexiang",outcome="miss"} 1');
    expect(text).toContain('tessera_response_cache_total{vendor="lexiang",outcome="hit"} 2');
  });
});

describe('cacheKeysOf', () => {
  it('names no credential, ID or parameter, and parts callers by every header', () => {
    const keys = cacheKeysOf('LEXIANG', { path: '/cgi-bin/v1/teams/abc123', searchParams: { q: 'needle' }, headers: { authorization: `Bearer ${TOKEN}`, 'x-staff-id': 'u1' } });
    expect(`${keys.scope} ${keys.entry}`).not.toMatch(/secret|abc123|needle|u1\b/);
    expect(keys.entry.startsWith(`${keys.scope}:`)).toBe(true);
    const otherStaff = cacheKeysOf('LEXIANG', { path: '/cgi-bin/v1/teams/abc123', searchParams: { q: 'needle' }, headers: { authorization: `Bearer ${TOKEN}`, 'x-staff-id': 'u2' } });
    expect(otherStaff.scope).not.toBe(keys.scope);
  });

  it('puts a write in the scope of the reads it changes, whatever its content headers', () => {
    const readKeys = cacheKeysOf('LEXIANG', { path: '/cgi-bin/v1/teams', headers: { accept: 'application/vnd.api+json', authorization: 'Bearer t', 'x-staff-id': 'u1' } });
    const writeKeys = cacheKeysOf('LEXIANG', { path: '/cgi-bin/v1/teams', headers: { accept: 'application/vnd.api+json', 'content-type': 'application/vnd.api+json', 'X-Staff-Id': 'u1', authorization: 'Bearer t' } });
    expect(writeKeys.scope).toBe(readKeys.scope);
  });
});

describe('cache configuration', () => {
  it('picks the most specific TTL rule', () => {
    const ttls = parseCacheTtls('thingscloud=120, thingscloud:/api/v1/device/*=20, thingscloud:/api/v1/device/:id/attributes=5, Zammad:/api/v1/tickets=0', 30, SOURCES);
    expect(ttls.secondsFor('THINGSCLOUD', '/api/v1/device/5f1e2d3c4b5a69788796a5b4/attributes')).toBe(5);
    expect(ttls.secondsFor('THINGSCLOUD', '/api/v1/device/5f1e2d3c4b5a69788796a5b4')).toBe(20);
    expect(ttls.secondsFor('THINGSCLOUD', '/api/v1/device_types')).toBe(120);
    expect(ttls.secondsFor('ZAMMAD', '/api/v1/tickets')).toBe(0);
    expect(ttls.secondsFor('ZAMMAD', '/api/v1/users')).toBe(30);
    expect(ttls.secondsFor('LEXIANG', '/cgi-bin/v1/teams')).toBe(30);
    expect(ttls.maxSeconds).toBe(120);
  });

  it('refuses rules it cannot read, without echoing them', () => {
    expect(() => parseCacheTtls('thingscloud:/x=soon', 30, SOURCES)).toThrow(/TESSERA_CACHE_TTLS/);
    expect(() => parseCacheTtls('jira=30', 30, SOURCES)).toThrow(/not one of/);
    expect(() => parseCacheTtls('zammad:api/v1=30', 30, SOURCES)).toThrow(/start with/);
    expect(() => parseCacheTtls('mysecret', 30, SOURCES)).not.toThrow(/mysecret/);
  });

  it('is off by default, and needs REDIS_URL to use Redis', () => {
    expect(loadConfig({}).responseCache.mode).toBe('off');
    expect(loadConfig({ TESSERA_RESPONSE_CACHE: 'memory', TESSERA_CACHE_TTLS: 'lexiang=5' }).responseCache.ttls.secondsFor('LEXIANG', '/cgi-bin/v1/teams')).toBe(5);
    expect(() => loadConfig({ TESSERA_RESPONSE_CACHE: 'redis' })).toThrow(/needs REDIS_URL/);
    expect(loadConfig({ TESSERA_RESPONSE_CACHE: 'redis', REDIS_URL: 'redis://127.0.0.1:6379' }).responseCache.mode).toBe('redis');
  });
});
