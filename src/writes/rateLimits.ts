import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { ErrorCode, TesseraError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Redis } from '../redis.js';

/** One kind of limited mutation: most attempts per window from one caller, and at one target (an account, an address). 0: no limit. */
export interface RateLimit {
  perCaller: number;
  perTarget: number;
  windowSeconds: number;
}

export interface RateLimits {
  /** Mutations that check a password or a code: a wrong guess must be costly. */
  credentialCheck: RateLimit;
  /** Mutations that make a vendor send an e-mail: one caller must not mail-bomb an address. */
  email: RateLimit;
}
export type RateLimitKind = keyof RateLimits;

/** A fixed-window counter: adds one to each key and says where its window stands. */
export interface WindowCounter {
  hit(keys: readonly { key: string; windowMs: number }[]): Promise<{ count: number; resetInMs: number }[]>;
}

/**
 * Every key incremented, and its window started on the first hit, in one atomic step: two
 * replicas counting at once never lose a hit, and a key never lives without an expiry.
 */
const HIT_SCRIPT = `
local out = {}
for i = 1, #KEYS do
  local count = redis.call('INCR', KEYS[i])
  local ttl = redis.call('PTTL', KEYS[i])
  if ttl < 0 then
    redis.call('PEXPIRE', KEYS[i], ARGV[i])
    ttl = tonumber(ARGV[i])
  end
  out[#out + 1] = count
  out[#out + 1] = ttl
end
return out`;

/** Counts in Redis, shared by every replica. */
export function createRedisWindowCounter(redis: Redis): WindowCounter {
  return {
    async hit(keys) {
      const flat = (await redis.eval(HIT_SCRIPT, keys.length, ...keys.map((k) => k.key), ...keys.map((k) => k.windowMs))) as number[];
      return keys.map((_key, i) => ({ count: Number(flat[2 * i]), resetInMs: Number(flat[2 * i + 1]) }));
    },
  };
}

/**
 * Counts in this process only: each replica allows the full limit, so N replicas allow N times
 * as much. Bounded: past `maxKeys` the least recently hit counters are forgotten.
 */
export function createMemoryWindowCounter(maxKeys = 100_000, now: () => number = Date.now): WindowCounter {
  const windows = new LRUCache<string, { count: number; resetAt: number }>({ max: maxKeys });
  return {
    async hit(keys) {
      return keys.map(({ key, windowMs }) => {
        const at = now();
        const current = windows.get(key);
        const window = current && current.resetAt > at ? current : { count: 0, resetAt: at + windowMs };
        window.count += 1;
        windows.set(key, window);
        return { count: window.count, resetInMs: window.resetAt - at };
      });
    },
  };
}

const wording: Record<RateLimitKind, { what: string; target: string }> = {
  credentialCheck: { what: 'login attempts and credential checks', target: 'for this account' },
  email: { what: 'e-mails', target: 'to this address' },
};

/**
 * Tessera's own limits on mutations that check credentials or send e-mail, counted before the
 * vendor is called, per caller (API-key digest, else client IP) and per target (the account or
 * address, lower-cased and hashed: Redis never holds an e-mail address). Every attempt counts,
 * whether it succeeds or not: the count must be taken before the vendor answers, or 500
 * aliases of one request would all pass the check together.
 */
export class RateLimiter {
  constructor(
    private readonly limits: RateLimits,
    private readonly counter: WindowCounter,
    private readonly keyPrefix: string,
    private readonly logger: Logger,
  ) {}

  /** Counts one attempt; throws RATE_LIMITED (retryable, `retryAfterSeconds`) when the caller or the target is over its limit. */
  async consume(kind: RateLimitKind, caller: string, target: string | undefined): Promise<void> {
    const limit = this.limits[kind];
    const windowMs = limit.windowSeconds * 1000;
    const checks = [
      ...(limit.perCaller > 0 ? [{ max: limit.perCaller, scope: 'from this caller', key: this.key(kind, 'caller', caller) }] : []),
      ...(limit.perTarget > 0 && target ? [{ max: limit.perTarget, scope: wording[kind].target, key: this.key(kind, 'target', target.trim().toLowerCase()) }] : []),
    ];
    if (checks.length === 0) return;
    let counts: { count: number; resetInMs: number }[];
    try {
      counts = await this.counter.hit(checks.map(({ key }) => ({ key, windowMs })));
    } catch (error) {
      this.logger.warn({ err: error, kind }, 'rate limit store unavailable: refusing the mutation');
      throw new TesseraError('Tessera cannot check its rate limits right now; nothing was sent to the vendor. Retry later.', ErrorCode.INTERNAL_SERVER_ERROR, { retryable: true });
    }
    const over = checks.map((check, i) => ({ ...check, ...counts[i]! })).filter((check) => check.count > check.max);
    if (over.length === 0) return;
    const retryAfterSeconds = Math.max(1, ...over.map((check) => Math.ceil(check.resetInMs / 1000)));
    const first = over[0]!;
    throw new TesseraError(
      `Too many ${wording[kind].what} ${first.scope} (at most ${first.max} per ${limit.windowSeconds} s); retry in ${retryAfterSeconds} s.`,
      ErrorCode.RATE_LIMITED,
      { retryable: true, retryAfterSeconds },
    );
  }

  private key(kind: RateLimitKind, role: 'caller' | 'target', value: string): string {
    return `${this.keyPrefix}rl:${kind}:${role}:${createHash('sha256').update(value).digest('base64url')}`;
  }
}
