import type { Response, Router } from 'express';
import { z } from 'zod';
import { currentSample, readSeries } from '../attributeSeries.js';
import type { ThingsCloudContext } from '../simulatorContext.js';
import { sendFailure, sendInfo, ThingsCloudErrcode, type FieldError } from '../envelope.js';
import { parsePaging } from '../paging.js';
import type { AttributeDataType, AttributeModel, DeviceRecord } from '../types.js';
import { validateBody } from '../validateBody.js';
import { findDevice } from './deviceRoutes.js';

const keysBody = z.object({ keys: z.array(z.string()) });
const attributeValuesBody = z.record(z.string(), z.unknown()).refine((values) => Object.keys(values).length > 0, 'at least one attribute is required');
const commandBody = z.object({
  method: z.string().min(1),
  params: z.record(z.string(), z.unknown()).optional(),
  id: z.number().int().optional(),
});
const dataStreamBody = z.object({ type: z.enum(['hex', 'text', 'json']), msg: z.unknown().optional(), message: z.unknown().optional() });
const hexBytes = /^[0-9a-fA-F]{2}(\s*[0-9a-fA-F]{2})*$/;

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function dataTypeOf(value: unknown): AttributeDataType {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  return 'json';
}

function fitsDataType(value: unknown, dataType: AttributeDataType): boolean {
  switch (dataType) {
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'boolean': return typeof value === 'boolean';
    case 'string': return typeof value === 'string';
    case 'json': return typeof value === 'object' && value !== null;
  }
}

function modelsOf(ctx: ThingsCloudContext, device: DeviceRecord): Map<string, AttributeModel> {
  return new Map((ctx.state.deviceTypes.get(device.type)?.attributeModels ?? []).map((m) => [m.identifier, m]));
}

/**
 * Writes attribute values: pushed to the device (`POST`) or cloud attributes (`PUT`). Values are
 * checked against the device type's attribute models; identifiers without a model are accepted.
 * Returns false after answering a validation failure.
 */
function writeAttributes(ctx: ThingsCloudContext, res: Response, device: DeviceRecord, values: Record<string, unknown>, channel: 'push' | 'cloud'): boolean {
  const models = modelsOf(ctx, device);
  const errors: FieldError[] = [];
  for (const [identifier, value] of Object.entries(values)) {
    const model = models.get(identifier);
    if (value === null || value === undefined) errors.push({ field: identifier, message: 'value is required' });
    else if (model && !fitsDataType(value, model.data_type)) errors.push({ field: identifier, message: `expected ${model.data_type}` });
    else if (channel === 'cloud' && model && model.attr_type !== 'cloud') errors.push({ field: identifier, message: `${identifier} is a ${model.attr_type} attribute, not a cloud attribute` });
  }
  if (errors.length > 0) {
    sendFailure(res, ThingsCloudErrcode.badRequest, 'Invalid attribute value', errors);
    return false;
  }
  const now = ctx.clock.now();
  for (const [identifier, value] of Object.entries(values)) {
    const model = models.get(identifier);
    // A reported attribute keeps the value the device reports; pushing it only reaches the device.
    if (model?.attr_type === 'report') continue;
    let attribute = device.attributes.get(identifier);
    if (attribute === undefined) {
      attribute = { identifier, generator: null, data_type: model?.data_type ?? dataTypeOf(value), attr_type: model?.attr_type ?? channel, generatedFrom: now, generatedUntil: now, writes: [] };
      device.attributes.set(identifier, attribute);
    }
    attribute.writes.push({ ts: now, value: structuredClone(value) });
    // From now on the written value stands; the generated history ends here.
    if (attribute.generator !== null) attribute.generatedUntil = Math.min(attribute.generatedUntil ?? now, now);
  }
  return true;
}

