import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { CacheKeys } from './cacheKeys.js';
import type { CachedAnswer, CacheStore } from './CacheStore.js';
import { seal, unseal } from '../sealed.js';

/**
 * The cache replicas share: `<prefix>cache:<vendor>:<scope digest>:g` holds the scope's
 * generation (a random ID, so one that expired or was evicted is never met again) and
 * `<prefix>cache:<vendor>:<scope digest>:<read digest>` an answer, sealed (AES-256-GCM, bound
 * to its key) with a key derived from the caller's credentials: Redis alone never yields a
 * vendor's data, and an answer moved under another key does not open. Each lookup is one round
 * trip (MGET).
 */
export function createRedisCacheStore({ redis, keyPrefix, generationTtlMs }: { redis: Redis; keyPrefix: string; generationTtlMs: number }): CacheStore {
  const generationKey = (scope: string) => `${keyPrefix}cache:${scope}:g`;
  const answerKey = (entry: string) => `${keyPrefix}cache:${entry}`;

  return {
    async lookup(keys) {
      const [generation = null, sealed = null] = await redis.mgetBuffer(generationKey(keys.scope), answerKey(keys.entry));
      if (generation === null) {
        const fresh = randomUUID().slice(0, 13);
        // Another replica may create it at the same moment: theirs wins, and is read back.
        const created = await redis.set(generationKey(keys.scope), fresh, 'PX', generationTtlMs, 'NX');
        return { generation: created === 'OK' ? fresh : ((await redis.get(generationKey(keys.scope))) ?? fresh), answer: undefined };
      }
      const answer = sealed === null ? undefined : openAnswer(sealed, keys, answerKey(keys.entry));
      return { generation: generation.toString(), answer: answer?.generation === generation.toString() ? answer : undefined };
    },
    async save(keys, answer, lifetimeMs) {
      // The generation is renewed with each answer, so that it outlives them all.
      await redis
        .multi()
        .set(answerKey(keys.entry), sealAnswer(answer, keys, answerKey(keys.entry)), 'PX', lifetimeMs)
        .pexpire(generationKey(keys.scope), generationTtlMs)
        .exec();
    },
    async invalidate(scope) {
      await redis.set(generationKey(scope), randomUUID().slice(0, 13), 'PX', generationTtlMs);
    },
  };
}

/** The answer's metadata as a JSON line, then its body, sealed and bound to its Redis key (`sealed.ts`). */
function sealAnswer(answer: CachedAnswer, { secret }: CacheKeys, key: string): Buffer {
  const { body, ...meta } = answer;
  return seal(`${JSON.stringify(meta)}\n${body}`, secret, key);
}

/** Undefined for a value that does not open (another caller's, moved, tampered with): treated as absent. */
function openAnswer(value: Buffer, { secret }: CacheKeys, key: string): CachedAnswer | undefined {
  const text = unseal(value, secret, key);
  if (text === undefined) return undefined;
  try {
    const newline = text.indexOf('\n');
    return { ...(JSON.parse(text.slice(0, newline)) as Omit<CachedAnswer, 'body'>), body: text.slice(newline + 1) };
  } catch {
    return undefined;
  }
}
