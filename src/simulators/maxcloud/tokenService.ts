import { randomBytes } from 'node:crypto';
import type { Clock } from '../kit/index.js';

/** What a token stands for: a user acting in one company, until `expiresAt` (simulator clock, ms). */
export interface TokenGrant {
  userId: number;
  companyId: number;
  expiresAt: number;
}

export interface TokenService {
  issue(userId: number, companyId: number): string;
  /** The grant of a live token; undefined for a missing, unknown or expired one. */
  verify(token: string | undefined): TokenGrant | undefined;
}

/**
 * Opaque tokens (64 hex characters; the real format is not documented, so clients must not
 * decode them) that expire `lifetimeSeconds` after issue on the simulator clock. Issuing a new
 * token (another login, a switch) leaves earlier ones valid, each scoped to its own company.
 */
export function createTokenService(clock: Clock, lifetimeSeconds: number): TokenService {
  const grants = new Map<string, TokenGrant>();
  return {
    issue(userId, companyId) {
      const token = randomBytes(32).toString('hex');
      grants.set(token, { userId, companyId, expiresAt: clock.now() + lifetimeSeconds * 1000 });
      return token;
    },
    verify(token) {
      if (token === undefined || token === '') return undefined;
      const grant = grants.get(token);
      if (grant === undefined) return undefined;
      if (clock.now() >= grant.expiresAt) {
        grants.delete(token);
        return undefined;
      }
      return grant;
    },
  };
}
