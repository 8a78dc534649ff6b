import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config.js';
import { createPersistedQueryOptions } from '../../src/http/persistedQueryCache.js';

describe('createPersistedQueryOptions', () => {
  it('keeps at most its byte bound of query text, dropping the least recently used first; nothing expires by time', async () => {
    // 100-character keys and texts: 400 bytes an entry, so a 1,000-byte store holds two.
    const { cache, ttl } = createPersistedQueryOptions(1000);
    expect(ttl).toBeNull();
    const key = (c: string) => `apq:${c.repeat(96)}`;
    const text = (c: string) => c.repeat(100);
    await cache!.set(key('a'), text('a'));
    await cache!.set(key('b'), text('b'));
    expect(await cache!.get(key('a'))).toBe(text('a')); // a is now the more recently used
    await cache!.set(key('c'), text('c'));
    expect(await cache!.get(key('b'))).toBeUndefined();
    expect(await cache!.get(key('a'))).toBe(text('a'));
    expect(await cache!.get(key('c'))).toBe(text('c'));
  });

  it('does not keep a query larger than the whole bound', async () => {
    const { cache } = createPersistedQueryOptions(1000);
    await cache!.set('apq:big', 'x'.repeat(600));
    expect(await cache!.get('apq:big')).toBeUndefined();
  });
});

describe('TESSERA_APQ_CACHE_MB', () => {
  it('bounds the store at 8 MiB by default; 0 turns APQ off; fractions are allowed', () => {
    expect(loadConfig({}).apqCacheBytes).toBe(8 * 1024 * 1024);
    expect(loadConfig({ TESSERA_APQ_CACHE_MB: '0' }).apqCacheBytes).toBe(0);
    expect(loadConfig({ TESSERA_APQ_CACHE_MB: '0.5' }).apqCacheBytes).toBe(512 * 1024);
  });

  it.each(['-1', 'lots', '2048'])('refuses %s', (value) => {
    expect(() => loadConfig({ TESSERA_APQ_CACHE_MB: value })).toThrow(/TESSERA_APQ_CACHE_MB/);
  });
});
