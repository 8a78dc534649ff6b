import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express';
import type { SimulatorFactory, SimulatorRuntime } from '../kit/index.js';
import { defaultThingsCloudLimits, setGrant, type ThingsCloudContext, type ThingsCloudLimits } from './simulatorContext.js';
import { sendFailure, sendInvalidJson, sendUnknownRoute, ThingsCloudErrcode } from './envelope.js';
import { objectId } from './objectId.js';
import { registerAlarmRoutes } from './routes/alarmRoutes.js';
import { registerAttributeRoutes } from './routes/attributeRoutes.js';
import { registerAuthRoutes } from './routes/authRoutes.js';
import { registerCustomerRoutes } from './routes/customerRoutes.js';
import { registerDeviceRoutes } from './routes/deviceRoutes.js';
import { registerProjectRoutes } from './routes/projectRoutes.js';
import { createThingsCloudSeed, thingsCloudDemoCredentials } from './seed.js';
import { createTokenStore } from './tokenStore.js';
import type { DeviceMessage, ThingsCloudCredentials } from './types.js';

export interface ThingsCloudSimulatorOptions {
  /** Replaces some of the demo credentials (`thingsCloudDemoCredentials`). */
  credentials?: Partial<ThingsCloudCredentials>;
  /** Called with every attribute push, command and data-stream message a device receives. */
  onDeviceMessage?: (message: DeviceMessage) => void;
  limits?: Partial<ThingsCloudLimits>;
  /**
   * Throttling, off by default. FACTS: official tools pause ~1 s between calls and the
   * vendor's throttling answer is unconfirmed; the simulator answers HTTP 200
   * `{result:false, errcode:429}` beyond this many requests per simulated second.
   */
  rateLimit?: { requestsPerSecond: number };
  /**
   * HTTP status of the answer to a missing, unknown or expired AccessToken. The doc does not
   * say how a token is refused: by default HTTP 401 with the failure envelope; `200` answers it
   * like any other documented failure (HTTP 200 `{result:false, errcode:401}`), which looks
   * exactly like `customer_auth` refusing a password.
   */
  badTokenStatus?: 200 | 401;
  /** More administrators to log in as (`admin_login`), besides the demo one. */
  extraAdmins?: { account: string; password: string; name: string }[];
}

/**
 * The ThingsCloud project HTTP API (`/api/v1/...`) over a seeded project. Besides the
 * vendor's routes it serves one read-only helper, `GET /__sim/thingscloud/devices/:device_id/received`
 * (`{ items: DeviceMessage[] }`, oldest first), listing what a device was sent.
 */
export function createThingsCloudSimulator(runtime: SimulatorRuntime, options: ThingsCloudSimulatorOptions = {}): Router {
  const { clock, log } = runtime;
  const credentials: ThingsCloudCredentials = { ...thingsCloudDemoCredentials, ...options.credentials };
  const limits: ThingsCloudLimits = { ...defaultThingsCloudLimits, ...options.limits };
  const state = createThingsCloudSeed(clock.now(), credentials);
  for (const [i, admin] of (options.extraAdmins ?? []).entries()) {
    state.admins.push({ ...admin, id: objectId('admin', i + 1), email: `${admin.account}@example.com`, tags: {} });
  }
  const tokens = createTokenStore(clock);

  const jsonBody = express.json({ limit: '1mb' });
  const recent: number[] = [];
  const throttle: RequestHandler = (_req, res, next) => {
    if (options.rateLimit === undefined) return next();
    const now = clock.now();
    while (recent.length > 0 && (recent[0] ?? 0) <= now - 1000) recent.shift();
    if (recent.length >= options.rateLimit.requestsPerSecond) return sendFailure(res, ThingsCloudErrcode.tooManyRequests, 'Too many requests, please slow down');
    recent.push(now);
    next();
  };
  // The doc does not say how a bad token is answered; the simulator uses the failure envelope with HTTP 401 unless told 200.
  const requireToken: RequestHandler = (req, res, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    const check = tokens.check(match?.[1]);
    if (!check.ok) {
      const message = { missing: 'AccessToken is required', invalid: 'AccessToken is invalid', expired: 'AccessToken has expired' }[check.reason];
      return sendFailure(res, ThingsCloudErrcode.unauthorized, message, [], options.badTokenStatus ?? 401);
    }
    setGrant(req, check.grant);
    next();
  };

  let created = 0;
  const ctx: ThingsCloudContext = {
    state, clock, credentials, limits, tokens,
    open: [jsonBody, throttle],
    authed: [jsonBody, throttle, requireToken],
    deliver(message) {
      state.received.push(message);
      options.onDeviceMessage?.(structuredClone(message));
    },
    newId: (kind) => objectId(kind, 'created', ++created, clock.now()),
  };

  const router = express.Router();
  registerAuthRoutes(router, ctx);
  registerProjectRoutes(router, ctx);
  registerDeviceRoutes(router, ctx);
  registerAttributeRoutes(router, ctx);
  registerAlarmRoutes(router, ctx);
  registerCustomerRoutes(router, ctx);

  router.get('/__sim/thingscloud/devices/:device_id/received', (req, res) => {
    res.json({ items: state.received.filter((m) => m.device_id === req.params.device_id).map((m) => structuredClone(m)) });
  });

  router.use((_req, res) => sendUnknownRoute(res));
  const onError: ErrorRequestHandler = (err: { type?: string; status?: number; message?: string }, _req, res, _next) => {
    if (err.type === 'entity.parse.failed') return sendInvalidJson(res);
    if (err.status !== undefined && err.status >= 400 && err.status < 500) {
      return sendFailure(res, ThingsCloudErrcode.badRequest, err.message ?? 'Bad request', [], err.status);
    }
    log(`thingscloud: unexpected error: ${err.message ?? String(err)}`);
    sendFailure(res, ThingsCloudErrcode.internal, 'Internal server error', [], 500);
  };
  router.use(onError);
  return router;
}

/** A factory for `startSimulator` with options bound (credentials, a device-message listener, limits). */
export function withThingsCloudOptions(options: ThingsCloudSimulatorOptions): SimulatorFactory {
  return (runtime) => createThingsCloudSimulator(runtime, options);
}
