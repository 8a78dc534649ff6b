import { z } from 'zod';

/**
 * ThingsCloud's raw payloads, with the vendor's own field names, as documented in
 * `shared/vendor-docs/thingscloud.md`. Every response is an envelope `{result, info}`;
 * these schemas describe `info`. Parsed on arrival so a payload of the wrong shape fails
 * at the edge. Times are epoch milliseconds. The doc shows most fields on every record but
 * says little about which may be empty, so text and maps tolerate absence.
 */

/** Epoch milliseconds. */
const epochMs = z.number().finite();
const optionalEpochMs = epochMs.nullish().transform((v) => v ?? null);
const text = z.string().nullish().transform((v) => v ?? null);
const tags = z.record(z.string(), z.unknown()).nullish().transform((v) => v ?? {});
const anyObject = z.record(z.string(), z.unknown());

/** Success is `{result: true, info}`; failure `{result: false, errcode, message, errors}` (often still HTTP 200). */
export const rawEnvelope = z.object({
  result: z.boolean(),
  info: z.unknown().optional(),
  errcode: z.number().optional(),
  message: z.string().optional(),
});
export type RawEnvelope = z.infer<typeof rawEnvelope>;

/** `errors` of a failure envelope; undocumented beyond `[]`, read leniently. */
export const rawFailureDetails = z.object({
  errors: z.array(z.object({ field: z.string(), message: z.string() }).passthrough()).optional().catch(undefined),
});

export const rawAppToken = z.object({ access_token: z.string().min(1), expires_in: z.number().int().positive() });
export type RawAppToken = z.infer<typeof rawAppToken>;

/** `admin_login` documents no `expires_in`: the token lasts 7 days. */
export const rawAdminToken = z.object({ access_token: z.string().min(1), expires_in: z.number().int().positive().optional() });
export type RawAdminToken = z.infer<typeof rawAdminToken>;

export const rawProject = z.object({ id: z.string(), name: z.string(), descr: text, tags });
export type RawProject = z.infer<typeof rawProject>;

export const rawDevicesStat = z.object({
  device_total: z.number(),
  online_device_total: z.number(),
  offline_device_total: z.number(),
  active_device_total: z.number(),
  inactive_device_total: z.number(),
  alarm_device_total: z.number(),
});
export type RawDevicesStat = z.infer<typeof rawDevicesStat>;

export const rawDevicesAlarmStat = z.object({
  device_total: z.number(),
  alarm_1_total: z.number(),
  alarm_2_total: z.number(),
  alarm_3_total: z.number(),
  normal_total: z.number(),
});
export type RawDevicesAlarmStat = z.infer<typeof rawDevicesAlarmStat>;

export const rawDeviceType = z.object({
  id: z.string(),
  name: z.string(),
  descr: text,
  tags,
  create_time: optionalEpochMs,
  device_count: z.number().nullish().transform((v) => v ?? null),
  conn_protocol: text,
  conn_type: text,
});
export type RawDeviceType = z.infer<typeof rawDeviceType>;

export const rawExtendInfoDefinition = z.object({
  id: z.string(),
  info_type: z.string(),
  name: z.string(),
  descr: text,
  enabled: z.boolean(),
  options: anyObject.nullish().transform((v) => v ?? {}),
  create_time: optionalEpochMs,
  update_time: optionalEpochMs,
  is_standard: z.boolean(),
});
export type RawExtendInfoDefinition = z.infer<typeof rawExtendInfoDefinition>;

/** A device's extend info: the definition plus the device's value (any JSON; null when never set). */
export const rawDeviceExtendInfo = rawExtendInfoDefinition.omit({ enabled: true }).extend({
  enabled: z.boolean().optional(),
  value: z.unknown().transform((v) => v ?? null),
});
export type RawDeviceExtendInfo = z.infer<typeof rawDeviceExtendInfo>;

/** A node of the group tree. The doc shows `create_time` and `children` only on the top level; any level may have both. */
export interface RawGroupNode {
  id: string;
  name: string;
  descr: string | null;
  tags: Record<string, unknown>;
  create_time: number | null;
  children: RawGroupNode[];
}
export const rawGroupNode: z.ZodType<RawGroupNode, unknown> = z.lazy(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    descr: text,
    tags,
    create_time: optionalEpochMs,
    children: z.array(rawGroupNode).nullish().transform((v) => v ?? []),
  }),
);

