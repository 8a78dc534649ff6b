import type { LimitFunction } from 'p-limit';
import { ignoreBatches, type BatchObserver } from '../shared/observedBatch.js';
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
import { createSharedReads, readKey, type SharedReads } from '../shared/sharedReads.js';
import { THINGSCLOUD_LIMITS, type DeviceListParams, type ThingsCloudAuth, type ThingsCloudClient } from './client.js';
import { createThingsCloudLoaders, readDeviceCustomers, type ThingsCloudLoaders } from './loaders.js';
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
  deviceTypeOfSummary,
  indexGroups,
  projectOf,
} from './mapping.js';
import { planCustomerReads } from './planCustomerReads.js';
import { planDeviceReads } from './planDeviceReads.js';
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

/**
 * What a caller needs of a device: what every read has (`listed`: the list's shape, which may
 * come from list pages), or also what only the single-device read has (`detail`: groups, view
 * token, device code).
 */
export type DeviceShape = 'listed' | 'detail';

/** A project-wide read that can start before the step of the query that needs it (see `readAhead`). */
export type ProjectList = 'devicePage' | 'groupTree' | 'typeList' | 'customerList';

/** `page_records` of a full list page (devices, a customer's devices, alarm logs). */
const FULL_PAGE = THINGSCLOUD_LIMITS.listPageRecords;

const DAY_MS = 86_400_000;
const stringMap = z.record(z.string(), z.string());
const scalarMap = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
const valueMap = z.record(z.string(), z.unknown()).refine((values) => Object.keys(values).length > 0);
const hexBytes = /^[0-9a-fA-F]{2}(\s*[0-9a-fA-F]{2})*$/;

/**
 * ThingsCloud as one request sees it: its credentials, its loaders, and every operation in
 * model terms. Created per request by the context; resolvers call only this.
 *
 * Every read that is not keyed by one record (the project-wide lists, list pages, statistics)
 * goes through `shared`: identical calls within the request are made once, and forgotten after
 * any write. Devices and device customers are read as `planDeviceReads` and
 * `planCustomerReads` decide, from what the request already knows (which devices its lists
 * returned, the project's device total, the customers' device counts). Every list primes the
 * by-ID loader when it lands; a single read racing a list still in flight is not held back for
 * it (that could add a wave of vendor latency) and so can still cost its call.
 */
export class ThingsCloudSource {
  private readonly loaders: ThingsCloudLoaders;
  private readonly shared: SharedReads = createSharedReads();
  /** Every device a list of this request returned (in the list's shape). */
  private readonly listed = new Map<string, DeviceModel>();
  /** Devices whose single read this request made or is making. */
  private readonly detailed = new Set<string>();
  /** Full pages of the unfiltered device list this request read or is reading. */
  private readonly devicePagesRead = new Set<number>();
  /** Devices in the project, once an unfiltered list page of this request said. */
  private deviceTotal: number | null = null;
  /** This request's `devices_stat` read, once started (it also tells the device total). */
  private statsRead: Promise<DeviceStatsModel> | undefined;
  /** This request's customer list read, once started (it tells each customer's device count). */
  private customersRead: Promise<ThingsCloudCustomerModel[]> | undefined;

  constructor(
    private readonly client: ThingsCloudClient,
    private readonly auth: ThingsCloudAuth,
    private readonly limit: LimitFunction,
    observe: BatchObserver = ignoreBatches,
    private readonly now: () => number = Date.now,
  ) {
    this.loaders = createThingsCloudLoaders(
      client,
      auth,
      limit,
      {
        devicesByIds: (ids) => this.devicesByIds(ids),
        customersByDeviceIds: (ids) => this.customersByDeviceIds(ids),
      },
      observe,
    );
  }

  // --- project ---

  project(): Promise<ThingsCloudProjectModel> {
    return this.read(readKey('/api/v1/project'), () => this.client.getProject(this.auth).then(projectOf));
  }

