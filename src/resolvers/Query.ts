import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { BadUserInputError, NotFoundError } from '../errors.js';
import { expectGlobalId, fromGlobalId } from '../globalId.js';
import type { NodeModel, TicketModel } from '../models.js';
import { toConnection, toPageRequest } from '../pagination.js';
import type { Context } from '../context.js';
import { mergedTickets } from './mergedTickets.js';
import { personOf } from './Person.js';

/** Page sizes callers may ask for; above a vendor's own limit the gateway reads several vendor pages. */
export const LIST_LIMITS = { defaultFirst: 20, maxFirst: 500 } as const;

/** The GraphQL types that implement `Ticket`. */
const TICKET_TYPES: readonly TicketModel['kind'][] = ['DreamreflexTicket', 'ZammadTicket', 'MaxCloudTicket'];

export const Query: QueryResolvers = {
  node: (_parent, { id }, ctx) => loadNode(id, ctx),
  // A failing item becomes null with its own error; the others still resolve.
  nodes: (_parent, { ids }, ctx) => ids.map((id) => loadNode(id, ctx)),
  me: () => ({}),
  person: (_parent, { email }, _ctx) => {
    const person = personOf(email);
    if (!person) throw new BadUserInputError(`"${email.slice(0, 80)}" is not an e-mail address.`);
    return person;
  },

  tickets: (_parent, { first, after, filter }, ctx, info) => mergedTickets(ctx, info, { first, after, sources: filter?.sources }, { status: filter?.status }),
  // The ID's type is checked first, so what the vendor returns for it is a ticket.
  ticket: async (_parent, { id }, ctx) => found((await ctx.fetchNode(expectGlobalId(id, ...TICKET_TYPES))) as TicketModel | null, id),

  contracts: async (_parent, args, ctx) => toConnection(await ctx.dreamreflex.contracts(toPageRequest(args, LIST_LIMITS))),
  contract: async (_parent, { id }, ctx) => found(await ctx.dreamreflex.contract(expectGlobalId(id, 'Contract').nativeId), id),

  projects: async (_parent, args, ctx) => toConnection(await ctx.dreamreflex.projects(toPageRequest(args, LIST_LIMITS))),
  project: async (_parent, { id }, ctx) => found(await ctx.dreamreflex.project(expectGlobalId(id, 'Project').nativeId), id),

  businessAccount: async (_parent, { id }, ctx) =>
    found(await ctx.dreamreflex.businessAccount(expectGlobalId(id, 'BusinessAccount').nativeId), id),

  teams: async (_parent, { first, after, orderBy }, ctx) =>
    toConnection(await ctx.lexiang.teams(toPageRequest({ first, after }, LIST_LIMITS), orderBy?.direction ?? 'DESC')),
  team: async (_parent, { id }, ctx) => found(await ctx.lexiang.team(expectGlobalId(id, 'Team').nativeId), id),
};

/** Any record by global ID, from the vendor whose registration issues that type. */
async function loadNode(id: string, ctx: Context): Promise<NodeModel> {
  return found(await ctx.fetchNode(fromGlobalId(id)), id);
}

/** A missing record is `null` in the data plus a NOT_FOUND error saying which ID. */
function found<T>(value: T | null, id: string): T {
  if (value === null) throw new NotFoundError(`Nothing has the ID "${id}".`);
  return value;
}
