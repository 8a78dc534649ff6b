import { createPrng } from '../kit/createPrng.js';
import { objectId } from './objectId.js';
import type {
  AlarmLogRecord, AttributeModel, CustomerRecord, CustomerRoleRecord, DeviceAttributeState, DeviceRecord,
  DeviceTypeRecord, ExtendInfoDefinition, ExtendInfoValue, GroupRecord, ThingsCloudCredentials, ThingsCloudState,
} from './types.js';

/** Credentials the seeded project accepts (an API app and one administrator). */
export const thingsCloudDemoCredentials: Readonly<ThingsCloudCredentials> = Object.freeze({
  appId: 'tc_app_7f3a9c2e51',
  accessKey: 'AKTC8QZ2M4X7DEMO',
  secretKey: 'SKTC3f9b2c7d1e6a4b8c9d0e5f2a7b1c6d',
  adminAccount: 'admin',
  adminPassword: 'Tessera@2024',
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const typeKeys = ['th', 'relay', 'meter', 'gateway', 'air'] as const;
type TypeKey = (typeof typeKeys)[number];

const groupKeys = ['east', 'shPlant', 'ws1', 'ws2', 'hzWarehouse', 'zoneA', 'south', 'szOffice', 'sz3f', 'szMeeting', 'lab', 'retired'] as const;
type GroupKey = (typeof groupKeys)[number];

/** Ids of seeded records, for tests and the report; every run of the seed produces the same ones. */
export const thingsCloudSeedIds = Object.freeze({
  project: objectId('project'),
  admin: objectId('admin', 0),
  deviceTypes: Object.freeze(Object.fromEntries(typeKeys.map((k) => [k, objectId('device_type', k)])) as Record<TypeKey, string>),
  groups: Object.freeze(Object.fromEntries(groupKeys.map((k) => [k, objectId('group', k)])) as Record<GroupKey, string>),
  customerRoles: Object.freeze({ engineer: objectId('customer_role', 'engineer'), visitor: objectId('customer_role', 'visitor'), dealer: objectId('customer_role', 'dealer') }),
  /** The i-th seeded device (0–199), oldest first. */
  device: (index: number) => objectId('device', index),
  /** The i-th seeded customer (0–23). */
  customer: (index: number) => objectId('customer', index),
});

/** A seeded customer whose password `customer_auth` accepts: customer 0. */
export const thingsCloudDemoCustomer = Object.freeze({ account: 'zhangwei', password: 'Demo#1000' });

export const SEED_DEVICE_COUNT = 200;


interface TypeSpec {
  name: string;
  short: { zh: string; en: string };
  descr: string;
  conn_protocol: string;
  conn_type: string;
  tags: Record<string, string>;
  reportIntervalMs: number;
  models: AttributeModel[];
  custom: Array<{ key: string; info_type: 'text' | 'number' | 'switch' | 'select'; name: string; options: Record<string, unknown>; enabled?: boolean }>;
}

const model = (identifier: string, name: string, attr_type: AttributeModel['attr_type'], data_type: AttributeModel['data_type'], generator: AttributeModel['generator'], data_options: Record<string, unknown> = {}): AttributeModel =>
  ({ identifier, name, attr_type, data_type, generator, data_options });

const typeSpecs: Record<TypeKey, TypeSpec> = {
  th: {
    name: '温湿度传感器', short: { zh: '温湿度', en: 'TH Sensor' }, descr: 'LoRa/4G 温湿度变送器', conn_protocol: 'mqtt', conn_type: 'direct',
    tags: { category: 'sensor' }, reportIntervalMs: 5 * 60_000,
    models: [
      model('temperature', '温度', 'report', 'number', 'temperature', { unit: '°C', min: -40, max: 85, decimals: 1 }),
      model('humidity', '湿度', 'report', 'number', 'humidity', { unit: '%RH', min: 0, max: 100, decimals: 1 }),
      model('battery', '电池电量', 'report', 'number', 'battery', { unit: '%', min: 0, max: 100, decimals: 0 }),
      model('config', '采集配置', 'cloud', 'json', 'config', {}),
    ],
    custom: [
      { key: 'install_position', info_type: 'text', name: '安装位置', options: {} },
      { key: 'calibration_offset', info_type: 'number', name: '校准偏移', options: { unit: '°C' } },
      { key: 'outdoor', info_type: 'switch', name: '室外安装', options: {} },
      { key: 'maintenance_level', info_type: 'select', name: '维护等级', options: { items: ['A', 'B', 'C'] } },
      { key: 'legacy_code', info_type: 'text', name: '旧系统编码', options: {}, enabled: false },
    ],
  },
  relay: {
    name: '智能继电器', short: { zh: '继电器', en: 'Relay' }, descr: '三路继电器控制器', conn_protocol: 'mqtt', conn_type: 'direct',
    tags: { category: 'actuator' }, reportIntervalMs: 10 * 60_000,
    models: [
      model('relay1', '继电器1', 'push', 'boolean', 'switch', { true_text: '开', false_text: '关' }),
      model('relay2', '继电器2', 'push', 'boolean', 'switch', { true_text: '开', false_text: '关' }),
      model('relay3', '继电器3', 'push', 'boolean', 'switch', { true_text: '开', false_text: '关' }),
      model('power', '功率', 'report', 'number', 'power', { unit: 'W', decimals: 1 }),
      model('mode', '运行模式', 'cloud', 'string', 'mode', { enum: ['auto', 'eco', 'manual'] }),
    ],
    custom: [
      { key: 'circuit_name', info_type: 'text', name: '回路名称', options: {} },
      { key: 'rated_current', info_type: 'number', name: '额定电流', options: { unit: 'A' } },
      { key: 'load_type', info_type: 'select', name: '负载类型', options: { items: ['lighting', 'hvac', 'pump'] } },
    ],
  },
  meter: {
    name: '智能电表', short: { zh: '电表', en: 'Power Meter' }, descr: 'Modbus 三相电表 (经 DTU 接入)', conn_protocol: 'modbus', conn_type: 'gateway_child',
    tags: { category: 'meter' }, reportIntervalMs: 15 * 60_000,
    models: [
      model('energy', '累计电量', 'report', 'number', 'energy', { unit: 'kWh', decimals: 2 }),
      model('meter', '电参数', 'report', 'json', 'meter', { fields: ['voltage', 'current', 'power_factor'] }),
      model('status', '运行状态', 'report', 'string', 'status', { enum: ['running', 'idle', 'fault'] }),
    ],
    custom: [
      { key: 'meter_no', info_type: 'text', name: '表号', options: {} },
      { key: 'ct_ratio', info_type: 'number', name: '互感器变比', options: {} },
      { key: 'three_phase', info_type: 'switch', name: '三相表', options: {} },
    ],
  },
  gateway: {
    name: 'DTU 网关', short: { zh: '网关', en: 'Gateway' }, descr: '4G DTU,透传 Modbus', conn_protocol: 'tcp', conn_type: 'gateway',
    tags: { category: 'gateway' }, reportIntervalMs: 10 * 60_000,
    models: [
      model('rssi', '信号强度', 'report', 'number', 'rssi', { unit: 'dBm' }),
      model('uptime', '运行时长', 'report', 'number', 'uptime', { unit: 's' }),
      model('firmware', '固件版本', 'cloud', 'string', 'firmware', {}),
    ],
    custom: [
      { key: 'sim_iccid', info_type: 'text', name: 'SIM 卡 ICCID', options: {} },
      { key: 'carrier', info_type: 'select', name: '运营商', options: { items: ['中国移动', '中国联通', '中国电信'] } },
    ],
  },
  air: {
    name: '空气质量监测仪', short: { zh: '空气质量', en: 'Air Monitor' }, descr: 'PM2.5 / CO2 / 温度', conn_protocol: 'mqtt', conn_type: 'direct',
    tags: { category: 'sensor', indoor: 'yes' }, reportIntervalMs: 5 * 60_000,
    models: [
      model('pm25', 'PM2.5', 'report', 'number', 'pm25', { unit: 'μg/m³' }),
      model('co2', '二氧化碳', 'report', 'number', 'co2', { unit: 'ppm' }),
      model('temperature', '温度', 'report', 'number', 'temperature', { unit: '°C', decimals: 1 }),
      model('alarm_enabled', '告警开关', 'push', 'boolean', 'switch', {}),
    ],
    custom: [
      { key: 'room_name', info_type: 'text', name: '房间名称', options: {} },
      { key: 'room_area', info_type: 'number', name: '房间面积', options: { unit: 'm²' } },
    ],
  },
};

/** The standard extend infos every device type offers; values are objects with these keys. */
export const standardInfoFields: Record<string, Record<string, 'string' | 'number' | 'boolean'>> = {
  location: { longitude: 'number', latitude: 'number', address: 'string' },
  contact: { name: 'string', mobile: 'string' },
};

interface GroupSpec { name: string; en: string; descr: string; parent: GroupKey | null; city: 'sh' | 'hz' | 'sz' | null }
const groupSpecs: Record<GroupKey, GroupSpec> = {
  east: { name: '华东区', en: 'East China', descr: '华东区域所有站点', parent: null, city: null },
  shPlant: { name: '上海工厂', en: 'Shanghai Plant', descr: '松江生产基地', parent: 'east', city: 'sh' },
  ws1: { name: '一号车间', en: 'Workshop 1', descr: '注塑车间', parent: 'shPlant', city: 'sh' },
  ws2: { name: '二号车间', en: 'Workshop 2', descr: '装配车间', parent: 'shPlant', city: 'sh' },
  hzWarehouse: { name: '杭州仓库', en: 'Hangzhou Warehouse', descr: '冷链仓储', parent: 'east', city: 'hz' },
  zoneA: { name: 'A区冷库', en: 'Cold Zone A', descr: '-18°C 冷冻区', parent: 'hzWarehouse', city: 'hz' },
  south: { name: '华南区', en: 'South China', descr: '', parent: null, city: null },
  szOffice: { name: '深圳办公室', en: 'Shenzhen Office', descr: '南山科技园', parent: 'south', city: 'sz' },
  sz3f: { name: '3F 办公层', en: 'Floor 3', descr: '', parent: 'szOffice', city: 'sz' },
  szMeeting: { name: '会议室', en: 'Meeting Rooms', descr: '3F 全部会议室', parent: 'sz3f', city: 'sz' },
  lab: { name: 'Demo Lab', en: 'Demo Lab', descr: 'Test bench devices', parent: null, city: 'sh' },
  retired: { name: '退役设备', en: 'Retired', descr: '待回收', parent: null, city: null },
};
/** Groups devices are placed in, with a weight. */
const deviceGroupChoices: Array<[GroupKey, number]> = [['ws1', 5], ['ws2', 5], ['shPlant', 1], ['zoneA', 4], ['hzWarehouse', 1], ['sz3f', 3], ['szMeeting', 3], ['lab', 2]];
const cities = {
  sh: { lng: 121.47, lat: 31.23, address: '上海市松江区新桥镇民益路 201 号' },
  hz: { lng: 120.15, lat: 30.28, address: '浙江省杭州市余杭区仓前街道 88 号' },
  sz: { lng: 113.94, lat: 22.53, address: '广东省深圳市南山区科技园南区 3 栋' },
};

const customerNames: Array<[string, string, string]> = [
  ['张伟', 'zhangwei', 'zh-CN'], ['王芳', 'wangfang', 'zh-CN'], ['李娜', 'lina', 'zh-CN'], ['刘洋', 'liuyang', 'zh-CN'],
  ['陈静', 'chenjing', 'zh-CN'], ['杨磊', 'yanglei', 'zh-CN'], ['赵敏', 'zhaomin', 'zh-CN'], ['黄勇', 'huangyong', 'zh-CN'],
  ['周杰', 'zhoujie', 'zh-CN'], ['吴霞', 'wuxia', 'zh-CN'], ['徐明', 'xuming', 'zh-CN'], ['孙丽', 'sunli', 'zh-CN'],
  ['Alice Chen', 'alice.chen', 'en-US'], ['Bob Li', 'bob.li', 'en-US'], ['Carol Wang', 'carol.wang', 'en-US'], ['David Zhang', 'david.zhang', 'en-US'],
  ['Emma Liu', 'emma.liu', 'en-US'], ['Frank Zhou', 'frank.zhou', 'en-US'], ['Grace Wu', 'grace.wu', 'en-US'], ['Henry Xu', 'henry.xu', 'en-US'],
  ['Iris Sun', 'iris.sun', 'en-US'], ['Jason Lin', 'jason.lin', 'en-US'], ['Kevin Hu', 'kevin.hu', 'zh-CN'], ['林小红', 'linxiaohong', 'zh-CN'],
];
const companies = ['上海精密制造有限公司', '杭州冷链物流有限公司', 'Shenzhen Smart Office Ltd.', '华东设备维保中心'];

interface AlarmRule { name: string; identifier: string; level: number; condition: string; value: (r: () => number) => number; unit: string }
const alarmRules: Record<TypeKey, AlarmRule[]> = {
  th: [
    { name: '温度过高', identifier: 'temperature', level: 2, condition: '> 35', value: (r) => 35 + 8 * r(), unit: '°C' },
    { name: '温度严重超限', identifier: 'temperature', level: 3, condition: '> 45', value: (r) => 45 + 6 * r(), unit: '°C' },
    { name: '湿度过高', identifier: 'humidity', level: 1, condition: '> 85', value: (r) => 85 + 10 * r(), unit: '%RH' },
    { name: '电量低', identifier: 'battery', level: 1, condition: '< 10', value: (r) => 3 + 6 * r(), unit: '%' },
  ],
  relay: [{ name: '功率过载', identifier: 'power', level: 2, condition: '> 2000', value: (r) => 2000 + 800 * r(), unit: 'W' }],
  meter: [
    { name: '电压异常', identifier: 'meter.voltage', level: 2, condition: '> 242', value: (r) => 242 + 10 * r(), unit: 'V' },
    { name: '电表故障', identifier: 'status', level: 3, condition: "== 'fault'", value: () => 0, unit: '' },
  ],
  gateway: [{ name: '信号弱', identifier: 'rssi', level: 1, condition: '< -85', value: (r) => -95 + 9 * r(), unit: 'dBm' }],
  air: [
    { name: 'PM2.5 超标', identifier: 'pm25', level: 2, condition: '> 75', value: (r) => 75 + 80 * r(), unit: 'μg/m³' },
    { name: 'CO2 偏高', identifier: 'co2', level: 1, condition: '> 1000', value: (r) => 1000 + 400 * r(), unit: 'ppm' },
    { name: 'CO2 严重超标', identifier: 'co2', level: 3, condition: '> 2000', value: (r) => 2000 + 600 * r(), unit: 'ppm' },
  ],
};

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const hex = (parts: Array<string | number>, length: number) => objectId(...parts).slice(0, length);

/** Builds a device's attribute states from its type's models (plus any undeclared ones the device reports). */
export function attributeStatesFor(deviceType: DeviceTypeRecord | undefined, generatedFrom: number, generatedUntil: number | null): Map<string, DeviceAttributeState> {
  const states = new Map<string, DeviceAttributeState>();
  for (const m of deviceType?.attributeModels ?? []) {
    states.set(m.identifier, { identifier: m.identifier, generator: m.generator, data_type: m.data_type, attr_type: m.attr_type, generatedFrom, generatedUntil, writes: [] });
  }
  return states;
}

/**
 * The seeded project. Ids, names and relations are the same on every run; times are
 * laid out backwards from `now` (rounded down to the hour), so the history always
 * covers the year before the simulator started.
 */
export function createThingsCloudSeed(now: number, credentials: ThingsCloudCredentials): ThingsCloudState {
  const random = createPrng(20240601);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const epoch = Math.floor(now / HOUR) * HOUR;
  const projectKey = hex(['project_key'], 16).toUpperCase();

  const deviceTypes = new Map<string, DeviceTypeRecord>();
  typeKeys.forEach((key, i) => {
    const spec = typeSpecs[key];
    const id = thingsCloudSeedIds.deviceTypes[key];
    const created = epoch - (500 - i * 10) * DAY;
    const standard: ExtendInfoDefinition[] = [
      { id: objectId('extend_info', key, 'location'), info_type: 'location', name: '设备位置', descr: '经纬度与地址', enabled: true, options: { fields: Object.keys(standardInfoFields.location ?? {}) }, create_time: created, update_time: created, is_standard: true },
      { id: objectId('extend_info', key, 'contact'), info_type: 'contact', name: '联系人', descr: '现场联系人', enabled: true, options: { fields: Object.keys(standardInfoFields.contact ?? {}) }, create_time: created, update_time: created, is_standard: true },
    ];
    const custom: ExtendInfoDefinition[] = spec.custom.map((c, j) => ({
      id: objectId('extend_info', key, c.key), info_type: c.info_type, name: c.name, descr: c.key, enabled: c.enabled ?? true,
      options: c.options, create_time: created + j * HOUR, update_time: created + (j + 1) * DAY, is_standard: false,
    }));
    deviceTypes.set(id, {
      id, name: spec.name, descr: spec.descr, tags: spec.tags, create_time: created, conn_protocol: spec.conn_protocol, conn_type: spec.conn_type,
      extendInfos: [...standard, ...custom], attributeModels: spec.models,
    });
  });

  const groups = new Map<string, GroupRecord>();
  groupKeys.forEach((key, i) => {
    const spec = groupSpecs[key];
    groups.set(thingsCloudSeedIds.groups[key], {
      id: thingsCloudSeedIds.groups[key], name: spec.name, descr: spec.descr, tags: spec.city ? { city: spec.city } : {},
      create_time: epoch - (480 - i * 3) * DAY, parentId: spec.parent ? thingsCloudSeedIds.groups[spec.parent] : null,
    });
  });

  const totalWeight = deviceGroupChoices.reduce((sum, [, w]) => sum + w, 0);
  const pickGroup = (): GroupKey => {
    let r = random() * totalWeight;
    for (const [key, w] of deviceGroupChoices) if ((r -= w) < 0) return key;
    return 'lab';
  };

  const devices = new Map<string, DeviceRecord>();
  const activated: Array<{ device: DeviceRecord; typeKey: TypeKey; from: number; until: number }> = [];
  for (let i = 0; i < SEED_DEVICE_COUNT; i++) {
    const typeKey: TypeKey = (['th', 'th', 'th', 'th', 'relay', 'relay', 'meter', 'meter', 'gateway', 'air'] as const)[i % 10] ?? 'th';
    const spec = typeSpecs[typeKey];
    const deviceType = deviceTypes.get(thingsCloudSeedIds.deviceTypes[typeKey]);
    const id = thingsCloudSeedIds.device(i);
    const placement = random();
    const mainGroup: GroupKey | null = placement < 0.05 ? null : pickGroup();
    const groupIds = mainGroup === null ? [] : [thingsCloudSeedIds.groups[mainGroup]];
    if (mainGroup !== null && mainGroup !== 'lab' && placement > 0.92) groupIds.push(thingsCloudSeedIds.groups.lab);
    const groupSpec = mainGroup === null ? null : groupSpecs[mainGroup];
    const seq = pad(i + 1, 3);
    const english = i % 3 === 2;
    const name = groupSpec === null
      ? (english ? `Spare ${spec.short.en} ${seq}` : `备用${spec.short.zh}-${seq}`)
      : (english ? `${groupSpec.en} ${spec.short.en} ${seq}` : `${groupSpec.name}${spec.short.zh}-${seq}`);
    const created = epoch - (430 - 2 * i) * DAY - Math.floor(random() * 20) * HOUR;
    const neverActivated = i % 17 === 5;
    const online = !neverActivated && random() < 0.68;
    const activatedAt = created + (1 + Math.floor(random() * 48)) * HOUR;
    const offlineAt = online || neverActivated ? null : Math.max(activatedAt + DAY, epoch - Math.floor(random() * 30 * 24) * HOUR);
    const active: Record<string, number> = neverActivated ? {} : online
      ? { activate_time: activatedAt, online_time: epoch - Math.floor(random() * 240) * HOUR }
      : { activate_time: activatedAt, online_time: (offlineAt ?? epoch) - Math.floor(random() * 300) * HOUR, offline_time: offlineAt ?? epoch };
    const tags: Record<string, string> = {};
    if (random() < 0.5) tags.batch = pick(['2023Q4', '2024Q1', '2024Q2', '2024Q3']);
    if (random() < 0.3) tags.vendor = pick(['研华', '有人物联网', 'Milesight', '正泰']);
    if (random() < 0.25) tags.priority = pick(['high', 'normal']);
    if (groupSpec?.city) tags.city = groupSpec.city;

    const attributes = neverActivated ? new Map<string, DeviceAttributeState>() : attributeStatesFor(deviceType, activatedAt, offlineAt);
    if (typeKey === 'gateway' && !neverActivated) {
      // Gateways also report a CSQ value no attribute model declares.
      attributes.set('csq', { identifier: 'csq', generator: 'rssi', data_type: 'number', attr_type: 'report', generatedFrom: activatedAt, generatedUntil: offlineAt, writes: [] });
    }

    const standardInfos: Record<string, ExtendInfoValue> = {};
    const city = groupSpec?.city ? cities[groupSpec.city] : null;
    if (city && random() < 0.75) {
      standardInfos.location = {
        value: { longitude: Math.round((city.lng + (random() - 0.5) / 50) * 1e6) / 1e6, latitude: Math.round((city.lat + (random() - 0.5) / 50) * 1e6) / 1e6, address: city.address },
        create_time: activatedAt, update_time: activatedAt + DAY,
      };
    }
    if (random() < 0.3) {
      standardInfos.contact = { value: { name: pick(['张工', '李师傅', 'Tom Wang', '陈经理']), mobile: `139${pad(Math.floor(random() * 1e8), 8)}` }, create_time: created, update_time: created };
    }
    const customInfos: Record<string, ExtendInfoValue> = {};
    for (const def of deviceType?.extendInfos ?? []) {
      if (def.is_standard || random() < 0.2) continue;
      const value = def.info_type === 'number' ? Math.round(random() * 500) / 10
        : def.info_type === 'switch' ? random() < 0.5
        : def.info_type === 'select' ? pick((def.options.items as string[] | undefined) ?? [''])
        : def.descr === 'sim_iccid' ? `8986${pad(Math.floor(random() * 1e8), 8)}${pad(Math.floor(random() * 1e8), 8)}`
        : def.descr === 'meter_no' ? `M${pad(Math.floor(random() * 1e10), 10)}`
        : `${groupSpec?.name ?? '库房'} ${pick(['东墙', '西墙', '北侧', '配电柜', '货架 3'])}`;
      customInfos[def.id] = { value, create_time: created, update_time: created + Math.floor(random() * 30) * DAY };
    }

    const device: DeviceRecord = {
      id, name, descr: random() < 0.4 ? `${spec.name} · ${groupSpec?.descr ?? '未分配'}` : '',
      device_key: typeKey === 'gateway' ? `86${pad(Math.floor(random() * 1e13), 13)}` : hex(['device_key', i], 12).toUpperCase(),
      tags, create_time: created, type: deviceType?.id ?? '', groups: groupIds, online, active,
      view_token: hex(['view_token', i], 24) + hex(['view_token2', i], 8),
      device_code: hex(['device_code', i], 8).toUpperCase(),
      certificate: { access_token: hex(['certificate', i], 20), project_key: projectKey },
      reportIntervalMs: spec.reportIntervalMs, attributes, standardInfos, customInfos,
    };
    devices.set(id, device);
    if (!neverActivated) activated.push({ device, typeKey, from: activatedAt, until: offlineAt ?? epoch });
  }

  // Alarm episodes: raised, then (usually) recovered; some devices are still alarming.
  const alarmLogs: AlarmLogRecord[] = [];
  let episode = 0;
  for (let n = 0; n < 150; n++) {
    const { device, typeKey, from, until } = pick(activated);
    const rule = pick(alarmRules[typeKey]);
    const windowStart = Math.max(from, epoch - 60 * DAY);
    if (windowStart >= until) continue;
    const raisedAt = windowStart + Math.floor(random() * (until - windowStart));
    const value = Math.round(rule.value(random) * 10) / 10;
    const alarm_info = {
      rule_id: objectId('alarm_rule', typeKey, rule.name), rule_name: rule.name, identifier: rule.identifier, condition: rule.condition,
      value: rule.identifier === 'status' ? 'fault' : value,
      content: `${device.name} ${rule.name}${rule.identifier === 'status' ? '' : `: ${value}${rule.unit}`}`,
    };
    const notify = (at: number) => rule.level === 1 ? [] : [
      { channel: 'sms', receiver: '138****6620', status: 'success', create_time: at + 2_000 },
      ...(rule.level === 3 ? [{ channel: 'wechat', receiver: 'oX3f****9aQ', status: random() < 0.9 ? 'success' : 'failed', create_time: at + 3_000 }] : []),
    ];
    const raised: AlarmLogRecord = {
      id: objectId('alarm_log', episode, 'raise'), device_id: device.id, alarm_status: 1, alarm_level: rule.level, alarm_info,
      create_time: raisedAt, notify_logs: notify(raisedAt), device: { id: device.id, name: device.name },
    };
    alarmLogs.push(raised);
    const recoveredAt = raisedAt + (5 + Math.floor(random() * 600)) * 60_000;
    if (recoveredAt < until && random() < 0.85) {
      alarmLogs.push({
        ...raised, id: objectId('alarm_log', episode, 'recover'), alarm_status: 0,
        alarm_info: { ...alarm_info, content: `${device.name} ${rule.name} 已恢复` }, create_time: recoveredAt, notify_logs: notify(recoveredAt).slice(0, 1),
      });
    }
    episode++;
  }
  alarmLogs.sort((a, b) => b.create_time - a.create_time || a.id.localeCompare(b.id));

  const customerRoles = new Map<string, CustomerRoleRecord>();
  const roleSpecs: Array<[keyof typeof thingsCloudSeedIds.customerRoles, string, string, boolean, boolean, boolean]> = [
    ['engineer', '运维工程师', '可操作设备、处理告警', true, true, false],
    ['visitor', '访客', '只读查看', false, false, false],
    ['dealer', '经销商', 'Dealer: may add and operate devices', true, false, true],
  ];
  roleSpecs.forEach(([key, name, descr, operate, maintain, add], i) => {
    const id = thingsCloudSeedIds.customerRoles[key];
    customerRoles.set(id, { id, name, descr, allow_operate_device: operate, allow_alarm_msg_maintain: maintain, allow_add_device: add, create_time: epoch - (300 - i) * DAY });
  });

  const customers = new Map<string, CustomerRecord>();
  const deviceIds = [...devices.keys()];
  const roleIds = [...customerRoles.keys()];
  customerNames.forEach(([name, account, locale], i) => {
    const id = thingsCloudSeedIds.customer(i);
    const owned = new Set<string>();
    const count = i % 5 === 4 ? 0 : 2 + Math.floor(random() * 14);
    for (let k = 0; k < count; k++) owned.add(pick(deviceIds));
    if (i === 0) owned.add(thingsCloudSeedIds.device(0));
    customers.set(id, {
      id, account, password: `Demo#${1000 + i}`, name, descr: i % 4 === 0 ? '重点客户' : '', role_id: roleIds[i % roleIds.length] ?? '',
      email: `${account}@example.com`, mobile: `138${pad(10_000_000 + i * 7919, 8)}`,
      tags: i % 2 === 0 ? { company: companies[i % companies.length] ?? '' } : {}, locale, create_time: epoch - (280 - i * 5) * DAY, deviceIds: [...owned],
    });
  });

  return {
    project: { id: thingsCloudSeedIds.project, name: 'Tessera 演示项目', descr: '多站点环境与能耗监测 (simulated)', tags: { env: 'demo', region: 'cn-east' }, project_key: projectKey },
    admins: [{ id: thingsCloudSeedIds.admin, account: credentials.adminAccount, password: credentials.adminPassword, name: '项目管理员', email: 'admin@example.com', tags: { department: 'IT' } }],
    deviceTypes, groups, devices, alarmLogs, customerRoles, customers, received: [],
  };
}
