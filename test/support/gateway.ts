import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createServer } from '../../src/server.js';
import { dreamreflexDemoAccounts, startVendorSimulator, type RunningSimulator } from '../../src/simulators/index.js';

export interface GraphQLResponse {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  };
}

export interface TestGateway {
  url: string;
  dreamreflex: RunningSimulator;
  /** Every line the gateway logged, as JSON text. */
  logs: string[];
  /** Simulator log lines (verification codes). */
  simulatorLogs: string[];
  gql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse>;
  close(): Promise<void>;
}

export const demoUser = dreamreflexDemoAccounts[0]!;

export const TEST_API_KEY = 'test-api-key-0123456789';

/**
 * The real gateway over HTTP on a free port, in live mode against a Dreamreflex simulator
 * on another free port. By default the demo user is the service account and callers need
 * the test API key to borrow it (pass `anonymous: true` to lend it to everyone).
 */
export async function startTestGateway(options: { env?: Record<string, string>; serviceAccount?: boolean; anonymous?: boolean } = {}): Promise<TestGateway> {
  const simulatorLogs: string[] = [];
  const dreamreflex = await startVendorSimulator('dreamreflex', { log: (line) => simulatorLogs.push(line) });
  const withService = options.serviceAccount ?? true;
  const config = loadConfig({
    DREAMREFLEX_BASE_URL: dreamreflex.url,
    ...(withService && { DREAMREFLEX_EMAIL: demoUser.email, DREAMREFLEX_PASSWORD: demoUser.password }),
    TESSERA_API_KEYS: TEST_API_KEY,
    ...(options.anonymous && { TESSERA_ALLOW_ANONYMOUS: 'true' }),
    ...options.env,
  });
  const logs: string[] = [];
  const logger = createLogger('debug', { write: (line: string) => void logs.push(line) });
  const server = await createServer(config, { logger });
  const url = await server.listen(0, '127.0.0.1');

  return {
    url,
    dreamreflex,
    logs,
    simulatorLogs,
    async gql(query, variables, headers = {}) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse['body'] };
    },
    async close() {
      await server.stop();
      await dreamreflex.close();
    },
  };
}

/** Headers that let a test caller borrow the service account. */
export const withApiKey = { 'x-api-key': TEST_API_KEY };
