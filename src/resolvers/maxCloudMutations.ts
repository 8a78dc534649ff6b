import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import { BadUserInputError } from '../errors.js';

/** A `companyId` argument: MaxCloud's company number. */
function companyId(id: number): string {
  if (!Number.isSafeInteger(id) || id < 1) throw new BadUserInputError('"companyId" must be a MaxCloud company ID (a positive integer).', { source: 'MAXCLOUD' });
  return String(id);
}

/** MaxCloud's sessions, spread into `Mutation`. Each returns a token for the caller to keep; none is cached by the gateway. */
export const maxCloudMutations: MutationResolvers = {
  maxCloudLogin: (_parent, { email, password, companyId: id }, ctx) => ctx.maxcloud.login(email, password, id == null ? null : companyId(id)),
  maxCloudSwitchCompany: (_parent, { companyId: id }, ctx) => ctx.maxcloud.switchCompany(companyId(id)),
};
