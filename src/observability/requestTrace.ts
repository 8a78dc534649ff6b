import { AsyncLocalStorage } from 'node:async_hooks';
import type { Span } from '@opentelemetry/api';
import type { LimitFunction } from 'p-limit';
import { asLimitFunction } from '../vendors/shared/asLimitFunction.js';

/**
 * What a vendor call needs to know of the request it is made for, to be traced as part of it:
 * the request ID and the operation's span (set when the operation starts; none when tracing is off).
 */
export interface RequestTrace {
  readonly requestId: string;
  span?: Span;
}

/**
 * Carried to the vendor calls the way the caller's signal is (see `callerSignal`): every vendor
 * call runs through its request's `limit`, so the limit puts the request's trace in scope and
 * the vendor-call observer reads it there, with no client method passing it along.
 */
const current = new AsyncLocalStorage<RequestTrace>();

/** The trace of the request the running vendor call belongs to; undefined outside one. */
export function currentRequestTrace(): RequestTrace | undefined {
  return current.getStore();
}

/**
 * Runs `work` (the rest of a GraphQL request's handling) in `trace`'s scope: every log line
 * written meanwhile names the request (the logger's mixin reads it), whichever logger writes it.
 */
export function inRequestTrace<T>(trace: RequestTrace, work: () => T): T {
  return current.run(trace, work);
}

/** `limit`, with every call it runs in `trace`'s scope. */
export function limitWithTrace(limit: LimitFunction, trace: RequestTrace): LimitFunction {
  const run = <A extends unknown[], R>(work: (...args: A) => PromiseLike<R> | R, ...args: A): Promise<R> =>
    limit(() => current.run(trace, () => work(...args)));
  return asLimitFunction(run, limit);
}
