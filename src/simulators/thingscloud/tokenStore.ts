import { randomBytes } from 'node:crypto';
import type { Clock } from '../kit/index.js';

/** Who a token was issued to: an API app (`access_token`) or an administrator (`admin_login`). */
export interface TokenGrant {
  kind: 'app' | 'admin';
  adminId: string | null;
  expiresAt: number;
}

export type TokenCheck = { ok: true; grant: TokenGrant } | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

export interface TokenStore {
  issue(kind: TokenGrant['kind'], adminId: string | null, lifetimeMs: number): string;
  check(token: string | undefined): TokenCheck;
}

/** Opaque bearer tokens that expire on the simulator clock. Earlier tokens stay valid when a new one is issued. */
export function createTokenStore(clock: Clock): TokenStore {
  const grants = new Map<string, TokenGrant>();
  return {
    issue(kind, adminId, lifetimeMs) {
      const token = randomBytes(24).toString('hex');
      grants.set(token, { kind, adminId, expiresAt: clock.now() + lifetimeMs });
      return token;
    },
    check(token) {
      if (token === undefined || token === '') return { ok: false, reason: 'missing' };
      const grant = grants.get(token);
      if (grant === undefined) return { ok: false, reason: 'invalid' };
      if (clock.now() >= grant.expiresAt) return { ok: false, reason: 'expired' };
      return { ok: true, grant };
    },
  };
}
