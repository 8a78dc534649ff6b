import type { LimitFunction } from 'p-limit';
import { z } from 'zod';
import { BadUserInputError, ErrorCode, UpstreamError } from '../../errors.js';
import type {
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
  DeviceWriteModel,
  Page,
  ThingsCloudAdminModel,
  ThingsCloudCustomerLoginModel,
  ThingsCloudCustomerModel,
  ThingsCloudCustomerRoleModel,
  ThingsCloudProjectModel,
  ThingsCloudSessionModel,
} from '../../models.js';
import type { PageRequest } from '../../pagination.js';
import { THINGSCLOUD_LIMITS, type ThingsCloudAuth, type ThingsCloudClient } from './client.js';
import { createThingsCloudLoaders, type ThingsCloudLoaders } from './loaders.js';
import {
  adminOf,
  adminSessionOf,
  alarmOf,
  attributePointOf,
  customerOf,
  customerRoleOf,
  deviceAlarmStatsOf,
  deviceGroupTreeOf,
  deviceOf,
  deviceStatsOf,
  deviceTypeOf,
  indexGroups,
  projectOf,
} from './mapping.js';
import { planHistory } from './planHistory.js';
import { readHistory } from './readHistory.js';
import type { RawDevice } from './types.js';
import { readNumberedPages, type NumberedSlice } from '../../pagination.js';

export interface DeviceFilter {
  typeId?: string | null;
  groupId?: string | null;
  online?: boolean | null;
  includeSubGroups?: boolean | null;
}

export interface HistoryArgs {
  /** Epoch ms; defaults to `to` minus one day. */
  fromMs?: number | null;
  /** Epoch ms; defaults to now. */
  toMs?: number | null;
  first: number;
}

export interface CreateDeviceInput {
  name: string;
  description?: string | null;
  typeId?: string | null;
  tags?: unknown;
  deviceKey?: string | null;
}

export interface CustomerInput {
  name?: string | null;
  description?: string | null;
  email?: string | null;
  mobile?: string | null;
}

export type DataStreamType = 'HEX' | 'TEXT' | 'JSON';

const DAY_MS = 86_400_000;
const stringMap = z.record(z.string(), z.string());
const scalarMap = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
const valueMap = z.record(z.string(), z.unknown()).refine((values) => Object.keys(values).length > 0);
const hexBytes = /^[0-9a-fA-F]{2}(\s*[0-9a-fA-F]{2})*$/;

/**
 * ThingsCloud as one request sees it: its credentials, its loaders, and every operation in
 * model terms. Created per request by the context; resolvers call only this. Project-wide
 * lists (device types, the group tree, customers, roles) are read at most once per request.
 */
export class ThingsCloudSource {
  private readonly loaders: ThingsCloudLoaders;
  private projectRead: Promise<ThingsCloudProjectModel> | undefined;
  private statsRead: Promise<DeviceStatsModel> | undefined;
  private alarmStatsRead: Promise<DeviceAlarmStatsModel> | undefined;
  private typesRead: Promise<Map<string, DeviceTypeModel>> | undefined;
  private groupsRead: Promise<{ roots: DeviceGroupModel[]; byId: Map<string, DeviceGroupModel> }> | undefined;
  private customersRead: Promise<ThingsCloudCustomerModel[]> | undefined;
  private rolesRead: Promise<Map<string, ThingsCloudCustomerRoleModel>> | undefined;
  private adminRead: Promise<ThingsCloudAdminModel> | undefined;

  constructor(
    private readonly client: ThingsCloudClient,
    private readonly auth: ThingsCloudAuth,
    private readonly limit: LimitFunction,
    private readonly now: () => number = Date.now,
  ) {
    this.loaders = createThingsCloudLoaders(client, auth, limit);
  }

  // --- project ---

  project(): Promise<ThingsCloudProjectModel> {
    this.projectRead ??= this.limit(() => this.client.getProject(this.auth)).then(projectOf);
    return this.projectRead;
  }

  deviceStats(): Promise<DeviceStatsModel> {
    this.statsRead ??= this.limit(() => this.client.getDevicesStat(this.auth)).then(deviceStatsOf);
    return this.statsRead;
  }

