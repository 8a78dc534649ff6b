/** Starts Tessera: reads the configuration, starts the simulators in demo mode, listens. */
import { ConfigError, loadConfig, type Config } from './config.js';
import { startDemo } from './demo.js';
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
const server = await createServer(demo?.config ?? config, { logger, isReady: demo?.isReady });
const url = await server.listen();

if (demo) {
  console.log(`
Tessera is running in demo mode on its vendor simulators.

  Playground:  ${url}
  Health:      ${url.replace(/\/graphql$/, '/healthz')}

${demo.banner.join('\n')}

Try it:

  curl -s ${url} -H 'content-type: application/json' \\
    -d '{"query":"{ me { dreamreflex { email fullName } } tickets(first: 5) { totalCount missingSources nodes { source title status createdAt } } devices(first: 3) { totalCount nodes { name online } } teams(first: 3) { nodes { name type } } }"}'
`);
} else {
  logger.info({ url, mode: config.mode }, 'Tessera is listening');
}
if (config.unsupportedVendors.length > 0) {
  logger.warn({ vendors: config.unsupportedVendors }, 'base URLs set for vendors this version does not support yet; they are ignored');
}

const shutdown = async (signal: string) => {
  logger.info({ signal }, 'shutting down');
  await server.stop();
  await demo?.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
