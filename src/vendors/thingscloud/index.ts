/** ThingsCloud: the surface the rest of Tessera may use. */
export { ThingsCloudClient, type ThingsCloudAuth, type ThingsCloudHistoryLimits, type ThingsCloudServiceApp } from './client.js';
export { ThingsCloudSource, type DeviceFilter, type DeviceShape, type ProjectList } from './ThingsCloudSource.js';
