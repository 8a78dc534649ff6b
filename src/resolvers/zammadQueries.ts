import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { toPageRequest } from '../pagination.js';
import { LIST_LIMITS } from './Query.js';
import { toZammadConnection } from './ZammadConnection.js';

/** Zammad's root fields, spread into `Query`. Single records come through `node` (and `ticket`). */
export const zammadQueries: QueryResolvers = {
  zammadTickets: async (_parent, { first, after, filter, rawQuery }, ctx) =>
    toZammadConnection(await ctx.zammad.tickets(toPageRequest({ first, after }, LIST_LIMITS), filter, rawQuery)),
  zammadUsers: async (_parent, { first, after, query }, ctx) => toZammadConnection(await ctx.zammad.users(toPageRequest({ first, after }, LIST_LIMITS), query)),
  zammadOrganizations: async (_parent, { first, after, query }, ctx) =>
    toZammadConnection(await ctx.zammad.organizations(toPageRequest({ first, after }, LIST_LIMITS), query)),
  zammadGroups: (_parent, _args, ctx) => ctx.zammad.groups(),
  zammadTicketStates: (_parent, _args, ctx) => ctx.zammad.ticketStates(),
  zammadTicketPriorities: (_parent, _args, ctx) => ctx.zammad.ticketPriorities(),
};
