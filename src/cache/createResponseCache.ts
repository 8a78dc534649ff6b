import { Counter, type Registry } from 'prom-client';
import type { Logger } from '../logger.js';
import type { Redis } from '../redis.js';
import { createMemoryCacheStore } from './memoryCacheStore.js';
import { createRedisCacheStore } from './redisCacheStore.js';
import { ResponseCache } from './ResponseCache.js';
import type { ResponseCacheConfig } from './responseCacheConfig.js';

export interface ResponseCacheDeps {
  /** The process's Redis client (`REDIS_URL`); needed in `redis` mode. */
  redis: Redis | undefined;
  /** `TESSERA_REDIS_KEY_PREFIX`. */
  keyPrefix: string;
  /** The server's metrics registry; none when metrics are off. */
  registry: Registry | undefined;
  logger: Logger;
}

/** The response cache the configuration asks for, built once at start-up; undefined when it is off. */
export function createResponseCache(config: ResponseCacheConfig, { redis, keyPrefix, registry, logger }: ResponseCacheDeps): ResponseCache | undefined {
  if (config.mode === 'off') return undefined;
  // A scope's generation outlives every answer stored under it, whatever its route's TTL.
  const generationTtlMs = (config.ttls.maxSeconds + config.staleIfErrorSeconds) * 1000 + 60_000;
  const shared = config.mode === 'redis' && redis !== undefined ? redis : undefined;
  const store = shared
    ? createRedisCacheStore({ redis: shared, keyPrefix, generationTtlMs })
    : createMemoryCacheStore({ maxBytes: config.memoryBytes, generationTtlMs });
  const outcomes =
    registry &&
    new Counter({
      name: 'tessera_response_cache_total',
      help: 'Vendor GET calls the response cache saw, by vendor and outcome: hit (answered from the cache), miss (sent to the vendor), stale (the vendor failed; an older answer was served).',
      labelNames: ['vendor', 'outcome'],
      registers: [registry],
    });
  return new ResponseCache({
    store,
    ttls: config.ttls,
    staleIfErrorSeconds: config.staleIfErrorSeconds,
    logger,
    ...(outcomes && { outcomes }),
    // Not while reconnecting: a read must not wait for a Redis that is down (before the first connection, commands wait for it).
    ...(shared && { available: () => shared.status !== 'reconnecting' && shared.status !== 'end' }),
  });
}
