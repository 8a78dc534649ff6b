import type { BusinessAccountResolvers } from '../__generated__/resolvers-types.js';
import { toGlobalId } from '../globalId.js';

export const BusinessAccount: BusinessAccountResolvers = {
  id: (account) => toGlobalId('BusinessAccount', account.source, account.nativeId),
};
