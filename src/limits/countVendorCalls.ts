import type { LimitFunction } from 'p-limit';
import { LimitExceededError } from '../errors.js';
import { asLimitFunction } from '../vendors/shared/asLimitFunction.js';

/** One request's count of vendor calls against its budget (`TESSERA_MAX_VENDOR_CALLS`), shared by all its vendors. */
export interface VendorCallBudget {
  readonly max: number;
  /** Calls started (or queued) so far. */
  used: number;
  /** Calls refused because the budget was spent. */
  refused: number;
}

export function createVendorCallBudget(max: number): VendorCallBudget {
  return { max, used: 0, refused: 0 };
}

/**
 * `limit`, counting each vendor call against the request's budget. Every vendor source sends its
 * calls through its request's `RequestScope.limit`, so this is the one place to count them: once
 * the budget is spent, a further call is refused without being sent and the field that needed it
 * fails with QUERY_TOO_COMPLEX (`limit: 'vendorCalls'`). The static estimate refuses most such
 * operations up front; this catches what it cannot know (lists without `first`). Work shared
 * between requests (a service-token login) runs inside a client method and is not counted.
 */
export function countVendorCalls(limit: LimitFunction, budget: VendorCallBudget): LimitFunction {
  const run = <A extends unknown[], R>(work: (...args: A) => PromiseLike<R> | R, ...args: A): Promise<R> => {
    if (budget.used >= budget.max) {
      budget.refused += 1;
      return Promise.reject(
        new LimitExceededError(`This request has used its ${budget.max} vendor calls; the rest of its fields were not read. Ask for less in one request.`, {
          name: 'vendorCalls',
          max: budget.max,
        }),
      );
    }
    budget.used += 1;
    return limit(work, ...args);
  };
  return asLimitFunction(run, limit);
}
