import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/globalId.js';
import { thingsCloudSeedIds } from '../../src/simulators/thingscloud/index.js';
import { startTestGateway, withApiKey, type TestGateway } from '../support/gateway.js';

/**
 * A request's independent vendor calls go out together (no per-request queue adding waves of
 * vendor latency); the vendor is protected by one queue per vendor for the whole process
 * (`TESSERA_VENDOR_MAX_SOCKETS`), shared by every request.
 */

const deviceGid = (nativeId: string) => toGlobalId('Device', 'THINGSCLOUD', nativeId);
/** `deviceCode` only the single-device read has: one GET per device, never the list's pages. */
const singleReads = (count: number) =>
  `{ nodes(ids: [${Array.from({ length: count }, (_, i) => `"${deviceGid(thingsCloudSeedIds.device(i))}"`).join(', ')}]) { ... on Device { name deviceCode } } }`;

describe('vendor call concurrency', () => {
  let gw: TestGateway;
  afterAll(() => gw?.close());

  describe('with the defaults', () => {
    beforeAll(async () => {
      gw = await startTestGateway();
      await gw.gql('{ thingsCloudProject { name } }', undefined, withApiKey); // the token, before counting
    });

    it('sends all of one request’s independent calls at once', async () => {
      gw.thingscloud.setFaults({ latencyMs: 100, pathPrefix: '/api/v1/device/' });
      gw.thingscloud.requests.reset();
      const { body } = await gw.gql(singleReads(20), undefined, withApiKey);
      gw.thingscloud.clearFaults();
      expect(body.errors).toBeUndefined();
      expect(gw.thingscloud.requests.count('GET /api/v1/device/:device_id')).toBe(20);
      expect(gw.thingscloud.requests.peakInFlight()).toBe(20);
    });
  });

  describe('with TESSERA_VENDOR_MAX_SOCKETS=3', () => {
    let capped: TestGateway;
    beforeAll(async () => {
      capped = await startTestGateway({ env: { TESSERA_VENDOR_MAX_SOCKETS: '3' } });
      await capped.gql('{ thingsCloudProject { name } }', undefined, withApiKey);
    });
    afterAll(() => capped?.close());

    it('keeps at most 3 calls in flight to the vendor across concurrent requests, and answers them all', async () => {
      capped.thingscloud.setFaults({ latencyMs: 50, pathPrefix: '/api/v1/device/' });
      capped.thingscloud.requests.reset();
      const answers = await Promise.all([singleReads(6), singleReads(6), singleReads(6)].map((query) => capped.gql(query, undefined, withApiKey)));
      capped.thingscloud.clearFaults();
      for (const { body } of answers) expect(body.errors).toBeUndefined();
      expect(capped.thingscloud.requests.peakInFlight()).toBe(3);
    });

    it('keeps the vendor’s other calls waiting, not failing, while one request fills the queue', async () => {
      capped.thingscloud.setFaults({ latencyMs: 30, pathPrefix: '/api/v1/device/' });
      const [big, small] = await Promise.all([capped.gql(singleReads(30), undefined, withApiKey), capped.gql(singleReads(1), undefined, withApiKey)]);
      capped.thingscloud.clearFaults();
      expect(big.body.errors).toBeUndefined();
      expect(small.body.errors).toBeUndefined();
    });
  });
});
