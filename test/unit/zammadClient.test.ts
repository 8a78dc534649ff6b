import { describe, expect, it } from '@jest/globals';
import pLimit from 'p-limit';
import { ConfigError } from '../../src/ConfigError.js';
import { ErrorCode, UnauthenticatedError } from '../../src/errors.js';
import { ZammadClient, complaintOf, fieldErrorsOf, type ZammadAuth, type ZammadServiceCredentials } from '../../src/vendors/zammad/client.js';
import type { VendorRequest, VendorResponse } from '../../src/vendors/shared/VendorHttp.js';
import { zammadVendor } from '../../src/vendors/zammad/zammadVendor.js';
import { fixture } from '../support/fixtures.js';

const zm = (name: string) => fixture('zammad', name);

type Answer = { status: number; body?: unknown; bodyIsJson?: boolean };

/** A scripted Zammad: `answer` decides each response; every request is recorded. No sockets. */
function fakeZammad(answer: (request: VendorRequest) => Answer, service?: ZammadServiceCredentials) {
  const requests: VendorRequest[] = [];
  const http = {
    async send(request: VendorRequest): Promise<VendorResponse> {
      requests.push(request);
      const { status, body, bodyIsJson = true } = answer(request);
      return { status, body, bodyIsJson, contentType: 'application/json', call: { method: request.method, path: request.path, status } };
    },
    /** A file answers as bytes; an error as its JSON body. */
    async download(request: VendorRequest): Promise<VendorResponse & { bytes: Buffer }> {
      requests.push(request);
      const { status, body } = answer(request);
      const file = Buffer.isBuffer(body);
      const bytes = file ? body : Buffer.from(JSON.stringify(body ?? ''));
      return { status, bytes, body: file ? undefined : body, bodyIsJson: !file, contentType: '', call: { method: request.method, path: request.path, status } };
    },
  };
  return { client: new ZammadClient(http, service), requests };
}

const service: ZammadAuth = { kind: 'service' };
const ok = (body: unknown): Answer => ({ status: 200, body });

describe('Zammad error bodies', () => {
  it('keeps the fields of a validation failure, in Rails’ full-message form', () => {
    expect(complaintOf(zm('error-validation'), 422)).toEqual({
      message: "Validation failed: Title can't be blank, Group can't be blank",
      fieldErrors: [
        { field: 'title', message: "Title can't be blank" },
        { field: 'group', message: "Group can't be blank" },
      ],
    });
  });

  it('keeps the field of the humanized form Zammad sends to people, and of its lookup messages', () => {
    expect(complaintOf(zm('error-validation-humanized'), 422)).toEqual({
      message: "Title can't be blank",
      fieldErrors: [{ field: 'title', message: "Title can't be blank" }],
    });
    expect(fieldErrorsOf("No lookup value found for 'group': \"Nope\"")).toEqual([{ field: 'group', message: "No lookup value found for 'group': \"Nope\"" }]);
    expect(fieldErrorsOf("Attribute 'email' required!")).toEqual([{ field: 'email', message: "Attribute 'email' required!" }]);
    expect(fieldErrorsOf('Validation failed: First response at is invalid, Email address is already used')).toEqual([
      { field: 'first_response_at', message: 'First response at is invalid' },
      { field: 'email_address', message: 'Email address is already used' },
    ]);
  });

  it('reads other errors as a plain message and names no field outside a 422', () => {
    expect(complaintOf(zm('error-not-found'), 404)).toEqual({ message: "Couldn't find Ticket with 'id'=999" });
    expect(complaintOf(zm('error-forbidden'), 403)).toEqual({ message: 'Not authorized' });
    expect(complaintOf({ error: 'Ticket is locked' }, 409)).toEqual({ message: 'Ticket is locked' });
    expect(complaintOf('<html>', 500)).toEqual({});
    expect(complaintOf({ detail: 'x' }, 400)).toEqual({});
  });
});

