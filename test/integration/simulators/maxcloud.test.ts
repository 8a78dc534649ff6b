import { startSimulator, type RunningSimulator } from '../../../src/simulators/kit/index.js';
import {
  createMaxCloudStore, MAXCLOUD_PAGE_SIZE_MAX, MAXCLOUD_SEED_FIRST_CREATED_AT, MAXCLOUD_SEED_LAST_CREATED_AT, maxCloudDemoCredentials as creds,
  MaxCloudErrCode, parseChinaTime, withMaxCloudOptions, type MaxCloudStore, type MaxCloudTicket,
} from '../../../src/simulators/maxcloud/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

interface Envelope {
  status: number;
  err_code: number;
  request_id: string;
  message: string;
  data: Json;
  time: number;
}

interface CallOptions {
  token?: string | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  method?: string;
}

const SHARED = ['li.na@example.cn', 'john.smith@example.com', 'wang.lei@example.cn', 'demo@tessera.local'];
const LITERAL_LABEL = 'x OR company_id:2';
const QUOTED_LABEL = 'say "hi" \\ bye';

let store: MaxCloudStore;
let sim: RunningSimulator;
let token1: string;
let token2: string;

async function call(target: RunningSimulator, path: string, options: CallOptions = {}): Promise<{ status: number; body: Envelope }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...options.headers };
  if (options.token) headers.authorization = options.token;
  const response = await fetch(`${target.url}${path}`, {
    method: options.method ?? 'POST',
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  return { status: response.status, body: (await response.json()) as Envelope };
}

async function login(target: RunningSimulator, email: string = creds.email, password: string = creds.password): Promise<string> {
  const { body } = await call(target, '/api/login', { body: { email, password } });
  expect(body.status).toBe(200);
  return body.data.token as string;
}

async function switchTo(target: RunningSimulator, token: string, companyId: unknown) {
  return call(target, '/api/company/switch', { token, body: { company_id: companyId } });
}

async function search(token: string, body: Record<string, unknown>, target: RunningSimulator = sim) {
  return call(target, '/api/tickets/search', { token, body: { page: 1, page_size: 100, start_time: 1577808000000, end_time: 4102444800000, query: '', ...body } });
}

/** Every ticket a query finds, page by page. */
async function searchAll(token: string, query: string, pageSize = 100, extra: Record<string, unknown> = {}): Promise<MaxCloudTicket[]> {
  const seen: MaxCloudTicket[] = [];
  for (let page = 1; ; page++) {
    const { body } = await search(token, { query, page, page_size: pageSize, ...extra });
    expect(body.status).toBe(200);
    seen.push(...(body.data.tickets as MaxCloudTicket[]));
    if ((body.data.tickets as MaxCloudTicket[]).length < pageSize) return seen;
  }
}

const ids = (tickets: MaxCloudTicket[]) => tickets.map((t) => t.id).sort((a, b) => a - b);
const storeIds = (companyId: number, keep: (t: MaxCloudTicket) => boolean = () => true) => ids(store.tickets(companyId).filter(keep));

beforeAll(async () => {
  store = createMaxCloudStore();
  store.addTicket({ company_id: 1, subject: 'Label with syntax in it', created_at: '2026-06-01 10:00:00', labels: [LITERAL_LABEL], group_tag: 'ops' });
  store.addTicket({ company_id: 1, subject: 'Label x', created_at: '2026-06-01 10:00:01', labels: ['x'], group_tag: 'ops' });
  store.addTicket({ company_id: 1, subject: 'Label with quotes', created_at: '2026-06-01 10:00:02', labels: [QUOTED_LABEL], group_tag: 'ops' });
  sim = await startSimulator('maxcloud', withMaxCloudOptions({ store }));
  token1 = await login(sim);
  const switched = await switchTo(sim, token1, creds.otherCompanyId);
  token2 = switched.body.data.token as string;
});

afterAll(async () => {
  await sim.close();
});

describe('MaxCloud simulator: seed', () => {
  it('has at least 120 tickets in company 1 and 40 in company 2, created in the twelve months before November 2026', () => {
    expect(store.tickets(1).length).toBeGreaterThanOrEqual(120);
    expect(store.tickets(2).length).toBeGreaterThanOrEqual(40);
    for (const t of store.tickets()) {
      const created = parseChinaTime(t.created_at);
      if (t.subject.startsWith('Label')) continue;
      expect(created).toBeGreaterThanOrEqual(MAXCLOUD_SEED_FIRST_CREATED_AT);
      expect(created).toBeLessThanOrEqual(MAXCLOUD_SEED_LAST_CREATED_AT);
    }
  });

  it('is deterministic', () => {
    expect(createMaxCloudStore().tickets()).toEqual(createMaxCloudStore().tickets());
  });

  it('puts the people shared with Zammad and Dreamreflex on tickets of both companies, in every role', () => {
    for (const company of [1, 2]) {
      const tickets = store.tickets(company);
      for (const email of SHARED) {
        expect(tickets.filter((t) => t.created_by === email).length).toBeGreaterThanOrEqual(2);
        expect(tickets.filter((t) => t.assigned_to === email).length).toBeGreaterThanOrEqual(2);
        expect(tickets.filter((t) => t.notification_list.includes(email)).length).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('has tickets created in the same second', () => {
    const seconds = store.tickets(1).map((t) => t.created_at);
    expect(new Set(seconds).size).toBeLessThan(seconds.length);
  });
});

describe('MaxCloud simulator: login', () => {
  it('answers the documented envelope and data', async () => {
    const before = Math.floor(sim.clock.now() / 1000);
    const { status, body } = await call(sim, '/api/login', { body: { email: creds.email, password: creds.password } });
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 200, err_code: 0, request_id: expect.stringMatching(/^[0-9a-f]{32}$/), message: 'success', time: expect.any(Number),
      data: {
        id: creds.userId, group_admin: 1, admin: 2, change_password: 0, token: expect.any(String), email: creds.email,
        company: { id: 1, name: 'DefaultTeam', created_at: '2011-10-09 12:01:34' },
        all_company: [
          { id: 1, name: 'DefaultTeam', created_at: '2011-10-09 12:01:34' },
          { id: 2, name: 'AnotherTeam', created_at: '2011-10-09 16:11:31' },
        ],
      },
    });
    expect(body.time).toBeGreaterThanOrEqual(before);
    expect(body.time).toBeLessThanOrEqual(before + 2);
  });

  it('reads the e-mail case-insensitively', async () => {
    const { body } = await call(sim, '/api/login', { body: { email: creds.email.toUpperCase(), password: creds.password } });
    expect(body.status).toBe(200);
  });

  it('answers a wrong password, and an unknown e-mail alike, in the envelope under HTTP 200', async () => {
    for (const body of [{ email: creds.email, password: 'nope' }, { email: 'nobody@spotmax.example', password: creds.password }]) {
      const answer = await call(sim, '/api/login', { body });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        status: 400, err_code: MaxCloudErrCode.wrongCredentials, request_id: expect.stringMatching(/^[0-9a-f]{32}$/), message: '用户名或密码错误', data: null, time: expect.any(Number),
      });
    }
  });

  it('refuses a login body without a password as a bad request', async () => {
    const { status, body } = await call(sim, '/api/login', { body: { email: creds.email } });
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 400, err_code: 10400, data: null });
  });

  it('refuses a body that is not JSON as a bad request', async () => {
    const { status, body } = await call(sim, '/api/login', { rawBody: '{"email":' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 400, err_code: 10400 });
  });

  it('reads the body as JSON even without a JSON Content-Type, as the doc’s curl sends it', async () => {
    const { body } = await call(sim, '/api/login', {
      rawBody: JSON.stringify({ email: creds.email, password: creds.password }), headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(body.status).toBe(200);
  });
});

describe('MaxCloud simulator: company switch and scoping', () => {
  it('answers a new token scoped to the other company', async () => {
    const { status, body } = await switchTo(sim, token1, 2);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 200, err_code: 0, message: 'success' });
    expect(body.data).toEqual({
      token: expect.any(String), email: creds.email,
      company: { id: 2, name: 'AnotherTeam', created_at: '2011-10-09 16:11:31' },
      all_company: [
        { id: 1, name: 'DefaultTeam', created_at: '2011-10-09 12:01:34' },
        { id: 2, name: 'AnotherTeam', created_at: '2011-10-09 16:11:31' },
      ],
    });
    expect(body.data.token).not.toBe(token1);
  });

  it('a company-1 token sees every company-1 ticket and none of company 2', async () => {
    const tickets = await searchAll(token1, '');
    expect(tickets.every((t) => t.company_id === 1)).toBe(true);
    expect(ids(tickets)).toEqual(storeIds(1));
  });

  it('a company-2 token sees every company-2 ticket and none of company 1', async () => {
    const tickets = await searchAll(token2, '');
    expect(tickets.every((t) => t.company_id === 2)).toBe(true);
    expect(ids(tickets)).toEqual(storeIds(2));
  });

  it('answers search_scope "0:company"', async () => {
    const { body } = await search(token1, {});
    expect(body.data.search_scope).toBe('0:company');
  });

  it('keeps the earlier token valid and scoped to its own company after a switch', async () => {
    const { body } = await search(token1, { query: 'company_id:1' });
    expect(body.data.total).toBe(store.tickets(1).length);
  });

  it('lets company_id: narrow within the token’s company but never widen it', async () => {
    expect((await search(token1, { query: 'company_id:2' })).body.data.total).toBe(0);
    expect((await search(token1, { query: 'company_id:2 OR company_id:1' })).body.data.total).toBe(store.tickets(1).length);
    expect((await search(token2, { query: 'company_id:1' })).body.data.total).toBe(0);
  });

  it('refuses a switch to a company the user is not in, with status 403 under HTTP 200', async () => {
    const { status, body } = await switchTo(sim, token1, creds.foreignCompanyId);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 403, err_code: MaxCloudErrCode.forbidden, data: null });
    expect((await switchTo(sim, token1, 999)).body).toMatchObject({ status: 403, err_code: 10403 });
  });

  it('refuses the single-company user a switch to company 2', async () => {
    const other = await login(sim, creds.otherEmail, creds.otherPassword);
    expect((await switchTo(sim, other, 2)).body).toMatchObject({ status: 403, err_code: 10403 });
    const { body } = await call(sim, '/api/login', { body: { email: creds.otherEmail, password: creds.otherPassword } });
    expect(body.data.all_company).toEqual([{ id: 1, name: 'DefaultTeam', created_at: '2011-10-09 12:01:34' }]);
  });

  it('refuses a company_id that is not an integer', async () => {
    expect((await switchTo(sim, token1, '2')).body).toMatchObject({ status: 400, err_code: 10400 });
    expect((await call(sim, '/api/company/switch', { token: token1, body: {} })).body).toMatchObject({ status: 400, err_code: 10400 });
  });
});

