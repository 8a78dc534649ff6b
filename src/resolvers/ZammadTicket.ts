import type { ZammadTicketResolvers } from '../__generated__/resolvers-types.js';
import type { Context } from '../context.js';
import { ErrorCode, TesseraError } from '../errors.js';
import { toGlobalId } from '../globalId.js';
import type { PersonModel, ZammadUserModel } from '../models.js';
import { sliceOf, toConnection, toPageRequest } from '../pagination.js';
import { LIST_LIMITS } from './Query.js';

export const ZammadTicket: ZammadTicketResolvers = {
  id: (ticket) => toGlobalId('ZammadTicket', ticket.source, ticket.nativeId),
  body: (ticket, _args, ctx) => ctx.zammad.firstArticleBody(ticket.nativeId),
  status: (ticket, _args, ctx) => ctx.zammad.ticketStatus(ticket),
  vendorStatus: async (ticket, _args, ctx) => ticket.state.name ?? (await ctx.zammad.ticketState(ticket.state)).name ?? ticket.state.nativeId,
  // A ticket from a search answered with assets may come without its priority's name: the priority list names it.
  priority: (ticket, _args, ctx) => ctx.zammad.ticketPriorityLevel(ticket),
  vendorPriority: async (ticket, _args, ctx) => ticket.priority.name ?? (await ctx.zammad.ticketPriority(ticket.priority)).name,
  creator: async (ticket, _args, ctx) => personOf(await ctx.zammad.user(ticket.createdByNativeId)),
  assignee: async (ticket, _args, ctx) => (ticket.ownerNativeId === null ? null : personOf(await visibleUser(ctx, ticket.ownerNativeId))),
  customer: async (ticket, _args, ctx) => personOf(await ctx.zammad.user(ticket.customerNativeId)),
  people: async (ticket, _args, ctx) => {
    const ids = [ticket.createdByNativeId, ticket.customerNativeId, ticket.ownerNativeId];
    const users = await Promise.all(ids.map((id) => (id === null ? null : visibleUser(ctx, id))));
    const people = new Map<string, PersonModel>();
    for (const person of users.map(personOf)) if (person && !people.has(person.email)) people.set(person.email, person);
    return [...people.values()];
  },
  // State, group and priority carry the name from the ticket (or its search's lists); their resolvers load the rest only when asked.
  group: (ticket) => ticket.group,
  state: (ticket) => ticket.state,
  zammadPriority: (ticket) => ticket.priority,
  organization: (ticket, _args, ctx) => (ticket.organizationNativeId === null ? null : ctx.zammad.organization(ticket.organizationNativeId)),
  customerUser: (ticket, _args, ctx) => ctx.zammad.user(ticket.customerNativeId),
  owner: (ticket, _args, ctx) => (ticket.ownerNativeId === null ? null : ctx.zammad.user(ticket.ownerNativeId)),
  createdBy: (ticket, _args, ctx) => ctx.zammad.user(ticket.createdByNativeId),
  updatedBy: (ticket, _args, ctx) => ctx.zammad.user(ticket.updatedByNativeId),
  articles: async (ticket, args, ctx) => toConnection(sliceOf(await ctx.zammad.articles(ticket.nativeId), toPageRequest(args, LIST_LIMITS))),
  tags: (ticket, _args, ctx) => ctx.zammad.tags(ticket),
};

function personOf(user: ZammadUserModel | null): PersonModel | null {
  return user?.email ? { email: user.email, name: user.name } : null;
}

/** A user for `people`: one the caller may not read (a customer looking at an agent) is left out rather than failing the list. */
async function visibleUser(ctx: Context, id: string): Promise<ZammadUserModel | null> {
  try {
    return await ctx.zammad.user(id);
  } catch (error) {
    if (error instanceof TesseraError && error.code === ErrorCode.FORBIDDEN) return null;
    throw error;
  }
}
