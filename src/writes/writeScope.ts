import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the HTTP layer needs to know about a create running under an idempotency key. It is
 * carried by async context (like the caller's abort signal) so that no vendor client has to
 * pass it on: `VendorHttp` reads it for every write it sends.
 */
export interface WriteScope {
  /**
   * Time limit of a write call (not a GET, not a repeatable POST such as a login): longer than
   * the caller waits, so that the gateway still learns the vendor's answer after the caller has
   * been told the outcome is unknown, and can give it to a retry with the same key.
   */
  readonly writeTimeoutMs: number;
  /**
   * Writes sent in this scope that the vendor may have applied (answered 2xx, or no answer):
   * when the create then fails in a later step (the read-back), it must not run again.
   */
  sentWrites: number;
}

const current = new AsyncLocalStorage<WriteScope>();

/** Runs `work` with `scope` visible to every vendor call it makes. */
export function runInWriteScope<T>(scope: WriteScope, work: () => T): T {
  return current.run(scope, work);
}

/** The scope of the idempotent create this call belongs to; undefined for every other call. */
export function currentWriteScope(): WriteScope | undefined {
  return current.getStore();
}