describe('MaxCloud simulator: tokens', () => {
  it('refuses a missing, unknown or Bearer-prefixed token with HTTP 401', async () => {
    for (const token of [null, 'not-a-token', `Bearer ${token1}`]) {
      const { status, body } = await search(token as string, {});
      expect(status).toBe(401);
      expect(body).toMatchObject({ status: 401, err_code: MaxCloudErrCode.unauthorized, message: 'token invalid or expired', data: null });
    }
    expect((await switchTo(sim, `Bearer ${token1}`, 2)).status).toBe(401);
  });

  it('expires tokens after the configured lifetime on the simulator clock', async () => {
    const short = await startSimulator('maxcloud', withMaxCloudOptions({ tokenLifetimeSeconds: 60 }));
    try {
      const token = await login(short);
      short.clock.advance(30_000);
      const switched = (await switchTo(short, token, 2)).body.data.token as string;
      short.clock.advance(29_000);
      expect((await search(token, {}, short)).body.status).toBe(200);
      short.clock.advance(1_000);
      const expired = await search(token, {}, short);
      expect(expired.status).toBe(401);
      expect(expired.body).toMatchObject({ status: 401, err_code: 10401 });
      // The switched token was issued 30 s later: it lives 30 s longer.
      expect((await search(switched, {}, short)).body.status).toBe(200);
      short.clock.advance(30_000);
      expect((await search(switched, {}, short)).status).toBe(401);
      expect((await login(short)).length).toBeGreaterThan(0);
    } finally {
      await short.close();
    }
  });

  it('stamps `time` from the simulator clock', async () => {
    const shifted = await startSimulator('maxcloud', withMaxCloudOptions({}));
    try {
      shifted.clock.advance(10 * 86_400_000);
      const { body } = await call(shifted, '/api/login', { body: { email: creds.email, password: creds.password } });
      expect(body.time).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 10 * 86_400 - 2);
    } finally {
      await shifted.close();
    }
  });
});

