import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSimulator, type RunningSimulator } from '../../../src/simulators/kit/index.js';
import {
  createLexiangSimulator,
  createTeamStore,
  lexiangDemoCredentials,
  type TeamStore,
} from '../../../src/simulators/lexiang/index.js';

const JSON_API = 'application/vnd.api+json';
const { appKey, appSecret, staffId } = lexiangDemoCredentials;

interface TeamResource {
  type: string;
  id: string;
  attributes: { name: string; code: string; signature: string; type: number; is_secret: boolean; logo: string | null; created_at: string };
}
interface TeamList {
  data: TeamResource[];
  links: { first: string; last: string; prev: string | null; next: string | null };
  meta: { current_page: number; from: number | null; last_page: number; path: string; per_page: number; to: number | null; total: number };
}

function requestToken(sim: RunningSimulator, body: Record<string, unknown>) {
  return fetch(`${sim.url}/cgi-bin/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function issueToken(sim: RunningSimulator): Promise<string> {
  const res = await requestToken(sim, { grant_type: 'client_credentials', app_key: appKey, app_secret: appSecret });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

function call(sim: RunningSimulator, token: string, method: string, path: string, body?: unknown, staff: string | null = staffId) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: JSON_API };
  if (staff !== null) headers['x-staff-id'] = staff;
  if (body !== undefined) headers['content-type'] = JSON_API;
  return fetch(`${sim.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

describe('Lexiang simulator: token endpoint', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator('lexiang', createLexiangSimulator);
  });
  afterAll(() => sim.close());

  it('issues a bearer token that expires after 7200 s of simulator time', async () => {
    const res = await requestToken(sim, { grant_type: 'client_credentials', app_key: appKey, app_secret: appSecret });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({ token_type: 'Bearer', expires_in: 7200, access_token: expect.any(String) });
    const token = body.access_token as string;

    expect((await call(sim, token, 'GET', '/cgi-bin/v1/teams')).status).toBe(200);
    sim.clock.advance(7199 * 1000);
    expect((await call(sim, token, 'GET', '/cgi-bin/v1/teams')).status).toBe(200);
    sim.clock.advance(1000);
    const expired = await call(sim, token, 'GET', '/cgi-bin/v1/teams');
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ errors: { detail: expect.any(String) } });
  });

  it('rejects a missing or unknown bearer token with 401', async () => {
    const res = await fetch(`${sim.url}/cgi-bin/v1/teams`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ errors: { detail: expect.any(String) } });
    expect((await call(sim, 'not-a-token', 'GET', '/cgi-bin/v1/teams')).status).toBe(401);
  });

  it('answers a bad app_key with 400 field errors and a bad app_secret with 401', async () => {
    sim.clock.advance(11 * 60 * 1000); // a fresh throttle window
    const badKey = await requestToken(sim, { grant_type: 'client_credentials', app_key: 'nope', app_secret: appSecret });
    expect(badKey.status).toBe(400);
    expect(await badKey.json()).toEqual({ errors: { app_key: [expect.any(String)] } });

    const badSecret = await requestToken(sim, { grant_type: 'client_credentials', app_key: appKey, app_secret: 'nope' });
    expect(badSecret.status).toBe(401);
    expect(await badSecret.json()).toEqual({ errors: { detail: expect.any(String) } });
  });

  it('refuses the 21st call within 10 minutes with 429, failed calls included, and serves again after the window', async () => {
    sim.clock.advance(11 * 60 * 1000);
    expect((await requestToken(sim, { grant_type: 'client_credentials', app_key: appKey, app_secret: 'wrong' })).status).toBe(401);
    for (let i = 0; i < 19; i += 1) await issueToken(sim);
    sim.clock.advance(9 * 60 * 1000);
    const limited = await requestToken(sim, { grant_type: 'client_credentials', app_key: appKey, app_secret: appSecret });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toEqual({ errors: { detail: expect.any(String) } });

    sim.clock.advance(60 * 1000);
    await issueToken(sim);
    expect(sim.requests.count('POST /cgi-bin/token')).toBeGreaterThanOrEqual(22);
  });
});

