import { z } from 'zod';
import { ConfigError } from './ConfigError.js';
import { parseCorsOrigins } from './http/cors.js';
import { readOperationManifest, type OperationManifest } from './http/operationSafelist.js';
import { readResponseCacheConfig, type ResponseCacheConfig } from './cache/responseCacheConfig.js';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './limits/QueryLimits.js';
import type { Source } from './models.js';
import type { Env } from './vendors/shared/VendorModule.js';
import type { RateLimits } from './writes/rateLimits.js';
import { vendors, type VendorConfigs } from './vendors/index.js';

export { ConfigError };

/**
 * Tessera's configuration, read from the environment once at start-up. Nothing else
 * reads `process.env`. Invalid configuration stops start-up with a message naming the
 * variable (never its value: some are secrets). Each vendor reads its own variables
 * (`configure` in its registration); this file reads the gateway's.
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
  /** Serve GraphiQL (bundled, no CDN) at `/graphiql` and to browsers at `/graphql`. */
  playground: boolean;
  /** Time limit for one upstream HTTP call. */
  upstreamTimeoutMs: number;
  /**
   * Most upstream calls one request may have in flight to one vendor; undefined (the default):
   * no cap of its own, so a request's independent calls go out in one wave. The vendor is
   * protected by `vendorMaxSockets`, which every request shares.
   */
  upstreamConcurrency: number | undefined;
  /** Most calls in flight (and connections open) to one vendor at once, for the whole process; more wait their turn in order. */
  vendorMaxSockets: number;
  /** Most GraphQL requests in flight at once; more are refused with 503 and `Retry-After` instead of queued. */
  maxInFlight: number;
  /** GraphQL requests are refused while the event loop's recent delay exceeds this (ms); 0: never on delay alone. */
  shedLoopDelayMs: number;
  /** How long `/readyz` stays 503 after the last refused request (ms). */
  shedReadyHoldMs: number;
  /** On SIGTERM/SIGINT: how long requests in flight may take to finish before their connections are closed. */
  shutdownGraceMs: number;
  /** Demo mode: every simulator answers after this delay (to try the gateway against realistic vendor latency). */
  demoLatencyMs: number;
  /** Redis (`redis://…`) that replicas share for idempotency keys and rate limits; undefined: each process keeps its own, in memory. */
  redisUrl: string | undefined;
  /** Prefix of every Redis key Tessera writes (several deployments, or tests, can share one Redis). */
  redisKeyPrefix: string;
  /** The opt-in cache of vendor GET answers (README "Response cache"). */
  responseCache: ResponseCacheConfig;
  /** How long a create's result is kept under its idempotency key. */
  idempotencyTtlSeconds: number;
  /**
   * How long a create sent with an idempotency key keeps waiting for the vendor after its caller
   * was told UPSTREAM_OUTCOME_UNKNOWN (at `upstreamTimeoutMs`), so that a retry gets the outcome.
   */
  idempotentWriteTimeoutMs: number;
  /** Limits on credential checks (logins, code checks) and on e-mails, per caller and per account. */
  rateLimits: RateLimits;
  /** Proxies in front of Tessera whose `X-Forwarded-For` entry is trusted as the client's IP (0: the socket's address). */
  trustProxyHops: number;
  /** `subgraph`: serve the graph as an Apollo Federation 2 subgraph (`_service`, `_entities`, `@key`s) for a router to compose. */
  federation: 'off' | 'subgraph';
  /** Origins whose web pages may call the API from a browser (CORS); `scheme://host:*` is any port of a host. */
  corsOrigins: string[];
  /** Bound of the in-memory automatic-persisted-query store, in bytes; 0 turns APQ off. */
  apqCacheBytes: number;
  /** Schema introspection for every caller; when off, GraphQL's "Did you mean …?" hints are cut from error messages too. */
  introspection: boolean;
  /** What one request may ask, checked before any vendor call (README "Limits and failure behaviour"). */
  limits: QueryLimits;
  /** Safelist mode: the only operations that run (from `TESSERA_OPERATION_SAFELIST`); undefined when off. */
  operationSafelist: OperationManifest | undefined;
  /** Serve Prometheus metrics at `/metrics` (README "Metrics and traces"). */
  metrics: boolean;
  /** OpenTelemetry traces: sent over OTLP/HTTP to `otlpTracesUrl`; undefined when no OTLP endpoint is set (tracing off). */
  tracing: { otlpTracesUrl: string | undefined; serviceName: string };
  /** The configured vendors, by name; a vendor is absent when its base URL is not set. */
  vendors: VendorConfigs;
  /** Vendors whose base URL is set but that this version of Tessera does not support yet. */
  unsupportedVendors: Source[];
}

