import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ErrorCode, TesseraError } from '../../src/errors.js';
import { decodeMergeCursor, mergeTicketFeeds, type MergeFeed } from '../../src/mergeTicketFeeds.js';
import type { DreamreflexTicketModel, Source, TicketModel } from '../../src/models.js';
import type { TicketFeed } from '../../src/vendors/shared/TicketFeed.js';

const SOURCES: Source[] = ['DREAMREFLEX', 'MAXCLOUD', 'ZAMMAD'];

/** A ticket as far as the merge cares: a vendor, an ID, a creation time. */
function ticket(source: Source, nativeId: string, createdAtMs: number): TicketModel {
  return { kind: 'DreamreflexTicket', source, nativeId, createdAt: new Date(createdAtMs).toISOString() } as unknown as DreamreflexTicketModel;
}

/** An in-memory vendor: a newest-first list, a page cap, optionally no totals, and a record of its reads. */
function fakeFeed(source: Source, items: TicketModel[], options: { pageCap: number; tellsTotal: boolean; failOn?: (call: number) => boolean }) {
  const reads: { offset: number; limit: number }[] = [];
  const feed: TicketFeed = {
    pageCap: options.pageCap,
    supports: () => true,
    async read(offset, limit) {
      reads.push({ offset, limit });
      if (limit > options.pageCap) throw new Error(`read of ${limit} above the cap of ${options.pageCap}`);
      if (options.failOn?.(reads.length)) throw new TesseraError(`${source} is down`, ErrorCode.UPSTREAM_UNAVAILABLE, { source, retryable: true });
      return { items: items.slice(offset, offset + limit), total: options.tellsTotal ? items.length : null };
    },
  };
  return { source, feed, reads };
}

/** Creation times drawn from a small range, so that ties (the same second) within and across vendors are common. */
const vendorList = (source: Source) =>
  fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 60 }).map((times) =>
    [...times].sort((a, b) => b - a).map((t, i) => ticket(source, `${source}-${i}`, 1_700_000_000_000 + t * 1000)),
  );

const vendors = fc.tuple(
  ...SOURCES.map((source) =>
    fc.record({ items: vendorList(source), pageCap: fc.integer({ min: 1, max: 25 }), tellsTotal: fc.boolean() }).map((v) => ({ source, ...v })),
  ),
);

/** Every ticket once, newest first, same-instant tickets by source, each vendor's own order kept. */
function expectedOrder(lists: { source: Source; items: TicketModel[] }[]): string[] {
  return lists
    .flatMap(({ items }) => items.map((item, index) => ({ item, index })))
    .sort((a, b) => (a.item.createdAt === b.item.createdAt ? (a.item.source === b.item.source ? a.index - b.index : a.item.source < b.item.source ? -1 : 1) : a.item.createdAt < b.item.createdAt ? 1 : -1))
    .map(({ item }) => `${item.source}:${item.nativeId}`);
}

async function walk(feeds: MergeFeed[], pageSizes: number[]) {
  const seen: string[] = [];
  let after: string | undefined;
  let pages = 0;
  for (;;) {
    const first = pageSizes[pages % pageSizes.length]!;
    const page = await mergeTicketFeeds(feeds, first, after, {});
    pages++;
    seen.push(...page.edges.map(({ node }) => `${node.source}:${node.nativeId}`));
    expect(page.edges.length).toBeLessThanOrEqual(first);
    if (!page.hasNextPage) return { seen, pages, last: page };
    if (pages > 2000) throw new Error('paging does not end');
    after = page.endCursor;
  }
}

