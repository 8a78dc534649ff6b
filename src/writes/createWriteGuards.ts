import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { closeRedis, createRedis, type Redis } from '../redis.js';
import { createMemoryIdempotencyStore, createRedisIdempotencyStore, Idempotency } from './idempotency.js';
import { createMemoryWindowCounter, createRedisWindowCounter, RateLimiter } from './rateLimits.js';

/** The process's idempotency keys and rate limits, in Redis when `REDIS_URL` is set, else in memory. */
export interface WriteGuards {
  idempotency: Idempotency;
  rateLimiter: RateLimiter;
  /** `redis` or `memory`: where keys and counters live. */
  store: 'redis' | 'memory';
  /** The process's one Redis client (closed by `close`), also used for shared vendor tokens; undefined without `REDIS_URL`. */
  redis: Redis | undefined;
  /** Waits (at most `graceMs`) for creates still waiting for their vendor, so their outcome is recorded, then closes Redis. */
  close(graceMs: number): Promise<void>;
}

export type WriteGuardsConfig = Pick<
  Config,
  'redisUrl' | 'redisKeyPrefix' | 'idempotencyTtlSeconds' | 'idempotentWriteTimeoutMs' | 'upstreamTimeoutMs' | 'rateLimits'
>;

export function createWriteGuards(config: WriteGuardsConfig, logger: Logger): WriteGuards {
  const redis = config.redisUrl === undefined ? undefined : createRedis(config.redisUrl, logger);
  if (!redis) logger.debug('no REDIS_URL: idempotency keys and rate limits are kept in this process only');
  const idempotency = new Idempotency({
    store: redis ? createRedisIdempotencyStore(redis) : createMemoryIdempotencyStore(),
    keyPrefix: config.redisKeyPrefix,
    ttlMs: config.idempotencyTtlSeconds * 1000,
    answerWithinMs: config.upstreamTimeoutMs,
    writeTimeoutMs: config.idempotentWriteTimeoutMs,
    logger,
  });
  const counter = redis ? createRedisWindowCounter(redis) : createMemoryWindowCounter();
  return {
    idempotency,
    rateLimiter: new RateLimiter(config.rateLimits, counter, config.redisKeyPrefix, logger),
    store: redis ? 'redis' : 'memory',
    redis,
    async close(graceMs) {
      await idempotency.settle(graceMs);
      if (redis) await closeRedis(redis);
    },
  };
}
