import type { Request, Response, Router } from 'express';
import type { ThingsCloudContext } from '../simulatorContext.js';
import { sendFailure, sendInfo, ThingsCloudErrcode } from '../envelope.js';
import { pageOf, parsePaging } from '../paging.js';
import type { AlarmLogRecord } from '../types.js';
import { findDevice } from './deviceRoutes.js';

/**
 * Alarm logs, newest first. The doc shows no query parameters and only `items`; with
 * hundreds of logs the simulator pages them like the device list (`page`, `page_records`,
 * default 20) and, as documented, returns no totals: a short page is the last one.
 */
function sendAlarmLogs(ctx: ThingsCloudContext, req: Request, res: Response, logs: AlarmLogRecord[]): void {
  const paging = parsePaging(req.query as Record<string, unknown>, ctx.limits.listMaxPageRecords);
  if (Array.isArray(paging)) return sendFailure(res, ThingsCloudErrcode.badRequest, 'Invalid paging parameter', paging);
  const { items } = pageOf(logs, paging);
  sendInfo(res, { items: items.map((log) => structuredClone(log)) });
}

export function registerAlarmRoutes(router: Router, ctx: ThingsCloudContext): void {
  router.get('/api/v1/alarm_logs', ...ctx.authed, (req, res) => sendAlarmLogs(ctx, req, res, ctx.state.alarmLogs));

  router.get('/api/v1/device/:device_id/alarm_logs', ...ctx.authed, (req, res) => {
    const device = findDevice(ctx, req, res);
    if (device) sendAlarmLogs(ctx, req, res, ctx.state.alarmLogs.filter((log) => log.device_id === device.id));
  });
}