describe('MaxCloud simulator: search paging and order', () => {
  it('pages newest first, ties by id descending, with no repeats and the total on every page', async () => {
    const seen: MaxCloudTicket[] = [];
    for (let page = 1; ; page++) {
      const { body } = await search(token1, { page, page_size: 7 });
      expect(body.data).toMatchObject({ total: store.tickets(1).length, page, page_size: 7 });
      seen.push(...(body.data.tickets as MaxCloudTicket[]));
      if ((body.data.tickets as MaxCloudTicket[]).length < 7) break;
    }
    expect(seen).toHaveLength(store.tickets(1).length);
    expect(new Set(seen.map((t) => t.id)).size).toBe(seen.length);
    let ties = 0;
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      const ta = parseChinaTime(a.created_at);
      const tb = parseChinaTime(b.created_at);
      expect(ta).toBeGreaterThanOrEqual(tb);
      if (ta === tb) {
        ties++;
        expect(a.id).toBeGreaterThan(b.id);
      }
    }
    expect(ties).toBeGreaterThan(0);
  });

  it('answers an empty page past the end, with the total', async () => {
    const { body } = await search(token1, { page: 99, page_size: 50 });
    expect(body.data).toMatchObject({ total: store.tickets(1).length, page: 99, page_size: 50, tickets: [] });
  });

  it('clamps page_size to the maximum and says so', async () => {
    const { body } = await search(token1, { page_size: 1000 });
    expect(body.status).toBe(200);
    expect(body.data.page_size).toBe(MAXCLOUD_PAGE_SIZE_MAX);
    expect(body.data.tickets).toHaveLength(MAXCLOUD_PAGE_SIZE_MAX);
    const second = await search(token1, { page: 2, page_size: 1000 });
    expect(second.body.data.tickets[0].id).toBe(store.tickets(1)[MAXCLOUD_PAGE_SIZE_MAX]!.id);
  });

  it('clamps to a configured maximum', async () => {
    const small = await startSimulator('maxcloud', withMaxCloudOptions({ pageSizeMax: 25 }));
    try {
      const { body } = await search(await login(small), { page_size: 30 }, small);
      expect(body.data.page_size).toBe(25);
      expect(body.data.tickets).toHaveLength(25);
    } finally {
      await small.close();
    }
  });

  it('renders tickets with the documented fields, times as China time without a zone', async () => {
    const { body } = await search(token1, { page_size: 1 });
    const [ticket] = body.data.tickets as MaxCloudTicket[];
    expect(Object.keys(ticket!)).toEqual([
      'id', 'company_id', 'team_id', 'team_name', 'created_by', 'assigned_to', 'updated_by', 'state', 'priority', 'root_cause', 'subject',
      'content_type', 'content', 'comment_count', 'notification_list', 'created_at', 'updated_at', 'resources', 'tips', 'group_tag', 'labels',
    ]);
    expect(ticket!.created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const docExample = store.tickets(1).find((t) => t.subject === 'pod event warn 需要解决' && t.created_at === '2026-10-28 16:34:54');
    expect(docExample).toMatchObject({ state: 'open', priority: 2, team_id: 1, team_name: '', comment_count: 5, resources: null, updated_at: '2026-10-28 16:37:43' });
  });

  it.each([
    [{ page: 0 }], [{ page_size: 0 }], [{ page_size: '10' }], [{ page: 1.5 }], [{ start_time: '1577808000000' }], [{ query: 5 }],
  ])('refuses %j as a bad request under HTTP 200', async (params) => {
    const { status, body } = await search(token1, params);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 400, err_code: 10400, data: null });
  });

  it('defaults missing page, page_size, times and query', async () => {
    const { body } = await call(sim, '/api/tickets/search', { token: token1, body: {} });
    expect(body.data).toMatchObject({ total: store.tickets(1).length, page: 1, page_size: 20 });
  });
});

