import type { ZammadTicketStateResolvers } from '../__generated__/resolvers-types.js';

/** `name` is known from the ticket; everything else reads the state list (once per request). */
export const ZammadTicketState: ZammadTicketStateResolvers = {
  name: async (state, _args, ctx) => state.name ?? (await ctx.zammad.ticketState(state)).name ?? state.nativeId,
  stateType: async (state, _args, ctx) => (await ctx.zammad.ticketState(state)).detail.stateType,
  status: (state, _args, ctx) => ctx.zammad.stateStatus(state),
  active: async (state, _args, ctx) => (await ctx.zammad.ticketState(state)).detail.active,
  note: async (state, _args, ctx) => (await ctx.zammad.ticketState(state)).detail.note,
};
