import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import http from 'node:http';
import type { Config } from './config.js';
import { createContextFactory, type Context } from './context.js';
import { createErrorFormatter } from './errors.js';
import type { Logger } from './logger.js';
import { createSchema } from './schema.js';
import { createUpstreams } from './upstreams.js';

export interface ServerOptions {
  logger: Logger;
  /** Extra readiness condition for `/readyz` (demo mode: the simulators answer). */
  isReady?: () => Promise<boolean>;
}

export interface TesseraServer {
  readonly app: express.Express;
  /** Listens on `config.port`/`config.host` unless told otherwise; resolves with the GraphQL URL. */
  listen(port?: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

/** Builds the gateway for a configuration: schema, vendor clients, Apollo Server, HTTP routes. Tests use this directly. */
export async function createServer(config: Config, { logger, isReady }: ServerOptions): Promise<TesseraServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer: Server = http.createServer(app);
  const upstreams = createUpstreams(config, logger);

  const formatError = createErrorFormatter((error) => logger.error({ err: error }, 'unexpected error in a resolver'));
  const apollo = new ApolloServer<Context>({
    schema: createSchema(),
    introspection: true,
    includeStacktraceInErrorResponses: config.development,
    formatError,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }),
      {
        async requestDidStart({ contextValue, request }) {
          const started = performance.now();
          return {
            async willSendResponse({ response, errors }) {
              response.http.headers.set('x-request-id', contextValue.requestId);
              // Errors about data that was still returned (a vendor missing from a merged list), formatted like any other.
              if (response.body.kind === 'single' && contextValue.partialErrors.length > 0) {
                const result = response.body.singleResult;
                result.errors = [...(result.errors ?? []), ...contextValue.partialErrors.map((error) => formatError(error.toJSON(), error))];
              }
              contextValue.logger.info(
                { operation: request.operationName ?? null, ms: Math.round(performance.now() - started), errors: errors?.length ?? 0 },
                'graphql request',
              );
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', async (_req, res) => {
    const ready = isReady ? await isReady().catch(() => false) : true;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', mode: config.mode });
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: createContextFactory({ config, upstreams, logger }) }),
  );

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
      await apollo.stop();
      if (httpServer.listening) {
        httpServer.closeAllConnections();
        await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      }
    },
  };
}
