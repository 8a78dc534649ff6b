import type { ResponseCache } from './cache/ResponseCache.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { Redis } from './redis.js';
import { vendors, type VendorClients } from './vendors/index.js';
import { SharedTokenStore } from './vendors/shared/SharedTokenStore.js';
import type { VendorCallObserver } from './vendors/shared/VendorCallObserver.js';
import { VendorHttp } from './vendors/shared/VendorHttp.js';

/**
 * One client per configured vendor, built once at start-up; a vendor without a base URL gets none.
 * With `redis`, service tokens are shared with the other replicas (README "Several replicas").
 */
export function createUpstreams(config: Config, logger: Logger, redis?: Redis, observer?: VendorCallObserver, cache?: ResponseCache): VendorClients {
  const configured = config.vendors as Record<string, { baseUrl: string } | undefined>;
  // A crashed holder's lock times out after this: longer than a token call (a login and a company switch) may take.
  const tokens = redis && new SharedTokenStore({ redis, keyPrefix: config.redisKeyPrefix, lockMs: 2 * config.upstreamTimeoutMs + 1000, logger });
  const clients: Record<string, unknown> = {};
  for (const vendor of vendors) {
    const vendorConfig = configured[vendor.name];
    if (vendorConfig === undefined) continue;
    const http = new VendorHttp({
      source: vendor.source,
      baseUrl: vendorConfig.baseUrl,
      timeoutMs: config.upstreamTimeoutMs,
      maxSockets: config.vendorMaxSockets,
      logger,
      observer,
      cache,
      failedUnder2xx: vendor.failedUnder2xx,
    });
    clients[vendor.name] = vendor.createClient(vendorConfig, { http, logger, ...(tokens && { tokens }) });
  }
  return clients as VendorClients;
}
