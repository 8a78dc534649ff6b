import type { Counter } from 'prom-client';
import { ErrorCode, TesseraError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Source } from '../models.js';
import { routeTemplate } from '../observability/routeTemplate.js';
import type { VendorRequest, VendorResponse } from '../vendors/shared/VendorHttp.js';
import { cacheKeysOf } from './cacheKeys.js';
import type { CachedAnswer, CacheStore } from './CacheStore.js';
import type { CacheTtls } from './cacheTtls.js';
import { freshReadsRequired, noteStaleRead } from './requestCacheState.js';

export type CacheOutcome = 'hit' | 'miss' | 'stale';

export interface ResponseCacheOptions {
  store: CacheStore;
  ttls: CacheTtls;
  staleIfErrorSeconds: number;
  logger: Logger;
  /** `tessera_response_cache_total{vendor,outcome}`; none when metrics are off. */
  outcomes?: Counter<'vendor' | 'outcome'>;
  /** Whether the store can answer now (Redis connected); a store that cannot is not waited for. */
  available?: () => boolean;
  now?: () => number;
}

/** Vendor failures an older answer may stand in for: the vendor did not answer, or answered 5xx (below). */
const STALE_IF = new Set<string>([ErrorCode.UPSTREAM_TIMEOUT, ErrorCode.UPSTREAM_UNAVAILABLE, ErrorCode.OVERLOADED]);
/** After the store fails, reads go straight to the vendor this long before it is tried again. */
const STORE_RETRY_MS = 5000;

/**
 * The opt-in cache of vendor GET answers, between `VendorHttp.send` and the wire (README
 * "Response cache"). Keyed by the caller's credentials (digests, see `cacheKeys.ts`); only 2xx
 * JSON answers are kept, for their route's TTL; while the vendor fails, an answer up to
 * `staleIfErrorSeconds` past its TTL is served instead, and the request is told how old it is
 * (`requestCacheState.ts`). A write clears its caller's answers from that vendor (a new
 * generation), and a mutation's reads always go to the vendor.
 * The cache never fails a call: when its store fails, the call goes to the vendor.
 */
export class ResponseCache {
  private readonly now: () => number;
  private storeRetryAt = 0;
  private storeHealthy = true;

  constructor(private readonly options: ResponseCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Answers `request` from the cache, or by `send` (storing its answer unless `failed` says its
   * envelope reports a failure under its 2xx); a write runs `send`, then clears its caller's answers.
   */
  async send(source: Source, request: VendorRequest, send: () => Promise<VendorResponse>, failed: (response: VendorResponse) => boolean = () => false): Promise<VendorResponse> {
    if (request.method !== 'GET') {
      if (request.method === 'HEAD' || request.repeatable) return send();
      try {
        return await send();
      } finally {
        // Whatever its outcome: a write that failed may still have been applied.
        await this.forget(source, request);
      }
    }
    const ttlSeconds = this.options.ttls.secondsFor(source, request.path);
    if (ttlSeconds <= 0 || freshReadsRequired()) return send();
    const keys = cacheKeysOf(source, request);
    const found = await this.useStore(() => this.options.store.lookup(keys));
    const cached = found?.answer;
    const ageMs = cached ? this.now() - cached.storedAt : Infinity;
    if (cached && ageMs < ttlSeconds * 1000) {
      this.count(source, 'hit');
      return answerOf(cached, request);
    }
    const stale = cached && ageMs < (ttlSeconds + this.options.staleIfErrorSeconds) * 1000 ? cached : undefined;
    let response: VendorResponse;
    try {
      response = await send();
    } catch (error) {
      if (stale && error instanceof TesseraError && STALE_IF.has(error.code)) return this.serveStale(source, request, stale);
      this.count(source, 'miss');
      throw error;
    }
    if (stale && response.status >= 500) return this.serveStale(source, request, stale);
    this.count(source, 'miss');
    if (found && response.status >= 200 && response.status < 300 && response.bodyIsJson && response.body !== undefined && !failed(response)) {
      const answer: CachedAnswer = { generation: found.generation, storedAt: this.now(), status: response.status, contentType: response.contentType, body: JSON.stringify(response.body) };
      await this.useStore(() => this.options.store.save(keys, answer, (ttlSeconds + this.options.staleIfErrorSeconds) * 1000));
    }
    return response;
  }

  private serveStale(source: Source, request: VendorRequest, answer: CachedAnswer): VendorResponse {
    this.count(source, 'stale');
    noteStaleRead({ source, path: routeTemplate(request.path), ageSeconds: Math.floor((this.now() - answer.storedAt) / 1000) });
    return answerOf(answer, request);
  }

  private async forget(source: Source, request: VendorRequest): Promise<void> {
    const { scope } = cacheKeysOf(source, request);
    const done = await this.useStore(async () => {
      await this.options.store.invalidate(scope);
      return true;
    });
    // The caller may read their own pre-write answers until those expire.
    if (!done) this.options.logger.warn({ vendor: source }, 'response cache: could not clear the caller’s cached answers after a write');
  }

  /** Runs a store operation; undefined when the store is down (logged once per outage, then skipped for a while). */
  private async useStore<T>(operation: () => Promise<T>): Promise<T | undefined> {
    if (this.now() < this.storeRetryAt || (this.options.available && !this.options.available())) return undefined;
    try {
      const result = await operation();
      this.storeHealthy = true;
      return result;
    } catch (error) {
      if (this.storeHealthy) this.options.logger.warn({ message: (error as Error).message }, 'response cache: store unavailable; reads go to the vendors until it is back');
      this.storeHealthy = false;
      this.storeRetryAt = this.now() + STORE_RETRY_MS;
      return undefined;
    }
  }

  private count(source: Source, outcome: CacheOutcome): void {
    this.options.outcomes?.inc({ vendor: source.toLowerCase(), outcome });
  }
}

function answerOf(answer: CachedAnswer, request: VendorRequest): VendorResponse {
  return {
    status: answer.status,
    body: JSON.parse(answer.body) as unknown,
    bodyIsJson: true,
    contentType: answer.contentType,
    call: { method: request.method, path: request.path, status: answer.status },
  };
}
