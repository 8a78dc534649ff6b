import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createServer } from '../../src/server.js';
import { dreamreflexDemoAccounts, startVendorSimulator, type RunningSimulator } from '../../src/simulators/index.js';
import { startSimulator } from '../../src/simulators/kit/index.js';
import { thingsCloudDemoCredentials, withThingsCloudOptions } from '../../src/simulators/thingscloud/index.js';
import { createZammadStore, withZammadOptions, zammadDemoCredentials, type ZammadStore } from '../../src/simulators/zammad/index.js';
import type { GraphQLResponse } from './gateway.js';

export const WRITES_API_KEY = 'writes-test-api-key-0123456789';

/** The vendors the write-safety tests need: Zammad (creates, its store inspectable), ThingsCloud (logins), Dreamreflex (e-mails). */
export interface WriteSimulators {
  zammad: RunningSimulator;
  zammadStore: ZammadStore;
  thingscloud: RunningSimulator;
  dreamreflex: RunningSimulator;
  /** What the simulators "e-mailed" (Dreamreflex verification codes). */
  simulatorLogs: string[];
  close(): Promise<void>;
}

export async function startWriteSimulators(): Promise<WriteSimulators> {
  const simulatorLogs: string[] = [];
  const log = (line: string) => void simulatorLogs.push(line);
  const zammadStore = createZammadStore();
  const [zammad, thingscloud, dreamreflex] = await Promise.all([
    startSimulator('zammad', withZammadOptions({ store: zammadStore }), { log }),
    startSimulator('thingscloud', withThingsCloudOptions({}), { log }),
    startVendorSimulator('dreamreflex', { log }),
  ]);
  return {
    zammad,
    zammadStore,
    thingscloud,
    dreamreflex,
    simulatorLogs,
    close: async () => void (await Promise.all([zammad.close(), thingscloud.close(), dreamreflex.close()])),
  };
}

export interface WritesGateway {
  url: string;
  logs: string[];
  gql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse>;
  close(): Promise<void>;
}

/** A gateway (live mode, service credentials for the three vendors, anonymous callers allowed) over `sims`; several may share them. */
export async function startGatewayOn(sims: WriteSimulators, env: Record<string, string> = {}): Promise<WritesGateway> {
  const demoUser = dreamreflexDemoAccounts[0]!;
  const config = loadConfig({
    ZAMMAD_BASE_URL: sims.zammad.url,
    ZAMMAD_TOKEN: zammadDemoCredentials.adminToken,
    THINGSCLOUD_BASE_URL: sims.thingscloud.url,
    THINGSCLOUD_APP_ID: thingsCloudDemoCredentials.appId,
    THINGSCLOUD_ACCESS_KEY: thingsCloudDemoCredentials.accessKey,
    THINGSCLOUD_SECRET_KEY: thingsCloudDemoCredentials.secretKey,
    DREAMREFLEX_BASE_URL: sims.dreamreflex.url,
    DREAMREFLEX_EMAIL: demoUser.email,
    DREAMREFLEX_PASSWORD: demoUser.password,
    TESSERA_API_KEYS: WRITES_API_KEY,
    TESSERA_ALLOW_ANONYMOUS: 'true',
    ...env,
  });
  const logs: string[] = [];
  const server = await createServer(config, { logger: createLogger('debug', { write: (line: string) => void logs.push(line) }) });
  const url = await server.listen(0, '127.0.0.1');
  return {
    url,
    logs,
    async gql(query, variables, headers = {}) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse['body'] };
    },
    close: () => server.stop(),
  };
}
