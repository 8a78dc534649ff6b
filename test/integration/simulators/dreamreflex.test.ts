import { decodeJwt, decodeProtectedHeader } from 'jose';
import { startSimulator, type RunningSimulator } from '../../../src/simulators/kit/index.js';
import { createDreamreflexSimulator, dreamreflexDemoAccounts, dreamreflexMessages as m, dreamreflexSeedIds as ids } from '../../../src/simulators/dreamreflex/index.js';

interface CallOptions {
  token?: string;
  json?: unknown;
  rawBody?: string;
  form?: Record<string, string>;
}

interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  // Response bodies are checked field by field; `any` keeps the assertions readable.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

const account = (email: string) => {
  const found = dreamreflexDemoAccounts.find((a) => a.email === email);
  if (!found) throw new Error(`no demo account ${email}`);
  return found;
};
const demo = account('demo@tessera.local');
const liNa = account('li.na@example.cn');
const john = account('john.smith@example.com');
const disabled = account('wang.lei@example.cn');

async function startDreamreflex(logs: string[] = []): Promise<RunningSimulator> {
  return startSimulator('dreamreflex', createDreamreflexSimulator, { log: (line) => logs.push(line) });
}

function caller(sim: () => RunningSimulator) {
  return async (method: string, path: string, options: CallOptions = {}): Promise<CallResult> => {
    const headers: Record<string, string> = {};
    let body: string | undefined;
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.rawBody !== undefined) {
      headers['content-type'] = 'application/json';
      body = options.rawBody;
    } else if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    }
    const res = await fetch(`${sim().url}${path}`, { method, headers, body });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: text === '' ? undefined : JSON.parse(text) };
  };
}

