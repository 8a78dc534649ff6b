import type { Source } from '../models.js';
import { currentRequestTrace, type RequestTrace } from '../observability/requestTrace.js';

/** A vendor read answered from the cache past its freshness because the vendor failed: what the caller is told in `extensions.tessera.staleData`. */
export interface StaleRead {
  source: Source;
  /** The route template (`/api/v1/device/:id/info`): no ID, no query string. */
  path: string;
  /** How old the data is, in whole seconds since the vendor sent it. */
  ageSeconds: number;
}

interface RequestCacheState {
  /** A mutation's reads: never answered from the cache (a read-modify-write must start from the vendor's current state). */
  freshOnly: boolean;
  staleReads: Map<string, StaleRead>;
}

/**
 * What the response cache knows of each request in flight. The request is known by its trace,
 * the one object every vendor call of a request carries in scope (see `requestTrace.ts`), so no
 * client method or context field passes anything along; the state goes with the request.
 */
const byRequest = new WeakMap<RequestTrace, RequestCacheState>();

function stateOf(trace: RequestTrace): RequestCacheState {
  let state = byRequest.get(trace);
  if (!state) byRequest.set(trace, (state = { freshOnly: false, staleReads: new Map() }));
  return state;
}

/** From now on, the request's reads go to the vendor (set when the operation is a mutation). */
export function requireFreshReads(trace: RequestTrace): void {
  stateOf(trace).freshOnly = true;
}

/** Whether the running vendor call belongs to a request whose reads must not come from the cache. */
export function freshReadsRequired(): boolean {
  const trace = currentRequestTrace();
  return trace !== undefined && byRequest.get(trace)?.freshOnly === true;
}

/** Notes a stale read for the request the running vendor call belongs to; outside one, nobody is told. */
export function noteStaleRead(read: StaleRead): void {
  const trace = currentRequestTrace();
  if (!trace) return;
  const { staleReads } = stateOf(trace);
  // One line per route; the oldest data is what the caller must know of.
  const key = `${read.source} ${read.path}`;
  const known = staleReads.get(key);
  if (!known || known.ageSeconds < read.ageSeconds) staleReads.set(key, read);
}

/** The request's stale reads, one per vendor route, in the order they were first met. */
export function staleReadsOf(trace: RequestTrace): StaleRead[] {
  return [...(byRequest.get(trace)?.staleReads.values() ?? [])];
}
