import { describe, expect, it, jest } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { createErrorFormatter, ErrorCode, TesseraError, upstreamHttpError, upstreamTransportError } from '../../src/errors.js';
import { complaintOf } from '../../src/vendors/dreamreflex/client.js';

const call = (status: number) => ({ method: 'GET', path: '/api/tickets/x', status });

describe('upstream error mapping', () => {
  it.each([
    [401, ErrorCode.UNAUTHENTICATED],
    [403, ErrorCode.FORBIDDEN],
    [404, ErrorCode.NOT_FOUND],
    [400, ErrorCode.BAD_USER_INPUT],
    [422, ErrorCode.BAD_USER_INPUT],
    [429, ErrorCode.UPSTREAM_RATE_LIMITED],
    [500, ErrorCode.UPSTREAM_ERROR],
    [503, ErrorCode.UPSTREAM_ERROR],
  ])('maps HTTP %i to %s with the vendor and status', (status, code) => {
    const error = upstreamHttpError('DREAMREFLEX', call(status));
    expect(error.extensions).toMatchObject({ code, source: 'DREAMREFLEX', upstream: { method: 'GET', path: '/api/tickets/x', status } });
  });

  it('passes a 4xx detail on, but never a 5xx body', () => {
    expect(upstreamHttpError('DREAMREFLEX', call(404), { message: '工单不存在' }).message).toBe('Dreamreflex has no such record: 工单不存在');
    expect(upstreamHttpError('DREAMREFLEX', call(500), { message: 'Traceback: db password=...' }).message).toBe('Dreamreflex failed with HTTP 500');
  });

  it('maps timeouts and refused connections', () => {
    expect(upstreamTransportError('DREAMREFLEX', { method: 'GET', path: '/api/tickets' }, 'timeout').extensions.code).toBe(ErrorCode.UPSTREAM_TIMEOUT);
    expect(upstreamTransportError('DREAMREFLEX', { method: 'GET', path: '/api/tickets' }, 'unreachable').extensions.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
  });
});

describe('Dreamreflex error bodies', () => {
  it('reads the documented string form', () => {
    expect(complaintOf({ detail: '密码长度至少为8位' })).toEqual({ message: '密码长度至少为8位' });
  });

  it('reads FastAPI’s list form into field errors without the body/query prefix', () => {
    const complaint = complaintOf({
      detail: [
        { type: 'string_too_long', loc: ['body', 'title'], msg: 'String should have at most 200 characters' },
        { type: 'less_than_equal', loc: ['query', 'limit'], msg: 'Input should be less than or equal to 100' },
      ],
    });
    expect(complaint.fieldErrors).toEqual([
      { field: 'title', message: 'String should have at most 200 characters' },
      { field: 'limit', message: 'Input should be less than or equal to 100' },
    ]);
    expect(complaint.message).toContain('title: String should have at most 200 characters');
  });

  it('ignores bodies of any other shape', () => {
    expect(complaintOf('<html>')).toEqual({});
    expect(complaintOf({ error: 'x' })).toEqual({});
  });
});

describe('error masking', () => {
  const report = jest.fn();
  const format = createErrorFormatter(report);

  it('keeps Tessera errors as they are', () => {
    const error = new TesseraError('Dreamreflex refused access', ErrorCode.FORBIDDEN, { source: 'DREAMREFLEX' });
    const wrapped = new GraphQLError(error.message, { originalError: error, extensions: error.extensions });
    expect(format({ message: error.message, extensions: { code: 'FORBIDDEN' } }, wrapped)).toEqual({ message: error.message, extensions: { code: 'FORBIDDEN' } });
  });

  it('masks anything else and reports it', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'token')");
    const wrapped = new GraphQLError(bug.message, { originalError: bug });
    const formatted = format({ message: bug.message, path: ['tickets'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['…'] } }, wrapped);
    expect(formatted).toEqual({ message: 'Unexpected error.', path: ['tickets'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(report).toHaveBeenCalledWith(bug);
  });

  it('passes GraphQL’s own validation errors', () => {
    const error = new GraphQLError('Cannot query field "nope" on type "Query".', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(format({ message: error.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, error).message).toBe(error.message);
  });
});
