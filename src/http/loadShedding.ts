import type { RequestHandler } from 'express';
import { ErrorCode } from '../errors.js';
import type { EventLoopMonitor } from '../eventLoopMonitor.js';
import type { Logger } from '../logger.js';

export interface LoadSheddingOptions {
  /** Most GraphQL requests in flight at once; one more is refused at once. */
  maxInFlight: number;
  /** Refuse while the event loop's recent delay exceeds this (ms); 0: never on delay alone. */
  maxLoopDelayMs: number;
  /** How long `/readyz` keeps saying "not ready" after the last refusal (ms). */
  readyHoldMs: number;
  loopMonitor: EventLoopMonitor;
  logger: Logger;
  now?: () => number;
}

export interface LoadShedder {
  /** Express middleware in front of the GraphQL endpoint. */
  guard: RequestHandler;
  /** False while requests are being refused, and for `readyHoldMs` after the last one. */
  isReady(): boolean;
  /** Requests in flight now, and refused since start. */
  stats(): { inFlight: number; shed: number };
}

/** What a refused client is told to wait, in seconds. */
const RETRY_AFTER_SECONDS = 1;

/**
 * Refuses work the gateway cannot take on instead of queueing it. A queue in front of a saturated
 * event loop only makes every request slower (and every upstream timer fire late), health checks
 * included; a quick 503 with `Retry-After` lets a load balancer or client go elsewhere or back off.
 */
export function createLoadShedder({ maxInFlight, maxLoopDelayMs, readyHoldMs, loopMonitor, logger, now = Date.now }: LoadSheddingOptions): LoadShedder {
  let inFlight = 0;
  let shed = 0;
  let lastShedAt = Number.NEGATIVE_INFINITY;

  const overloadReason = (): string | undefined => {
    if (inFlight >= maxInFlight) return 'requests in flight';
    if (maxLoopDelayMs > 0 && loopMonitor.recentDelayMs() > maxLoopDelayMs) return 'event-loop delay';
    return undefined;
  };

  const guard: RequestHandler = (_req, res, next) => {
    const reason = overloadReason();
    if (reason !== undefined) {
      // Logged once per episode: a log line per refusal would be more work for a loop that has none to spare.
      if (now() - lastShedAt >= readyHoldMs) logger.warn({ reason, inFlight, maxInFlight }, 'overloaded: refusing GraphQL requests');
      lastShedAt = now();
      shed += 1;
      res
        .status(503)
        .set('retry-after', String(RETRY_AFTER_SECONDS))
        .json({
          errors: [
            {
              message: `Tessera is overloaded; retry after ${RETRY_AFTER_SECONDS} second.`,
              extensions: { code: ErrorCode.OVERLOADED, retryable: true, http: { status: 503 } },
            },
          ],
        });
      return;
    }
    inFlight += 1;
    // 'close' comes once, whether the response was sent or the client went away first.
    res.once('close', () => {
      inFlight -= 1;
    });
    next();
  };

  return {
    guard,
    isReady: () => overloadReason() === undefined && now() - lastShedAt >= readyHoldMs,
    stats: () => ({ inFlight, shed }),
  };
}