type RawEnv = Record<string, string | undefined>;

const ALL_SOURCES: readonly Source[] = ['MAXCLOUD', 'THINGSCLOUD', 'ZAMMAD', 'LEXIANG', 'DREAMREFLEX'];
/** Every vendor is configured by `<SOURCE>_BASE_URL`; its presence means live mode. */
const baseUrlVariable = (source: Source) => `${source}_BASE_URL`;

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const port = z.coerce.number().int().min(0).max(65535);
const limitCount = z.coerce.number().int().min(0).max(1_000_000);
const windowSeconds = z.coerce.number().int().min(1).max(86_400);

const envSchema = z.object({
  TESSERA_MODE: z.enum(['demo', 'live']).optional(),
  PORT: port.default(4000),
  HOST: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().optional(),
  TESSERA_API_KEYS: z.string().optional(),
  TESSERA_ALLOW_ANONYMOUS: booleanFlag.default(false),
  TESSERA_PLAYGROUND: booleanFlag.optional(),
  TESSERA_UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  TESSERA_UPSTREAM_CONCURRENCY: z.coerce.number().int().min(1).max(1000).optional(),
  TESSERA_VENDOR_MAX_SOCKETS: z.coerce.number().int().min(1).max(1024).default(64),
  // Sized for two cores: more requests at once only lengthen the event loop's turns.
  TESSERA_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(64),
  // Off by default: one long garbage collection, or a CPU-starved container, would refuse requests for a second or two.
  TESSERA_SHED_LOOP_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  TESSERA_SHED_READY_HOLD_MS: z.coerce.number().int().min(0).max(600_000).default(5000),
  TESSERA_CORS_ORIGINS: z.string().optional(),
  TESSERA_APQ_CACHE_MB: z.coerce.number().min(0).max(1024).default(8),
  TESSERA_INTROSPECTION: booleanFlag.optional(),
  TESSERA_MAX_BODY_KB: z.coerce.number().int().min(1).max(100 * 1024).default(DEFAULT_QUERY_LIMITS.maxBodyBytes / 1024),
  TESSERA_MAX_TOKENS: z.coerce.number().int().min(100).max(1_000_000).default(DEFAULT_QUERY_LIMITS.maxTokens),
  TESSERA_MAX_DEPTH: z.coerce.number().int().min(2).max(1000).default(DEFAULT_QUERY_LIMITS.maxDepth),
  TESSERA_MAX_ALIASES: z.coerce.number().int().min(0).max(100_000).default(DEFAULT_QUERY_LIMITS.maxAliases),
  TESSERA_MAX_DIRECTIVES: z.coerce.number().int().min(0).max(100_000).default(DEFAULT_QUERY_LIMITS.maxDirectives),
  TESSERA_MAX_ESTIMATED_VENDOR_CALLS: z.coerce.number().int().min(1).max(10_000_000).default(DEFAULT_QUERY_LIMITS.maxEstimatedVendorCalls),
  TESSERA_MAX_VENDOR_CALLS: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_QUERY_LIMITS.maxVendorCalls),
  TESSERA_MAX_NODE_IDS: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_QUERY_LIMITS.maxNodeIds),
  TESSERA_MAX_SENSITIVE_MUTATIONS: z.coerce.number().int().min(0).max(100).default(DEFAULT_QUERY_LIMITS.maxSensitiveMutations),
  TESSERA_OPERATION_SAFELIST: z.string().optional(),
  TESSERA_FEDERATION: z.enum(['off', 'subgraph']).default('off'),
  TESSERA_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  TESSERA_DEMO_LATENCY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  TESSERA_REDIS_KEY_PREFIX: z.string().regex(/^[\w:.-]{1,64}$/).default('tessera:'),
  TESSERA_RESPONSE_CACHE: z.enum(['off', 'memory', 'redis']).default('off'),
  TESSERA_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(7 * 86_400).default(30),
  TESSERA_CACHE_TTLS: z.string().optional(),
  TESSERA_CACHE_STALE_IF_ERROR_SECONDS: z.coerce.number().int().min(0).max(7 * 86_400).default(0),
  TESSERA_CACHE_MEMORY_MB: z.coerce.number().min(1).max(4096).default(64),
  TESSERA_IDEMPOTENCY_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 86_400).default(86_400),
  TESSERA_IDEMPOTENT_WRITE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
  // Per window; 0 turns a limit off. Defaults stop guessing (10 passwords per account per 10 minutes) without hindering people.
  TESSERA_LOGIN_LIMIT_PER_CALLER: limitCount.default(100),
  TESSERA_LOGIN_LIMIT_PER_ACCOUNT: limitCount.default(10),
  TESSERA_LOGIN_LIMIT_WINDOW_SECONDS: windowSeconds.default(600),
  TESSERA_EMAIL_LIMIT_PER_CALLER: limitCount.default(10),
  TESSERA_EMAIL_LIMIT_PER_ADDRESS: limitCount.default(3),
  TESSERA_EMAIL_LIMIT_WINDOW_SECONDS: windowSeconds.default(3600),
  TESSERA_TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  TESSERA_METRICS: booleanFlag.default(true),
  // OpenTelemetry's standard variables: the traces one is used as given, the general one gets `/v1/traces`.
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default('tessera'),
});

