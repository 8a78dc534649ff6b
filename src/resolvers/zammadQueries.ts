import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { toOpenConnection, toPageRequest } from '../pagination.js';
import { LIST_LIMITS } from './Query.js';
import { zammadTicketSelection } from './zammadTicketSelection.js';

/** Zammad's root fields, spread into `Query`. Single records come through `node` (and `ticket`). */
export const zammadQueries: QueryResolvers = {
  zammadTickets: async (_parent, { first, after, filter, rawQuery }, ctx, info) =>
    toOpenConnection(await ctx.zammad.tickets(toPageRequest({ first, after }, LIST_LIMITS), filter, rawQuery, zammadTicketSelection(info))),
  zammadUsers: async (_parent, { first, after, query }, ctx) => toOpenConnection(await ctx.zammad.users(toPageRequest({ first, after }, LIST_LIMITS), query)),
  zammadOrganizations: async (_parent, { first, after, query }, ctx) =>
    toOpenConnection(await ctx.zammad.organizations(toPageRequest({ first, after }, LIST_LIMITS), query)),
  zammadGroups: (_parent, _args, ctx) => ctx.zammad.groups(),
  zammadTicketStates: (_parent, _args, ctx) => ctx.zammad.ticketStates(),
  zammadTicketPriorities: (_parent, _args, ctx) => ctx.zammad.ticketPriorities(),
};
