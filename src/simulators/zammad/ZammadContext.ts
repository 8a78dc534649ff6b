import type { Request, RequestHandler, Response } from 'express';
import type { Clock } from '../kit/index.js';
import type { UserRecord } from './ZammadRecords.js';
import type { ZammadStore } from './ZammadStore.js';

/** Who a request acts as. `user` is the one every permission check uses (the `From` user when given). */
export interface Actor {
  user: UserRecord;
  /** The authenticated user, before `From` switched to another one. */
  realUser: UserRecord;
  authType: 'basic_auth' | 'token_auth';
}

/** Everything route handlers share; created once per simulator instance. */
export interface ZammadContext {
  readonly store: ZammadStore;
  readonly clock: Clock;
  /** `/tickets/search` honours `with_total_count=true` (newer Zammad) or ignores it (older). */
  readonly ticketSearchTotalCount: boolean;
  /** Middleware for every API route: body parsing, then authentication and `From`. */
  readonly authed: RequestHandler[];
}

export function actorOf(res: Response): Actor {
  const actor = (res.locals as { zammadActor?: Actor }).zammadActor;
  if (!actor) throw new Error('zammad: route is missing the authentication middleware');
  return actor;
}

export function setActor(res: Response, actor: Actor): void {
  (res.locals as { zammadActor?: Actor }).zammadActor = actor;
}

/** The actor when authentication succeeded (for masking 500s), else undefined. */
export function actorIfAny(res: Response): Actor | undefined {
  return (res.locals as { zammadActor?: Actor }).zammadActor;
}

/** Rails `params`: query string, then the JSON body on top (path parameters are read separately). */
export function paramsOf(req: Request): Record<string, unknown> {
  const body = req.body !== null && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
  return { ...(req.query as Record<string, unknown>), ...body };
}

/** Rails' boolean-ish query flags (`expand=true`, `all=1`). */
export function flag(value: unknown): boolean {
  return value === true || value === 'true' || value === '1' || value === 1;
}
