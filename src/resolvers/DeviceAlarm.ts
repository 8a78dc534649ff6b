import type { DeviceAlarmResolvers } from '../__generated__/resolvers-types.js';
import { toGlobalId } from '../globalId.js';

export const DeviceAlarm: DeviceAlarmResolvers = {
  id: (alarm) => toGlobalId('DeviceAlarm', alarm.source, alarm.nativeId),
  // Through the per-request loader: a hundred alarms of ten devices cost ten device reads.
  device: (alarm, _args, ctx) => ctx.thingscloud.device(alarm.deviceNativeId),
};

