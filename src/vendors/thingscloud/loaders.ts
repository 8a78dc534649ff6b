import DataLoader, { type BatchLoadFn } from 'dataloader';
import type { LimitFunction } from 'p-limit';
import { ErrorCode, TesseraError } from '../../errors.js';
import { ignoreBatches, observedBatch, type BatchObserver } from '../shared/observedBatch.js';
import type {
  DeviceAttributeModel,
  DeviceCertificateModel,
  DeviceExtendInfoDefinitionModel,
  DeviceExtendInfoModel,
  DeviceModel,
  ThingsCloudCustomerModel,
} from '../../models.js';
import type { ThingsCloudAuth, ThingsCloudClient } from './client.js';
import { attributeOf, certificateOf, customerOf, deviceExtendInfoOf, deviceOf, extendInfoDefinitionOf } from './mapping.js';

export interface ThingsCloudLoaders {
  /** A device as the single-device read has it (groups, view token, device code). */
  deviceDetailById: DataLoader<string, DeviceModel | null>;
  /** A device in any form: primed from list responses, else read as the source plans (list pages or `deviceDetailById`). */
  deviceById: DataLoader<string, DeviceModel | null>;
  customerById: DataLoader<string, ThingsCloudCustomerModel | null>;
  certificateByDeviceId: DataLoader<string, DeviceCertificateModel | null>;
  /** Read as the source plans: per device, or from the customers' device lists. */
  customersByDeviceId: DataLoader<string, ThingsCloudCustomerModel[] | null>;
  extendInfosByDeviceId: DataLoader<string, DeviceExtendInfoModel[] | null>;
  attributesByDeviceId: DataLoader<string, DeviceAttributeModel[] | null>;
  rawAttributesByDeviceId: DataLoader<string, Record<string, unknown> | null>;
  extendInfoDefinitionsByTypeId: DataLoader<string, DeviceExtendInfoDefinitionModel[] | null>;
}

/** Batch functions the source plans itself, choosing between per-key reads and lists (see `planDeviceReads`, `planCustomerReads`). */
export interface PlannedBatches {
  devicesByIds: BatchLoadFn<string, DeviceModel | null>;
  customersByDeviceIds: BatchLoadFn<string, ThingsCloudCustomerModel[] | null>;
}

/**
 * Per-request loaders, keyed by ThingsCloud's native IDs. ThingsCloud has no bulk read, so a
 * batch is one GET per distinct key, run under the request's concurrency limit, unless the
 * source plans it through lists; the loaders de-duplicate (an alarm list naming one device
 * fifty times costs one call). A record the vendor does not have (errcode 404) is `null`; any
 * other failure is that key's error.
 */
export function createThingsCloudLoaders(
  client: ThingsCloudClient,
  auth: ThingsCloudAuth,
  limit: LimitFunction,
  planned: PlannedBatches,
  observe: BatchObserver = ignoreBatches,
): ThingsCloudLoaders {
  function byKey<Raw, Model>(name: string, get: (auth: ThingsCloudAuth, key: string) => Promise<Raw>, map: (raw: Raw) => Model) {
    return new DataLoader<string, Model | null>(
      observedBatch(observe, name, (keys) => Promise.all(keys.map((key) => limit(() => get.call(client, auth, key)).then(map, nullIfNotFound)))),
    );
  }
  const deviceDetailById = byKey('deviceDetailById', client.getDevice, deviceOf);
  return {
    deviceDetailById,
    deviceById: new DataLoader(observedBatch(observe, 'deviceById', planned.devicesByIds)),
    customerById: byKey('customerById', client.getCustomer, customerOf),
    certificateByDeviceId: byKey('certificateByDeviceId', client.getDeviceCertificate, certificateOf),
    customersByDeviceId: new DataLoader(observedBatch(observe, 'customersByDeviceId', planned.customersByDeviceIds)),
    extendInfosByDeviceId: byKey('extendInfosByDeviceId', client.listDeviceExtendInfos, (raw) => raw.items.map(deviceExtendInfoOf)),
    attributesByDeviceId: byKey('attributesByDeviceId', client.listDeviceAttributes, (raw) => raw.map(attributeOf)),
    rawAttributesByDeviceId: byKey('rawAttributesByDeviceId', client.getDeviceAttributesRaw, (raw) => raw),
    extendInfoDefinitionsByTypeId: byKey('extendInfoDefinitionsByTypeId', client.listDeviceTypeExtendInfos, (raw) => raw.items.map(extendInfoDefinitionOf)),
  };
}

/** The customers of one device, by its own call. */
export function readDeviceCustomers(client: ThingsCloudClient, auth: ThingsCloudAuth, limit: LimitFunction, deviceId: string): Promise<ThingsCloudCustomerModel[] | null | Error> {
  return limit(() => client.listDeviceCustomers(auth, deviceId)).then((raw) => raw.items.map(customerOf), nullIfNotFound);
}

function nullIfNotFound(error: unknown): null | Error {
  if (error instanceof TesseraError && error.code === ErrorCode.NOT_FOUND) return null;
  return error instanceof Error ? error : new Error(String(error));
}
