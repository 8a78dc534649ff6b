import { z } from 'zod';
import {
  asServiceLogin,
  ErrorCode,
  UnauthenticatedError,
  UpstreamError,
  upstreamGarbageError,
  upstreamHttpError,
  upstreamRefusalError,
  type UpstreamCall,
  type VendorComplaint,
} from '../../errors.js';
import type { TokenAuth } from '../shared/TokenAuth.js';
import type { SharedTokenSlot } from '../shared/SharedTokenStore.js';
import { TokenCache } from '../shared/TokenCache.js';
import { pathSegment } from '../shared/pathSegment.js';
import type { VendorHttp, VendorRequest, VendorResponse } from '../shared/VendorHttp.js';
import {
  rawAdmin,
  rawAdminToken,
  rawAlarmLog,
  rawAppToken,
  rawAttribute,
  rawAttributeMap,
  rawCertificate,
  rawCreated,
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
  rawFailureDetails,
  rawGroupNode,
  rawItems,
  rawProject,
  rawSeriesPoint,
  rawWriteInfo,
  type RawCreated,
} from './types.js';

/** Whose token a call uses. Resolved per request by the context. */
export type ThingsCloudAuth = TokenAuth;

/** An API app of the project (console → 项目应用): gets one-day tokens from `POST /access_token`. */
export interface ThingsCloudServiceApp {
  appId: string;
  accessKey: string;
  secretKey: string;
}

/** How attribute history is read: the vendor's page size and how many calls one field may cost. */
export interface ThingsCloudHistoryLimits {
  /** `page_records` of one series call. The doc says 1–100; official tools send up to 500. */
  pageSize: number;
  /** Most series calls one `history` field may make before the request is refused. */
  maxCalls: number;
}

export interface ThingsCloudClientOptions {
  service?: ThingsCloudServiceApp;
  history: ThingsCloudHistoryLimits;
  now?: () => number;
  /** Where replicas share the service token (Redis); absent: this process keeps its own. */
  sharedToken?: SharedTokenSlot;
}

/**
 * Vendor limits. The doc gives no page-size maximum for the lists (FACTS: official tools use
 * 50 and 100); the series allows at most 30 days per call. The device list cannot filter by
 * online state, so Tessera reads its pages and filters them; `onlineFilterMaxPages` bounds
 * that scan for one field (1000 devices at 100 a page).
 */
export const THINGSCLOUD_LIMITS = {
  listPageRecords: 100,
  seriesMaxWindowMs: 30 * 86_400_000,
  adminTokenLifetimeMs: 7 * 86_400_000,
  onlineFilterMaxPages: 10,
} as const;

export interface DeviceListParams {
  page: number;
  page_records: number;
  type?: string;
  group?: string;
  /** FACTS: `include_sub_groups=1` widens `group` to the groups below it. */
  include_sub_groups?: 1;
}

export interface PageParams {
  page: number;
  page_records: number;
}

export interface SeriesParams extends PageParams {
  /** Both ends in epoch ms, at most 30 days apart; without them the vendor reads back from now. */
  start_time: number;
  end_time: number;
}

/** What `customer_auth` said about an account and password: the customer, or the vendor's refusal. */
export type CustomerAuthAnswer = { valid: true; customer: RawCreated } | { valid: false; refusal: UpstreamError };

/**
 * ThingsCloud's project HTTP API, one method per documented endpoint. Built once at start-up;
 * holds the service token cache. Every method takes the per-request auth, returns the
 * vendor's raw (validated) `info` and throws `TesseraError`s. ThingsCloud reports most
 * failures as HTTP 200 with `result:false`, so `result` is always checked, never only the status.
 */
export class ThingsCloudClient {
  readonly history: ThingsCloudHistoryLimits;
  readonly appId: string | undefined;
  private readonly serviceToken: TokenCache | undefined;

  constructor(
    private readonly http: VendorHttp,
    options: ThingsCloudClientOptions,
  ) {
    const { service } = options;
    this.history = options.history;
    this.appId = service?.appId;
    this.serviceToken = service && new TokenCache({
        acquire: () => this.acquireServiceToken(service),
        now: options.now,
        ...(options.sharedToken && { shared: options.sharedToken }),
      });
  }

  get hasServiceAccount(): boolean {
    return this.serviceToken !== undefined;
  }

