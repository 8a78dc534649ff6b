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
  vendors: VendorsConfig;
}

export interface VendorsConfig {
  dreamreflex?: DreamreflexConfig;
  /** Vendors whose base URL is set but whose support is still to come (later issues); listed so mode detection is right. */
  pending: { maxcloud?: string; thingscloud?: string; zammad?: string; lexiang?: string };
}

export interface DreamreflexConfig {
  /** Origin under which the documented paths live (`…/api/auth/login`). */
  baseUrl: string;
  /** Service account, lent to callers with an API key (or to everyone in demo mode). */
  service?: { email: string; password: string };
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

  const dreamreflexService = pair(e.DREAMREFLEX_EMAIL, e.DREAMREFLEX_PASSWORD, 'DREAMREFLEX_EMAIL', 'DREAMREFLEX_PASSWORD');
  if (dreamreflexService && !e.DREAMREFLEX_BASE_URL && mode === 'live') {
    throw new ConfigError('Invalid configuration: DREAMREFLEX_EMAIL/DREAMREFLEX_PASSWORD are set but DREAMREFLEX_BASE_URL is not');
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
    vendors: {
      ...(mode === 'live' && e.DREAMREFLEX_BASE_URL && {
        dreamreflex: { baseUrl: e.DREAMREFLEX_BASE_URL, ...(dreamreflexService && { service: dreamreflexService }) },
      }),
      pending: {
        ...(e.MAXCLOUD_BASE_URL && { maxcloud: e.MAXCLOUD_BASE_URL }),
        ...(e.THINGSCLOUD_BASE_URL && { thingscloud: e.THINGSCLOUD_BASE_URL }),
        ...(e.ZAMMAD_BASE_URL && { zammad: e.ZAMMAD_BASE_URL }),
        ...(e.LEXIANG_BASE_URL && { lexiang: e.LEXIANG_BASE_URL }),
      },
    },
  };

  const hasServiceCredentials = Boolean(config.vendors.dreamreflex?.service);
  if (mode === 'live' && hasServiceCredentials && apiKeys.length === 0 && !config.allowAnonymous) {
    throw new ConfigError(
      'Refusing to start: service credentials are configured but TESSERA_API_KEYS is empty, so anyone could use them. ' +
        'Set TESSERA_API_KEYS, or TESSERA_ALLOW_ANONYMOUS=true to lend them to every caller.',
    );
  }
  return config;
}

function pair(a: string | undefined, b: string | undefined, nameA: string, nameB: string) {
  if (a === undefined && b === undefined) return undefined;
  if (a === undefined || b === undefined) throw new ConfigError(`Invalid configuration: set both ${nameA} and ${nameB}, or neither`);
  return { email: a, password: b };
}
