import { describe, expect, it } from '@jest/globals';
import pLimit from 'p-limit';
import { ErrorCode, TesseraError } from '../../src/errors.js';
import type { MaxCloudTicketModel } from '../../src/models.js';
import { ASSUMED_TOKEN_LIFETIME_SECONDS, envelopeOf, MaxCloudClient, type MaxCloudAuth, type MaxCloudServiceAccount } from '../../src/vendors/maxcloud/client.js';
import { MaxCloudSource } from '../../src/vendors/maxcloud/MaxCloudSource.js';
import type { VendorRequest, VendorResponse } from '../../src/vendors/shared/VendorHttp.js';
import { fixture } from '../support/fixtures.js';

const mc = (name: string) => fixture('maxcloud', name);

type Answer = { status: number; body: unknown };

const ok = (data: unknown): Answer => ({ status: 200, body: { status: 200, err_code: 0, request_id: 'r', message: 'success', data, time: 1 } });
const tokenInvalid: Answer = { status: 401, body: mc('error-token-invalid') };
const company = (id: number, name: string) => ({ id, name, created_at: '2011-10-09 12:01:34' });
const companies = [company(1, 'DefaultTeam'), company(2, 'AnotherTeam')];

/** A ticket as the search answers it, created `minutesAgo` before 2026-11-30 12:00 China time. */
function rawTicket(id: number, createdAt: string) {
  return { ...(mc('tickets-search') as { data: { tickets: object[] } }).data.tickets[0], id, created_at: createdAt, updated_at: createdAt };
}

/**
 * A scripted MaxCloud, no sockets: logins and switches issue numbered tokens, which it accepts
 * until `revoke`d; searches answer `tickets` (or `search`). Every request is recorded, and every
 * answer waits a tick so concurrent callers really overlap.
 */
function fakeMaxCloud(options: { search?: (request: VendorRequest, token: string) => Answer; tickets?: object[]; tokenOf?: (n: number) => string } = {}) {
  const requests: VendorRequest[] = [];
  const live = new Map<string, number>();
  let issued = 0;
  const issue = (companyId: number) => {
    const token = options.tokenOf?.(++issued) ?? `tok-${++issued}`;
    live.set(token, companyId);
    return token;
  };
  const answer = (request: VendorRequest): Answer => {
    const json = request.json as Record<string, unknown>;
    if (request.path === '/api/login') {
      if (json.password !== 'secret') return { status: 200, body: mc('error-wrong-credentials') };
      return ok({ id: 88, group_admin: 1, admin: 2, change_password: 0, token: issue(1), email: json.email, company: companies[0], all_company: companies });
    }
    const token = request.headers?.authorization ?? '';
    if (!live.has(token)) return tokenInvalid;
    if (request.path === '/api/company/switch') {
      const id = json.company_id as number;
      if (id > 2) return { status: 200, body: mc('error-forbidden-company') };
      return ok({ token: issue(id), email: 'ops.admin@spotmax.example', company: companies[id - 1], all_company: companies });
    }
    if (options.search) return options.search(request, token);
    const all = options.tickets ?? [];
    const { page, page_size: size } = json as { page: number; page_size: number };
    return ok({ total: all.length, page_size: size, page, tickets: all.slice((page - 1) * size, page * size), search_scope: '0:company' });
  };
  const http = {
    async send(request: VendorRequest): Promise<VendorResponse> {
      requests.push(request);
      await new Promise((resolve) => setImmediate(resolve));
      const { status, body } = answer(request);
      return { status, body, bodyIsJson: true, contentType: 'application/json', call: { method: request.method, path: request.path, status } };
    },
  };
  const count = (path: string) => requests.filter((r) => r.path === path).length;
  return { http, requests, count, revoke: (token: string) => live.delete(token), live };
}

const service: MaxCloudServiceAccount = { email: 'ops.admin@spotmax.example', password: 'secret', companyId: '2' };
const serviceAuth: MaxCloudAuth = { kind: 'service' };
const search = { page: 1, page_size: 20, start_time: 0, end_time: 2_000_000_000_000, query: '' };

function clientOf(fake: ReturnType<typeof fakeMaxCloud>, options: Partial<ConstructorParameters<typeof MaxCloudClient>[1]> = {}) {
  return new MaxCloudClient(fake.http, { timeZone: 'Asia/Shanghai', pageSize: 100, service, ...options });
}

