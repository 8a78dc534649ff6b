import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createServer } from '../../src/server.js';
import {
  dreamreflexDemoAccounts,
  lexiangDemoCredentials,
  maxCloudDemoCredentials,
  startVendorSimulator,
  thingsCloudDemoCredentials,
  zammadDemoCredentials,
  type RunningSimulator,
} from '../../src/simulators/index.js';
import type { GraphQLResponse } from '../support/gateway.js';
import { deleteKeysUnder, TEST_REDIS_URL, testRedisPrefix } from '../support/redis.js';

/**
 * Two gateway processes, started as a replica is (`node --import tsx src/index.ts`), over one
 * Redis and one set of simulators running in this test process. What they share goes through
 * Redis only: no memory, no module state.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const API_KEY = 'replicas-api-key-0123456789';
const demoUser = dreamreflexDemoAccounts[0]!;

/** Needs every vendor's service credentials: Lexiang's and ThingsCloud's tokens, Dreamreflex's and MaxCloud's logins (and MaxCloud's company switch), Zammad's API token. */
const EVERY_VENDOR = `{
  teams(first: 1) { totalCount }
  dreamreflex: tickets(first: 1, filter: { sources: [DREAMREFLEX] }) { totalCount }
  zammad: tickets(first: 1, filter: { sources: [ZAMMAD] }) { totalCount }
  devices(first: 1) { totalCount }
  maxCloudTickets(first: 1) { totalCount nodes { company { nativeId name } } }
  maxCloudCompanies { nativeId name }
}`;

/** How each vendor's service credential is acquired, as its simulator counts the calls. */
const ACQUISITIONS = {
  lexiang: ['POST /cgi-bin/token'],
  dreamreflex: ['POST /api/auth/login'],
  thingscloud: ['POST /api/v1/access_token'],
  maxcloud: ['POST /api/login', 'POST /api/company/switch'],
} as const;

type SimulatorName = 'lexiang' | 'dreamreflex' | 'thingscloud' | 'zammad' | 'maxcloud';

interface Replica {
  url: string;
  child: ChildProcess;
  /** The last lines it printed, for a failure message. */
  output(): string;
}

let simulators: Record<SimulatorName, RunningSimulator>;
let replicas: Replica[] = [];
const prefix = testRedisPrefix('replicas');

/** What a replica's environment says of the vendors: the simulators and their demo service credentials. */
function vendorEnv(): Record<string, string> {
  return {
    LEXIANG_BASE_URL: simulators.lexiang.url,
    LEXIANG_APP_KEY: lexiangDemoCredentials.appKey,
    LEXIANG_APP_SECRET: lexiangDemoCredentials.appSecret,
    DREAMREFLEX_BASE_URL: simulators.dreamreflex.url,
    DREAMREFLEX_EMAIL: demoUser.email,
    DREAMREFLEX_PASSWORD: demoUser.password,
    THINGSCLOUD_BASE_URL: simulators.thingscloud.url,
    THINGSCLOUD_APP_ID: thingsCloudDemoCredentials.appId,
    THINGSCLOUD_ACCESS_KEY: thingsCloudDemoCredentials.accessKey,
    THINGSCLOUD_SECRET_KEY: thingsCloudDemoCredentials.secretKey,
    ZAMMAD_BASE_URL: simulators.zammad.url,
    ZAMMAD_TOKEN: zammadDemoCredentials.adminToken,
    MAXCLOUD_BASE_URL: simulators.maxcloud.url,
    MAXCLOUD_USERNAME: maxCloudDemoCredentials.email,
    MAXCLOUD_PASSWORD: maxCloudDemoCredentials.password,
    MAXCLOUD_COMPANY_ID: String(maxCloudDemoCredentials.companyId),
    TESSERA_API_KEYS: API_KEY,
  };
}

