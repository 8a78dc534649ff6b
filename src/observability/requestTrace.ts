import { AsyncLocalStorage } from 'node:async_hooks';
import type { Span } from '@opentelemetry/api';

/**
 * What a vendor call needs to know of the request it is made for, to be traced as part of it:
 * the request ID and the operation's span (set when the operation starts; none when tracing is off).
 */
export interface RequestTrace {
  readonly requestId: string;
  span?: Span;
}

/**
 * In scope for the whole handling of a GraphQL request (the HTTP layer enters it with
 * `inRequestTrace`), so the vendor-call observer, the response cache and the logger read it
 * there, with no client method passing it along.
 */
const current = new AsyncLocalStorage<RequestTrace>();

/** The trace of the request being handled; undefined outside one (start-up, unit tests). */
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
