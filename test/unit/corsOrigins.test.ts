import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config.js';
import { createOriginMatcher, LOOPBACK_ORIGINS, parseCorsOrigins } from '../../src/http/cors.js';

describe('TESSERA_CORS_ORIGINS', () => {
  it('defaults to loopback on any port in demo mode and to no origin in live mode', () => {
    expect(loadConfig({}).corsOrigins).toEqual(LOOPBACK_ORIGINS);
    expect(loadConfig({ TESSERA_MODE: 'live' }).corsOrigins).toEqual([]);
  });

  it('reads a comma-separated list of origins, normalized; `none` is the empty list', () => {
    expect(parseCorsOrigins(' https://App.Example.com/ ,http://localhost:*, http://10.0.0.5:8080', 'live')).toEqual([
      'https://app.example.com',
      'http://localhost:*',
      'http://10.0.0.5:8080',
    ]);
    expect(loadConfig({ TESSERA_CORS_ORIGINS: 'none' }).corsOrigins).toEqual([]);
  });

  it.each(['*', 'https://app.example.com/path', 'https://*.example.com', 'ftp://files.example.com', 'app.example.com', 'http://localhost:3000:*', 'https://u:p@app.example.com'])(
    'refuses %s, naming the variable and the entry’s position',
    (entry) => {
      expect(() => parseCorsOrigins(`https://ok.example.com,${entry}`, 'live')).toThrow('TESSERA_CORS_ORIGINS entry 2 is not an origin');
    },
  );

  it('never echoes the value it refuses', () => {
    expect(() => loadConfig({ TESSERA_CORS_ORIGINS: 'https://internal-host.example/admin' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('internal-host') }),
    );
  });
});

describe('createOriginMatcher', () => {
  const matches = createOriginMatcher(['https://app.example.com', 'http://localhost:*', 'http://[::1]:*']);

  it('matches exact origins, and any port (or none) of a wildcard-port host', () => {
    for (const origin of ['https://app.example.com', 'http://localhost', 'http://localhost:5173', 'http://[::1]:8080']) expect(matches(origin)).toBe(true);
  });

  it('matches nothing else: other schemes, ports, subdomains, look-alike hosts, `null`', () => {
    for (const origin of ['http://app.example.com', 'https://app.example.com:8443', 'https://x.app.example.com', 'http://localhost.evil.example', 'http://localhost:5173x', 'null']) {
      expect(matches(origin)).toBe(false);
    }
  });
});
