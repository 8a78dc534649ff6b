import type { ContractResolvers } from '../__generated__/resolvers-types.js';
import { toGlobalId } from '../globalId.js';

export const Contract: ContractResolvers = {
  id: (contract) => toGlobalId('Contract', contract.source, contract.nativeId),
};