  deviceStats(): Promise<DeviceStatsModel> {
    this.statsRead = this.read(readKey('/api/v1/devices_stat'), () => this.client.getDevicesStat(this.auth).then(deviceStatsOf));
    return this.statsRead;
  }

  alarmStats(): Promise<DeviceAlarmStatsModel> {
    return this.read(readKey('/api/v1/devices_alarm_stat'), () => this.client.getDevicesAlarmStat(this.auth).then(deviceAlarmStatsOf));
  }

  /** The administrator whose token this request uses (only an `admin_login` token has one). */
  admin(): Promise<ThingsCloudAdminModel> {
    return this.read(readKey('/api/v1/admin'), () => this.client.getAdmin(this.auth).then(adminOf));
  }

  // --- device types and groups (one call each per request, whatever asks) ---

  async deviceTypes(): Promise<DeviceTypeModel[]> {
    return [...(await this.typeIndex()).values()];
  }

  async deviceType(id: string): Promise<DeviceTypeModel | null> {
    return (await this.typeIndex()).get(id) ?? null;
  }

  /**
   * A device's type. Every device read carries its type's ID, name and connection
   * (`type_info`): unless `fromTypeList` (the caller wants a field only the type list has),
   * that answers without a call.
   */
  async typeOf(device: DeviceModel, fromTypeList: boolean): Promise<DeviceTypeModel | null> {
    if (!device.typeNativeId) return null;
    const summary = device.typeSummary;
    if (!fromTypeList && summary?.nativeId === device.typeNativeId) return deviceTypeOfSummary(summary);
    return this.deviceType(device.typeNativeId);
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
    const readPage = (page: number, pageRecords: number) =>
      this.deviceListPage({
        page,
        page_records: pageRecords,
        type: filter.typeId ?? undefined,
        group: filter.groupId ?? undefined,
        include_sub_groups: filter.groupId && filter.includeSubGroups ? 1 : undefined,
      });
    if (filter.online != null) return this.devicesByOnlineState(request, filter.online, readPage);
    return readNumberedPages(request, FULL_PAGE, readPage);
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
    readPage: (page: number, pageRecords: number) => Promise<{ items: DeviceModel[]; total: number }>,
  ): Promise<NumberedSlice<DeviceModel>> {
    const { onlineFilterMaxPages: maxPages } = THINGSCLOUD_LIMITS;
    const wanted = request.offset + request.limit + 1;
    const matching: DeviceModel[] = [];
    let listEnded = false;
    for (let page = 1; matching.length < wanted && !listEnded; page++) {
      if (page > maxPages) {
        throw new BadUserInputError(
          `ThingsCloud cannot filter devices by online state, so Tessera reads at most ${maxPages * FULL_PAGE} devices per field to find them, and that was not enough here. Narrow the filter (a device type or group) or ask for fewer.`,
          { source: 'THINGSCLOUD' },
        );
      }
      const list = await readPage(page, FULL_PAGE);
      matching.push(...list.items.filter((item) => item.online === online));
      listEnded = list.items.length < FULL_PAGE || page * FULL_PAGE >= list.total;
    }
    const items = matching.slice(request.offset, request.offset + request.limit);
    return listEnded ?
        { items, offset: request.offset, total: matching.length, totalKnown: true }
      : { items, offset: request.offset, total: request.offset + items.length + 1, totalKnown: false };
  }

  /**
   * A device with at least `shape`'s fields; `listed` may be served by list pages (see
   * `devicesByIds`). Without a shape (the caller cannot tell what will be asked, as `node`):
   * the copy a list of this request returned, else the single read, which has everything.
   */
  device(id: string, shape?: DeviceShape): Promise<DeviceModel | null> {
    if (shape === 'detail' || (shape === undefined && !this.listed.has(id))) return this.deviceDetailById(id);
    return this.loaders.deviceById.load(id);
  }

