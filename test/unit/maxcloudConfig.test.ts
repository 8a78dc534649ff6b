import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '../../src/ConfigError.js';
import { ErrorCode } from '../../src/errors.js';
import { maxCloudAuthFor, maxCloudVendor } from '../../src/vendors/maxcloud/maxCloudVendor.js';

const base = { MAXCLOUD_BASE_URL: 'https://maxcloud-api.spotmaxtech.com/' };
const account = { MAXCLOUD_USERNAME: 'ops.admin@spotmax.example', MAXCLOUD_PASSWORD: 'Sup3r-Secret' };

function configError(env: Record<string, string>): string {
  try {
    maxCloudVendor.configure(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('MaxCloud configuration', () => {
  it('reads the origin, the service account with its company, and the defaults (China time, pages of 100)', () => {
    expect(maxCloudVendor.configure({ ...base, ...account, MAXCLOUD_COMPANY_ID: '2' })).toEqual({
      baseUrl: 'https://maxcloud-api.spotmaxtech.com',
      service: { email: 'ops.admin@spotmax.example', password: 'Sup3r-Secret', companyId: '2' },
      timeZone: 'Asia/Shanghai',
      pageSize: 100,
    });
    expect(maxCloudVendor.hasServiceCredentials(maxCloudVendor.configure({ ...base, ...account })!)).toBe(true);
  });

  it('works without a service account (callers send x-maxcloud-token), and is absent without its origin', () => {
    expect(maxCloudVendor.configure({ ...base, MAXCLOUD_TIME_ZONE: 'Europe/Berlin', MAXCLOUD_PAGE_SIZE: '50' })).toEqual({
      baseUrl: 'https://maxcloud-api.spotmaxtech.com',
      timeZone: 'Europe/Berlin',
      pageSize: 50,
    });
    expect(maxCloudVendor.configure({})).toBeUndefined();
  });

  it('reads a company ID without leading zeros', () => {
    expect(maxCloudVendor.configure({ ...base, ...account, MAXCLOUD_COMPANY_ID: '002' })?.service?.companyId).toBe('2');
  });

  it('names the variable, never the value, for what it refuses', () => {
    expect(configError({ ...base, MAXCLOUD_USERNAME: account.MAXCLOUD_USERNAME })).toMatch(/both MAXCLOUD_USERNAME and MAXCLOUD_PASSWORD/);
    expect(configError({ ...account })).toMatch(/MAXCLOUD_BASE_URL is not/);
    expect(configError({ ...base, MAXCLOUD_COMPANY_ID: '2' })).toMatch(/MAXCLOUD_COMPANY_ID is set but MAXCLOUD_USERNAME and MAXCLOUD_PASSWORD are not/);
    const zone = configError({ ...base, MAXCLOUD_TIME_ZONE: 'China/Beijing-Secret' });
    expect(zone).toMatch(/MAXCLOUD_TIME_ZONE must be an IANA time zone/);
    expect(zone).not.toContain('Beijing-Secret');
    expect(configError({ ...base, ...account, MAXCLOUD_COMPANY_ID: 'DefaultTeam' })).toMatch(/MAXCLOUD_COMPANY_ID must be a MaxCloud company ID/);
    expect(configError({ ...base, MAXCLOUD_PAGE_SIZE: '0' })).toMatch(/MAXCLOUD_PAGE_SIZE/);
    expect(configError({ ...base, MAXCLOUD_PAGE_SIZE: 'lots' })).toMatch(/MAXCLOUD_PAGE_SIZE/);
  });

  it('lists its variables and both credential headers', () => {
    expect(maxCloudVendor.variables).toEqual(['MAXCLOUD_BASE_URL', 'MAXCLOUD_USERNAME', 'MAXCLOUD_PASSWORD', 'MAXCLOUD_COMPANY_ID', 'MAXCLOUD_TIME_ZONE', 'MAXCLOUD_PAGE_SIZE']);
    expect(Object.keys(maxCloudVendor.credentialHeaders)).toEqual(['x-maxcloud-token', 'x-maxcloud-company-id']);
  });
});

describe('MaxCloud request credentials', () => {
  const scope = (headers: Record<string, string>, lendService = false) => ({ header: (name: string) => headers[name], lendService });

  it('uses the caller’s token, with the company named, and prefers it to the service account', () => {
    expect(maxCloudAuthFor(scope({ 'x-maxcloud-token': 'abc' }, true), true)).toEqual({ kind: 'caller', token: 'abc' });
    expect(maxCloudAuthFor(scope({ 'x-maxcloud-token': 'Bearer abc', 'x-maxcloud-company-id': '02' }), false)).toEqual({ kind: 'caller', token: 'abc', companyId: '2' });
  });

  it('lends the service account only to those who may borrow it', () => {
    expect(maxCloudAuthFor(scope({}, true), true)).toEqual({ kind: 'service' });
    const none = maxCloudAuthFor(scope({}, false), true);
    expect(none).toMatchObject({ kind: 'none', error: { code: ErrorCode.UNAUTHENTICATED, message: expect.stringContaining('x-maxcloud-token') } });
  });

  it('refuses a company that is not an ID, or one sent without a token', () => {
    expect(maxCloudAuthFor(scope({ 'x-maxcloud-token': 'abc', 'x-maxcloud-company-id': 'AnotherTeam' }), true)).toMatchObject({
      kind: 'none',
      error: { code: ErrorCode.BAD_USER_INPUT },
    });
    expect(maxCloudAuthFor(scope({ 'x-maxcloud-company-id': '2' }, true), true)).toMatchObject({
      kind: 'none',
      error: { code: ErrorCode.BAD_USER_INPUT, message: expect.stringContaining('x-maxcloud-token') },
    });
  });
});
