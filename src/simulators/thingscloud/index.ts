/** Public surface of the ThingsCloud simulator. */
export { createThingsCloudSimulator, withThingsCloudOptions, type ThingsCloudSimulatorOptions } from './createThingsCloudSimulator.js';
export { defaultThingsCloudLimits, type ThingsCloudLimits } from './simulatorContext.js';
export { ThingsCloudErrcode } from './envelope.js';
export { thingsCloudDemoCredentials, thingsCloudDemoCustomer, thingsCloudSeedIds, SEED_DEVICE_COUNT } from './seed.js';
export type { DeviceMessage, ThingsCloudCredentials } from './types.js';
