import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { parse } from 'graphql';
import type { GraphQLResponse } from './gateway.js';

export interface SubgraphEndpoint {
  name: string;
  /** The subgraph's GraphQL endpoint; its SDL is read from `_service { sdl }` there, as `rover subgraph introspect` does. */
  url: string;
}

export interface RunningSupergraph {
  url: string;
  supergraphSdl: string;
  /** Composition hints, as `code: message`. */
  hints: string[];
  gql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse>;
  close(): Promise<void>;
}

/** The caller's headers the router passes on to every subgraph (a router's `headers.all.request.propagate`). */
const PROPAGATED_HEADERS = ['x-api-key', 'authorization', 'x-request-id'];

interface RouterContext {
  headers: Record<string, string>;
}

/**
 * Composes the subgraphs with `@apollo/composition` (as `rover supergraph compose` does) and
 * serves the supergraph with `@apollo/gateway` under Apollo Server on 127.0.0.1, port 0.
 * Throws on a composition error, with every message.
 */
export async function startSupergraph(subgraphs: readonly SubgraphEndpoint[]): Promise<RunningSupergraph> {
  const services = await Promise.all(subgraphs.map(async ({ name, url }) => ({ name, url, typeDefs: parse(await fetchSdl(url)) })));
  const composed = composeServices(services);
  if (composed.errors) throw new Error(`Composition failed:\n${composed.errors.map((error) => error.message).join('\n')}`);
  const hints = composed.hints.map((hint) => `${hint.definition.code}: ${hint.message}`);

  const gateway = new ApolloGateway({
    supergraphSdl: composed.supergraphSdl,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<RouterContext>({
        url,
        willSendRequest({ request, context }) {
          // The router's own requests (health checks) have no caller, hence no headers.
          const headers: Record<string, string> = (context as Partial<RouterContext>).headers ?? {};
          for (const [name, value] of Object.entries(headers)) request.http?.headers.set(name, value);
        },
      }),
  });
  const server = new ApolloServer<RouterContext>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({
      headers: Object.fromEntries(
        PROPAGATED_HEADERS.flatMap((name) => {
          const value = req.headers[name];
          return typeof value === 'string' ? [[name, value]] : [];
        }),
      ),
    }),
  });

  return {
    url,
    supergraphSdl: composed.supergraphSdl,
    hints,
    async gql(query, variables, headers = {}) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse['body'] };
    },
    close: () => server.stop(),
  };
}

async function fetchSdl(url: string): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ _service { sdl } }' }) });
  const body = (await response.json()) as { data?: { _service?: { sdl?: string } } };
  const sdl = body.data?._service?.sdl;
  if (!sdl) throw new Error(`${url} did not answer _service { sdl } (HTTP ${response.status}).`);
  return sdl;
}
