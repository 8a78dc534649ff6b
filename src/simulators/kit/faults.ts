import type { RequestHandler } from 'express';

/**
 * Faults a simulator can be told to inject, to test how the gateway copes with a
 * vendor that is slow, failing or returning garbage. All off by default.
 */
export interface Faults {
  /** Delay before every response, in milliseconds. */
  latencyMs: number;
  /** Share of requests (0–1) answered with `errorStatus` instead of being served. */
  errorRate: number;
  /** Status used for `errorRate` failures. */
  errorStatus: number;
  /** When set, every request is answered with this status (and an empty JSON object body). */
  forceStatus: number | null;
  /** With `forceStatus`: the `Retry-After` header sent along (seconds), as a vendor that rate-limits says when to come back. */
  retryAfterSeconds: number | null;
  /** When true, every request is answered 200 with a truncated, unparseable JSON body. */
  malformedBody: boolean;
  /** When true, every request's connection is reset (TCP RST) without an answer, as by a crashed vendor or a cut network. */
  resetConnection: boolean;
  /** When set, faults apply only to paths starting with this prefix (e.g. `/api/tickets`). */
  pathPrefix: string | null;
}

export const noFaults: Readonly<Faults> = Object.freeze({
  latencyMs: 0,
  errorRate: 0,
  errorStatus: 503,
  forceStatus: null,
  retryAfterSeconds: null,
  malformedBody: false,
  resetConnection: false,
  pathPrefix: null,
});

/** Validates and merges a partial fault setting (from a control request or the environment). */
export function mergeFaults(current: Faults, patch: Partial<Record<keyof Faults, unknown>>): Faults {
  const next: Faults = { ...current };
  if (patch.latencyMs !== undefined) next.latencyMs = nonNegative('latencyMs', patch.latencyMs);
  if (patch.errorRate !== undefined) {
    const rate = nonNegative('errorRate', patch.errorRate);
    if (rate > 1) throw new RangeError('errorRate must be between 0 and 1');
    next.errorRate = rate;
  }
  if (patch.errorStatus !== undefined) next.errorStatus = httpStatus('errorStatus', patch.errorStatus);
  if (patch.forceStatus !== undefined) next.forceStatus = patch.forceStatus === null ? null : httpStatus('forceStatus', patch.forceStatus);
  if (patch.retryAfterSeconds !== undefined) next.retryAfterSeconds = patch.retryAfterSeconds === null ? null : nonNegative('retryAfterSeconds', patch.retryAfterSeconds);
  if (patch.malformedBody !== undefined) next.malformedBody = Boolean(patch.malformedBody);
  if (patch.resetConnection !== undefined) next.resetConnection = Boolean(patch.resetConnection);
  if (patch.pathPrefix !== undefined) next.pathPrefix = patch.pathPrefix === null ? null : String(patch.pathPrefix);
  return next;
}

function nonNegative(name: string, value: unknown): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`${name} must be a non-negative number`);
  return n;
}

function httpStatus(name: string, value: unknown): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 200 || n > 599) throw new RangeError(`${name} must be an HTTP status between 200 and 599`);
  return n;
}

/** Express middleware applying the faults current at request time. */
export function faultInjector(getFaults: () => Faults, random: () => number = Math.random): RequestHandler {
  return (req, res, next) => {
    const faults = getFaults();
    if (faults.pathPrefix !== null && !req.path.startsWith(faults.pathPrefix)) return next();
    const act = () => {
      if (faults.resetConnection) return void req.socket.resetAndDestroy();
      if (faults.forceStatus !== null) {
        if (faults.retryAfterSeconds !== null) res.set('retry-after', String(faults.retryAfterSeconds));
        return void res.status(faults.forceStatus).json({});
      }
      if (faults.malformedBody) return void res.status(200).type('application/json').send('{"id": "5f1e2d3c4b5a69788796a5b4", "tit');
      if (faults.errorRate > 0 && random() < faults.errorRate) {
        return void res.status(faults.errorStatus).type('text/html').send('<html><body>Service Unavailable</body></html>');
      }
      next();
    };
    if (faults.latencyMs > 0) setTimeout(act, faults.latencyMs);
    else act();
  };
}
