import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { objectId } from '../objectId.js';
import type { ThingsCloudContext } from '../simulatorContext.js';
import { sendFailure, sendInfo, ThingsCloudErrcode, type FieldError } from '../envelope.js';
import { pageOf, parsePaging } from '../paging.js';
import { alarmStates, customerListItem, deviceDetail, deviceExtendInfoItems, deviceListItem, groupWithDescendants } from '../responseBodies.js';
import { standardInfoFields } from '../seed.js';
import type { DeviceRecord } from '../types.js';
import { validateBody } from '../validateBody.js';

const tags = z.record(z.string(), z.string());
const createDeviceBody = z.object({
  name: z.string().trim().min(1),
  descr: z.string().optional(),
  type: z.string().optional(),
  tags: tags.optional(),
  device_key: z.string().min(1).optional(),
});
const updateInfoBody = z.object({ name: z.string().trim().min(1).optional(), descr: z.string().optional(), device_key: z.string().min(1).optional() });
const tagsBody = z.object({ tags });
const keysBody = z.object({ keys: z.array(z.string()) });
const groupsBody = z.object({ groups: z.array(z.string()) });
const scalar = z.union([z.string(), z.number(), z.boolean()]);
const standardInfoBody = z.object({ info_type: z.string().min(1), value: z.record(z.string(), scalar) });
const customInfoBody = z.object({ infos: z.record(z.string(), scalar) });

/** Looks up `:device_id`; answers the vendor's `result:false` (errcode 404) when there is no such device. */
export function findDevice(ctx: ThingsCloudContext, req: Request, res: Response): DeviceRecord | undefined {
  const device = ctx.state.devices.get(String(req.params.device_id));
  if (device === undefined) sendFailure(res, ThingsCloudErrcode.notFound, 'device not found');
  return device;
}

const truthy = (raw: unknown) => raw === '1' || raw === 'true';

/**
 * The paged device list shared by `GET /devices` and `GET /customer/:id/devices`. Filters:
 * `type` and `group` (+ `include_sub_groups=1`, from FACTS). Newest devices first. Any other
 * parameter (an `online` filter, say) is ignored, as a vendor ignores what it does not document.
 */
export function sendDeviceList(ctx: ThingsCloudContext, req: Request, res: Response, devices: Iterable<DeviceRecord>): void {
  const query = req.query as Record<string, unknown>;
  const paging = parsePaging(query, ctx.limits.listMaxPageRecords);
  if (Array.isArray(paging)) return sendFailure(res, ThingsCloudErrcode.badRequest, 'Invalid paging parameter', paging);
  let selected = [...devices];
  if (typeof query.type === 'string' && query.type !== '') selected = selected.filter((d) => d.type === query.type);
  if (typeof query.group === 'string' && query.group !== '') {
    const groupIds = truthy(query.include_sub_groups) ? groupWithDescendants(ctx.state, query.group) : new Set([query.group]);
    selected = selected.filter((d) => d.groups.some((g) => groupIds.has(g)));
  }
  selected.sort((a, b) => b.create_time - a.create_time || a.id.localeCompare(b.id));
  const page = pageOf(selected, paging);
  const alarms = alarmStates(ctx.state);
  const now = ctx.clock.now();
  sendInfo(res, { items: page.items.map((d) => deviceListItem(ctx.state, d, alarms, now)), total: page.total, page_total: page.page_total });
}

function deviceKeyTaken(ctx: ThingsCloudContext, deviceKey: string, exceptId: string | null): boolean {
  for (const device of ctx.state.devices.values()) if (device.device_key === deviceKey && device.id !== exceptId) return true;
  return false;
}

