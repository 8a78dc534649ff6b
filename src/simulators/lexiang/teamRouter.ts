import express, { type Request, type RequestHandler, type Router } from 'express';
import type { Clock } from '../kit/index.js';
import { detailError, fieldErrors, paginate, sendJsonApi, teamNotFound, teamResource } from './jsonApi.js';
import type { OrgDirectory } from './orgDirectory.js';
import { parseNewTeam, parseTeamPatch } from './teamInput.js';
import type { SortOrder, TeamStore } from './teamStore.js';
import type { TokenIssuer } from './tokenIssuer.js';

export interface TeamRouterDeps {
  clock: Clock;
  issuer: TokenIssuer;
  teams: TeamStore;
  directory: OrgDirectory;
  singleTeamEndpoint: boolean;
  perPageDefault: number;
  perPageMax: number;
}

/** The K吧 endpoints under `/cgi-bin/v1/teams`, all behind a bearer token; writes also need `x-staff-id`. */
export function createTeamRouter(deps: TeamRouterDeps): Router {
  const { clock, issuer, teams, directory } = deps;
  const router = express.Router();

  const authenticate: RequestHandler = (req, res, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    if (match?.[1] !== undefined && issuer.verify(match[1])) return next();
    sendJsonApi(res, 401, detailError('access_token 无效或已过期'));
  };

  // Only `x-staff-id` is accepted: whether the older SDK's `StaffID` header still works is unconfirmed.
  const requireStaff: RequestHandler = (req, res, next) => {
    const given = req.get('x-staff-id')?.trim();
    if (!given) return void sendJsonApi(res, 400, detailError('必须指定员工账号'));
    const staffId = directory.staff(given);
    if (staffId === undefined) return void sendJsonApi(res, 400, detailError(`员工账号\`${given}\`不存在`));
    res.locals.staffId = staffId;
    next();
  };

  const jsonBody = express.json({ type: ['application/vnd.api+json', 'application/json', 'application/*+json'] });

  router.get('/cgi-bin/v1/teams', authenticate, (req, res) => {
    const sort = typeof req.query.sort === 'string' && req.query.sort !== '' ? req.query.sort : '-created_at';
    if (sort !== 'created_at' && sort !== '-created_at') {
      return void sendJsonApi(res, 422, fieldErrors({ sort: ['sort 只支持 created_at 或 -created_at。'] }));
    }
    const order: SortOrder = sort === 'created_at' ? 'asc' : 'desc';
    const page = positiveInt(req.query.page) ?? 1;
    // Above the maximum the page is clamped, not refused (meta.per_page shows what was used).
    const perPage = Math.min(positiveInt(req.query.per_page) ?? deps.perPageDefault, deps.perPageMax);
    const path = `${req.protocol}://${req.get('host') ?? 'localhost'}/cgi-bin/v1/teams`;
    const result = paginate(teams.list(order), page, perPage, path);
    sendJsonApi(res, 200, { ...result, data: result.data.map(teamResource) });
  });

  if (deps.singleTeamEndpoint) {
    router.get('/cgi-bin/v1/teams/:team_id', authenticate, (req, res) => {
      const id = teamIdParam(req);
      const team = teams.find(id);
      if (!team) return void sendJsonApi(res, 404, teamNotFound(id));
      sendJsonApi(res, 200, { data: teamResource(team) });
    });
  }

  router.post('/cgi-bin/v1/teams', authenticate, requireStaff, jsonBody, (req, res) => {
    const parsed = parseNewTeam(req.body, directory);
    if (!parsed.ok) return void sendJsonApi(res, 422, fieldErrors(parsed.errors));
    const team = teams.create(parsed.value, String(res.locals.staffId), clock.now());
    sendJsonApi(res, 201, { data: teamResource(team) });
  });

  router.patch('/cgi-bin/v1/teams/:team_id', authenticate, requireStaff, jsonBody, (req, res) => {
    const id = teamIdParam(req);
    // Laravel resolves the route's model before validating, so an unknown team is a 404 even with a bad body.
    if (!teams.find(id)) return void sendJsonApi(res, 404, teamNotFound(id));
    const parsed = parseTeamPatch(req.body, directory);
    if (!parsed.ok) return void sendJsonApi(res, 422, fieldErrors(parsed.errors));
    const team = teams.update(id, parsed.value);
    if (!team) return void sendJsonApi(res, 404, teamNotFound(id));
    sendJsonApi(res, 200, { data: teamResource(team) });
  });

  router.delete('/cgi-bin/v1/teams/:team_id/hide', authenticate, requireStaff, (req, res) => {
    const id = teamIdParam(req);
    if (!teams.hide(id, clock.now())) return void sendJsonApi(res, 404, teamNotFound(id));
    res.status(204).end();
  });

  return router;
}

function teamIdParam(req: Request): string {
  return String(req.params.team_id);
}

/** Laravel's paginator falls back to the default for anything that is not a positive integer. */
function positiveInt(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 1 ? n : undefined;
}
