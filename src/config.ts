import { z } from 'zod';

/**
 * Tessera's configuration, read from the environment once at start-up. Nothing else
 * reads `process.env`. Invalid configuration stops start-up with a message naming the
 * variable (never its value: some are secrets).
 */
export interface Config {
  /** `demo`: the gateway runs on its embedded simulators. `live`: it talks to the configured vendors. */
  mode: 'demo' | 'live';
  port: number;
  host: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Show error details and the stack in responses (never in production). */
  development: boolean;
  /** Keys that let a caller use the service credentials (`authorization: Bearer <key>` or `x-api-key`). */
  apiKeys: string[];
  /** Live mode only: lend service credentials to callers without an API key. */
  allowAnonymous: boolean;
  /** Time limit for one upstream HTTP call. */
  upstreamTimeoutMs: number;
  /** Most upstream calls one request may have in flight to one vendor. */
  upstreamConcurrency: number;
  /** How ThingsCloud attribute history is read (used whenever ThingsCloud is configured). */
  thingscloudHistory: { pageSize: number; maxCalls: number };
  vendors: VendorsConfig;
}

export interface VendorsConfig {
  dreamreflex?: DreamreflexConfig;
  lexiang?: LexiangConfig;
  thingscloud?: ThingsCloudConfig;
  /** Vendors whose base URL is set but whose support is still to come (later issues); listed so mode detection is right. */
  pending: { maxcloud?: string; zammad?: string };
}

export interface DreamreflexConfig {
  /** Origin under which the documented paths live (`…/api/auth/login`). */
  baseUrl: string;
  /** Service account, lent to callers with an API key (or to everyone in demo mode). */
  service?: { email: string; password: string };
}

export interface ThingsCloudConfig {
  /** The project's API endpoint (console → device → 连接 → 应用端 API 接入点), under which `/api/v1/…` lives. */
  baseUrl: string;
  /** An API app of the project; its one-day tokens are lent to callers with an API key (or to everyone in demo mode). */
  service?: { appId: string; accessKey: string; secretKey: string };
}

