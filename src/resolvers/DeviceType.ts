import type { DeviceTypeResolvers } from '../__generated__/resolvers-types.js';
import { toGlobalId } from '../globalId.js';
import { toOpenConnection, toPageRequest } from '../pagination.js';
import { listsAhead } from './deviceSelection.js';
import { LIST_LIMITS } from './Query.js';

export const DeviceType: DeviceTypeResolvers = {
  id: (type) => toGlobalId('DeviceType', type.source, type.nativeId),
  extendInfoDefinitions: (type, _args, ctx) => ctx.thingscloud.extendInfoDefinitions(type.nativeId),
  devices: async (type, { first, after, online }, ctx, info) => {
    const request = toPageRequest({ first, after }, LIST_LIMITS);
    ctx.thingscloud.readAhead(listsAhead(info, request.limit, null));
    return toOpenConnection(await ctx.thingscloud.devices(request, { typeId: type.nativeId, online }));
  },
};
