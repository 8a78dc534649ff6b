import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis every test machine runs (`.ci/run` starts one when it is not up). Other work may share it. */
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/** A key prefix of the test's own: tests never see, and never delete, anyone else's keys. */
export function testRedisPrefix(name: string): string {
  return `tessera-test:${name}:${randomUUID().slice(0, 8)}:`;
}

/** Keys under `prefix`, for checks on what the gateway stored (never a credential, never an e-mail address). */
export async function keysUnder(prefix: string): Promise<Record<string, string>> {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  try {
    await redis.connect();
    const found: Record<string, string> = {};
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 }) as AsyncIterable<string[]>) {
      for (const key of keys) found[key] = (await redis.type(key)) === 'string' ? ((await redis.get(key)) ?? '') : '';
    }
    return found;
  } finally {
    redis.disconnect();
  }
}

/** Deletes the keys under `prefix` (the test's own), and only those; never FLUSHALL. */
export async function deleteKeysUnder(prefix: string): Promise<number> {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  try {
    await redis.connect();
    let deleted = 0;
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) deleted += await redis.del(...keys);
    }
    return deleted;
  } finally {
    redis.disconnect();
  }
}
