import { randomUUID, createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import pLimit from 'p-limit';
import type { Config } from './config.js';
import { UnauthenticatedError } from './errors.js';
import type { Logger } from './logger.js';
import { DreamreflexSource, type DreamreflexClient } from './vendors/dreamreflex/index.js';
import { LexiangSource, type LexiangAuth, type LexiangClient } from './vendors/lexiang/index.js';
import type { TokenAuth } from './vendors/shared/TokenAuth.js';
import { ThingsCloudSource, type ThingsCloudClient } from './vendors/thingscloud/index.js';

/** Per-request state. Nothing in it outlives the request, so nothing leaks between callers. */
export interface Context {
  requestId: string;
  logger: Logger;
  dreamreflex: DreamreflexSource;
  lexiang: LexiangSource;
  thingscloud: ThingsCloudSource;
}

/** Vendor clients, built once at start-up; a vendor is absent when it is not configured. */
export interface Upstreams {
  dreamreflex?: DreamreflexClient;
  lexiang?: LexiangClient;
  thingscloud?: ThingsCloudClient;
}

export interface ContextDeps {
  config: Pick<Config, 'mode' | 'apiKeys' | 'allowAnonymous' | 'upstreamConcurrency'>;
  upstreams: Upstreams;
  logger: Logger;
}

/** Per-request headers; they win over the service credentials. */
export const CREDENTIAL_HEADERS = {
  dreamreflexToken: 'x-dreamreflex-token',
  /** A ThingsCloud AccessToken (from `thingsCloudAdminLogin`); wins over the service app. */
  thingscloudToken: 'x-thingscloud-token',
  /** The Lexiang staff member (userid) this request acts as; sent to Lexiang as `x-staff-id`. */
  lexiangStaffId: 'x-lexiang-staff-id',
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
      dreamreflex: new DreamreflexSource(upstreams.dreamreflex, tokenAuth(req, DREAMREFLEX, upstreams.dreamreflex, lendService), pLimit(config.upstreamConcurrency)),
      lexiang: new LexiangSource(upstreams.lexiang, lexiangAuth(req, upstreams.lexiang, lendService), pLimit(config.upstreamConcurrency)),
      thingscloud: new ThingsCloudSource(upstreams.thingscloud, tokenAuth(req, THINGSCLOUD, upstreams.thingscloud, lendService), pLimit(config.upstreamConcurrency)),
    };
  };
}

/** A vendor whose callers may send their own token: where it comes from and how to get one. */
interface TokenVendor {
  source: 'DREAMREFLEX' | 'THINGSCLOUD';
  name: string;
  header: string;
  /** The mutation that issues such a token. */
  login: string;
}

const DREAMREFLEX: TokenVendor = { source: 'DREAMREFLEX', name: 'Dreamreflex', header: CREDENTIAL_HEADERS.dreamreflexToken, login: 'dreamreflexLogin' };
const THINGSCLOUD: TokenVendor = { source: 'THINGSCLOUD', name: 'ThingsCloud', header: CREDENTIAL_HEADERS.thingscloudToken, login: 'thingsCloudAdminLogin' };

/** The caller's own token if sent, else the service credentials if this caller may borrow them. */
function tokenAuth(req: IncomingMessage, vendor: TokenVendor, client: { hasServiceAccount: boolean } | undefined, lendService: boolean): TokenAuth {
  const token = bearerValue(header(req, vendor.header));
  if (token) return { kind: 'user', token };
  if (client?.hasServiceAccount && lendService) return { kind: 'service' };
  const hint = client?.hasServiceAccount ? ', or an API key to use the service credentials' : '';
  return {
    kind: 'none',
    error: new UnauthenticatedError(`${vendor.name} needs credentials: send the ${vendor.header} header (get one with ${vendor.login})${hint}.`, {
      source: vendor.source,
    }),
  };
}

/** Lexiang knows only the app's credentials, so a caller may use Lexiang exactly when they may borrow service credentials. */
function lexiangAuth(req: IncomingMessage, client: LexiangClient | undefined, lendService: boolean): LexiangAuth {
  const staffId = header(req, CREDENTIAL_HEADERS.lexiangStaffId) ?? client?.defaultStaffId;
  if (lendService) return { kind: 'service', staffId };
  return {
    kind: 'none',
    staffId,
    error: new UnauthenticatedError('Lexiang is reached through the gateway’s app credentials: send an API key (x-api-key, or authorization: Bearer).', {
      source: 'LEXIANG',
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
