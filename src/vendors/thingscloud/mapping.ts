import type {
  AttributeDataType,
  AttributeValueModel,
  DeviceAlarmModel,
  DeviceAlarmStatsModel,
  DeviceAttributeModel,
  DeviceAttributePointModel,
  DeviceCertificateModel,
  DeviceExtendInfoDefinitionModel,
  DeviceExtendInfoModel,
  DeviceGroupModel,
  DeviceModel,
  DeviceStatsModel,
  DeviceTypeModel,
  ThingsCloudAdminModel,
  ThingsCloudCustomerModel,
  ThingsCloudCustomerRoleModel,
  ThingsCloudProjectModel,
  ThingsCloudSessionModel,
} from '../../models.js';
import type {
  RawAdmin,
  RawAdminToken,
  RawAlarmLog,
  RawAttribute,
  RawCertificate,
  RawCustomer,
  RawCustomerRole,
  RawDevice,
  RawDeviceDetail,
  RawDeviceExtendInfo,
  RawDevicesAlarmStat,
  RawDevicesStat,
  RawDeviceType,
  RawExtendInfoDefinition,
  RawGroupNode,
  RawProject,
  RawSeriesPoint,
} from './types.js';

/** Pure raw → model mapping. ThingsCloud times are epoch milliseconds; they become ISO-8601 UTC. */

const source = 'THINGSCLOUD' as const;

/** Epoch ms → ISO-8601 UTC; null for a missing time. */
export function epochIso(ms: number): string;
export function epochIso(ms: number | null): string | null;
export function epochIso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** Empty strings are how the vendor says "none" (an untyped device has `type: ""`). */
function nonEmpty(value: string | null): string | null {
  return value === null || value === '' ? null : value;
}

export function deviceOf(raw: RawDevice | RawDeviceDetail): DeviceModel {
  const detail = 'groups' in raw ? { groupNativeIds: raw.groups, viewToken: raw.view_token, deviceCode: raw.device_code } : null;
  return {
    kind: 'Device',
    source,
    nativeId: raw.id,
    name: raw.name,
    description: nonEmpty(raw.descr),
    deviceKey: nonEmpty(raw.device_key),
    tags: raw.tags,
    createdAt: epochIso(raw.create_time),
    online: raw.online,
    alarmState: raw.alarm,
    activity: raw.active,
    typeNativeId: nonEmpty(raw.type) ?? raw.type_info?.id ?? null,
    typeSummary: raw.type_info && { nativeId: raw.type_info.id, name: raw.type_info.name, connType: raw.type_info.conn_type, connProtocol: raw.type_info.conn_protocol },
    detail,
  };
}

export function deviceTypeOf(raw: RawDeviceType): DeviceTypeModel {
  return {
    kind: 'DeviceType',
    source,
    nativeId: raw.id,
    name: raw.name,
    description: nonEmpty(raw.descr),
    tags: raw.tags,
    createdAt: epochIso(raw.create_time),
    deviceCount: raw.device_count,
    connProtocol: raw.conn_protocol,
    connType: raw.conn_type,
  };
}

/**
 * A device's type as the device read names it. The fields `type_info` lacks (description, tags,
 * creation time, device count) are left empty: only for selections that ask none of them.
 */
export function deviceTypeOfSummary(summary: NonNullable<DeviceModel['typeSummary']>): DeviceTypeModel {
  return { kind: 'DeviceType', source, ...summary, description: null, tags: {}, createdAt: null, deviceCount: null };
}

/** The vendor's nested tree, kept as a tree; each group knows its parent. */
export function deviceGroupTreeOf(roots: RawGroupNode[], parentNativeId: string | null = null): DeviceGroupModel[] {
  return roots.map((raw) => ({
    kind: 'DeviceGroup',
    source,
    nativeId: raw.id,
    name: raw.name,
    description: nonEmpty(raw.descr),
    tags: raw.tags,
    createdAt: epochIso(raw.create_time),
    parentNativeId,
    children: deviceGroupTreeOf(raw.children, raw.id),
  }));
}

/** Every group of a tree by ID, at any depth. */
export function indexGroups(roots: DeviceGroupModel[], into = new Map<string, DeviceGroupModel>()): Map<string, DeviceGroupModel> {
  for (const group of roots) {
    into.set(group.nativeId, group);
    indexGroups(group.children, into);
  }
  return into;
}

export function extendInfoDefinitionOf(raw: RawExtendInfoDefinition): DeviceExtendInfoDefinitionModel {
  return {
    nativeId: raw.id,
    infoType: raw.info_type,
    name: raw.name,
    description: nonEmpty(raw.descr),
    enabled: raw.enabled,
    options: raw.options,
    createdAt: epochIso(raw.create_time),
    updatedAt: epochIso(raw.update_time),
    isStandard: raw.is_standard,
  };
}

export function deviceExtendInfoOf(raw: RawDeviceExtendInfo): DeviceExtendInfoModel {
  const { enabled: _notSent, ...definition } = extendInfoDefinitionOf({ ...raw, enabled: raw.enabled ?? true });
  return { ...definition, value: raw.value };
}

/** The vendor's `data_type` names: the console's `number`/`string`/`boolean`/`json`, plus spellings other tools use. */
const dataTypes: Record<string, AttributeDataType> = {
  number: 'NUMBER',
  int: 'NUMBER',
  integer: 'NUMBER',
  float: 'NUMBER',
  double: 'NUMBER',
  string: 'STRING',
  text: 'STRING',
  enum: 'STRING',
  boolean: 'BOOLEAN',
  bool: 'BOOLEAN',
  json: 'JSON',
  object: 'JSON',
};