  alarmStats(): Promise<DeviceAlarmStatsModel> {
    this.alarmStatsRead ??= this.limit(() => this.client.getDevicesAlarmStat(this.auth)).then(deviceAlarmStatsOf);
    return this.alarmStatsRead;
  }

  /** The administrator whose token this request uses (only an `admin_login` token has one). */
  admin(): Promise<ThingsCloudAdminModel> {
    this.adminRead ??= this.limit(() => this.client.getAdmin(this.auth)).then(adminOf);
    return this.adminRead;
  }

  // --- device types and groups (one call each per request, whatever asks) ---

  async deviceTypes(): Promise<DeviceTypeModel[]> {
    return [...(await this.typeIndex()).values()];
  }

  async deviceType(id: string): Promise<DeviceTypeModel | null> {
    return (await this.typeIndex()).get(id) ?? null;
  }

  extendInfoDefinitions(typeId: string): Promise<DeviceExtendInfoDefinitionModel[] | null> {
    return this.loaders.extendInfoDefinitionsByTypeId.load(typeId);
  }

  async deviceGroups(): Promise<DeviceGroupModel[]> {
    return (await this.groupIndex()).roots;
  }

  async deviceGroup(id: string): Promise<DeviceGroupModel | null> {
    return (await this.groupIndex()).byId.get(id) ?? null;
  }

  // --- devices ---

  /**
   * A slice of the device list. Type and group are the vendor's filters; online state is not
   * (the doc names no such parameter), so with `online` set the list is read and filtered here:
   * see `devicesByOnlineState`.
   */
  async devices(request: PageRequest, filter: DeviceFilter = {}): Promise<NumberedSlice<DeviceModel>> {
    const readPage = (pageNumber: number, pageRecords: number) =>
      this.limit(() =>
        this.client.listDevices(this.auth, {
          page: pageNumber,
          page_records: pageRecords,
          type: filter.typeId ?? undefined,
          group: filter.groupId ?? undefined,
          include_sub_groups: filter.groupId && filter.includeSubGroups ? 1 : undefined,
        }),
      );
    if (filter.online != null) return this.devicesByOnlineState(request, filter.online, readPage);
    const page = await readNumberedPages(request, THINGSCLOUD_LIMITS.listPageRecords, async (pageNumber, pageRecords) => {
      const raw = await readPage(pageNumber, pageRecords);
      return { items: raw.items, total: raw.total };
    });
    return this.primedDevices(page);
  }

  /**
   * Reads the vendor's pages in order, keeping the devices whose `online` matches, until the
   * slice and one device more (for `hasNextPage`) are found or the list ends. Pages are read one
   * at a time, since the next may not be needed and ThingsCloud throttles (FACTS). The total is
   * known only when the whole list was read. A slice that needs more than
   * `onlineFilterMaxPages` pages is refused rather than served short.
   */
  private async devicesByOnlineState(
    request: PageRequest,
    online: boolean,
    readPage: (page: number, pageRecords: number) => Promise<{ items: RawDevice[]; total: number }>,
  ): Promise<NumberedSlice<DeviceModel>> {
    const { listPageRecords: pageRecords, onlineFilterMaxPages: maxPages } = THINGSCLOUD_LIMITS;
    const wanted = request.offset + request.limit + 1;
    const matching: RawDevice[] = [];
    let listEnded = false;
    for (let page = 1; matching.length < wanted && !listEnded; page++) {
      if (page > maxPages) {
        throw new BadUserInputError(
          `ThingsCloud cannot filter devices by online state, so Tessera reads at most ${maxPages * pageRecords} devices per field to find them, and that was not enough here. Narrow the filter (a device type or group) or ask for fewer.`,
          { source: 'THINGSCLOUD' },
        );
      }
      const raw = await readPage(page, pageRecords);
      matching.push(...raw.items.filter((item) => item.online === online));
      listEnded = raw.items.length < pageRecords || page * pageRecords >= raw.total;
    }
    const items = matching.slice(request.offset, request.offset + request.limit);
    const slice =
      listEnded ? { items, offset: request.offset, total: matching.length, totalKnown: true }
      : { items, offset: request.offset, total: request.offset + items.length + 1, totalKnown: false };
    return this.primedDevices(slice);
  }

  device(id: string): Promise<DeviceModel | null> {
    return this.loaders.deviceById.load(id);
  }