export function loadConfig(rawEnv: RawEnv): Config {
  // Empty strings count as unset: `FOO= npm start` should not be a URL parse error.
  const env: Env = Object.fromEntries(Object.entries(rawEnv).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;

  const mode = e.TESSERA_MODE ?? (ALL_SOURCES.some((source) => env[baseUrlVariable(source)] !== undefined) ? 'live' : 'demo');
  const apiKeys = (e.TESSERA_API_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  if (apiKeys.some((k) => k.length < 16)) throw new ConfigError('Invalid configuration: TESSERA_API_KEYS entries must be at least 16 characters');

  const config: Config = {
    mode,
    port: e.PORT,
    // Demo mode lends its demo credentials to anyone who can connect: loopback only unless HOST says otherwise.
    host: e.HOST ?? (mode === 'demo' ? '127.0.0.1' : '0.0.0.0'),
    logLevel: e.LOG_LEVEL,
    development: e.NODE_ENV === 'development',
    apiKeys,
    allowAnonymous: e.TESSERA_ALLOW_ANONYMOUS,
    playground: e.TESSERA_PLAYGROUND ?? mode === 'demo',
    upstreamTimeoutMs: e.TESSERA_UPSTREAM_TIMEOUT_MS,
    upstreamConcurrency: e.TESSERA_UPSTREAM_CONCURRENCY,
    vendorMaxSockets: e.TESSERA_VENDOR_MAX_SOCKETS,
    maxInFlight: e.TESSERA_MAX_IN_FLIGHT,
    shedLoopDelayMs: e.TESSERA_SHED_LOOP_DELAY_MS,
    shedReadyHoldMs: e.TESSERA_SHED_READY_HOLD_MS,
    federation: e.TESSERA_FEDERATION,
    shutdownGraceMs: e.TESSERA_SHUTDOWN_GRACE_MS,
    demoLatencyMs: e.TESSERA_DEMO_LATENCY_MS,
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.TESSERA_REDIS_KEY_PREFIX,
    responseCache: readResponseCacheConfig(e, e.REDIS_URL, ALL_SOURCES),
    idempotencyTtlSeconds: e.TESSERA_IDEMPOTENCY_TTL_SECONDS,
    // Never shorter than the caller's own wait: the write would then give up before its caller.
    idempotentWriteTimeoutMs: Math.max(e.TESSERA_IDEMPOTENT_WRITE_TIMEOUT_MS, e.TESSERA_UPSTREAM_TIMEOUT_MS),
    rateLimits: {
      credentialCheck: { perCaller: e.TESSERA_LOGIN_LIMIT_PER_CALLER, perTarget: e.TESSERA_LOGIN_LIMIT_PER_ACCOUNT, windowSeconds: e.TESSERA_LOGIN_LIMIT_WINDOW_SECONDS },
      email: { perCaller: e.TESSERA_EMAIL_LIMIT_PER_CALLER, perTarget: e.TESSERA_EMAIL_LIMIT_PER_ADDRESS, windowSeconds: e.TESSERA_EMAIL_LIMIT_WINDOW_SECONDS },
    },
    trustProxyHops: e.TESSERA_TRUST_PROXY_HOPS,
    corsOrigins: parseCorsOrigins(e.TESSERA_CORS_ORIGINS, mode),
    apqCacheBytes: Math.round(e.TESSERA_APQ_CACHE_MB * 1024 * 1024),
    // Demo mode is for exploring the schema; a live gateway does not describe itself to anonymous callers.
    introspection: e.TESSERA_INTROSPECTION ?? mode === 'demo',
    limits: {
      maxBodyBytes: e.TESSERA_MAX_BODY_KB * 1024,
      maxTokens: e.TESSERA_MAX_TOKENS,
      maxDepth: e.TESSERA_MAX_DEPTH,
      maxAliases: e.TESSERA_MAX_ALIASES,
      maxDirectives: e.TESSERA_MAX_DIRECTIVES,
      maxEstimatedVendorCalls: e.TESSERA_MAX_ESTIMATED_VENDOR_CALLS,
      maxVendorCalls: e.TESSERA_MAX_VENDOR_CALLS,
      maxNodeIds: e.TESSERA_MAX_NODE_IDS,
      maxSensitiveMutations: e.TESSERA_MAX_SENSITIVE_MUTATIONS,
    },
    operationSafelist: e.TESSERA_OPERATION_SAFELIST === undefined ? undefined : readOperationManifest(e.TESSERA_OPERATION_SAFELIST),
    metrics: e.TESSERA_METRICS,
    tracing: {
      otlpTracesUrl: e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (e.OTEL_EXPORTER_OTLP_ENDPOINT && `${e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`),
      serviceName: e.OTEL_SERVICE_NAME,
    },
    // Demo mode configures every vendor from its simulator at start-up (`startDemo`).
    vendors: mode === 'live' ? configureVendors(env) : {},
    unsupportedVendors: ALL_SOURCES.filter((source) => env[baseUrlVariable(source)] !== undefined && !vendors.some((v) => v.source === source)),
  };

  // A router queries its subgraphs with operations it plans itself (`_entities`, …) that no manifest lists.
  if (config.federation === 'subgraph' && config.operationSafelist) {
    throw new ConfigError(
      'Invalid configuration: TESSERA_OPERATION_SAFELIST cannot be combined with TESSERA_FEDERATION=subgraph: the router sends operations it plans itself, so enforce the safelist in the router',
    );
  }

  const lends = vendors.some((vendor) => {
    const vendorConfig = config.vendors[vendor.name as keyof VendorConfigs];
    return vendorConfig !== undefined && vendor.hasServiceCredentials(vendorConfig);
  });
  if (mode === 'live' && lends && apiKeys.length === 0 && !config.allowAnonymous) {
    throw new ConfigError(
      'Refusing to start: service credentials are configured but TESSERA_API_KEYS is empty, so anyone could use them. ' +
        'Set TESSERA_API_KEYS, or TESSERA_ALLOW_ANONYMOUS=true to lend them to every caller.',
    );
  }
  return config;
}

/** Every registered vendor's configuration from `env`; vendors without a base URL are left out. */
export function configureVendors(env: Env): VendorConfigs {
  const configured: Record<string, unknown> = {};
  for (const vendor of vendors) {
    const vendorConfig = vendor.configure(env);
    if (vendorConfig !== undefined) configured[vendor.name] = vendorConfig;
  }
  return configured as VendorConfigs;
}
