import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { LRUCache } from 'lru-cache';
import { BadUserInputError, ErrorCode, TesseraError, vendorName } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Source } from '../models.js';
import type { Redis } from '../redis.js';
import { runInWriteScope, type WriteScope } from './writeScope.js';

/** What is kept under an idempotency key. `fingerprint` is a digest of the field and its input. */
export type IdempotencyRecord =
  /** `until`: epoch ms after which a create still "running" was lost (its gateway stopped) and counts as unknown. */
  | { state: 'running'; fingerprint: string; until: number }
  /** `result`: the model the field returned, as JSON. */
  | { state: 'done'; fingerprint: string; result: string }
  /** The vendor may or may not have created the record; nobody will ever know from here. */
  | { state: 'unknown'; fingerprint: string };

export interface IdempotencyStore {
  /** Stores `record` unless the key holds one; returns the record already there, or null when this call stored it. */
  claim(key: string, record: IdempotencyRecord, ttlMs: number): Promise<IdempotencyRecord | null>;
  get(key: string): Promise<IdempotencyRecord | null>;
  put(key: string, record: IdempotencyRecord, ttlMs: number): Promise<void>;
  release(key: string): Promise<void>;
}

/** GET, and SET with its expiry only if there was nothing: in one step, so two replicas never both claim a key. */
const CLAIM_SCRIPT = `
local existing = redis.call('GET', KEYS[1])
if existing then return existing end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false`;

/** Keys in Redis: every replica sees them, so a retry may land on any replica. */
export function createRedisIdempotencyStore(redis: Redis): IdempotencyStore {
  const parse = (text: string | null) => (text === null ? null : (JSON.parse(text) as IdempotencyRecord));
  return {
    claim: async (key, record, ttlMs) => parse((await redis.eval(CLAIM_SCRIPT, 1, key, JSON.stringify(record), ttlMs)) as string | null),
    get: async (key) => parse(await redis.get(key)),
    put: async (key, record, ttlMs) => void (await redis.set(key, JSON.stringify(record), 'PX', ttlMs)),
    release: async (key) => void (await redis.del(key)),
  };
}

/**
 * Keys in this process only (no `REDIS_URL`): a retry that reaches another replica, or this one
 * after a restart, is not recognised. Bounded: past `maxKeys` the least recently used go first.
 */
export function createMemoryIdempotencyStore(maxKeys = 10_000, now: () => number = Date.now): IdempotencyStore {
  const entries = new LRUCache<string, { record: IdempotencyRecord; expiresAt: number }>({ max: maxKeys });
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) entries.delete(key);
    return entry && entry.expiresAt > now() ? entry.record : null;
  };
  return {
    async claim(key, record, ttlMs) {
      const existing = live(key);
      if (existing === null) entries.set(key, { record, expiresAt: now() + ttlMs });
      return existing;
    },
    get: async (key) => live(key),
    put: async (key, record, ttlMs) => void entries.set(key, { record, expiresAt: now() + ttlMs }),
    release: async (key) => void entries.delete(key),
  };
}

export interface IdempotencyOptions {
  store: IdempotencyStore;
  keyPrefix: string;
  /** How long a result is kept. */
  ttlMs: number;
  /** How long a caller waits for its create, or for another request's create under the same key. */
  answerWithinMs: number;
  /** How long the create's write may keep waiting for the vendor after that (see `WriteScope`). */
  writeTimeoutMs: number;
  logger: Logger;
}

/** One create sent with an idempotency key. */
export interface IdempotentCreate {
  source: Source;
  /** Digest of the credentials the request uses for the vendor: a key belongs to one caller. */
  callerDigest: string;
  key: string;
  /** The mutation field and its arguments without the key: a key reused for anything else is refused. */
  field: string;
  args: unknown;
  execute: () => unknown;
}

/**
 * Runs each create at most once per (caller, key). The first request stores its result; a
 * retry gets that result without calling the vendor; a retry while the first is running waits
 * for it (up to `answerWithinMs`, then IDEMPOTENCY_KEY_IN_USE). A create whose vendor has not
 * answered by `answerWithinMs` answers UPSTREAM_OUTCOME_UNKNOWN (retryable) but keeps waiting
 * for the vendor, up to `writeTimeoutMs`, and stores what it says. A create that failed before
 * anything could have been written frees its key; one that may have written marks it unknown,
 * for good: running it again could create a second record.
 */
export class Idempotency {
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(private readonly options: IdempotencyOptions) {}

  async run(create: IdempotentCreate): Promise<unknown> {
    const { store, keyPrefix, answerWithinMs, writeTimeoutMs } = this.options;
    const storeKey = `${keyPrefix}idem:${digest(`${create.source}\n${create.callerDigest}\n${create.key}`)}`;
    const fingerprint = digest(`${create.field}\n${stableJson(create.args)}`);
    // A create is a login (at most `answerWithinMs`), the write (`writeTimeoutMs`) and perhaps a read-back: past that, "running"
    // means its gateway stopped before recording the outcome, and the key reads as unknown.
    const until = () => Date.now() + answerWithinMs + writeTimeoutMs + answerWithinMs;
    const claim = () => this.storeStep(() => store.claim(storeKey, { state: 'running', fingerprint, until: until() }, this.options.ttlMs), true);
    const waitUntil = Date.now() + answerWithinMs;

    let existing = await claim();
    for (let round = 0; existing !== null; round += 1) {
      if (existing.fingerprint !== fingerprint) {
        throw new BadUserInputError('This idempotency key was already used for another request (another field or other input). Use a new key for a new request.', { source: create.source });
      }
      if (existing.state === 'done') return JSON.parse(existing.result) as unknown;
      if (existing.state === 'unknown' || existing.until <= Date.now()) throw unknownUnderKey(create.source);
      if (Date.now() >= waitUntil) {
        throw new TesseraError('A request with this idempotency key is still running; repeat it with the same key shortly to get its result.', ErrorCode.IDEMPOTENCY_KEY_IN_USE, {
          source: create.source,
          retryable: true,
          retryAfterSeconds: 1,
        });
      }
      // The first request runs here or on another replica: wake when it ends here, else poll the store.
      const pause = Math.min(25 * 2 ** round, 250, Math.max(0, waitUntil - Date.now()));
      await Promise.race([sleep(pause), this.inFlight.get(storeKey) ?? sleep(pause)]);
      existing = (await this.storeStep(() => store.get(storeKey), false)) ?? (await claim());
    }
    return this.execute(create, storeKey, fingerprint);
  }

