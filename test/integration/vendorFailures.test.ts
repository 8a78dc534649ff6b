import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Faults } from '../../src/simulators/kit/index.js';
import { startTestGateway, withApiKey, type TestGateway } from '../support/gateway.js';

/**
 * Every vendor, every way a vendor fails: one query reaches all five, one vendor fails at a time,
 * and the answer keeps the other four vendors' data, with one typed error for the failing one.
 */

const QUERY = `{
  tickets(first: 6) { missingSources nodes { source } }
  devices(first: 2) { totalCount }
  teams(first: 2) { totalCount }
}`;

type Vendor = 'dreamreflex' | 'zammad' | 'maxcloud' | 'thingscloud' | 'lexiang';
const SOURCE: Record<Vendor, string> = { dreamreflex: 'DREAMREFLEX', zammad: 'ZAMMAD', maxcloud: 'MAXCLOUD', thingscloud: 'THINGSCLOUD', lexiang: 'LEXIANG' };
const TICKET_VENDORS: Vendor[] = ['dreamreflex', 'zammad', 'maxcloud'];

/** How each failure shows: the fault injected into the vendor's simulator and the error code a client sees. */
const FAILURES: [string, Partial<Faults>, string][] = [
  ['down (503 on every call)', { forceStatus: 503 }, 'UPSTREAM_ERROR'],
  ['hanging past the timeout', { latencyMs: 6000 }, 'UPSTREAM_TIMEOUT'],
  ['in a 5xx storm', { errorRate: 1, errorStatus: 500 }, 'UPSTREAM_ERROR'],
  ['rate limiting (429 with Retry-After)', { forceStatus: 429, retryAfterSeconds: 30 }, 'UPSTREAM_RATE_LIMITED'],
  ['sending malformed bodies', { malformedBody: true }, 'UPSTREAM_ERROR'],
  ['resetting connections', { resetConnection: true }, 'UPSTREAM_UNAVAILABLE'],
];

let gw: TestGateway;
const sims = () => ({ dreamreflex: gw.dreamreflex, zammad: gw.zammad, maxcloud: gw.maxcloud, thingscloud: gw.thingscloud, lexiang: gw.lexiang });

// A fresh gateway per vendor: a vendor's cached token or cool-down must not carry into the next vendor's cases.
beforeAll(async () => {
  gw = await startTestGateway({ env: { TESSERA_UPSTREAM_TIMEOUT_MS: '1200' } });
});
afterAll(() => gw.close());
beforeEach(() => {
  for (const sim of Object.values(sims())) {
    sim.clearFaults();
    sim.requests.reset();
  }
});

interface Answer {
  data: { tickets: { missingSources: string[]; nodes: { source: string }[] } | null; devices: { totalCount: number } | null; teams: { totalCount: number } | null };
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
}

async function ask(): Promise<Answer> {
  const { body } = await gw.gql(QUERY, {}, withApiKey);
  return body as unknown as Answer;
}

/** What a healthy answer from every vendor but `failing` (null: every vendor) looks like. */
function expectOthersIntact(answer: Answer, failing: Vendor | null) {
  if (failing !== 'thingscloud') expect(answer.data.devices?.totalCount).toBeGreaterThan(0);
  if (failing !== 'lexiang') expect(answer.data.teams?.totalCount).toBeGreaterThan(0);
  // The other ticket vendors took part: a vendor that failed would be named missing.
  expect(answer.data.tickets?.missingSources).toEqual(failing && TICKET_VENDORS.includes(failing) ? [SOURCE[failing]] : []);
  expect(answer.data.tickets?.nodes.length).toBe(6);
}

describe.each(Object.keys(SOURCE) as Vendor[])('when %s fails', (vendor) => {
  it.each(FAILURES)('%s: the other vendors answer, and it has one typed error', async (_kind, faults, code) => {
    // Warm up first, so that the failure hits data calls rather than a first login.
    expect((await ask()).errors).toBeUndefined();
    sims()[vendor].setFaults(faults);
    const answer = await ask();
    expectOthersIntact(answer, vendor);
    const errors = answer.errors ?? [];
    expect(errors.map((e) => [e.extensions?.source, e.extensions?.code])).toEqual([[SOURCE[vendor], code]]);
    if (TICKET_VENDORS.includes(vendor)) {
      expect(answer.data.tickets?.missingSources).toEqual([SOURCE[vendor]]);
      expect(errors[0]!.path).toEqual(['tickets']);
    } else {
      expect(answer.data[vendor === 'thingscloud' ? 'devices' : 'teams']).toBeNull();
    }
    // Nothing of the vendor's body or of a credential reaches the client.
    expect(JSON.stringify(errors)).not.toMatch(/Service Unavailable|<html|token|secret|password/i);
    sims()[vendor].clearFaults();
    expect((await ask()).errors).toBeUndefined();
  });
});

describe('a token that expires while requests run', () => {
  // Zammad's tokens are static (no expiry); the others' service tokens expire on the vendor's clock.
  const lifetimes: [Vendor, string, number][] = [
    ['dreamreflex', 'POST /api/auth/login', 1800],
    ['thingscloud', 'POST /api/v1/access_token', 86_400],
    ['lexiang', 'POST /cgi-bin/token', 7200],
    ['maxcloud', 'POST /api/login', 86_400],
  ];

  it.each(lifetimes)('%s: the gateway gets one new token and the answer is whole', async (vendor, loginRoute, lifetimeSeconds) => {
    expect((await ask()).errors).toBeUndefined();
    sims()[vendor].requests.reset();
    // The vendor's clock moves past the token's lifetime: the token the gateway holds is now refused.
    sims()[vendor].clock.advance((lifetimeSeconds + 60) * 1000);
    const answers = await Promise.all(Array.from({ length: 5 }, () => ask()));
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expectOthersIntact(answer, null);
    }
    expect(sims()[vendor].requests.count(loginRoute)).toBe(1);
  });
});

describe('log lines about vendor calls', () => {
  it('name the request each call was made for, as every line of the request does', async () => {
    sims().thingscloud.setFaults({ resetConnection: true });
    gw.logs.length = 0;
    await gw.gql(QUERY, {}, { ...withApiKey, 'x-request-id': 'req-vendor-log-1' });
    const lines = gw.logs.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.vendor === 'THINGSCLOUD');
    expect(lines.some((line) => line.msg === 'upstream call failed')).toBe(true);
    expect(lines.map((line) => line.requestId)).toEqual(lines.map(() => 'req-vendor-log-1'));
    // The calls that succeeded are logged (at debug) under the same request.
    const all = gw.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(all.filter((line) => line.msg === 'upstream call' && line.vendor !== 'THINGSCLOUD').length).toBeGreaterThan(0);
    // Every line the request caused, whichever logger wrote it, names it once.
    expect(all.map((line) => line.msg)).toContain('graphql request');
    expect(new Set(all.map((line) => line.requestId))).toEqual(new Set(['req-vendor-log-1']));
    for (const line of gw.logs) expect(line.match(/"requestId"/g)).toHaveLength(1);
  });
});
