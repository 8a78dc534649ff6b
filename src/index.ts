/** Starts Tessera: reads the configuration, starts the simulators in demo mode, listens. */
import { ConfigError, loadConfig, type Config } from './config.js';
import { startDemo } from './demo.js';
import { createLogger } from './logger.js';
import { createServer } from './server.js';
import { dreamreflexDemoAccounts, lexiangDemoCredentials, thingsCloudDemoCredentials } from './simulators/index.js';

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
  const account = dreamreflexDemoAccounts[0]!;
  console.log(`
Tessera is running in demo mode on its vendor simulators.

  Playground:  ${url}
  Health:      ${url.replace(/\/graphql$/, '/healthz')}

Dreamreflex acts as the demo user ${account.email} (password ${account.password}).
Send your own token in the x-dreamreflex-token header to act as someone else
(get one with the dreamreflexLogin mutation; see the README for the other demo users).
Lexiang acts as staff member ${lexiangDemoCredentials.staffId}; send x-lexiang-staff-id to act as another.
ThingsCloud uses the demo API app; thingsCloudAdminLogin (account ${thingsCloudDemoCredentials.adminAccount}, password ${thingsCloudDemoCredentials.adminPassword})
gives an admin token for x-thingscloud-token.

Try it:

  curl -s ${url} -H 'content-type: application/json' \\
    -d '{"query":"{ me { dreamreflex { email fullName } } tickets(first: 3) { totalCount nodes { title status createdAt } } devices(first: 3) { totalCount nodes { name online } } teams(first: 3) { nodes { name type } } }"}'
`);
} else {
  logger.info({ url, mode: config.mode }, 'Tessera is listening');
}

const shutdown = async (signal: string) => {
  logger.info({ signal }, 'shutting down');
  await server.stop();
  await demo?.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