  // --- tokens (no token needed) ---

  /** Server-side token, valid one day. */
  accessToken(app: ThingsCloudServiceApp) {
    const json = { app_id: app.appId, access_key: app.accessKey, secret_key: app.secretKey };
    return this.send({ method: 'POST', path: '/api/v1/access_token', json, repeatable: true }, rawAppToken);
  }

  /** Browser-side token of an administrator, valid seven days. */
  adminLogin(body: { app_id: string; account: string; password: string }) {
    return this.send({ method: 'POST', path: '/api/v1/admin_login', json: body, repeatable: true }, rawAdminToken);
  }

  // --- project ---

  getProject(auth: ThingsCloudAuth) {
    return this.authed(auth, { method: 'GET', path: '/api/v1/project' }, rawProject);
  }

  getDevicesStat(auth: ThingsCloudAuth) {
    return this.authed(auth, { method: 'GET', path: '/api/v1/devices_stat' }, rawDevicesStat);
  }

  getDevicesAlarmStat(auth: ThingsCloudAuth) {
    return this.authed(auth, { method: 'GET', path: '/api/v1/devices_alarm_stat' }, rawDevicesAlarmStat);
  }

  // --- device types and groups ---

  listDeviceTypes(auth: ThingsCloudAuth) {
    return this.authed(auth, { method: 'GET', path: '/api/v1/device_types' }, rawItems(rawDeviceType));
  }

  listDeviceTypeExtendInfos(auth: ThingsCloudAuth, typeId: string) {
    const path = `/api/v1/device_type/${pathSegment(typeId, 'device type ID')}/extend_infos`;
    return this.authed(auth, { method: 'GET', path }, rawItems(rawExtendInfoDefinition));
  }

  getDeviceGroupsTree(auth: ThingsCloudAuth) {
    return this.authed(auth, { method: 'GET', path: '/api/v1/device_groups_tree' }, rawItems(rawGroupNode));
  }

  // --- devices ---

  listDevices(auth: ThingsCloudAuth, params: DeviceListParams) {
    return this.authed(auth, { method: 'GET', path: '/api/v1/devices', searchParams: { ...params } }, rawDeviceList);
  }

  getDevice(auth: ThingsCloudAuth, id: string) {
    return this.authed(auth, { method: 'GET', path: devicePath(id) }, rawDeviceDetail);
  }

  getDeviceCertificate(auth: ThingsCloudAuth, id: string) {
    return this.authed(auth, { method: 'GET', path: `${devicePath(id)}/certificate` }, rawCertificate);
  }

  listDeviceCustomers(auth: ThingsCloudAuth, id: string) {
    return this.authed(auth, { method: 'GET', path: `${devicePath(id)}/customers` }, rawItems(rawCustomer));
  }

  createDevice(auth: ThingsCloudAuth, body: { name: string; descr?: string; type?: string; tags?: Record<string, string>; device_key?: string }) {
    return this.authed(auth, { method: 'POST', path: '/api/v1/device', json: body }, rawCreated);
  }

  updateDeviceInfo(auth: ThingsCloudAuth, id: string, body: { name?: string; descr?: string; device_key?: string }) {
    return this.authed(auth, { method: 'PUT', path: `${devicePath(id)}/info`, json: body }, rawWriteInfo);
  }

  /** Adds or replaces the given tags; others stay. */
  setDeviceTags(auth: ThingsCloudAuth, id: string, tags: Record<string, string>) {
    return this.authed(auth, { method: 'PUT', path: `${devicePath(id)}/tags`, json: { tags } }, rawWriteInfo);
  }

  removeDeviceTags(auth: ThingsCloudAuth, id: string, keys: string[]) {
    return this.authed(auth, { method: 'POST', path: `${devicePath(id)}/tags_remove`, json: { keys } }, rawWriteInfo);
  }

  /** Replaces the device's groups; an empty list takes it out of every group. */
  setDeviceGroups(auth: ThingsCloudAuth, id: string, groups: string[]) {
    return this.authed(auth, { method: 'PUT', path: `${devicePath(id)}/groups`, json: { groups } }, rawWriteInfo);
  }

  deleteDevice(auth: ThingsCloudAuth, id: string) {
    return this.authed(auth, { method: 'DELETE', path: devicePath(id) }, rawWriteInfo);
  }

