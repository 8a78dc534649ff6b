import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from '@jest/globals';
import { buildASTSchema, parse, type GraphQLObjectType } from 'graphql';
import { ConfigError, loadConfig } from '../../src/config.js';
import { loadTypeDefs } from '../../src/schema.js';
import { clientIp, createCaller } from '../../src/writes/caller.js';
import { createMutations, rateLimitedMutations } from '../../src/writes/guardMutations.js';
import { createMemoryIdempotencyStore, stableJson } from '../../src/writes/idempotency.js';
import { createMemoryWindowCounter } from '../../src/writes/rateLimits.js';

const request = (headers: Record<string, string>, remoteAddress = '::ffff:10.0.0.9') => ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;

describe('the guarded mutations', () => {
  const mutation = buildASTSchema(parse(loadTypeDefs().join('\n'))).getMutationType() as GraphQLObjectType;

  it('give exactly the create mutations an optional idempotencyKey argument', () => {
    const withKey = Object.values(mutation.getFields())
      .filter((field) => field.args.some((arg) => arg.name === 'idempotencyKey' && String(arg.type) === 'String'))
      .map((field) => field.name)
      .sort();
    expect(withKey).toEqual(Object.keys(createMutations).sort());
  });

  it('count every create… mutation as a create', () => {
    const creates = Object.keys(mutation.getFields()).filter((name) => name.startsWith('create'));
    expect(Object.keys(createMutations)).toEqual(expect.arrayContaining(creates));
  });

  it('rate-limit only mutations the schema has', () => {
    for (const field of Object.keys(rateLimitedMutations)) expect(mutation.getFields()[field]).toBeDefined();
  });
});

describe('the caller', () => {
  const credentialHeaders = new Map([['ZAMMAD' as const, ['x-zammad-authorization', 'x-zammad-on-behalf-of']]]);
  const callerOf = (headers: Record<string, string>, apiKey?: string) => createCaller(request(headers), { apiKey, credentialHeaders, trustProxyHops: 0 });

  it('is a digest of the credentials used for the vendor, never the credential itself', () => {
    const token = 'Token token=agent-secret-123';
    const digest = callerOf({ 'x-zammad-authorization': token }).credentialDigest('ZAMMAD');
    expect(digest).not.toContain('agent-secret');
    expect(digest).toBe(callerOf({ 'x-zammad-authorization': token }).credentialDigest('ZAMMAD'));
    expect(digest).not.toBe(callerOf({ 'x-zammad-authorization': 'Token token=other' }).credentialDigest('ZAMMAD'));
    expect(digest).not.toBe(callerOf({ 'x-zammad-authorization': token, 'x-zammad-on-behalf-of': 'nicole' }).credentialDigest('ZAMMAD'));
    // The service credentials, lent by an API key: one scope per key.
    expect(callerOf({}, 'key-aaaaaaaaaaaaaaaa').credentialDigest('ZAMMAD')).not.toBe(callerOf({}, 'key-bbbbbbbbbbbbbbbb').credentialDigest('ZAMMAD'));
  });

  it('counts against rate limits by API-key digest, else by IP address', () => {
    expect(callerOf({}, 'key-aaaaaaaaaaaaaaaa').rateKey).toMatch(/^key:/);
    expect(callerOf({}, 'key-aaaaaaaaaaaaaaaa').rateKey).not.toContain('key-aaaa');
    expect(callerOf({}).rateKey).toBe('ip:10.0.0.9');
  });

  it('trusts X-Forwarded-For only as far as the configured proxies reach', () => {
    const req = request({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7, 10.0.0.2' }, '10.0.0.1');
    expect(clientIp(req, 0)).toBe('10.0.0.1');
    expect(clientIp(req, 1)).toBe('10.0.0.2');
    expect(clientIp(req, 2)).toBe('203.0.113.7');
    // More hops than entries: the leftmost, never beyond.
    expect(clientIp(request({ 'x-forwarded-for': '203.0.113.7' }, '10.0.0.1'), 5)).toBe('203.0.113.7');
  });
});

describe('fingerprints', () => {
  it('do not depend on the order of input fields', () => {
    expect(stableJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(stableJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
    expect(stableJson({ a: undefined, b: 1 })).toBe(stableJson({ b: 1 }));
  });
});

describe('the in-process stores', () => {
  it('count a fixed window and start a new one when it ends', async () => {
    let now = 0;
    const counter = createMemoryWindowCounter(100, () => now);
    const hit = async () => (await counter.hit([{ key: 'k', windowMs: 1000 }]))[0];
    expect(await hit()).toEqual({ count: 1, resetInMs: 1000 });
    now = 999;
    expect(await hit()).toEqual({ count: 2, resetInMs: 1 });
    now = 1000;
    expect(await hit()).toEqual({ count: 1, resetInMs: 1000 });
  });

  it('keep idempotency records until their TTL, and at most maxKeys of them', async () => {
    let now = 0;
    const store = createMemoryIdempotencyStore(2, () => now);
    const record = { state: 'done' as const, fingerprint: 'f', result: '{}' };
    expect(await store.claim('a', record, 1000)).toBeNull();
    expect(await store.claim('a', { ...record, result: '{"other":1}' }, 1000)).toEqual(record);
    now = 1000;
    expect(await store.get('a')).toBeNull();
    await store.put('b', record, 1000);
    await store.put('c', record, 1000);
    await store.put('d', record, 1000);
    expect(await store.get('b')).toBeNull();
    expect(await store.get('d')).toEqual(record);
  });
});

describe('configuration', () => {
  it('keeps keys in memory unless REDIS_URL is set, with documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      redisUrl: undefined,
      redisKeyPrefix: 'tessera:',
      idempotencyTtlSeconds: 86_400,
      idempotentWriteTimeoutMs: 60_000,
      trustProxyHops: 0,
      rateLimits: { credentialCheck: { perCaller: 100, perTarget: 10, windowSeconds: 600 }, email: { perCaller: 10, perTarget: 3, windowSeconds: 3600 } },
    });
  });

  it('refuses a REDIS_URL that is not redis:// without echoing it (it may hold a password)', () => {
    expect(() => loadConfig({ REDIS_URL: 'http://user:s3cret@redis:6379' })).toThrow(ConfigError);
    expect(() => loadConfig({ REDIS_URL: 'http://user:s3cret@redis:6379' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ REDIS_URL: 'http://user:s3cret@redis:6379' })).not.toThrow(/s3cret/);
    expect(loadConfig({ REDIS_URL: 'rediss://user:s3cret@redis:6380/2' }).redisUrl).toBe('rediss://user:s3cret@redis:6380/2');
  });
});
