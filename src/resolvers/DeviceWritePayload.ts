import type { DeviceWritePayloadResolvers, ThingsCloudCustomerLoginResultResolvers } from '../__generated__/resolvers-types.js';

export const DeviceWritePayload: DeviceWritePayloadResolvers = {
  device: (payload, _args, ctx) => ctx.thingscloud.device(payload.deviceNativeId),
};

export const ThingsCloudCustomerLoginResult: ThingsCloudCustomerLoginResultResolvers = {
  customer: (result, _args, ctx) => (result.customerNativeId ? ctx.thingscloud.customer(result.customerNativeId) : null),
};
