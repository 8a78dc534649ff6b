import { describe, expect, it } from '@jest/globals';
import { TesseraError } from '../../src/errors.js';
import { decodeCursor, encodeCursor, readSlice, toConnection, toPageRequest } from '../../src/pagination.js';

/** A vendor list of `total` numbered records that pages with skip/limit up to `max`, recording each call. */
function vendorList(total: number, max: number) {
  const calls: [number, number][] = [];
  const fetchPage = async (skip: number, limit: number) => {
    if (limit > max) throw new Error(`vendor max is ${max}`);
    calls.push([skip, limit]);
    return { items: Array.from({ length: Math.max(0, Math.min(limit, total - skip)) }, (_, i) => skip + i), total };
  };
  return { calls, fetchPage };
}

describe('toPageRequest', () => {
  const limits = { defaultFirst: 20, maxFirst: 500 };

  it('defaults first and starts after the cursor', () => {
    expect(toPageRequest({}, limits)).toEqual({ offset: 0, limit: 20 });
    expect(toPageRequest({ first: 5, after: encodeCursor(9) }, limits)).toEqual({ offset: 10, limit: 5 });
  });

  it('rejects first above the maximum instead of truncating', () => {
    expect(() => toPageRequest({ first: 501 }, limits)).toThrow(/at most 500/);
    expect(() => toPageRequest({ first: -1 }, limits)).toThrow(TesseraError);
  });

  it('rejects a cursor it did not issue', () => {
    expect(() => decodeCursor('bm9wZQ')).toThrow(TesseraError);
    expect(() => decodeCursor(Buffer.from('offset:-3').toString('base64url'))).toThrow(TesseraError);
  });
});

describe('readSlice', () => {
  it('serves first beyond the vendor maximum from several vendor pages, in order', async () => {
    const vendor = vendorList(1000, 100);
    const page = await readSlice({ offset: 50, limit: 250 }, 100, vendor.fetchPage);
    expect(page.items).toEqual(Array.from({ length: 250 }, (_, i) => 50 + i));
    expect(page.total).toBe(1000);
    expect(vendor.calls).toEqual([
      [50, 100],
      [150, 100],
      [250, 50],
    ]);
  });

  it('stops at the end of the list', async () => {
    const vendor = vendorList(120, 100);
    const page = await readSlice({ offset: 0, limit: 500 }, 100, vendor.fetchPage);
    expect(page.items).toHaveLength(120);
    expect(vendor.calls).toEqual([
      [0, 100],
      [100, 20],
    ]);
  });

  it('reads one record for first: 0, to learn the total', async () => {
    const vendor = vendorList(7, 100);
    const page = await readSlice({ offset: 0, limit: 0 }, 100, vendor.fetchPage);
    expect(page).toEqual({ items: [], offset: 0, total: 7 });
  });
});

describe('toConnection', () => {
  it('builds edges, cursors and page info', () => {
    const connection = toConnection({ items: ['a', 'b'], offset: 3, total: 6 });
    expect(connection.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: true,
      startCursor: encodeCursor(3),
      endCursor: encodeCursor(4),
    });
    expect(decodeCursor(connection.edges[1]!.cursor)).toBe(4);
    expect(connection.totalCount).toBe(6);
  });
});
