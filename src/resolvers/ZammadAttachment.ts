import type { ZammadAttachmentResolvers } from '../__generated__/resolvers-types.js';
import { toGlobalId } from '../globalId.js';

export const ZammadAttachment: ZammadAttachmentResolvers = {
  id: (attachment) => toGlobalId('ZammadAttachment', attachment.source, attachment.nativeId),
  // Downloaded only when asked for: one call per attachment.
  content: (attachment, _args, ctx) => ctx.zammad.attachmentContent(attachment),
};
