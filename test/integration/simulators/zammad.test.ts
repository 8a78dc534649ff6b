import { startSimulator, type RunningSimulator } from '../../../src/simulators/kit/index.js';
import {
  createZammadStore, SEARCH_PER_PAGE_DEFAULT, SEARCH_PER_PAGE_MAX, TICKETS_PER_PAGE_MAX, withZammadOptions, zammadDemoCredentials as creds, zammadSeedIds as ids,
  type TicketRecord, type ZammadStore,
} from '../../../src/simulators/zammad/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

interface CallOptions {
  auth?: string | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

const token = (t: string) => `Token token=${t}`;
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const bearer = (t: string) => `Bearer ${t}`;
const ADMIN = token(creds.adminToken);
const AGENT = token(creds.agentToken);
const OTHER_AGENT = token(creds.otherAgentToken);
const CUSTOMER = token(creds.customerToken);
const SHARED_CUSTOMER = token(creds.sharedCustomerToken);

async function call(sim: RunningSimulator, method: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...options.headers };
  const auth = options.auth === undefined ? ADMIN : options.auth;
  if (auth !== null) headers.Authorization = auth;
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  let body: Json = text;
  try {
    body = text === '' ? '' : JSON.parse(text);
  } catch {
    // raw bytes (attachments)
  }
  return { status: response.status, body, headers: response.headers, text };
}

let store: ZammadStore;
let sim: RunningSimulator;
const get = (path: string, auth?: string | null, headers?: Record<string, string>) => call(sim, 'GET', path, { auth, headers });

/** Every ticket id a caller can page through on GET /tickets. */
async function listAll(auth: string): Promise<number[]> {
  const seen: number[] = [];
  for (let page = 1; ; page++) {
    const { body } = await get(`/api/v1/tickets?page=${page}&per_page=100`, auth);
    seen.push(...(body as Json[]).map((t) => t.id as number));
    if ((body as Json[]).length < 100) return seen;
  }
}

/** Every id a search returns, page by page. */
async function searchAll(query: string, extra: string, auth: string, perPage = 50): Promise<number[]> {
  const seen: number[] = [];
  for (let page = 1; ; page++) {
    const { body } = await get(`/api/v1/tickets/search?query=${encodeURIComponent(query)}&per_page=${perPage}&page=${page}${extra}`, auth);
    seen.push(...(body.tickets as number[]));
    if ((body.tickets as number[]).length < perPage) return seen;
  }
}

const idsOf = (tickets: TicketRecord[]) => tickets.map((t) => t.id);

beforeAll(async () => {
  store = createZammadStore();
  sim = await startSimulator('zammad', withZammadOptions({ store }));
});

afterAll(async () => {
  await sim.close();
});

describe('Zammad simulator: authentication', () => {
  it('accepts `Token token=…`, a bare `Token …`, Basic with login or e-mail, and OAuth2 bearers', async () => {
    expect((await get('/api/v1/users/me', token(creds.agentToken))).body.id).toBe(ids.agent);
    expect((await get('/api/v1/users/me', `Token ${creds.agentToken}`)).body.id).toBe(ids.agent);
    expect((await get('/api/v1/users/me', `Token token="${creds.agentToken}"`)).body.id).toBe(ids.agent);
    expect((await get('/api/v1/users/me', basic(creds.adminLogin, creds.adminPassword))).body.id).toBe(ids.admin);
    expect((await get('/api/v1/users/me', basic(creds.adminEmail, creds.adminPassword))).body.id).toBe(ids.admin);
    expect((await get('/api/v1/users/me', bearer(creds.oauthToken))).body).toMatchObject({ id: ids.admin, login: creds.adminLogin });
  });

  it('answers missing credentials with 403 "Authentication required"', async () => {
    const { status, body, headers } = await get('/api/v1/tickets', null);
    expect(status).toBe(403);
    expect(body).toEqual({ error: 'Authentication required', error_human: 'Authentication required' });
    expect(headers.get('x-failure')).toBe('Authentication required');
  });

  it('answers wrong credentials with 401 and the scheme-specific reason', async () => {
    expect(await get('/api/v1/users/me', basic(creds.adminLogin, 'wrong'))).toMatchObject({
      status: 401, body: { error: 'Invalid BasicAuth credentials', error_human: 'Invalid BasicAuth credentials' },
    });
    expect(await get('/api/v1/users/me', token('nope'))).toMatchObject({ status: 401, body: { error: "Can't find User for Token" } });
    expect(await get('/api/v1/users/me', bearer('nope'))).toMatchObject({ status: 401, body: { error: 'The provided token is invalid.' } });
  });

  it('switches token access off through the settings API (Basic still works, bearers are refused too)', async () => {
    const local = await startSimulator('zammad', withZammadOptions({}));
    try {
      const adminBasic = basic(creds.adminLogin, creds.adminPassword);
      const settings = await call(local, 'GET', '/api/v1/settings', { auth: adminBasic });
      const setting = (settings.body as Json[]).find((s) => s.name === 'api_token_access');
      expect(setting).toMatchObject({ state_current: { value: true } });
      const put = await call(local, 'PUT', `/api/v1/settings/${setting.id}`, { auth: adminBasic, body: { state_current: { value: false } } });
      expect(put.body).toMatchObject({ name: 'api_token_access', state_current: { value: false } });

      expect(await call(local, 'GET', '/api/v1/users/me', { auth: AGENT })).toMatchObject({
        status: 403, body: { error: 'API token access disabled!', error_human: 'API token access disabled!' },
      });
      expect((await call(local, 'GET', '/api/v1/users/me', { auth: bearer(creds.oauthToken) })).status).toBe(403);
      expect((await call(local, 'GET', '/api/v1/users/me', { auth: adminBasic })).status).toBe(200);
    } finally {
      await local.close();
    }
  });

  it('takes preset settings from the options: password access off → 403', async () => {
    const local = await startSimulator('zammad', withZammadOptions({ settings: { api_password_access: false } }));
    try {
      expect(await call(local, 'GET', '/api/v1/users/me', { auth: basic(creds.adminLogin, creds.adminPassword) })).toMatchObject({
        status: 403, body: { error: 'API password access disabled!' },
      });
      expect((await call(local, 'GET', '/api/v1/users/me', { auth: ADMIN })).status).toBe(200);
    } finally {
      await local.close();
    }
  });

  it('lets only admins read and change settings', async () => {
    expect(await get('/api/v1/settings', AGENT)).toMatchObject({ status: 403, body: { error: 'Not authorized' } });
  });
});