  // --- extend infos ---

  listDeviceExtendInfos(auth: ThingsCloudAuth, id: string) {
    return this.authed(auth, { method: 'GET', path: `${devicePath(id)}/extend_infos` }, rawItems(rawDeviceExtendInfo));
  }

  /** Answers `{ <info_type>: { …what was updated } }`. */
  setDeviceStandardInfo(auth: ThingsCloudAuth, id: string, body: { info_type: string; value: Record<string, string | number | boolean> }) {
    return this.authed(auth, { method: 'POST', path: `${devicePath(id)}/standard_infos`, json: body }, rawWriteInfo);
  }

  /** Answers `{ <info id>: value }` for what was updated. */
  setDeviceExtendInfos(auth: ThingsCloudAuth, id: string, infos: Record<string, string | number | boolean>) {
    return this.authed(auth, { method: 'POST', path: `${devicePath(id)}/extend_infos`, json: { infos } }, rawWriteInfo);
  }

  // --- device data ---

  listDeviceAttributes(auth: ThingsCloudAuth, id: string) {
    return this.authed(auth, { method: 'GET', path: `${devicePath(id)}/attributes` }, z.array(rawAttribute));
  }

  getDeviceAttributesRaw(auth: ThingsCloudAuth, id: string) {
    return this.authed(auth, { method: 'GET', path: `${devicePath(id)}/attributes_raw` }, rawAttributeMap);
  }

  getAttributeSeries(auth: ThingsCloudAuth, id: string, identifier: string, params: SeriesParams) {
    const path = `${devicePath(id)}/attribute/${pathSegment(identifier, 'attribute identifier')}/series`;
    return this.authed(auth, { method: 'GET', path, searchParams: { ...params } }, z.array(rawSeriesPoint));
  }

  removeDeviceAttributes(auth: ThingsCloudAuth, id: string, keys: string[]) {
    return this.authed(auth, { method: 'POST', path: `${devicePath(id)}/attributes_remove`, json: { keys } }, rawWriteInfo);
  }

  // --- device communication ---

  pushAttributes(auth: ThingsCloudAuth, id: string, values: Record<string, unknown>) {
    return this.authed(auth, { method: 'POST', path: `${controlPath(id)}/attributes`, json: values }, rawWriteInfo);
  }

  updateCloudAttributes(auth: ThingsCloudAuth, id: string, values: Record<string, unknown>) {
    return this.authed(auth, { method: 'PUT', path: `${controlPath(id)}/attributes`, json: values }, rawWriteInfo);
  }

  sendCommand(auth: ThingsCloudAuth, id: string, body: { method: string; params?: Record<string, unknown>; id?: number }) {
    return this.authed(auth, { method: 'POST', path: `${controlPath(id)}/command`, json: body }, rawWriteInfo);
  }

  /**
   * The doc's syntax names the message field `message`, its three examples `msg`; Tessera
   * sends `msg`, as the examples do.
   */
  sendDataStream(auth: ThingsCloudAuth, id: string, identifier: string, pushMode: 'mqtt' | 'tcp', body: { type: 'hex' | 'text' | 'json'; msg: unknown }) {
    const path = `${controlPath(id)}/data/${pathSegment(identifier, 'data stream identifier')}/set`;
    return this.authed(auth, { method: 'POST', path, searchParams: { push_mode: pushMode }, json: body }, rawWriteInfo);
  }

  // --- alarms ---

  /**
   * The doc shows no paging and no totals for alarm logs; Tessera pages with the device
   * list's `page`/`page_records` and treats a short page as the last.
   */
  listAlarmLogs(auth: ThingsCloudAuth, params: PageParams) {
    return this.authed(auth, { method: 'GET', path: '/api/v1/alarm_logs', searchParams: { ...params } }, rawItems(rawAlarmLog));
  }

  listDeviceAlarmLogs(auth: ThingsCloudAuth, id: string, params: PageParams) {
    return this.authed(auth, { method: 'GET', path: `${devicePath(id)}/alarm_logs`, searchParams: { ...params } }, rawItems(rawAlarmLog));
  }

  // --- customers ---

  listCustomers(auth: ThingsCloudAuth) {
    return this.authed(auth, { method: 'GET', path: '/api/v1/customers' }, rawItems(rawCustomer));
  }

