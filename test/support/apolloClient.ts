import { createHash } from 'node:crypto';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, type FieldPolicy, type PossibleTypesMap } from '@apollo/client';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { isAbstractType } from 'graphql';
import { createSchema } from '../../src/schema.js';

/** One HTTP request the client made, as the test sees it. */
export interface ClientRequest {
  method: string;
  /** The operation's text, when the request carried it (not for a hash-only persisted query). */
  query?: string;
  /** `extensions.persistedQuery.sha256Hash`, when sent. */
  hash?: string;
  status: number;
}

export interface TestClient {
  client: ApolloClient;
  cache: InMemoryCache;
  /** Every request the client sent, oldest first. */
  requests: ClientRequest[];
}

export interface TestClientOptions {
  headers?: Record<string, string>;
  /** `sha256`: automatic persisted queries (hash of the client's own text); `manifest`: the hash client-preset put in `__meta__`. */
  persistedQueries?: 'sha256' | 'manifest';
}

/** Interface and union members, from Tessera's schema: the cache needs them to match fragments on `Ticket` and `Node`. */
export const possibleTypes: PossibleTypesMap = (() => {
  const schema = createSchema();
  return Object.fromEntries(
    Object.values(schema.getTypeMap())
      .filter(isAbstractType)
      .map((type) => [type.name, schema.getPossibleTypes(type).map((member) => member.name)]),
  );
})();

interface Connection {
  edges?: unknown[];
  nodes?: unknown[];
}

/**
 * `fetchMore` paging for a Relay connection: one cache entry per filter (`first` and `after` are
 * not part of the key), a page without `after` replaces the list, a page with it is appended.
 */
export const connectionPages = (keyArgs: string[]): FieldPolicy<Connection> => ({
  keyArgs,
  merge(existing, incoming, { args }) {
    if (!existing || !args?.after) return incoming;
    return {
      ...incoming,
      edges: [...(existing.edges ?? []), ...(incoming.edges ?? [])],
      nodes: [...(existing.nodes ?? []), ...(incoming.nodes ?? [])],
    };
  },
});

/** The cache the README recommends: objects with `id` are normalized by default; these types have another identity. */
export function createTesseraCache(): InMemoryCache {
  return new InMemoryCache({
    possibleTypes,
    typePolicies: {
      Query: { fields: { tickets: connectionPages(['filter']) } },
      Person: { keyFields: ['email'] },
      MaxCloudUser: { keyFields: ['email'] },
      ZammadTicketState: { keyFields: ['nativeId'] },
      ZammadTicketPriority: { keyFields: ['nativeId'] },
    },
  });
}

/** Apollo Client 4 in Node against a running gateway, over Node's own fetch, recording each request. */
export function createTestClient(url: string, { headers = {}, persistedQueries }: TestClientOptions = {}): TestClient {
  const requests: ClientRequest[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const method = init?.method ?? 'GET';
    const sent = method === 'GET' ? Object.fromEntries(new URL(String(input)).searchParams) : (JSON.parse(String(init?.body)) as Record<string, unknown>);
    const extensions = (typeof sent.extensions === 'string' ? JSON.parse(sent.extensions) : sent.extensions) as { persistedQuery?: { sha256Hash: string } } | undefined;
    requests.push({
      method,
      ...(typeof sent.query === 'string' && { query: sent.query }),
      ...(extensions?.persistedQuery && { hash: extensions.persistedQuery.sha256Hash }),
      status: response.status,
    });
    return response;
  };
  const http = new HttpLink({ uri: url, fetch: recordingFetch, headers });
  const persisted =
    persistedQueries === 'sha256'
      ? createPersistedQueryLink({ sha256: (text) => createHash('sha256').update(text).digest('hex'), useGETForHashedQueries: true })
      : persistedQueries === 'manifest'
        ? createPersistedQueryLink({ generateHash: (document) => (document as { __meta__?: { hash?: string } }).__meta__?.hash ?? '', useGETForHashedQueries: true })
        : undefined;
  const cache = createTesseraCache();
  const client = new ApolloClient({ cache, link: persisted ? ApolloLink.from([persisted, http]) : http });
  return { client, cache, requests };
}
