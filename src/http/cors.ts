import type { RequestHandler } from 'express';
import { ConfigError } from '../ConfigError.js';

/**
 * Cross-origin access for browsers, by a configured list of origins. Tessera's credentials
 * travel only in headers (API key, vendor tokens), never in cookies, so CORS decides which web
 * apps may read answers, and Apollo's CSRF prevention (left on) stops simple requests from any
 * page. An origin not on the list gets no CORS headers: the browser withholds the answer.
 */

/** Loopback on any port: what demo mode allows when `TESSERA_CORS_ORIGINS` is not set. */
export const LOOPBACK_ORIGINS: readonly string[] = ['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*'];

const ANY_PORT = ':*';

/**
 * `TESSERA_CORS_ORIGINS` → normalized origins. Entries are origins (`https://app.example.com`,
 * no path), `scheme://host:*` for any port of a host, or the single word `none`.
 */
export function parseCorsOrigins(value: string | undefined, mode: 'demo' | 'live'): string[] {
  if (value === undefined) return mode === 'demo' ? [...LOOPBACK_ORIGINS] : [];
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 1 && entries[0] === 'none') return [];
  return entries.map((entry, i) => {
    const anyPort = entry.endsWith(ANY_PORT);
    const origin = normalizedOrigin(anyPort ? entry.slice(0, -ANY_PORT.length) : entry);
    if (origin === undefined || (anyPort && new URL(origin).port !== '')) {
      // The position, not the value: configuration values are never echoed.
      throw new ConfigError(
        `Invalid configuration: TESSERA_CORS_ORIGINS entry ${i + 1} is not an origin (scheme://host[:port], or scheme://host:* for any port; no path; no "*")`,
      );
    }
    return anyPort ? `${origin}${ANY_PORT}` : origin;
  });
}

function normalizedOrigin(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const bare = (url.protocol === 'http:' || url.protocol === 'https:') && url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  // WHATWG URLs take `*` in a host name; a wildcard host would be a mistake here, not a pattern.
  if (!/^([a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/.test(url.hostname)) return undefined;
  // `new URL` accepts `https://a.example/` and upper case; a trailing `/*` or a path is a mistake.
  return bare && /^[a-z]+:\/\/[^/]+\/?$/i.test(text) ? url.origin : undefined;
}

/** Whether a request's `Origin` header is one of `origins` (as `parseCorsOrigins` gives them). */
export function createOriginMatcher(origins: readonly string[]): (origin: string) => boolean {
  const exact = new Set(origins.filter((o) => !o.endsWith(ANY_PORT)));
  const anyPort = origins.filter((o) => o.endsWith(ANY_PORT)).map((o) => o.slice(0, -ANY_PORT.length));
  return (origin) =>
    exact.has(origin) || anyPort.some((base) => origin === base || (origin.startsWith(`${base}:`) && /^\d{1,5}$/.test(origin.slice(base.length + 1))));
}

/**
 * The CORS step in front of `/graphql`: answers preflights itself (204) and marks allowed
 * origins' answers readable. Request headers a preflight asks for are allowed as asked: every
 * Tessera credential is a header, and the origin check is what protects them.
 */
export function createCorsMiddleware(origins: readonly string[]): RequestHandler {
  const isAllowed = createOriginMatcher(origins);
  return (req, res, next) => {
    res.vary('Origin');
    const origin = req.headers.origin;
    const allowed = origin !== undefined && isAllowed(origin);
    if (allowed) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-expose-headers', 'x-request-id');
    }
    if (req.method !== 'OPTIONS' || req.headers['access-control-request-method'] === undefined) return next();
    if (allowed) {
      res.setHeader('access-control-allow-methods', 'GET, POST');
      const asked = req.headers['access-control-request-headers'];
      if (asked) res.setHeader('access-control-allow-headers', asked);
      res.vary('Access-Control-Request-Headers');
      res.setHeader('access-control-max-age', '600');
    }
    res.status(204).end();
  };
}
