import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { vendors, type VendorClients } from './vendors/index.js';
import { VendorHttp } from './vendors/shared/VendorHttp.js';

/** One client per configured vendor, built once at start-up; a vendor without a base URL gets none. */
export function createUpstreams(config: Config, logger: Logger): VendorClients {
  const configured = config.vendors as Record<string, { baseUrl: string } | undefined>;
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
    });
    clients[vendor.name] = vendor.createClient(vendorConfig, { http, logger });
  }
  return clients as VendorClients;
}
