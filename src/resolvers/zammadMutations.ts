import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import { expectGlobalId, toGlobalId } from '../globalId.js';

const ticketId = (id: string) => expectGlobalId(id, 'ZammadTicket').nativeId;
const userId = (id: string) => expectGlobalId(id, 'ZammadUser').nativeId;

/** Zammad's writes, spread into `Mutation`. Each returns the record as Zammad answered or reads it back. */
export const zammadMutations: MutationResolvers = {
  createZammadTicket: (_parent, { input }, ctx) => ctx.zammad.createTicket(input),
  updateZammadTicket: (_parent, { id, input }, ctx) => ctx.zammad.updateTicket(ticketId(id), input),
  addZammadArticle: (_parent, { ticketId: id, input }, ctx) => ctx.zammad.addArticle(ticketId(id), input),
  deleteZammadTicket: async (_parent, { id }, ctx) => {
    const nativeId = ticketId(id);
    await ctx.zammad.deleteTicket(nativeId);
    return { deletedId: toGlobalId('ZammadTicket', 'ZAMMAD', nativeId) };
  },
  addZammadTicketTag: (_parent, { ticketId: id, tag }, ctx) => ctx.zammad.addTag(ticketId(id), tag),
  removeZammadTicketTag: (_parent, { ticketId: id, tag }, ctx) => ctx.zammad.removeTag(ticketId(id), tag),
  createZammadUser: (_parent, { input }, ctx) => ctx.zammad.createUser(input),
  updateZammadUser: (_parent, { id, input }, ctx) => ctx.zammad.updateUser(userId(id), input),
};