/** Starts one replica on a free port and waits for the line saying where it listens. */
async function startReplica(): Promise<Replica> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    ...vendorEnv(),
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    // 100 queries at once per replica, above the default cap of 64: none is shed.
    TESSERA_MAX_IN_FLIGHT: '128',
    REDIS_URL: TEST_REDIS_URL,
    TESSERA_REDIS_KEY_PREFIX: prefix,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-8000));
  child.stderr!.on('data', keep);
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`a replica did not listen within 60 s:\n${tail}`)), 60_000);
    lines.on('line', (line) => {
      keep(Buffer.from(`${line}\n`));
      const logged = parseJson(line);
      if (logged?.msg === 'Tessera is listening' && typeof logged.url === 'string') {
        clearTimeout(timer);
        resolve(logged.url);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`a replica exited (${code ?? signal}) before listening:\n${tail}`));
    });
  });
  return { url, child, output: () => tail };
}

function parseJson(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

async function stopReplica({ child }: Replica): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function gql(url: string, query: string): Promise<GraphQLResponse> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': API_KEY }, body: JSON.stringify({ query }) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse['body'] };
}

/** The same query answered by one gateway in this process, without Redis: what every replica must answer. */
async function singleProcessAnswer(query: string): Promise<GraphQLResponse['body']> {
  const server = await createServer(loadConfig({ ...vendorEnv(), HOST: '127.0.0.1' }), { logger: createLogger('silent') });
  try {
    return (await gql(await server.listen(0, '127.0.0.1'), query)).body;
  } finally {
    await server.stop();
  }
}

beforeAll(async () => {
  const names: SimulatorName[] = ['lexiang', 'dreamreflex', 'thingscloud', 'zammad', 'maxcloud'];
  const started = await Promise.all(names.map((name) => startVendorSimulator(name)));
  simulators = Object.fromEntries(names.map((name, i) => [name, started[i]!])) as Record<SimulatorName, RunningSimulator>;
  replicas = await Promise.all([startReplica(), startReplica()]);
}, 90_000);

afterAll(async () => {
  await Promise.all(replicas.map(stopReplica));
  await Promise.all(Object.values(simulators ?? {}).map((simulator) => simulator.close()));
  await deleteKeysUnder(prefix);
});

describe('two gateway processes sharing one Redis', () => {
  it('acquire each vendor’s service credential once for 200 concurrent cold queries spread over both', async () => {
    const responses = await Promise.all(Array.from({ length: 200 }, (_, i) => gql(replicas[i % 2]!.url, EVERY_VENDOR)));

    const served = responses.filter(({ status, body }) => status === 200 && body.errors === undefined);
    if (served.length !== responses.length) {
      throw new Error(`${responses.length - served.length} answers failed, e.g. ${JSON.stringify(responses.find((r) => !served.includes(r))?.body)}\n${replicas.map((r) => r.output()).join('\n')}`);
    }
    const acquisitions = Object.entries(ACQUISITIONS).flatMap(([vendor, routes]) =>
      routes.map((route) => [`${vendor} ${route}`, simulators[vendor as SimulatorName].requests.count(route)] as const),
    );
    expect(Object.fromEntries(acquisitions)).toEqual(Object.fromEntries(acquisitions.map(([call]) => [call, 1])));
    // Zammad's service credential is an API token (ZAMMAD_TOKEN): there is nothing to acquire.
    expect(Object.keys(simulators.zammad.requests.snapshot()).filter((route) => /token|login|session|oauth/i.test(route))).toEqual([]);
    // Both replicas served (the spread was real), and every vendor was read.
    for (const simulator of Object.values(simulators)) expect(simulator.requests.count()).toBeGreaterThan(1);

    // Every answer is the one a single gateway gives. The replica that did not log in to MaxCloud
    // names the companies too: the login's company list travels with the shared token.
    const expected = await singleProcessAnswer(EVERY_VENDOR);
    expect(expected.errors).toBeUndefined();
    expect(expected.data).toMatchObject({
      dreamreflex: { totalCount: 25 },
      maxCloudTickets: { nodes: [{ company: { nativeId: '1', name: 'DefaultTeam' } }] },
      maxCloudCompanies: [
        { nativeId: '1', name: 'DefaultTeam' },
        { nativeId: '2', name: 'AnotherTeam' },
      ],
    });
    for (const { body } of responses) expect(body.data).toEqual(expected.data);
  }, 120_000);
});
