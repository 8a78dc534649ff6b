import { outsideCaller } from './callerSignal.js';
import type { SharedToken, SharedTokenSlot } from './SharedTokenStore.js';

/** A token and how long the vendor says it lives. */
export interface IssuedToken {
  token: string;
  expiresInSeconds: number;
  /**
   * What the vendor said about the token when it issued it (a session's account and company),
   * kept with it and, with `shared`, stored with it for the other replicas: plain JSON.
   */
  details?: unknown;
}

/** The cached token with the details its issuer gave. */
export interface HeldToken {
  token: string;
  details?: unknown;
}

export interface TokenCacheOptions {
  /** Obtains a fresh token (a login, a client-credentials grant). */
  acquire: () => Promise<IssuedToken>;
  /** Current time in ms; injectable so tests can expire tokens. */
  now?: () => number;
  /** Renew this long before the vendor's expiry (capped at a tenth of the lifetime). */
  refreshMarginMs?: number;
  /** Where replicas share the token (Redis); absent: this process acquires and keeps its own. */
  shared?: SharedTokenSlot;
}

/**
 * Holds one service token for one vendor credential. Concurrent callers share a single
 * acquisition (fifty requests on a cold gateway cause one login); the token is reused until
 * shortly before it expires; `invalidate` drops it after the vendor rejected it. With `shared`,
 * the process's one acquisition first looks in Redis, and only one replica asks the vendor.
 */
export class TokenCache {
  private current: (HeldToken & { renewAt: number }) | undefined;
  private pending: Promise<HeldToken> | undefined;
  private readonly acquire: () => Promise<IssuedToken>;
  private readonly now: () => number;
  private readonly refreshMarginMs: number;
  private readonly shared: SharedTokenSlot | undefined;

  constructor(options: TokenCacheOptions) {
    this.acquire = options.acquire;
    this.now = options.now ?? Date.now;
    this.refreshMarginMs = options.refreshMarginMs ?? 60_000;
    this.shared = options.shared;
  }

  async get(): Promise<string> {
    if (this.current && this.now() < this.current.renewAt) return this.current.token;
    return (await this.acquireShared()).token;
  }

  /** The token with what its issuer said about it (acquiring it if need be). */
  async held(): Promise<HeldToken> {
    if (this.current && this.now() < this.current.renewAt) return this.current;
    return this.acquireShared();
  }

  /** Forgets `token` if it is still the cached one (a late 401 for an older token must not drop a newer one). */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  /**
   * Runs `call` with the cached token; when the vendor rejects it (`isRejected`), gets a
   * new token and tries exactly once more. This is the one place a write is sent twice, and
   * it is safe: a vendor that rejects the credentials (401) has not processed the request.
   * `isRejected` must therefore match only credential rejections, never a timeout or a 5xx.
   */
  async withToken<T>(call: (token: string) => Promise<T>, isRejected: (error: unknown) => boolean): Promise<T> {
    const token = await this.get();
    try {
      return await call(token);
    } catch (error) {
      if (!isRejected(error)) throw error;
      this.invalidate(token);
      // Before asking again, or Redis would hand back the token just rejected.
      await this.shared?.invalidate(token);
      let next = await this.get();
      // A read of Redis that began before the deletion may have brought the rejected token back.
      if (next === token) {
        this.invalidate(token);
        next = await this.get();
      }
      return call(next);
    }
  }

  private acquireShared(): Promise<HeldToken> {
    // Shared by every request waiting for it: the first one's client going away must not cancel it for the others.
    this.pending ??= outsideCaller(() => this.acquireOnce()).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async acquireOnce(): Promise<HeldToken> {
    const held = this.shared ? await this.shared.obtain(() => this.issue()) : await this.issue();
    this.current = { token: held.token, renewAt: held.renewAt, ...(held.details !== undefined && { details: held.details }) };
    return this.current;
  }

  private async issue(): Promise<SharedToken> {
    const issued = await this.acquire();
    const lifetimeMs = Math.max(0, issued.expiresInSeconds * 1000);
    const margin = Math.min(this.refreshMarginMs, lifetimeMs / 10);
    const now = this.now();
    return {
      token: issued.token,
      renewAt: now + lifetimeMs - margin,
      expiresAt: now + lifetimeMs,
      ...(issued.details !== undefined && { details: issued.details }),
    };
  }
}
