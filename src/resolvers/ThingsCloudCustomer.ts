import type { ThingsCloudCustomerResolvers, ThingsCloudCustomerRoleResolvers } from '../__generated__/resolvers-types.js';
import { toGlobalId } from '../globalId.js';
import { toConnection, toPageRequest } from '../pagination.js';
import { listsAhead } from './deviceSelection.js';
import { LIST_LIMITS } from './Query.js';

export const ThingsCloudCustomer: ThingsCloudCustomerResolvers = {
  id: (customer) => toGlobalId('ThingsCloudCustomer', customer.source, customer.nativeId),
  role: (customer, _args, ctx) => ctx.thingscloud.roleOf(customer),
  devices: async (customer, args, ctx, info) => {
    const request = toPageRequest(args, LIST_LIMITS);
    ctx.thingscloud.readAhead(listsAhead(info, request.limit, null));
    return toConnection(await ctx.thingscloud.customerDevices(customer.nativeId, request));
  },
};

export const ThingsCloudCustomerRole: ThingsCloudCustomerRoleResolvers = {
  id: (role) => toGlobalId('ThingsCloudCustomerRole', role.source, role.nativeId),
};
