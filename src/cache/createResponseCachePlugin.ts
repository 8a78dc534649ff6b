import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context.js';
import { requireFreshReads, staleReadsOf } from './requestCacheState.js';

/**
 * The response cache's part in each GraphQL request: a mutation's reads bypass the cache, and a
 * caller whose answer holds data older than its freshness allows (the vendor failed and the
 * cache stood in) is told so: `extensions.tessera.staleData: [{ source, path, ageSeconds }]`,
 * absent when every read was fresh.
 */
export function createResponseCachePlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === 'mutation') requireFreshReads(contextValue.trace);
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const staleData = staleReadsOf(contextValue.trace);
          if (staleData.length === 0) return;
          const result = response.body.singleResult;
          const tessera = (result.extensions?.tessera ?? {}) as Record<string, unknown>;
          result.extensions = { ...result.extensions, tessera: { ...tessera, staleData } };
        },
      };
    },
  };
}
