import type { DeviceAlarmResolvers } from '../__generated__/resolvers-types.js';
import { toGlobalId } from '../globalId.js';
import { deviceShapeOf } from './deviceSelection.js';

export const DeviceAlarm: DeviceAlarmResolvers = {
  id: (alarm) => toGlobalId('DeviceAlarm', alarm.source, alarm.nativeId),
  // Through the per-request loader: a hundred alarms of ten devices cost ten device reads, or the
  // device list's pages when those are fewer and the selection needs nothing the list lacks.
  device: (alarm, _args, ctx, info) => ctx.thingscloud.device(alarm.deviceNativeId, deviceShapeOf(info)),
};

