import type { CacheKeys } from './cacheKeys.js';

/** A vendor's answer as the cache keeps it. */
export interface CachedAnswer {
  /** The scope's generation when the read began: an answer of an older generation is never served. */
  generation: string;
  /** When it was stored (epoch ms). */
  storedAt: number;
  status: number;
  contentType: string;
  /** The body as JSON text (parsed again for each use, so no two requests share one object). */
  body: string;
}

/**
 * Where cached answers live (`memoryCacheStore`, `redisCacheStore`). Each scope has a generation,
 * created when first looked up and replaced by `invalidate`; an answer counts only under the
 * generation it was read in. A generation that is gone (expired, evicted) is replaced by a new
 * one, so the scope's older answers stop counting: forgetting fails safe.
 */
export interface CacheStore {
  /** The scope's generation (a new one when it has none) and the answer stored under the entry, if it belongs to that generation. */
  lookup(keys: CacheKeys): Promise<{ generation: string; answer: CachedAnswer | undefined }>;
  /** Stores `answer` for `lifetimeMs` (its freshness and its stale-if-error window). */
  save(keys: CacheKeys, answer: CachedAnswer, lifetimeMs: number): Promise<void>;
  /** Every answer of the scope stops counting (a write by its caller). */
  invalidate(scope: string): Promise<void>;
}
