import { ConfigError } from '../ConfigError.js';
import type { Source } from '../models.js';
import { parseCacheTtls, type CacheTtls } from './cacheTtls.js';

/** The opt-in cache of vendor GET answers (README "Response cache"). */
export interface ResponseCacheConfig {
  /** `off` (default): every read goes to the vendor. `memory`: each process keeps its own. `redis`: replicas share one (needs `REDIS_URL`). */
  mode: 'off' | 'memory' | 'redis';
  /** Freshness per vendor and route (`TESSERA_CACHE_TTLS`, `TESSERA_CACHE_TTL_SECONDS`). */
  ttls: CacheTtls;
  /** How long past its freshness an answer may still be served when the vendor fails (transport error, timeout, 5xx); 0: never. */
  staleIfErrorSeconds: number;
  /** Bound of the in-process store (memory mode), in bytes. */
  memoryBytes: number;
}

export interface ResponseCacheVariables {
  TESSERA_RESPONSE_CACHE: 'off' | 'memory' | 'redis';
  TESSERA_CACHE_TTL_SECONDS: number;
  TESSERA_CACHE_TTLS?: string | undefined;
  TESSERA_CACHE_STALE_IF_ERROR_SECONDS: number;
  TESSERA_CACHE_MEMORY_MB: number;
}

export function readResponseCacheConfig(e: ResponseCacheVariables, redisUrl: string | undefined, sources: readonly Source[]): ResponseCacheConfig {
  if (e.TESSERA_RESPONSE_CACHE === 'redis' && redisUrl === undefined) {
    throw new ConfigError('Invalid configuration: TESSERA_RESPONSE_CACHE=redis needs REDIS_URL (or use TESSERA_RESPONSE_CACHE=memory)');
  }
  return {
    mode: e.TESSERA_RESPONSE_CACHE,
    ttls: parseCacheTtls(e.TESSERA_CACHE_TTLS, e.TESSERA_CACHE_TTL_SECONDS, sources),
    staleIfErrorSeconds: e.TESSERA_CACHE_STALE_IF_ERROR_SECONDS,
    memoryBytes: Math.round(e.TESSERA_CACHE_MEMORY_MB * 1024 * 1024),
  };
}
