import express, { type ErrorRequestHandler, type Router } from 'express';
import type { SimulatorFactory, SimulatorRuntime } from '../kit/index.js';
import { createAuthenticator } from './authenticate.js';
import { createMaxCloudStore } from './createMaxCloudStore.js';
import { badRequest, MaxCloudError, MaxCloudErrCode, sendFailure } from './envelope.js';
import type { MaxCloudContext } from './MaxCloudContext.js';
import type { MaxCloudStore } from './MaxCloudStore.js';
import { registerAuthRoutes } from './routes/authRoutes.js';
import { registerTicketRoutes } from './routes/ticketRoutes.js';
import { createTokenService } from './tokenService.js';

/** Token lifetime when none is given. The real lifetime is unconfirmed (FACTS); one day is a guess. */
export const MAXCLOUD_TOKEN_LIFETIME_SECONDS = 86_400;
/**
 * Largest `page_size` served when none is given. The real maximum is unconfirmed (FACTS); the
 * simulator clamps larger requests silently, as many APIs do, and answers the size it used.
 */
export const MAXCLOUD_PAGE_SIZE_MAX = 100;

export interface MaxCloudSimulatorOptions {
  /** Token lifetime in seconds on the simulator clock; default `MAXCLOUD_TOKEN_LIFETIME_SECONDS`. */
  tokenLifetimeSeconds?: number;
  /** Largest `page_size` served, larger ones are clamped; default `MAXCLOUD_PAGE_SIZE_MAX`. */
  pageSizeMax?: number;
  /** The state to serve; pass one from `createMaxCloudStore()` to inspect or extend it in tests. */
  store?: MaxCloudStore;
}

function positive(name: string, value: number, integer: boolean): number {
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new RangeError(`maxcloud: ${name} must be a positive ${integer ? 'integer' : 'number'}`);
  }
  return value;
}

/**
 * MaxCloud (SpotMax)'s documented API: `POST /api/login`, `POST /api/company/switch` and
 * `POST /api/tickets/search`, every answer in the `{status, err_code, request_id, message, data,
 * time}` envelope (failure codes in `envelope.ts`). Usable directly as a `SimulatorFactory`;
 * pass options through `withMaxCloudOptions`.
 */
export function createMaxCloudSimulator(runtime: SimulatorRuntime, options: MaxCloudSimulatorOptions = {}): Router {
  const { clock, log } = runtime;
  const lifetime = positive('tokenLifetimeSeconds', options.tokenLifetimeSeconds ?? MAXCLOUD_TOKEN_LIFETIME_SECONDS, false);
  const tokens = createTokenService(clock, lifetime);
  // The doc's search example is a curl --data-raw with no Content-Type (so form-encoded): the
  // service must read every body as JSON, whatever its Content-Type.
  const jsonBody = express.json({ type: () => true, limit: '1mb' });
  const ctx: MaxCloudContext = {
    store: options.store ?? createMaxCloudStore(),
    clock,
    tokens,
    pageSizeMax: positive('pageSizeMax', options.pageSizeMax ?? MAXCLOUD_PAGE_SIZE_MAX, true),
    open: [jsonBody],
    authed: [createAuthenticator(tokens), jsonBody],
  };

  const router = express.Router();
  registerAuthRoutes(router, ctx);
  registerTicketRoutes(router, ctx);

  // Unknown paths, and documented paths with another method than POST.
  router.use((req, res) => sendFailure(res, clock, new MaxCloudError(MaxCloudErrCode.notFound, `route not found: ${req.method} ${req.path}`)));

  const onError: ErrorRequestHandler = (err: unknown, req, res, _next) => {
    if (err instanceof MaxCloudError) return sendFailure(res, clock, err);
    const parserFailure = err as { type?: unknown; status?: unknown };
    if (parserFailure.type === 'entity.parse.failed') return sendFailure(res, clock, badRequest('invalid parameter: the body is not valid JSON'));
    if (typeof parserFailure.status === 'number' && parserFailure.status >= 400 && parserFailure.status < 500) {
      return sendFailure(res, clock, badRequest(`invalid parameter: ${(err as Error).message}`));
    }
    log(`maxcloud: ${req.method} ${req.path} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    sendFailure(res, clock, new MaxCloudError(MaxCloudErrCode.internal, 'internal server error'));
  };
  router.use(onError);
  return router;
}

/** A factory for `startSimulator` with options bound. */
export function withMaxCloudOptions(options: MaxCloudSimulatorOptions): SimulatorFactory {
  return (runtime) => createMaxCloudSimulator(runtime, options);
}