  listCustomerRoles(auth: ThingsCloudAuth) {
    return this.authed(auth, { method: 'GET', path: '/api/v1/customer_roles' }, rawItems(rawCustomerRole));
  }

  getCustomer(auth: ThingsCloudAuth, id: string) {
    return this.authed(auth, { method: 'GET', path: customerPath(id) }, rawCustomer);
  }

  listCustomerDevices(auth: ThingsCloudAuth, id: string, params: PageParams) {
    return this.authed(auth, { method: 'GET', path: `${customerPath(id)}/devices`, searchParams: { ...params } }, rawDeviceList);
  }

  createCustomer(auth: ThingsCloudAuth, body: { name: string; account: string; password: string; descr?: string; email?: string; mobile?: string; tags?: Record<string, string> }) {
    return this.authed(auth, { method: 'POST', path: '/api/v1/customer', json: body }, rawCreated);
  }

  updateCustomerInfo(auth: ThingsCloudAuth, id: string, body: { name?: string; descr?: string; email?: string; mobile?: string }) {
    return this.authed(auth, { method: 'PUT', path: `${customerPath(id)}/info`, json: body }, rawWriteInfo);
  }

  setCustomerPassword(auth: ThingsCloudAuth, id: string, password: string) {
    return this.authed(auth, { method: 'PUT', path: `${customerPath(id)}/pwd`, json: { password } }, rawWriteInfo);
  }

  setCustomerTags(auth: ThingsCloudAuth, id: string, tags: Record<string, string>) {
    return this.authed(auth, { method: 'PUT', path: `${customerPath(id)}/tags`, json: { tags } }, rawWriteInfo);
  }

  deleteCustomer(auth: ThingsCloudAuth, id: string) {
    return this.authed(auth, { method: 'DELETE', path: customerPath(id) }, rawWriteInfo);
  }

  /**
   * Checks a customer's account and password. A wrong pair is answered HTTP 200 `result:false`
   * (documented); how a token ThingsCloud no longer accepts is answered is not documented, and
   * may be that very shape (`errcode` 401). So a refusal that could be about the token is told
   * apart by asking whether the token still opens `GET /project`: when it does not, it is the
   * token's rejection (a service token is then re-acquired once and the check repeated), never
   * the answer "wrong password".
   */
  customerAuth(auth: ThingsCloudAuth, account: string, password: string): Promise<CustomerAuthAnswer> {
    const request: VendorRequest = { method: 'POST', path: '/api/v1/customer_auth', json: { account, password }, repeatable: true };
    return this.withAuth(auth, async (token): Promise<CustomerAuthAnswer> => {
      try {
        return { valid: true, customer: await this.sendWithToken(token, request, rawCreated) };
      } catch (error) {
        if (!isRefusal(error)) throw error;
        if (error.code === ErrorCode.UNAUTHENTICATED) await this.sendWithToken(token, { method: 'GET', path: '/api/v1/project' }, rawProject);
        return { valid: false, refusal: error };
      }
    });
  }

  // --- administrators ---

  /** Only answers for a token from `admin_login`. */
  getAdmin(auth: ThingsCloudAuth) {
    return this.authed(auth, { method: 'GET', path: '/api/v1/admin' }, rawAdmin);
  }

  // --- plumbing ---

  private async acquireServiceToken(app: ThingsCloudServiceApp) {
    const variables = 'THINGSCLOUD_APP_ID/THINGSCLOUD_ACCESS_KEY/THINGSCLOUD_SECRET_KEY';
    const token = await asServiceLogin('THINGSCLOUD', variables, () => this.accessToken(app));
    return { token: token.access_token, expiresInSeconds: token.expires_in };
  }

  /** Sends with the caller's token, or the service token (re-acquired once if ThingsCloud rejects it). */
  private authed<S extends z.ZodType>(auth: ThingsCloudAuth, request: VendorRequest, schema: S): Promise<z.infer<S>> {
    return this.withAuth(auth, (token) => this.sendWithToken(token, request, schema));
  }