describe('Dreamreflex simulator', () => {
  const logs: string[] = [];
  let sim: RunningSimulator;
  const call = caller(() => sim);
  const tokens = new Map<string, string>();

  async function tokenFor(email: string, password: string): Promise<string> {
    const cached = tokens.get(email);
    if (cached) return cached;
    const res = await call('POST', '/api/auth/login', { json: { email, password } });
    expect(res.status).toBe(200);
    tokens.set(email, res.body.access_token as string);
    return res.body.access_token as string;
  }
  const demoToken = () => tokenFor(demo.email, demo.password);
  const liNaToken = () => tokenFor(liNa.email, liNa.password);
  const johnToken = () => tokenFor(john.email, john.password);

  beforeAll(async () => {
    sim = await startDreamreflex(logs);
  });
  afterAll(async () => {
    await sim.close();
  });

  describe('authentication', () => {
    it('logs in with JSON and returns the user from /api/auth/me and /api/users/me', async () => {
      const login = await call('POST', '/api/auth/login', { json: { email: demo.email, password: demo.password } });
      expect(login.status).toBe(200);
      expect(login.body).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 1800 });

      const me = await call('GET', '/api/auth/me', { token: login.body.access_token });
      expect(me.status).toBe(200);
      expect(Object.keys(me.body).sort()).toEqual(['avatar_url', 'bio', 'created_at', 'email', 'full_name', 'id', 'is_active', 'phone_number', 'role', 'updated_at']);
      expect(me.body).toMatchObject({ id: ids.users.demo, email: demo.email, role: 'user', is_active: true, full_name: '张伟' });
      expect(me.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

      const usersMe = await call('GET', '/api/users/me', { token: login.body.access_token });
      expect(usersMe.body).toEqual(me.body);
    });

    it('issues HS256 JWTs whose subject is the user id and which last 1800 s', async () => {
      const token = await demoToken();
      expect(decodeProtectedHeader(token).alg).toBe('HS256');
      const claims = decodeJwt(token);
      expect(claims.sub).toBe(ids.users.demo);
      expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(1800);
    });

    it('logs in with the OAuth2 password form, taking the e-mail as username', async () => {
      const res = await call('POST', '/api/auth/token', { form: { username: john.email, password: john.password } });
      expect(res.status).toBe(200);
      expect(res.body.token_type).toBe('bearer');
      const me = await call('GET', '/api/users/me', { token: res.body.access_token });
      expect(me.body.email).toBe(john.email);
    });

    it('reports missing OAuth2 form fields as a FastAPI 422', async () => {
      const res = await call('POST', '/api/auth/token', { form: { password: 'x' } });
      expect(res.status).toBe(422);
      expect(res.body.detail).toEqual([{ type: 'missing', loc: ['body', 'username'], msg: 'Field required', input: null }]);
    });

    it('answers 401 with the vendor message for a missing or forged token', async () => {
      const missing = await call('GET', '/api/auth/me');
      expect(missing.status).toBe(401);
      expect(missing.body).toEqual({ detail: '无效的认证凭据' });
      expect(missing.headers.get('www-authenticate')).toBe('Bearer');
      const forged = await call('GET', '/api/tickets', { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' });
      expect(forged.status).toBe(401);
    });

    it('rejects a wrong password with 401 and a disabled account with 403', async () => {
      const wrong = await call('POST', '/api/auth/login', { json: { email: demo.email, password: 'not-the-password' } });
      expect(wrong.status).toBe(401);
      expect(wrong.body).toEqual({ detail: '邮箱或密码错误' });
      const unknown = await call('POST', '/api/auth/login', { json: { email: 'nobody@example.com', password: 'whatever123' } });
      expect(unknown.status).toBe(401);
      const off = await call('POST', '/api/auth/login', { json: { email: disabled.email, password: disabled.password } });
      expect(off.status).toBe(403);
      expect(off.body).toEqual({ detail: '账号已被禁用' });
    });

    it('validates the login e-mail format', async () => {
      const res = await call('POST', '/api/auth/login', { json: { email: 'not-an-email', password: 'x' } });
      expect(res.status).toBe(422);
      expect(res.body.detail[0]).toMatchObject({ type: 'value_error', loc: ['body', 'email'], input: 'not-an-email' });
    });

    it('registers with a code read from the server log, then logs in', async () => {
      const email = 'new.user@example.org';
      const sent = await call('POST', '/api/auth/send-code', { json: { email } });
      expect(sent.status).toBe(200);
      expect(sent.body).toEqual({ message: '验证码已发送', email });
      const line = logs.find((l) => l.includes(`verification code for ${email}`));
      const code = /(\d{6})$/.exec(line ?? '')?.[1];
      expect(code).toMatch(/^\d{6}$/);

      const wrongCode = await call('POST', '/api/auth/register', { json: { email, password: 'mypassword123', verification_code: code === '000000' ? '111111' : '000000' } });
      expect(wrongCode.status).toBe(400);
      expect(wrongCode.body).toEqual({ detail: '验证码无效或已过期' });

      const registered = await call('POST', '/api/auth/register', { json: { email, password: 'mypassword123', verification_code: code } });
      expect(registered.status).toBe(201);
      expect(registered.body).toMatchObject({ email, role: 'user', is_active: true, updated_at: null, full_name: null, phone_number: null, avatar_url: null, bio: null });
      expect(registered.body.id).toMatch(/^[0-9a-f]{24}$/);

      const again = await call('POST', '/api/auth/register', { json: { email, password: 'mypassword123', verification_code: code } });
      expect(again.status).toBe(400);
      expect(again.body).toEqual({ detail: '该邮箱已被注册' });

      const login = await call('POST', '/api/auth/login', { json: { email, password: 'mypassword123' } });
      expect(login.status).toBe(200);
      const me = await call('GET', '/api/auth/me', { token: login.body.access_token });
      expect(me.body.id).toBe(registered.body.id);
    });

    it('validates register fields in the FastAPI list form', async () => {
      const res = await call('POST', '/api/auth/register', { json: { email: 'a@example.org', password: 'short', verification_code: '12ab56' } });
      expect(res.status).toBe(422);
      expect(res.body.detail).toEqual([
        { type: 'value_error', loc: ['body', 'password'], msg: 'Value error, 密码长度至少为8位', input: 'short', ctx: { error: {} } },
        { type: 'string_pattern_mismatch', loc: ['body', 'verification_code'], msg: "String should match pattern '^\\d{6}$'", input: '12ab56', ctx: { pattern: '^\\d{6}$' } },
      ]);
    });

    it('updates the profile and refuses an empty update', async () => {
      const token = await johnToken();
      const updated = await call('PATCH', '/api/users/me', { token, json: { bio: 'Head of procurement', phone_number: '+1-415-555-0199' } });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ bio: 'Head of procurement', phone_number: '+1-415-555-0199', full_name: 'John Smith' });
      const empty = await call('PATCH', '/api/users/me', { token, json: {} });
      expect(empty.status).toBe(400);
      expect(empty.body).toEqual({ detail: '未提供任何需要更新的字段' });
      const tooLong = await call('PATCH', '/api/users/me', { token, json: { full_name: 'x'.repeat(65) } });
      expect(tooLong.status).toBe(422);
      expect(tooLong.body.detail[0]).toMatchObject({ type: 'string_too_long', loc: ['body', 'full_name'], ctx: { max_length: 64 } });
    });

    it('changes the password only with the right old password and a new one', async () => {
      const email = 'pw.change@example.org';
      await call('POST', '/api/auth/send-code', { json: { email } });
      const code = /(\d{6})$/.exec(logs.filter((l) => l.includes(email)).pop() ?? '')?.[1];
      await call('POST', '/api/auth/register', { json: { email, password: 'first-password', verification_code: code } });
      const token = (await call('POST', '/api/auth/login', { json: { email, password: 'first-password' } })).body.access_token as string;

      const wrongOld = await call('POST', '/api/users/me/change-password', { token, json: { old_password: 'nope-nope', new_password: 'second-password' } });
      expect(wrongOld.status).toBe(400);
      const same = await call('POST', '/api/users/me/change-password', { token, json: { old_password: 'first-password', new_password: 'first-password' } });
      expect(same.status).toBe(400);
      const ok = await call('POST', '/api/users/me/change-password', { token, json: { old_password: 'first-password', new_password: 'second-password' } });
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ message: '密码修改成功' });
      expect((await call('POST', '/api/auth/login', { json: { email, password: 'first-password' } })).status).toBe(401);
      expect((await call('POST', '/api/auth/login', { json: { email, password: 'second-password' } })).status).toBe(200);
    });
  });

  describe('tickets', () => {
    it('creates (201), reads, updates and deletes (204) a ticket', async () => {
      const token = await demoToken();
      const created = await call('POST', '/api/tickets', { token, json: { title: '测试工单 Test ticket', ticket_type: 'technical', content: '网关离线' } });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        title: '测试工单 Test ticket',
        ticket_type: 'technical',
        content: '网关离线',
        status: 'pending',
        feedback: null,
        creator_email: demo.email,
        responder_email: null,
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
        updated_at: null,
        replied_at: null,
      });
      const id = created.body.id as string;

      const read = await call('GET', `/api/tickets/${id}`, { token });
      expect(read.body).toEqual(created.body);

      const updated = await call('PUT', `/api/tickets/${id}`, { token, json: { content: '网关离线(已重启,仍未恢复)' } });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ title: '测试工单 Test ticket', content: '网关离线(已重启,仍未恢复)', status: 'pending' });
      expect(updated.body.updated_at).not.toBeNull();

      const deleted = await call('DELETE', `/api/tickets/${id}`, { token });
      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe('');
      const gone = await call('GET', `/api/tickets/${id}`, { token });
      expect(gone.status).toBe(404);
      expect(gone.body).toEqual({ detail: '工单不存在' });
    });

    it('refuses to update a replied ticket', async () => {
      const res = await call('PUT', `/api/tickets/${ids.tickets.demoReplied}`, { token: await demoToken(), json: { title: '再问一次' } });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ detail: '工单已被回复,不能再更新' });
    });

    it('refuses an update with no fields', async () => {
      const res = await call('PUT', `/api/tickets/${ids.tickets.demoPending}`, { token: await demoToken(), json: {} });
      expect(res.status).toBe(400);
    });

    it('rejects a 201-character title in FastAPI list form', async () => {
      const title = '长'.repeat(201);
      const res = await call('POST', '/api/tickets', { token: await demoToken(), json: { title, ticket_type: 'financial', content: 'x' } });
      expect(res.status).toBe(422);
      expect(res.body).toEqual({
        detail: [{ type: 'string_too_long', loc: ['body', 'title'], msg: 'String should have at most 200 characters', input: title, ctx: { max_length: 200 } }],
      });
    });

    it('rejects an unknown ticket type and missing content', async () => {
      const body = { title: 't', ticket_type: 'legal' };
      const res = await call('POST', '/api/tickets', { token: await demoToken(), json: body });
      expect(res.status).toBe(422);
      expect(res.body.detail).toEqual([
        { type: 'enum', loc: ['body', 'ticket_type'], msg: "Input should be 'financial', 'technical' or 'business'", input: 'legal', ctx: { expected: "'financial', 'technical' or 'business'" } },
        { type: 'missing', loc: ['body', 'content'], msg: 'Field required', input: body },
      ]);
    });

    it('answers malformed JSON with a json_invalid 422', async () => {
      const res = await call('POST', '/api/tickets', { token: await demoToken(), rawBody: '{"title": ' });
      expect(res.status).toBe(422);
      expect(res.body.detail[0]).toMatchObject({ type: 'json_invalid', loc: ['body', expect.any(Number)], msg: 'JSON decode error' });
    });

    it('validates paging parameters', async () => {
      const token = await demoToken();
      const tooMany = await call('GET', '/api/tickets?limit=101', { token });
      expect(tooMany.status).toBe(422);
      expect(tooMany.body.detail).toEqual([
        { type: 'less_than_equal', loc: ['query', 'limit'], msg: 'Input should be less than or equal to 100', input: '101', ctx: { le: 100 } },
      ]);
      const negative = await call('GET', '/api/tickets?skip=-1', { token });
      expect(negative.status).toBe(422);
      expect(negative.body.detail[0]).toMatchObject({ type: 'greater_than_equal', loc: ['query', 'skip'] });
      const badFilter = await call('GET', '/api/tickets?status_filter=closed', { token });
      expect(badFilter.status).toBe(422);
      expect(badFilter.body.detail[0]).toMatchObject({ type: 'enum', loc: ['query', 'status_filter'] });
    });

    it('pages newest first with the total of all matches', async () => {
      const token = await demoToken();
      const first = await call('GET', '/api/tickets', { token });
      expect(first.body.total).toBe(25);
      expect(first.body.items).toHaveLength(10);
      const createdAt = (first.body.items as { created_at: string }[]).map((t) => t.created_at);
      expect([...createdAt].sort().reverse()).toEqual(createdAt);

      const last = await call('GET', '/api/tickets?skip=20&limit=10', { token });
      expect(last.body.total).toBe(25);
      expect(last.body.items).toHaveLength(5);

      const pending = await call('GET', '/api/tickets?status_filter=pending&limit=100', { token });
      expect(pending.body.total).toBe(10);
      expect((pending.body.items as { status: string }[]).every((t) => t.status === 'pending')).toBe(true);
      const replied = await call('GET', '/api/tickets?status_filter=replied&limit=100', { token });
      expect(replied.body.total).toBe(15);
      expect(replied.body.items[0]).toMatchObject({ responder_email: expect.stringContaining('@dreamreflex.com'), feedback: expect.any(String), replied_at: expect.any(String) });
    });

    it("keeps users out of each other's tickets", async () => {
      const res = await call('GET', `/api/tickets/${ids.tickets.demoPending}`, { token: await liNaToken() });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ detail: '无权访问此工单' });
      expect((await call('DELETE', `/api/tickets/${ids.tickets.demoPending}`, { token: await liNaToken() })).status).toBe(403);
      const list = await call('GET', '/api/tickets?limit=100', { token: await liNaToken() });
      expect(list.body.total).toBe(4);
      expect((list.body.items as { creator_email: string }[]).every((t) => t.creator_email === liNa.email)).toBe(true);
    });

    it('answers 404 for unknown and malformed ids', async () => {
      const token = await demoToken();
      expect((await call('GET', '/api/tickets/000000000000000000000000', { token })).status).toBe(404);
      expect((await call('GET', '/api/tickets/not-an-id', { token })).body).toEqual({ detail: '工单不存在' });
    });

    it('counts requests by route pattern', async () => {
      const before = sim.requests.count('GET /api/tickets/:ticket_id');
      await call('GET', `/api/tickets/${ids.tickets.demoPending}`, { token: await demoToken() });
      await call('GET', `/api/tickets/${ids.tickets.demoReplied}`, { token: await demoToken() });
      expect(sim.requests.count('GET /api/tickets/:ticket_id')).toBe(before + 2);
    });
  });

  describe('business accounts', () => {
    it("returns the demo user's active account and hides it from others", async () => {
      const mine = await call('GET', '/api/business-accounts/me', { token: await demoToken() });
      expect(mine.status).toBe(200);
      expect(mine.body).toMatchObject({ id: ids.businessAccounts.demo, status: 'active', assigned_email: expect.any(String), user_code: expect.any(String) });
      expect(mine.body.created_at).toMatch(/T\d\d:\d\d:\d\d$/);
      const byId = await call('GET', `/api/business-accounts/${ids.businessAccounts.demo}`, { token: await demoToken() });
      expect(byId.body).toEqual(mine.body);
      const other = await call('GET', `/api/business-accounts/${ids.businessAccounts.demo}`, { token: await liNaToken() });
      expect(other.status).toBe(403);
    });

    it('refuses a second application', async () => {
      const res = await call('POST', '/api/business-accounts/me/apply', { token: await liNaToken(), json: { company_name: '另一家公司' } });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ detail: '已存在申请或已激活账号' });
    });

    it('lets a user without an account apply, then edit it', async () => {
      const token = await johnToken();
      const none = await call('GET', '/api/business-accounts/me', { token });
      expect(none.status).toBe(404);
      expect(none.body).toEqual({ detail: '业务账号不存在' });
      expect((await call('PATCH', '/api/business-accounts/me', { token, json: { company_name: 'x' } })).status).toBe(404);

      const applied = await call('POST', '/api/business-accounts/me/apply', { token, json: { company_name: 'Northwind Robotics Inc.', contact_person_name: 'John Smith' } });
      expect(applied.status).toBe(201);
      expect(applied.body).toMatchObject({ owner_email: john.email, status: 'pending', assigned_email: null, user_code: null, company_name: 'Northwind Robotics Inc.', tax_number: null, updated_at: null });

      const patched = await call('PATCH', '/api/business-accounts/me', { token, json: { contact_phone: '+1-415-555-0142' } });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ company_name: 'Northwind Robotics Inc.', contact_phone: '+1-415-555-0142' });
      expect(patched.body.updated_at).not.toBeNull();

      const tooLong = await call('PATCH', '/api/business-accounts/me', { token, json: { contact_phone: '1'.repeat(33) } });
      expect(tooLong.status).toBe(422);
    });
  });

  describe('contracts', () => {
    it('lists own contracts and updates the signing status', async () => {
      const token = await demoToken();
      const list = await call('GET', '/api/contracts/me', { token });
      expect(list.body.total).toBe(4);
      expect(list.body.items[0].content_markdown).toMatch(/^# /);

      const signed = await call('PATCH', `/api/contracts/${ids.contracts.demoUnsigned}/sign-status`, { token, json: { is_signed: true } });
      expect(signed.status).toBe(200);
      expect(signed.body).toMatchObject({ id: ids.contracts.demoUnsigned, is_signed: true });
      expect((await call('GET', `/api/contracts/${ids.contracts.demoUnsigned}`, { token })).body.is_signed).toBe(true);
    });

    it('requires is_signed and keeps other users out', async () => {
      const missing = await call('PATCH', `/api/contracts/${ids.contracts.demoSigned}/sign-status`, { token: await demoToken(), json: {} });
      expect(missing.status).toBe(422);
      expect(missing.body.detail[0]).toMatchObject({ type: 'missing', loc: ['body', 'is_signed'] });
      const other = await call('GET', `/api/contracts/${ids.contracts.liNa}`, { token: await demoToken() });
      expect(other.status).toBe(403);
      expect(other.body).toEqual({ detail: '无权访问此合同' });
    });
  });

  describe('projects', () => {
    it('lists own projects and their files, filtered by file name and tag', async () => {
      const token = await demoToken();
      const projects = await call('GET', '/api/projects/me', { token });
      expect(projects.body.total).toBe(2);
      expect(projects.body.items[0].created_at).toMatch(/Z$/);

      const all = await call('GET', `/api/projects/${ids.projects.demoPark}/files`, { token });
      expect(all.body.total).toBe(9);
      const byName = await call('GET', `/api/projects/${ids.projects.demoPark}/files?filename=${encodeURIComponent('api reference')}`, { token });
      expect(byName.body.items.map((f: { filename: string }) => f.filename)).toEqual(['接口文档 API Reference.docx']);
      const byTag = await call('GET', `/api/projects/${ids.projects.demoPark}/files?tag=${encodeURIComponent('文档')}`, { token });
      expect(byTag.body.total).toBe(3);
      expect((byTag.body.items as { tag: string }[]).every((f) => f.tag === '文档')).toBe(true);
      const partialTag = await call('GET', `/api/projects/${ids.projects.demoPark}/files?tag=${encodeURIComponent('文')}`, { token });
      expect(partialTag.body.total).toBe(0);
      const tooMany = await call('GET', `/api/projects/${ids.projects.demoPark}/files?limit=501`, { token });
      expect(tooMany.status).toBe(422);
    });

    it('signs a download URL for an own file only', async () => {
      const res = await call('POST', `/api/projects/files/${ids.files.demoRequirements}/download-url`, { token: await demoToken() });
      expect(res.status).toBe(200);
      expect(res.body.expires_in).toBe(3600);
      const url = new URL(res.body.download_url as string);
      expect(url.protocol).toBe('https:');
      expect(url.hostname).toMatch(/oss/);
      expect(url.searchParams.get('Signature')).toBeTruthy();
      expect(Number(url.searchParams.get('Expires'))).toBe(Math.floor(sim.clock.now() / 1000) + 3600);

      const other = await call('POST', `/api/projects/files/${ids.files.liNaDashboard}/download-url`, { token: await demoToken() });
      expect(other.status).toBe(403);
      const unknown = await call('POST', '/api/projects/files/ffffffffffffffffffffffff/download-url', { token: await demoToken() });
      expect(unknown.body).toEqual({ detail: '文件不存在' });
    });

    it('lists links and tasks, filtering tasks by status', async () => {
      const token = await demoToken();
      const links = await call('GET', `/api/projects/${ids.projects.demoPark}/links`, { token });
      expect(links.body.total).toBe(5);
      const tasks = await call('GET', `/api/projects/${ids.projects.demoPark}/tasks`, { token });
      expect(tasks.body.total).toBeGreaterThan(10);
      const pending = await call('GET', `/api/projects/${ids.projects.demoPark}/tasks?status=pending`, { token });
      const completed = await call('GET', `/api/projects/${ids.projects.demoPark}/tasks?status=completed`, { token });
      expect(pending.body.total + completed.body.total).toBe(tasks.body.total);
      expect((pending.body.items as { status: string }[]).every((t) => t.status === 'pending')).toBe(true);
    });

    it("keeps users out of each other's projects", async () => {
      const res = await call('GET', `/api/projects/${ids.projects.liNa}/files`, { token: await demoToken() });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ detail: '无权访问此项目' });
      expect((await call('GET', '/api/projects/aaaaaaaaaaaaaaaaaaaaaaaa', { token: await demoToken() })).body).toEqual({ detail: '项目不存在' });
    });
  });

  describe('contact form', () => {
    it('accepts a message with a Turnstile token', async () => {
      const res = await call('POST', '/api/owa/info', { json: { name: '张三', email: 'anything', message: '我想咨询一下产品价格', turnstileToken: '0.abc' } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ name: '张三', email: 'anything', is_processed: false, admin_notes: null });
    });

    it('rejects a failed Turnstile check and a missing token', async () => {
      const failed = await call('POST', '/api/owa/info', { json: { name: 'a', email: 'b', message: 'c', turnstileToken: 'invalid' } });
      expect(failed.status).toBe(400);
      expect(failed.body).toEqual({ detail: m.turnstileFailed });
      const missing = await call('POST', '/api/owa/info', { json: { name: 'a', email: 'b', message: 'c' } });
      expect(missing.status).toBe(422);
    });
  });

  describe('routing', () => {
    it('answers unknown paths with 404 and wrong methods with 405, FastAPI style', async () => {
      const unknown = await call('GET', '/api/nothing-here');
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({ detail: 'Not Found' });
      const wrongMethod = await call('PATCH', `/api/tickets/${ids.tickets.demoPending}`, { token: await demoToken(), json: { title: 'x' } });
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.body).toEqual({ detail: 'Method Not Allowed' });
    });
  });
});