describe('MaxCloud simulator: search time range', () => {
  it('bounds created_at, both ends inclusive, reading created_at as UTC+8', async () => {
    const example = store.tickets(1).find((t) => t.created_at === '2026-10-28 16:34:54')!;
    const at = Date.parse('2026-10-28T16:34:54+08:00');
    expect((await search(token1, { start_time: at, end_time: at })).body.data.tickets.map((t: MaxCloudTicket) => t.id)).toEqual([example.id]);
    expect((await search(token1, { start_time: at + 1, end_time: at + 1000 })).body.data.total).toBe(0);
    // Read as UTC it would be eight hours later: nothing there.
    expect((await search(token1, { start_time: Date.parse('2026-10-28T16:34:54Z'), end_time: Date.parse('2026-10-28T16:34:54Z') })).body.data.total).toBe(0);
  });

  it('finds exactly the tickets created in a month', async () => {
    const from = Date.parse('2026-03-01T00:00:00+08:00');
    const to = Date.parse('2026-03-31T23:59:59+08:00');
    const found = await searchAll(token1, '', 100, { start_time: from, end_time: to });
    const expected = storeIds(1, (t) => t.created_at >= '2026-03-01 00:00:00' && t.created_at <= '2026-03-31 23:59:59');
    expect(expected.length).toBeGreaterThan(3);
    expect(ids(found)).toEqual(expected);
  });

  it('finds nothing when the start is after the end', async () => {
    expect((await search(token1, { start_time: 1_800_000_000_000, end_time: 1_700_000_000_000 })).body.data.total).toBe(0);
  });
});

