import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { SignJWT, jwtVerify } from 'jose';
import type { Clock } from '../kit/index.js';
import { HttpError } from './HttpError.js';
import { dreamreflexMessages } from './messages.js';
import type { UserRecord } from './records.js';

/** Access tokens last 30 minutes; there is no refresh token, clients log in again. */
export const accessTokenLifetimeSeconds = 1800;

export interface TokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
}

export interface TokenService {
  issue(user: UserRecord): Promise<TokenResponse>;
  /** The active user a request's bearer token names; 401 for a missing, bad or expired token, 403 for a disabled account. */
  authenticate(req: Request): Promise<UserRecord>;
}

/**
 * HS256 JWTs (`sub` = user id) signed with a secret of this simulator instance alone,
 * dated by the simulator clock so tests can make them expire.
 */
export function createTokenService(clock: Clock, findUser: (id: string) => UserRecord | undefined): TokenService {
  const secret = randomBytes(32);
  const unauthorized = () => new HttpError(401, dreamreflexMessages.invalidCredentials, { 'WWW-Authenticate': 'Bearer' });

  return {
    async issue(user) {
      const issuedAt = Math.floor(clock.now() / 1000);
      const accessToken = await new SignJWT({ role: user.role })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(user.id)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + accessTokenLifetimeSeconds)
        .sign(secret);
      return { access_token: accessToken, token_type: 'bearer', expires_in: accessTokenLifetimeSeconds };
    },

    async authenticate(req) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
      if (!match?.[1]) throw unauthorized();
      let subject: string | undefined;
      try {
        const { payload } = await jwtVerify(match[1], secret, { algorithms: ['HS256'], currentDate: new Date(clock.now()) });
        subject = payload.sub;
      } catch {
        throw unauthorized();
      }
      const user = subject === undefined ? undefined : findUser(subject);
      if (!user) throw unauthorized();
      if (!user.is_active) throw new HttpError(403, dreamreflexMessages.accountDisabled);
      return user;
    },
  };
}
