import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { toConnection, toPageRequest } from '../pagination.js';
import { LIST_LIMITS } from './Query.js';

/** MaxCloud's root fields, spread into `Query`. Single tickets come through `node` (and `ticket`). */
export const maxCloudQueries: QueryResolvers = {
  maxCloudTickets: async (_parent, { first, after, filter, rawQuery }, ctx) =>
    toConnection(await ctx.maxcloud.tickets(toPageRequest({ first, after }, LIST_LIMITS), filter, rawQuery)),
  maxCloudCompanies: (_parent, _args, ctx) => ctx.maxcloud.companies(),
};
