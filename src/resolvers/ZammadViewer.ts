import type { ViewerResolvers } from '../__generated__/resolvers-types.js';

/** `me { zammad }`, spread into `Viewer`. */
export const zammadViewer: ViewerResolvers = {
  zammad: (_viewer, _args, ctx) => ctx.zammad.me(),
};
