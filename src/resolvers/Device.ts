import type { DeviceResolvers } from '../__generated__/resolvers-types.js';
import { toGlobalId } from '../globalId.js';
import { toOpenConnection, toPageRequest } from '../pagination.js';
import { needsTypeList } from './deviceSelection.js';
import { LIST_LIMITS } from './Query.js';

export const Device: DeviceResolvers = {
  id: (device) => toGlobalId('Device', device.source, device.nativeId),
  // From the device's own `type_info` unless the selection wants more: no type-list call.
  type: (device, _args, ctx, info) => ctx.thingscloud.typeOf(device, needsTypeList(info)),
  groups: (device, _args, ctx) => ctx.thingscloud.groupsOf(device),
  viewToken: async (device, _args, ctx) => (await ctx.thingscloud.deviceDetail(device))?.viewToken ?? null,
  deviceCode: async (device, _args, ctx) => (await ctx.thingscloud.deviceDetail(device))?.deviceCode ?? null,
  certificate: (device, _args, ctx) => ctx.thingscloud.certificate(device.nativeId),
  customers: (device, _args, ctx) => ctx.thingscloud.deviceCustomers(device.nativeId),
  extendInfos: (device, _args, ctx) => ctx.thingscloud.extendInfos(device.nativeId),
  attributes: (device, _args, ctx) => ctx.thingscloud.attributes(device.nativeId),
  rawAttributes: (device, _args, ctx) => ctx.thingscloud.rawAttributes(device.nativeId),
  history: (device, { identifier, from, to, first }, ctx) =>
    ctx.thingscloud.history(device.nativeId, identifier, { fromMs: from?.getTime(), toMs: to?.getTime(), first: first ?? 100 }),
  alarms: async (device, args, ctx) => toOpenConnection(await ctx.thingscloud.deviceAlarms(device.nativeId, toPageRequest(args, LIST_LIMITS))),
};
