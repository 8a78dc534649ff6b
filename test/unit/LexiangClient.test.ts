import { describe, expect, it } from '@jest/globals';
import { ErrorCode, TesseraError, UnauthenticatedError, upstreamHttpError } from '../../src/errors.js';
import { LexiangClient, complaintOf, type LexiangAuth } from '../../src/vendors/lexiang/client.js';
import type { VendorRequest, VendorResponse } from '../../src/vendors/shared/VendorHttp.js';
import { fixture } from '../support/fixtures.js';

const lx = (name: string) => fixture('lexiang', name);
const teamPage = fixture('lexiang', 'teams-list');

type Answer = { status: number; body?: unknown; retryAfterSeconds?: number };

/** A scripted Lexiang: `answer` decides each response; every request is recorded. No sockets. */
function fakeLexiang(answer: (request: VendorRequest, tokenCalls: number) => Answer) {
  const requests: VendorRequest[] = [];
  let tokenCalls = 0;
  let now = 1_000_000;
  const http = {
    async send(request: VendorRequest): Promise<VendorResponse> {
      requests.push(request);
      if (request.path === '/cgi-bin/token') tokenCalls += 1;
      await new Promise((r) => setTimeout(r, 2));
      const { status, body, retryAfterSeconds } = answer(request, tokenCalls);
      return { status, body, bodyIsJson: true, contentType: 'application/vnd.api+json', retryAfterSeconds, call: { method: request.method, path: request.path, status } };
    },
  };
  const client = new LexiangClient(http, { appKey: 'key', appSecret: 'secret' }, undefined, () => now);
  return { client, requests, tokenCalls: () => tokenCalls, advance: (ms: number) => (now += ms) };
}

const token = (n: number): Answer => ({ status: 200, body: { token_type: 'Bearer', expires_in: 7200, access_token: `token-${n}` } });
const service = (staffId?: string): LexiangAuth => ({ kind: 'service', staffId });

describe('Lexiang error bodies', () => {
  it('reads the documented 404 detail', () => {
    expect(complaintOf(lx('team-not-found'))).toEqual({ message: '不存在ID为`17bc1d68daae11e9a58410e7c61c70fc`的team资源' });
  });

  it('keeps the field names of field-keyed validation errors', () => {
    expect(complaintOf(lx('validation-error'))).toEqual({
      message: 'name: name 不能为空。; orgs.0.id: orgs.0.id 员工账号`NoSuchPerson`不存在。',
      fieldErrors: [
        { field: 'name', message: 'name 不能为空。' },
        { field: 'orgs.0.id', message: 'orgs.0.id 员工账号`NoSuchPerson`不存在。' },
      ],
    });
  });

  it('reads the JSON:API standard error list too, taking the field from the pointer', () => {
    expect(complaintOf({ errors: [{ detail: '名称已存在', source: { pointer: '/data/attributes/name' } }, { title: 'Bad request' }] })).toEqual({
      message: 'Bad request; name: 名称已存在',
      fieldErrors: [{ field: 'name', message: '名称已存在' }],
    });
  });

  it('yields nothing for bodies that are not Lexiang errors', () => {
    expect(complaintOf('<html>')).toEqual({});
    expect(complaintOf({ detail: 'x' })).toEqual({});
  });

  it('becomes a typed error with source LEXIANG and the field names', () => {
    const error = upstreamHttpError('LEXIANG', { method: 'POST', path: '/cgi-bin/v1/teams', status: 422 }, complaintOf(lx('validation-error')));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', source: 'LEXIANG', fieldErrors: [{ field: 'name' }, { field: 'orgs.0.id' }] });
  });
});

