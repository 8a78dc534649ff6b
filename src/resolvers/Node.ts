import type { NodeResolvers, TicketResolvers } from '../__generated__/resolvers-types.js';

/** Models carry their GraphQL type name in `kind`. */
export const Node: NodeResolvers = {
  __resolveType: (model) => model.kind,
};

export const Ticket: TicketResolvers = {
  __resolveType: (model) => model.kind,
};
