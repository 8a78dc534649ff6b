import { describe, expect, it } from '@jest/globals';
import {
  adminOf,
  adminSessionOf,
  alarmOf,
  attributeOf,
  attributePointOf,
  attributeValueOf,
  certificateOf,
  customerOf,
  customerRoleOf,
  deviceAlarmStatsOf,
  deviceExtendInfoOf,
  deviceGroupTreeOf,
  deviceOf,
  deviceStatsOf,
  deviceTypeOf,
  extendInfoDefinitionOf,
  indexGroups,
  projectOf,
} from '../../src/vendors/thingscloud/mapping.js';
import {
  rawAdmin,
  rawAdminToken,
  rawAlarmLog,
  rawAttribute,
  rawAttributeMap,
  rawCertificate,
  rawCustomer,
  rawCustomerRole,
  rawDeviceDetail,
  rawDeviceExtendInfo,
  rawDeviceList,
  rawDevicesAlarmStat,
  rawDevicesStat,
  rawDeviceType,
  rawEnvelope,
  rawExtendInfoDefinition,
  rawGroupNode,
  rawItems,
  rawProject,
  rawSeriesPoint,
} from '../../src/vendors/thingscloud/types.js';
import { z } from 'zod';
import { fixture } from '../support/fixtures.js';

/** The `info` of a documented success envelope. */
const info = (name: string): unknown => {
  const envelope = rawEnvelope.parse(fixture('thingscloud', name));
  expect(envelope.result).toBe(true);
  return envelope.info;
};

