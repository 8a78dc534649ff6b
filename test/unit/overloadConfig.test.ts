import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('overload settings', () => {
  it('defaults to 64 requests in flight, 64 calls in flight per vendor, no shedding on loop delay, a 5 s readiness hold', () => {
    expect(loadConfig({})).toMatchObject({ maxInFlight: 64, vendorMaxSockets: 64, upstreamConcurrency: undefined, shedLoopDelayMs: 0, shedReadyHoldMs: 5000 });
  });

  it('reads them from the environment, and refuses nonsense naming the variable', () => {
    const config = loadConfig({ TESSERA_MAX_IN_FLIGHT: '10', TESSERA_VENDOR_MAX_SOCKETS: '4', TESSERA_SHED_LOOP_DELAY_MS: '800', TESSERA_SHED_READY_HOLD_MS: '0' });
    expect(config).toMatchObject({ maxInFlight: 10, vendorMaxSockets: 4, shedLoopDelayMs: 800, shedReadyHoldMs: 0 });
    expect(() => loadConfig({ TESSERA_MAX_IN_FLIGHT: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ TESSERA_VENDOR_MAX_SOCKETS: 'many' })).toThrow(/TESSERA_VENDOR_MAX_SOCKETS/);
  });
});
