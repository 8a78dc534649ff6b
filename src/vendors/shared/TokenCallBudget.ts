import { randomUUID } from 'node:crypto';
import { SharedStoreUnavailable, type SharedTokenStore } from './SharedTokenStore.js';

/** The calls a vendor allows its token endpoint, and the cool-down after it refused one (429). */
export interface TokenCallBudget {
  /** Whether a token call may be made now; when it may, the call is counted. */
  take(): Promise<boolean>;
  /** The vendor refused a token call (429): none until `untilMs` (epoch ms, the budget's clock). */
  refuseUntil(untilMs: number): Promise<void>;
}

export interface TokenCallLimit {
  calls: number;
  windowMs: number;
}

/** One process on its own: only the cool-down is kept (the one acquisition at a time keeps calls rare). */
export function createLocalTokenCallBudget(now: () => number = Date.now): TokenCallBudget {
  let refusedUntil = 0;
  return {
    take: async () => now() >= refusedUntil,
    async refuseUntil(untilMs) {
      refusedUntil = Math.max(refusedUntil, untilMs);
    },
  };
}

/**
 * Counts the token calls of every replica in a sliding window: a sorted set of call times,
 * trimmed to the window, one member added per call allowed. The cool-down key lives as long as
 * the vendor asked. A member already counted (the same call sent again after a Redis timeout) is
 * allowed without counting it twice. KEYS[1] calls, KEYS[2] cool-down; ARGV now, window, limit, member.
 */
const TAKE = `
if redis.call('ZSCORE', KEYS[1], ARGV[4]) then return 1 end
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

/**
 * The budget shared by replicas through Redis, for one credential (`keyBase` from
 * `SharedTokenStore.keyFor`). While Redis fails, each replica keeps its own cool-down, as without Redis.
 */
export function createSharedTokenCallBudget(store: SharedTokenStore, keyBase: string, limit: TokenCallLimit, now: () => number = Date.now): TokenCallBudget {
  const local = createLocalTokenCallBudget(now);
  const callsKey = `${keyBase}token-calls`;
  const coolDownKey = `${keyBase}token-refused`;
  return {
    async take() {
      if (!(await local.take())) return false;
      try {
        const at = now();
        const member = `${at}:${randomUUID()}`;
        const allowed = await store.command((r) => r.eval(TAKE, 2, callsKey, coolDownKey, at, limit.windowMs, limit.calls, member));
        return allowed === 1;
      } catch (error) {
        if (error instanceof SharedStoreUnavailable) return true;
        throw error;
      }
    },
    async refuseUntil(untilMs) {
      await local.refuseUntil(untilMs);
      const ms = Math.ceil(untilMs - now());
      if (ms > 0) await store.command((r) => r.set(coolDownKey, '1', 'PX', ms)).catch(() => undefined);
    },
  };
}
