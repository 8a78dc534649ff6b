import type { ZammadTicketPriorityResolvers } from '../__generated__/resolvers-types.js';

/** `name` is known from the ticket; everything else reads the priority list (once per request). */
export const ZammadTicketPriority: ZammadTicketPriorityResolvers = {
  name: async (priority, _args, ctx) => priority.name ?? (await ctx.zammad.ticketPriority(priority)).name ?? priority.nativeId,
  active: async (priority, _args, ctx) => (await ctx.zammad.ticketPriority(priority)).detail.active,
  note: async (priority, _args, ctx) => (await ctx.zammad.ticketPriority(priority)).detail.note,
};
