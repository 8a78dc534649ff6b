import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '../../src/errors.js';
import { failureOf } from '../../src/vendors/thingscloud/client.js';
import type { VendorResponse } from '../../src/vendors/shared/VendorHttp.js';
import { fixture } from '../support/fixtures.js';

const response = (status: number, body: unknown, bodyIsJson = true): VendorResponse => ({
  status,
  body,
  bodyIsJson,
  contentType: 'application/json',
  call: { method: 'GET', path: '/api/v1/device/x', status },
});

describe('ThingsCloud failure envelopes', () => {
  it('reads HTTP 200 {result:false, errcode, message} as an error, never as data', () => {
    const error = failureOf(response(200, fixture('thingscloud', 'failure')));
    expect(error?.extensions).toMatchObject({ code: ErrorCode.NOT_FOUND, source: 'THINGSCLOUD', vendorCode: 404, upstream: { status: 200 } });
    expect(error?.message).toBe('ThingsCloud has no such record: device not found');
  });

  it('reads HTTP 404 {message} (no such API path) as NOT_FOUND with the vendor’s message', () => {
    const error = failureOf(response(404, fixture('thingscloud', 'unknown-path')));
    expect(error?.extensions).toMatchObject({ code: ErrorCode.NOT_FOUND, source: 'THINGSCLOUD', upstream: { status: 404 } });
    expect(error?.extensions).not.toHaveProperty('vendorCode');
    expect(error?.message).toContain('Request invalid');
  });

  it('reads HTTP 404 {result:false, errcode:400, "Invalid JSON message"} by its errcode: BAD_USER_INPUT', () => {
    const error = failureOf(response(404, fixture('thingscloud', 'invalid-json')));
    expect(error?.extensions).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, source: 'THINGSCLOUD', vendorCode: 400, upstream: { status: 404 } });
    expect(error?.message).toBe('ThingsCloud rejected the request: Invalid JSON message');
  });

  it.each([
    [401, ErrorCode.UNAUTHENTICATED],
    [403, ErrorCode.FORBIDDEN],
    [409, ErrorCode.BAD_USER_INPUT],
    [429, ErrorCode.UPSTREAM_RATE_LIMITED],
    [500, ErrorCode.UPSTREAM_ERROR],
    [10_023, ErrorCode.BAD_USER_INPUT],
  ])('maps errcode %i in an HTTP 200 refusal to %s', (errcode, code) => {
    const error = failureOf(response(200, { result: false, errcode, message: 'nope', errors: [{ field: 'name', message: 'required' }] }));
    expect(error?.extensions).toMatchObject({ code, vendorCode: errcode });
  });

  it('passes per-field errors on', () => {
    const error = failureOf(response(200, { result: false, errcode: 400, message: 'Invalid parameter: name', errors: [{ field: 'name', message: 'required' }] }));
    expect(error?.extensions.fieldErrors).toEqual([{ field: 'name', message: 'required' }]);
  });

  it('never shows a 5xx body', () => {
    const error = failureOf(response(500, { result: false, errcode: 500, message: 'db password=hunter2' }));
    expect(error?.message).toBe('ThingsCloud failed with HTTP 500');
    expect(error?.extensions).toMatchObject({ code: ErrorCode.UPSTREAM_ERROR, vendorCode: 500, retryable: true });
  });

  it('lets a success envelope through, and leaves unreadable bodies to the garbage check', () => {
    expect(failureOf(response(200, { result: true, info: {} }))).toBeUndefined();
    expect(failureOf(response(200, undefined, false))).toBeUndefined();
  });
});
