/**
 * GraphiQL's fetcher: a JSON POST to the gateway with the headers editor's headers. Queries and
 * mutations only (Tessera has no subscriptions), so no WebSocket client is bundled.
 */
interface FetcherParams {
  query: string;
  operationName?: string | null;
  variables?: unknown;
}

interface FetcherOpts {
  headers?: Record<string, unknown>;
}

export function createFetcher(url: string) {
  return async (params: FetcherParams, opts?: FetcherOpts): Promise<unknown> => {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
    for (const [name, value] of Object.entries(opts?.headers ?? {})) headers[name.toLowerCase()] = String(value);
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(params) });
    const text = await response.text();
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // Not GraphQL (a proxy's error page, say): show what came back rather than a parse error.
      return { errors: [{ message: `HTTP ${response.status} ${response.statusText}: ${text.slice(0, 500)}` }] };
    }
  };
}
