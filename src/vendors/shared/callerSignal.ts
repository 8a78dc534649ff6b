import { AsyncLocalStorage } from 'node:async_hooks';
import type { LimitFunction } from 'p-limit';
import { asLimitFunction } from './asLimitFunction.js';

/**
 * The abort signal of the request a vendor call is made for: it fires when the client goes away.
 *
 * Every vendor call already runs through its request's `RequestScope.limit`, so the limit is
 * where the signal is attached: `VendorHttp` reads it from there and hands it to `got`, and no
 * client method needs a signal parameter. Work shared between requests (a service-token login
 * many requests wait for) runs `outsideCaller`, so one caller leaving cannot cancel it for all.
 */
const current = new AsyncLocalStorage<AbortSignal>();

/** The signal of the request the running vendor call belongs to; undefined outside one (start-up, tests, shared work). */
export function callerSignal(): AbortSignal | undefined {
  return current.getStore();
}

/** Runs `work` belonging to no particular request: no caller's going away aborts it. */
export function outsideCaller<T>(work: () => T): T {
  return current.exit(work);
}

/** `limit`, with every call it runs carrying `signal` (see `callerSignal`). */
export function limitWithSignal(limit: LimitFunction, signal: AbortSignal): LimitFunction {
  const run = <A extends unknown[], R>(work: (...args: A) => PromiseLike<R> | R, ...args: A): Promise<R> =>
    limit(() => current.run(signal, () => work(...args)));
  return asLimitFunction(run, limit);
}
