import type { ContactSubmissionResolvers } from '../__generated__/resolvers-types.js';
import { toGlobalId } from '../globalId.js';

export const ContactSubmission: ContactSubmissionResolvers = {
  id: (submission) => toGlobalId('ContactSubmission', submission.source, submission.nativeId),
};
