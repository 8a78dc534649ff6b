import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createServer } from '../../src/server.js';

export interface BareGateway {
  url: string;
  /** Every line the gateway logged, as JSON text. */
  logs: string[];
  close(): Promise<void>;
}

/**
 * The real gateway over HTTP on a free port with no vendor configured: for tests of the HTTP
 * layer (CORS, CSRF, persisted queries, the safelist, GraphQL over HTTP) that need no vendor data.
 * Starts in a few milliseconds, unlike `startTestGateway`'s five simulators.
 */
export async function startBareGateway(env: Record<string, string> = {}): Promise<BareGateway> {
  const config = loadConfig({ TESSERA_MODE: 'live', ...env });
  const logs: string[] = [];
  const server = await createServer(config, { logger: createLogger('debug', { write: (line: string) => void logs.push(line) }) });
  const url = await server.listen(0, '127.0.0.1');
  return { url, logs, close: () => server.stop() };
}