  /** The device with what only the single-device read has; costs no call when the model already has it. */
  async deviceDetail(device: DeviceModel): Promise<NonNullable<DeviceModel['detail']> | null> {
    if (device.detail) return device.detail;
    return (await this.loaders.deviceDetailById.load(device.nativeId))?.detail ?? null;
  }

  /** The device's groups, from the one group-tree read; IDs the tree does not know are left out. */
  async groupsOf(device: DeviceModel): Promise<DeviceGroupModel[] | null> {
    const [detail, groups] = await Promise.all([this.deviceDetail(device), this.groupIndex()]);
    if (!detail) return null;
    return detail.groupNativeIds.flatMap((id) => groups.byId.get(id) ?? []);
  }

  certificate(deviceId: string): Promise<DeviceCertificateModel | null> {
    return this.loaders.certificateByDeviceId.load(deviceId);
  }

  async deviceCustomers(deviceId: string): Promise<ThingsCloudCustomerModel[] | null> {
    const customers = await this.loaders.customersByDeviceId.load(deviceId);
    if (customers) for (const customer of customers) this.loaders.customerById.prime(customer.nativeId, customer);
    return customers;
  }

  extendInfos(deviceId: string): Promise<DeviceExtendInfoModel[] | null> {
    return this.loaders.extendInfosByDeviceId.load(deviceId);
  }

  attributes(deviceId: string): Promise<DeviceAttributeModel[] | null> {
    return this.loaders.attributesByDeviceId.load(deviceId);
  }

  rawAttributes(deviceId: string): Promise<Record<string, unknown> | null> {
    return this.loaders.rawAttributesByDeviceId.load(deviceId);
  }

  /**
   * One attribute's history over any range: split into ≤30-day windows and pages, read
   * newest first until `first` points are in, returned oldest first. Refused up front when
   * it would take more than the configured number of calls.
   */
  async history(deviceId: string, identifier: string, args: HistoryArgs): Promise<DeviceAttributePointModel[]> {
    const toMs = args.toMs ?? this.now();
    const fromMs = args.fromMs ?? toMs - DAY_MS;
    const plan = planHistory({
      fromMs,
      toMs,
      first: args.first,
      pageSize: this.client.history.pageSize,
      maxWindowMs: THINGSCLOUD_LIMITS.seriesMaxWindowMs,
      maxCalls: this.client.history.maxCalls,
    });
    const points = await readHistory(plan, (window, page, pageSize) =>
      this.limit(() =>
        this.client.getAttributeSeries(this.auth, deviceId, identifier, { page, page_records: pageSize, start_time: window.startMs, end_time: window.endMs }),
      ),
    );
    return points.map(attributePointOf);
  }

  // --- alarms ---

  async alarms(request: PageRequest): Promise<NumberedSlice<DeviceAlarmModel>> {
    return readNumberedPages(request, THINGSCLOUD_LIMITS.listPageRecords, async (page, pageRecords) => {
      const raw = await this.limit(() => this.client.listAlarmLogs(this.auth, { page, page_records: pageRecords }));
      return { items: raw.items.map(alarmOf), total: null };
    });
  }

  async deviceAlarms(deviceId: string, request: PageRequest): Promise<NumberedSlice<DeviceAlarmModel>> {
    return readNumberedPages(request, THINGSCLOUD_LIMITS.listPageRecords, async (page, pageRecords) => {
      const raw = await this.limit(() => this.client.listDeviceAlarmLogs(this.auth, deviceId, { page, page_records: pageRecords }));
      return { items: raw.items.map(alarmOf), total: null };
    });
  }

  // --- customers ---

  customers(): Promise<ThingsCloudCustomerModel[]> {
    this.customersRead ??= this.limit(() => this.client.listCustomers(this.auth)).then((raw) => {
      const customers = raw.items.map(customerOf);
      for (const customer of customers) this.loaders.customerById.prime(customer.nativeId, customer);
      return customers;
    });
    return this.customersRead;
  }

  customer(id: string): Promise<ThingsCloudCustomerModel | null> {
    return this.loaders.customerById.load(id);
  }

  async customerRoles(): Promise<ThingsCloudCustomerRoleModel[]> {
    return [...(await this.roleIndex()).values()];
  }