  /** Waits, at most `timeoutMs`, for creates still waiting for their vendor after their callers were answered. */
  async settle(timeoutMs: number): Promise<void> {
    if (this.inFlight.size === 0) return;
    await Promise.race([Promise.allSettled(this.inFlight.values()), sleep(timeoutMs)]);
  }

  private async execute(create: IdempotentCreate, storeKey: string, fingerprint: string): Promise<unknown> {
    const { store, ttlMs, answerWithinMs, writeTimeoutMs, logger } = this.options;
    const scope: WriteScope = { writeTimeoutMs, sentWrites: 0 };
    const record = (next: IdempotencyRecord | null) =>
      (next === null ? store.release(storeKey) : store.put(storeKey, next, ttlMs)).catch((error: unknown) =>
        // The record stays "running" until its `until`, then reads as unknown: never run twice.
        logger.error({ err: error, state: next?.state ?? 'released' }, 'idempotency store unavailable: the outcome of a create was not recorded'),
      );
    const outcome = runInWriteScope(scope, async () => create.execute()).then(
      async (result) => {
        const serialized = serialize(result);
        if (serialized === undefined) logger.error({ source: create.source, field: create.field }, 'idempotency: a create returned a result JSON cannot hold; its key is marked unknown');
        await record(serialized === undefined ? { state: 'unknown', fingerprint } : { state: 'done', fingerprint, result: serialized });
        return result;
      },
      async (error: unknown) => {
        // A write the vendor may have applied (answered, or never answered) must not run again under this key.
        const mayHaveWritten = scope.sentWrites > 0 || codeOf(error) === ErrorCode.UPSTREAM_OUTCOME_UNKNOWN;
        await record(mayHaveWritten ? { state: 'unknown', fingerprint } : null);
        throw mayHaveWritten ? unknownUnderKey(create.source, error) : error;
      },
    );
    const settled = outcome.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.set(storeKey, settled);
    void settled.then(() => this.inFlight.get(storeKey) === settled && this.inFlight.delete(storeKey));

    const timer = new AbortController();
    const stillWaiting = sleep(answerWithinMs, undefined, { signal: timer.signal }).then(() => {
      logger.info({ source: create.source, field: create.field }, 'create still waiting for the vendor: answered UPSTREAM_OUTCOME_UNKNOWN, the outcome will be kept under its idempotency key');
      throw new TesseraError(
        `${vendorName(create.source)} has not answered yet. Tessera keeps waiting for it (up to ${Math.round(writeTimeoutMs / 1000)} s) and keeps the outcome under this ` +
          'idempotency key: repeat the request with the same key to get the result; the record will not be created twice.',
        ErrorCode.UPSTREAM_OUTCOME_UNKNOWN,
        { source: create.source, retryable: true },
      );
    });
    try {
      return await Promise.race([outcome, stillWaiting]);
    } finally {
      timer.abort();
      stillWaiting.catch(() => undefined);
    }
  }

  private async storeStep<T>(step: () => Promise<T>, beforeSending: boolean): Promise<T> {
    try {
      return await step();
    } catch (error) {
      this.options.logger.warn({ err: error }, 'idempotency store unavailable: refusing a create');
      throw new TesseraError(
        `Tessera cannot reach its idempotency store right now${beforeSending ? '; nothing was sent to the vendor' : ''}. Retry later with the same key.`,
        ErrorCode.INTERNAL_SERVER_ERROR,
        { retryable: true },
      );
    }
  }
}

/** The answer for a key whose create may or may not have happened: final, so not retryable with this key. */
function unknownUnderKey(source: Source, cause?: unknown): TesseraError {
  const vendor = vendorName(source);
  return new TesseraError(
    `The request with this idempotency key got no conclusive answer from ${vendor}: it may or may not have created the record, and a retry with this key ` +
      `gets this answer again. Check in ${vendor} whether the record exists; to create it anyway, use a new key.`,
    ErrorCode.UPSTREAM_OUTCOME_UNKNOWN,
    { source, retryable: false, cause },
  );
}

/** A model as JSON (models are plain data: strings, numbers, booleans, nulls, arrays, objects); undefined when it cannot be. */
function serialize(result: unknown): string | undefined {
  try {
    return JSON.stringify(result) as string | undefined;
  } catch {
    return undefined;
  }
}

function codeOf(error: unknown): unknown {
  return error instanceof TesseraError ? error.code : undefined;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** JSON with object keys sorted, so that the same input always has the same fingerprint. */
export function stableJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((item) => stableJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
