import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { getOperationAST, parse } from 'graphql';
import { toGlobalId } from '../../src/globalId.js';
import { playgroundExamples } from '../../src/http/playgroundExamples.js';
import { estimateOperation } from '../../src/limits/estimateOperation.js';
import { DEFAULT_QUERY_LIMITS } from '../../src/limits/QueryLimits.js';
import { createSchema } from '../../src/schema.js';
import { thingsCloudSeedIds } from '../../src/simulators/thingscloud/index.js';
import { startBareGateway, type BareGateway } from '../support/bareGateway.js';
import { startTestGateway, withApiKey, type TestGateway } from '../support/gateway.js';

/**
 * The limits a request must pass before any vendor call (README "Limits and failure behaviour"),
 * against the real gateway on the simulators, with the default limits. Anonymous callers borrow
 * the service credentials here (`anonymous: true`): the worst case, where an unchecked request
 * would reach every vendor. Each refusal is timed and its vendor calls counted; the figures are
 * printed at the end.
 */

let gw: TestGateway;
const figures: string[] = [];
const limits = DEFAULT_QUERY_LIMITS;

beforeAll(async () => {
  gw = await startTestGateway({ anonymous: true });
});
afterAll(async () => {
  await gw.close();
  console.log(`Limits, measured (defaults; vendor calls counted by the simulators):\n${figures.join('\n')}`);
});

const simulators = () => [gw.dreamreflex, gw.lexiang, gw.thingscloud, gw.zammad, gw.maxcloud];
/** Requests the vendors received since the last reset. */
const vendorCalls = () => simulators().reduce((sum, simulator) => sum + simulator.requests.count(), 0);
beforeEach(() => simulators().forEach((simulator) => simulator.requests.reset()));

interface Answer {
  status: number;
  ms: number;
  text: string;
  json: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } | undefined;
}

async function post(url: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  const ms = performance.now() - started;
  let json: Answer['json'];
  try {
    json = JSON.parse(text) as Answer['json'];
  } catch {
    json = undefined;
  }
  return { status: response.status, ms, text, json };
}

const graphql = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });
const aliases = (n: number, field: string) => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');

/** Sends `body`, expects a refusal naming `limit` and `max`, no vendor call, and a quick answer; records the figures. */
async function expectRefused(name: string, body: string, expected: { status: number; code: string; limit: string; max: number }) {
  const answer = await post(gw.url, body);
  const calls = vendorCalls();
  figures.push(`  ${name} (${Math.round(body.length / 1024)} KB): HTTP ${answer.status} ${expected.limit} > ${expected.max}, ${answer.ms.toFixed(1)} ms, ${calls} vendor calls`);
  expect(answer.status).toBe(expected.status);
  expect(answer.json?.errors?.[0]?.extensions).toMatchObject({ code: expected.code, limit: expected.limit, max: expected.max });
  expect(answer.json?.data).toBeUndefined();
  expect(calls).toBe(0);
  expect(answer.ms).toBeLessThan(1000);
  return answer;
}

describe('finding 1: one request no longer stalls the gateway', () => {
  it('refuses the 729 KB bomb of 20,000 aliases by its size, and a bomb under the size limit by its tokens, while a ping answers at once', async () => {
    const bomb = graphql(`{ ${aliases(20_000, 'thingsCloudProject { name }')} }`);
    expect(bomb.length).toBeGreaterThan(700_000);
    await expectRefused('20,000 aliases of a vendor field', bomb, { status: 413, code: 'BAD_REQUEST', limit: 'bodyBytes', max: limits.maxBodyBytes });

    const underSize = graphql(`{ ${aliases(2500, 'thingsCloudProject { name }')} }`);
    expect(underSize.length).toBeLessThan(limits.maxBodyBytes);
    await expectRefused('2,500 aliases, under the size limit', underSize, { status: 400, code: 'QUERY_TOO_COMPLEX', limit: 'tokens', max: limits.maxTokens });

    // Ten bombs at once, and a ping sent with them.
    const bombs = Array.from({ length: 10 }, (_, i) => post(gw.url, i % 2 ? bomb : underSize));
    const ping = await post(gw.url, graphql('{ __typename }'));
    const answers = await Promise.all(bombs);
    figures.push(`  ping { __typename } while 10 bombs are in flight: ${ping.ms.toFixed(1)} ms; slowest bomb answered in ${Math.max(...answers.map((a) => a.ms)).toFixed(1)} ms`);
    expect(ping.json).toEqual({ data: { __typename: 'Query' } });
    expect(ping.ms).toBeLessThan(1000);
    expect(answers.every((answer) => answer.status === 400 || answer.status === 413)).toBe(true);
    expect(vendorCalls()).toBe(0);
  });
});