describe('Lexiang simulator: teams', () => {
  let sim: RunningSimulator;
  let teams: TeamStore;
  let token: string;
  beforeAll(async () => {
    teams = createTeamStore();
    sim = await startSimulator('lexiang', (runtime) => createLexiangSimulator(runtime, { teams }));
    token = await issueToken(sim);
  });
  afterAll(() => sim.close());

  async function list(query: string): Promise<TeamList> {
    const res = await call(sim, token, 'GET', `/cgi-bin/v1/teams${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(JSON_API);
    return (await res.json()) as TeamList;
  }

  it('lists live teams newest first, 20 per page, with Laravel links and meta', async () => {
    const page1 = await list('');
    const path = `${sim.url}/cgi-bin/v1/teams`;
    expect(page1.meta).toEqual({ current_page: 1, from: 1, last_page: 2, path, per_page: 20, to: 20, total: 38 });
    expect(page1.links).toEqual({ first: `${path}?page=1`, last: `${path}?page=2`, prev: null, next: `${path}?page=2` });
    const times = page1.data.map((team) => team.attributes.created_at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(page1.data[0]).toEqual({
      type: 'team',
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      attributes: {
        name: expect.any(String),
        code: expect.stringMatching(/^k1\d{5}$/),
        signature: expect.any(String),
        type: expect.any(Number),
        is_secret: expect.any(Boolean),
        logo: null,
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
      },
    });

    const page2 = await list('?page=2');
    expect(page2.meta).toMatchObject({ current_page: 2, from: 21, to: 38, total: 38 });
    expect(page2.links).toMatchObject({ prev: `${path}?page=1`, next: null });
  });

  it('leaves teams already in the recycle bin out, as the doc example (k100022, k100020, k100019) shows', async () => {
    const all = await list('?per_page=100&sort=created_at');
    const codes = all.data.map((team) => team.attributes.code);
    expect(codes).toEqual([...codes].sort());
    expect(codes).not.toContain('k100021');
    expect(codes).toEqual(expect.arrayContaining(['k100019', 'k100020', 'k100022']));
    expect(new Set(all.data.map((team) => team.attributes.type))).toEqual(new Set([1, 2, 3, 4]));
    expect(all.data.some((team) => team.attributes.is_secret)).toBe(true);
  });

  it('pages with per_page and sort, clamps per_page above 100 and returns an empty page past the end', async () => {
    const asc = await list('?page=2&per_page=5&sort=created_at');
    expect(asc.meta).toMatchObject({ current_page: 2, from: 6, to: 10, last_page: 8, per_page: 5 });
    expect(asc.data.map((team) => team.attributes.code)).toEqual(['k100006', 'k100007', 'k100009', 'k100010', 'k100011']);

    expect((await list('?per_page=500')).meta).toMatchObject({ per_page: 100, last_page: 1, to: 38 });

    const beyond = await list('?page=9&per_page=5');
    expect(beyond.data).toEqual([]);
    expect(beyond.meta).toMatchObject({ current_page: 9, from: null, to: null, last_page: 8 });

    const badSort = await call(sim, token, 'GET', '/cgi-bin/v1/teams?sort=name');
    expect(badSort.status).toBe(422);
    expect(await badSort.json()).toEqual({ errors: { sort: [expect.any(String)] } });
  });

  it('serves the doc example team by id and 404s an unknown one in the doc wording', async () => {
    const res = await call(sim, token, 'GET', '/cgi-bin/v1/teams/17bc1d68daae11e9a58410e7c61c70fc');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: TeamResource }).data.attributes).toMatchObject({ code: 'k100001', name: '通过开放接口创建的K吧' });

    const missing = await call(sim, token, 'GET', '/cgi-bin/v1/teams/fab2ec5eefef11e99cb65254009b5a66');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ errors: { detail: '不存在ID为`fab2ec5eefef11e99cb65254009b5a66`的team资源' } });
  });

  it('creates a team (201) with the next code, replaces its members on PATCH and hides it (204)', async () => {
    const created = await call(sim, token, 'POST', '/cgi-bin/v1/teams', {
      data: {
        type: 'team',
        attributes: { name: '通过开放接口创建的K吧 2', signature: '这是通过开放接口创建的K吧', type: 3, is_secret: true },
        relationships: { orgs: { data: [{ type: 'staff', id: 'ThreeZhang' }, { type: 'department', id: 1 }] } },
      },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toContain(JSON_API);
    const team = ((await created.json()) as { data: TeamResource }).data;
    expect(team).toMatchObject({
      type: 'team',
      attributes: { name: '通过开放接口创建的K吧 2', code: 'k100043', type: 3, is_secret: true, signature: '这是通过开放接口创建的K吧' },
    });
    expect(team.id).toMatch(/^[0-9a-f]{32}$/);
    expect((await list('')).data[0]?.id).toBe(team.id);

    // The doc's own PATCH example sends "type":"doc" and a lower-case userid.
    const patched = await call(sim, token, 'PATCH', `/cgi-bin/v1/teams/${team.id}`, {
      data: {
        type: 'doc',
        attributes: { name: '通过开放接口修改K吧' },
        relationships: { orgs: { data: [{ type: 'staff', id: 'threeZhang' }, { type: 'staff', id: 'FourLee' }, { type: 'contacttag', id: 2 }] } },
      },
    });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { data: TeamResource }).data.attributes).toMatchObject({
      name: '通过开放接口修改K吧',
      signature: '这是通过开放接口创建的K吧',
      code: 'k100043',
    });
    expect(teams.peek(team.id)?.orgs).toEqual([
      { type: 'staff', id: 'ThreeZhang' },
      { type: 'staff', id: 'FourLee' },
      { type: 'contacttag', id: 2 },
    ]);

    // A PATCH without orgs leaves the members alone.
    await call(sim, token, 'PATCH', `/cgi-bin/v1/teams/${team.id}`, { data: { type: 'team', attributes: { is_secret: false } } });
    expect(teams.peek(team.id)).toMatchObject({ isSecret: false, orgs: [{ id: 'ThreeZhang' }, { id: 'FourLee' }, { id: 2 }] });

    const hidden = await call(sim, token, 'DELETE', `/cgi-bin/v1/teams/${team.id}/hide`);
    expect(hidden.status).toBe(204);
    expect(await hidden.text()).toBe('');
    expect((await call(sim, token, 'GET', `/cgi-bin/v1/teams/${team.id}`)).status).toBe(404);
    expect((await list('?per_page=100')).data.map((t) => t.id)).not.toContain(team.id);
    expect((await call(sim, token, 'DELETE', `/cgi-bin/v1/teams/${team.id}/hide`)).status).toBe(404);
    expect(sim.requests.count('DELETE /cgi-bin/v1/teams/:team_id/hide')).toBe(2);
    expect(sim.requests.count('PATCH /cgi-bin/v1/teams/:team_id')).toBe(2);
  });

  it('refuses writes without x-staff-id or with an unknown staff member', async () => {
    const body = { data: { type: 'team', attributes: { name: 'No staff' } } };
    const missing = await call(sim, token, 'POST', '/cgi-bin/v1/teams', body, null);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ errors: { detail: '必须指定员工账号' } });

    const unknown = await call(sim, token, 'POST', '/cgi-bin/v1/teams', body, 'Nobody');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ errors: { detail: expect.stringContaining('Nobody') } });

    const hide = await call(sim, token, 'DELETE', '/cgi-bin/v1/teams/17bc1d68daae11e9a58410e7c61c70fc/hide', undefined, null);
    expect(hide.status).toBe(400);
    expect(teams.find('17bc1d68daae11e9a58410e7c61c70fc')).toBeDefined();
  });

  it('answers invalid input with 422 field-keyed errors', async () => {
    const noName = await call(sim, token, 'POST', '/cgi-bin/v1/teams', { data: { type: 'team', attributes: { type: 5 } } });
    expect(noName.status).toBe(422);
    expect(await noName.json()).toEqual({ errors: { name: [expect.any(String)], type: [expect.any(String)] } });

    const tooLong = await call(sim, token, 'POST', '/cgi-bin/v1/teams', { data: { type: 'team', attributes: { name: '长'.repeat(51) } } });
    expect(tooLong.status).toBe(422);
    expect(await tooLong.json()).toEqual({ errors: { name: [expect.any(String)] } });

    const badOrgs = await call(sim, token, 'PATCH', '/cgi-bin/v1/teams/17bc1d68daae11e9a58410e7c61c70fc', {
      data: { type: 'team', relationships: { orgs: { data: [{ type: 'group', id: 1 }, { type: 'staff', id: 'Ghost' }] } } },
    });
    expect(badOrgs.status).toBe(422);
    expect(await badOrgs.json()).toEqual({ errors: { orgs: [expect.any(String), expect.any(String)] } });

    const missingTeam = await call(sim, token, 'PATCH', '/cgi-bin/v1/teams/00000000000000000000000000000000', { data: {} });
    expect(missingTeam.status).toBe(404);
    expect(await missingTeam.json()).toEqual({ errors: { detail: '不存在ID为`00000000000000000000000000000000`的team资源' } });
  });

  it('answers unknown routes with 404 and malformed JSON with 400', async () => {
    const unknown = await call(sim, token, 'GET', '/cgi-bin/v1/nothing');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ errors: { detail: expect.any(String) } });

    const malformed = await fetch(`${sim.url}/cgi-bin/v1/teams`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-staff-id': staffId, 'content-type': JSON_API },
      body: '{"data":',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ errors: { detail: expect.any(String) } });
  });
});

describe('Lexiang simulator without the single-team endpoint', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator('lexiang', (runtime) => createLexiangSimulator(runtime, { singleTeamEndpoint: false }));
  });
  afterAll(() => sim.close());

  it('answers GET /cgi-bin/v1/teams/{id} like an unknown route while PATCH still works', async () => {
    const token = await issueToken(sim);
    const id = '17bc1d68daae11e9a58410e7c61c70fc';
    const single = await call(sim, token, 'GET', `/cgi-bin/v1/teams/${id}`);
    const unknown = await call(sim, token, 'GET', '/cgi-bin/v1/nothing');
    expect(single.status).toBe(404);
    expect(await single.json()).toEqual(await unknown.json());
    expect(sim.requests.count('GET /cgi-bin/v1/teams/:team_id')).toBe(0);

    const patched = await call(sim, token, 'PATCH', `/cgi-bin/v1/teams/${id}`, { data: { type: 'team', attributes: { name: '改名' } } });
    expect(patched.status).toBe(200);
  });
});
