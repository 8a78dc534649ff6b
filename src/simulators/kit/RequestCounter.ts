/**
 * Counts the requests a simulator served, by method and route pattern
 * (`GET /api/tickets/:ticket_id`), so tests can assert how many upstream calls
 * a GraphQL query cost, and the most requests it had in flight at once, so tests can
 * assert a concurrency cap without timing anything. It also keeps when each served request
 * arrived and was answered, so the bench can tell which calls ran one after another.
 */
export class RequestCounter {
  private readonly counts = new Map<string, number>();
  private readonly served: ServedRequest[] = [];
  private inFlight = 0;
  private peak = 0;
  private arrived = 0;

  /**
   * A request was answered by `route`. `startedAt` is when it arrived (`performance.now()`);
   * without it only the count is kept.
   */
  record(method: string, route: string, startedAt?: number): void {
    const key = `${method.toUpperCase()} ${route}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    // Bounded so a long load run between resets cannot grow it without end; the bench reads
    // timings only for one query at a time.
    if (startedAt !== undefined && this.served.length < MAX_TIMINGS) this.served.push({ key, startedAt, endedAt: performance.now() });
  }

  /** A request arrived (before faults and routing); pair with `ended`. */
  began(): void {
    this.arrived += 1;
    this.inFlight += 1;
    this.peak = Math.max(this.peak, this.inFlight);
  }

  /** A request was answered, or its connection closed. */
  ended(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  /** Requests to one route (`'GET /api/tickets/:ticket_id'`), or all requests when no key is given. */
  count(key?: string): number {
    if (key === undefined) return [...this.counts.values()].reduce((a, b) => a + b, 0);
    return this.counts.get(key) ?? 0;
  }

  /** Requests that arrived since the last `reset`, answered or not (a request whose caller gave up is never `record`ed). */
  arrivedCount(): number {
    return this.arrived;
  }

  /** The most requests being served at the same time since the last `reset`. */
  peakInFlight(): number {
    return this.peak;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** The requests served since the last `reset` (the first 5,000), in the order they were answered, with when each arrived and ended. */
  timings(): ServedRequest[] {
    return this.served.map((r) => ({ ...r }));
  }

  /** Forgets the counts; the peak starts again from the requests in flight now. */
  reset(): void {
    this.counts.clear();
    this.served.length = 0;
    this.arrived = 0;
    this.peak = this.inFlight;
  }
}

/** One served request: its `METHOD /route` key and when it arrived and was answered (`performance.now()` milliseconds). */
export interface ServedRequest {
  key: string;
  startedAt: number;
  endedAt: number;
}

const MAX_TIMINGS = 5_000;
