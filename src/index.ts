/** Starts Tessera: reads the configuration, starts the simulators in demo mode, listens. */
import { ConfigError, loadConfig, type Config } from './config.js';
import { startDemo } from './demo.js';
import { isPlaygroundBuilt } from './http/playground.js';
import { createLogger } from './logger.js';
import { createServer } from './server.js';

let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}

const logger = createLogger(config.logLevel);
const demo = config.mode === 'demo' ? await startDemo(config, logger) : undefined;
const server = await createServer(demo?.config ?? config, { logger, isReady: demo?.isReady, playground: { actAs: demo?.actAs } });
const url = await server.listen();
const playgroundUrl = url.replace(/\/graphql$/, '/graphiql');
const playgroundLine = !config.playground
  ? 'off (TESSERA_PLAYGROUND=false)'
  : isPlaygroundBuilt()
    ? `${playgroundUrl}  (GraphiQL, bundled: works offline; a browser gets it at /graphql too)`
    : `${playgroundUrl}  (not built yet: run npm run build:playground)`;

if (demo) {
  console.log(`
Tessera is running in demo mode on its vendor simulators.

  GraphQL:     ${url}
  Playground:  ${playgroundLine}
  Health:      ${url.replace(/\/graphql$/, '/healthz')}

${demo.banner.join('\n')}

Try it:

  curl -s ${url} -H 'content-type: application/json' \\
    -d '{"query":"{ me { dreamreflex { email fullName } } tickets(first: 5) { totalCount missingSources nodes { source title status createdAt } } devices(first: 3) { totalCount nodes { name online } } teams(first: 3) { nodes { name type } } }"}'
`);
} else {
  logger.info({ url, mode: config.mode, playground: config.playground ? playgroundUrl : false }, 'Tessera is listening');
}
if (config.unsupportedVendors.length > 0) {
  logger.warn({ vendors: config.unsupportedVendors }, 'base URLs set for vendors this version does not support yet; they are ignored');
}

/**
 * SIGTERM/SIGINT: stop accepting, let requests in flight finish within TESSERA_SHUTDOWN_GRACE_MS,
 * stop the demo simulators, exit 0. A second signal while draining exits at once (1).
 */
let stopping = false;
const shutdown = async (signal: NodeJS.Signals) => {
  if (stopping) {
    logger.warn({ signal }, 'second signal while shutting down: exiting now');
    process.exit(1);
  }
  stopping = true;
  logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down');
  try {
    await server.stop();
    await demo?.close();
    logger.info('stopped');
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
};
process.on('SIGINT', (signal) => void shutdown(signal));
process.on('SIGTERM', (signal) => void shutdown(signal));
