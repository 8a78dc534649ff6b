import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { seal, unseal } from '../../sealed.js';

/** A service token as replicas share it: when to renew it and when the vendor stops accepting it (epoch ms). */
export interface SharedToken {
  token: string;
  renewAt: number;
  expiresAt: number;
  /** What the vendor said about the token when it issued it (plain JSON), stored encrypted with it. */
  details?: unknown;
}

/** One service credential's token in Redis, as `TokenCache` uses it across replicas. */
export interface SharedTokenSlot {
  /** The stored token if still fresh, else one `acquire`d by exactly one replica (under a lock) and stored for all. */
  obtain(acquire: () => Promise<SharedToken>): Promise<SharedToken>;
  /** Deletes the stored token only if it is still `token` (a late rejection of an older token keeps the newer one). */
  invalidate(token: string): Promise<void>;
}

/** Deletes the lock only for its holder: a holder whose lock timed out must not release the next holder's. */
const RELEASE_LOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
/** Deletes the token only if the stored (encrypted) value is the one the caller read and saw rejected. */
const DELETE_IF_SAME = RELEASE_LOCK;
/**
 * `SET lock holder PX ms NX`, also 'OK' when `holder` already has it: sent again after a
 * timeout whose first attempt did take the lock, it must not lock the holder out of its own lock.
 */
const TAKE_LOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return 'OK' end return redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX')`;

/**
 * How many times a command that timed out is sent again before Redis counts as unavailable.
 * The client's command timeout is short (1 s) and measured on the event loop: a loop busy with
 * a burst of cold requests reads Redis's prompt reply only after the timer fired. Taking that
 * for an outage would make every replica ask the vendor (a Lexiang token call is budgeted).
 * Every command here may be sent twice (reads, conditional writes, an idempotent lock).
 */
const TIMEOUT_RETRIES = 2;

/** How often a replica waiting for another's acquisition looks for the token. */
const POLL_MS = 25;
/** A token another replica is renewing is used meanwhile, re-read after this long. */
const STALE_REUSE_MS = 1000;

export interface SharedTokenStoreOptions {
  redis: Redis;
  /** `TESSERA_REDIS_KEY_PREFIX`. */
  keyPrefix: string;
  /** How long a lock holds when its holder never releases it (crashed): longer than one acquisition may take. */
  lockMs: number;
  logger: Logger;
}

/**
 * Vendor service tokens shared by replicas through Redis. Keys are named after a digest of the
 * vendor, its base URL and the credentials (never the credentials), so two configurations never
 * share a token; values are encrypted (AES-256-GCM) with a key derived from the same credentials,
 * so Redis alone never yields a usable token. When Redis fails, each replica acquires its own
 * token as it would without Redis (a warning, once per outage): availability over economy.
 */
export class SharedTokenStore {
  private redisHealthy = true;

  constructor(private readonly options: SharedTokenStoreOptions) {}

  get redis(): Redis {
    return this.options.redis;
  }

  /** The key under which things about one credential live: `<prefix>vendor:<name>:<digest>:`. */
  keyFor(vendor: string, material: readonly string[]): string {
    return `${this.options.keyPrefix}vendor:${vendor}:${digest('key', vendor, material).toString('hex').slice(0, 32)}:`;
  }

  slot(vendor: string, material: readonly string[], now: () => number = Date.now): SharedTokenSlot {
    const base = this.keyFor(vendor, material);
    return new RedisTokenSlot(this, { tokenKey: `${base}token`, lockKey: `${base}token-lock`, secret: digest('encryption', vendor, material), now });
  }

  /**
   * Runs a Redis command (again after a timeout, while Redis was last seen healthy: see
   * `TIMEOUT_RETRIES`; `run` must be safe to repeat); a failure is logged once per outage and
   * rethrown as `SharedStoreUnavailable`.
   */
  async command<T>(run: (redis: Redis) => Promise<T>): Promise<T> {
    try {
      const result = await this.send(run);
      this.redisHealthy = true;
      return result;
    } catch (error) {
      if (this.redisHealthy) {
        this.options.logger.warn({ message: (error as Error).message }, 'redis: shared vendor tokens unavailable; each replica acquires its own until it is back');
      }
      this.redisHealthy = false;
      throw new SharedStoreUnavailable();
    }
  }

