/** Where a slice of a numbered-page list lies: read page `page` (1-based) of `pageSize` records, drop the first `skip`. */
export interface PageWindow {
  page: number;
  pageSize: number;
  skip: number;
}

/**
 * The numbered page that holds records `[offset, offset + limit)` whole, so one vendor call
 * serves the slice: the smallest page size from `limit` up to `maxPageSize` for which the
 * slice's first and last records fall on the same page (small pages are cheap to transfer).
 * Null when no allowed size does; the caller then needs two calls (or a smaller `limit`).
 *
 * With `limit` at most half of `maxPageSize` a window practically always exists (for a
 * maximum of 100 and any `limit` ≤ 50, every offset below five million has one), which is
 * why ticket feeds declare half the vendor's maximum as their page cap. A `limit` of 0 is
 * read as 1: the page that holds `offset` (the vendor's total comes with it).
 */
export function onePageWindow(offset: number, limit: number, maxPageSize: number): PageWindow | null {
  if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`offset must be a non-negative integer, got ${offset}`);
  if (!Number.isSafeInteger(maxPageSize) || maxPageSize < 1) throw new RangeError(`maxPageSize must be a positive integer, got ${maxPageSize}`);
  if (!Number.isSafeInteger(limit) || limit < 0 || limit > maxPageSize) throw new RangeError(`limit must be 0–${maxPageSize}, got ${limit}`);
  const wanted = Math.max(1, limit);
  const last = offset + wanted - 1;
  for (let pageSize = wanted; pageSize <= maxPageSize; pageSize++) {
    const index = Math.floor(offset / pageSize);
    if (index === Math.floor(last / pageSize)) return { page: index + 1, pageSize, skip: offset - index * pageSize };
  }
  return null;
}
