import type { DeviceTypeResolvers } from '../__generated__/resolvers-types.js';
import { toGlobalId } from '../globalId.js';
import { toOpenConnection, toPageRequest } from '../pagination.js';
import { LIST_LIMITS } from './Query.js';

export const DeviceType: DeviceTypeResolvers = {
  id: (type) => toGlobalId('DeviceType', type.source, type.nativeId),
  extendInfoDefinitions: (type, _args, ctx) => ctx.thingscloud.extendInfoDefinitions(type.nativeId),
  devices: async (type, { first, after, online }, ctx) =>
    toOpenConnection(await ctx.thingscloud.devices(toPageRequest({ first, after }, LIST_LIMITS), { typeId: type.nativeId, online })),
};