/** Device data (current attributes, history, removal) and device communication (control). */
export function registerAttributeRoutes(router: Router, ctx: ThingsCloudContext): void {
  let commandSeq = 0;

  router.get('/api/v1/device/:device_id/attributes', ...ctx.authed, (req, res) => {
    const device = findDevice(ctx, req, res);
    if (!device) return;
    const models = modelsOf(ctx, device);
    const now = ctx.clock.now();
    const items = [...device.attributes.values()].flatMap((attribute) => {
      const sample = currentSample(device.id, attribute, device.reportIntervalMs, now);
      if (sample === null) return [];
      const model = models.get(attribute.identifier);
      return [{
        identifier: attribute.identifier, value: sample.value, attr_type: attribute.attr_type, data_type: attribute.data_type, ts: sample.ts,
        // An attribute the device reports without a model in its type has no definition to show.
        model: model === undefined ? null : { name: model.name, attr_type: model.attr_type, data_type: model.data_type, data_options: { ...model.data_options } },
      }];
    });
    sendInfo(res, items);
  });

  router.get('/api/v1/device/:device_id/attributes_raw', ...ctx.authed, (req, res) => {
    const device = findDevice(ctx, req, res);
    if (!device) return;
    const now = ctx.clock.now();
    const values: Record<string, unknown> = {};
    for (const attribute of device.attributes.values()) {
      const sample = currentSample(device.id, attribute, device.reportIntervalMs, now);
      if (sample !== null) values[attribute.identifier] = sample.value;
    }
    sendInfo(res, values);
  });

  router.get('/api/v1/device/:device_id/attribute/:identifier/series', ...ctx.authed, (req, res) => {
    const device = findDevice(ctx, req, res);
    if (!device) return;
    const query = req.query as Record<string, unknown>;
    const paging = parsePaging(query, ctx.limits.seriesMaxPageRecords);
    if (Array.isArray(paging)) return sendFailure(res, ThingsCloudErrcode.badRequest, 'Invalid paging parameter', paging);
    const now = ctx.clock.now();
    let window = { from: Number.NEGATIVE_INFINITY, to: now };
    // Documented: the range applies only when both ends are given; otherwise history runs back from now.
    if (query.start_time !== undefined && query.end_time !== undefined) {
      const start = Number(query.start_time);
      const end = Number(query.end_time);
      const errors: FieldError[] = [];
      if (!/^\d+$/.test(String(query.start_time)) || !Number.isSafeInteger(start)) errors.push({ field: 'start_time', message: 'start_time must be a timestamp in ms' });
      if (!/^\d+$/.test(String(query.end_time)) || !Number.isSafeInteger(end)) errors.push({ field: 'end_time', message: 'end_time must be a timestamp in ms' });
      if (errors.length > 0) return sendFailure(res, ThingsCloudErrcode.badRequest, 'Invalid time range', errors);
      if (start > end) return sendFailure(res, ThingsCloudErrcode.badRequest, 'start_time must not be after end_time', [{ field: 'start_time', message: 'after end_time' }]);
      if (end - start > ctx.limits.seriesMaxWindowMs) {
        const days = Math.round(ctx.limits.seriesMaxWindowMs / 86_400_000);
        return sendFailure(res, ThingsCloudErrcode.badRequest, `time range must not exceed ${days} days`, [{ field: 'end_time', message: `at most ${days} days after start_time` }]);
      }
      window = { from: start, to: Math.min(end, now) };
    }
    const identifier = String(req.params.identifier);
    const attribute = device.attributes.get(identifier);
    if (attribute === undefined || window.from > window.to) return sendInfo(res, []);
    const samples = readSeries(device.id, attribute, device.reportIntervalMs, window, (paging.page - 1) * paging.pageRecords, paging.pageRecords);
    sendInfo(res, samples.map((s) => ({ ts: s.ts, name: identifier, value: s.value, type: attribute.data_type })));
  });

  router.post('/api/v1/device/:device_id/attributes_remove', ...ctx.authed, (req, res) => {
    const device = findDevice(ctx, req, res);
    if (!device) return;
    const body = validateBody(res, keysBody, req.body);
    if (!body) return;
    // Removing an attribute drops its current value and its history.
    for (const key of body.keys) device.attributes.delete(key);
    sendInfo(res, {});
  });

  router.post('/api/v1/control/device/:device_id/attributes', ...ctx.authed, (req, res) => {
    const device = findDevice(ctx, req, res);
    if (!device) return;
    const values = validateBody(res, attributeValuesBody, req.body);
    if (!values || !writeAttributes(ctx, res, device, values, 'push')) return;
    ctx.deliver({ kind: 'attributes', device_id: device.id, ts: ctx.clock.now(), online: device.online, payload: structuredClone(values) });
    sendInfo(res, {});
  });

  router.put('/api/v1/control/device/:device_id/attributes', ...ctx.authed, (req, res) => {
    const device = findDevice(ctx, req, res);
    if (!device) return;
    const values = validateBody(res, attributeValuesBody, req.body);
    if (!values || !writeAttributes(ctx, res, device, values, 'cloud')) return;
    sendInfo(res, {});
  });

  router.post('/api/v1/control/device/:device_id/command', ...ctx.authed, (req, res) => {
    const device = findDevice(ctx, req, res);
    if (!device) return;
    const body = validateBody(res, commandBody, req.body);
    if (!body) return;
    commandSeq = body.id ?? commandSeq + 1;
    ctx.deliver({
      kind: 'command', device_id: device.id, ts: ctx.clock.now(), online: device.online,
      payload: { method: body.method, params: structuredClone(body.params ?? {}), id: body.id ?? commandSeq },
    });
    sendInfo(res, {});
  });

  router.post('/api/v1/control/device/:device_id/data/:identifier/set', ...ctx.authed, (req, res) => {
    const device = findDevice(ctx, req, res);
    if (!device) return;
    const pushMode = req.query.push_mode ?? 'mqtt';
    if (pushMode !== 'mqtt' && pushMode !== 'tcp') {
      return sendFailure(res, ThingsCloudErrcode.badRequest, 'Invalid parameter: push_mode', [{ field: 'push_mode', message: 'push_mode must be mqtt or tcp' }]);
    }
    const body = validateBody(res, dataStreamBody, req.body);
    if (!body) return;
    // The doc's syntax names the field `message`, its examples `msg`: both are accepted.
    const msg = body.msg ?? body.message;
    const fits = body.type === 'hex' ? typeof msg === 'string' && hexBytes.test(msg.trim())
      : body.type === 'text' ? typeof msg === 'string'
      : isPlainObject(msg) || Array.isArray(msg);
    if (!fits) {
      const expected = body.type === 'hex' ? 'a string of hex bytes such as "01 03 01 FF"' : body.type === 'text' ? 'a string' : 'a JSON object';
      return sendFailure(res, ThingsCloudErrcode.badRequest, 'Invalid parameter: msg', [{ field: 'msg', message: `msg must be ${expected}` }]);
    }
    ctx.deliver({
      kind: 'data', device_id: device.id, ts: ctx.clock.now(), online: device.online, identifier: String(req.params.identifier),
      push_mode: pushMode, payload: { type: body.type, msg: structuredClone(msg) },
    });
    sendInfo(res, {});
  });
}