describe('mergeTicketFeeds', () => {
  it('pages forward over random vendors, caps and page sizes without repeating or skipping a ticket, in merged order', async () => {
    await fc.assert(
      fc.asyncProperty(vendors, fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 5 }), async (lists, pageSizes) => {
        const fakes = lists.map((list) => fakeFeed(list.source, list.items, list));
        const { seen, pages } = await walk(fakes, pageSizes);
        expect(seen).toEqual(expectedOrder(lists));
        // At most one read per vendor per page, never a read past a list that is known to have ended.
        for (const fake of fakes) expect(fake.reads.length).toBeLessThanOrEqual(pages);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a failing vendor’s place: its tickets come later, each exactly once, and the others are never held back', async () => {
    await fc.assert(
      fc.asyncProperty(vendors, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 2 }), async (lists, first, failing) => {
        // One vendor fails its first two reads, then recovers.
        const fakes = lists.map((list, i) => fakeFeed(list.source, list.items, { ...list, failOn: i === failing ? (call) => call <= 2 : undefined }));
        const seen: string[] = [];
        let after: string | undefined;
        for (let pages = 0; pages < 500; pages++) {
          const page = await mergeTicketFeeds(fakes, first, after, {});
          seen.push(...page.edges.map(({ node }) => `${node.source}:${node.nativeId}`));
          if (page.failures.length > 0) {
            expect(page.failures.map((f) => [f.source, f.error.code])).toEqual([[lists[failing]!.source, 'UPSTREAM_UNAVAILABLE']]);
            expect(page.totalCount).toBeNull();
          }
          after = page.endCursor;
          if (!page.hasNextPage && page.failures.length === 0) break;
        }
        expect([...seen].sort()).toEqual(expectedOrder(lists).sort());
        expect(new Set(seen).size).toBe(seen.length);
      }),
      { numRuns: 200 },
    );
  });

  it('sums the vendors’ totals when every one tells it, and says null when one does not', async () => {
    const a = fakeFeed('ZAMMAD', [ticket('ZAMMAD', '1', 3000), ticket('ZAMMAD', '2', 1000)], { pageCap: 10, tellsTotal: true });
    const b = fakeFeed('DREAMREFLEX', [ticket('DREAMREFLEX', 'x', 2000)], { pageCap: 10, tellsTotal: true });
    const c = fakeFeed('MAXCLOUD', [ticket('MAXCLOUD', 'm', 2500)], { pageCap: 10, tellsTotal: false });
    const page = await mergeTicketFeeds([a, b], 2, null, {});
    expect(page.edges.map((e) => e.node.nativeId)).toEqual(['1', 'x']);
    expect(page.totalCount).toBe(3);
    expect(page.hasNextPage).toBe(true);
    // The next page asks only Zammad: Dreamreflex's list has ended, and its total is kept in the cursor.
    const next = await mergeTicketFeeds([a, b], 2, page.endCursor, {});
    expect(next.edges.map((e) => e.node.nativeId)).toEqual(['2']);
    expect(next.totalCount).toBe(3);
    expect(b.reads).toHaveLength(1);
    expect((await mergeTicketFeeds([a, b, c], 5, null, {})).totalCount).toBeNull();
  });

  it('refuses a vendor that does not list newest first instead of mis-merging it', async () => {
    const bad = fakeFeed('MAXCLOUD', [ticket('MAXCLOUD', 'old', 1000), ticket('MAXCLOUD', 'new', 2000)], { pageCap: 10, tellsTotal: true });
    const good = fakeFeed('ZAMMAD', [ticket('ZAMMAD', 'z', 1500)], { pageCap: 10, tellsTotal: true });
    const page = await mergeTicketFeeds([bad, good], 10, null, {});
    expect(page.edges.map((e) => e.node.nativeId)).toEqual(['z']);
    expect(page.failures.map((f) => [f.source, f.error.code])).toEqual([['MAXCLOUD', 'UPSTREAM_ERROR']]);
  });

  it('rejects a cursor it did not make', async () => {
    for (const cursor of ['garbage!', Buffer.from('offset:3').toString('base64url'), Buffer.from('tickets:{"o":{"ZAMMAD":-1},"e":[],"t":{}}').toString('base64url')]) {
      await expect(mergeTicketFeeds([], 5, cursor, {})).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    }
    expect(decodeMergeCursor(Buffer.from('tickets:{"o":{"ZAMMAD":3},"e":["DREAMREFLEX"],"t":{"ZAMMAD":9}}').toString('base64url'))).toEqual({
      offsets: { ZAMMAD: 3 },
      ended: ['DREAMREFLEX'],
      totals: { ZAMMAD: 9 },
    });
  });
});
