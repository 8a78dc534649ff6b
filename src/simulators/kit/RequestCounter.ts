/**
 * Counts the requests a simulator served, by method and route pattern
 * (`GET /api/tickets/:ticket_id`), so tests can assert how many upstream calls
 * a GraphQL query cost.
 */
export class RequestCounter {
  private readonly counts = new Map<string, number>();

  record(method: string, route: string): void {
    const key = `${method.toUpperCase()} ${route}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Requests to one route (`'GET /api/tickets/:ticket_id'`), or all requests when no key is given. */
  count(key?: string): number {
    if (key === undefined) return [...this.counts.values()].reduce((a, b) => a + b, 0);
    return this.counts.get(key) ?? 0;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.counts.clear();
  }
}
