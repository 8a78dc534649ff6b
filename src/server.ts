import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import express from 'express';
import http from 'node:http';
import { createResponseCache } from './cache/createResponseCache.js';
import { createResponseCachePlugin } from './cache/createResponseCachePlugin.js';
import type { Config } from './config.js';
import { inRequestTrace } from './observability/requestTrace.js';
import { createContextFactory, requestIdOf, type Context } from './context.js';
import { createErrorFormatter, isUnexpectedError } from './errors.js';
import { unwrapResolverError } from '@apollo/server/errors';
import { createEventLoopMonitor } from './eventLoopMonitor.js';
import { createSubgraphSchema } from './federation/createSubgraphSchema.js';
import { createCorsMiddleware } from './http/cors.js';
import { createJsonErrorHandler } from './http/jsonErrors.js';
import { createLoadShedder } from './http/loadShedding.js';
import { createOperationSafelist } from './http/operationSafelist.js';
import { createPlayground, type PlaygroundOptions } from './http/playground.js';
import { createPersistedQueryOptions } from './http/persistedQueryCache.js';
import { createDocumentLimitRules } from './limits/createDocumentLimitRules.js';
import { createOperationLimitsPlugin } from './limits/createOperationLimitsPlugin.js';
import { withLimitErrors } from './limits/withLimitErrors.js';
import { withoutSuggestions } from './limits/withoutSuggestions.js';
import type { Logger } from './logger.js';
import { createObservability } from './observability/createObservability.js';
import { createSchema } from './schema.js';
import { createUpstreams } from './upstreams.js';
import { createWriteGuards } from './writes/createWriteGuards.js';

export interface ServerOptions {
  logger: Logger;
  /** Extra readiness condition for `/readyz` (demo mode: the simulators answer). */
  isReady?: () => Promise<boolean>;
  /** The playground's demo tab and bundle location, when `config.playground` is on. */
  playground?: PlaygroundOptions;
  /** Tests only: where spans go (an `InMemorySpanExporter`), whatever the configuration says. */
  spanExporter?: SpanExporter;
}

