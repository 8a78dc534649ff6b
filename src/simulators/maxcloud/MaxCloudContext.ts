import type { RequestHandler, Response } from 'express';
import type { Clock } from '../kit/index.js';
import type { MaxCloudStore } from './MaxCloudStore.js';
import type { TokenGrant, TokenService } from './tokenService.js';

/** Everything route handlers share; created once per simulator instance. */
export interface MaxCloudContext {
  readonly store: MaxCloudStore;
  readonly clock: Clock;
  readonly tokens: TokenService;
  /** Largest `page_size` served; larger requests are clamped to it. */
  readonly pageSizeMax: number;
  /** Middleware for open routes: body parsing. */
  readonly open: RequestHandler[];
  /** Middleware for routes that need a token: the token check, then body parsing. */
  readonly authed: RequestHandler[];
}

export function setGrant(res: Response, grant: TokenGrant): void {
  (res.locals as { maxCloudGrant?: TokenGrant }).maxCloudGrant = grant;
}

export function grantOf(res: Response): TokenGrant {
  const grant = (res.locals as { maxCloudGrant?: TokenGrant }).maxCloudGrant;
  if (!grant) throw new Error('maxcloud: route is missing the token middleware');
  return grant;
}