async function failure(promise: Promise<unknown>): Promise<TesseraError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TesseraError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('MaxCloud envelope', () => {
  const response = (status: number, body: unknown): VendorResponse => ({
    status,
    body,
    bodyIsJson: true,
    contentType: 'application/json',
    call: { method: 'POST', path: '/api/tickets/search', status },
  });

  it('passes a success envelope', () => {
    expect(envelopeOf(response(200, mc('tickets-search')))).toMatchObject({ status: 200, err_code: 0 });
    // The login and switch examples have no err_code.
    expect(envelopeOf(response(200, mc('login')))).toMatchObject({ status: 200, err_code: 0 });
  });

  it('reads a failure under HTTP 200 by its envelope status, with err_code as vendorCode', () => {
    const wrong = (() => {
      try {
        envelopeOf(response(200, mc('error-wrong-credentials')));
      } catch (error) {
        return error as TesseraError;
      }
    })()!;
    expect(wrong.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(wrong.message).toBe('MaxCloud rejected the request: 用户名或密码错误');
    expect(wrong.extensions).toMatchObject({ source: 'MAXCLOUD', vendorCode: 10002 });
    expect(() => envelopeOf(response(200, mc('error-forbidden-company')))).toThrow(expect.objectContaining({ code: ErrorCode.FORBIDDEN, extensions: expect.objectContaining({ vendorCode: 10403 }) }));
  });

  it('treats a non-zero err_code as a failure even with status 200', () => {
    expect(() => envelopeOf(response(200, { status: 200, err_code: 20001, message: 'quota exceeded', data: null }))).toThrow(
      expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT, extensions: expect.objectContaining({ vendorCode: 20001, upstream: { method: 'POST', path: '/api/tickets/search', status: 200 } }) }),
    );
  });

  it('reads an HTTP failure by its HTTP status, keeping err_code, and never shows a 5xx message', () => {
    expect(() => envelopeOf(response(401, mc('error-token-invalid')))).toThrow(
      expect.objectContaining({ code: ErrorCode.UNAUTHENTICATED, message: 'MaxCloud rejected the credentials: token invalid or expired', extensions: expect.objectContaining({ vendorCode: 10401 }) }),
    );
    const crash = { status: 500, err_code: 10500, message: 'panic: nil pointer at db.go:42', data: null };
    expect(() => envelopeOf(response(500, crash))).toThrow(expect.objectContaining({ code: ErrorCode.UPSTREAM_ERROR, message: 'MaxCloud failed with HTTP 500' }));
  });

  it('refuses a 200 answer that is no envelope', () => {
    expect(() => envelopeOf({ ...response(200, undefined), bodyIsJson: false })).toThrow(expect.objectContaining({ code: ErrorCode.UPSTREAM_ERROR }));
    expect(() => envelopeOf(response(200, { tickets: [] }))).toThrow(expect.objectContaining({ code: ErrorCode.UPSTREAM_ERROR }));
  });
});

