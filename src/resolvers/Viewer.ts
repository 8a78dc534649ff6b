import type { ViewerResolvers } from '../__generated__/resolvers-types.js';

export const Viewer: ViewerResolvers = {
  dreamreflex: (_viewer, _args, ctx) => ctx.dreamreflex.me(),
  thingscloud: (_viewer, _args, ctx) => ctx.thingscloud.admin(),
  zammad: (_viewer, _args, ctx) => ctx.zammad.me(),
  maxcloud: (_viewer, _args, ctx) => ctx.maxcloud.account(),
};