  /** The single-customer read omits the role; the customer list (one call per request) has it. */
  async roleOf(customer: ThingsCloudCustomerModel): Promise<ThingsCloudCustomerRoleModel | null> {
    const roleId = customer.roleNativeId ?? (await this.customers()).find((c) => c.nativeId === customer.nativeId)?.roleNativeId ?? null;
    return roleId === null ? null : ((await this.roleIndex()).get(roleId) ?? null);
  }

  async customerDevices(customerId: string, request: PageRequest): Promise<Page<DeviceModel>> {
    const page = await readNumberedPages(request, THINGSCLOUD_LIMITS.listPageRecords, async (pageNumber, pageRecords) => {
      const raw = await this.limit(() => this.client.listCustomerDevices(this.auth, customerId, { page: pageNumber, page_records: pageRecords }));
      return { items: raw.items, total: raw.total };
    });
    return this.primedDevices(page);
  }

  // --- writes: tokens ---

  /** An administrator's 7-day token. `appId` defaults to the configured THINGSCLOUD_APP_ID. */
  async adminLogin(input: { appId?: string | null; account: string; password: string }): Promise<ThingsCloudSessionModel> {
    const appId = input.appId ?? this.client.appId;
    if (!appId) throw new BadUserInputError('Give "appId": this gateway has no THINGSCLOUD_APP_ID configured.');
    const raw = await this.limit(() => this.client.adminLogin({ app_id: appId, account: input.account, password: input.password }));
    return adminSessionOf(raw, this.now(), THINGSCLOUD_LIMITS.adminTokenLifetimeMs);
  }

  // --- writes: devices ---

  async createDevice(input: CreateDeviceInput): Promise<DeviceModel> {
    const tags = input.tags == null ? undefined : parseInput(stringMap, input.tags, '"tags" must be an object of string values.');
    const created = await this.limit(() =>
      this.client.createDevice(this.auth, {
        name: input.name,
        ...(input.description != null && { descr: input.description }),
        ...(input.typeId != null && { type: input.typeId }),
        ...(tags && { tags }),
        ...(input.deviceKey != null && { device_key: input.deviceKey }),
      }),
    );
    return this.reloadDevice(created.id);
  }

  async updateDevice(id: string, input: { name?: string | null; description?: string | null; deviceKey?: string | null }): Promise<DeviceModel> {
    const body = {
      ...(input.name != null && { name: input.name }),
      ...(input.description != null && { descr: input.description }),
      ...(input.deviceKey != null && { device_key: input.deviceKey }),
    };
    if (Object.keys(body).length === 0) throw new BadUserInputError('Give at least one of name, description, deviceKey.');
    await this.limit(() => this.client.updateDeviceInfo(this.auth, id, body));
    return this.reloadDevice(id);
  }

  async deleteDevice(id: string): Promise<void> {
    await this.limit(() => this.client.deleteDevice(this.auth, id));
    this.forgetDevice(id);
    this.loaders.deviceById.prime(id, null);
  }

  async setDeviceTags(id: string, tags: unknown): Promise<DeviceModel> {
    await this.limit(() => this.client.setDeviceTags(this.auth, id, parseInput(stringMap, tags, '"tags" must be an object of string values.')));
    return this.reloadDevice(id);
  }

  async removeDeviceTags(id: string, keys: string[]): Promise<DeviceModel> {
    await this.limit(() => this.client.removeDeviceTags(this.auth, id, keys));
    return this.reloadDevice(id);
  }

  async setDeviceGroups(id: string, groupIds: string[]): Promise<DeviceModel> {
    await this.limit(() => this.client.setDeviceGroups(this.auth, id, [...new Set(groupIds)]));
    return this.reloadDevice(id);
  }

  async setStandardExtendInfo(id: string, infoType: string, value: unknown): Promise<DeviceWriteModel> {
    const body = { info_type: infoType, value: parseInput(scalarMap, value, '"value" must be an object of string, number or boolean values.') };
    const updated = await this.limit(() => this.client.setDeviceStandardInfo(this.auth, id, body));
    this.forgetDevice(id);
    return { deviceNativeId: id, at: this.nowIso(), updated };
  }

