import type { DeviceAlarmResolvers } from '../__generated__/resolvers-types.js';
import { toGlobalId } from '../globalId.js';
import type { DeviceAlarmModel, Page } from '../models.js';
import { toConnection } from '../pagination.js';

export const DeviceAlarm: DeviceAlarmResolvers = {
  id: (alarm) => toGlobalId('DeviceAlarm', alarm.source, alarm.nativeId),
  // Through the per-request loader: a hundred alarms of ten devices cost ten device reads.
  device: (alarm, _args, ctx) => ctx.thingscloud.device(alarm.deviceNativeId),
};

/** ThingsCloud reports no total for alarm logs, so `totalCount` is null unless the page says otherwise. */
export function toDeviceAlarmConnection(page: Page<DeviceAlarmModel> & { totalKnown: boolean }) {
  return { ...toConnection(page), totalCount: page.totalKnown ? page.total : null };
}
