import type { ZammadOrganizationResolvers } from '../__generated__/resolvers-types.js';
import { toGlobalId } from '../globalId.js';
import { toOpenConnection, toPageRequest } from '../pagination.js';
import { LIST_LIMITS } from './Query.js';
import { zammadTicketSelection } from './zammadTicketSelection.js';

export const ZammadOrganization: ZammadOrganizationResolvers = {
  id: (organization) => toGlobalId('ZammadOrganization', organization.source, organization.nativeId),
  members: async (organization, args, ctx) => toOpenConnection(await ctx.zammad.organizationMembers(organization, toPageRequest(args, LIST_LIMITS))),
  tickets: async (organization, args, ctx, info) =>
    toOpenConnection(await ctx.zammad.organizationTickets(organization.nativeId, toPageRequest(args, LIST_LIMITS), zammadTicketSelection(info))),
};