  async setCustomExtendInfos(id: string, infos: unknown): Promise<DeviceWriteModel> {
    const body = parseInput(scalarMap, infos, '"infos" must map extend-info IDs to string, number or boolean values.');
    const updated = await this.limit(() => this.client.setDeviceExtendInfos(this.auth, id, body));
    this.forgetDevice(id);
    return { deviceNativeId: id, at: this.nowIso(), updated };
  }

  async removeAttributes(id: string, identifiers: string[]): Promise<DeviceModel> {
    await this.limit(() => this.client.removeDeviceAttributes(this.auth, id, identifiers));
    return this.reloadDevice(id);
  }

  async pushAttributes(id: string, values: unknown): Promise<DeviceWriteModel> {
    const body = parseInput(valueMap, values, '"values" must be a non-empty object of attribute values.');
    await this.limit(() => this.client.pushAttributes(this.auth, id, body));
    this.forgetDevice(id);
    return { deviceNativeId: id, at: this.nowIso(), updated: body };
  }

  async updateCloudAttributes(id: string, values: unknown): Promise<DeviceWriteModel> {
    const body = parseInput(valueMap, values, '"values" must be a non-empty object of attribute values.');
    await this.limit(() => this.client.updateCloudAttributes(this.auth, id, body));
    this.forgetDevice(id);
    return { deviceNativeId: id, at: this.nowIso(), updated: body };
  }

  async sendCommand(id: string, input: { method: string; params?: unknown; commandId?: number | null }): Promise<DeviceWriteModel> {
    const params = input.params == null ? undefined : parseInput(z.record(z.string(), z.unknown()), input.params, '"params" must be an object.');
    const body = { method: input.method, ...(params && { params }), ...(input.commandId != null && { id: input.commandId }) };
    await this.limit(() => this.client.sendCommand(this.auth, id, body));
    return { deviceNativeId: id, at: this.nowIso(), updated: {} };
  }

  async sendDataStream(id: string, input: { identifier: string; pushMode: 'MQTT' | 'TCP'; type: DataStreamType; message: unknown }): Promise<DeviceWriteModel> {
    const { type, message } = input;
    const fits =
      type === 'HEX' ? typeof message === 'string' && hexBytes.test(message.trim())
      : type === 'TEXT' ? typeof message === 'string'
      : typeof message === 'object' && message !== null;
    if (!fits) {
      const expected = type === 'HEX' ? 'a string of hex bytes such as "01 03 01 FF"' : type === 'TEXT' ? 'a string' : 'a JSON object or array';
      throw new BadUserInputError(`"message" must be ${expected} for type ${type}.`);
    }
    const pushMode = input.pushMode === 'TCP' ? 'tcp' : 'mqtt';
    await this.limit(() => this.client.sendDataStream(this.auth, id, input.identifier, pushMode, { type: type.toLowerCase() as 'hex' | 'text' | 'json', msg: message }));
    return { deviceNativeId: id, at: this.nowIso(), updated: {} };
  }

  // --- writes: customers ---

  async createCustomer(input: CustomerInput & { name: string; account: string; password: string; tags?: unknown }): Promise<ThingsCloudCustomerModel> {
    const tags = input.tags == null ? undefined : parseInput(stringMap, input.tags, '"tags" must be an object of string values.');
    const created = await this.limit(() =>
      this.client.createCustomer(this.auth, {
        name: input.name,
        account: input.account,
        password: input.password,
        ...customerBody(input),
        ...(tags && { tags }),
      }),
    );
    return this.reloadCustomer(created.id);
  }

  async updateCustomer(id: string, input: CustomerInput): Promise<ThingsCloudCustomerModel> {
    const body = customerBody(input);
    if (Object.keys(body).length === 0) throw new BadUserInputError('Give at least one of name, description, email, mobile.');
    await this.limit(() => this.client.updateCustomerInfo(this.auth, id, body));
    return this.reloadCustomer(id);
  }

  async setCustomerPassword(id: string, password: string): Promise<ThingsCloudCustomerModel> {
    await this.limit(() => this.client.setCustomerPassword(this.auth, id, password));
    return this.reloadCustomer(id);
  }

  async setCustomerTags(id: string, tags: unknown): Promise<ThingsCloudCustomerModel> {
    await this.limit(() => this.client.setCustomerTags(this.auth, id, parseInput(stringMap, tags, '"tags" must be an object of string values.')));
    return this.reloadCustomer(id);
  }

