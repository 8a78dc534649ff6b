/**
 * The real gateway as its own process for the bench: argv[2] is the environment (JSON) that
 * `loadConfig` reads, as `test/support/gateway.ts` builds it (live mode, an API key). Logs
 * nothing; prints `LISTENING <url>`.
 */
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { createServer } from '../src/server.js';

const env = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
const server = await createServer(loadConfig(env), { logger: createLogger('silent') });
const url = await server.listen(0, '127.0.0.1');
process.stdout.write(`LISTENING ${url}\n`);
process.on('SIGTERM', () => {
  void server.stop().finally(() => process.exit(0));
});
