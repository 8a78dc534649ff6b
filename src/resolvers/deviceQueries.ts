import type { DeviceFilter, QueryResolvers } from '../__generated__/resolvers-types.js';
import { NotFoundError } from '../errors.js';
import { expectGlobalId } from '../globalId.js';
import { toOpenConnection, toPageRequest } from '../pagination.js';
import { deviceShapeOf, listsAhead } from './deviceSelection.js';
import { LIST_LIMITS } from './Query.js';

/** ThingsCloud's root fields (the Device graph), spread into `Query`. */
export const deviceQueries: QueryResolvers = {
  devices: async (_parent, { first, after, filter }, ctx, info) => {
    const request = toPageRequest({ first, after }, LIST_LIMITS);
    ctx.thingscloud.readAhead(listsAhead(info, request.limit, null));
    return toOpenConnection(await ctx.thingscloud.devices(request, filter ? nativeFilter(filter) : {}));
  },
  device: async (_parent, { id }, ctx, info) => found(await ctx.thingscloud.device(expectGlobalId(id, 'Device').nativeId, deviceShapeOf(info)), id),
  alarms: async (_parent, args, ctx, info) => {
    const request = toPageRequest(args, LIST_LIMITS);
    ctx.thingscloud.readAhead(listsAhead(info, request.limit, 'device'));
    return toOpenConnection(await ctx.thingscloud.alarms(request));
  },
  deviceTypes: (_parent, _args, ctx) => ctx.thingscloud.deviceTypes(),
  deviceGroups: (_parent, _args, ctx) => ctx.thingscloud.deviceGroups(),
  thingsCloudCustomers: (_parent, _args, ctx) => ctx.thingscloud.customers(),
  thingsCloudCustomer: async (_parent, { id }, ctx) => found(await ctx.thingscloud.customer(expectGlobalId(id, 'ThingsCloudCustomer').nativeId), id),
  thingsCloudCustomerRoles: (_parent, _args, ctx) => ctx.thingscloud.customerRoles(),
  thingsCloudProject: (_parent, _args, ctx) => ctx.thingscloud.project(),
};

function nativeFilter(filter: DeviceFilter) {
  return {
    typeId: filter.typeId ? expectGlobalId(filter.typeId, 'DeviceType').nativeId : null,
    groupId: filter.groupId ? expectGlobalId(filter.groupId, 'DeviceGroup').nativeId : null,
    includeSubGroups: filter.includeSubGroups,
    online: filter.online,
  };
}

function found<T>(value: T | null, id: string): T {
  if (value === null) throw new NotFoundError(`Nothing has the ID "${id}".`);
  return value;
}