describe('Zammad simulator: acting for another user (From)', () => {
  it('switches an admin to the user named by id, login or e-mail', async () => {
    expect((await get('/api/v1/users/me', ADMIN, { From: creds.customerEmail })).body.id).toBe(ids.customer);
    expect((await get('/api/v1/users/me', ADMIN, { From: String(ids.sharedCustomer) })).body.id).toBe(ids.sharedCustomer);
    expect((await get('/api/v1/users/me', ADMIN, { From: creds.adminOnlyEmail.toUpperCase() })).body.id).toBe(ids.adminOnly);
    expect((await get('/api/v1/users/me', ADMIN, { 'X-On-Behalf-Of': creds.customerEmail })).body.id).toBe(ids.customer);
    expect((await get('/api/v1/users/me', ADMIN, { From: creds.agentEmail, 'X-On-Behalf-Of': creds.customerEmail })).body.id).toBe(ids.agent);
  });

  it("checks every permission as the target user's", async () => {
    const { body } = await get('/api/v1/tickets?per_page=100', ADMIN, { From: creds.customerEmail });
    expect((body as Json[]).map((t) => t.id)).toEqual(idsOf(store.tickets().filter((t) => t.customer_id === ids.customer)));
    expect((await call(sim, 'DELETE', '/api/v1/tickets/1', { headers: { From: creds.agentEmail } })).status).toBe(403);
  });

  it('refuses From for agents and for unknown users with 403', async () => {
    expect(await get('/api/v1/users/me', AGENT, { From: creds.customerEmail })).toMatchObject({
      status: 403, body: { error: "Current user has no permission to use 'From'/'X-On-Behalf-Of'!" },
    });
    expect(await get('/api/v1/users/me', ADMIN, { From: 'nobody@example.com' })).toMatchObject({
      status: 403, body: { error: "No such user 'nobody@example.com'", error_human: "No such user 'nobody@example.com'" },
    });
  });
});

