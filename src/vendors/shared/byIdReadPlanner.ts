/**
 * The call planner behind a by-ID loader of a vendor with no bulk read by IDs. Its rules:
 *
 * 1. Primed when the list lands. Every list or search read of the request is `sight`ed: the
 *    records it returns answer later by-ID reads without a call. A by-ID batch first waits for
 *    the list reads of its record type in flight, then plans only for what they did not return,
 *    so a list and a read of one of its records in the same query cost the list alone, whatever
 *    the order of the fields (the price: a record the list lacks is read after the list lands).
 *
 * 2. Reads by ID or list pages, whichever is fewer calls, for a vendor whose whole list has a
 *    total (`list`: Lexiang's teams, Dreamreflex's tickets, contracts and projects). For N
 *    distinct IDs not yet seen: N reads by ID, all at once, or the list's pages when there are
 *    fewer of them than N. How many there are comes from the list's total as this request last
 *    saw it, else as the process last saw it (`hint`: a planning figure, never data), else, for
 *    N ≥ 2, from reading the first page, which the list plan needs anyway (one call wasted when
 *    the list turns out to be N pages or more; the rest are then read by ID). With a known total
 *    the pages go out at once: one wave, as the reads by ID would.
 *
 * 3. A record the list pages did not return is read by ID, for the vendor's own answer (missing,
 *    forbidden), unless the pages were provably the whole list (one total on every page and as
 *    many distinct records as it says) and `absentMeansNull`. A failed list page fails the batch,
 *    as its reads by ID would most likely fail too.
 */
export interface ListPage<M> {
  items: M[];
  total: number;
  /** The page size the vendor used (Lexiang may serve fewer per page than asked). */
  pageSize: number;
}

export interface ByIdReadPlannerDeps<M> {
  /** One record; null when the vendor has none. May refuse an ID that cannot be one without a call. */
  readOne(id: string): Promise<M | null>;
  /** Whether an ID can name a record at all; others go to `readOne` (to be refused) and count for nothing in the plan. */
  plausible?(id: string): boolean;
  /** The vendor's whole list of these records, when it has one with a total; without it, batches only use what list reads of the request returned. */
  list?: WholeList<M>;
}

export interface WholeList<M> {
  /** The largest page the vendor serves. */
  maxPageSize: number;
  /** Page `index` (0-based) of the vendor's whole, unfiltered list, `size` records a page (shared within the request). */
  readPage(index: number, size: number): Promise<ListPage<M>>;
  /** The list's total and page size as the process last saw them, if it has. */
  hint?(): { total: number; pageSize: number } | undefined;
  /** Whether a record missing from the whole list is certainly null (Lexiang: it is in the recycle bin or never was). */
  absentMeansNull: boolean;
}

export interface ByIdReadPlanner<M extends { nativeId: string }> {
  /** The batch function of the by-ID DataLoader: results in key order, an Error for a key that failed. */
  load(ids: readonly string[]): Promise<(M | null | Error)[]>;
  /**
   * The list alone, for a vendor that cannot read these IDs by ID (Lexiang without its
   * single-team endpoint): a record the list lacks is null. `tooLong` may refuse a list too long
   * to scan, once its total is known.
   */
  loadFromList(ids: readonly string[], tooLong: (total: number) => Error | null): Promise<(M | null | Error)[]>;
  /**
   * Records a list read of this request; `whole`: a page of the unfiltered list, whose total
   * then plans by-ID batches. Its records count from when it lands.
   */
  sight<P extends { items: M[]; total: number | null }>(read: Promise<P>, whole: boolean): Promise<P>;
  /** Forgets what the list reads said, after a write. */
  forget(): void;
}