const rawTypeInfo = z.object({ id: z.string(), name: z.string(), conn_type: text, conn_protocol: text });

/** A device as `GET /devices` lists it. `alarm` and `active` are objects the doc does not describe. */
export const rawDevice = z.object({
  id: z.string(),
  name: z.string(),
  descr: text,
  device_key: text,
  tags,
  create_time: optionalEpochMs,
  alarm: anyObject.nullish().transform((v) => v ?? {}),
  active: anyObject.nullish().transform((v) => v ?? {}),
  online: z.boolean(),
  /** Device type ID; empty for an untyped device. */
  type: text,
  type_info: rawTypeInfo.nullish().transform((v) => v ?? null),
});
export type RawDevice = z.infer<typeof rawDevice>;

/** `GET /device/:id` adds the groups, the view token and the device code. */
export const rawDeviceDetail = rawDevice.extend({
  groups: z.array(z.string()),
  view_token: text,
  device_code: text,
});
export type RawDeviceDetail = z.infer<typeof rawDeviceDetail>;

export const rawDeviceList = z.object({
  items: z.array(rawDevice),
  total: z.number().int().nonnegative(),
  page_total: z.number().int().nonnegative().optional(),
});
export type RawDeviceList = z.infer<typeof rawDeviceList>;

export const rawCertificate = z.object({ id: z.string(), name: z.string(), access_token: z.string(), project_key: z.string() });
export type RawCertificate = z.infer<typeof rawCertificate>;

/** A customer ("用户") as listed; the single-record read omits `role_id`. */
export const rawCustomer = z.object({
  id: z.string(),
  account: z.string(),
  name: z.string(),
  descr: text,
  role_id: text.optional(),
  email: text,
  mobile: text,
  tags,
  locale: text,
  create_time: optionalEpochMs,
  count: z.object({ device_count: z.number() }).partial().nullish().transform((v) => v ?? {}),
});
export type RawCustomer = z.infer<typeof rawCustomer>;

export const rawCustomerRole = z.object({
  id: z.string(),
  name: z.string(),
  descr: text,
  allow_operate_device: z.boolean(),
  allow_alarm_msg_maintain: z.boolean(),
  allow_add_device: z.boolean(),
  create_time: optionalEpochMs,
  customer_count: z.number().nullish().transform((v) => v ?? null),
});
export type RawCustomerRole = z.infer<typeof rawCustomerRole>;

export const rawAttributeModel = z.object({
  name: z.string(),
  attr_type: text,
  data_type: text,
  data_options: anyObject.nullish().transform((v) => v ?? {}),
});

/** One current attribute with its model; `value` is whatever the device sent. */
export const rawAttribute = z.object({
  identifier: z.string(),
  value: z.unknown().transform((v) => v ?? null),
  attr_type: text,
  data_type: text,
  ts: optionalEpochMs,
  model: rawAttributeModel.nullish().transform((v) => v ?? null),
});
export type RawAttribute = z.infer<typeof rawAttribute>;

/** `attributes_raw`: identifier → current value. */
export const rawAttributeMap = z.record(z.string(), z.unknown());

export const rawSeriesPoint = z.object({ ts: epochMs, name: text, value: z.unknown().transform((v) => v ?? null), type: text });
export type RawSeriesPoint = z.infer<typeof rawSeriesPoint>;

export const rawAlarmLog = z.object({
  id: z.string(),
  device_id: z.string(),
  alarm_status: z.number(),
  alarm_level: z.number(),
  alarm_info: anyObject.nullish().transform((v) => v ?? {}),
  create_time: epochMs,
  notify_logs: z.array(z.unknown()).nullish().transform((v) => v ?? []),
  device: z.object({ id: z.string(), name: text }).nullish().transform((v) => v ?? null),
});
export type RawAlarmLog = z.infer<typeof rawAlarmLog>;

export const rawAdmin = z.object({ id: z.string(), account: z.string(), name: text, email: text, tags });
export type RawAdmin = z.infer<typeof rawAdmin>;

/** What create and `customer_auth` answer. */
export const rawCreated = z.object({ id: z.string(), name: text });
export type RawCreated = z.infer<typeof rawCreated>;

/** `{ items: [...] }`, the shape of every unpaged list. */
export function rawItems<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}

/** Writes answer `info: {}` or echo what they updated: any object. */
export const rawWriteInfo = anyObject;
