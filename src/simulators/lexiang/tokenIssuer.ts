import { randomBytes } from 'node:crypto';
import type { Clock } from '../kit/index.js';

/** Lifetime of an access token, in seconds (`expires_in` in the token response). */
export const TOKEN_LIFETIME_SECONDS = 7200;
/** The token endpoint serves at most this many calls per window. */
export const TOKEN_CALLS_PER_WINDOW = 20;
export const TOKEN_WINDOW_MS = 10 * 60 * 1000;

export type Admission = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

export interface TokenIssuer {
  /**
   * Counts one call on the token endpoint, whatever its outcome. Fixed window (Laravel's
   * throttle): it opens at the first call and lasts 10 minutes; calls refused with 429 are not counted.
   */
  admit(): Admission;
  issue(): { accessToken: string; expiresIn: number };
  /** True while the token exists and has not expired on the simulator clock. */
  verify(token: string): boolean;
}

export function createTokenIssuer(clock: Clock): TokenIssuer {
  const expiries = new Map<string, number>();
  let window: { openedAt: number; calls: number } | null = null;

  return {
    admit() {
      const now = clock.now();
      if (window === null || now >= window.openedAt + TOKEN_WINDOW_MS) window = { openedAt: now, calls: 0 };
      if (window.calls >= TOKEN_CALLS_PER_WINDOW) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.openedAt + TOKEN_WINDOW_MS - now) / 1000)) };
      }
      window.calls += 1;
      return { allowed: true, remaining: TOKEN_CALLS_PER_WINDOW - window.calls };
    },
    issue() {
      const now = clock.now();
      for (const [token, expiresAt] of expiries) if (expiresAt <= now) expiries.delete(token);
      const accessToken = randomBytes(40).toString('base64url');
      expiries.set(accessToken, now + TOKEN_LIFETIME_SECONDS * 1000);
      return { accessToken, expiresIn: TOKEN_LIFETIME_SECONDS };
    },
    verify(token) {
      const expiresAt = expiries.get(token);
      return expiresAt !== undefined && clock.now() < expiresAt;
    },
  };
}
