/**
 * The registered vendors. The gateway core (configuration, upstream clients, the per-request
 * context, `node` resolution, demo mode, the start banner) loops over this list and knows no
 * vendor by name: adding a vendor is adding its folder and one line here.
 */
import { dreamreflexVendor } from './dreamreflex/dreamreflexVendor.js';
import { lexiangVendor } from './lexiang/lexiangVendor.js';
import { maxCloudVendor } from './maxcloud/maxCloudVendor.js';
import type { VendorModule } from './shared/VendorModule.js';
import { thingsCloudVendor } from './thingscloud/thingsCloudVendor.js';
import { zammadVendor } from './zammad/zammadVendor.js';

export const vendorModules = [dreamreflexVendor, lexiangVendor, thingsCloudVendor, zammadVendor, maxCloudVendor] as const;

type Registered = (typeof vendorModules)[number];
export type VendorName = Registered['name'];

type Parts<M> = M extends VendorModule<infer Name, infer Config, infer Client, infer Source> ? { name: Name; config: Config; client: Client; source: Source } : never;
type PartOf<N extends VendorName, P extends 'config' | 'client' | 'source'> = Parts<Extract<Registered, { name: N }>>[P];

/** Each configured vendor's configuration, by name. */
export type VendorConfigs = { [N in VendorName]?: PartOf<N, 'config'> };
/** Each configured vendor's client, built once at start-up. */
export type VendorClients = { [N in VendorName]?: PartOf<N, 'client'> };
/** Each vendor's per-request source, as resolvers see it on the context (`ctx.zammad`). */
export type VendorSources = { [N in VendorName]: PartOf<N, 'source'> };

/** The registry seen through the loose interface, for code that loops over it. */
export const vendors: readonly VendorModule[] = vendorModules as unknown as readonly VendorModule[];
