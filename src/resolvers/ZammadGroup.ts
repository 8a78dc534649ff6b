import type { ZammadGroupResolvers } from '../__generated__/resolvers-types.js';
import { toGlobalId } from '../globalId.js';

/** `name` is known from the ticket; everything else reads the group list (once per request). */
export const ZammadGroup: ZammadGroupResolvers = {
  id: (group) => toGlobalId('ZammadGroup', group.source, group.nativeId),
  name: async (group, _args, ctx) => group.name ?? (await ctx.zammad.groupDetail(group)).name ?? group.nativeId,
  active: async (group, _args, ctx) => (await ctx.zammad.groupDetail(group)).detail.active,
  note: async (group, _args, ctx) => (await ctx.zammad.groupDetail(group)).detail.note,
  createdAt: async (group, _args, ctx) => (await ctx.zammad.groupDetail(group)).detail.createdAt,
  updatedAt: async (group, _args, ctx) => (await ctx.zammad.groupDetail(group)).detail.updatedAt,
};