describe('ZammadClient', () => {
  it('sends each service scheme as Zammad documents it', async () => {
    const schemes: [ZammadServiceCredentials, string][] = [
      [{ scheme: 'token', token: 't0k3n' }, 'Token token=t0k3n'],
      [{ scheme: 'oauth', token: 'oa' }, 'Bearer oa'],
      [{ scheme: 'basic', username: 'admin@example.com', password: 'pässword' }, `Basic ${Buffer.from('admin@example.com:pässword').toString('base64')}`],
    ];
    for (const [credentials, header] of schemes) {
      const zammad = fakeZammad(() => ok(zm('user')), credentials);
      await zammad.client.me(service);
      expect(zammad.requests[0]!.headers).toEqual({ authorization: header });
    }
  });

  it('passes the caller’s Authorization on verbatim and sends on-behalf-of as From', async () => {
    const zammad = fakeZammad(() => ok(zm('ticket')), { scheme: 'token', token: 'service' });
    await zammad.client.getTicket({ kind: 'caller', authorization: 'Bearer user-oauth', onBehalfOf: 'agent1@example.com' }, '42');
    expect(zammad.requests[0]).toMatchObject({
      method: 'GET',
      path: '/api/v1/tickets/42',
      searchParams: { expand: true },
      headers: { authorization: 'Bearer user-oauth', from: 'agent1@example.com' },
    });
  });

  it('throws the request’s own error, without a call, when there are no credentials', async () => {
    const zammad = fakeZammad(() => ok(zm('user')));
    const error = new UnauthenticatedError('send x-zammad-authorization', { source: 'ZAMMAD' });
    await expect(zammad.client.me({ kind: 'none', error })).rejects.toBe(error);
    expect(zammad.requests).toHaveLength(0);
  });

  it('searches tickets newest first with names and the total, and reads both answer forms', async () => {
    let wrapped = false;
    const zammad = fakeZammad(() => ok(wrapped ? { records: zm('tickets-search'), total_count: 2 } : zm('tickets-search')), { scheme: 'token', token: 't' });
    const params = { query: 'state.name:"open"', page: 2, per_page: 50, sort_by: 'created_at', order_by: 'desc' } as const;
    await expect(zammad.client.searchTickets(service, params)).resolves.toMatchObject({ total: null, records: [{ id: '43' }, { id: '42' }] });
    wrapped = true;
    await expect(zammad.client.searchTickets(service, params)).resolves.toMatchObject({ total: 2 });
    expect(zammad.requests[0]).toMatchObject({
      path: '/api/v1/tickets/search',
      searchParams: { ...params, expand: true, with_total_count: true },
    });
  });

  it('sends writes as JSON with expand, and tags with the ticket ID as a number', async () => {
    const zammad = fakeZammad((req) => (req.path.startsWith('/api/v1/tags') ? ok(true) : { status: 201, body: zm('ticket') }), { scheme: 'token', token: 't' });
    await zammad.client.createTicket(service, { title: 'x', group: 'Users', customer_id: 'guess:a@b.c', article: { body: 'y' } });
    await zammad.client.addTag(service, '42', 'printer');
    await zammad.client.removeTag(service, '42', 'printer');
    expect(zammad.requests.map((r) => [r.method, r.path, r.searchParams, r.json])).toEqual([
      ['POST', '/api/v1/tickets', { expand: true }, { title: 'x', group: 'Users', customer_id: 'guess:a@b.c', article: { body: 'y' } }],
      ['POST', '/api/v1/tags/add', undefined, { item: 'printer', object: 'Ticket', o_id: 42 }],
      ['DELETE', '/api/v1/tags/remove', undefined, { item: 'printer', object: 'Ticket', o_id: 42 }],
    ]);
  });

  it('accepts the empty 200 of a delete', async () => {
    const zammad = fakeZammad(() => ({ status: 200, body: undefined }), { scheme: 'token', token: 't' });
    await expect(zammad.client.deleteTicket(service, '42')).resolves.toBeUndefined();
  });

  it('encodes IDs as one path segment', async () => {
    const zammad = fakeZammad(() => ok(zm('ticket')), { scheme: 'token', token: 't' });
    await zammad.client.getTicket(service, '42/../users');
    expect(zammad.requests[0]!.path).toBe('/api/v1/tickets/42%2F..%2Fusers');
  });

  it('maps 401/403/404/422/500 to typed errors with source ZAMMAD, showing Zammad’s message for 4xx only', async () => {
    const cases: [number, unknown, string, string | undefined][] = [
      [401, zm('error-unauthorized'), ErrorCode.UNAUTHENTICATED, 'Invalid token!'],
      [403, zm('error-forbidden'), ErrorCode.FORBIDDEN, 'Not authorized'],
      [404, zm('error-not-found'), ErrorCode.NOT_FOUND, "Couldn't find Ticket"],
      [422, zm('error-validation'), ErrorCode.BAD_USER_INPUT, "Title can't be blank"],
      [500, zm('error-internal'), ErrorCode.UPSTREAM_ERROR, undefined],
    ];
    for (const [status, body, code, shown] of cases) {
      const zammad = fakeZammad(() => ({ status, body }));
      const failure = zammad.client.getTicket({ kind: 'caller', authorization: 'Token token=x' }, '999');
      await expect(failure).rejects.toMatchObject({ code, extensions: { source: 'ZAMMAD', upstream: { method: 'GET', path: '/api/v1/tickets/999', status } } });
      const error = await failure.catch((e: Error) => e);
      if (shown) expect(error.message).toContain(shown);
      else expect(error.message).not.toMatch(/Error ID|administrator/);
    }
    const zammad = fakeZammad(() => ({ status: 422, body: zm('error-validation') }));
    await expect(zammad.client.createTicket({ kind: 'caller', authorization: 'Token token=x' }, { title: '', group: '', customer_id: 'guess:a@b.c', article: { body: 'x' } })).rejects.toMatchObject({
      extensions: { fieldErrors: [{ field: 'title' }, { field: 'group' }] },
    });
  });

  it('names the variable, never the value, when Zammad rejects the service credentials', async () => {
    for (const [credentials, variables] of [
      [{ scheme: 'token', token: 'secret-token-value' }, 'ZAMMAD_TOKEN'],
      [{ scheme: 'basic', username: 'admin', password: 'secret-password' }, 'ZAMMAD_USERNAME/ZAMMAD_PASSWORD'],
      [{ scheme: 'oauth', token: 'secret-oauth' }, 'ZAMMAD_OAUTH_TOKEN'],
    ] as const) {
      const zammad = fakeZammad(() => ({ status: 401, body: zm('error-unauthorized') }), credentials);
      const error = await zammad.client.me(service).catch((e: Error) => e);
      expect(error).toMatchObject({ code: ErrorCode.UNAUTHENTICATED, message: `Zammad rejected the service credentials (${variables}).` });
      expect(JSON.stringify({ message: error.message, extensions: (error as UnauthenticatedError).extensions })).not.toMatch(/secret/);
    }
  });

  it('treats a 2xx that is not the documented shape as an upstream error', async () => {
    const zammad = fakeZammad(() => ({ status: 200, body: undefined, bodyIsJson: false }), { scheme: 'token', token: 't' });
    await expect(zammad.client.getTicket(service, '1')).rejects.toMatchObject({ code: ErrorCode.UPSTREAM_ERROR, extensions: { source: 'ZAMMAD' } });
    const wrongShape = fakeZammad(() => ok({ id: 1 }), { scheme: 'token', token: 't' });
    await expect(wrongShape.client.getTicket(service, '1')).rejects.toMatchObject({ code: ErrorCode.UPSTREAM_ERROR });
  });

  it('downloads an attachment as bytes, with the same credentials', async () => {
    const bytes = Buffer.from([0, 1, 2, 255]);
    const zammad = fakeZammad(() => ({ status: 200, body: bytes }), { scheme: 'token', token: 't' });
    await expect(zammad.client.downloadAttachment(service, { ticketId: '42', articleId: '101', attachmentId: '9' })).resolves.toEqual(bytes);
    expect(zammad.requests[0]).toMatchObject({ method: 'GET', path: '/api/v1/ticket_attachment/42/101/9', headers: { authorization: 'Token token=t' } });
    const denied = fakeZammad(() => ({ status: 403, body: { error: 'The file does not belong to the specified article.' } }), { scheme: 'token', token: 't' });
    await expect(denied.client.downloadAttachment(service, { ticketId: '42', articleId: '101', attachmentId: '8' })).rejects.toMatchObject({ code: ErrorCode.FORBIDDEN });
  });
});

