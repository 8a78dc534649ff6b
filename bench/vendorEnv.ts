/**
 * The vendor part of the gateway's environment for simulators at the given URLs, with each
 * simulator's demo credentials. The raw floor reads the same variables, so both act as the
 * same caller.
 */
import { dreamreflexDemoAccounts } from '../src/simulators/index.js';
import { lexiangDemoCredentials } from '../src/simulators/lexiang/index.js';
import { maxCloudDemoCredentials } from '../src/simulators/maxcloud/index.js';
import { thingsCloudDemoCredentials } from '../src/simulators/thingscloud/index.js';
import { zammadDemoCredentials } from '../src/simulators/zammad/index.js';

export interface SimulatorUrls {
  dreamreflex: string;
  lexiang: string;
  thingscloud: string;
  zammad: string;
  maxcloud: string;
}

export function vendorEnv(urls: SimulatorUrls): Record<string, string> {
  const demoUser = dreamreflexDemoAccounts[0]!;
  return {
    DREAMREFLEX_BASE_URL: urls.dreamreflex,
    DREAMREFLEX_EMAIL: demoUser.email,
    DREAMREFLEX_PASSWORD: demoUser.password,
    LEXIANG_BASE_URL: urls.lexiang,
    LEXIANG_APP_KEY: lexiangDemoCredentials.appKey,
    LEXIANG_APP_SECRET: lexiangDemoCredentials.appSecret,
    THINGSCLOUD_BASE_URL: urls.thingscloud,
    THINGSCLOUD_APP_ID: thingsCloudDemoCredentials.appId,
    THINGSCLOUD_ACCESS_KEY: thingsCloudDemoCredentials.accessKey,
    THINGSCLOUD_SECRET_KEY: thingsCloudDemoCredentials.secretKey,
    ZAMMAD_BASE_URL: urls.zammad,
    ZAMMAD_TOKEN: zammadDemoCredentials.adminToken,
    MAXCLOUD_BASE_URL: urls.maxcloud,
    MAXCLOUD_USERNAME: maxCloudDemoCredentials.email,
    MAXCLOUD_PASSWORD: maxCloudDemoCredentials.password,
    MAXCLOUD_COMPANY_ID: String(maxCloudDemoCredentials.companyId),
  };
}