describe('ThingsCloud mapping (on the doc’s example payloads)', () => {
  it('maps a single device with its groups, epoch-ms times as ISO UTC', () => {
    expect(deviceOf(rawDeviceDetail.parse(info('device-detail')))).toEqual({
      kind: 'Device',
      source: 'THINGSCLOUD',
      nativeId: '6391d7c3b0a4e2001f3c9a11',
      name: '一号车间温湿度-001',
      description: null,
      deviceKey: 'A1B2C3D4E5F6',
      tags: { key1: 'value1', key2: 'value2' },
      createdAt: '2024-01-01T00:00:00.000Z',
      online: true,
      alarmState: { alarm_status: 0, alarm_level: 0 },
      activity: { activate_time: 1704070800000, online_time: 1717200000000 },
      typeNativeId: '6391d7c3b0a4e2001f3c9a00',
      typeSummary: { nativeId: '6391d7c3b0a4e2001f3c9a00', name: '温湿度传感器', connType: 'direct', connProtocol: 'mqtt' },
      detail: { groupNativeIds: ['6391d7c3b0a4e2001f3c9b01', '6391d7c3b0a4e2001f3c9b02'], viewToken: '3f1c2a9e8b7d6c5f4e3a2b1c', deviceCode: '7F3A9C2E' },
    });
  });

  it('maps a listed device without detail; an empty type means untyped', () => {
    const list = rawDeviceList.parse(info('devices-list'));
    expect(list.total).toBe(41);
    const [device] = list.items.map(deviceOf);
    expect(device).toMatchObject({ nativeId: '6391d7c3b0a4e2001f3c9a12', description: '备用', deviceKey: null, typeNativeId: null, typeSummary: null, online: false, detail: null });
  });

  it('maps device types and extend-info definitions', () => {
    const [type] = rawItems(rawDeviceType).parse(info('device-types')).items.map(deviceTypeOf);
    expect(type).toEqual({
      kind: 'DeviceType',
      source: 'THINGSCLOUD',
      nativeId: '6391d7c3b0a4e2001f3c9a00',
      name: '温湿度传感器',
      description: 'LoRa/4G 温湿度变送器',
      tags: { key1: 'string', key2: 'string' },
      createdAt: '2023-01-01T00:00:00.000Z',
      deviceCount: 80,
      connProtocol: 'mqtt',
      connType: 'direct',
    });
    const [definition] = rawItems(rawExtendInfoDefinition).parse(info('device-type-extend-infos')).items.map(extendInfoDefinitionOf);
    expect(definition).toEqual({
      nativeId: '6391d7c3b0a4e2001f3c9c01',
      infoType: 'select',
      name: '维护等级',
      description: 'maintenance_level',
      enabled: true,
      options: { items: ['A', 'B', 'C'] },
      createdAt: '2023-01-01T00:00:00.000Z',
      updatedAt: '2023-01-02T00:00:00.000Z',
      isStandard: false,
    });
  });

  it('keeps a device’s extend-info values as sent (object for standard, null when never set)', () => {
    const [location, level] = rawItems(rawDeviceExtendInfo).parse(info('device-extend-infos')).items.map(deviceExtendInfoOf);
    expect(location).toMatchObject({ infoType: 'location', isStandard: true, value: { longitude: 121.47, latitude: 31.23, address: '上海市松江区' } });
    expect(level).toMatchObject({ infoType: 'select', value: null, description: null });
    expect(level).not.toHaveProperty('enabled');
  });

  it('maps the group tree with parents, children without create_time included', () => {
    const roots = deviceGroupTreeOf(rawItems(rawGroupNode).parse(info('device-groups-tree')).items);
    expect(roots).toHaveLength(1);
    expect(roots[0]).toMatchObject({ nativeId: '6391d7c3b0a4e2001f3c9b00', name: '华东区', description: null, createdAt: '2023-01-01T00:00:00.000Z', parentNativeId: null });
    expect(roots[0]!.children[0]).toEqual({
      kind: 'DeviceGroup',
      source: 'THINGSCLOUD',
      nativeId: '6391d7c3b0a4e2001f3c9b01',
      name: '上海工厂',
      description: '松江生产基地',
      tags: { city: 'sh' },
      createdAt: null,
      parentNativeId: '6391d7c3b0a4e2001f3c9b00',
      children: [],
    });
    expect([...indexGroups(roots).keys()]).toEqual(['6391d7c3b0a4e2001f3c9b00', '6391d7c3b0a4e2001f3c9b01']);
  });

  it('maps current attributes with typed views only where type and value agree', () => {
    const [temperature, relay, csq] = z.array(rawAttribute).parse(info('device-attributes')).map(attributeOf);
    expect(temperature).toEqual({
      identifier: 'temperature',
      value: 24.1,
      dataType: 'NUMBER',
      vendorDataType: 'number',
      numberValue: 24.1,
      stringValue: null,
      booleanValue: null,
      attrType: 'report',
      at: '2024-06-01T00:00:00.000Z',
      definition: { name: '温度', attrType: 'report', dataType: 'NUMBER', vendorDataType: 'number', options: { unit: '°C' } },
    });
    expect(relay).toMatchObject({ value: true, dataType: 'BOOLEAN', booleanValue: true, numberValue: null });
    // Declared a number, sent a string: the value stays as sent and no typed view pretends otherwise.
    expect(csq).toMatchObject({ value: '-71', dataType: 'NUMBER', numberValue: null, stringValue: null, definition: null });
  });

  it('keeps the raw attribute map and history points as sent', () => {
    expect(rawAttributeMap.parse(info('device-attributes-raw'))).toEqual({ temperature: 24.1, humidity: 56.8, relay1: true, relay2: false, relay3: false });
    const points = z.array(rawSeriesPoint).parse(info('attribute-series')).map(attributePointOf);
    expect(points[0]).toEqual({ at: '2024-06-01T00:05:00.000Z', value: 24.3, dataType: 'NUMBER', vendorDataType: 'number', numberValue: 24.3, stringValue: null, booleanValue: null });
  });

  it('types JSON and unknown data types without coercion', () => {
    expect(attributeValueOf({ voltage: 220 }, 'json')).toMatchObject({ dataType: 'JSON', value: { voltage: 220 }, numberValue: null });
    expect(attributeValueOf('auto', 'enum')).toMatchObject({ dataType: 'STRING', stringValue: 'auto' });
    expect(attributeValueOf(1, 'bitfield')).toMatchObject({ dataType: 'OTHER', numberValue: null });
  });

  it('maps alarm logs with the documented levels', () => {
    const [alarm] = rawItems(rawAlarmLog).parse(info('alarm-logs')).items.map(alarmOf);
    expect(alarm).toEqual({
      kind: 'DeviceAlarm',
      source: 'THINGSCLOUD',
      nativeId: '6391d7c3b0a4e2001f3c9d01',
      deviceNativeId: '6391d7c3b0a4e2001f3c9a12',
      deviceName: 'device2',
      level: 'URGENT',
      vendorLevel: 3,
      vendorStatus: 1,
      info: { rule_name: '温度严重超限', identifier: 'temperature', value: 47.2 },
      notifyLogs: [],
      createdAt: '2024-06-01T00:00:00.000Z',
    });
  });

  it('maps customers (list with role, single read without) and roles', () => {
    const [listed] = rawItems(rawCustomer).parse(info('customers')).items.map(customerOf);
    expect(listed).toMatchObject({ nativeId: '6391d7c3b0a4e2001f3c9e01', account: 'zhangwei', roleNativeId: '6391d7c3b0a4e2001f3c9f01', deviceCount: 7, locale: 'zh-CN' });
    expect(customerOf(rawCustomer.parse(info('customer')))).toMatchObject({ roleNativeId: null, mobile: null, description: null, tags: { company: '上海精密制造有限公司' } });
    const [role] = rawItems(rawCustomerRole).parse(info('customer-roles')).items.map(customerRoleOf);
    expect(role).toEqual({
      kind: 'ThingsCloudCustomerRole',
      source: 'THINGSCLOUD',
      nativeId: '6391d7c3b0a4e2001f3c9f01',
      name: '运维工程师',
      description: '可操作设备、处理告警',
      allowOperateDevice: true,
      allowAlarmMsgMaintain: true,
      allowAddDevice: false,
      createdAt: '2023-03-01T00:00:00.000Z',
      customerCount: 8,
    });
  });

  it('maps the project, its statistics, a certificate and the admin', () => {
    expect(projectOf(rawProject.parse(info('project')))).toEqual({
      kind: 'ThingsCloudProject', source: 'THINGSCLOUD', nativeId: '6391d7c3b0a4e2001f3c9000', name: 'Tessera 演示项目', description: '多站点环境监测', tags: {},
    });
    expect(deviceStatsOf(rawDevicesStat.parse(info('devices-stat')))).toEqual({ total: 200, online: 126, offline: 74, active: 188, inactive: 12, alarming: 9 });
    expect(deviceAlarmStatsOf(rawDevicesAlarmStat.parse(info('devices-alarm-stat')))).toEqual({ total: 200, normalLevel: 4, seriousLevel: 4, urgentLevel: 1, withoutAlarm: 191 });
    expect(certificateOf(rawCertificate.parse(info('certificate')))).toEqual({
      deviceNativeId: '6391d7c3b0a4e2001f3c9a11', deviceName: '一号车间温湿度-001', accessToken: 'd2f0c1a9b8e7f6a5b4c3', projectKey: '8C1F3A9E2B7D6C5F',
    });
    expect(adminOf(rawAdmin.parse(info('admin')))).toMatchObject({ kind: 'ThingsCloudAdmin', account: 'admin', name: '项目管理员' });
  });

  it('gives an admin_login token (no expires_in documented) a 7-day expiry', () => {
    const session = adminSessionOf(rawAdminToken.parse(info('admin-login')), Date.UTC(2024, 0, 1), 7 * 86_400_000);
    expect(session).toEqual({ accessToken: '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d', expiresAt: '2024-01-08T00:00:00.000Z' });
  });

  it('refuses a payload of the wrong shape instead of reading it', () => {
    expect(rawDeviceDetail.safeParse({ id: 'x', name: 'y', online: 'yes' }).success).toBe(false);
    expect(rawDeviceList.safeParse({ items: [] }).success).toBe(false);
  });
});
