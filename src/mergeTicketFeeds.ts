import { BadUserInputError, ErrorCode, TesseraError, vendorName } from './errors.js';
import type { Source, TicketModel } from './models.js';
import type { TicketFeed, TicketQuery } from './vendors/shared/TicketFeed.js';

export type { PersonRole, TicketQuery } from './vendors/shared/TicketFeed.js';

/** A ticket vendor taking part in the merged connection. */
export interface MergeFeed {
  source: Source;
  feed: TicketFeed;
}

/** Where the merge stands: how many tickets of each vendor's list were shown, which lists have ended, and their totals. */
export interface MergePosition {
  offsets: Partial<Record<Source, number>>;
  ended: Source[];
  /** The last total each vendor told (kept so that a page need not ask an ended vendor again). */
  totals: Partial<Record<Source, number>>;
}

export interface MergedPage {
  edges: { node: TicketModel; cursor: string }[];
  /** The position after the page, even when it has no edges (a failed vendor may be picked up from it later). */
  endCursor: string;
  hasNextPage: boolean;
  /** The sum of the vendors' totals; null when one of them does not tell it or failed. */
  totalCount: number | null;
  /** Vendors whose tickets are absent from this page, with the reason. */
  failures: { source: Source; error: TesseraError }[];
}

const CURSOR_PREFIX = 'tickets:';

/**
 * One page of tickets from several vendors, newest first (by creation time; ties by source, then
 * in each vendor's own order): a k-way merge over each vendor's newest-first list. The cursor
 * records each vendor's offset, so paging forward never repeats or skips a ticket, and a page
 * costs at most one read per vendor that can still contribute — never "fetch everything and
 * sort". A vendor that fails is left out of the page with its error; its offset stays where it
 * was, so a later page picks it up when it is back.
 */
export async function mergeTicketFeeds(feeds: readonly MergeFeed[], first: number, after: string | null | undefined, query: TicketQuery): Promise<MergedPage> {
  const start = after ? decodeMergeCursor(after) : { offsets: {}, ended: [], totals: {} };
  const ended = new Set(start.ended);
  const offsets: Partial<Record<Source, number>> = { ...start.offsets };
  const totals: Partial<Record<Source, number>> = { ...start.totals };
  const taking = feeds.filter(({ feed }) => feed.supports(query));
  const open = taking.filter(({ source }) => !ended.has(source));

  const reads = await Promise.all(
    open.map(async ({ source, feed }) => {
      const limit = Math.max(1, Math.min(first, feed.pageCap));
      try {
        const page = await feed.read(offsets[source] ?? 0, limit, query);
        checkNewestFirst(source, page.items);
        return { source, limit, ...page, error: undefined };
      } catch (error) {
        return { source, limit, items: [] as TicketModel[], total: null, error: asTesseraError(source, error) };
      }
    }),
  );
  const failures = reads.flatMap((read) => (read.error ? [{ source: read.source, error: read.error }] : []));
  const lists = reads.filter((read) => !read.error).map((read) => ({ ...read, taken: 0 }));
  for (const list of lists) {
    if (list.total === null) delete totals[list.source];
    else totals[list.source] = list.total;
  }

  const edges: MergedPage['edges'] = [];
  const position = (): MergePosition => ({ offsets: { ...offsets }, ended: [...ended], totals: { ...totals } });
  while (edges.length < first) {
    // A list whose read came back full and is used up may go on: nothing after it can be placed yet.
    if (lists.some((list) => list.taken === list.items.length && !hasEnded(list, offsets[list.source] ?? 0))) break;
    let next: (typeof lists)[number] | undefined;
    for (const list of lists) {
      if (list.taken < list.items.length && (next === undefined || comesFirst(list.items[list.taken]!, next.items[next.taken]!))) next = list;
    }
    if (next === undefined) break;
    const node = next.items[next.taken++]!;
    offsets[next.source] = (offsets[next.source] ?? 0) + 1;
    for (const list of lists) if (hasEnded(list, offsets[list.source] ?? 0)) ended.add(list.source);
    edges.push({ node, cursor: encodeMergeCursor(position()) });
  }
  for (const list of lists) if (hasEnded(list, offsets[list.source] ?? 0)) ended.add(list.source);

  const known = taking.map(({ source }) => totals[source]);
  return {
    edges,
    endCursor: encodeMergeCursor(position()),
    hasNextPage: lists.some((list) => !ended.has(list.source)),
    totalCount: failures.length === 0 && known.every((total) => total !== undefined) ? known.reduce<number>((sum, total) => sum + total!, 0) : null,
    failures,
  };
}

/** A vendor's list has ended at `offset` when its read came back short and is used up, or its total is reached. */
function hasEnded(list: { items: unknown[]; limit: number; taken: number; total: number | null }, offset: number): boolean {
  if (list.total !== null && offset >= list.total) return true;
  return list.taken === list.items.length && list.items.length < list.limit;
}

/** Newest first; at the same instant, by source name (each vendor's own order is kept: its tickets are never compared with each other). */
function comesFirst(a: TicketModel, b: TicketModel): boolean {
  if (a.createdAt !== b.createdAt) return a.createdAt > b.createdAt;
  return a.source < b.source;
}

/** The merge is only right if every vendor lists newest first; a vendor that does not is refused rather than mis-merged. */
function checkNewestFirst(source: Source, items: readonly TicketModel[]): void {
  for (let i = 1; i < items.length; i++) {
    if (items[i]!.createdAt > items[i - 1]!.createdAt) {
      throw new TesseraError(`${vendorName(source)} did not list its tickets newest first, so they cannot be merged with the other vendors'.`, ErrorCode.UPSTREAM_ERROR, {
        source,
      });
    }
  }
}

function asTesseraError(source: Source, error: unknown): TesseraError {
  if (error instanceof TesseraError) return error;
  return new TesseraError('Unexpected error.', ErrorCode.INTERNAL_SERVER_ERROR, { source, cause: error });
}

export function encodeMergeCursor(position: MergePosition): string {
  return Buffer.from(`${CURSOR_PREFIX}${JSON.stringify({ o: position.offsets, e: position.ended, t: position.totals })}`, 'utf8').toString('base64url');
}

const SOURCES = new Set<string>(['MAXCLOUD', 'THINGSCLOUD', 'ZAMMAD', 'LEXIANG', 'DREAMREFLEX']);

export function decodeMergeCursor(cursor: string): MergePosition {
  const invalid = () => new BadUserInputError('"after" is not a cursor from this connection.');
  if (!/^[A-Za-z0-9_-]{1,1024}$/.test(cursor)) throw invalid();
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.slice(CURSOR_PREFIX.length));
  } catch {
    throw invalid();
  }
  const { o, e, t } = (parsed ?? {}) as { o?: unknown; e?: unknown; t?: unknown };
  if (!Array.isArray(e) || !e.every((source): source is Source => typeof source === 'string' && SOURCES.has(source))) throw invalid();
  const counts = (value: unknown): Partial<Record<Source, number>> => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid();
    const entries = Object.entries(value);
    if (!entries.every(([source, n]) => SOURCES.has(source) && Number.isSafeInteger(n) && (n as number) >= 0)) throw invalid();
    return Object.fromEntries(entries) as Partial<Record<Source, number>>;
  };
  return { offsets: counts(o), ended: e, totals: counts(t) };
}