describe('MaxCloud simulator: search query', () => {
  const fold = (s: string) => s.toLowerCase();

  it('field:value', async () => {
    expect(ids(await searchAll(token1, 'state:open'))).toEqual(storeIds(1, (t) => t.state === 'open'));
    expect(ids(await searchAll(token1, 'priority:4'))).toEqual(storeIds(1, (t) => t.priority === 4));
    expect(ids(await searchAll(token1, 'labels:日志bug'))).toEqual(storeIds(1, (t) => t.labels.includes('日志bug')));
    expect(ids(await searchAll(token1, 'created_by:li.na@example.cn'))).toEqual(storeIds(1, (t) => t.created_by === 'li.na@example.cn'));
    expect(storeIds(1, (t) => t.created_by === 'li.na@example.cn').length).toBeGreaterThan(1);
  });

  it('ignores ASCII case in field values', async () => {
    expect(ids(await searchAll(token1, 'group_tag:MTG AND state:Open'))).toEqual(storeIds(1, (t) => t.group_tag === 'mtg' && t.state === 'open'));
  });

  it('runs the doc’s example queries', async () => {
    const mtgOpen = await searchAll(token1, 'group_tag:mtg AND state:open');
    expect(mtgOpen.length).toBeGreaterThan(0);
    expect(ids(mtgOpen)).toEqual(storeIds(1, (t) => t.group_tag === 'mtg' && t.state === 'open'));
    const logBugs = await searchAll(token1, 'group_tag:mtg AND labels:日志bug AND state:open');
    expect(logBugs.length).toBeGreaterThan(0);
    expect(ids(logBugs)).toEqual(storeIds(1, (t) => t.group_tag === 'mtg' && t.state === 'open' && t.labels.includes('日志bug')));
  });

  it('OR, with AND binding tighter', async () => {
    expect(ids(await searchAll(token1, 'state:new OR state:pending'))).toEqual(storeIds(1, (t) => t.state === 'new' || t.state === 'pending'));
    expect(ids(await searchAll(token1, 'state:new OR state:pending AND priority:4'))).toEqual(
      storeIds(1, (t) => t.state === 'new' || (t.state === 'pending' && t.priority === 4)),
    );
  });

  it('parentheses', async () => {
    const found = await searchAll(token1, '(state:new OR state:pending) AND priority:4');
    expect(ids(found)).toEqual(storeIds(1, (t) => (t.state === 'new' || t.state === 'pending') && t.priority === 4));
    expect(ids(found)).not.toEqual(ids(await searchAll(token1, 'state:new OR state:pending AND priority:4')));
  });

  it('quoted values with \\" and \\\\ escapes', async () => {
    const found = await searchAll(token1, 'labels:"say \\"hi\\" \\\\ bye"');
    expect(found.map((t) => t.labels)).toEqual([[QUOTED_LABEL]]);
    expect(ids(await searchAll(token1, 'team_name:"平台组"'))).toEqual(storeIds(1, (t) => t.team_name === '平台组'));
  });

  it('free text over subject and content, case-insensitive', async () => {
    const slow = await searchAll(token1, '慢查询');
    expect(slow.length).toBeGreaterThan(0);
    expect(ids(slow)).toEqual(storeIds(1, (t) => t.subject.includes('慢查询') || t.content.includes('慢查询')));
    expect(ids(await searchAll(token1, 'SPOT'))).toEqual(storeIds(1, (t) => fold(t.subject).includes('spot') || fold(t.content).includes('spot')));
    expect(ids(await searchAll(token1, '"pod event warn"'))).toEqual(storeIds(1, (t) => t.subject.includes('pod event warn') || t.content.includes('pod event warn')));
    expect(ids(await searchAll(token1, 'spot AND state:closed'))).toEqual(
      storeIds(1, (t) => (fold(t.subject).includes('spot') || fold(t.content).includes('spot')) && t.state === 'closed'),
    );
  });

  it('matches a label literally: operators and fields inside quotes are not syntax', async () => {
    const found = await searchAll(token1, `labels:"${LITERAL_LABEL}"`);
    expect(found.map((t) => t.labels)).toEqual([[LITERAL_LABEL]]);
    expect((await searchAll(token2, `labels:"${LITERAL_LABEL}"`))).toEqual([]);
  });

  it('answers a syntax error in the envelope under HTTP 200', async () => {
    for (const query of ['state:open AND', '(state:open', 'foo:bar', 'NOT state:open', 'labels:"open']) {
      const { status, body } = await search(token1, { query });
      expect(status).toBe(200);
      expect(body).toMatchObject({ status: 400, err_code: MaxCloudErrCode.badRequest, data: null });
      expect(body.message).toMatch(/^query syntax error: .+ at position \d+$/);
    }
  });
});

describe('MaxCloud simulator: routes', () => {
  it('answers an unknown route with 404 in the envelope', async () => {
    const { status, body } = await call(sim, '/api/tickets/list', { token: token1, body: {} });
    expect(status).toBe(404);
    expect(body).toMatchObject({ status: 404, err_code: MaxCloudErrCode.notFound, data: null, request_id: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  it('serves the documented routes only with POST', async () => {
    const { status, body } = await call(sim, '/api/tickets/search', { token: token1, method: 'GET' });
    expect(status).toBe(404);
    expect(body).toMatchObject({ status: 404, err_code: 10404 });
  });
});