  /**
   * Starts project-wide reads that a later step of this query will make (the resolvers tell
   * which from the selection), so that they go out in this step's wave of vendor calls rather
   * than one more. One is wasted only when that step turns out not to need it (an empty page;
   * alarms that all name one device).
   */
  readAhead(lists: readonly ProjectList[]): void {
    for (const list of lists) {
      const read =
        list === 'devicePage' ? this.deviceListPage({ page: 1, page_records: FULL_PAGE })
        : list === 'groupTree' ? this.groupIndex()
        : list === 'typeList' ? this.typeIndex()
        : this.customers();
      // Whoever uses the read gets its failure; nobody may be left to.
      read.catch(() => undefined);
    }
  }

  /** The device with what only the single-device read has; costs no call when the model already has it. */
  async deviceDetail(device: DeviceModel): Promise<NonNullable<DeviceModel['detail']> | null> {
    if (device.detail) return device.detail;
    return (await this.deviceDetailById(device.nativeId))?.detail ?? null;
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

  /** A device's customers: per device, or from the customers' device lists, as `customersByDeviceIds` plans. */
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
    return readNumberedPages(request, FULL_PAGE, async (page, pageRecords) => {
      const params = { page, page_records: pageRecords };
      const items = await this.read(readKey('/api/v1/alarm_logs', params), () => this.client.listAlarmLogs(this.auth, params).then((raw) => raw.items.map(alarmOf)));
      return { items, total: null };
    });
  }

  async deviceAlarms(deviceId: string, request: PageRequest): Promise<NumberedSlice<DeviceAlarmModel>> {
    return readNumberedPages(request, FULL_PAGE, async (page, pageRecords) => {
      const params = { page, page_records: pageRecords };
      const key = readKey(`/api/v1/device/${encodeURIComponent(deviceId)}/alarm_logs`, params);
      const items = await this.read(key, () => this.client.listDeviceAlarmLogs(this.auth, deviceId, params).then((raw) => raw.items.map(alarmOf)));
      return { items, total: null };
    });
  }

  // --- customers ---