describe('finding 2: a cost limit before any vendor call', () => {
  it('refuses 1,000 aliases of devices(first: 500)', async () => {
    await expectRefused('1,000 aliases of devices(first: 500)', graphql(`{ ${aliases(1000, 'devices(first: 500) { nodes { name tags } }')} }`), {
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
      limit: 'tokens',
      max: limits.maxTokens,
    });
  });

  it('refuses more aliases than the limit, however short the query', async () => {
    await expectRefused(`${limits.maxAliases + 1} aliases of thingsCloudProject`, graphql(`{ ${aliases(limits.maxAliases + 1, 'thingsCloudProject { name }')} }`), {
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
      limit: 'aliases',
      max: limits.maxAliases,
    });
  });

  it('refuses depth 93', async () => {
    const deep = `{ deviceGroups { ${'children { '.repeat(91)}name${' }'.repeat(91)} } }`;
    const answer = await expectRefused('depth 93', graphql(deep), { status: 400, code: 'QUERY_TOO_COMPLEX', limit: 'depth', max: limits.maxDepth });
    expect(answer.json?.errors?.[0]?.extensions?.['found']).toBe(93);
  });

  it('refuses more directives than the limit', async () => {
    // One per field (graphql-js itself refuses a directive repeated on one field); `__typename` aliases are not counted as aliases.
    const fields = Array.from({ length: limits.maxDirectives + 1 }, (_, i) => `t${i}: __typename @include(if: true)`).join(' ');
    await expectRefused(`${limits.maxDirectives + 1} directives`, graphql(`{ ${fields} }`), {
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
      limit: 'directives',
      max: limits.maxDirectives,
    });
  });

  it('refuses a query whose list sizes make it cost more vendor calls than the budget, `first` from a variable too', async () => {
    const query = 'query($n: Int) { alarms(first: $n) { nodes { device { certificate { deviceName } } } } }';
    const answer = await expectRefused('alarms(first: $n = 500) with two reads per alarm', graphql(query, { n: 500 }), {
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
      limit: 'estimatedVendorCalls',
      max: limits.maxEstimatedVendorCalls,
    });
    expect(answer.json?.errors?.[0]?.extensions?.['found']).toBe(5 + 500 + 500);
    // The same query with a page the budget allows runs.
    const allowed = await post(gw.url, graphql(query, { n: 20 }));
    expect(allowed.json?.errors).toBeUndefined();
  });

  it('refuses nodes(ids) over the cap (5,000 IDs by the body size already) and serves the cap', async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => toGlobalId('Device', 'THINGSCLOUD', thingsCloudSeedIds.device(i % 200)));
    const query = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }';
    await expectRefused('nodes with 5,000 IDs', graphql(query, { ids: ids(5000) }), { status: 413, code: 'BAD_REQUEST', limit: 'bodyBytes', max: limits.maxBodyBytes });
    await expectRefused(`nodes with ${limits.maxNodeIds + 1} IDs`, graphql(query, { ids: ids(limits.maxNodeIds + 1) }), {
      status: 400,
      code: 'BAD_USER_INPUT',
      limit: 'nodeIds',
      max: limits.maxNodeIds,
    });
    const atCap = await post(gw.url, graphql(query, { ids: ids(limits.maxNodeIds) }));
    expect(atCap.json?.errors).toBeUndefined();
    expect(vendorCalls()).toBeLessThanOrEqual(limits.maxNodeIds + 1);
  });

  it('refuses 50 history aliases; 15 two-year histories of an empty series stop at the per-request count', async () => {
    const device = toGlobalId('Device', 'THINGSCLOUD', thingsCloudSeedIds.device(0));
    // No points: every 30-day window is read, 25 calls per field.
    const history = 'history(identifier: "no-such-attribute", from: "2024-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z", first: 500) { at }';
    await expectRefused('50 history aliases', graphql(`{ device(id: "${device}") { ${aliases(50, history)} } }`), {
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
      limit: 'aliases',
      max: limits.maxAliases,
    });
    const fifteen = await post(gw.url, graphql(`{ device(id: "${device}") { ${aliases(15, history)} } }`));
    const calls = gw.thingscloud.requests.count('GET /api/v1/device/:device_id/attribute/:identifier/series');
    const refused = (fifteen.json?.errors ?? []).filter((error) => error.extensions?.['limit'] === 'vendorCalls');
    figures.push(`  15 aliases of a two-year history (25 calls each): ${calls} series calls sent, then ${refused.length} fields stopped at ${limits.maxVendorCalls} (${fifteen.ms.toFixed(0)} ms)`);
    expect(vendorCalls()).toBeLessThanOrEqual(limits.maxVendorCalls + 1);
    expect(calls).toBeLessThan(limits.maxVendorCalls);
    expect(refused.length).toBeGreaterThan(0);
  });
});

