/** MaxCloud: the surface the rest of Tessera may use. */
export { maxCloudVendor, maxCloudAuthFor, type MaxCloudConfig } from './maxCloudVendor.js';
export { MaxCloudClient, type MaxCloudAuth, type MaxCloudServiceAccount } from './client.js';
export { MaxCloudSource } from './MaxCloudSource.js';
export type { MaxCloudTicketFilter, MaxCloudTimeRange } from './query.js';