export function dataTypeOf(vendorDataType: string | null): AttributeDataType {
  return (vendorDataType && dataTypes[vendorDataType.toLowerCase()]) || 'OTHER';
}

/** A value with typed views that are set only when the declared type and the value agree (nothing is coerced). */
export function attributeValueOf(value: unknown, vendorDataType: string | null): AttributeValueModel {
  const dataType = dataTypeOf(vendorDataType);
  return {
    value,
    dataType,
    vendorDataType,
    numberValue: dataType === 'NUMBER' && typeof value === 'number' ? value : null,
    stringValue: dataType === 'STRING' && typeof value === 'string' ? value : null,
    booleanValue: dataType === 'BOOLEAN' && typeof value === 'boolean' ? value : null,
  };
}

export function attributeOf(raw: RawAttribute): DeviceAttributeModel {
  const vendorDataType = raw.data_type ?? raw.model?.data_type ?? null;
  return {
    identifier: raw.identifier,
    ...attributeValueOf(raw.value, vendorDataType),
    attrType: raw.attr_type ?? raw.model?.attr_type ?? null,
    at: epochIso(raw.ts),
    definition: raw.model && {
      name: raw.model.name,
      attrType: raw.model.attr_type,
      dataType: dataTypeOf(raw.model.data_type),
      vendorDataType: raw.model.data_type,
      options: raw.model.data_options,
    },
  };
}

export function attributePointOf(raw: RawSeriesPoint): DeviceAttributePointModel {
  return { at: epochIso(raw.ts), ...attributeValueOf(raw.value, raw.type) };
}

export function certificateOf(raw: RawCertificate): DeviceCertificateModel {
  return { deviceNativeId: raw.id, deviceName: raw.name, accessToken: raw.access_token, projectKey: raw.project_key };
}

const alarmLevels: Record<number, DeviceAlarmModel['level']> = { 1: 'NORMAL', 2: 'SERIOUS', 3: 'URGENT' };

export function alarmOf(raw: RawAlarmLog): DeviceAlarmModel {
  return {
    kind: 'DeviceAlarm',
    source,
    nativeId: raw.id,
    deviceNativeId: raw.device_id,
    deviceName: raw.device?.name ?? null,
    level: alarmLevels[raw.alarm_level] ?? null,
    vendorLevel: raw.alarm_level,
    vendorStatus: raw.alarm_status,
    info: raw.alarm_info,
    notifyLogs: raw.notify_logs,
    createdAt: epochIso(raw.create_time),
  };
}

export function customerOf(raw: RawCustomer): ThingsCloudCustomerModel {
  return {
    kind: 'ThingsCloudCustomer',
    source,
    nativeId: raw.id,
    account: raw.account,
    name: raw.name,
    description: nonEmpty(raw.descr),
    email: nonEmpty(raw.email),
    mobile: nonEmpty(raw.mobile),
    tags: raw.tags,
    locale: nonEmpty(raw.locale),
    createdAt: epochIso(raw.create_time),
    deviceCount: raw.count.device_count ?? null,
    roleNativeId: nonEmpty(raw.role_id ?? null),
  };
}

export function customerRoleOf(raw: RawCustomerRole): ThingsCloudCustomerRoleModel {
  return {
    kind: 'ThingsCloudCustomerRole',
    source,
    nativeId: raw.id,
    name: raw.name,
    description: nonEmpty(raw.descr),
    allowOperateDevice: raw.allow_operate_device,
    allowAlarmMsgMaintain: raw.allow_alarm_msg_maintain,
    allowAddDevice: raw.allow_add_device,
    createdAt: epochIso(raw.create_time),
    customerCount: raw.customer_count,
  };
}

export function projectOf(raw: RawProject): ThingsCloudProjectModel {
  return { kind: 'ThingsCloudProject', source, nativeId: raw.id, name: raw.name, description: nonEmpty(raw.descr), tags: raw.tags };
}

export function deviceStatsOf(raw: RawDevicesStat): DeviceStatsModel {
  return {
    total: raw.device_total,
    online: raw.online_device_total,
    offline: raw.offline_device_total,
    active: raw.active_device_total,
    inactive: raw.inactive_device_total,
    alarming: raw.alarm_device_total,
  };
}

export function deviceAlarmStatsOf(raw: RawDevicesAlarmStat): DeviceAlarmStatsModel {
  return {
    total: raw.device_total,
    normalLevel: raw.alarm_1_total,
    seriousLevel: raw.alarm_2_total,
    urgentLevel: raw.alarm_3_total,
    withoutAlarm: raw.normal_total,
  };
}

export function adminOf(raw: RawAdmin): ThingsCloudAdminModel {
  return { kind: 'ThingsCloudAdmin', source, nativeId: raw.id, account: raw.account, name: nonEmpty(raw.name), email: nonEmpty(raw.email), tags: raw.tags };
}

/** `issuedAt` is when Tessera received the token (ms); `admin_login` tokens last 7 days unless the vendor says otherwise. */
export function adminSessionOf(raw: RawAdminToken, issuedAt: number, defaultLifetimeMs: number): ThingsCloudSessionModel {
  const lifetimeMs = raw.expires_in !== undefined ? raw.expires_in * 1000 : defaultLifetimeMs;
  return { accessToken: raw.access_token, expiresAt: new Date(issuedAt + lifetimeMs).toISOString() };
}
