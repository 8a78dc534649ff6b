import type { ThingsCloudCustomerResolvers, ThingsCloudCustomerRoleResolvers } from '../__generated__/resolvers-types.js';
import { toGlobalId } from '../globalId.js';
import { toConnection, toPageRequest } from '../pagination.js';
import { LIST_LIMITS } from './Query.js';

export const ThingsCloudCustomer: ThingsCloudCustomerResolvers = {
  id: (customer) => toGlobalId('ThingsCloudCustomer', customer.source, customer.nativeId),
  role: (customer, _args, ctx) => ctx.thingscloud.roleOf(customer),
  devices: async (customer, args, ctx) => toConnection(await ctx.thingscloud.customerDevices(customer.nativeId, toPageRequest(args, LIST_LIMITS))),
};

export const ThingsCloudCustomerRole: ThingsCloudCustomerRoleResolvers = {
  id: (role) => toGlobalId('ThingsCloudCustomerRole', role.source, role.nativeId),
};