describe('the default limits let real work through', () => {
  const schema = createSchema();
  const DASHBOARD = '{ alarms(first: 100) { nodes { device { name online type { name } groups { name } } } } }';

  it.each([...playgroundExamples, DASHBOARD].map((query) => [/query (\w+)/.exec(query)?.[1] ?? 'dashboard', query]))('%s runs unchanged, within its estimate', async (name, query) => {
    const answer = await post(gw.url, graphql(query), { 'content-type': 'application/json', ...withApiKey });
    const calls = vendorCalls();
    const document = parse(query);
    const estimate = estimateOperation(schema, document, getOperationAST(document)!, {})!.vendorCalls;
    // The gateway's own count, from the request's log line; the simulators also see shared service-token logins, which it does not count.
    const counted = (JSON.parse(gw.logs.filter((line) => line.includes('"msg":"graphql request"')).at(-1)!) as { vendorCalls: number }).vendorCalls;
    figures.push(`  ${name}: ${answer.ms.toFixed(0)} ms, ${counted} vendor calls counted, ${calls} received by the simulators (estimate ${estimate})`);
    expect(answer.status).toBe(200);
    expect(answer.json?.errors ?? []).toEqual([]);
    expect(counted).toBeLessThanOrEqual(estimate);
    expect(calls).toBeLessThanOrEqual(counted + 5);
  });
});

describe('the per-request count of vendor calls', () => {
  it('stops a request that goes past the budget at run time: further calls are not sent and their fields fail', async () => {
    // 24 customers: the estimate guesses 10 for a list without `first`, so it lets this through; the counter stops it.
    const small = await startTestGateway({ anonymous: true, env: { TESSERA_MAX_VENDOR_CALLS: '15' } });
    try {
      small.thingscloud.requests.reset();
      const answer = await post(small.url, graphql('{ thingsCloudCustomers { account devices(first: 1) { totalCount } } }'));
      const devicesCalls = small.thingscloud.requests.count('GET /api/v1/customer/:customer_id/devices');
      figures.push(`  thingsCloudCustomers { devices } with TESSERA_MAX_VENDOR_CALLS=15: ${devicesCalls} device-list calls sent, ${answer.json?.errors?.length ?? 0} fields refused`);
      expect(devicesCalls).toBe(14);
      expect(answer.json?.errors).toHaveLength(24 - 14);
      expect(answer.json?.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'vendorCalls', max: 15 });
      expect(small.logs.some((line) => line.includes('"vendorCalls":15') && line.includes('"vendorCallsRefused":10'))).toBe(true);
    } finally {
      await small.close();
    }
  });
});

describe('finding 6: one request cannot repeat a credential check or an e-mail', () => {
  it('refuses 500 aliases of verifyThingsCloudCustomerLogin, and even two, without a vendor call', async () => {
    const verify = 'verifyThingsCloudCustomerLogin(account: "zhangwei", password: "guess") { valid }';
    await expectRefused('500 aliases of verifyThingsCloudCustomerLogin', graphql(`mutation { ${aliases(500, verify)} }`), {
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
      limit: 'tokens',
      max: limits.maxTokens,
    });
    await expectRefused('2 aliases of verifyThingsCloudCustomerLogin', graphql(`mutation { ${aliases(2, verify)} }`), {
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
      limit: 'sensitiveMutations',
      max: limits.maxSensitiveMutations,
    });
    expect(gw.thingscloud.requests.count('POST /api/v1/customer_auth')).toBe(0);
    // One is a normal request.
    const one = await post(gw.url, graphql(`mutation { ${verify} }`));
    expect(one.json).toEqual({ data: { verifyThingsCloudCustomerLogin: { valid: false } } });
  });

  it('refuses 100 verification e-mails in one request, and two', async () => {
    const logged = gw.simulatorLogs.length;
    for (const n of [100, 2]) {
      const send = Array.from({ length: n }, (_, i) => `a${i}: sendDreamreflexVerificationCode(email: "victim+${i}@example.com") { email }`).join(' ');
      const answer = await post(gw.url, graphql(`mutation { ${send} }`));
      expect(answer.status).toBe(400);
      expect(answer.json?.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: n === 100 ? 'aliases' : 'sensitiveMutations' });
    }
    expect(gw.dreamreflex.requests.count('POST /api/auth/send-code')).toBe(0);
    expect(gw.simulatorLogs.length).toBe(logged);
  });
});