describe('LexiangClient', () => {
  it('sends one token request for many concurrent calls, then JSON:API requests with the bearer token', async () => {
    const lexiang = fakeLexiang((req, n) => (req.path === '/cgi-bin/token' ? token(n) : { status: 200, body: teamPage }));
    await Promise.all(Array.from({ length: 30 }, () => lexiang.client.listTeams(service('FourLee'), { page: 1, per_page: 100, sort: '-created_at' })));
    expect(lexiang.tokenCalls()).toBe(1);
    const tokenRequest = lexiang.requests.find((r) => r.path === '/cgi-bin/token')!;
    expect(tokenRequest).toMatchObject({ method: 'POST', json: { grant_type: 'client_credentials', app_key: 'key', app_secret: 'secret' } });
    const list = lexiang.requests.find((r) => r.path === '/cgi-bin/v1/teams')!;
    expect(list.headers).toEqual({ accept: 'application/vnd.api+json', 'x-staff-id': 'FourLee', authorization: 'Bearer token-1' });
    expect(list.searchParams).toEqual({ page: 1, per_page: 100, sort: '-created_at' });
  });

  it('sends writes as application/vnd.api+json', async () => {
    const lexiang = fakeLexiang((req, n) => (req.path === '/cgi-bin/token' ? token(n) : { status: 201, body: lx('create-team-response') }));
    await lexiang.client.createTeam(service('ThreeZhang'), { data: { type: 'team', attributes: { name: 'x' } } });
    expect(lexiang.requests.at(-1)!.headers).toMatchObject({ 'content-type': 'application/vnd.api+json', 'x-staff-id': 'ThreeZhang' });
  });

  it('refuses a write without a staff member before any call, token included', async () => {
    const lexiang = fakeLexiang((_req, n) => token(n));
    for (const write of [
      () => lexiang.client.createTeam(service(), { data: { type: 'team', attributes: { name: 'x' } } }),
      () => lexiang.client.updateTeam(service(), 'abc', { data: { type: 'team', attributes: { name: 'x' } } }),
      () => lexiang.client.hideTeam(service(), 'abc'),
    ]) {
      await expect(write()).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, message: expect.stringContaining('x-lexiang-staff-id') });
    }
    expect(lexiang.requests).toHaveLength(0);
  });

  it('re-acquires the token once when Lexiang answers 401, and gives up after the second 401', async () => {
    let rejectAll = false;
    const lexiang = fakeLexiang((req, n) => {
      if (req.path === '/cgi-bin/token') return token(n);
      const bearer = req.headers?.authorization;
      return rejectAll || bearer === 'Bearer token-1' ? { status: 401, body: { errors: { detail: 'access_token 无效或已过期' } } } : { status: 200, body: teamPage };
    });
    const params = { page: 1, per_page: 100, sort: '-created_at' } as const;
    await expect(lexiang.client.listTeams(service(), params)).resolves.toMatchObject({ meta: { total: 3 } });
    expect(lexiang.tokenCalls()).toBe(2);
    rejectAll = true;
    await expect(lexiang.client.listTeams(service(), params)).rejects.toMatchObject({ code: ErrorCode.UNAUTHENTICATED, vendor: 'LEXIANG' });
    expect(lexiang.tokenCalls()).toBe(3);
  });

  it('turns a token-endpoint 429 into a retryable error and asks no more until Retry-After has passed', async () => {
    let limited = true;
    const lexiang = fakeLexiang((req, n) =>
      req.path === '/cgi-bin/token' ? (limited ? { status: 429, body: { errors: { detail: '请求过于频繁' } }, retryAfterSeconds: 120 } : token(n)) : { status: 200, body: teamPage },
    );
    const params = { page: 1, per_page: 100, sort: '-created_at' } as const;
    const failures = await Promise.allSettled(Array.from({ length: 20 }, () => lexiang.client.listTeams(service(), params)));
    for (const failure of failures) {
      expect(failure).toMatchObject({ status: 'rejected', reason: { code: ErrorCode.UPSTREAM_RATE_LIMITED, extensions: { retryable: true, source: 'LEXIANG' } } });
    }
    await expect(lexiang.client.listTeams(service(), params)).rejects.toMatchObject({ code: ErrorCode.UPSTREAM_RATE_LIMITED });
    expect(lexiang.tokenCalls()).toBe(1);

    limited = false;
    lexiang.advance(119_000);
    await expect(lexiang.client.listTeams(service(), params)).rejects.toMatchObject({ code: ErrorCode.UPSTREAM_RATE_LIMITED });
    expect(lexiang.tokenCalls()).toBe(1);
    lexiang.advance(1_000);
    await expect(lexiang.client.listTeams(service(), params)).resolves.toMatchObject({ meta: { total: 3 } });
    expect(lexiang.tokenCalls()).toBe(2);
  });

  it('reports rejected app credentials as UNAUTHENTICATED naming the settings, for a bad key (400) and a bad secret (401)', async () => {
    for (const answer of [
      { status: 400, body: { errors: { app_key: ['app_key 不存在。'] } } },
      { status: 401, body: { errors: { detail: 'app_secret 不正确' } } },
    ]) {
      const lexiang = fakeLexiang(() => answer);
      const failure = lexiang.client.listTeams(service(), { page: 1, per_page: 1, sort: '-created_at' });
      await expect(failure).rejects.toBeInstanceOf(UnauthenticatedError);
      await expect(failure).rejects.toThrow(/LEXIANG_APP_KEY\/LEXIANG_APP_SECRET/);
      expect(lexiang.tokenCalls()).toBe(1);
    }
  });

  it('tells Lexiang’s “no such team” from an unknown route, and remembers a missing single-team endpoint', async () => {
    let routeExists = true;
    const lexiang = fakeLexiang((req, n) => {
      if (req.path === '/cgi-bin/token') return token(n);
      if (!routeExists) return { status: 404, body: { errors: { detail: '请求的接口不存在' } } };
      return req.path.endsWith('/17bc1d68daae11e9a58410e7c61c70fc') ? { status: 200, body: lx('create-team-response') } : { status: 404, body: lx('team-not-found') };
    });
    await expect(lexiang.client.getTeam(service(), '17bc1d68daae11e9a58410e7c61c70fc')).resolves.toMatchObject({ kind: 'found', team: { attributes: { code: 'k100001' } } });
    await expect(lexiang.client.getTeam(service(), 'ffffffffffffffffffffffffffffffff')).resolves.toEqual({ kind: 'notFound' });
    expect(lexiang.client.singleTeamEndpointMissing).toBe(false);
    routeExists = false;
    await expect(lexiang.client.getTeam(service(), 'abc')).resolves.toEqual({ kind: 'noSuchEndpoint' });
    expect(lexiang.client.singleTeamEndpointMissing).toBe(true);
    lexiang.advance(60 * 60_000);
    expect(lexiang.client.singleTeamEndpointMissing).toBe(false);
  });

  it('refuses a malformed team ID before any call, so a 404 in front of Lexiang (e.g. for an encoded slash) cannot mark the route missing', async () => {
    // What a proxy in front of Lexiang might answer for `%2F` or other odd characters: a 404 that is not Lexiang's.
    const lexiang = fakeLexiang((req, n) => (req.path === '/cgi-bin/token' ? token(n) : { status: 404, body: { message: 'Not Found' } }));
    for (const id of ['a/b', 'abc`def', 'x y', '团队', '']) {
      await expect(lexiang.client.getTeam(service(), id)).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
    }
    expect(lexiang.requests).toHaveLength(0);
    expect(lexiang.client.singleTeamEndpointMissing).toBe(false);
    // A Lexiang "no such team" for an ID with a backtick in it would still be read as "no such team".
    const tolerant = fakeLexiang((req, n) => (req.path === '/cgi-bin/token' ? token(n) : { status: 404, body: { errors: { detail: '不存在ID为`a`b`的team资源' } } }));
    await expect(tolerant.client.getTeam(service(), 'ab')).resolves.toEqual({ kind: 'notFound' });
    expect(tolerant.client.singleTeamEndpointMissing).toBe(false);
  });

  it('passes a vendor-side refusal through when the request may not use the app credentials', async () => {
    const lexiang = fakeLexiang((_req, n) => token(n));
    const error = new TesseraError('no key', ErrorCode.UNAUTHENTICATED);
    await expect(lexiang.client.listTeams({ kind: 'none', error, staffId: undefined }, { page: 1, per_page: 1, sort: '-created_at' })).rejects.toBe(error);
    expect(lexiang.requests).toHaveLength(0);
  });
});
