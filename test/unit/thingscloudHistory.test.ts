import { describe, expect, it } from '@jest/globals';
import { ErrorCode, TesseraError } from '../../src/errors.js';
import { planHistory, type HistoryWindow } from '../../src/vendors/thingscloud/planHistory.js';
import { readHistory } from '../../src/vendors/thingscloud/readHistory.js';
import { readNumberedPages } from '../../src/pagination.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const limits = { pageSize: 100, maxWindowMs: 30 * DAY, maxCalls: 60 };

function badInput(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TesseraError);
    expect((error as TesseraError).code).toBe(ErrorCode.BAD_USER_INPUT);
    return (error as TesseraError).message;
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('planHistory', () => {
  it('cuts 90 days into three ≤30-day windows, newest first, contiguous and not overlapping', () => {
    const plan = planHistory({ fromMs: T0, toMs: T0 + 90 * DAY, first: 100, ...limits });
    expect(plan.windows).toHaveLength(3);
    expect(plan.windows[0]).toEqual({ startMs: T0 + 60 * DAY, endMs: T0 + 90 * DAY });
    for (const [i, w] of plan.windows.entries()) {
      expect(w.endMs - w.startMs).toBeLessThanOrEqual(30 * DAY);
      const next = plan.windows[i + 1];
      if (next) expect(next.endMs).toBe(w.startMs - 1);
    }
    expect(plan.windows.at(-1)!.startMs).toBe(T0);
  });

  it('plans one window for a range within 30 days, and pages for 1,000 points', () => {
    const plan = planHistory({ fromMs: T0, toMs: T0 + 7 * DAY, first: 1000, ...limits });
    expect(plan.windows).toEqual([{ startMs: T0, endMs: T0 + 7 * DAY }]);
    expect(plan.worstCaseCalls).toBe(10);
  });

  it('bounds the calls by full pages plus one short page per other window', () => {
    expect(planHistory({ fromMs: T0, toMs: T0 + 89 * DAY, first: 1000, ...limits }).worstCaseCalls).toBe(10 + 3 - 1);
  });

  it('refuses, up front and naming the limit, a request that could exceed the cap', () => {
    expect(badInput(() => planHistory({ fromMs: T0, toMs: T0 + DAY, first: 10_000, ...limits }))).toMatch(/up to 100 ThingsCloud calls.*limit is 60/);
    expect(badInput(() => planHistory({ fromMs: T0, toMs: T0 + 10 * 365 * DAY, first: 10, ...limits }))).toMatch(/122 window/);
  });

  it('refuses inverted and absurd ranges and counts', () => {
    expect(badInput(() => planHistory({ fromMs: T0 + DAY, toMs: T0, first: 10, ...limits }))).toMatch(/must not be after/);
    badInput(() => planHistory({ fromMs: -5, toMs: T0, first: 10, ...limits }));
    badInput(() => planHistory({ fromMs: Number.NaN, toMs: T0, first: 10, ...limits }));
    badInput(() => planHistory({ fromMs: T0, toMs: T0 + DAY, first: -1, ...limits }));
  });

  it('plans nothing for first: 0', () => {
    expect(planHistory({ fromMs: T0, toMs: T0 + DAY, first: 0, ...limits })).toMatchObject({ windows: [], worstCaseCalls: 0 });
  });
});

/** A fake vendor: one point every `stepMs` in [from, to], newest first, paged. */
function fakeSeries(fromMs: number, toMs: number, stepMs: number) {
  const calls: { window: HistoryWindow; page: number }[] = [];
  const fetchPage = async (window: HistoryWindow, page: number, pageSize: number) => {
    calls.push({ window, page });
    const points: { ts: number }[] = [];
    const lo = Math.max(window.startMs, fromMs);
    const newest = fromMs + Math.floor((Math.min(window.endMs, toMs) - fromMs) / stepMs) * stepMs;
    for (let ts = newest; ts >= lo; ts -= stepMs) points.push({ ts });
    return points.slice((page - 1) * pageSize, page * pageSize);
  };
  return { calls, fetchPage };
}

describe('readHistory', () => {
  it('reads every window of a sparse 90-day range and merges in time order', async () => {
    const series = fakeSeries(T0, T0 + 90 * DAY, 10 * DAY);
    const plan = planHistory({ fromMs: T0, toMs: T0 + 90 * DAY, first: 100, ...limits });
    const points = await readHistory(plan, series.fetchPage);
    expect(points.map((p) => (p.ts - T0) / DAY)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(series.calls).toHaveLength(plan.windows.length);
  });

  it('pages through one window for 1,000 points and stops once it has them', async () => {
    const series = fakeSeries(T0, T0 + 7 * DAY, 300_000);
    const plan = planHistory({ fromMs: T0, toMs: T0 + 7 * DAY, first: 1000, ...limits });
    const points = await readHistory(plan, series.fetchPage);
    expect(points).toHaveLength(1000);
    expect(series.calls.map((c) => c.page)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const ts = points.map((p) => p.ts);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    expect(ts.at(-1)).toBe(T0 + 7 * DAY); // the newest 1,000
  });
});

describe('readNumberedPages', () => {
  const records = Array.from({ length: 250 }, (_, i) => i);
  const vendor = (withTotal: boolean) => {
    const calls: [number, number][] = [];
    const fetchPage = async (page: number, size: number) => {
      calls.push([page, size]);
      return { items: records.slice((page - 1) * size, page * size), total: withTotal ? records.length : null };
    };
    return { calls, fetchPage };
  };

  it('reads a slice on a page boundary with one call of that size', async () => {
    const v = vendor(true);
    expect(await readNumberedPages({ offset: 40, limit: 20 }, 100, v.fetchPage)).toMatchObject({ items: records.slice(40, 60), total: 250, totalKnown: true });
    expect(v.calls).toEqual([[3, 20]]);
  });

  it('spans vendor pages for an unaligned or large slice, never past the last page', async () => {
    const v = vendor(true);
    const page = await readNumberedPages({ offset: 150, limit: 500 }, 100, v.fetchPage);
    expect(page.items).toEqual(records.slice(150));
    expect(v.calls).toEqual([[2, 100], [3, 100]]);
  });

  it('without a total, says whether more may follow', async () => {
    const v = vendor(false);
    const first = await readNumberedPages({ offset: 0, limit: 100 }, 100, v.fetchPage);
    expect(first).toMatchObject({ totalKnown: false, total: 101 });
    const last = await readNumberedPages({ offset: 200, limit: 100 }, 100, v.fetchPage);
    expect(last.items).toEqual(records.slice(200));
    expect(last.total).toBe(250);
  });
});
