import { BadUserInputError } from '../../errors.js';

/** One series call's time range, both ends inclusive, in epoch ms. */
export interface HistoryWindow {
  startMs: number;
  endMs: number;
}

export interface HistoryRequest {
  fromMs: number;
  toMs: number;
  /** Most points wanted (the newest ones in the range). */
  first: number;
  /** `page_records` of one call. */
  pageSize: number;
  /** Longest range one call may cover (ThingsCloud: 30 days). */
  maxWindowMs: number;
  /** Most calls one field may make. */
  maxCalls: number;
}

export interface HistoryPlan {
  /** Newest first, contiguous, not overlapping, together exactly [fromMs, toMs]. */
  windows: HistoryWindow[];
  first: number;
  pageSize: number;
  /** The most calls reading this plan can take: a bound, checked against the cap before any call. */
  worstCaseCalls: number;
}

/**
 * Plans the series calls behind one `history` field: the range is cut into windows of at
 * most `maxWindowMs` (the vendor refuses longer ones), read newest first, each paged by
 * `pageSize`. Reading stops once `first` points are in, so the worst case is every full page
 * of `first` points plus one short page per other window. Above `maxCalls` the request is
 * refused up front (BAD_USER_INPUT), never silently cut. Pure: no I/O, no clock.
 */
export function planHistory(request: HistoryRequest): HistoryPlan {
  const { fromMs, toMs, first, pageSize, maxWindowMs, maxCalls } = request;
  if (!Number.isSafeInteger(fromMs) || !Number.isSafeInteger(toMs) || fromMs < 0 || toMs < 0) {
    throw new BadUserInputError('"from" and "to" must be times after 1970-01-01.');
  }
  if (fromMs > toMs) throw new BadUserInputError('"from" must not be after "to".');
  if (!Number.isSafeInteger(first) || first < 0) throw new BadUserInputError('"first" must be zero or a positive integer.');
  if (first === 0) return { windows: [], first, pageSize, worstCaseCalls: 0 };

  // Windows are inclusive at both ends; the next one ends 1 ms before this one starts, so no point is read twice.
  const windowCount = Math.ceil((toMs - fromMs + 1) / (maxWindowMs + 1));
  const fullPages = Math.ceil(first / pageSize);
  const worstCaseCalls = fullPages + windowCount - 1;
  if (worstCaseCalls > maxCalls) {
    const days = Math.round(maxWindowMs / 86_400_000);
    throw new BadUserInputError(
      `This history needs up to ${worstCaseCalls} ThingsCloud calls (${windowCount} window(s) of at most ${days} days, ` +
        `up to ${fullPages} page(s) of ${pageSize} points); the limit is ${maxCalls} per field. Narrow "from"/"to" or lower "first".`,
    );
  }
  const windows: HistoryWindow[] = [];
  for (let end = toMs; end >= fromMs; ) {
    const start = Math.max(fromMs, end - maxWindowMs);
    windows.push({ startMs: start, endMs: end });
    end = start - 1;
  }
  return { windows, first, pageSize, worstCaseCalls };
}