  customers(): Promise<ThingsCloudCustomerModel[]> {
    this.customersRead = this.read(readKey('/api/v1/customers'), async () => {
      const customers = (await this.client.listCustomers(this.auth)).items.map(customerOf);
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

  customerDevices(customerId: string, request: PageRequest): Promise<Page<DeviceModel>> {
    return readNumberedPages(request, FULL_PAGE, (page, pageRecords) => this.customerDevicePage(customerId, { page, page_records: pageRecords }));
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
    const created = await this.write(() =>
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
    await this.write(() => this.client.updateDeviceInfo(this.auth, id, body));
    return this.reloadDevice(id);
  }

  async deleteDevice(id: string): Promise<void> {
    await this.write(() => this.client.deleteDevice(this.auth, id));
    this.forgetDevice(id);
    this.loaders.deviceById.prime(id, null);
  }

  async setDeviceTags(id: string, tags: unknown): Promise<DeviceModel> {
    await this.write(() => this.client.setDeviceTags(this.auth, id, parseInput(stringMap, tags, '"tags" must be an object of string values.')));
    return this.reloadDevice(id);
  }

  async removeDeviceTags(id: string, keys: string[]): Promise<DeviceModel> {
    await this.write(() => this.client.removeDeviceTags(this.auth, id, keys));
    return this.reloadDevice(id);
  }

  async setDeviceGroups(id: string, groupIds: string[]): Promise<DeviceModel> {
    await this.write(() => this.client.setDeviceGroups(this.auth, id, [...new Set(groupIds)]));
    return this.reloadDevice(id);
  }

  async setStandardExtendInfo(id: string, infoType: string, value: unknown): Promise<DeviceWriteModel> {
    const body = { info_type: infoType, value: parseInput(scalarMap, value, '"value" must be an object of string, number or boolean values.') };
    const updated = await this.write(() => this.client.setDeviceStandardInfo(this.auth, id, body));
    this.forgetDevice(id);
    return { deviceNativeId: id, at: this.nowIso(), updated };
  }

  async setCustomExtendInfos(id: string, infos: unknown): Promise<DeviceWriteModel> {
    const body = parseInput(scalarMap, infos, '"infos" must map extend-info IDs to string, number or boolean values.');
    const updated = await this.write(() => this.client.setDeviceExtendInfos(this.auth, id, body));
    this.forgetDevice(id);
    return { deviceNativeId: id, at: this.nowIso(), updated };
  }

  async removeAttributes(id: string, identifiers: string[]): Promise<DeviceModel> {
    await this.write(() => this.client.removeDeviceAttributes(this.auth, id, identifiers));
    return this.reloadDevice(id);
  }

  async pushAttributes(id: string, values: unknown): Promise<DeviceWriteModel> {
    const body = parseInput(valueMap, values, '"values" must be a non-empty object of attribute values.');
    await this.write(() => this.client.pushAttributes(this.auth, id, body));
    this.forgetDevice(id);
    return { deviceNativeId: id, at: this.nowIso(), updated: body };
  }

  async updateCloudAttributes(id: string, values: unknown): Promise<DeviceWriteModel> {
    const body = parseInput(valueMap, values, '"values" must be a non-empty object of attribute values.');
    await this.write(() => this.client.updateCloudAttributes(this.auth, id, body));
    this.forgetDevice(id);
    return { deviceNativeId: id, at: this.nowIso(), updated: body };
  }

  async sendCommand(id: string, input: { method: string; params?: unknown; commandId?: number | null }): Promise<DeviceWriteModel> {
    const params = input.params == null ? undefined : parseInput(z.record(z.string(), z.unknown()), input.params, '"params" must be an object.');
    const body = { method: input.method, ...(params && { params }), ...(input.commandId != null && { id: input.commandId }) };
    await this.write(() => this.client.sendCommand(this.auth, id, body));
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
    await this.write(() => this.client.sendDataStream(this.auth, id, input.identifier, pushMode, { type: type.toLowerCase() as 'hex' | 'text' | 'json', msg: message }));
    return { deviceNativeId: id, at: this.nowIso(), updated: {} };
  }

  // --- writes: customers ---

  async createCustomer(input: CustomerInput & { name: string; account: string; password: string; tags?: unknown }): Promise<ThingsCloudCustomerModel> {
    const tags = input.tags == null ? undefined : parseInput(stringMap, input.tags, '"tags" must be an object of string values.');
    const created = await this.write(() =>
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
    await this.write(() => this.client.updateCustomerInfo(this.auth, id, body));
    return this.reloadCustomer(id);
  }

  async setCustomerPassword(id: string, password: string): Promise<ThingsCloudCustomerModel> {
    await this.write(() => this.client.setCustomerPassword(this.auth, id, password));
    return this.reloadCustomer(id);
  }

  async setCustomerTags(id: string, tags: unknown): Promise<ThingsCloudCustomerModel> {
    await this.write(() => this.client.setCustomerTags(this.auth, id, parseInput(stringMap, tags, '"tags" must be an object of string values.')));
    return this.reloadCustomer(id);
  }

  async deleteCustomer(id: string): Promise<void> {
    await this.write(() => this.client.deleteCustomer(this.auth, id));
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

  /** A read shared by identical calls of this request (see `SharedReads`), under the request's limit. */
  private read<T>(key: string, call: () => Promise<T>): Promise<T> {
    return this.shared(key, () => this.limit(call));
  }

  /**
   * A write, after which this request forgets every shared read and what its lists told (the
   * lists, totals and counts may have changed); records the write touched are forgotten by the
   * caller.
   */
  private async write<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await this.limit(call);
    } finally {
      this.shared.clear();
      this.devicePagesRead.clear();
      this.deviceTotal = null;
      this.statsRead = undefined;
      this.customersRead = undefined;
    }
  }

  private typeIndex(): Promise<Map<string, DeviceTypeModel>> {
    return this.read(readKey('/api/v1/device_types'), async () => {
      const raw = await this.client.listDeviceTypes(this.auth);
      return new Map(raw.items.map((item) => [item.id, deviceTypeOf(item)]));
    });
  }

  private groupIndex(): Promise<{ roots: DeviceGroupModel[]; byId: Map<string, DeviceGroupModel> }> {
    return this.read(readKey('/api/v1/device_groups_tree'), async () => {
      const roots = deviceGroupTreeOf((await this.client.getDeviceGroupsTree(this.auth)).items);
      return { roots, byId: indexGroups(roots) };
    });
  }

  private roleIndex(): Promise<Map<string, ThingsCloudCustomerRoleModel>> {
    return this.read(readKey('/api/v1/customer_roles'), async () => {
      const raw = await this.client.listCustomerRoles(this.auth);
      return new Map(raw.items.map((item) => [item.id, customerRoleOf(item)]));
    });
  }

  /** One page of the device list (whole, or by type or group); a whole list's page tells the project's device total. */
  private deviceListPage(params: DeviceListParams): Promise<{ items: DeviceModel[]; total: number }> {
    const whole = params.type === undefined && params.group === undefined;
    if (whole && params.page_records === FULL_PAGE) this.devicePagesRead.add(params.page);
    return this.read(readKey('/api/v1/devices', { ...params }), async () => {
      const raw = await this.client.listDevices(this.auth, params);
      if (whole) this.deviceTotal = raw.total;
      return { items: this.listedDevices(raw.items), total: raw.total };
    });
  }

  private customerDevicePage(customerId: string, params: { page: number; page_records: number }): Promise<{ items: DeviceModel[]; total: number }> {
    return this.read(readKey(`/api/v1/customer/${encodeURIComponent(customerId)}/devices`, params), async () => {
      const raw = await this.client.listCustomerDevices(this.auth, customerId, params);
      return { items: this.listedDevices(raw.items), total: raw.total };
    });
  }

  /** Maps a list's devices and remembers them, priming `deviceById`: following a listed device costs no call. */
  private listedDevices(raws: RawDevice[]): DeviceModel[] {
    const devices = raws.map(deviceOf);
    for (const device of devices) {
      this.listed.set(device.nativeId, device);
      this.loaders.deviceById.prime(device.nativeId, device);
    }
    return devices;
  }

  private deviceDetailById(id: string): Promise<DeviceModel | null> {
    this.detailed.add(id);
    return this.loaders.deviceDetailById.load(id);
  }

  /**
   * `deviceById`'s batch: the devices no list of this request returned, read one by one or as
   * the device list's pages, whichever `planDeviceReads` finds cheaper. A device the pages do not
   * hold (deleted, created while they were read, or on a page that failed) gets its single read,
   * which says whether it exists: never more calls than reading every device alone, plus the
   * pages.
   */
  private async devicesByIds(ids: readonly string[]): Promise<(DeviceModel | null | Error)[]> {
    const wanted = () => ids.filter((id) => !this.listed.has(id) && !this.detailed.has(id)).length;
    const state = (total: number | null) => ({ wanted: wanted(), total, pageSize: FULL_PAGE, pagesRead: this.devicePagesRead });
    const readPages = (pages: number[]) => Promise.allSettled(pages.map((page) => this.deviceListPage({ page, page_records: FULL_PAGE })));
    // A first page already under way (read ahead) is waited for: it tells the total at no call.
    if (this.deviceTotal === null && this.devicePagesRead.has(1)) await readPages([1]);
    let plan = planDeviceReads(state(this.deviceTotal ?? (await this.totalFromStats())));
    if (plan.read === 'firstPage') {
      await readPages([1]);
      plan = this.deviceTotal === null ? { read: 'byId' } : planDeviceReads(state(this.deviceTotal));
    }
    if (plan.read === 'pages') await readPages(plan.pages);
    return Promise.all(ids.map((id) => (!this.detailed.has(id) && this.listed.get(id)) || this.deviceDetailById(id).catch(asError)));
  }

  /** The project's device total from this request's `devices_stat` read, when it made one. */
  private async totalFromStats(): Promise<number | null> {
    if (!this.statsRead) return null;
    return this.statsRead.then((stats) => stats.total, () => null);
  }

  /**
   * `customersByDeviceId`'s batch: one call per device, or the customer list and each
   * customer's devices, whichever `planCustomerReads` finds cheaper. Through the customers'
   * lists, a device no customer has gets `[]`; every device they list has its customers primed.
   */
  private async customersByDeviceIds(ids: readonly string[]): Promise<(ThingsCloudCustomerModel[] | null | Error)[]> {
    const countsOf = (customers: ThingsCloudCustomerModel[] | null) => customers && customers.map((customer) => customer.deviceCount);
    let customers = this.customersRead ? await this.customersRead.catch(() => null) : null;
    let plan = planCustomerReads({ devices: ids.length, deviceCounts: countsOf(customers), pageSize: FULL_PAGE });
    if (plan.read === 'customerList') {
      customers = await this.customers().catch(() => null);
      plan = customers ? planCustomerReads({ devices: ids.length, deviceCounts: countsOf(customers), pageSize: FULL_PAGE }) : { read: 'byDevice' };
    }
    if (plan.read === 'byCustomer' && customers) {
      try {
        const byDevice = await this.customersOfListedDevices(customers);
        for (const [deviceId, deviceCustomers] of byDevice) this.loaders.customersByDeviceId.prime(deviceId, deviceCustomers);
        return ids.map((id) => byDevice.get(id) ?? []);
      } catch (error) {
        return ids.map(() => asError(error));
      }
    }
    return Promise.all(ids.map((id) => readDeviceCustomers(this.client, this.auth, this.limit, id)));
  }

  /** Device ID → its customers (in the customer list's order), from every customer's device list. */
  private async customersOfListedDevices(customers: ThingsCloudCustomerModel[]): Promise<Map<string, ThingsCloudCustomerModel[]>> {
    const withDevices = customers.filter((customer) => (customer.deviceCount ?? 0) > 0);
    const devices = await Promise.all(withDevices.map((customer) => this.everyDeviceOf(customer.nativeId, customer.deviceCount ?? 0)));
    const byDevice = new Map<string, ThingsCloudCustomerModel[]>();
    withDevices.forEach((customer, i) => {
      for (const device of devices[i]!) {
        const list = byDevice.get(device.nativeId);
        if (list) list.push(customer);
        else byDevice.set(device.nativeId, [customer]);
      }
    });
    return byDevice;
  }

  /** All of a customer's devices: the pages its count calls for at once, then any more its first page's total says there are. */
  private async everyDeviceOf(customerId: string, count: number): Promise<DeviceModel[]> {
    const page = (n: number) => this.customerDevicePage(customerId, { page: n, page_records: FULL_PAGE });
    const pages = await Promise.all(Array.from({ length: Math.ceil(count / FULL_PAGE) }, (_, i) => page(i + 1)));
    const total = pages[0]?.total ?? 0;
    for (let n = pages.length + 1; n <= Math.ceil(total / FULL_PAGE); n++) pages.push(await page(n));
    return pages.flatMap((p) => p.items);
  }

  /** Drops everything this request cached about a device after a write to it. */
  private forgetDevice(id: string): void {
    const loaders = this.loaders;
    this.listed.delete(id);
    this.detailed.delete(id);
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
    const device = await this.deviceDetailById(id);
    if (!device) throw new UpstreamError('ThingsCloud no longer has the device it just wrote', ErrorCode.UPSTREAM_ERROR, { source: 'THINGSCLOUD', upstream: { method: 'GET', path: '/api/v1/device/:device_id' } });
    return device;
  }

  private async reloadCustomer(id: string): Promise<ThingsCloudCustomerModel> {
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

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}

/** JSON-scalar arguments are checked here, where their vendor shape is known. */
function parseInput<S extends z.ZodType>(schema: S, value: unknown, message: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BadUserInputError(message);
  return parsed.data;
}
