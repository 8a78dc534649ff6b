import express, { type ErrorRequestHandler, type Router } from 'express';
import type { SimulatorRuntime } from '../kit/index.js';
import { detailError, sendJsonApi } from './jsonApi.js';
import { createOrgDirectory } from './orgDirectory.js';
import { createTeamRouter } from './teamRouter.js';
import { createTeamStore, type TeamStore } from './teamStore.js';
import { createTokenIssuer } from './tokenIssuer.js';
import { createTokenRouter } from './tokenRouter.js';

export interface LexiangSimulatorOptions {
  /**
   * Serve `GET /cgi-bin/v1/teams/{team_id}` (default true). It is seen only in third-party
   * material; set false to make that path answer like any unknown route (404).
   */
  singleTeamEndpoint?: boolean;
  /** The team state to serve; pass one from `createTeamStore()` to inspect members and the recycle bin. */
  teams?: TeamStore;
  /** Largest `per_page` honoured on lists (default 100; larger values are clamped to it). The real limit is unconfirmed. */
  perPageMax?: number;
}

/** Default page size, as in the doc's list example (`"per_page": 20`). */
const PER_PAGE_DEFAULT = 20;
const PER_PAGE_MAX = 100;

/**
 * Tencent Lexiang (乐享) open API, K吧 (teams) part: `POST /cgi-bin/token` and the
 * JSON:API endpoints under `/cgi-bin/v1/teams`. All state belongs to this call.
 * Usable directly as a `SimulatorFactory`; pass options through a wrapper.
 */
export function createLexiangSimulator(runtime: SimulatorRuntime, options: LexiangSimulatorOptions = {}): Router {
  const issuer = createTokenIssuer(runtime.clock);
  const perPageMax = Math.max(1, Math.trunc(options.perPageMax ?? PER_PAGE_MAX));
  const router = express.Router();

  router.use(createTokenRouter(issuer));
  router.use(
    createTeamRouter({
      clock: runtime.clock,
      issuer,
      teams: options.teams ?? createTeamStore(),
      directory: createOrgDirectory(),
      singleTeamEndpoint: options.singleTeamEndpoint ?? true,
      perPageDefault: Math.min(PER_PAGE_DEFAULT, perPageMax),
      perPageMax,
    }),
  );

  // Laravel matches routes before any middleware runs: an unknown path is a 404 even without a token.
  router.use((req, res) => {
    const body = detailError('请求的接口不存在');
    if (req.path.startsWith('/cgi-bin/v1/')) sendJsonApi(res, 404, body);
    else res.status(404).json(body);
  });

  const onError: ErrorRequestHandler = (err: unknown, req, res, _next) => {
    const status = httpStatusOf(err);
    const detail = status === 400 ? '请求体不是合法的 JSON' : status === 413 ? '请求体过大' : '服务器内部错误';
    if (status >= 500) runtime.log(`lexiang: ${req.method} ${req.path} failed: ${String(err)}`);
    if (req.path.startsWith('/cgi-bin/v1/')) sendJsonApi(res, status, detailError(detail));
    else res.status(status).json(detailError(detail));
  };
  router.use(onError);

  return router;
}

function httpStatusOf(err: unknown): number {
  const status = typeof err === 'object' && err !== null ? (err as { status?: unknown }).status : undefined;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}
