/**
 * The simulator's own records of a ThingsCloud project. Field names follow the
 * vendor's wire names where a record is echoed back; everything else is internal.
 * Times are epoch milliseconds on the simulator clock.
 */

export type Tags = Record<string, string>;

/** `data_type` of an attribute model, as the console offers them. */
export type AttributeDataType = 'number' | 'string' | 'boolean' | 'json';

/** `attr_type`: reported by the device, pushed to the device, or kept in the cloud only. */
export type AttributeKind = 'report' | 'push' | 'cloud';

/** How the simulator invents the history of a generated attribute. */
export type SeriesGenerator =
  | 'temperature' | 'humidity' | 'battery' | 'switch' | 'power' | 'energy' | 'rssi' | 'uptime'
  | 'pm25' | 'co2' | 'status' | 'meter' | 'firmware' | 'mode' | 'config';

export interface AttributeModel {
  identifier: string;
  name: string;
  attr_type: AttributeKind;
  data_type: AttributeDataType;
  data_options: Record<string, unknown>;
  generator: SeriesGenerator;
}

/** A device type's extend-info definition; custom ones carry a scalar value per device. */
export interface ExtendInfoDefinition {
  id: string;
  /** Standard: `location` | `contact`. Custom: `text` | `number` | `switch` | `select`. */
  info_type: string;
  name: string;
  descr: string;
  enabled: boolean;
  options: Record<string, unknown>;
  create_time: number;
  update_time: number;
  is_standard: boolean;
}

export interface DeviceTypeRecord {
  id: string;
  name: string;
  descr: string;
  tags: Tags;
  create_time: number;
  conn_protocol: string;
  conn_type: string;
  extendInfos: ExtendInfoDefinition[];
  attributeModels: AttributeModel[];
}

export interface GroupRecord {
  id: string;
  name: string;
  descr: string;
  tags: Tags;
  create_time: number;
  parentId: string | null;
}

/** One attribute a device currently has. History = generated samples (while generated) + written values. */
export interface DeviceAttributeState {
  identifier: string;
  /** The generator producing samples, or null for attributes that only ever got written values. */
  generator: SeriesGenerator | null;
  data_type: AttributeDataType;
  attr_type: AttributeKind;
  /** Generated samples exist on a grid within [generatedFrom, generatedUntil ?? now]. */
  generatedFrom: number;
  generatedUntil: number | null;
  /** Values written through the API (push / cloud attributes), oldest first. */
  writes: Array<{ ts: number; value: unknown }>;
}

export interface ExtendInfoValue {
  value: unknown;
  create_time: number;
  update_time: number;
}

export interface DeviceRecord {
  id: string;
  name: string;
  descr: string;
  device_key: string;
  tags: Tags;
  create_time: number;
  /** Device type id, or '' for an untyped device. */
  type: string;
  groups: string[];
  online: boolean;
  /** Latest timestamp of each kind of message; empty for a device that never connected. */
  active: Record<string, number>;
  view_token: string;
  device_code: string;
  certificate: { access_token: string; project_key: string };
  /** Sampling interval of generated attributes, in ms. */
  reportIntervalMs: number;
  attributes: Map<string, DeviceAttributeState>;
  /** Standard infos keyed by info_type (object values); custom infos keyed by definition id. */
  standardInfos: Record<string, ExtendInfoValue>;
  customInfos: Record<string, ExtendInfoValue>;
}

export interface AlarmLogRecord {
  id: string;
  device_id: string;
  /** 1 = alarm raised, 0 = recovered. */
  alarm_status: number;
  /** 1 普通 (normal), 2 严重 (serious), 3 紧急 (urgent). */
  alarm_level: number;
  alarm_info: Record<string, unknown>;
  create_time: number;
  notify_logs: Array<Record<string, unknown>>;
  /** Name as it was when the alarm was logged; logs outlive their device. */
  device: { id: string; name: string };
}

export interface CustomerRoleRecord {
  id: string;
  name: string;
  descr: string;
  allow_operate_device: boolean;
  allow_alarm_msg_maintain: boolean;
  allow_add_device: boolean;
  create_time: number;
}

export interface CustomerRecord {
  id: string;
  account: string;
  password: string;
  name: string;
  descr: string;
  role_id: string;
  email: string;
  mobile: string;
  tags: Tags;
  locale: string;
  create_time: number;
  deviceIds: string[];
}

export interface AdminRecord {
  id: string;
  account: string;
  password: string;
  name: string;
  email: string;
  tags: Tags;
}

export interface ProjectRecord {
  id: string;
  name: string;
  descr: string;
  tags: Tags;
  /** Project key printed in every device certificate. */
  project_key: string;
}

/** Something a device was sent through the control API, as the device would have received it. */
export type DeviceMessage =
  | { kind: 'attributes'; device_id: string; ts: number; online: boolean; payload: Record<string, unknown> }
  | { kind: 'command'; device_id: string; ts: number; online: boolean; payload: { method: string; params: Record<string, unknown>; id: number } }
  | { kind: 'data'; device_id: string; ts: number; online: boolean; identifier: string; push_mode: 'mqtt' | 'tcp'; payload: { type: 'hex' | 'text' | 'json'; msg: unknown } };

export interface ThingsCloudCredentials {
  appId: string;
  accessKey: string;
  secretKey: string;
  adminAccount: string;
  adminPassword: string;
}

export interface ThingsCloudState {
  project: ProjectRecord;
  admins: AdminRecord[];
  deviceTypes: Map<string, DeviceTypeRecord>;
  groups: Map<string, GroupRecord>;
  /** Insertion order is creation order. */
  devices: Map<string, DeviceRecord>;
  /** Newest first. */
  alarmLogs: AlarmLogRecord[];
  customerRoles: Map<string, CustomerRoleRecord>;
  customers: Map<string, CustomerRecord>;
  received: DeviceMessage[];
}
