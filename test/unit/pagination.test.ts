import { describe, expect, it } from '@jest/globals';
import { TesseraError } from '../../src/errors.js';
import { decodeCursor, encodeCursor, readNumberedPages, readSlice, toConnection, toPageRequest } from '../../src/pagination.js';

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

describe('readNumberedPages (page/per_page vendors)', () => {
  /** A vendor list of `total` numbered records paged by number, clamping `per_page` to `max` like Laravel does. */
  function numberedList(total: number, max: number) {
    const calls: [number, number][] = [];
    const fetchPage = async (page: number, perPage: number) => {
      calls.push([page, perPage]);
      const size = Math.min(perPage, max);
      const start = (page - 1) * size;
      return { items: Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => start + i), total, perPage: size };
    };
    return { calls, fetchPage };
  }

  it('reads a page-aligned slice as exactly one page of its own size', async () => {
    const vendor = numberedList(42, 100);
    const page = await readNumberedPages({ offset: 10, limit: 5 }, 100, vendor.fetchPage);
    expect(page).toEqual({ items: [10, 11, 12, 13, 14], offset: 10, total: 42, totalKnown: true });
    expect(vendor.calls).toEqual([[3, 5]]);
  });

  it('reads the one largest page that covers a small unaligned slice', async () => {
    const vendor = numberedList(42, 100);
    const page = await readNumberedPages({ offset: 11, limit: 5 }, 100, vendor.fetchPage);
    expect(page.items).toEqual([11, 12, 13, 14, 15]);
    expect(vendor.calls).toEqual([[1, 100]]);
  });

  it('reads every page a slice spans, starting mid-page, in order', async () => {
    const vendor = numberedList(1000, 100);
    const page = await readNumberedPages({ offset: 150, limit: 250 }, 100, vendor.fetchPage);
    expect(page.items).toEqual(Array.from({ length: 250 }, (_, i) => 150 + i));
    expect(page.total).toBe(1000);
    expect(vendor.calls).toEqual([
      [2, 100],
      [3, 100],
      [4, 100],
    ]);
  });

  it('stops at the end of the list and answers past it with an empty slice', async () => {
    const vendor = numberedList(120, 100);
    expect((await readNumberedPages({ offset: 90, limit: 500 }, 100, vendor.fetchPage)).items).toEqual(Array.from({ length: 30 }, (_, i) => 90 + i));
    expect(vendor.calls).toEqual([
      [1, 100],
      [2, 100],
    ]);
    const beyond = await readNumberedPages({ offset: 500, limit: 10 }, 100, vendor.fetchPage);
    expect(beyond).toEqual({ items: [], offset: 500, total: 120, totalKnown: true });
  });

  it('reads one record for first: 0, to learn the total', async () => {
    const vendor = numberedList(7, 100);
    expect(await readNumberedPages({ offset: 3, limit: 0 }, 100, vendor.fetchPage)).toEqual({ items: [], offset: 3, total: 7, totalKnown: true });
    expect(vendor.calls).toEqual([[4, 1]]);
  });

  it('redoes the arithmetic when the vendor’s real maximum is lower, instead of returning a wrong slice', async () => {
    const vendor = numberedList(300, 50);
    const page = await readNumberedPages({ offset: 120, limit: 60 }, 100, vendor.fetchPage);
    expect(page.items).toEqual(Array.from({ length: 60 }, (_, i) => 120 + i));
    // The slice is page-aligned, so it first asks for exactly 60; the vendor answers in 50s.
    expect(vendor.calls).toEqual([
      [3, 60],
      [3, 50],
      [4, 50],
    ]);
  });

  it('fails rather than guess when the vendor keeps ignoring per_page', async () => {
    let size = 40;
    const erratic = async (page: number) => ({ items: [page], total: 1000, perPage: (size -= 10) });
    await expect(readNumberedPages({ offset: 0, limit: 10 }, 100, erratic)).rejects.toThrow(/per_page|pages by/);
  });
});
