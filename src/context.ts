import { randomUUID, createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pLimit, { type LimitFunction } from 'p-limit';
import type { GraphQLError } from 'graphql';
import type { Config } from './config.js';
import { clientGoneSignal } from './http/clientGoneSignal.js';
import { BadUserInputError, NotFoundError, UnauthenticatedError, VendorNotConfiguredError } from './errors.js';
import { countVendorCalls, createVendorCallBudget, type VendorCallBudget } from './limits/countVendorCalls.js';
import type { GlobalId } from './globalId.js';
import type { Logger } from './logger.js';
import type { MergeFeed } from './mergeTicketFeeds.js';
import type { NodeModel } from './models.js';
import type { Metrics } from './observability/metrics.js';
import { currentRequestTrace, type RequestTrace } from './observability/requestTrace.js';
import { vendors, type VendorClients, type VendorSources } from './vendors/index.js';
import { asLimitFunction } from './vendors/shared/asLimitFunction.js';
import { limitWithSignal } from './vendors/shared/callerSignal.js';
import { ignoreBatches, type BatchObserver } from './vendors/shared/observedBatch.js';
import { bearerValue } from './vendors/shared/TokenAuth.js';
import type { TicketFeed } from './vendors/shared/TicketFeed.js';
import type { NodeFetcher, RequestScope, VendorModule } from './vendors/shared/VendorModule.js';
import { createCaller, type Caller } from './writes/caller.js';
import type { WriteGuards } from './writes/createWriteGuards.js';

/**
 * Per-request state. Nothing in it outlives the request, so nothing leaks between callers.
 * Each registered vendor appears under its name (`ctx.dreamreflex`, `ctx.zammad`, …) as the
 * per-request source its registration builds.
 */
export interface Context extends VendorSources {
  requestId: string;
  logger: Logger;
  /** The request ID and the operation's span (when tracing is on), which the request's vendor calls are traced under. */
  trace: RequestTrace;
  /** Fires when the client goes away before its answer: reads to vendors stop and queued ones are never sent. */
  signal: AbortSignal;
  /** The request's vendor calls so far, against its budget (`TESSERA_MAX_VENDOR_CALLS`); past it, further calls fail. */
  vendorCalls: VendorCallBudget;
  /** Who is calling (digests only) and the process's idempotency keys and rate limits, for the guarded mutations (`src/writes/`). */
  writes: { caller: Caller; guards: WriteGuards };
  /**
   * The record behind a global ID (`node`, `nodes`), read by the vendor that issued it; null
   * when the vendor has none. Throws for IDs of types that are reached only through a parent.
   */
  fetchNode(id: GlobalId): Promise<NodeModel | null>;
  /**
   * Every registered ticket vendor as the merged `tickets` connection reads it. A vendor that is
   * not configured is there too, failing its reads with VENDOR_NOT_CONFIGURED.
   */
  ticketFeeds(): MergeFeed[];
  /**
   * Errors that go into the response beside data that is still returned (a vendor missing
   * from a merged list). Each carries the path of the field it concerns.
   */
  partialErrors: GraphQLError[];
}

export interface ContextDeps {
  config: Pick<Config, 'mode' | 'apiKeys' | 'allowAnonymous' | 'upstreamConcurrency' | 'vendorMaxSockets' | 'limits' | 'trustProxyHops'>;
  /** Vendor clients, built once at start-up; a vendor is absent when it is not configured. */
  upstreams: VendorClients;
  logger: Logger;
  /** Idempotency keys and rate limits, built once at start-up. */
  writeGuards: WriteGuards;
  /** The server's metrics, when on: loader batch sizes are reported there. */
  metrics?: Pick<Metrics, 'loaderBatchSize'>;
}

/** The header that carries a Tessera API key (`authorization: Bearer <key>` works too). */
export const API_KEY_HEADER = 'x-api-key';

/**
 * Builds `createContext({ req })`: checks the caller's API key, decides whether they may
 * borrow the service credentials, and lets every vendor build its per-request source
 * (credentials from the request's headers, fresh loaders).
 */
export function createContextFactory({ config, upstreams, logger, writeGuards, metrics }: ContextDeps) {
  const keyDigests = config.apiKeys.map(digest);
  const nodeTypes = indexNodeTypes(vendors);
  const clients = upstreams as Record<string, unknown>;
  const credentialHeaders = new Map(vendors.map((vendor) => [vendor.source, Object.keys(vendor.credentialHeaders)]));
  // One queue per vendor for the whole process, in arrival order: it protects the vendor, while a
  // request's own calls all go out at once (a per-request cap would add waves of vendor latency).
  const vendorLimits = new Map(vendors.map((vendor) => [vendor.name, pLimit(config.vendorMaxSockets)]));

  return async ({ req, res }: { req: IncomingMessage; res?: ServerResponse }): Promise<Context> => {
    // The request's trace, as the HTTP layer put it in scope (`inRequestTrace`); a context built outside one makes its own.
    const scoped = currentRequestTrace();
    const trace: RequestTrace = scoped ?? { requestId: requestIdOf(req) };
    const requestId = trace.requestId;
    const presentedKey = apiKeyOf(req);
    if (presentedKey !== undefined && !keyDigests.some((d) => timingSafeEqual(d, digest(presentedKey)))) {
      throw new UnauthenticatedError('The API key is not valid.', { httpStatus: 401 });
    }
    // Service credentials are lent in demo mode, to key holders, or to everyone when explicitly allowed.
    const lendService = config.mode === 'demo' || config.allowAnonymous || presentedKey !== undefined;
    const signal = res ? clientGoneSignal(res) : new AbortController().signal;

    const vendorCalls = createVendorCallBudget(config.limits.maxVendorCalls);
    const sources: Record<string, unknown> = {};
    for (const vendor of vendors) {
      const client = clients[vendor.name];
      // Every vendor call of the request goes through its vendor's `limit`: counted there against the request's budget.
      const shared = vendorLimits.get(vendor.name)!;
      const own = config.upstreamConcurrency === undefined ? shared : withinBoth(pLimit(config.upstreamConcurrency), shared);
      const limit = countVendorCalls(limitWithSignal(own, signal), vendorCalls);
      const vendorLabel = vendor.name;
      const observeBatch: BatchObserver = metrics ? (loader, keys) => metrics.loaderBatchSize.observe({ vendor: vendorLabel, loader }, keys) : ignoreBatches;
      const scope: RequestScope = { header: (name) => header(req, name), lendService, signal, limit, observeBatch };
      sources[vendor.name] = client === undefined ? notConfigured(vendor) : vendor.createSource(client, scope);
    }
    const ticketFeeds = () =>
      vendors.flatMap((vendor): MergeFeed[] => {
        if (!vendor.ticketFeed) return [];
        const feed = clients[vendor.name] === undefined ? unconfiguredFeed(vendor) : vendor.ticketFeed(sources[vendor.name]);
        return [{ source: vendor.source, feed }];
      });

    return {
      ...(sources as unknown as VendorSources),
      requestId,
      trace,
      signal,
      vendorCalls,
      writes: { caller: createCaller(req, { apiKey: presentedKey, credentialHeaders, trustProxyHops: config.trustProxyHops }), guards: writeGuards },
      // In scope, the logger's mixin names the request on every line; a child binding would name it twice.
      logger: scoped ? logger : logger.child({ requestId }),
      ticketFeeds,
      partialErrors: [],
      async fetchNode({ type, source, nativeId }) {
        const entry = nodeTypes.get(type);
        if (!entry || entry.vendor.source !== source) throw new BadUserInputError(`"${type}" IDs are not issued by ${source}.`);
        if (entry.fetch === null) throw new NotFoundError(`A ${type} cannot be fetched by ID; reach it through its parent.`);
        return entry.fetch(sources[entry.vendor.name], nativeId);
      },
    };
  };
}

/** `inner`'s calls, each also waiting its turn in `outer` (a request's own cap inside the vendor's process-wide one). */
function withinBoth(inner: LimitFunction, outer: LimitFunction): LimitFunction {
  const run = <A extends unknown[], R>(work: (...args: A) => PromiseLike<R> | R, ...args: A): Promise<R> => inner(() => outer(() => work(...args)));
  return asLimitFunction(run, inner);
}

/** GraphQL type name → the vendor that issues its IDs, and how `node` reads one. */
function indexNodeTypes(modules: readonly VendorModule[]) {
  const index = new Map<string, { vendor: VendorModule; fetch: NodeFetcher<unknown> | null }>();
  for (const vendor of modules) {
    for (const [type, fetch] of Object.entries(vendor.idTypes)) {
      if (index.has(type)) throw new Error(`Two vendors issue IDs of type ${type}.`);
      index.set(type, { vendor, fetch });
    }
  }
  return index;
}

/**
 * What resolvers get for a vendor this deployment has no base URL for: any use fails that
 * field alone with VENDOR_NOT_CONFIGURED, so sources never check for a missing client.
 */
function notConfigured(vendor: VendorModule): unknown {
  const error = () => new VendorNotConfiguredError(vendor.source, vendor.baseUrlVariable);
  return new Proxy(
    {},
    {
      get: (_target, property) =>
        // Not a thenable, not inspectable as anything but a failing vendor.
        property === 'then' || typeof property === 'symbol'
          ? undefined
          : () => {
              throw error();
            },
    },
  );
}

/** A ticket vendor without a base URL, as the merged connection sees it: every read fails with VENDOR_NOT_CONFIGURED. */
function unconfiguredFeed(vendor: VendorModule): TicketFeed {
  return {
    pageCap: Number.MAX_SAFE_INTEGER,
    supports: () => true,
    read: () => Promise.reject(new VendorNotConfiguredError(vendor.source, vendor.baseUrlVariable)),
  };
}

function apiKeyOf(req: IncomingMessage): string | undefined {
  return header(req, API_KEY_HEADER) ?? bearerValue(header(req, 'authorization'));
}

/** The caller's `x-request-id` when it is a plain token of at most 128 characters, else a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const given = header(req, 'x-request-id');
  return given && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text?.trim() || undefined;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
