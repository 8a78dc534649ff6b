import type { MaxCloudCompanyResolvers } from '../__generated__/resolvers-types.js';
import { toGlobalId } from '../globalId.js';

export const MaxCloudCompany: MaxCloudCompanyResolvers = {
  id: (company) => toGlobalId('MaxCloudCompany', company.source, company.nativeId),
};
