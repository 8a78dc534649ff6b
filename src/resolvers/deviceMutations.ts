import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import { expectGlobalId, toGlobalId } from '../globalId.js';

const deviceId = (id: string) => expectGlobalId(id, 'Device').nativeId;
const customerId = (id: string) => expectGlobalId(id, 'ThingsCloudCustomer').nativeId;

/** ThingsCloud's writes (the Device graph), spread into `Mutation`. */
export const deviceMutations: MutationResolvers = {
  thingsCloudAdminLogin: (_parent, { input }, ctx) => ctx.thingscloud.adminLogin(input),

  createDevice: (_parent, { input }, ctx) =>
    ctx.thingscloud.createDevice({ ...input, typeId: input.typeId ? expectGlobalId(input.typeId, 'DeviceType').nativeId : null }),
  updateDevice: (_parent, { id, input }, ctx) => ctx.thingscloud.updateDevice(deviceId(id), input),
  deleteDevice: async (_parent, { id }, ctx) => {
    const nativeId = deviceId(id);
    await ctx.thingscloud.deleteDevice(nativeId);
    return { deletedId: toGlobalId('Device', 'THINGSCLOUD', nativeId) };
  },
  setDeviceTags: (_parent, { id, tags }, ctx) => ctx.thingscloud.setDeviceTags(deviceId(id), tags),
  removeDeviceTags: (_parent, { id, keys }, ctx) => ctx.thingscloud.removeDeviceTags(deviceId(id), keys),
  setDeviceGroups: (_parent, { id, groupIds }, ctx) =>
    ctx.thingscloud.setDeviceGroups(
      deviceId(id),
      groupIds.map((groupId) => expectGlobalId(groupId, 'DeviceGroup').nativeId),
    ),
  setDeviceStandardExtendInfo: (_parent, { id, infoType, value }, ctx) => ctx.thingscloud.setStandardExtendInfo(deviceId(id), infoType, value),
  setDeviceExtendInfos: (_parent, { id, infos }, ctx) => ctx.thingscloud.setCustomExtendInfos(deviceId(id), infos),
  removeDeviceAttributes: (_parent, { id, identifiers }, ctx) => ctx.thingscloud.removeAttributes(deviceId(id), identifiers),
  pushDeviceAttributes: (_parent, { id, values }, ctx) => ctx.thingscloud.pushAttributes(deviceId(id), values),
  updateDeviceCloudAttributes: (_parent, { id, values }, ctx) => ctx.thingscloud.updateCloudAttributes(deviceId(id), values),
  sendDeviceCommand: (_parent, { id, input }, ctx) => ctx.thingscloud.sendCommand(deviceId(id), input),
  sendDeviceDataStream: (_parent, { id, input }, ctx) => ctx.thingscloud.sendDataStream(deviceId(id), { ...input, pushMode: input.pushMode ?? 'MQTT' }),

  createThingsCloudCustomer: (_parent, { input }, ctx) => ctx.thingscloud.createCustomer(input),
  updateThingsCloudCustomer: (_parent, { id, input }, ctx) => ctx.thingscloud.updateCustomer(customerId(id), input),
  setThingsCloudCustomerPassword: (_parent, { id, password }, ctx) => ctx.thingscloud.setCustomerPassword(customerId(id), password),
  setThingsCloudCustomerTags: (_parent, { id, tags }, ctx) => ctx.thingscloud.setCustomerTags(customerId(id), tags),
  deleteThingsCloudCustomer: async (_parent, { id }, ctx) => {
    const nativeId = customerId(id);
    await ctx.thingscloud.deleteCustomer(nativeId);
    return { deletedId: toGlobalId('ThingsCloudCustomer', 'THINGSCLOUD', nativeId) };
  },
  verifyThingsCloudCustomerLogin: (_parent, { account, password }, ctx) => ctx.thingscloud.verifyCustomerLogin(account, password),
};
