import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/globalId.js';
import type { Faults } from '../../src/simulators/kit/index.js';
import { thingsCloudSeedIds } from '../../src/simulators/thingscloud/index.js';
import { startTestGateway, withApiKey, type TestGateway } from '../support/gateway.js';

/**
 * A write the vendor may have applied must not be sent twice: whatever a 502, a 504 or a reset
 * connection means, the gateway sends a write once. (Reads, which change nothing, are repeated once.)
 */
let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  // Service logins happen here, so that only the writes below meet the faults.
  const warm = await gw.gql('{ contracts(first: 1) { totalCount } thingsCloudProject { name } }', undefined, withApiKey);
  expect(warm.body.errors).toBeUndefined();
});
afterAll(() => gw.close());
beforeEach(() => {
  for (const sim of [gw.dreamreflex, gw.thingscloud]) {
    sim.clearFaults();
    sim.requests.reset();
  }
});

const failures: [string, Partial<Faults>][] = [
  ['HTTP 502', { forceStatus: 502 }],
  ['HTTP 504', { forceStatus: 504 }],
  ['a reset connection', { resetConnection: true }],
];

describe.each(failures)('a write met by %s', (_what, fault) => {
  it('is sent to Dreamreflex exactly once', async () => {
    gw.dreamreflex.setFaults({ ...fault, pathPrefix: '/api/tickets' });
    const { body } = await gw.gql('mutation { createDreamreflexTicket(input: { title: "once", ticketType: TECHNICAL, content: "only once" }) { id } }', undefined, withApiKey);
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions?.source).toBe('DREAMREFLEX');
    expect(gw.dreamreflex.requests.arrivedCount()).toBe(1); // a reset connection is never answered, so arrivals are counted
  });

  it('is sent to ThingsCloud exactly once', async () => {
    gw.thingscloud.setFaults({ ...fault, pathPrefix: '/api/v1/control/' });
    const id = toGlobalId('Device', 'THINGSCLOUD', thingsCloudSeedIds.device(0));
    const { body } = await gw.gql('mutation($id: ID!) { pushDeviceAttributes(id: $id, values: { relay1: true }) { at } }', { id }, withApiKey);
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions?.source).toBe('THINGSCLOUD');
    expect(gw.thingscloud.requests.arrivedCount()).toBe(1);
  });

  it('is sent to ThingsCloud exactly once when it creates something', async () => {
    gw.thingscloud.setFaults({ ...fault, pathPrefix: '/api/v1/device' });
    const { body } = await gw.gql('mutation { createDevice(input: { name: "once" }) { id } }', undefined, withApiKey);
    expect(body.data).toBeNull();
    expect(gw.thingscloud.requests.arrivedCount()).toBe(1);
  });
});

describe('a read met by a reset connection', () => {
  it('is repeated once, since it changes nothing', async () => {
    gw.dreamreflex.setFaults({ resetConnection: true, pathPrefix: '/api/contracts' });
    const { body } = await gw.gql('{ contracts { totalCount } }', undefined, withApiKey);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', source: 'DREAMREFLEX' });
    expect(gw.dreamreflex.requests.arrivedCount()).toBe(2);
  });
});
