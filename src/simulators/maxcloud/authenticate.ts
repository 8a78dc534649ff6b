import type { RequestHandler } from 'express';
import { MaxCloudError, MaxCloudErrCode, TOKEN_INVALID_MESSAGE } from './envelope.js';
import { setGrant } from './MaxCloudContext.js';
import type { TokenService } from './tokenService.js';

/**
 * The `authorization` header carries the token raw, with no scheme (FACTS). `Bearer <token>` is
 * therefore just an unknown token. Missing, unknown and expired tokens get the same answer.
 */
export function createAuthenticator(tokens: TokenService): RequestHandler {
  return (req, res, next) => {
    const grant = tokens.verify(req.get('authorization'));
    if (!grant) throw new MaxCloudError(MaxCloudErrCode.unauthorized, TOKEN_INVALID_MESSAGE);
    setGrant(res, grant);
    next();
  };
}
