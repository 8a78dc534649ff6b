import type { DreamreflexUserResolvers } from '../__generated__/resolvers-types.js';
import { toGlobalId } from '../globalId.js';

export const DreamreflexUser: DreamreflexUserResolvers = {
  id: (user) => toGlobalId('DreamreflexUser', user.source, user.nativeId),
  person: (user) => ({ email: user.email.toLowerCase(), name: user.fullName }),
  // Dreamreflex exposes only the caller's own account, so this is only answerable for the caller.
  businessAccount: async (user, _args, ctx) => ((await ctx.dreamreflex.me()).nativeId === user.nativeId ? ctx.dreamreflex.myBusinessAccount() : null),
};
