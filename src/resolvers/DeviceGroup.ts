import type { DeviceGroupResolvers } from '../__generated__/resolvers-types.js';
import { toGlobalId } from '../globalId.js';
import { toOpenConnection, toPageRequest } from '../pagination.js';
import { listsAhead } from './deviceSelection.js';
import { LIST_LIMITS } from './Query.js';

export const DeviceGroup: DeviceGroupResolvers = {
  id: (group) => toGlobalId('DeviceGroup', group.source, group.nativeId),
  parent: (group, _args, ctx) => (group.parentNativeId ? ctx.thingscloud.deviceGroup(group.parentNativeId) : null),
  devices: async (group, { first, after, includeSubGroups, online }, ctx, info) => {
    const request = toPageRequest({ first, after }, LIST_LIMITS);
    ctx.thingscloud.readAhead(listsAhead(info, request.limit, null));
    return toOpenConnection(await ctx.thingscloud.devices(request, { groupId: group.nativeId, includeSubGroups, online }));
  },
};