/** Device management and extend infos. */
export function registerDeviceRoutes(router: Router, ctx: ThingsCloudContext): void {
  const { state } = ctx;

  router.get('/api/v1/devices', ...ctx.authed, (req, res) => sendDeviceList(ctx, req, res, state.devices.values()));

  router.post('/api/v1/device', ...ctx.authed, (req, res) => {
    const body = validateBody(res, createDeviceBody, req.body);
    if (!body) return;
    const type = body.type ? state.deviceTypes.get(body.type) : undefined;
    if (body.type && type === undefined) {
      return sendFailure(res, ThingsCloudErrcode.notFound, 'device type not found', [{ field: 'type', message: 'no device type with this id' }]);
    }
    if (body.device_key !== undefined && deviceKeyTaken(ctx, body.device_key, null)) {
      return sendFailure(res, ThingsCloudErrcode.conflict, 'device_key already exists', [{ field: 'device_key', message: 'already used by another device' }]);
    }
    const id = ctx.newId('device');
    const now = ctx.clock.now();
    state.devices.set(id, {
      id, name: body.name, descr: body.descr ?? '', device_key: body.device_key ?? objectId(id, 'device_key').slice(0, 12).toUpperCase(),
      tags: { ...(body.tags ?? {}) }, create_time: now, type: type?.id ?? '', groups: [], online: false, active: {},
      view_token: objectId(id, 'view_token') + objectId(id, 'view_token2').slice(0, 8), device_code: objectId(id, 'code').slice(0, 8).toUpperCase(),
      certificate: { access_token: objectId(id, 'certificate').slice(0, 20), project_key: state.project.project_key },
      // A new device has not connected: no attributes until it reports or gets written.
      reportIntervalMs: 300_000, attributes: new Map(), standardInfos: {}, customInfos: {},
    });
    sendInfo(res, { id, name: body.name });
  });

  router.get('/api/v1/device/:device_id', ...ctx.authed, (req, res) => {
    const device = findDevice(ctx, req, res);
    if (device) sendInfo(res, deviceDetail(state, device, ctx.clock.now()));
  });

  router.delete('/api/v1/device/:device_id', ...ctx.authed, (req, res) => {
    const device = findDevice(ctx, req, res);
    if (!device) return;
    state.devices.delete(device.id);
    for (const customer of state.customers.values()) customer.deviceIds = customer.deviceIds.filter((id) => id !== device.id);
    sendInfo(res, {});
  });

  router.get('/api/v1/device/:device_id/certificate', ...ctx.authed, (req, res) => {
    const device = findDevice(ctx, req, res);
    if (device) sendInfo(res, { id: device.id, name: device.name, access_token: device.certificate.access_token, project_key: device.certificate.project_key });
  });

  router.get('/api/v1/device/:device_id/customers', ...ctx.authed, (req, res) => {
    const device = findDevice(ctx, req, res);
    if (!device) return;
    const items = [...state.customers.values()].filter((c) => c.deviceIds.includes(device.id)).map((c) => customerListItem(state, c));
    sendInfo(res, { items });
  });

  router.put('/api/v1/device/:device_id/info', ...ctx.authed, (req, res) => {
    const device = findDevice(ctx, req, res);
    if (!device) return;
    const body = validateBody(res, updateInfoBody, req.body);
    if (!body) return;
    if (body.device_key !== undefined && deviceKeyTaken(ctx, body.device_key, device.id)) {
      return sendFailure(res, ThingsCloudErrcode.conflict, 'device_key already exists', [{ field: 'device_key', message: 'already used by another device' }]);
    }
    if (body.name !== undefined) device.name = body.name;
    if (body.descr !== undefined) device.descr = body.descr;
    if (body.device_key !== undefined) device.device_key = body.device_key;
    sendInfo(res, {});
  });

  router.put('/api/v1/device/:device_id/tags', ...ctx.authed, (req, res) => {
    const device = findDevice(ctx, req, res);
    if (!device) return;
    const body = validateBody(res, tagsBody, req.body);
    if (!body) return;
    // Documented as "tags to update or add": merged into the existing ones.
    Object.assign(device.tags, body.tags);
    sendInfo(res, {});
  });

  router.post('/api/v1/device/:device_id/tags_remove', ...ctx.authed, (req, res) => {
    const device = findDevice(ctx, req, res);
    if (!device) return;
    const body = validateBody(res, keysBody, req.body);
    if (!body) return;
    for (const key of body.keys) delete device.tags[key];
    sendInfo(res, {});
  });

  router.put('/api/v1/device/:device_id/groups', ...ctx.authed, (req, res) => {
    const device = findDevice(ctx, req, res);
    if (!device) return;
    const body = validateBody(res, groupsBody, req.body);
    if (!body) return;
    const unknown: FieldError[] = body.groups.flatMap((g, i) => (state.groups.has(g) ? [] : [{ field: `groups.${i}`, message: `device group ${g} not found` }]));
    if (unknown.length > 0) return sendFailure(res, ThingsCloudErrcode.notFound, 'device group not found', unknown);
    device.groups = [...new Set(body.groups)];
    sendInfo(res, {});
  });

  router.get('/api/v1/device/:device_id/extend_infos', ...ctx.authed, (req, res) => {
    const device = findDevice(ctx, req, res);
    if (device) sendInfo(res, { items: deviceExtendInfoItems(state, device) });
  });

  router.post('/api/v1/device/:device_id/standard_infos', ...ctx.authed, (req, res) => {
    const device = findDevice(ctx, req, res);
    if (!device) return;
    const body = validateBody(res, standardInfoBody, req.body);
    if (!body) return;
    const fields = standardInfoFields[body.info_type];
    if (fields === undefined) {
      return sendFailure(res, ThingsCloudErrcode.badRequest, 'unknown standard info_type', [{ field: 'info_type', message: `one of ${Object.keys(standardInfoFields).join(', ')}` }]);
    }
    // Keys the standard info does not have, or values of the wrong type, are skipped: the answer shows what was updated.
    const updated: Record<string, string | number | boolean> = {};
    for (const [key, value] of Object.entries(body.value)) if (fields[key] === typeof value) updated[key] = value;
    const now = ctx.clock.now();
    const existing = device.standardInfos[body.info_type];
    if (Object.keys(updated).length > 0) {
      device.standardInfos[body.info_type] = {
        value: { ...((existing?.value as Record<string, unknown> | undefined) ?? {}), ...updated },
        create_time: existing?.create_time ?? now,
        update_time: now,
      };
    }
    sendInfo(res, { [body.info_type]: updated });
  });

  router.post('/api/v1/device/:device_id/extend_infos', ...ctx.authed, (req, res) => {
    const device = findDevice(ctx, req, res);
    if (!device) return;
    const body = validateBody(res, customInfoBody, req.body);
    if (!body) return;
    const definitions = state.deviceTypes.get(device.type)?.extendInfos ?? [];
    const now = ctx.clock.now();
    const updated: Record<string, string | number | boolean> = {};
    for (const [id, value] of Object.entries(body.infos)) {
      const def = definitions.find((d) => d.id === id && !d.is_standard && d.enabled);
      if (def === undefined) continue;
      const fits = def.info_type === 'number' ? typeof value === 'number'
        : def.info_type === 'switch' ? typeof value === 'boolean'
        : def.info_type === 'select' ? ((def.options.items as unknown[] | undefined) ?? []).includes(value)
        : typeof value === 'string';
      if (!fits) continue;
      device.customInfos[id] = { value, create_time: device.customInfos[id]?.create_time ?? now, update_time: now };
      updated[id] = value;
    }
    sendInfo(res, updated);
  });
}
