import { BadUserInputError } from './errors.js';
import type { Page } from './models.js';

/** Relay forward-pagination arguments as they arrive from GraphQL. */
export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
}

/** A slice of a list: skip `offset` records, take `limit`. */
export interface PageRequest {
  offset: number;
  limit: number;
}

export interface PageLimits {
  defaultFirst: number;
  /** The most a caller may ask for in one field; the gateway reads several vendor pages up to this. */
  maxFirst: number;
}

const CURSOR_PREFIX = 'offset:';

/** Cursors are opaque to clients; today they hold a position in the vendor's ordering. */
export function encodeCursor(position: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${position}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const text = /^[A-Za-z0-9_-]{1,64}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const position = text.startsWith(CURSOR_PREFIX) ? Number(text.slice(CURSOR_PREFIX.length)) : NaN;
  if (!Number.isSafeInteger(position) || position < 0) {
    throw new BadUserInputError(`"after" is not a cursor from this connection.`);
  }
  return position;
}

/** Turns `first`/`after` into a slice, rejecting (never truncating) a `first` above the limit. */
export function toPageRequest(args: ConnectionArgs, limits: PageLimits): PageRequest {
  const first = checkedFirst(args.first, limits);
  const offset = args.after ? decodeCursor(args.after) + 1 : 0;
  return { offset, limit: first };
}

/** `first`, defaulted and checked: zero or more, and never above the limit (rejected, never truncated). */
export function checkedFirst(first: number | null | undefined, limits: PageLimits): number {
  const value = first ?? limits.defaultFirst;
  if (!Number.isInteger(value) || value < 0) throw new BadUserInputError('"first" must be zero or a positive integer.');
  if (value > limits.maxFirst) throw new BadUserInputError(`"first" may be at most ${limits.maxFirst} here; page with "after" for more.`);
  return value;
}

/** One vendor page read: records from `skip`, at most `limit`, and the vendor's total. */
export type FetchVendorPage<T> = (skip: number, limit: number) => Promise<{ items: T[]; total: number }>;

/**
 * Serves a slice from a vendor that pages with skip/limit and caps `limit`: reads the
 * first vendor page, then (knowing the total) the remaining pages concurrently.
 */
export async function readSlice<T>(request: PageRequest, vendorMaxPageSize: number, fetchPage: FetchVendorPage<T>): Promise<Page<T>> {
  const { offset, limit } = request;
  // `first: 0` still needs the total, which only a (smallest) real page read gives.
  const head = await fetchPage(offset, Math.max(1, Math.min(limit, vendorMaxPageSize)));
  const wanted = Math.min(limit, Math.max(0, head.total - offset));
  const items = head.items.slice(0, limit);
  const rest: Promise<{ items: T[] }>[] = [];
  for (let skip = offset + items.length; skip < offset + wanted && items.length === Math.min(limit, vendorMaxPageSize); skip += vendorMaxPageSize) {
    rest.push(fetchPage(skip, Math.min(vendorMaxPageSize, offset + wanted - skip)));
  }
  for (const page of await Promise.all(rest)) items.push(...page.items);
  return { items: items.slice(0, limit), offset, total: head.total };
}

/** One numbered vendor page (1-based `page`). */
export interface NumberedPage<T> {
  items: T[];
  /** Records across all pages, or null when the vendor does not say (ThingsCloud's alarm logs). */
  total: number | null;
  /** The page size the vendor says it used, when it says (Lexiang's `meta.per_page`). */
  perPage?: number;
}

export type FetchNumberedPage<T> = (page: number, perPage: number) => Promise<NumberedPage<T>>;

export interface NumberedSlice<T> extends Page<T> {
  /**
   * False when the vendor reports no total: `total` then only says whether more records may
   * follow (`offset + items.length + 1` when they may), which is all Relay paging needs.
   */
  totalKnown: boolean;
}

/**
 * Serves a slice (`offset`, `limit`) from a vendor that pages by number. The page size is the
 * slice size when the slice falls on a page boundary (the usual `first`/`after` walk: one call
 * per slice), else the largest allowed. The first page is read alone (it tells the total), the
 * rest concurrently. Should the vendor use another page size than asked (a lower maximum than
 * believed), the arithmetic is redone once with the size it reports; a vendor that still
 * disagrees is an error, never a silently wrong slice.
 */
export async function readNumberedPages<T>(request: PageRequest, vendorMaxPerPage: number, fetchPage: FetchNumberedPage<T>): Promise<NumberedSlice<T>> {
  const { offset, limit } = request;

  const readWith = async (size: number, mayAdapt: boolean): Promise<NumberedSlice<T>> => {
    const firstPage = Math.floor(offset / size) + 1;
    const head = await fetchPage(firstPage, size);
    if (head.perPage !== undefined && head.perPage !== size) {
      if (!mayAdapt || !Number.isSafeInteger(head.perPage) || head.perPage < 1) {
        throw new Error(`Vendor pages by ${head.perPage} although asked for ${size}; cannot cut a reliable slice.`);
      }
      return readWith(head.perPage, false);
    }
    // `first: 0` still needs the total, which only a real page read gives.
    const lastWanted = Math.floor((offset + Math.max(1, limit) - 1) / size) + 1;
    const lastPage = head.total === null ? lastWanted : Math.min(lastWanted, Math.max(firstPage, Math.ceil(head.total / size)));
    const pages = [head];
    if (head.items.length === size && lastPage > firstPage) {
      pages.push(...(await Promise.all(Array.from({ length: lastPage - firstPage }, (_, i) => fetchPage(firstPage + 1 + i, size)))));
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
  };

  const aligned = limit > 0 && limit <= vendorMaxPerPage && offset % limit === 0;
  return readWith(limit === 0 ? 1 : aligned ? limit : vendorMaxPerPage, true);
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/**
 * A connection over a vendor that may not know its total (ThingsCloud's alarm logs, an older
 * Zammad's search): `totalCount` is then null, and `hasNextPage` still right.
 */
export function toOpenConnection<T>(page: Page<T> & { totalKnown?: boolean }): Omit<Connection<T>, 'totalCount'> & { totalCount: number | null } {
  return { ...toConnection(page), totalCount: page.totalKnown === false ? null : page.total };
}

export function toConnection<T>(page: Page<T>): Connection<T> {
  const edges = page.items.map((node, i) => ({ cursor: encodeCursor(page.offset + i), node }));
  return {
    edges,
    nodes: page.items,
    pageInfo: {
      hasNextPage: page.offset + page.items.length < page.total,
      hasPreviousPage: page.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: page.total,
  };
}

/** A slice of a list the vendor returned whole (a Zammad ticket's articles), as a page. */
export function sliceOf<T>(all: readonly T[], request: PageRequest): Page<T> {
  return { items: all.slice(request.offset, request.offset + request.limit), offset: request.offset, total: all.length };
}
