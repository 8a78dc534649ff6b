import { describe, expect, it } from '@jest/globals';
import { TokenCache } from '../../src/vendors/shared/TokenCache.js';

function setup(lifetimeSeconds = 1800) {
  let now = 1_000_000;
  let issued = 0;
  const cache = new TokenCache({
    now: () => now,
    acquire: async () => {
      issued += 1;
      await new Promise((r) => setTimeout(r, 5));
      return { token: `token-${issued}`, expiresInSeconds: lifetimeSeconds };
    },
  });
  return { cache, advance: (ms: number) => (now += ms), issued: () => issued };
}

describe('TokenCache', () => {
  it('shares one acquisition among concurrent callers', async () => {
    const { cache, issued } = setup();
    const tokens = await Promise.all(Array.from({ length: 50 }, () => cache.get()));
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(issued()).toBe(1);
  });

  it('renews shortly before the vendor’s expiry, not after', async () => {
    const { cache, advance, issued } = setup(1800);
    await cache.get();
    advance(1800_000 - 61_000);
    expect(await cache.get()).toBe('token-1');
    advance(2_000);
    expect(await cache.get()).toBe('token-2');
    expect(issued()).toBe(2);
  });

  it('re-acquires exactly once when the vendor rejects the token', async () => {
    const { cache, issued } = setup();
    const seen: string[] = [];
    const result = await cache.withToken(
      async (token) => {
        seen.push(token);
        if (token === 'token-1') throw new Error('401');
        return 'ok';
      },
      (e) => (e as Error).message === '401',
    );
    expect(result).toBe('ok');
    expect(seen).toEqual(['token-1', 'token-2']);
    expect(issued()).toBe(2);
  });

  it('gives up after the second rejection', async () => {
    const { cache, issued } = setup();
    await expect(cache.withToken(async () => Promise.reject(new Error('401')), () => true)).rejects.toThrow('401');
    expect(issued()).toBe(2);
  });

  it('does not drop a newer token when an older one is reported bad', async () => {
    const { cache } = setup();
    await cache.get();
    cache.invalidate('token-1');
    expect(await cache.get()).toBe('token-2');
    cache.invalidate('token-1');
    expect(await cache.get()).toBe('token-2');
  });

  it('lets the next caller retry after a failed acquisition', async () => {
    let attempts = 0;
    const cache = new TokenCache({
      acquire: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('vendor down');
        return { token: 'ok', expiresInSeconds: 60 };
      },
    });
    await expect(cache.get()).rejects.toThrow('vendor down');
    expect(await cache.get()).toBe('ok');
  });
});
