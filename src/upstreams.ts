import type { Config } from './config.js';
import type { Upstreams } from './context.js';
import type { Logger } from './logger.js';
import { DreamreflexClient } from './vendors/dreamreflex/index.js';
import { VendorHttp } from './vendors/shared/VendorHttp.js';

/** One client per configured vendor, built once; a vendor without a base URL gets none. */
export function createUpstreams(config: Config, logger: Logger): Upstreams {
  const { dreamreflex } = config.vendors;
  return {
    ...(dreamreflex && {
      dreamreflex: new DreamreflexClient(
        new VendorHttp({ source: 'DREAMREFLEX', baseUrl: dreamreflex.baseUrl, timeoutMs: config.upstreamTimeoutMs, logger }),
        dreamreflex.service,
      ),
    }),
  };
}