  private async send<T>(run: (redis: Redis) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await run(this.options.redis);
      } catch (error) {
        if (!(this.redisHealthy && attempt < TIMEOUT_RETRIES && isTimeout(error))) throw error;
      }
    }
  }

  get lockMs(): number {
    return this.options.lockMs;
  }
}

/** Redis did not answer: the caller falls back to what a single process does. */
export class SharedStoreUnavailable extends Error {
  constructor() {
    super('shared token store unavailable');
  }
}

interface SlotKeys {
  tokenKey: string;
  lockKey: string;
  secret: Buffer;
  now: () => number;
}

class RedisTokenSlot implements SharedTokenSlot {
  constructor(
    private readonly store: SharedTokenStore,
    private readonly keys: SlotKeys,
  ) {}

  async obtain(acquire: () => Promise<SharedToken>): Promise<SharedToken> {
    const { now } = this.keys;
    // Wall time, not `now`: how long to wait for another replica is real time even when tests move the clock.
    const giveUpAt = Date.now() + this.store.lockMs + 250;
    let stale: SharedToken | undefined;
    try {
      for (;;) {
        const stored = await this.read();
        if (stored && now() < stored.renewAt) return stored;
        if (stored && now() < stored.expiresAt) stale = stored;
        const holder = randomUUID();
        const locked = await this.store.command((r) => r.eval(TAKE_LOCK, 1, this.keys.lockKey, holder, this.store.lockMs));
        if (locked === 'OK') return await this.acquireLocked(acquire, holder);
        // Another replica is renewing a still-valid token: keep using it meanwhile.
        if (stale) return { ...stale, renewAt: Math.min(stale.expiresAt, now() + STALE_REUSE_MS) };
        // A lock that outlives its timeout (taken by hand, without one) must not block for ever.
        if (Date.now() > giveUpAt) return await acquire();
        await sleep(POLL_MS);
      }
    } catch (error) {
      if (!(error instanceof SharedStoreUnavailable)) throw error;
      return acquire();
    }
  }

  async invalidate(token: string): Promise<void> {
    const stored = await this.store.command((r) => r.get(this.keys.tokenKey)).catch(() => null);
    if (stored === null || this.decrypt(stored)?.token !== token) return;
    await this.store.command((r) => r.eval(DELETE_IF_SAME, 1, this.keys.tokenKey, stored)).catch(() => undefined);
  }

  private async acquireLocked(acquire: () => Promise<SharedToken>, holder: string): Promise<SharedToken> {
    try {
      // Stored by the previous holder between our read and our lock.
      const again = await this.read();
      if (again && this.keys.now() < again.renewAt) return again;
      const issued = await acquire();
      const ttlMs = Math.floor(issued.expiresAt - this.keys.now());
      if (ttlMs > 0) await this.store.command((r) => r.set(this.keys.tokenKey, this.encrypt(issued), 'PX', ttlMs)).catch(() => undefined);
      return issued;
    } finally {
      await this.store.command((r) => r.eval(RELEASE_LOCK, 1, this.keys.lockKey, holder)).catch(() => undefined);
    }
  }

  private async read(): Promise<SharedToken | undefined> {
    const value = await this.store.command((r) => r.get(this.keys.tokenKey));
    return value === null ? undefined : this.decrypt(value);
  }

  private encrypt(token: SharedToken): string {
    return seal(JSON.stringify(token), this.keys.secret).toString('base64');
  }

  /** Undefined for a value that does not decrypt (written under other credentials, or tampered with): treated as absent. */
  private decrypt(value: string): SharedToken | undefined {
    const text = unseal(Buffer.from(value, 'base64'), this.keys.secret);
    if (text === undefined) return undefined;
    try {
      const parsed = JSON.parse(text) as SharedToken;
      return typeof parsed.token === 'string' && typeof parsed.renewAt === 'number' && typeof parsed.expiresAt === 'number' ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
}

/** ioredis's `commandTimeout` rejection (a plain Error, told by its message). */
function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === 'Command timed out';
}

/** Distinct digests of one credential for distinct uses: a key name reveals nothing about the encryption key. */
function digest(use: string, vendor: string, material: readonly string[]): Buffer {
  const hash = createHash('sha256').update(`tessera-shared-token:${use}\0${vendor}`);
  for (const part of material) hash.update(`\0${part.length}:`).update(part);
  return hash.digest();
}