export interface LexiangConfig {
  /** Origin under which `/cgi-bin/token` and `/cgi-bin/v1/…` live (`https://lxapi.lexiangla.com`). */
  baseUrl: string;
  /**
   * The app's credentials. Lexiang has no per-user tokens: every call uses these, so they are
   * lent under the same rule as other service credentials (API key holders, or demo mode).
   */
  service: { appKey: string; appSecret: string };
  /** The staff member writes act as when a request sends no `x-lexiang-staff-id`. */
  staffId?: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const BASE_URL_VARS = ['MAXCLOUD_BASE_URL', 'THINGSCLOUD_BASE_URL', 'ZAMMAD_BASE_URL', 'LEXIANG_BASE_URL', 'DREAMREFLEX_BASE_URL'] as const;

const baseUrl = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .transform((url) => url.replace(/\/+$/, ''));
const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const port = z.coerce.number().int().min(0).max(65535);

const envSchema = z.object({
  TESSERA_MODE: z.enum(['demo', 'live']).optional(),
  PORT: port.default(4000),
  HOST: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().optional(),
  TESSERA_API_KEYS: z.string().optional(),
  TESSERA_ALLOW_ANONYMOUS: booleanFlag.default(false),
  TESSERA_UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  TESSERA_UPSTREAM_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(8),
  MAXCLOUD_BASE_URL: baseUrl.optional(),
  THINGSCLOUD_BASE_URL: baseUrl.optional(),
  ZAMMAD_BASE_URL: baseUrl.optional(),
  LEXIANG_BASE_URL: baseUrl.optional(),
  DREAMREFLEX_BASE_URL: baseUrl.optional(),
  DREAMREFLEX_EMAIL: z.string().min(1).optional(),
  DREAMREFLEX_PASSWORD: z.string().min(1).optional(),
  LEXIANG_APP_KEY: z.string().min(1).optional(),
  LEXIANG_APP_SECRET: z.string().min(1).optional(),
  LEXIANG_STAFF_ID: z.string().trim().min(1).max(64).optional(),
  THINGSCLOUD_APP_ID: z.string().min(1).optional(),
  THINGSCLOUD_ACCESS_KEY: z.string().min(1).optional(),
  THINGSCLOUD_SECRET_KEY: z.string().min(1).optional(),
  // The doc allows 1–100 records per series page; FACTS: official tools send up to 500.
  THINGSCLOUD_HISTORY_PAGE_SIZE: z.coerce.number().int().min(1).max(500).default(100),
  THINGSCLOUD_HISTORY_MAX_CALLS: z.coerce.number().int().min(1).max(1000).default(60),
});

export function loadConfig(env: Env): Config {
  // Empty strings count as unset: `FOO= npm start` should not be a URL parse error.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;

  const anyBaseUrl = BASE_URL_VARS.some((name) => e[name] !== undefined);
  const mode = e.TESSERA_MODE ?? (anyBaseUrl ? 'live' : 'demo');
  const apiKeys = (e.TESSERA_API_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  if (apiKeys.some((k) => k.length < 16)) throw new ConfigError('Invalid configuration: TESSERA_API_KEYS entries must be at least 16 characters');

  const dreamreflexPair = pair(e.DREAMREFLEX_EMAIL, e.DREAMREFLEX_PASSWORD, 'DREAMREFLEX_EMAIL', 'DREAMREFLEX_PASSWORD');
  const dreamreflexService = dreamreflexPair && { email: dreamreflexPair[0], password: dreamreflexPair[1] };
  if (dreamreflexService && !e.DREAMREFLEX_BASE_URL && mode === 'live') {
    throw new ConfigError('Invalid configuration: DREAMREFLEX_EMAIL/DREAMREFLEX_PASSWORD are set but DREAMREFLEX_BASE_URL is not');
  }
  const lexiangPair = pair(e.LEXIANG_APP_KEY, e.LEXIANG_APP_SECRET, 'LEXIANG_APP_KEY', 'LEXIANG_APP_SECRET');
  const lexiangService = lexiangPair && { appKey: lexiangPair[0], appSecret: lexiangPair[1] };
  if (mode === 'live' && Boolean(lexiangService) !== Boolean(e.LEXIANG_BASE_URL)) {
    // Lexiang has no per-user credentials: without the app's, every Lexiang field would fail.
    throw new ConfigError('Invalid configuration: set LEXIANG_BASE_URL together with LEXIANG_APP_KEY and LEXIANG_APP_SECRET, or none of them');
  }
  const thingscloudService = thingscloudApp(e.THINGSCLOUD_APP_ID, e.THINGSCLOUD_ACCESS_KEY, e.THINGSCLOUD_SECRET_KEY);
  if (thingscloudService && !e.THINGSCLOUD_BASE_URL && mode === 'live') {
    throw new ConfigError('Invalid configuration: THINGSCLOUD_APP_ID/THINGSCLOUD_ACCESS_KEY/THINGSCLOUD_SECRET_KEY are set but THINGSCLOUD_BASE_URL is not');
  }

  const config: Config = {
    mode,
    port: e.PORT,
    // Demo mode lends its demo credentials to anyone who can connect: loopback only unless HOST says otherwise.
    host: e.HOST ?? (mode === 'demo' ? '127.0.0.1' : '0.0.0.0'),
    logLevel: e.LOG_LEVEL,
    development: e.NODE_ENV === 'development',
    apiKeys,
    allowAnonymous: e.TESSERA_ALLOW_ANONYMOUS,
    upstreamTimeoutMs: e.TESSERA_UPSTREAM_TIMEOUT_MS,
    upstreamConcurrency: e.TESSERA_UPSTREAM_CONCURRENCY,
    thingscloudHistory: { pageSize: e.THINGSCLOUD_HISTORY_PAGE_SIZE, maxCalls: e.THINGSCLOUD_HISTORY_MAX_CALLS },
    vendors: {
      ...(mode === 'live' && e.DREAMREFLEX_BASE_URL && {
        dreamreflex: { baseUrl: e.DREAMREFLEX_BASE_URL, ...(dreamreflexService && { service: dreamreflexService }) },
      }),
      ...(mode === 'live' && e.LEXIANG_BASE_URL && lexiangService && {
        lexiang: { baseUrl: e.LEXIANG_BASE_URL, service: lexiangService, ...(e.LEXIANG_STAFF_ID && { staffId: e.LEXIANG_STAFF_ID }) },
      }),
      ...(mode === 'live' && e.THINGSCLOUD_BASE_URL && {
        thingscloud: { baseUrl: e.THINGSCLOUD_BASE_URL, ...(thingscloudService && { service: thingscloudService }) },
      }),
      pending: {
        ...(e.MAXCLOUD_BASE_URL && { maxcloud: e.MAXCLOUD_BASE_URL }),
        ...(e.ZAMMAD_BASE_URL && { zammad: e.ZAMMAD_BASE_URL }),
      },
    },
  };

  const hasServiceCredentials = Boolean(config.vendors.dreamreflex?.service || config.vendors.lexiang?.service || config.vendors.thingscloud?.service);
  if (mode === 'live' && hasServiceCredentials && apiKeys.length === 0 && !config.allowAnonymous) {
    throw new ConfigError(
      'Refusing to start: service credentials are configured but TESSERA_API_KEYS is empty, so anyone could use them. ' +
        'Set TESSERA_API_KEYS, or TESSERA_ALLOW_ANONYMOUS=true to lend them to every caller.',
    );
  }
  return config;
}

/** ThingsCloud's API app: all three values, or none. */
function thingscloudApp(appId: string | undefined, accessKey: string | undefined, secretKey: string | undefined) {
  const given = [appId, accessKey, secretKey].filter((v) => v !== undefined).length;
  if (given === 0) return undefined;
  if (appId === undefined || accessKey === undefined || secretKey === undefined) {
    throw new ConfigError('Invalid configuration: set all of THINGSCLOUD_APP_ID, THINGSCLOUD_ACCESS_KEY and THINGSCLOUD_SECRET_KEY, or none');
  }
  return { appId, accessKey, secretKey };
}

function pair(a: string | undefined, b: string | undefined, nameA: string, nameB: string): [string, string] | undefined {
  if (a === undefined && b === undefined) return undefined;
  if (a === undefined || b === undefined) throw new ConfigError(`Invalid configuration: set both ${nameA} and ${nameB}, or neither`);
  return [a, b];
}
