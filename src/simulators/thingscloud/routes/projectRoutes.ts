import type { Router } from 'express';
import { grantOf, type ThingsCloudContext } from '../simulatorContext.js';
import { sendFailure, sendInfo, ThingsCloudErrcode } from '../envelope.js';
import { alarmStates, deviceTypeItem, extendInfoDefinitionItem, groupTree } from '../responseBodies.js';

/** Project, statistics, device types, the group tree and the current admin. */
export function registerProjectRoutes(router: Router, ctx: ThingsCloudContext): void {
  const { state } = ctx;

  router.get('/api/v1/project', ...ctx.authed, (_req, res) => {
    const { id, name, descr, tags } = state.project;
    sendInfo(res, { id, name, descr, tags: { ...tags } });
  });

  router.get('/api/v1/devices_stat', ...ctx.authed, (_req, res) => {
    const devices = [...state.devices.values()];
    const alarms = alarmStates(state);
    const online = devices.filter((d) => d.online).length;
    const active = devices.filter((d) => Object.keys(d.active).length > 0).length;
    sendInfo(res, {
      device_total: devices.length,
      online_device_total: online,
      offline_device_total: devices.length - online,
      active_device_total: active,
      inactive_device_total: devices.length - active,
      alarm_device_total: devices.filter((d) => alarms.get(d.id)?.alarm_status === 1).length,
    });
  });

  router.get('/api/v1/devices_alarm_stat', ...ctx.authed, (_req, res) => {
    const alarms = alarmStates(state);
    const byLevel = [0, 0, 0, 0];
    for (const device of state.devices.values()) {
      const alarm = alarms.get(device.id);
      const level = alarm?.alarm_status === 1 ? alarm.alarm_level : 0;
      byLevel[level] = (byLevel[level] ?? 0) + 1;
    }
    sendInfo(res, {
      device_total: state.devices.size,
      alarm_1_total: byLevel[1],
      alarm_2_total: byLevel[2],
      alarm_3_total: byLevel[3],
      normal_total: byLevel[0],
    });
  });

  router.get('/api/v1/device_types', ...ctx.authed, (_req, res) => {
    sendInfo(res, { items: [...state.deviceTypes.values()].map((type) => deviceTypeItem(state, type)) });
  });

  router.get('/api/v1/device_type/:device_type_id/extend_infos', ...ctx.authed, (req, res) => {
    const type = state.deviceTypes.get(String(req.params.device_type_id));
    if (type === undefined) return sendFailure(res, ThingsCloudErrcode.notFound, 'device type not found');
    sendInfo(res, { items: type.extendInfos.map(extendInfoDefinitionItem) });
  });

  router.get('/api/v1/device_groups_tree', ...ctx.authed, (_req, res) => {
    sendInfo(res, { items: groupTree(state) });
  });

  // Documented as available only with a token from admin_login.
  router.get('/api/v1/admin', ...ctx.authed, (req, res) => {
    const grant = grantOf(req);
    const admin = grant.kind === 'admin' ? state.admins.find((a) => a.id === grant.adminId) : undefined;
    if (admin === undefined) return sendFailure(res, ThingsCloudErrcode.forbidden, 'only available with an admin_login AccessToken');
    sendInfo(res, { id: admin.id, account: admin.account, name: admin.name, email: admin.email, tags: { ...admin.tags } });
  });
}
