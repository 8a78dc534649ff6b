import type { Config } from './config.js';
import type { Upstreams } from './context.js';
import type { Logger } from './logger.js';
import { DreamreflexClient } from './vendors/dreamreflex/index.js';
import { LexiangClient } from './vendors/lexiang/index.js';
import { VendorHttp } from './vendors/shared/VendorHttp.js';
import { ThingsCloudClient } from './vendors/thingscloud/index.js';

/** One client per configured vendor, built once; a vendor without a base URL gets none. */
export function createUpstreams(config: Config, logger: Logger): Upstreams {
  const { dreamreflex, lexiang, thingscloud } = config.vendors;
  return {
    ...(dreamreflex && {
      dreamreflex: new DreamreflexClient(
        new VendorHttp({ source: 'DREAMREFLEX', baseUrl: dreamreflex.baseUrl, timeoutMs: config.upstreamTimeoutMs, logger }),
        dreamreflex.service,
      ),
    }),
    ...(lexiang && {
      lexiang: new LexiangClient(
        new VendorHttp({ source: 'LEXIANG', baseUrl: lexiang.baseUrl, timeoutMs: config.upstreamTimeoutMs, logger }),
        lexiang.service,
        lexiang.staffId,
      ),
    }),
    ...(thingscloud && {
      thingscloud: new ThingsCloudClient(
        new VendorHttp({ source: 'THINGSCLOUD', baseUrl: thingscloud.baseUrl, timeoutMs: config.upstreamTimeoutMs, logger }),
        { service: thingscloud.service, history: config.thingscloudHistory },
      ),
    }),
  };
}
