import type { ZammadUserResolvers } from '../__generated__/resolvers-types.js';
import { toGlobalId } from '../globalId.js';
import { toOpenConnection, toPageRequest } from '../pagination.js';
import { LIST_LIMITS } from './Query.js';
import { zammadTicketSelection } from './zammadTicketSelection.js';

export const ZammadUser: ZammadUserResolvers = {
  id: (user) => toGlobalId('ZammadUser', user.source, user.nativeId),
  person: (user) => (user.email ? { email: user.email, name: user.name } : null),
  organization: (user, _args, ctx) => (user.organizationNativeId === null ? null : ctx.zammad.organization(user.organizationNativeId)),
  roles: (user, _args, ctx) => ctx.zammad.userRoles(user),
  tickets: async (user, args, ctx, info) =>
    toOpenConnection(await ctx.zammad.customerTickets(user.nativeId, toPageRequest(args, LIST_LIMITS), zammadTicketSelection(info))),
};
