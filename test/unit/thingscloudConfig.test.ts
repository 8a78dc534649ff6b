import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../src/config.js';

const base = { THINGSCLOUD_BASE_URL: 'https://api.thingscloud.example/', TESSERA_API_KEYS: 'a-key-of-sixteen-chars' };
const app = { THINGSCLOUD_APP_ID: 'app', THINGSCLOUD_ACCESS_KEY: 'ak', THINGSCLOUD_SECRET_KEY: 'sk' };

describe('ThingsCloud configuration', () => {
  it('reads the endpoint, the API app and the history limits (defaults 100 and 60)', () => {
    const config = loadConfig({ ...base, ...app });
    expect(config.mode).toBe('live');
    expect(config.vendors.thingscloud).toEqual({
      baseUrl: 'https://api.thingscloud.example',
      service: { appId: 'app', accessKey: 'ak', secretKey: 'sk' },
      history: { pageSize: 100, maxCalls: 60 },
    });
  });

  it('works without an API app (callers then send x-thingscloud-token)', () => {
    expect(loadConfig(base).vendors.thingscloud).toEqual({ baseUrl: 'https://api.thingscloud.example', history: { pageSize: 100, maxCalls: 60 } });
  });

  it('wants all three app values or none, and the endpoint with them', () => {
    expect(() => loadConfig({ ...base, THINGSCLOUD_APP_ID: 'app' })).toThrow(/all of THINGSCLOUD_APP_ID, THINGSCLOUD_ACCESS_KEY and THINGSCLOUD_SECRET_KEY/);
    expect(() => loadConfig({ DREAMREFLEX_BASE_URL: 'https://d.example', TESSERA_API_KEYS: base.TESSERA_API_KEYS, ...app })).toThrow(ConfigError);
  });

  it('refuses lending the app to everyone without API keys, and out-of-range history limits', () => {
    expect(() => loadConfig({ THINGSCLOUD_BASE_URL: base.THINGSCLOUD_BASE_URL, ...app })).toThrow(/Refusing to start/);
    expect(() => loadConfig({ ...base, THINGSCLOUD_HISTORY_PAGE_SIZE: '501' })).toThrow(/THINGSCLOUD_HISTORY_PAGE_SIZE/);
    expect(() => loadConfig({ ...base, THINGSCLOUD_HISTORY_MAX_CALLS: '0' })).toThrow(/THINGSCLOUD_HISTORY_MAX_CALLS/);
  });
});