describe('finding 4: requests Apollo never sees get GraphQL JSON, and their bodies are never logged', () => {
  const password = 'hunter2-Secret!';
  const badJson = `{"query":"mutation { dreamreflexLogin(input: {email: \\"li.na@example.cn\\", password: \\"${password}\\"}) { accessToken } }",`;

  /** Everything written to stdout, stderr and the console while `work` runs. */
  async function captureOutput(work: () => Promise<void>): Promise<string> {
    const written: string[] = [];
    const writes = [process.stdout, process.stderr].map((stream) => {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        written.push(String(chunk));
        return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      return () => void (stream.write = original);
    });
    const consoleError = console.error;
    console.error = (...args: unknown[]) => void written.push(args.map(String).join(' '));
    try {
      await work();
    } finally {
      writes.forEach((restore) => restore());
      console.error = consoleError;
    }
    return written.join('');
  }

  it.each([['unset'], ['production']])('with NODE_ENV %s', async (nodeEnv) => {
    const saved = process.env['NODE_ENV'];
    if (nodeEnv === 'unset') delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = nodeEnv;
    let bare: BareGateway | undefined;
    try {
      // Express reads NODE_ENV when the app is made.
      bare = await startBareGateway(nodeEnv === 'unset' ? {} : { NODE_ENV: nodeEnv });
      const answers: Answer[] = [];
      const output = await captureOutput(async () => {
        answers.push(await post(bare!.url, badJson));
        answers.push(await post(bare!.url, JSON.stringify({ query: '{ __typename }', padding: password.repeat(10_000) })));
        answers.push(await post(bare!.url, '{"query":"{ __typename }"}', { 'content-type': 'application/json; charset=latin2' }));
        answers.push(await post(bare!.url, '"just a string"'));
        answers.push(await post(bare!.url, '<query/>', { 'content-type': 'application/xml' }));
      });
      expect(answers.map((a) => a.status)).toEqual([400, 413, 415, 400, 400]);
      for (const answer of answers) {
        expect(answer.json?.errors?.[0]).toEqual({ message: expect.any(String), extensions: expect.objectContaining({ code: 'BAD_REQUEST' }) });
        expect(answer.text).not.toMatch(/<html|<pre|stack|at JSON\.parse|node_modules/i);
        expect(answer.text).not.toContain(password);
      }
      expect(answers[1]?.json?.errors?.[0]?.extensions).toMatchObject({ limit: 'bodyBytes', max: limits.maxBodyBytes });
      expect(bare.logs.join('\n')).not.toContain(password);
      expect(bare.logs.join('\n')).not.toContain('li.na@example.cn');
      expect(output).not.toContain(password);
      expect(bare.logs.some((line) => line.includes('"reason":"entity.parse.failed"'))).toBe(true);
    } finally {
      await bare?.close();
      if (saved === undefined) delete process.env['NODE_ENV'];
      else process.env['NODE_ENV'] = saved;
    }
  });
});

describe('finding 8: introspection and suggestions in live mode', () => {
  let live: BareGateway;
  beforeAll(async () => {
    live = await startBareGateway();
  });
  afterAll(() => live.close());

  it('refuses introspection by default', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Device") { fields { name } } }']) {
      const answer = await post(live.url, graphql(query));
      expect(answer.status).toBe(400);
      expect(answer.json?.errors?.[0]?.message).toMatch(/introspection is not allowed/);
    }
    expect((await post(live.url, graphql('{ __typename }'))).json).toEqual({ data: { __typename: 'Query' } });
  });

  it('says no "Did you mean" about fields, arguments, types or enum values', async () => {
    const mistakes: [string, Record<string, unknown>?][] = [
      ['{ devicez { totalCount } }'],
      ['{ devices(frist: 1) { totalCount } }'],
      ['{ tickets(filter: { status: OPN }) { totalCount } }'],
      ['query($s: TicketStatus) { tickets(filter: { status: $s }) { totalCount } }', { s: 'OPN' }],
      ['query($f: DeviceFiltr) { devices(filter: $f) { totalCount } }'],
    ];
    for (const [query, variables] of mistakes) {
      const answer = await post(live.url, graphql(query, variables));
      expect(answer.status).toBe(400);
      expect(answer.text).not.toMatch(/Did you mean|"devices"|OPEN|DeviceFilter\b/);
    }
  });

  it('keeps both with TESSERA_INTROSPECTION=true', async () => {
    const open = await startBareGateway({ TESSERA_INTROSPECTION: 'true' });
    try {
      expect((await post(open.url, graphql('{ __type(name: "Device") { name } }'))).json).toEqual({ data: { __type: { name: 'Device' } } });
      expect((await post(open.url, graphql('{ devicez { totalCount } }'))).json?.errors?.[0]?.message).toMatch(/Did you mean "device" or "devices"\?/);
    } finally {
      await open.close();
    }
  });

  it('says at start-up that a live playground without introspection has no docs or completion', async () => {
    const withPlayground = await startBareGateway({ TESSERA_PLAYGROUND: 'true' });
    try {
      expect(withPlayground.logs.some((line) => line.includes('"level":40') && line.includes('TESSERA_INTROSPECTION=true'))).toBe(true);
    } finally {
      await withPlayground.close();
    }
  });
});