export interface TesseraServer {
  readonly app: express.Express;
  /** Listens on `config.port`/`config.host` unless told otherwise; resolves with the GraphQL URL. */
  listen(port?: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

/** Builds the gateway for a configuration: schema, vendor clients, Apollo Server, HTTP routes. Tests use this directly. */
export async function createServer(config: Config, { logger, isReady, playground, spanExporter }: ServerOptions): Promise<TesseraServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer: Server = http.createServer(app);
  const loopMonitor = createEventLoopMonitor();
  const shedder = createLoadShedder({
    maxInFlight: config.maxInFlight,
    maxLoopDelayMs: config.shedLoopDelayMs,
    readyHoldMs: config.shedReadyHoldMs,
    loopMonitor,
    logger,
  });
  // This server's metrics registry and tracer (README "Metrics and traces").
  const observability = createObservability(config, { shedStats: shedder.stats, spanExporter });
  // First, and trivial: a probe must never wait behind GraphQL work. Liveness stays 200 under any
  // load (restarting an overloaded pod only moves its load); readiness is 503 while shedding.
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', async (_req, res) => {
    const ready = shedder.isReady() && (isReady ? await isReady().catch(() => false) : true);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', mode: config.mode });
  });
  // Beside the probes, so never shed: a scrape is most useful when the gateway is overloaded.
  if (observability.metricsHandler) app.get('/metrics', observability.metricsHandler);
  // Idempotency keys and rate limits; the process's one Redis client when REDIS_URL is set.
  const writeGuards = createWriteGuards(config, logger);
  // Service tokens are shared with other replicas through the same Redis client.
  // Opt-in (README "Response cache"): vendor GET answers, in this process or shared through the same Redis client.
  const responseCache = createResponseCache(config.responseCache, { redis: writeGuards.redis, keyPrefix: config.redisKeyPrefix, registry: observability.metrics?.registry, logger });
  const upstreams = createUpstreams(config, logger, writeGuards.redis, observability.vendorCallObserver, responseCache);

  const loggedWithRequest = new WeakSet<object>();
  const formatLimits = withLimitErrors(
    // An unexpected error met while a request ran is logged by the plugin below, under the request's ID;
    // what the formatter meets outside one (a failing context, say) is logged here.
    createErrorFormatter((error) => {
      if (!(typeof error === 'object' && error !== null && loggedWithRequest.has(error))) logger.error({ err: error }, 'unexpected error');
    }),
    config.limits.maxTokens,
  );
  const formatError = config.introspection ? formatLimits : withoutSuggestions(formatLimits);
  if (config.playground && !config.introspection) {
    logger.warn('TESSERA_PLAYGROUND is on but introspection is off: the playground runs queries but shows no docs or completion. Set TESSERA_INTROSPECTION=true to have them.');
  }
  const safelist = config.operationSafelist && createOperationSafelist(config.operationSafelist, logger);
  const apollo = new ApolloServer<Context>({
    schema: config.federation === 'subgraph' ? createSubgraphSchema() : createSchema(),
    introspection: config.introspection,
    // src/index.ts owns SIGTERM/SIGINT (drain, then exit 0); Apollo's own handlers would stop it a second time and re-raise the signal.
    stopOnTerminationSignals: false,
    // Limits checked before any resolver runs (README "Limits and failure behaviour"): the parser stops at
    // the token limit; depth, aliases and directives are validation rules; the plugin below estimates cost.
    parseOptions: { maxTokens: config.limits.maxTokens },
    validationRules: createDocumentLimitRules(config.limits),
    includeStacktraceInErrorResponses: config.development,
    formatError,
    // Refuses GETs and POSTs a browser could send without a preflight (Apollo's default, stated).
    csrfPrevention: true,
    // Safelist mode serves registered operations by hash from the manifest; otherwise clients register theirs (APQ) in a bounded store.
    persistedQueries: safelist ? safelist.persistedQueries : config.apqCacheBytes > 0 && createPersistedQueryOptions(config.apqCacheBytes, observability.metrics?.apqLookups),
    plugins: [
      // On stop: no new connections; requests in flight get the grace period, then their connections are closed.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownGraceMs }),
      // Apollo's landing page loads its Sandbox from a CDN; the playground is GraphiQL, bundled (createPlayground).
      ApolloServerPluginLandingPageDisabled(),
      // Tessera gives no cache hints; Apollo's default cache-control plugin would wrap every field resolver to look for them.
      ApolloServerPluginCacheControlDisabled(),
      // A subgraph returns field timings to a router that asks (`apollo-federation-include-trace`), error messages masked.
      ...(config.federation === 'subgraph' ? [ApolloServerPluginInlineTrace()] : []),
      createOperationLimitsPlugin(config.limits),
      observability.plugin,
      createResponseCachePlugin(),
      {
        async requestDidStart({ contextValue, request }) {
          const started = performance.now();
          return {
            // Before formatting masks them: an error Tessera did not expect is logged in full, with the request's ID and the field's path.
            async didEncounterErrors({ errors }) {
              for (const error of errors) {
                if (!isUnexpectedError(error)) continue;
                const original = unwrapResolverError(error);
                contextValue.logger.error({ err: original, path: error.path?.join('.') }, 'unexpected error in a resolver');
                if (typeof original === 'object' && original !== null) loggedWithRequest.add(original);
              }
            },
            async willSendResponse({ response, errors }) {
              response.http.headers.set('x-request-id', contextValue.requestId);
              // Answers are per caller (their credentials decide what vendors return): no shared cache may keep them.
              response.http.headers.set('cache-control', 'no-store');
              // Errors about data that was still returned (a vendor missing from a merged list), formatted like any other.
              if (response.body.kind === 'single' && contextValue.partialErrors.length > 0) {
                const result = response.body.singleResult;
                result.errors = [...(result.errors ?? []), ...contextValue.partialErrors.map((error) => formatError(error.toJSON(), error))];
              }
              contextValue.logger.info(
                {
                  operation: request.operationName ?? null,
                  ms: Math.round(performance.now() - started),
                  errors: errors?.length ?? 0,
                  vendorCalls: contextValue.vendorCalls.used,
                  ...(contextValue.vendorCalls.refused > 0 && { vendorCallsRefused: contextValue.vendorCalls.refused }),
                },
                'graphql request',
              );
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  // Before the API: a browser's GET of /graphql gets the page.
  if (config.playground) app.use(createPlayground(config, playground));
  const createContext = createContextFactory({ config, upstreams, logger, writeGuards, metrics: observability.metrics });
  app.use(
    '/graphql',
    createCorsMiddleware(config.corsOrigins),
    // Refused before the body is read or parsed: an overloaded gateway spends nothing on it.
    shedder.guard,
    express.json({ limit: config.limits.maxBodyBytes }),
    // From here on (context, execution, vendor calls, the answer) every log line names the request.
    (req, _res, next) => inRequestTrace({ requestId: requestIdOf(req) }, next),
    expressMiddleware(apollo, { context: safelist ? safelist.guard(createContext) : createContext }),
  );
  // Last: whatever failed before Apollo (a body that is not JSON, too large) is answered as GraphQL JSON, never Express's HTML.
  app.use(createJsonErrorHandler(logger, config.limits.maxBodyBytes));

  return {
    app,
    async listen(port = config.port, host = config.host) {
      httpServer.listen(port, host);
      await once(httpServer, 'listening');
      const address = httpServer.address() as AddressInfo;
      const shownHost = address.address.includes(':') ? `[${address.address}]` : address.address;
      return `http://${shownHost}:${address.port}/graphql`;
    },
    async stop() {
      loopMonitor.stop();
      await apollo.stop();
      if (httpServer.listening) {
        httpServer.closeAllConnections();
        await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      }
      // Creates still waiting for their vendor after their callers were answered record their outcome, then Redis closes.
      await writeGuards.close(config.shutdownGraceMs);
      await observability.shutdown();
    },
  };
}