  async deleteCustomer(id: string): Promise<void> {
    await this.limit(() => this.client.deleteCustomer(this.auth, id));
    this.loaders.customerById.clear(id).prime(id, null);
  }

  /**
   * Checks a customer's account and password. A refusal the vendor answers with HTTP 200
   * (`result:false`) is the answer "not valid", not an error; throttling and server
   * failures still are errors.
   */
  async verifyCustomerLogin(account: string, password: string): Promise<ThingsCloudCustomerLoginModel> {
    const answer = await this.limit(() => this.client.customerAuth(this.auth, account, password));
    if (answer.valid) return { valid: true, customerNativeId: answer.customer.id, message: null, vendorCode: null };
    const { message, extensions } = answer.refusal;
    return { valid: false, customerNativeId: null, message, vendorCode: typeof extensions.vendorCode === 'number' ? extensions.vendorCode : null };
  }

  // --- plumbing ---

  private typeIndex(): Promise<Map<string, DeviceTypeModel>> {
    this.typesRead ??= this.limit(() => this.client.listDeviceTypes(this.auth)).then((raw) => new Map(raw.items.map((item) => [item.id, deviceTypeOf(item)])));
    return this.typesRead;
  }

  private groupIndex() {
    this.groupsRead ??= this.limit(() => this.client.getDeviceGroupsTree(this.auth)).then((raw) => {
      const roots = deviceGroupTreeOf(raw.items);
      return { roots, byId: indexGroups(roots) };
    });
    return this.groupsRead;
  }

  private roleIndex(): Promise<Map<string, ThingsCloudCustomerRoleModel>> {
    this.rolesRead ??= this.limit(() => this.client.listCustomerRoles(this.auth)).then((raw) => new Map(raw.items.map((item) => [item.id, customerRoleOf(item)])));
    return this.rolesRead;
  }

  /** Maps a list page and primes `deviceById`, so following a listed device costs no call. */
  private primedDevices<P extends Page<RawDevice>>(page: P): Omit<P, 'items'> & { items: DeviceModel[] } {
    const items = page.items.map(deviceOf);
    const { deviceById } = this.loaders;
    for (const device of items) deviceById.prime(device.nativeId, device);
    return { ...page, items };
  }

  /** Drops everything this request cached about a device after a write to it. */
  private forgetDevice(id: string): void {
    const loaders = this.loaders;
    for (const loader of [
      loaders.deviceById,
      loaders.deviceDetailById,
      loaders.certificateByDeviceId,
      loaders.customersByDeviceId,
      loaders.extendInfosByDeviceId,
      loaders.attributesByDeviceId,
      loaders.rawAttributesByDeviceId,
    ]) {
      loader.clear(id);
    }
  }

  /** Writes answer `{}` (or only `{id, name}`): the device is read again to return it. */
  private async reloadDevice(id: string): Promise<DeviceModel> {
    this.forgetDevice(id);
    const device = await this.loaders.deviceDetailById.load(id);
    if (!device) throw new UpstreamError('ThingsCloud no longer has the device it just wrote', ErrorCode.UPSTREAM_ERROR, { source: 'THINGSCLOUD', upstream: { method: 'GET', path: '/api/v1/device/:device_id' } });
    return device;
  }

  private async reloadCustomer(id: string): Promise<ThingsCloudCustomerModel> {
    this.customersRead = undefined;
    const loader = this.loaders.customerById.clear(id);
    const customer = await loader.load(id);
    if (!customer) throw new UpstreamError('ThingsCloud no longer has the customer it just wrote', ErrorCode.UPSTREAM_ERROR, { source: 'THINGSCLOUD', upstream: { method: 'GET', path: '/api/v1/customer/:customer_id' } });
    return customer;
  }

  private nowIso(): string {
    return new Date(this.now()).toISOString();
  }
}

function customerBody(input: CustomerInput) {
  return {
    ...(input.name != null && { name: input.name }),
    ...(input.description != null && { descr: input.description }),
    ...(input.email != null && { email: input.email }),
    ...(input.mobile != null && { mobile: input.mobile }),
  };
}

/** JSON-scalar arguments are checked here, where their vendor shape is known. */
function parseInput<S extends z.ZodType>(schema: S, value: unknown, message: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BadUserInputError(message);
  return parsed.data;
}