describe('Zammad configuration', () => {
  const base = { ZAMMAD_BASE_URL: 'https://support.example.com/' };

  it('is absent without a base URL, and reads each kind of service credential', () => {
    expect(zammadVendor.configure({})).toBeUndefined();
    expect(zammadVendor.configure(base)).toEqual({ baseUrl: 'https://support.example.com' });
    expect(zammadVendor.configure({ ...base, ZAMMAD_TOKEN: 't' })).toMatchObject({ service: { scheme: 'token', token: 't' } });
    expect(zammadVendor.configure({ ...base, ZAMMAD_USERNAME: 'u', ZAMMAD_PASSWORD: 'p' })).toMatchObject({ service: { scheme: 'basic', username: 'u', password: 'p' } });
    expect(zammadVendor.configure({ ...base, ZAMMAD_OAUTH_TOKEN: 'o' })).toMatchObject({ service: { scheme: 'oauth', token: 'o' } });
  });

  it('refuses more than one kind of credential, half a password pair, credentials without a base URL and bad URLs, naming variables only', () => {
    const refused = [
      [{ ...base, ZAMMAD_TOKEN: 'secret-1', ZAMMAD_OAUTH_TOKEN: 'secret-2' }, /at most one of ZAMMAD_TOKEN/],
      [{ ...base, ZAMMAD_USERNAME: 'secret-user' }, /ZAMMAD_USERNAME and ZAMMAD_PASSWORD/],
      [{ ZAMMAD_TOKEN: 'secret-3' }, /ZAMMAD_TOKEN are set but ZAMMAD_BASE_URL is not/],
      [{ ZAMMAD_BASE_URL: 'ftp://secret-host' }, /ZAMMAD_BASE_URL/],
    ] as const;
    for (const [env, message] of refused) {
      let error: unknown;
      try {
        zammadVendor.configure(env);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toMatch(/secret/);
    }
  });

  it('sends the caller’s headers as Authorization and From, else the service credentials to those it may lend them to', async () => {
    const zammad = fakeZammad(() => ok(zm('user')), { scheme: 'token', token: 'service-token' });
    const scope = (headers: Record<string, string>, lendService: boolean) => ({ header: (name: string) => headers[name], lendService, limit: pLimit(1), observeBatch: () => {} });
    await zammadVendor.createSource(zammad.client, scope({ 'x-zammad-authorization': 'Bearer mine', 'x-zammad-on-behalf-of': 'a@b.c' }, false)).me();
    await zammadVendor.createSource(zammad.client, scope({}, true)).me();
    expect(zammad.requests.map((r) => r.headers)).toEqual([{ authorization: 'Bearer mine', from: 'a@b.c' }, { authorization: 'Token token=service-token' }]);
    await expect(zammadVendor.createSource(zammad.client, scope({}, false)).me()).rejects.toMatchObject({
      code: ErrorCode.UNAUTHENTICATED,
      message: expect.stringContaining('x-zammad-authorization'),
    });
    expect(zammad.requests).toHaveLength(2);
  });
});
