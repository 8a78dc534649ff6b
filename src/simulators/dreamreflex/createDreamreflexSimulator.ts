import express, { type ErrorRequestHandler } from 'express';
import type { SimulatorFactory } from '../kit/index.js';
import { createObjectIdGenerator } from './objectId.js';
import { createRouteTable, sendError } from './createRouteTable.js';
import { createTokenService } from './createTokenService.js';
import { HttpError } from './HttpError.js';
import { registerAuthRoutes } from './routes/authRoutes.js';
import { registerBusinessAccountRoutes } from './routes/businessAccountRoutes.js';
import { registerContactRoutes } from './routes/contactRoutes.js';
import { registerContractRoutes } from './routes/contractRoutes.js';
import { registerProjectRoutes } from './routes/projectRoutes.js';
import { registerTicketRoutes } from './routes/ticketRoutes.js';
import type { RouteDeps } from './RouteDeps.js';
import { buildDreamreflexSeed } from './seed.js';

/**
 * The Dreamreflex CSA (云梦镜像客户服务系统) API as its v2.0.0 doc describes it: a
 * FastAPI service under `/api`, bearer JWTs that last 30 minutes, `{"detail": ...}`
 * errors with FastAPI's 422 list form, and per-user data isolation. Every call builds
 * fresh seeded state, so two simulators never share anything.
 */
export const createDreamreflexSimulator: SimulatorFactory = ({ clock, log }) => {
  const { state } = buildDreamreflexSeed();
  const deps: RouteDeps = {
    state,
    clock,
    log,
    newId: createObjectIdGenerator(clock),
    tokens: createTokenService(clock, (id) => state.users.find((user) => user.id === id)),
  };

  const router = express.Router();
  // Bodies are kept raw and parsed per route, so that JSON and form bodies fail the way FastAPI's do.
  router.use(express.raw({ type: () => true, limit: '1mb' }));

  const routes = createRouteTable(router, log);
  registerAuthRoutes(routes, deps);
  registerTicketRoutes(routes, deps);
  registerBusinessAccountRoutes(routes, deps);
  registerContractRoutes(routes, deps);
  registerProjectRoutes(routes, deps);
  registerContactRoutes(routes, deps);
  router.use(routes.fallback());

  const bodyReadFailed: ErrorRequestHandler = (err: { status?: number; type?: string }, _req, res, _next) => {
    if (err.type === 'entity.too.large') return sendError(res, new HttpError(413, 'Request Entity Too Large'), log);
    if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) return sendError(res, new HttpError(400, 'There was an error parsing the body'), log);
    sendError(res, err, log);
  };
  router.use(bodyReadFailed);
  return router;
};
