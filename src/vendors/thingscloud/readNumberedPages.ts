import type { Page } from '../../models.js';
import type { PageRequest } from '../../pagination.js';

/** One vendor page: its records and, when the vendor reports it, the total across pages. */
export interface NumberedPage<T> {
  items: T[];
  total: number | null;
}

export interface NumberedSlice<T> extends Page<T> {
  /**
   * False when the vendor reports no total (alarm logs): `total` then only says whether
   * more records may follow (`offset + items.length + 1` when they may).
   */
  totalKnown: boolean;
}

/**
 * Serves a slice (`offset`, `limit`) from a vendor that pages by number (`page` from 1,
 * `page_records` up to `maxPageRecords`). The page size is the slice size when the slice
 * falls on a page boundary (the usual `first`/`after` walk: one call per slice), else the
 * maximum. The first page is read alone (it tells the total); the rest concurrently.
 */
export async function readNumberedPages<T>(
  request: PageRequest,
  maxPageRecords: number,
  fetchPage: (page: number, pageRecords: number) => Promise<NumberedPage<T>>,
): Promise<NumberedSlice<T>> {
  const { offset, limit } = request;
  const size = limit > 0 && limit <= maxPageRecords && offset % limit === 0 ? limit : maxPageRecords;
  const firstPage = Math.floor(offset / size) + 1;
  // `first: 0` still needs the total, which only a real page read gives.
  const lastPage = Math.floor((offset + Math.max(1, limit) - 1) / size) + 1;
  const head = await fetchPage(firstPage, size);
  const pages = [head];
  if (head.items.length === size && lastPage > firstPage) {
    const lastExisting = head.total === null ? lastPage : Math.min(lastPage, Math.ceil(head.total / size));
    const rest = Array.from({ length: Math.max(0, lastExisting - firstPage) }, (_, i) => fetchPage(firstPage + 1 + i, size));
    pages.push(...(await Promise.all(rest)));
  }
  const records: T[] = [];
  let lastFull = false;
  for (const page of pages) {
    records.push(...page.items);
    lastFull = page.items.length === size;
    if (!lastFull) break;
  }
  const start = offset - (firstPage - 1) * size;
  const items = records.slice(start, start + limit);
  if (head.total !== null) return { items, offset, total: head.total, totalKnown: true };
  const mayHaveMore = records.length > start + limit || (lastFull && records.length === start + limit);
  return { items, offset, total: offset + items.length + (mayHaveMore ? 1 : 0), totalKnown: false };
}
