import { z } from 'zod';
import type { VendorModule } from '../shared/VendorModule.js';
import { allOrNone, baseUrlVar, credentialsWithoutBaseUrl, readEnv } from '../shared/readEnv.js';
import { tokenAuthFor, type TokenVendor } from '../shared/TokenAuth.js';
import { failureOf, ThingsCloudClient, type ThingsCloudHistoryLimits, type ThingsCloudServiceApp } from './client.js';
import { ThingsCloudSource } from './ThingsCloudSource.js';

export interface ThingsCloudConfig {
  /** The project's API endpoint (console → device → 连接 → 应用端 API 接入点), under which `/api/v1/…` lives. */
  baseUrl: string;
  /** An API app of the project; its one-day tokens are lent to callers with an API key (or to everyone in demo mode). */
  service?: ThingsCloudServiceApp;
  /** How attribute history is read. */
  history: ThingsCloudHistoryLimits;
}

const variables = z.object({
  THINGSCLOUD_BASE_URL: baseUrlVar.optional(),
  // The doc allows 1–100 records per series page; FACTS: official tools send up to 500.
  THINGSCLOUD_HISTORY_PAGE_SIZE: z.coerce.number().int().min(1).max(500).default(100),
  THINGSCLOUD_HISTORY_MAX_CALLS: z.coerce.number().int().min(1).max(1000).default(60),
});

const callerToken: TokenVendor = { source: 'THINGSCLOUD', header: 'x-thingscloud-token', login: 'thingsCloudAdminLogin' };

/** ThingsCloud: the IoT project (devices, types, groups, attributes, history, commands, alarms, customers). */
export const thingsCloudVendor = {
  name: 'thingscloud',
  source: 'THINGSCLOUD',
  baseUrlVariable: 'THINGSCLOUD_BASE_URL',
  variables: ['THINGSCLOUD_BASE_URL', 'THINGSCLOUD_APP_ID', 'THINGSCLOUD_ACCESS_KEY', 'THINGSCLOUD_SECRET_KEY', 'THINGSCLOUD_HISTORY_PAGE_SIZE', 'THINGSCLOUD_HISTORY_MAX_CALLS'],
  configure(env) {
    const e = readEnv(variables, env);
    const app = allOrNone(env, ['THINGSCLOUD_APP_ID', 'THINGSCLOUD_ACCESS_KEY', 'THINGSCLOUD_SECRET_KEY'] as const);
    if (!e.THINGSCLOUD_BASE_URL) {
      if (app) throw credentialsWithoutBaseUrl('THINGSCLOUD_APP_ID/THINGSCLOUD_ACCESS_KEY/THINGSCLOUD_SECRET_KEY', 'THINGSCLOUD_BASE_URL');
      return undefined;
    }
    return {
      baseUrl: e.THINGSCLOUD_BASE_URL,
      ...(app && { service: { appId: app.THINGSCLOUD_APP_ID, accessKey: app.THINGSCLOUD_ACCESS_KEY, secretKey: app.THINGSCLOUD_SECRET_KEY } }),
      history: { pageSize: e.THINGSCLOUD_HISTORY_PAGE_SIZE, maxCalls: e.THINGSCLOUD_HISTORY_MAX_CALLS },
    };
  },
  hasServiceCredentials: (config) => config.service !== undefined,
  credentialHeaders: { [callerToken.header]: 'A ThingsCloud AccessToken (from thingsCloudAdminLogin); wins over the service app.' },
  createClient: (config, { http, tokens }) => {
    const { service } = config;
    const sharedToken = service && tokens?.slot('thingscloud', [config.baseUrl, service.appId, service.accessKey, service.secretKey]);
    return new ThingsCloudClient(http, { service, history: config.history, ...(sharedToken && { sharedToken }) });
  },
  failedUnder2xx: (response) => failureOf(response) !== undefined,
  createSource: (client, scope) => new ThingsCloudSource(client, tokenAuthFor(scope, callerToken, client.hasServiceAccount), scope.limit, scope.observeBatch),
  idTypes: {
    Device: (source, id) => source.device(id),
    DeviceType: (source, id) => source.deviceType(id),
    DeviceGroup: (source, id) => source.deviceGroup(id),
    ThingsCloudCustomer: (source, id) => source.customer(id),
    // Reached through their parent.
    DeviceAlarm: null,
    ThingsCloudCustomerRole: null,
    ThingsCloudProject: null,
    ThingsCloudAdmin: null,
  },
  demo: async () => (await import('./demo.js')).thingsCloudDemo,
} satisfies VendorModule<'thingscloud', ThingsCloudConfig, ThingsCloudClient, ThingsCloudSource>;
