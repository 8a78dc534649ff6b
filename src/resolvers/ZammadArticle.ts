import type { ZammadArticleResolvers } from '../__generated__/resolvers-types.js';
import { toGlobalId } from '../globalId.js';

export const ZammadArticle: ZammadArticleResolvers = {
  id: (article) => toGlobalId('ZammadArticle', article.source, article.nativeId),
  ticket: (article, _args, ctx) => ctx.zammad.ticket(article.ticketNativeId),
  createdBy: (article, _args, ctx) => (article.createdByNativeId === null ? null : ctx.zammad.user(article.createdByNativeId)),
};
