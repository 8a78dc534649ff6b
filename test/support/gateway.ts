import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createServer } from '../../src/server.js';
import { dreamreflexDemoAccounts, startVendorSimulator, type RunningSimulator } from '../../src/simulators/index.js';
import { startSimulator } from '../../src/simulators/kit/index.js';
import {
  createLexiangSimulator,
  createTeamStore,
  lexiangDemoCredentials,
  type LexiangSimulatorOptions,
  type TeamStore,
} from '../../src/simulators/lexiang/index.js';
import { thingsCloudDemoCredentials, withThingsCloudOptions, type ThingsCloudSimulatorOptions } from '../../src/simulators/thingscloud/index.js';
import { maxCloudDemoCredentials, withMaxCloudOptions, type MaxCloudSimulatorOptions } from '../../src/simulators/maxcloud/index.js';
import { createZammadStore, withZammadOptions, zammadDemoCredentials, type ZammadSimulatorOptions, type ZammadStore } from '../../src/simulators/zammad/index.js';

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
  lexiang: RunningSimulator;
  /** The Lexiang simulator's team state, for checks the API cannot make (members, recycle bin). */
  lexiangTeams: TeamStore;
  thingscloud: RunningSimulator;
  zammad: RunningSimulator;
  maxcloud: RunningSimulator;
  /** The Zammad simulator's state, for checks the API cannot make. */
  zammadStore: ZammadStore;
  /** Every line the gateway logged, as JSON text. */
  logs: string[];
  /** Simulator log lines (verification codes). */
  simulatorLogs: string[];
  gql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse>;
  close(): Promise<void>;
}

export const demoUser = dreamreflexDemoAccounts[0]!;

export const TEST_API_KEY = 'test-api-key-0123456789';

export interface TestGatewayOptions {
  env?: Record<string, string>;
  /** Whether Dreamreflex has its service account (default true). */
  serviceAccount?: boolean;
  anonymous?: boolean;
  /** Lexiang simulator options. No LEXIANG_STAFF_ID is configured unless `env` sets one. */
  lexiang?: Pick<LexiangSimulatorOptions, 'singleTeamEndpoint' | 'perPageMax'>;
  /** Whether ThingsCloud has the simulator's API app as service credentials (default true). */
  thingscloudService?: boolean;
  /** ThingsCloud simulator options (limits, a device-message listener, rate limit). */
  thingscloud?: ThingsCloudSimulatorOptions;
  /** Zammad service credentials (default: the simulator's admin token as ZAMMAD_TOKEN); `false` for none. */
  zammadService?: Record<string, string> | false;
  /** Zammad simulator options (admin access switches, whether ticket search tells its total). */
  zammad?: Omit<ZammadSimulatorOptions, 'store'>;
  /** MaxCloud service account (default: the simulator's demo user in company 1); `false` for none. */
  maxcloudService?: Record<string, string> | false;
  /** MaxCloud simulator options (token lifetime, page size maximum). */
  maxcloud?: MaxCloudSimulatorOptions;
  /** Where the gateway's spans go (an `InMemorySpanExporter`); none by default. */
  spanExporter?: SpanExporter;
  /** Keep every log line in `logs` (default true); a long run (the soak) turns this off, lest the lines fill its memory. */
  keepLogs?: boolean;
}

/**
 * The real gateway over HTTP on a free port, in live mode against the Dreamreflex, Lexiang,
 * ThingsCloud, Zammad and MaxCloud simulators on other free ports. By default the demo user is the
 * Dreamreflex service account, Lexiang uses the simulator's app credentials, ThingsCloud its
 * API app, Zammad the admin's token, MaxCloud its demo user in company 1; callers need the test API key to borrow any of them
 * (pass `anonymous: true` to lend them to everyone).
 */
export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const simulatorLogs: string[] = [];
  const log = (line: string) => void simulatorLogs.push(line);
  const lexiangTeams = createTeamStore();
  const zammadStore = createZammadStore();
  const [dreamreflex, lexiang, thingscloud, zammad, maxcloud] = await Promise.all([
    startVendorSimulator('dreamreflex', { log }),
    startSimulator('lexiang', (runtime) => createLexiangSimulator(runtime, { ...options.lexiang, teams: lexiangTeams }), { log }),
    startSimulator('thingscloud', withThingsCloudOptions(options.thingscloud ?? {}), { log }),
    startSimulator('zammad', withZammadOptions({ ...options.zammad, store: zammadStore }), { log }),
    startSimulator('maxcloud', withMaxCloudOptions(options.maxcloud ?? {}), { log }),
  ]);
  const maxcloudService = options.maxcloudService ?? {
    MAXCLOUD_USERNAME: maxCloudDemoCredentials.email,
    MAXCLOUD_PASSWORD: maxCloudDemoCredentials.password,
    MAXCLOUD_COMPANY_ID: String(maxCloudDemoCredentials.companyId),
  };
  const zammadService = options.zammadService ?? { ZAMMAD_TOKEN: zammadDemoCredentials.adminToken };
  const withService = options.serviceAccount ?? true;
  const config = loadConfig({
    DREAMREFLEX_BASE_URL: dreamreflex.url,
    ...(withService && { DREAMREFLEX_EMAIL: demoUser.email, DREAMREFLEX_PASSWORD: demoUser.password }),
    LEXIANG_BASE_URL: lexiang.url,
    LEXIANG_APP_KEY: lexiangDemoCredentials.appKey,
    LEXIANG_APP_SECRET: lexiangDemoCredentials.appSecret,
    THINGSCLOUD_BASE_URL: thingscloud.url,
    ...((options.thingscloudService ?? true) && {
      THINGSCLOUD_APP_ID: thingsCloudDemoCredentials.appId,
      THINGSCLOUD_ACCESS_KEY: thingsCloudDemoCredentials.accessKey,
      THINGSCLOUD_SECRET_KEY: thingsCloudDemoCredentials.secretKey,
    }),
    ZAMMAD_BASE_URL: zammad.url,
    ...(zammadService && zammadService),
    MAXCLOUD_BASE_URL: maxcloud.url,
    ...(maxcloudService && maxcloudService),
    TESSERA_API_KEYS: TEST_API_KEY,
    ...(options.anonymous && { TESSERA_ALLOW_ANONYMOUS: 'true' }),
    ...options.env,
  });
  const logs: string[] = [];
  const keepLogs = options.keepLogs ?? true;
  const logger = createLogger(keepLogs ? 'debug' : config.logLevel, { write: (line: string) => void (keepLogs ? logs.push(line) : process.stderr.write(line)) });
  const server = await createServer(config, { logger, spanExporter: options.spanExporter });
  const url = await server.listen(0, '127.0.0.1');

  return {
    url,
    dreamreflex,
    lexiang,
    lexiangTeams,
    thingscloud,
    zammad,
    maxcloud,
    zammadStore,
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
      await Promise.all([dreamreflex.close(), lexiang.close(), thingscloud.close(), zammad.close(), maxcloud.close()]);
    },
  };
}

/** Headers that let a test caller borrow the service account. */
export const withApiKey = { 'x-api-key': TEST_API_KEY };
