import { randomUUID, createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import pLimit from 'p-limit';
import type { Config } from './config.js';
import { UnauthenticatedError } from './errors.js';
import type { Logger } from './logger.js';
import { DreamreflexSource, type DreamreflexAuth, type DreamreflexClient } from './vendors/dreamreflex/index.js';

/** Per-request state. Nothing in it outlives the request, so nothing leaks between callers. */
export interface Context {
  requestId: string;
  logger: Logger;
  dreamreflex: DreamreflexSource;
}

/** Vendor clients, built once at start-up; a vendor is absent when it is not configured. */
export interface Upstreams {
  dreamreflex?: DreamreflexClient;
}

export interface ContextDeps {
  config: Pick<Config, 'mode' | 'apiKeys' | 'allowAnonymous' | 'upstreamConcurrency'>;
  upstreams: Upstreams;
  logger: Logger;
}

/** Per-request headers; they win over the service credentials. */
export const CREDENTIAL_HEADERS = {
  dreamreflexToken: 'x-dreamreflex-token',
  apiKey: 'x-api-key',
} as const;

/**
 * Builds `createContext({ req })`: reads the caller's credentials, decides whether they may
 * borrow the service credentials, and creates fresh loaders for every vendor.
 */
export function createContextFactory({ config, upstreams, logger }: ContextDeps) {
  const keyDigests = config.apiKeys.map(digest);

  return async ({ req }: { req: IncomingMessage }): Promise<Context> => {
    const requestId = requestIdOf(req);
    const presentedKey = apiKeyOf(req);
    if (presentedKey !== undefined && !keyDigests.some((d) => timingSafeEqual(d, digest(presentedKey)))) {
      throw new UnauthenticatedError('The API key is not valid.', { httpStatus: 401 });
    }
    // Service credentials are lent in demo mode, to key holders, or to everyone when explicitly allowed.
    const lendService = config.mode === 'demo' || config.allowAnonymous || presentedKey !== undefined;

    return {
      requestId,
      logger: logger.child({ requestId }),
      dreamreflex: new DreamreflexSource(upstreams.dreamreflex, dreamreflexAuth(req, upstreams.dreamreflex, lendService), pLimit(config.upstreamConcurrency)),
    };
  };
}

function dreamreflexAuth(req: IncomingMessage, client: DreamreflexClient | undefined, lendService: boolean): DreamreflexAuth {
  const token = bearerValue(header(req, CREDENTIAL_HEADERS.dreamreflexToken));
  if (token) return { kind: 'user', token };
  if (client?.hasServiceAccount && lendService) return { kind: 'service' };
  const hint = client?.hasServiceAccount ? ', or an API key to use the service account' : '';
  return {
    kind: 'none',
    error: new UnauthenticatedError(`Dreamreflex needs credentials: send the ${CREDENTIAL_HEADERS.dreamreflexToken} header (get one with dreamreflexLogin)${hint}.`, {
      source: 'DREAMREFLEX',
    }),
  };
}

function apiKeyOf(req: IncomingMessage): string | undefined {
  return header(req, CREDENTIAL_HEADERS.apiKey) ?? bearerValue(header(req, 'authorization'));
}

function requestIdOf(req: IncomingMessage): string {
  const given = header(req, 'x-request-id');
  return given && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text?.trim() || undefined;
}

/** Accepts `Bearer x` or a bare `x`. */
function bearerValue(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return value.replace(/^Bearer\s+/i, '').trim() || undefined;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