  /** Runs `call` with the caller's token, or the service token (re-acquired once when `call` fails with its rejection). */
  private async withAuth<T>(auth: ThingsCloudAuth, call: (token: string) => Promise<T>): Promise<T> {
    switch (auth.kind) {
      case 'user':
        return call(auth.token);
      case 'service':
        if (!this.serviceToken) throw new UnauthenticatedError('ThingsCloud has no service credentials configured.', { source: 'THINGSCLOUD' });
        return this.serviceToken.withToken(call, isRejectedToken);
      case 'none':
        throw auth.error;
    }
  }

  private sendWithToken<S extends z.ZodType>(token: string, request: VendorRequest, schema: S): Promise<z.infer<S>> {
    return this.send({ ...request, headers: { authorization: `Bearer ${token}` } }, schema);
  }

  private async send<S extends z.ZodType>(request: VendorRequest, schema: S): Promise<z.infer<S>> {
    const response = await this.http.send(request);
    const failure = failureOf(response);
    if (failure) throw failure;
    const envelope = rawEnvelope.safeParse(response.body);
    if (!envelope.success || !envelope.data.result) throw upstreamGarbageError('THINGSCLOUD', response.call, envelope.error);
    const parsed = schema.safeParse(envelope.data.info);
    if (!parsed.success) throw upstreamGarbageError('THINGSCLOUD', response.call, parsed.error);
    return parsed.data as z.infer<S>;
  }
}

function devicePath(id: string): string {
  return `/api/v1/device/${pathSegment(id, 'device ID')}`;
}

function controlPath(id: string): string {
  return `/api/v1/control/device/${pathSegment(id, 'device ID')}`;
}

function customerPath(id: string): string {
  return `/api/v1/customer/${pathSegment(id, 'customer ID')}`;
}

/**
 * A token ThingsCloud no longer accepts. The doc does not say how that is answered; a 401
 * (HTTP status or errcode) is taken as that. (`customerAuth` never throws its password
 * refusals, so they cannot be mistaken for this.)
 */
function isRejectedToken(error: unknown): boolean {
  return error instanceof UpstreamError && error.code === ErrorCode.UNAUTHENTICATED;
}

const refusalCodes = new Set<string>([ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND, ErrorCode.BAD_USER_INPUT]);

/** A request ThingsCloud refused inside its envelope: HTTP 200 `result:false` with a client-side errcode. */
function isRefusal(error: unknown): error is UpstreamError {
  return error instanceof UpstreamError && (error.extensions.upstream as UpstreamCall | undefined)?.status === 200 && refusalCodes.has(error.code);
}

/**
 * The three documented failure shapes, checked before anything is read as data:
 * HTTP 200 `{result:false, errcode, message}`; HTTP 404 `{message}` (no such API path); and
 * HTTP 404 `{result:false, message:"Invalid JSON message", errcode:400}` (a malformed body).
 * Returns undefined for a success envelope.
 */
export function failureOf(response: VendorResponse): UpstreamError | undefined {
  const ok = response.status >= 200 && response.status < 300;
  const envelope = response.bodyIsJson ? rawEnvelope.safeParse(response.body) : undefined;
  const refusal = envelope?.success && !envelope.data.result ? envelope.data : undefined;
  // A 5xx body is never shown; its errcode still travels.
  if (response.status >= 500) return upstreamHttpError('THINGSCLOUD', response.call, { vendorCode: refusal?.errcode });
  if (refusal) {
    const complaint = complaintOf(response.body, refusal.message);
    if (refusal.errcode !== undefined) return upstreamRefusalError('THINGSCLOUD', response.call, refusal.errcode, complaint);
    return ok ? upstreamRefusalError('THINGSCLOUD', response.call, 400, complaint) : upstreamHttpError('THINGSCLOUD', response.call, complaint);
  }
  if (!ok) return upstreamHttpError('THINGSCLOUD', response.call, complaintOf(response.body, messageOf(response.body)));
  return undefined;
}

function messageOf(body: unknown): string | undefined {
  return typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string' ? body.message : undefined;
}

/** The vendor's message and per-field `errors`, as a complaint (shown to the caller for 4xx only). */
export function complaintOf(body: unknown, message: string | undefined): VendorComplaint {
  const details = rawFailureDetails.safeParse(body);
  const fieldErrors = details.success ? details.data.errors?.map((e) => ({ field: e.field, message: e.message })) : undefined;
  return { ...(message && { message }), ...(fieldErrors?.length && { fieldErrors }) };
}
