import express, { type ErrorRequestHandler, type Router } from 'express';
import type { SimulatorFactory, SimulatorRuntime } from '../kit/index.js';
import { createAuthenticator } from './authenticate.js';
import { createZammadStore } from './createZammadStore.js';
import { isAdmin } from './permissions.js';
import { sendError } from './renderError.js';
import { registerArticleRoutes } from './routes/articleRoutes.js';
import { registerOrganizationRoutes } from './routes/organizationRoutes.js';
import { registerReferenceRoutes } from './routes/referenceRoutes.js';
import { registerSettingRoutes } from './routes/settingRoutes.js';
import { registerTagRoutes } from './routes/tagRoutes.js';
import { registerTicketRoutes } from './routes/ticketRoutes.js';
import { registerUserRoutes } from './routes/userRoutes.js';
import { actorIfAny, type ZammadContext } from './ZammadContext.js';
import { internalError, ZammadError } from './ZammadError.js';
import type { ZammadStore } from './ZammadStore.js';

export interface ZammadSimulatorOptions {
  /** Presets the admin's API switches (both true by default, as in Zammad); `PUT /api/v1/settings/:id` changes them later. */
  settings?: Partial<{ api_token_access: boolean; api_password_access: boolean }>;
  /**
   * Default true: `/tickets/search` honours `with_total_count=true`, as newer Zammad does.
   * False: it ignores the flag, as older versions do (no `total_count` in the answer).
   */
  ticketSearchTotalCount?: boolean;
  /** The state to serve; pass one from `createZammadStore()` to inspect it in tests. */
  store?: ZammadStore;
}

/**
 * Zammad's REST API v1 (`/api/v1/...`): tickets, articles and attachments, users,
 * organizations, groups, states, priorities, tags and the API settings, with Zammad's
 * authentication schemes, roles, `From` impersonation, search syntax and error bodies.
 * Usable directly as a `SimulatorFactory`; pass options through `withZammadOptions`.
 */
export function createZammadSimulator(runtime: SimulatorRuntime, options: ZammadSimulatorOptions = {}): Router {
  const store = options.store ?? createZammadStore();
  for (const [name, value] of Object.entries(options.settings ?? {})) {
    const setting = store.setting(name);
    if (setting && value !== undefined) setting.value = value;
  }
  // Zammad reads JSON bodies; the simulator parses every body as JSON whatever its
  // Content-Type, so clients that forget the header are not refused.
  const jsonBody = express.json({ type: () => true, limit: '50mb' });
  const ctx: ZammadContext = {
    store,
    clock: runtime.clock,
    ticketSearchTotalCount: options.ticketSearchTotalCount ?? true,
    authed: [jsonBody, createAuthenticator(store)],
  };

  const router = express.Router();
  registerTicketRoutes(router, ctx);
  registerArticleRoutes(router, ctx);
  registerTagRoutes(router, ctx);
  registerUserRoutes(router, ctx);
  registerOrganizationRoutes(router, ctx);
  registerReferenceRoutes(router, ctx);
  registerSettingRoutes(router, ctx);

  // Zammad's catch-all route answers unknown paths before any authentication.
  router.use((req, res) => sendError(res, new ZammadError('not_found', `No route matches [${req.method}] ${req.path}`), false));

  const onError: ErrorRequestHandler = (err: unknown, req, res, _next) => {
    const actor = actorIfAny(res);
    const admin = actor !== undefined && isAdmin(store, actor.user);
    if (err instanceof ZammadError) return sendError(res, err, admin);
    const parseFailure = typeof err === 'object' && err !== null && (err as { type?: unknown }).type === 'entity.parse.failed';
    // Rails refuses unparsable JSON before any controller runs, with its generic JSON error page.
    if (parseFailure) return void res.status(400).json({ status: 400, error: 'Bad Request' });
    const status = typeof err === 'object' && err !== null ? (err as { status?: unknown }).status : undefined;
    if (status === 413) return void res.status(413).json({ status: 413, error: 'Payload Too Large' });
    runtime.log(`zammad: ${req.method} ${req.path} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    sendError(res, internalError(err instanceof Error ? err.message : String(err)), admin);
  };
  router.use(onError);
  return router;
}

/** A factory for `startSimulator` with options bound. */
export function withZammadOptions(options: ZammadSimulatorOptions): SimulatorFactory {
  return (runtime) => createZammadSimulator(runtime, options);
}
