import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('runs in demo mode on loopback when no vendor is configured', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ mode: 'demo', host: '127.0.0.1', port: 4000 });
    expect(config.vendors.dreamreflex).toBeUndefined();
  });

  it('goes live when any vendor base URL is set; the others are not configured', () => {
    const config = loadConfig({ LEXIANG_BASE_URL: 'https://lxapi.lexiangla.com/', LEXIANG_APP_KEY: 'k', LEXIANG_APP_SECRET: 's', TESSERA_ALLOW_ANONYMOUS: 'true' });
    expect(config.mode).toBe('live');
    expect(Object.keys(config.vendors)).toEqual(['lexiang']);
    expect(config.unsupportedVendors).toEqual([]);
  });

  it('configures every one of the five vendors from its own variables', () => {
    const config = loadConfig({
      MAXCLOUD_BASE_URL: 'https://ops.example.com',
      ZAMMAD_BASE_URL: 'https://helpdesk.example.com',
      DREAMREFLEX_BASE_URL: 'https://api.dreamreflex.com',
      THINGSCLOUD_BASE_URL: 'https://api.thingscloud.example',
      LEXIANG_BASE_URL: 'https://lxapi.lexiangla.com',
      LEXIANG_APP_KEY: 'k',
      LEXIANG_APP_SECRET: 's',
      TESSERA_API_KEYS: 'k-0123456789abcdef',
    });
    expect(Object.keys(config.vendors).sort()).toEqual(['dreamreflex', 'lexiang', 'maxcloud', 'thingscloud', 'zammad']);
    expect(config.unsupportedVendors).toEqual([]);
  });

  it('reads Dreamreflex with its service account', () => {
    const config = loadConfig({
      DREAMREFLEX_BASE_URL: 'https://api.dreamreflex.com',
      DREAMREFLEX_EMAIL: 'ops@example.com',
      DREAMREFLEX_PASSWORD: 'secret-password',
      TESSERA_API_KEYS: 'k-0123456789abcdef, k-fedcba9876543210',
    });
    expect(config.vendors.dreamreflex).toEqual({
      baseUrl: 'https://api.dreamreflex.com',
      service: { email: 'ops@example.com', password: 'secret-password' },
    });
    expect(config.apiKeys).toEqual(['k-0123456789abcdef', 'k-fedcba9876543210']);
  });

  it('refuses to lend service credentials to anyone without API keys unless told to', () => {
    const env = { DREAMREFLEX_BASE_URL: 'https://api.dreamreflex.com', DREAMREFLEX_EMAIL: 'a@b.c', DREAMREFLEX_PASSWORD: 'pw-secret-1' };
    expect(() => loadConfig(env)).toThrow(/TESSERA_API_KEYS/);
    expect(loadConfig({ ...env, TESSERA_ALLOW_ANONYMOUS: 'true' }).allowAnonymous).toBe(true);
  });

  it('names the variable, never the value, when a setting is invalid', () => {
    expect(() => loadConfig({ DREAMREFLEX_BASE_URL: 'ftp://secret-host' })).toThrow(/DREAMREFLEX_BASE_URL/);
    expect(() => loadConfig({ DREAMREFLEX_BASE_URL: 'ftp://secret-host' })).not.toThrow(/secret-host/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ TESSERA_MODE: 'staging' })).toThrow(ConfigError);
    expect(() => loadConfig({ DREAMREFLEX_BASE_URL: 'https://x.example', DREAMREFLEX_EMAIL: 'a@b.c' })).toThrow(/DREAMREFLEX_PASSWORD/);
  });

  it('refuses an API key shorter than 16 characters, naming the variable but not the key', () => {
    const short = '0123456789abcde'; // 15 characters
    expect(() => loadConfig({ TESSERA_API_KEYS: short })).toThrow(ConfigError);
    expect(() => loadConfig({ TESSERA_API_KEYS: short })).toThrow(/TESSERA_API_KEYS.*at least 16 characters/);
    expect(() => loadConfig({ TESSERA_API_KEYS: short })).not.toThrow(new RegExp(short));
    // One short key among good ones is refused too; surrounding spaces do not count towards the length.
    expect(() => loadConfig({ TESSERA_API_KEYS: `k-0123456789abcdef,${short}` })).toThrow(/at least 16 characters/);
    expect(() => loadConfig({ TESSERA_API_KEYS: `  ${short}  ` })).toThrow(/at least 16 characters/);
    expect(loadConfig({ TESSERA_API_KEYS: '0123456789abcdef' }).apiKeys).toEqual(['0123456789abcdef']);
  });

  it('lets TESSERA_MODE force demo even with URLs set', () => {
    expect(loadConfig({ TESSERA_MODE: 'demo', DREAMREFLEX_BASE_URL: 'https://api.dreamreflex.com' }).mode).toBe('demo');
  });
});

describe('loadConfig: Lexiang', () => {
  const lexiang = { LEXIANG_BASE_URL: 'https://lxapi.lexiangla.com/', LEXIANG_APP_KEY: 'app-key', LEXIANG_APP_SECRET: 'app-secret', TESSERA_API_KEYS: 'k-0123456789abcdef' };

  it('reads the base URL, the app credentials and the default staff member', () => {
    const config = loadConfig({ ...lexiang, LEXIANG_STAFF_ID: ' ThreeZhang ' });
    expect(config.vendors.lexiang).toEqual({ baseUrl: 'https://lxapi.lexiangla.com', service: { appKey: 'app-key', appSecret: 'app-secret' }, staffId: 'ThreeZhang' });
  });

  it('wants the key and the secret together, and with the base URL', () => {
    expect(() => loadConfig({ ...lexiang, LEXIANG_APP_SECRET: '' })).toThrow(/LEXIANG_APP_KEY and LEXIANG_APP_SECRET/);
    expect(() => loadConfig({ LEXIANG_BASE_URL: 'https://lxapi.lexiangla.com' })).toThrow(/LEXIANG_APP_KEY/);
    expect(() => loadConfig({ TESSERA_MODE: 'live', LEXIANG_APP_KEY: 'a', LEXIANG_APP_SECRET: 'b' })).toThrow(/LEXIANG_BASE_URL/);
  });

  it('counts the app credentials as service credentials that need API keys', () => {
    const { TESSERA_API_KEYS: _keys, ...withoutKeys } = lexiang;
    expect(() => loadConfig(withoutKeys)).toThrow(/TESSERA_API_KEYS/);
    expect(loadConfig({ ...withoutKeys, TESSERA_ALLOW_ANONYMOUS: 'true' }).vendors.lexiang).toBeDefined();
  });
});