describe('Zammad simulator: who sees which ticket', () => {
  it('shows agents the tickets of their groups (read access included)', async () => {
    const seen = await listAll(AGENT);
    expect(seen).toEqual(idsOf(store.tickets().filter((t) => [1, 2, 3].includes(t.group_id))));
    const other = await listAll(OTHER_AGENT);
    expect(other).toEqual(idsOf(store.tickets().filter((t) => t.group_id === ids.groups.billing || t.group_id === ids.groups.sales)));
  });

  it('shows a customer of an unshared organization only their own tickets', async () => {
    const seen = await listAll(CUSTOMER);
    expect(seen.length).toBeGreaterThan(3);
    expect(seen).toEqual(idsOf(store.tickets().filter((t) => t.customer_id === ids.customer)));
  });

  it("shows a customer of a shared organization the organization's tickets", async () => {
    const seen = await listAll(SHARED_CUSTOMER);
    const expected = store.tickets().filter((t) => t.organization_id === ids.organizations.xinghe || t.customer_id === ids.sharedCustomer);
    expect(seen).toEqual(idsOf(expected));
    expect(expected.some((t) => t.customer_id === ids.liNa)).toBe(true);
  });

  it('shows an admin without the Agent role no tickets', async () => {
    expect((await get('/api/v1/tickets', token(creds.adminOnlyToken))).body).toEqual([]);
  });

  it('answers 403 for a hidden ticket and 404 for a missing one', async () => {
    const hidden = store.tickets().find((t) => t.customer_id !== ids.customer)!;
    expect(await get(`/api/v1/tickets/${hidden.id}`, CUSTOMER)).toMatchObject({ status: 403, body: { error: 'Not authorized', error_human: 'Not authorized' } });
    expect(await get('/api/v1/tickets/999999', CUSTOMER)).toMatchObject({
      status: 404, body: { error: "Couldn't find Ticket with 'id'=999999", error_human: "Couldn't find Ticket with 'id'=999999" },
    });
  });

  it('hides internal articles from customers but not from agents', async () => {
    const ticket = store.tickets().find((t) => t.customer_id === ids.customer && store.articlesOf(t.id).some((a) => a.internal))!;
    const all = store.articlesOf(ticket.id);
    const asCustomer = await get(`/api/v1/ticket_articles/by_ticket/${ticket.id}`, CUSTOMER);
    expect((asCustomer.body as Json[]).map((a) => a.id)).toEqual(all.filter((a) => !a.internal).map((a) => a.id));
    const asAdmin = await get(`/api/v1/ticket_articles/by_ticket/${ticket.id}`);
    expect((asAdmin.body as Json[]).map((a) => a.id)).toEqual(all.map((a) => a.id));
    const internal = all.find((a) => a.internal)!;
    expect((await get(`/api/v1/ticket_articles/${internal.id}`, CUSTOMER)).status).toBe(403);
  });

  it('lets only admins delete tickets; Zammad answers 200 with no body', async () => {
    const ticket = store.tickets().find((t) => t.group_id === ids.groups.users)!;
    expect(await call(sim, 'DELETE', `/api/v1/tickets/${ticket.id}`, { auth: AGENT })).toMatchObject({ status: 403, body: { error: 'Not authorized' } });
    const deleted = await call(sim, 'DELETE', `/api/v1/tickets/${ticket.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.text).toBe('');
    expect((await get(`/api/v1/tickets/${ticket.id}`)).status).toBe(404);
    expect(store.ticket(ticket.id)).toBeUndefined();
  });
});

describe('Zammad simulator: listing and paging', () => {
  it('caps GET /tickets at 100 per page, accepts limit, and always sorts by id ascending', async () => {
    const first = await get('/api/v1/tickets?per_page=1000&sort_by=created_at&order_by=desc&with_total_count=true');
    expect(Array.isArray(first.body)).toBe(true);
    expect(first.body).toHaveLength(TICKETS_PER_PAGE_MAX);
    const firstIds = (first.body as Json[]).map((t) => t.id as number);
    expect(firstIds).toEqual([...firstIds].sort((a, b) => a - b));
    const second = await get('/api/v1/tickets?page=2&limit=1000');
    const secondIds = (second.body as Json[]).map((t) => t.id as number);
    expect(secondIds[0]).toBeGreaterThan(firstIds.at(-1)!);
    expect(idsOf(store.tickets()).slice(0, 200)).toEqual([...firstIds, ...secondIds]);
  });

  it('renders the ticket fields Zammad renders, with string numbers and millisecond UTC times', async () => {
    const { body } = await get('/api/v1/tickets/2');
    expect(Object.keys(body).sort()).toEqual([
      'article_count', 'article_ids', 'close_at', 'create_article_sender_id', 'create_article_type_id', 'created_at', 'created_by_id', 'customer_id',
      'escalation_at', 'first_response_at', 'group_id', 'id', 'last_contact_at', 'note', 'number', 'organization_id', 'owner_id', 'pending_time',
      'priority_id', 'state_id', 'title', 'updated_at', 'updated_by_id',
    ]);
    expect(body.number).toBe('31002');
    expect(body.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(body.article_ids).toEqual(store.articlesOf(2).map((a) => a.id));
  });

  it('adds association names with expand=true', async () => {
    const ticket = store.tickets().find((t) => t.organization_id !== null && t.owner_id !== 1)!;
    const { body } = await get(`/api/v1/tickets/${ticket.id}?expand=true`);
    expect(body).toMatchObject({
      id: ticket.id,
      group: store.group(ticket.group_id)!.name,
      state: store.state(ticket.state_id)!.name,
      priority: store.priority(ticket.priority_id)!.name,
      owner: store.user(ticket.owner_id)!.login,
      customer: store.user(ticket.customer_id)!.login,
      organization: store.organization(ticket.organization_id!)!.name,
      created_by: store.user(ticket.created_by_id)!.login,
    });
    const unassigned = store.tickets().find((t) => t.owner_id === 1)!;
    expect((await get(`/api/v1/tickets/${unassigned.id}?expand=true`)).body.owner).toBe('-');
  });

  it('returns ticket, articles and assets with all=true', async () => {
    const { body } = await get('/api/v1/tickets/3?all=true');
    expect(body.ticket_id).toBe(3);
    expect(body.ticket_article_ids).toEqual(store.articlesOf(3).map((a) => a.id));
    expect(Object.keys(body.assets)).toEqual(expect.arrayContaining(['Ticket', 'User', 'TicketArticle', 'Group']));
    expect(body.tags).toEqual(store.tagsOf(3));
  });

  it('renders group_ids as a map of access levels and expands user names', async () => {
    const { body } = await get(`/api/v1/users/${ids.agent}?expand=true`);
    expect(body.group_ids).toEqual({ 1: ['full'], 2: ['full'], 3: ['read'] });
    expect(body).toMatchObject({ roles: ['Agent'], groups: { Users: ['full'], 'Support L1': ['full'], 'Support L2': ['read'] } });
  });

  it('shows customers only themselves on GET /users and refuses them user search', async () => {
    expect(((await get('/api/v1/users', CUSTOMER)).body as Json[]).map((u) => u.id)).toEqual([ids.customer]);
    expect((await get('/api/v1/users/search?query=smith', CUSTOMER)).status).toBe(403);
    expect((await get(`/api/v1/users/${ids.agent}`, CUSTOMER)).status).toBe(403);
    expect(((await get('/api/v1/organizations', CUSTOMER)).body as Json[]).map((o) => o.id)).toEqual([ids.organizations.acme]);
  });

  it('finds users by e-mail and the organization by name', async () => {
    const users = await get(`/api/v1/users/search?query=${encodeURIComponent('email:li.na@example.cn')}`, AGENT);
    expect((users.body as Json[]).map((u) => u.id)).toEqual([ids.liNa]);
    const orgs = await get(`/api/v1/organizations/search?query=${encodeURIComponent('Müller')}&expand=true`, AGENT);
    expect((orgs.body as Json[]).map((o) => o.name)).toEqual(['Müller Maschinenbau AG']);
  });
});

describe('Zammad simulator: ticket search', () => {
  it('defaults to 50 per page and caps at 200', async () => {
    expect((await get('/api/v1/tickets/search?query=*')).body.tickets).toHaveLength(SEARCH_PER_PAGE_DEFAULT);
    const capped = await get('/api/v1/tickets/search?query=*&per_page=1000');
    expect(capped.body.tickets).toHaveLength(SEARCH_PER_PAGE_MAX);
    expect(capped.body.tickets_count).toBe(SEARCH_PER_PAGE_MAX);
  });

  it('sorts by the requested column with ties broken by id, and pages without repeats', async () => {
    const seen = await searchAll('*', '&sort_by=created_at&order_by=asc', ADMIN);
    expect(new Set(seen).size).toBe(seen.length);
    const expected = [...store.tickets()].sort((a, b) => a.created_at - b.created_at || a.id - b.id);
    expect(seen).toEqual(idsOf(expected));
    // The seed has created_at ties, so the id tie-break is really exercised.
    expect(expected.some((t, i) => i > 0 && expected[i - 1]!.created_at === t.created_at)).toBe(true);
    const desc = await searchAll('*', '&sort_by=created_at&order_by=desc', ADMIN, 200);
    expect(desc).toEqual(idsOf([...store.tickets()].sort((a, b) => b.created_at - a.created_at || b.id - a.id)));
  });

  it('orders by updated_at descending without sort_by', async () => {
    const { body } = await get('/api/v1/tickets/search?query=*&per_page=20');
    expect(body.tickets).toEqual(idsOf([...store.tickets()].sort((a, b) => b.updated_at - a.updated_at || b.id - a.id)).slice(0, 20));
  });

  it('refuses sorting by a column the table does not have (500, masked for non-admins)', async () => {
    const asAgent = await get('/api/v1/tickets/search?query=*&sort_by=state.name', AGENT);
    expect(asAgent.status).toBe(500);
    expect(asAgent.body).toEqual({ error: expect.stringMatching(/^Error ID [\w-]+: Please contact your administrator\.$/) });
    expect((await get('/api/v1/tickets/search?query=*&sort_by=state.name')).body).toEqual({ error: "Found invalid column 'state.name' for sorting." });
  });

  it('matches escaped values literally, in both escaping styles', async () => {
    const [literal, plain] = store.tickets().filter((t) => t.group_id === ids.groups.supportL1);
    for (const [ticket, item] of [[literal!, 'x OR customer.email:*'], [plain!, 'x']] as const) {
      const added = await call(sim, 'POST', '/api/v1/tags/add', { body: { item, object: 'Ticket', o_id: ticket.id } });
      expect(added).toMatchObject({ status: 201, body: true });
    }
    for (const query of ['tags:x\\ OR\\ customer.email\\:*', 'tags:"x OR customer.email:*"', 'tags:x\\ OR\\ customer.email\\:\\*']) {
      const { body } = await get(`/api/v1/tickets/search?query=${encodeURIComponent(query)}`);
      expect(body.tickets).toEqual([literal!.id]);
    }
    // Unescaped, the same text is a boolean query that matches every ticket with a customer e-mail.
    const unescaped = await get(`/api/v1/tickets/search?query=${encodeURIComponent('tags:x OR customer.email:*')}&per_page=200`);
    expect(unescaped.body.tickets.length).toBe(200);
  });

  it('filters by inclusive and exclusive date ranges', async () => {
    const inRange = (from: number, to: number) => store.tickets().filter((t) => t.created_at >= from && t.created_at <= to);
    const june = inRange(Date.UTC(2025, 5, 1), Date.UTC(2025, 5, 30, 23, 59, 59, 999));
    expect(june.length).toBeGreaterThan(3);
    const seen = await searchAll('created_at:[2025-06-01 TO 2025-06-30]', '&sort_by=id&order_by=asc', ADMIN);
    expect(seen).toEqual(idsOf(june));
    const exclusive = await searchAll('created_at:{2025-06-01 TO 2025-06-30}', '&sort_by=id&order_by=asc', ADMIN);
    expect(exclusive).toEqual(idsOf(inRange(Date.UTC(2025, 5, 2), Date.UTC(2025, 5, 30) - 1)));
    const openEnded = await searchAll('created_at:[2026-10-01 TO *]', '&sort_by=id&order_by=asc', ADMIN);
    expect(openEnded).toEqual(idsOf(store.tickets().filter((t) => t.created_at >= Date.UTC(2026, 9, 1))));
  });

  it('combines AND, OR, NOT and parentheses', async () => {
    const query = 'state.name:(open OR new) AND NOT group.name:"Support L1"';
    const seen = await searchAll(query, '&sort_by=id&order_by=asc', ADMIN);
    const expected = store.tickets().filter((t) => [1, 2].includes(t.state_id) && t.group_id !== ids.groups.supportL1);
    expect(seen).toEqual(idsOf(expected));
    const either = await searchAll('(tags:invoice OR tags:vpn) AND priority.name:"3 high"', '&sort_by=id&order_by=asc', ADMIN);
    expect(either).toEqual(idsOf(store.tickets().filter((t) => (t.tags.includes('invoice') || t.tags.includes('vpn')) && t.priority_id === 3)));
    const byCustomer = await searchAll(`customer.email:${creds.customerEmail} AND -state.name:closed`, '&sort_by=id&order_by=asc', ADMIN);
    expect(byCustomer).toEqual(idsOf(store.tickets().filter((t) => t.customer_id === ids.customer && t.state_id !== 4)));
  });

  it('matches numbers with wildcards and bare words as prefixes', async () => {
    expect((await searchAll('number:3110?', '&sort_by=id&order_by=asc', ADMIN))).toEqual(
      idsOf(store.tickets().filter((t) => /^3110\d$/.test(t.number))),
    );
    const words = await searchAll('printe', '&sort_by=id&order_by=asc', ADMIN);
    expect(words.length).toBeGreaterThan(0);
    for (const id of words) {
      const ticket = store.ticket(id)!;
      expect(JSON.stringify([ticket.title, ticket.tags, store.articlesOf(id).map((a) => [a.subject, a.body])]).toLowerCase()).toContain('printe');
    }
  });

  it('respects visibility in search', async () => {
    const seen = await searchAll('*', '&sort_by=id&order_by=asc', CUSTOMER);
    expect(seen).toEqual(idsOf(store.tickets().filter((t) => t.customer_id === ids.customer)));
  });

  it('answers a query Elasticsearch would refuse with an empty result, as Zammad does', async () => {
    const { status, body } = await get(`/api/v1/tickets/search?query=${encodeURIComponent('state.name:(open')}`);
    expect(status).toBe(200);
    expect(body).toEqual({ tickets: [], tickets_count: 0, assets: {} });
  });

  it('answers with_total_count (newer Zammad) in both shapes, and POST works like GET', async () => {
    const expanded = await get('/api/v1/tickets/search?query=state.name:open&expand=true&with_total_count=true&per_page=5');
    const openCount = store.tickets().filter((t) => t.state_id === 2).length;
    expect(expanded.body).toEqual({ records: expect.any(Array), total_count: openCount });
    expect(expanded.body.records).toHaveLength(5);
    expect(expanded.body.records[0]).toMatchObject({ state: 'open', group: expect.any(String) });
    const plain = await call(sim, 'POST', '/api/v1/tickets/search', { body: { query: 'state.name:open', with_total_count: true, per_page: 5 } });
    expect(Object.keys(plain.body)).toEqual(['tickets', 'tickets_count', 'total_count', 'assets']);
    expect(plain.body).toMatchObject({ tickets_count: 5, total_count: openCount });
    expect(Object.keys(plain.body.assets.Ticket).map(Number).sort()).toEqual([...plain.body.tickets].sort());
  });

  it('ignores with_total_count when configured as an older version', async () => {
    const old = await startSimulator('zammad', withZammadOptions({ ticketSearchTotalCount: false }));
    try {
      const expanded = await call(old, 'GET', '/api/v1/tickets/search?query=*&expand=true&with_total_count=true&per_page=3');
      expect(Array.isArray(expanded.body)).toBe(true);
      expect(expanded.body).toHaveLength(3);
      const plain = await call(old, 'GET', '/api/v1/tickets/search?query=*&with_total_count=true&per_page=3');
      expect(Object.keys(plain.body)).toEqual(['tickets', 'tickets_count', 'assets']);
    } finally {
      await old.close();
    }
  });
});

describe('Zammad simulator: creating and changing tickets', () => {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

  it('creates a ticket with an article, attachments, tags and a guessed new customer', async () => {
    const before = store.tickets().length;
    const { status, body } = await call(sim, 'POST', '/api/v1/tickets', {
      auth: AGENT,
      body: {
        title: '打印机无法连接 / printer offline',
        group: 'Support L1',
        customer_id: 'guess:new.customer@example.org',
        priority: '3 high',
        tags: 'printer,urgent-customer',
        article: {
          subject: 'Printer', body: '<p>It is offline</p>', type: 'email', internal: false, content_type: 'text/html', to: 'new.customer@example.org',
          attachments: [
            { filename: 'photo.png', data: png.toString('base64'), 'mime-type': 'image/png' },
            { filename: 'notes.txt', data: Buffer.from('hello 你好').toString('base64'), 'mime-type': 'text/plain' },
          ],
        },
      },
    });
    expect(status).toBe(201);
    expect(store.tickets().length).toBe(before + 1);
    const customer = store.userByEmail('new.customer@example.org')!;
    expect(customer).toMatchObject({ role_ids: [3], firstname: '', lastname: '' });
    expect(body).toMatchObject({ title: '打印机无法连接 / printer offline', group_id: ids.groups.supportL1, priority_id: 3, state_id: 1, customer_id: customer.id, owner_id: 1, article_count: 1 });
    expect(store.tagsOf(body.id)).toEqual(['printer', 'urgent-customer']);
    expect((await get(`/api/v1/tags?object=Ticket&o_id=${body.id}`, AGENT)).body).toEqual({ tags: ['printer', 'urgent-customer'] });

    const articles = (await get(`/api/v1/ticket_articles/by_ticket/${body.id}`, AGENT)).body as Json[];
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({ type: 'email', sender: 'Agent', content_type: 'text/html', internal: false, created_by: creds.agentEmail });
    expect(articles[0].attachments).toEqual([
      { id: expect.any(Number), filename: 'photo.png', size: String(png.length), preferences: { 'Content-Type': 'image/png', 'Mime-Type': 'image/png' } },
      { id: expect.any(Number), filename: 'notes.txt', size: String(Buffer.byteLength('hello 你好')), preferences: expect.objectContaining({ 'Mime-Type': 'text/plain' }) },
    ]);
    const download = await fetch(`${sim.url}/api/v1/ticket_attachment/${body.id}/${articles[0].id}/${articles[0].attachments[0].id}`, { headers: { Authorization: AGENT } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await download.arrayBuffer()).equals(png)).toBe(true);
  });

  it('downloads seeded attachments and refuses a ticket/article mismatch with 401', async () => {
    const article = store.tickets().flatMap((t) => store.articlesOf(t.id)).find((a) => a.attachments.length > 0)!;
    const file = article.attachments[0]!;
    const response = await fetch(`${sim.url}/api/v1/ticket_attachment/${article.ticket_id}/${article.id}/${file.id}`, { headers: { Authorization: ADMIN } });
    expect(Buffer.from(await response.arrayBuffer()).equals(file.content)).toBe(true);
    const otherTicket = store.tickets().find((t) => t.id !== article.ticket_id)!;
    expect(await get(`/api/v1/ticket_attachment/${otherTicket.id}/${article.id}/${file.id}`)).toMatchObject({
      status: 401, body: { error: 'No access, article_id/ticket_id is not matching.' },
    });
  });

  it('refuses invalid base64 and missing mime-type with 422, leaving no ticket behind', async () => {
    const before = store.tickets().length;
    const bad = await call(sim, 'POST', '/api/v1/tickets', {
      auth: AGENT,
      body: { title: 'x', group_id: 2, customer_id: ids.customer, article: { body: 'b', attachments: [{ filename: 'a.txt', data: 'not base64!', 'mime-type': 'text/plain' }] } },
    });
    expect(bad).toMatchObject({ status: 422, body: { error: "Invalid base64 for attachment with index '0'", error_human: "Invalid base64 for attachment with index '0'" } });
    const writable = store.tickets().find((t) => t.group_id === ids.groups.supportL1)!;
    const noMime = await call(sim, 'POST', '/api/v1/ticket_articles', { auth: AGENT, body: { ticket_id: writable.id, body: 'b', attachments: [{ filename: 'a.txt', data: 'aGk=' }] } });
    expect(noMime).toMatchObject({ status: 422, body: { error: "Attachment needs 'mime-type' param for attachment with index '0'" } });
    expect(store.tickets().length).toBe(before);
  });

  it('answers validation failures with the first failing attribute, Zammad style', async () => {
    expect(await call(sim, 'POST', '/api/v1/tickets', { auth: AGENT, body: { group: 'Users', customer_id: ids.customer } })).toMatchObject({
      status: 422, body: { error: "Title can't be blank", error_human: "Title can't be blank" },
    });
    expect(await call(sim, 'POST', '/api/v1/tickets', { auth: AGENT, body: { title: 'No group', customer_id: ids.customer } })).toMatchObject({
      status: 422, body: { error: "Group can't be blank" },
    });
    expect(await call(sim, 'POST', '/api/v1/tickets', { auth: AGENT, body: { title: 't', group: 'Nope', customer_id: ids.customer } })).toMatchObject({
      status: 422, body: { error: 'No lookup value found for \'group\': "Nope"' },
    });
    const badGuess = await call(sim, 'POST', '/api/v1/tickets', { auth: AGENT, body: { title: 't', group: 'Users', customer_id: 'guess:not-an-email' } });
    expect(badGuess).toMatchObject({ status: 422, body: { error: "Invalid email 'not-an-email' of customer" } });
    expect(badGuess.body.error_human).toBeUndefined();
  });

  it('turns tags sent as an array into the 500 Zammad raises, masked for non-admins', async () => {
    const { status, body } = await call(sim, 'POST', '/api/v1/tickets', { auth: AGENT, body: { title: 't', group: 'Users', customer_id: ids.customer, tags: ['a', 'b'] } });
    expect(status).toBe(500);
    expect(body).toEqual({ error: expect.stringMatching(/^Error ID [\w-]+: Please contact your administrator\.$/) });
  });

  it('creates customer tickets for the customer only, and refuses agents outside the group', async () => {
    const { status, body } = await call(sim, 'POST', '/api/v1/tickets', {
      auth: CUSTOMER, body: { title: 'From the portal', group: 'Users', customer_id: ids.liNa, owner_id: ids.agent, article: { body: 'Hi', type: 'email', internal: true } },
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ customer_id: ids.customer, owner_id: 1, organization_id: ids.organizations.acme });
    const [article] = store.articlesOf(body.id);
    expect(article).toMatchObject({ sender_id: 2, type_id: 10, internal: false });
    expect(await call(sim, 'POST', '/api/v1/tickets', { auth: OTHER_AGENT, body: { title: 't', group: 'Users', customer_id: ids.customer } })).toMatchObject({ status: 403 });
  });

  it('updates a ticket and adds the article given with the update', async () => {
    const ticket = store.tickets().find((t) => t.group_id === ids.groups.supportL1 && t.state_id === 2)!;
    const count = store.articlesOf(ticket.id).length;
    const { status, body } = await call(sim, 'PUT', `/api/v1/tickets/${ticket.id}`, {
      auth: AGENT, body: { state: 'closed', article: { body: 'Fixed, closing.', internal: true } },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: ticket.id, state_id: 4, article_count: count + 1, updated_by_id: ids.agent, close_at: expect.any(String) });
    expect(store.articlesOf(ticket.id).at(-1)).toMatchObject({ body: 'Fixed, closing.', internal: true, sender_id: 1, type_id: 10 });
  });

  it('refuses updates from an agent with read-only access to the group', async () => {
    const ticket = store.tickets().find((t) => t.group_id === ids.groups.supportL2)!;
    expect((await get(`/api/v1/tickets/${ticket.id}`, AGENT)).status).toBe(200);
    expect(await call(sim, 'PUT', `/api/v1/tickets/${ticket.id}`, { auth: AGENT, body: { title: 'mine now' } })).toMatchObject({ status: 403, body: { error: 'Not authorized' } });
  });

  it('adds and removes tags for agents and refuses customers', async () => {
    const ticket = store.tickets().find((t) => t.customer_id === ids.customer && t.group_id === ids.groups.supportL1)!;
    expect(await call(sim, 'POST', '/api/v1/tags/add', { auth: AGENT, body: { item: 'feedback', object: 'Ticket', o_id: ticket.id } })).toMatchObject({ status: 201, body: true });
    expect(store.tagsOf(ticket.id)).toContain('feedback');
    expect(await call(sim, 'DELETE', '/api/v1/tags/remove', { auth: AGENT, body: { item: 'feedback', object: 'Ticket', o_id: ticket.id } })).toMatchObject({ status: 200, body: true });
    expect(store.tagsOf(ticket.id)).not.toContain('feedback');
    expect((await get(`/api/v1/tags?object=Ticket&o_id=${ticket.id}`, CUSTOMER)).status).toBe(403);
    expect((await call(sim, 'POST', '/api/v1/tags/add', { auth: CUSTOMER, body: { item: 'x', object: 'Ticket', o_id: ticket.id } })).status).toBe(403);
  });
});

describe('Zammad simulator: users and errors', () => {
  it('lets agents create customers but not agents', async () => {
    const created = await call(sim, 'POST', '/api/v1/users', { auth: AGENT, body: { firstname: 'Mei', lastname: 'Lin', email: 'mei.lin@example.cn', organization: 'Acme Logistics Ltd' } });
    expect(created).toMatchObject({ status: 201, body: { login: 'mei.lin@example.cn', role_ids: [3], organization_id: ids.organizations.acme, group_ids: {} } });
    expect(await call(sim, 'POST', '/api/v1/users', { auth: AGENT, body: { email: 'x@example.cn', role_ids: [2] } })).toMatchObject({ status: 403 });
    expect(await call(sim, 'POST', '/api/v1/users', { auth: AGENT, body: { email: 'mei.lin@example.cn' } })).toMatchObject({ status: 422 });
    expect(await call(sim, 'DELETE', `/api/v1/users/${created.body.id}`, { auth: AGENT })).toMatchObject({ status: 403 });
    expect(await call(sim, 'DELETE', `/api/v1/users/${created.body.id}`)).toMatchObject({ status: 200, body: {} });
    expect(await call(sim, 'DELETE', `/api/v1/users/${ids.customer}`)).toMatchObject({ status: 422, body: { error: "Can't delete, object has references." } });
  });

  it('answers unknown routes with Rails’ routing error, even without credentials', async () => {
    expect(await get('/api/v1/nothing/here', null)).toMatchObject({
      status: 404, body: { error: 'No route matches [GET] /api/v1/nothing/here', error_human: 'No route matches [GET] /api/v1/nothing/here' },
    });
  });

  it('answers unparsable JSON with 400', async () => {
    expect(await call(sim, 'POST', '/api/v1/tickets', { rawBody: '{"title": ' })).toMatchObject({ status: 400, body: { status: 400, error: 'Bad Request' } });
  });

  it('answers missing users and organizations with 404 in Rails wording', async () => {
    expect((await get('/api/v1/users/424242')).body).toEqual({ error: "Couldn't find User with 'id'=424242", error_human: "Couldn't find User with 'id'=424242" });
    expect((await get('/api/v1/organizations/999')).status).toBe(404);
  });

  it('serves groups, states (with type names) and priorities as Zammad seeds them', async () => {
    expect(((await get('/api/v1/groups', CUSTOMER)).body as Json[]).map((g) => g.name)).toEqual(['Users', 'Support L1', 'Support L2', 'Billing 账务', 'IoT 运维', 'Vertrieb DE']);
    const states = (await get('/api/v1/ticket_states?expand=true')).body as Json[];
    expect(states.map((s) => [s.id, s.name, s.state_type])).toEqual([
      [1, 'new', 'new'], [2, 'open', 'open'], [3, 'pending reminder', 'pending reminder'], [4, 'closed', 'closed'],
      [5, 'merged', 'merged'], [6, 'removed', 'removed'], [7, 'pending close', 'pending action'],
    ]);
    expect(((await get('/api/v1/ticket_priorities')).body as Json[]).map((p) => p.name)).toEqual(['1 low', '2 normal', '3 high']);
  });
});