export function createByIdReadPlanner<M extends { nativeId: string }>(deps: ByIdReadPlannerDeps<M>): ByIdReadPlanner<M> {
  const seen = new Map<string, M>();
  const inFlight = new Set<Promise<unknown>>();
  let wholeTotal: number | undefined;
  /** Learned when the vendor serves smaller pages than asked for. */
  let pageSize: number | undefined;

  const sight: ByIdReadPlanner<M>['sight'] = (read, whole) => {
    const tracked = read.then((page) => {
      for (const item of page.items) seen.set(item.nativeId, item);
      if (whole && page.total !== null) wholeTotal = page.total;
      return page;
    });
    inFlight.add(tracked);
    const done = () => inFlight.delete(tracked);
    tracked.then(done, done);
    return tracked;
  };

  /** Waits for the list reads in flight now: a batch never races a list read of its own request. */
  async function settled(): Promise<void> {
    if (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  }

  /**
   * Reads list pages for the `open` IDs while that is fewer calls than reading them by ID
   * (`scan`: regardless). Returns the IDs still unanswered, and whether the pages read were
   * provably the whole list.
   */
  async function readPagesFor(open: string[], scan: boolean, tooLong?: (total: number) => Error | null): Promise<{ open: string[]; whole: boolean }> {
    const list = deps.list;
    if (list === undefined) return { open, whole: false };
    const hint = list.hint?.();
    const total = wholeTotal ?? hint?.total;
    let size = pageSize ?? hint?.pageSize ?? list.maxPageSize;
    let pages: number[];
    if (total === undefined) {
      pages = [0];
    } else {
      const refusal = scan ? tooLong?.(total) : null;
      if (refusal) throw refusal;
      const count = Math.max(1, Math.ceil(total / size));
      if (!scan && count >= open.length) return { open, whole: false };
      pages = range(count);
    }
    const read = new Set<number>();
    const collected = new Set<string>();
    let listTotal: number | undefined;
    for (;;) {
      const asked = size;
      const results = await Promise.all(pages.map((index) => sight(list.readPage(index, asked), true)));
      const [head] = results;
      if (head === undefined) return { open, whole: false };
      // The list changed between pages, or the vendor pages otherwise than it said: trust only what was found.
      if (results.some((page) => page.total !== head.total || page.pageSize !== head.pageSize) || (listTotal !== undefined && head.total !== listTotal)) {
        return { open: open.filter((id) => !seen.has(id)), whole: false };
      }
      listTotal = head.total;
      const refusal = scan ? tooLong?.(listTotal) : null;
      if (refusal) throw refusal;
      // Asked for `asked`, served `head.pageSize`: what was read are those pages of the vendor's size.
      size = head.pageSize;
      if (size < asked) pageSize = size;
      for (const index of pages) read.add(index);
      for (const page of results) for (const item of page.items) collected.add(item.nativeId);
      open = open.filter((id) => !seen.has(id));
      const missing = range(Math.ceil(listTotal / size)).filter((index) => !read.has(index));
      if (missing.length === 0) return { open, whole: collected.size === listTotal };
      if (open.length === 0 || (!scan && missing.length >= open.length)) return { open, whole: false };
      pages = missing;
    }
  }

  return {
    async load(ids) {
      await settled();
      const distinct = [...new Set(ids)];
      let open = distinct.filter((id) => !seen.has(id) && (deps.plausible?.(id) ?? true));
      let whole = false;
      if (open.length >= 2) ({ open, whole } = await readPagesFor(open, false));
      const absent = new Set(whole && deps.list?.absentMeansNull ? open : []);
      const answers = new Map<string, Promise<M | null | Error>>();
      for (const id of distinct) {
        const listed = seen.get(id);
        if (listed !== undefined) answers.set(id, Promise.resolve(listed));
        else if (absent.has(id)) answers.set(id, Promise.resolve(null));
        else answers.set(id, deps.readOne(id).catch(asError));
      }
      return Promise.all(ids.map((id) => answers.get(id)!));
    },
    async loadFromList(ids, tooLong) {
      await settled();
      const open = [...new Set(ids)].filter((id) => !seen.has(id));
      if (open.length > 0) await readPagesFor(open, true, tooLong);
      return ids.map((id) => seen.get(id) ?? null);
    },
    sight,
    forget: () => {
      seen.clear();
      wholeTotal = undefined;
    },
  };
}

function range(count: number): number[] {
  return Array.from({ length: Math.max(0, count) }, (_, index) => index);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
