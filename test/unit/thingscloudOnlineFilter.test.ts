import { describe, expect, it } from '@jest/globals';
import pLimit from 'p-limit';
import { ErrorCode, TesseraError } from '../../src/errors.js';
import { THINGSCLOUD_LIMITS, type DeviceListParams, type ThingsCloudClient } from '../../src/vendors/thingscloud/client.js';
import { ThingsCloudSource } from '../../src/vendors/thingscloud/ThingsCloudSource.js';
import type { RawDevice } from '../../src/vendors/thingscloud/types.js';

/** A device list of `total` devices where `isOnline(i)` says which are online, served as the vendor pages it. */
function fakeVendor(total: number, isOnline: (i: number) => boolean) {
  const calls: DeviceListParams[] = [];
  const device = (i: number): RawDevice => ({
    id: `d${i}`,
    name: `device ${i}`,
    descr: null,
    device_key: null,
    tags: {},
    create_time: null,
    alarm: {},
    active: {},
    online: isOnline(i),
    type: null,
    type_info: null,
  });
  const client = {
    listDevices: (_auth: unknown, params: DeviceListParams) => {
      calls.push(params);
      const start = (params.page - 1) * params.page_records;
      const items = Array.from({ length: Math.max(0, Math.min(params.page_records, total - start)) }, (_, k) => device(start + k));
      return Promise.resolve({ items, total, page_total: Math.ceil(total / params.page_records) });
    },
  };
  const source = new ThingsCloudSource(client as unknown as ThingsCloudClient, { kind: 'service' }, pLimit(4));
  return { source, calls };
}

describe('ThingsCloud devices by online state', () => {
  it('never sends an online parameter: filters what the vendor lists, stopping once the slice is found', async () => {
    const { source, calls } = fakeVendor(1000, (i) => i % 10 === 0); // d0, d10, d20, … online
    const page = await source.devices({ offset: 0, limit: 15 }, { online: true });
    expect(page.items.map((d) => d.nativeId)).toEqual(Array.from({ length: 15 }, (_, k) => `d${k * 10}`));
    expect(page.totalKnown).toBe(false);
    expect(calls).toHaveLength(2); // 16 matches (the slice and one more) are within the first 200 devices
    for (const params of calls) expect(params).not.toHaveProperty('online');
  });

  it('reports an exact total once the whole list was read', async () => {
    const { source, calls } = fakeVendor(230, (i) => i % 2 === 1);
    const page = await source.devices({ offset: 100, limit: 50 }, { online: false });
    expect(page.items.map((d) => d.nativeId)).toEqual(Array.from({ length: 15 }, (_, k) => `d${200 + k * 2}`));
    expect(page).toMatchObject({ total: 115, totalKnown: true });
    expect(calls.map((c) => c.page)).toEqual([1, 2, 3]);
  });

  it(`refuses with BAD_USER_INPUT after ${THINGSCLOUD_LIMITS.onlineFilterMaxPages} vendor pages without enough matches`, async () => {
    const { source, calls } = fakeVendor(5000, (i) => i === 4999);
    const error = await source.devices({ offset: 0, limit: 20 }, { online: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TesseraError);
    expect((error as TesseraError).code).toBe(ErrorCode.BAD_USER_INPUT);
    expect((error as TesseraError).message).toMatch(/cannot filter devices by online state.*Narrow the filter/);
    expect(calls).toHaveLength(THINGSCLOUD_LIMITS.onlineFilterMaxPages);
  });

  it('serves an empty slice without error when no device matches and the list is short', async () => {
    const { source } = fakeVendor(40, () => false);
    expect(await source.devices({ offset: 0, limit: 20 }, { online: true })).toMatchObject({ items: [], total: 0, totalKnown: true });
  });
});
