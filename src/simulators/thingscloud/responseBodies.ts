import { currentSample } from './attributeSeries.js';
import type { CustomerRecord, DeviceRecord, DeviceTypeRecord, ExtendInfoDefinition, GroupRecord, ThingsCloudState } from './types.js';

/** Turns records into the documented response shapes. */

export interface DeviceAlarmState {
  alarm_status: number;
  alarm_level: number;
  update_time?: number;
}

/** A device's alarm state is that of its newest alarm log (raised → alarming at that level; recovered → normal). */
export function alarmStates(state: ThingsCloudState): Map<string, DeviceAlarmState> {
  const states = new Map<string, DeviceAlarmState>();
  for (const log of state.alarmLogs) {
    if (states.has(log.device_id)) continue;
    states.set(log.device_id, { alarm_status: log.alarm_status, alarm_level: log.alarm_status === 1 ? log.alarm_level : 0, update_time: log.create_time });
  }
  return states;
}

/** Latest timestamp among a device's current attribute values, if it has any. */
function lastReport(device: DeviceRecord, now: number): number | null {
  let latest: number | null = null;
  for (const attribute of device.attributes.values()) {
    const sample = currentSample(device.id, attribute, device.reportIntervalMs, now);
    if (sample !== null && (latest === null || sample.ts > latest)) latest = sample.ts;
  }
  return latest;
}

export function deviceListItem(state: ThingsCloudState, device: DeviceRecord, alarms: Map<string, DeviceAlarmState>, now: number) {
  const type: DeviceTypeRecord | undefined = state.deviceTypes.get(device.type);
  const reported = lastReport(device, now);
  return {
    id: device.id,
    name: device.name,
    descr: device.descr,
    device_key: device.device_key,
    tags: { ...device.tags },
    create_time: device.create_time,
    alarm: alarms.get(device.id) ?? { alarm_status: 0, alarm_level: 0 },
    active: reported === null ? { ...device.active } : { ...device.active, attributes_report_time: reported },
    online: device.online,
    type: device.type,
    type_info: type === undefined ? null : { id: type.id, name: type.name, conn_type: type.conn_type, conn_protocol: type.conn_protocol },
  };
}

export function deviceDetail(state: ThingsCloudState, device: DeviceRecord, now: number) {
  return {
    ...deviceListItem(state, device, alarmStates(state), now),
    groups: [...device.groups],
    view_token: device.view_token,
    device_code: device.device_code,
  };
}

export function deviceTypeItem(state: ThingsCloudState, type: DeviceTypeRecord) {
  let deviceCount = 0;
  for (const device of state.devices.values()) if (device.type === type.id) deviceCount++;
  return {
    id: type.id, name: type.name, descr: type.descr, tags: { ...type.tags }, create_time: type.create_time,
    device_count: deviceCount, conn_protocol: type.conn_protocol, conn_type: type.conn_type,
  };
}

export function extendInfoDefinitionItem(def: ExtendInfoDefinition) {
  return { ...def, options: { ...def.options } };
}

/** A device's extend infos: every enabled definition of its type, with the device's value (null when never set). */
export function deviceExtendInfoItems(state: ThingsCloudState, device: DeviceRecord) {
  const type = state.deviceTypes.get(device.type);
  return (type?.extendInfos ?? []).filter((def) => def.enabled).map((def) => {
    const stored = def.is_standard ? device.standardInfos[def.info_type] : device.customInfos[def.id];
    return {
      id: def.id, info_type: def.info_type, name: def.name, descr: def.descr,
      value: stored === undefined ? null : structuredClone(stored.value),
      options: { ...def.options },
      create_time: stored?.create_time ?? def.create_time,
      update_time: stored?.update_time ?? def.update_time,
      is_standard: def.is_standard,
    };
  });
}

/** Groups as a tree; every level carries the same fields, `children` included (the doc shows two levels). */
export function groupTree(state: ThingsCloudState) {
  const childrenOf = new Map<string | null, GroupRecord[]>();
  for (const group of state.groups.values()) {
    const siblings = childrenOf.get(group.parentId) ?? [];
    siblings.push(group);
    childrenOf.set(group.parentId, siblings);
  }
  type Node = { id: string; name: string; descr: string; tags: Record<string, string>; create_time: number; children: Node[] };
  const build = (parentId: string | null): Node[] => (childrenOf.get(parentId) ?? []).map((group) => ({
    id: group.id, name: group.name, descr: group.descr, tags: { ...group.tags }, create_time: group.create_time, children: build(group.id),
  }));
  return build(null);
}

/** The group and all groups below it. */
export function groupWithDescendants(state: ThingsCloudState, groupId: string): Set<string> {
  const ids = new Set<string>([groupId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const group of state.groups.values()) {
      if (group.parentId !== null && ids.has(group.parentId) && !ids.has(group.id)) {
        ids.add(group.id);
        grew = true;
      }
    }
  }
  return ids;
}

function customerDeviceCount(state: ThingsCloudState, customer: CustomerRecord): number {
  return customer.deviceIds.filter((id) => state.devices.has(id)).length;
}

export function customerListItem(state: ThingsCloudState, customer: CustomerRecord) {
  return {
    id: customer.id, account: customer.account, name: customer.name, descr: customer.descr, role_id: customer.role_id,
    email: customer.email, mobile: customer.mobile, tags: { ...customer.tags }, locale: customer.locale, create_time: customer.create_time,
    count: { device_count: customerDeviceCount(state, customer) },
  };
}

/** `GET /customer/:id` documents the same fields as the list minus `role_id`. */
export function customerDetail(state: ThingsCloudState, customer: CustomerRecord) {
  return {
    id: customer.id, account: customer.account, name: customer.name, descr: customer.descr, email: customer.email, mobile: customer.mobile,
    tags: { ...customer.tags }, locale: customer.locale, create_time: customer.create_time, count: { device_count: customerDeviceCount(state, customer) },
  };
}
