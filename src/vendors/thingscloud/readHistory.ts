import type { HistoryPlan, HistoryWindow } from './planHistory.js';

/** Reads one page (from 1) of one window; ThingsCloud answers newest first. */
export type FetchHistoryPage<P> = (window: HistoryWindow, page: number, pageSize: number) => Promise<P[]>;

/**
 * Executes a plan: windows newest first, pages in order, stopping as soon as `first` points
 * are in or a window is exhausted (a short page). Returns the newest `first` points in
 * ascending time order. Sequential on purpose: each call decides whether another is needed.
 */
export async function readHistory<P extends { ts: number }>(plan: HistoryPlan, fetchPage: FetchHistoryPage<P>): Promise<P[]> {
  const collected: P[] = [];
  let calls = 0;
  reading: for (const window of plan.windows) {
    for (let page = 1; ; page++) {
      // The plan's bound makes this unreachable; it guards the upstream cap against a planning bug.
      if (calls >= plan.worstCaseCalls) throw new Error('History read exceeded its planned number of calls');
      const points = await fetchPage(window, page, plan.pageSize);
      calls++;
      collected.push(...points);
      if (collected.length >= plan.first) break reading;
      if (points.length < plan.pageSize) break;
    }
  }
  // Sorting (stable) rather than trusting the vendor's order within a page.
  return collected
    .sort((a, b) => b.ts - a.ts)
    .slice(0, plan.first)
    .reverse();
}