describe('Dreamreflex simulator clock and instances', () => {
  const logs: string[] = [];
  let sim: RunningSimulator;
  let other: RunningSimulator;
  const call = caller(() => sim);
  const callOther = caller(() => other);

  beforeAll(async () => {
    sim = await startDreamreflex(logs);
    other = await startDreamreflex();
  });
  afterAll(async () => {
    await Promise.all([sim.close(), other.close()]);
  });

  it('expires tokens after 1800 s of simulator time', async () => {
    const token = (await call('POST', '/api/auth/login', { json: { email: demo.email, password: demo.password } })).body.access_token as string;
    sim.clock.advance(1799_000);
    expect((await call('GET', '/api/auth/me', { token })).status).toBe(200);
    sim.clock.advance(2_000);
    const expired = await call('GET', '/api/auth/me', { token });
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ detail: '无效的认证凭据' });
  });

  it('expires verification codes after 10 minutes', async () => {
    const email = 'late@example.org';
    await call('POST', '/api/auth/send-code', { json: { email } });
    const code = /(\d{6})$/.exec(logs.find((l) => l.includes(email)) ?? '')?.[1];
    sim.clock.advance(601_000);
    const res = await call('POST', '/api/auth/register', { json: { email, password: 'mypassword123', verification_code: code } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ detail: '验证码无效或已过期' });
  });

  it('shares neither tokens nor data between instances', async () => {
    const token = (await call('POST', '/api/auth/login', { json: { email: demo.email, password: demo.password } })).body.access_token as string;
    expect((await callOther('GET', '/api/auth/me', { token })).status).toBe(401);
    await call('DELETE', `/api/tickets/${ids.tickets.demoPending}`, { token });
    const otherToken = (await callOther('POST', '/api/auth/login', { json: { email: demo.email, password: demo.password } })).body.access_token as string;
    expect((await callOther('GET', `/api/tickets/${ids.tickets.demoPending}`, { token: otherToken })).status).toBe(200);
  });
});