describe('MaxCloudClient', () => {
  it('sends the token raw in authorization, without Bearer, and the documented bodies', async () => {
    const fake = fakeMaxCloud();
    await clientOf(fake).searchTickets(serviceAuth, search);
    expect(fake.requests.map((r) => [r.method, r.path, r.json, r.headers])).toEqual([
      ['POST', '/api/login', { email: service.email, password: 'secret' }, undefined],
      ['POST', '/api/company/switch', { company_id: 2 }, { authorization: 'tok-1' }],
      ['POST', '/api/tickets/search', search, { authorization: 'tok-2' }],
    ]);
  });

  it('logs in and switches once for 20 concurrent cold requests, and shares the token', async () => {
    const fake = fakeMaxCloud();
    const client = clientOf(fake);
    await Promise.all(Array.from({ length: 20 }, () => client.searchTickets(serviceAuth, search)));
    expect([fake.count('/api/login'), fake.count('/api/company/switch'), fake.count('/api/tickets/search')]).toEqual([1, 1, 20]);
    expect(new Set(fake.requests.filter((r) => r.path === '/api/tickets/search').map((r) => r.headers?.authorization))).toEqual(new Set(['tok-2']));
  });

  it('uses the login token as is when no company is configured', async () => {
    const fake = fakeMaxCloud();
    await clientOf(fake, { service: { email: service.email, password: 'secret' } }).searchTickets(serviceAuth, search);
    expect([fake.count('/api/login'), fake.count('/api/company/switch')]).toEqual([1, 0]);
  });

  it('renews exactly once when the assumed lifetime is over, for concurrent requests too', async () => {
    const fake = fakeMaxCloud();
    let now = Date.parse('2026-11-30T00:00:00Z');
    const client = clientOf(fake, { now: () => now });
    await client.searchTickets(serviceAuth, search);
    now += ASSUMED_TOKEN_LIFETIME_SECONDS * 1000;
    await Promise.all(Array.from({ length: 20 }, () => client.searchTickets(serviceAuth, search)));
    expect([fake.count('/api/login'), fake.count('/api/company/switch')]).toEqual([2, 2]);
    expect(fake.requests.at(-1)!.headers).toEqual({ authorization: 'tok-4' });
  });

  it('renews a token that says when it expires (a JWT with exp) shortly before then', async () => {
    let now = Date.parse('2026-11-30T00:00:00Z');
    const jwt = (n: number) => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ n, exp: now / 1000 + 600 })).toString('base64url')}.`;
    const fake = fakeMaxCloud({ tokenOf: jwt });
    const client = clientOf(fake, { now: () => now });
    await client.searchTickets(serviceAuth, search);
    now += 500_000;
    await client.searchTickets(serviceAuth, search);
    expect(fake.count('/api/login')).toBe(1);
    now += 50_000; // within the last tenth of its ten minutes
    await client.searchTickets(serviceAuth, search);
    expect(fake.count('/api/login')).toBe(2);
  });

  it('acquires a new token once when MaxCloud rejects the cached one, and no more', async () => {
    const fake = fakeMaxCloud();
    const client = clientOf(fake);
    await client.searchTickets(serviceAuth, search);
    fake.revoke('tok-2');
    await Promise.all(Array.from({ length: 5 }, () => client.searchTickets(serviceAuth, search)));
    expect([fake.count('/api/login'), fake.count('/api/company/switch')]).toEqual([2, 2]);

    // A MaxCloud that rejects every token: one renewal, then the rejection is the answer.
    const rejecting = fakeMaxCloud({ search: () => tokenInvalid });
    const error = await failure(clientOf(rejecting).searchTickets(serviceAuth, search));
    expect(error.code).toBe(ErrorCode.UNAUTHENTICATED);
    expect([rejecting.count('/api/login'), rejecting.count('/api/tickets/search')]).toEqual([2, 2]);
  });

  it('names the variables, never their values, when the service account is refused', async () => {
    const fake = fakeMaxCloud();
    const wrongPassword = await failure(clientOf(fake, { service: { ...service, password: 'wrong' } }).searchTickets(serviceAuth, search));
    expect(wrongPassword).toMatchObject({ code: ErrorCode.UNAUTHENTICATED, message: 'MaxCloud refused the service account (MAXCLOUD_USERNAME/MAXCLOUD_PASSWORD).' });
    expect(wrongPassword.extensions.vendorCode).toBe(10002);
    expect(wrongPassword.message).not.toContain('wrong');

    // A company the login does not list is refused without asking MaxCloud to switch.
    const notMember = await failure(clientOf(fake, { service: { ...service, companyId: '3' } }).searchTickets(serviceAuth, search));
    expect(notMember).toMatchObject({ code: ErrorCode.UNAUTHENTICATED, message: expect.stringContaining('MAXCLOUD_COMPANY_ID') });
    expect(fake.count('/api/company/switch')).toBe(0);
  });

  it('switches a caller’s token once per token and company, and reuses the switched token', async () => {
    const fake = fakeMaxCloud();
    const client = clientOf(fake, { service: undefined });
    const caller = fake.live.size === 0 ? (await client.login('ops.admin@spotmax.example', 'secret')).token : '';
    const inCompany2: MaxCloudAuth = { kind: 'caller', token: caller, companyId: '2' };
    await Promise.all(Array.from({ length: 10 }, () => client.searchTickets(inCompany2, search)));
    await client.searchTickets(inCompany2, search);
    expect(fake.count('/api/company/switch')).toBe(1);
    expect(new Set(fake.requests.filter((r) => r.path === '/api/tickets/search').map((r) => r.headers?.authorization))).toEqual(new Set(['tok-2']));

    // Another company, or another token, is another switch; no company uses the caller's token as is.
    await client.searchTickets({ kind: 'caller', token: caller, companyId: '1' }, search);
    const other = (await client.login('sre.chen@spotmax.example', 'secret')).token;
    await client.searchTickets({ kind: 'caller', token: other, companyId: '2' }, search);
    await client.searchTickets({ kind: 'caller', token: caller }, search);
    expect(fake.count('/api/company/switch')).toBe(3);
    expect(fake.requests.at(-1)!.headers).toEqual({ authorization: caller });
  });

  it('switches a caller’s token again when the switched one is rejected, and answers UNAUTHENTICATED when the caller’s own is', async () => {
    const fake = fakeMaxCloud();
    const client = clientOf(fake, { service: undefined });
    const caller = (await client.login('ops.admin@spotmax.example', 'secret')).token;
    const auth: MaxCloudAuth = { kind: 'caller', token: caller, companyId: '2' };
    await client.searchTickets(auth, search);
    fake.revoke('tok-2');
    await client.searchTickets(auth, search);
    expect(fake.count('/api/company/switch')).toBe(2);

    fake.revoke(caller);
    fake.revoke('tok-3');
    expect((await failure(client.searchTickets(auth, search))).code).toBe(ErrorCode.UNAUTHENTICATED);
    expect((await failure(client.searchTickets({ kind: 'caller', token: caller }, search))).code).toBe(ErrorCode.UNAUTHENTICATED);
    // A company the caller is not in is the caller's FORBIDDEN.
    const other = (await client.login('ops.admin@spotmax.example', 'secret')).token;
    expect((await failure(client.searchTickets({ kind: 'caller', token: other, companyId: '3' }, search))).code).toBe(ErrorCode.FORBIDDEN);
  });

  it('remembers a bounded number of caller switches, forgetting the least recently used', async () => {
    const fake = fakeMaxCloud();
    const client = clientOf(fake, { service: undefined, callerSwitchCapacity: 2 });
    const token = (await client.login('ops.admin@spotmax.example', 'secret')).token;
    const inCompany = (companyId: string): MaxCloudAuth => ({ kind: 'caller', token, companyId });
    await client.searchTickets(inCompany('1'), search);
    await client.searchTickets(inCompany('2'), search);
    await client.searchTickets(inCompany('1'), search);
    await client.searchTickets(inCompany('3'), search).catch(() => undefined); // evicts company 2
    await client.searchTickets(inCompany('1'), search);
    expect(fake.count('/api/company/switch')).toBe(3);
    await client.searchTickets(inCompany('2'), search);
    expect(fake.count('/api/company/switch')).toBe(4);
  });

  it('keys caller switches by a digest of the token, never the token', async () => {
    const fake = fakeMaxCloud();
    const client = clientOf(fake, { service: undefined });
    const token = (await client.login('ops.admin@spotmax.example', 'secret')).token;
    await client.searchTickets({ kind: 'caller', token, companyId: '2' }, search);
    const keys = [...(client as unknown as { callerScopes: { keys(): Iterable<string> } }).callerScopes.keys()];
    expect(keys).toEqual([expect.stringMatching(/^[0-9a-f]{64}:2$/)]);
    expect(keys[0]).not.toContain(token);
  });

  it('throws the request’s own error, without a call, when there are no credentials', async () => {
    const fake = fakeMaxCloud();
    const error = new TesseraError('send x-maxcloud-token', ErrorCode.UNAUTHENTICATED);
    await expect(clientOf(fake).searchTickets({ kind: 'none', error }, search)).rejects.toBe(error);
    expect(fake.requests).toHaveLength(0);
  });

  it('in strict mode refuses a page that is not newest first, or not paged as asked', async () => {
    const unordered = fakeMaxCloud({ tickets: [rawTicket(1, '2026-11-01 10:00:00'), rawTicket(2, '2026-11-02 10:00:00')] });
    const error = await failure(clientOf(unordered).searchTickets(serviceAuth, search, { strict: true }));
    expect(error).toMatchObject({ code: ErrorCode.UPSTREAM_ERROR, message: expect.stringContaining('newest first') });
    expect(error.extensions).toMatchObject({ source: 'MAXCLOUD', upstream: { path: '/api/tickets/search' } });
    await expect(clientOf(unordered).searchTickets(serviceAuth, search)).resolves.toMatchObject({ total: 2 });

    const clamped = fakeMaxCloud({ search: () => ok({ total: 0, page_size: 10, page: 1, tickets: [] }) });
    expect(await failure(clientOf(clamped).searchTickets(serviceAuth, search, { strict: true }))).toMatchObject({
      code: ErrorCode.UPSTREAM_ERROR,
      message: expect.stringContaining('MAXCLOUD_PAGE_SIZE'),
    });
  });

  it('lists the companies from the answer behind the token, and none for a caller’s token used as is', async () => {
    const fake = fakeMaxCloud();
    const client = clientOf(fake);
    expect(await client.companiesOf(serviceAuth)).toMatchObject({ company: { id: '2', name: 'AnotherTeam' }, companies: [{ id: '1' }, { id: '2' }] });
    expect(await client.companiesOf({ kind: 'caller', token: 'tok-1' })).toBeNull();
  });
});

describe('MaxCloudSource', () => {
  it('serves a ticket the request already listed without a call, and searches one by id otherwise', async () => {
    const fake = fakeMaxCloud({ tickets: [rawTicket(7, '2026-11-30 10:00:00'), rawTicket(6, '2026-11-29 10:00:00')] });
    const source = new MaxCloudSource(clientOf(fake), serviceAuth, pLimit(4));
    await source.tickets({ offset: 0, limit: 1 });
    expect(await source.ticket('7')).toMatchObject({ nativeId: '7' });
    expect(fake.count('/api/tickets/search')).toBe(1);
    // The fake ignores the query: only a ticket with the asked ID counts.
    expect(await source.ticket('6')).toBeNull();
    expect(fake.requests.at(-1)!.json).toMatchObject({ query: 'id:"6"', page: 1, page_size: 1 });
    expect(await source.ticket('not-a-number')).toBeNull();
    expect(fake.count('/api/tickets/search')).toBe(2);
  });
});

describe('MaxCloud ticket feed', () => {
  /** 30 tickets, one a minute, newest first. */
  const tickets = Array.from({ length: 30 }, (_, i) => rawTicket(100 - i, `2026-11-30 11:${String(59 - i).padStart(2, '0')}:00`));

  function feedOf(fake: ReturnType<typeof fakeMaxCloud>, pageSize = 100) {
    return new MaxCloudSource(clientOf(fake, { pageSize }), serviceAuth, pLimit(4)).ticketFeed();
  }

  it('reads an unaligned slice in one search whose page holds it', async () => {
    const fake = fakeMaxCloud({ tickets });
    const page = await feedOf(fake).read(7, 5, { status: 'OPEN', person: { email: 'li.na@example.cn', role: 'ASSIGNEE' } });
    expect(page.total).toBe(30);
    expect(page.items.map((t) => (t as MaxCloudTicketModel).nativeId)).toEqual(['93', '92', '91', '90', '89']);
    const searches = fake.requests.filter((r) => r.path === '/api/tickets/search');
    expect(searches).toHaveLength(1);
    expect(searches[0]!.json).toMatchObject({ page: 2, page_size: 6, query: 'state:"open" AND assigned_to:"li.na@example.cn"' });
  });

  it('declares half the page maximum as its cap, and has no customers', () => {
    const feed = feedOf(fakeMaxCloud(), 100);
    expect(feed.pageCap).toBe(50);
    expect(feed.supports({ person: { email: 'a@b.c', role: 'CUSTOMER' } })).toBe(false);
    expect(feed.supports({ person: { email: 'a@b.c', role: 'CREATOR' }, status: 'CLOSED' })).toBe(true);
  });

  it('falls back to two pages of the maximum when no single page holds the slice', async () => {
    const fake = fakeMaxCloud({ tickets });
    // Records 23–25 split under every page size from 3 to 6.
    const page = await feedOf(fake, 6).read(23, 3, {});
    expect(page.items.map((t) => (t as MaxCloudTicketModel).nativeId)).toEqual(['77', '76', '75']);
    expect(fake.requests.filter((r) => r.path === '/api/tickets/search').map((r) => r.json)).toEqual([
      expect.objectContaining({ page: 4, page_size: 6 }),
      expect.objectContaining({ page: 5, page_size: 6 }),
    ]);
  });

  it('refuses a page MaxCloud did not list newest first', async () => {
    const fake = fakeMaxCloud({ tickets: [...tickets].reverse() });
    expect(await failure(feedOf(fake).read(0, 10, {}))).toMatchObject({ code: ErrorCode.UPSTREAM_ERROR, extensions: expect.objectContaining({ source: 'MAXCLOUD' }) });
  });
});
