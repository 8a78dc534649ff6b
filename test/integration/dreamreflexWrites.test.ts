import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { dreamreflexDemoAccounts } from '../../src/simulators/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
beforeAll(async () => {
  // No service account: every caller here acts with their own token, as a frontend would.
  gw = await startTestGateway({ serviceAccount: false });
});
afterAll(() => gw.close());

const LOGIN = 'mutation($input: DreamreflexLoginInput!) { dreamreflexLogin(input: $input) { accessToken tokenType expiresIn expiresAt } }';

async function login(email: string, password: string, flow: 'JSON' | 'OAUTH2_FORM' = 'JSON'): Promise<string> {
  const { body } = await gw.gql(LOGIN, { input: { email, password, flow } });
  expect(body.errors).toBeUndefined();
  return (body.data!.dreamreflexLogin as { accessToken: string }).accessToken;
}

const account = (email: string) => dreamreflexDemoAccounts.find((a) => a.email === email)!;
const as = (token: string) => ({ 'x-dreamreflex-token': token });

describe('sign-up and sign-in', () => {
  it('sends a code, registers with it, logs in (JSON and OAuth2 form) and reads the new user', async () => {
    const email = `new.user.${Date.now()}@example.com`;
    const sent = await gw.gql('mutation($email: String!) { sendDreamreflexVerificationCode(email: $email) { message email } }', { email });
    expect(sent.body.data!.sendDreamreflexVerificationCode).toMatchObject({ email });
    const code = gw.simulatorLogs.map((line) => line.match(new RegExp(`${email.replace(/[.]/g, '\\.')}\\D*(\\d{6})`))?.[1]).find(Boolean);
    expect(code).toMatch(/^\d{6}$/);

    const registered = await gw.gql(
      'mutation($input: DreamreflexRegisterInput!) { registerDreamreflexUser(input: $input) { id email role isActive } }',
      { input: { email, password: 'a-good-password', verificationCode: code } },
    );
    expect(registered.body.data!.registerDreamreflexUser).toMatchObject({ email, role: 'USER', isActive: true });

    const session = await gw.gql(LOGIN, { input: { email, password: 'a-good-password' } });
    const issued = session.body.data!.dreamreflexLogin as { tokenType: string; expiresIn: number; expiresAt: string; accessToken: string };
    expect(issued).toMatchObject({ tokenType: 'bearer', expiresIn: 1800 });
    expect(Date.parse(issued.expiresAt) - Date.now()).toBeGreaterThan(1790_000);

    const formToken = await login(email, 'a-good-password', 'OAUTH2_FORM');
    const me = await gw.gql('{ me { dreamreflex { email businessAccount { id } } } }', undefined, as(formToken));
    expect(me.body.data!.me).toEqual({ dreamreflex: { email, businessAccount: null } });
  });

  it('rejects a wrong code as BAD_USER_INPUT with the vendor’s reason', async () => {
    const { body } = await gw.gql('mutation($input: DreamreflexRegisterInput!) { registerDreamreflexUser(input: $input) { id } }', {
      input: { email: 'nobody@example.com', password: 'a-good-password', verificationCode: '000000' },
    });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', source: 'DREAMREFLEX', upstream: { status: 400 } });
    expect(body.errors?.[0]?.message).toContain('验证码无效或已过期');
  });

  it('rejects a wrong password as UNAUTHENTICATED and a disabled account as FORBIDDEN', async () => {
    const wrong = await gw.gql(LOGIN, { input: { email: 'demo@tessera.local', password: 'not-the-password' } });
    expect(wrong.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', source: 'DREAMREFLEX' });
    const disabled = account('wang.lei@example.cn');
    const blocked = await gw.gql(LOGIN, { input: { email: disabled.email, password: disabled.password } });
    expect(blocked.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', source: 'DREAMREFLEX' });
  });

  it('updates the profile and changes the password', async () => {
    const john = account('john.smith@example.com');
    const token = await login(john.email, john.password);
    const updated = await gw.gql(
      'mutation($input: UpdateDreamreflexProfileInput!) { updateDreamreflexProfile(input: $input) { fullName bio phoneNumber } }',
      { input: { bio: 'Runs the Shanghai office.', phoneNumber: '+86-13900000000' } },
      as(token),
    );
    expect(updated.body.data!.updateDreamreflexProfile).toMatchObject({ fullName: 'John Smith', bio: 'Runs the Shanghai office.', phoneNumber: '+86-13900000000' });

    const tooLong = await gw.gql('mutation($input: UpdateDreamreflexProfileInput!) { updateDreamreflexProfile(input: $input) { bio } }', { input: { bio: 'x'.repeat(257) } }, as(token));
    expect(tooLong.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: [expect.objectContaining({ field: 'bio' })] });

    const CHANGE = 'mutation($input: ChangeDreamreflexPasswordInput!) { changeDreamreflexPassword(input: $input) { message } }';
    const wrongOld = await gw.gql(CHANGE, { input: { oldPassword: 'nope-nope-nope', newPassword: 'another-password-1' } }, as(token));
    expect(wrongOld.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const changed = await gw.gql(CHANGE, { input: { oldPassword: john.password, newPassword: 'another-password-1' } }, as(token));
    expect(changed.body.data!.changeDreamreflexPassword).toEqual({ message: expect.any(String) });
    await login(john.email, 'another-password-1');
    await gw.gql(CHANGE, { input: { oldPassword: 'another-password-1', newPassword: john.password } }, as(token));
  });
});

describe('tickets', () => {
  it('creates, edits while pending, and deletes a ticket', async () => {
    const token = await login('li.na@example.cn', account('li.na@example.cn').password);
    const created = await gw.gql(
      'mutation($input: CreateDreamreflexTicketInput!) { createDreamreflexTicket(input: $input) { id title body ticketType status vendorStatus editable creator { email } } }',
      { input: { title: '发票抬头需要更正', ticketType: 'FINANCIAL', content: '十月的发票抬头写错了,请重开。' } },
      as(token),
    );
    const ticket = created.body.data!.createDreamreflexTicket as { id: string };
    expect(ticket).toMatchObject({ title: '发票抬头需要更正', ticketType: 'FINANCIAL', status: 'OPEN', vendorStatus: 'pending', editable: true, creator: { email: 'li.na@example.cn' } });

    const edited = await gw.gql(
      'mutation($id: ID!, $input: UpdateDreamreflexTicketInput!) { updateDreamreflexTicket(id: $id, input: $input) { title body updatedAt } }',
      { id: ticket.id, input: { content: '十月的发票抬头写错了,请重开。已附营业执照。' } },
      as(token),
    );
    expect(edited.body.data!.updateDreamreflexTicket).toMatchObject({ title: '发票抬头需要更正', body: '十月的发票抬头写错了,请重开。已附营业执照。', updatedAt: expect.any(String) });

    const deleted = await gw.gql('mutation($id: ID!) { deleteDreamreflexTicket(id: $id) { deletedId } }', { id: ticket.id }, as(token));
    expect(deleted.body.data!.deleteDreamreflexTicket).toEqual({ deletedId: ticket.id });
    const gone = await gw.gql('query($id: ID!) { ticket(id: $id) { id } }', { id: ticket.id }, as(token));
    expect(gone.body.data!.ticket).toBeNull();
    expect(gone.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses to edit a replied ticket, with the vendor’s reason', async () => {
    const token = await login('demo@tessera.local', account('demo@tessera.local').password);
    const { body } = await gw.gql('{ tickets(first: 1, filter: { sources: [DREAMREFLEX], status: RESOLVED }) { nodes { id } } }', undefined, as(token));
    const id = (body.data!.tickets as { nodes: { id: string }[] }).nodes[0]!.id;
    const refused = await gw.gql('mutation($id: ID!) { updateDreamreflexTicket(id: $id, input: { title: "again" }) { id } }', { id }, as(token));
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', upstream: { status: 400 } });
    expect(refused.body.errors?.[0]?.message).toContain('工单已被回复');
  });

  it('turns a 201-character title into BAD_USER_INPUT naming the field (the vendor’s 422)', async () => {
    const token = await login('demo@tessera.local', account('demo@tessera.local').password);
    const { body } = await gw.gql(
      'mutation($input: CreateDreamreflexTicketInput!) { createDreamreflexTicket(input: $input) { id } }',
      { input: { title: 'x'.repeat(201), ticketType: 'TECHNICAL', content: 'too long a title' } },
      as(token),
    );
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      source: 'DREAMREFLEX',
      upstream: { method: 'POST', path: '/api/tickets', status: 422 },
      fieldErrors: [expect.objectContaining({ field: 'title' })],
    });
  });

  it('pages a list longer than the vendor’s 100-record page with one vendor call per page, never repeating a ticket', async () => {
    const email = `many.tickets.${Date.now()}@example.com`;
    await gw.gql('mutation($email: String!) { sendDreamreflexVerificationCode(email: $email) { email } }', { email });
    const code = gw.simulatorLogs.map((line) => (line.includes(email) ? line.match(/(\d{6})\s*$/)?.[1] : undefined)).find(Boolean);
    await gw.gql('mutation($input: DreamreflexRegisterInput!) { registerDreamreflexUser(input: $input) { id } }', { input: { email, password: 'many-tickets-1', verificationCode: code } });
    const token = await login(email, 'many-tickets-1');
    for (let i = 0; i < 130; i += 10) {
      await Promise.all(
        Array.from({ length: 10 }, (_, j) =>
          gw.gql('mutation($input: CreateDreamreflexTicketInput!) { createDreamreflexTicket(input: $input) { id } }', { input: { title: `Batch ticket ${i + j}`, ticketType: 'BUSINESS', content: 'load' } }, as(token)),
        ),
      );
    }
    gw.dreamreflex.requests.reset();
    const PAGE = 'query($after: String) { tickets(first: 100, after: $after, filter: { sources: [DREAMREFLEX] }) { totalCount pageInfo { hasNextPage endCursor } nodes { nativeId } } }';
    type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { nativeId: string }[] };
    const one = (await gw.gql(PAGE, {}, as(token))).body.data!.tickets as Page;
    expect(one).toMatchObject({ totalCount: 130, pageInfo: { hasNextPage: true } });
    expect(gw.dreamreflex.requests.count('GET /api/tickets')).toBe(1);
    const two = (await gw.gql(PAGE, { after: one.pageInfo.endCursor }, as(token))).body.data!.tickets as Page;
    expect(two).toMatchObject({ totalCount: 130, pageInfo: { hasNextPage: false } });
    expect(new Set([...one.nodes, ...two.nodes].map((n) => n.nativeId)).size).toBe(130);
    expect(gw.dreamreflex.requests.count('GET /api/tickets')).toBe(2);
  });
});

describe('contracts, business accounts and the contact form', () => {
  it('signs and unsigns a contract', async () => {
    const token = await login('li.na@example.cn', account('li.na@example.cn').password);
    const { body } = await gw.gql('{ contracts { nodes { id isSigned } } }', undefined, as(token));
    const contract = (body.data!.contracts as { nodes: { id: string; isSigned: boolean }[] }).nodes[0]!;
    const SIGN = 'mutation($id: ID!, $s: Boolean!) { setContractSigned(id: $id, isSigned: $s) { id isSigned updatedAt } }';
    const flipped = await gw.gql(SIGN, { id: contract.id, s: !contract.isSigned }, as(token));
    expect(flipped.body.data!.setContractSigned).toMatchObject({ id: contract.id, isSigned: !contract.isSigned });
    const reread = await gw.gql('query($id: ID!) { contract(id: $id) { isSigned } }', { id: contract.id }, as(token));
    expect(reread.body.data!.contract).toEqual({ isSigned: !contract.isSigned });
    await gw.gql(SIGN, { id: contract.id, s: contract.isSigned }, as(token));
  });

  it('applies for a business account once, then updates it', async () => {
    const john = account('john.smith@example.com');
    const token = await login(john.email, john.password);
    const APPLY = 'mutation($input: BusinessAccountInput!) { applyForBusinessAccount(input: $input) { id status companyName contactPhone assignedEmail } }';
    const applied = await gw.gql(APPLY, { input: { companyName: 'Smith Trading Ltd', contactPersonName: 'John Smith', contactPhone: '+44-20-7946-0000' } }, as(token));
    expect(applied.body.data!.applyForBusinessAccount).toMatchObject({ status: 'PENDING', companyName: 'Smith Trading Ltd', assignedEmail: null });

    const again = await gw.gql(APPLY, { input: { companyName: 'Again' } }, as(token));
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', upstream: { status: 400 } });

    const updated = await gw.gql('mutation($input: BusinessAccountInput!) { updateBusinessAccount(input: $input) { companyName contactPhone } }', { input: { contactPhone: '+44-20-7946-0001' } }, as(token));
    expect(updated.body.data!.updateBusinessAccount).toEqual({ companyName: 'Smith Trading Ltd', contactPhone: '+44-20-7946-0001' });
    const me = await gw.gql('{ me { dreamreflex { businessAccount { status companyName } } } }', undefined, as(token));
    expect(me.body.data!.me).toEqual({ dreamreflex: { businessAccount: { status: 'PENDING', companyName: 'Smith Trading Ltd' } } });
  });

  it('names the owner as the owner, never as the contact person (联系人) of the account', async () => {
    const liNa = account('li.na@example.cn');
    const token = await login(liNa.email, liNa.password);
    const UPDATE = 'mutation($input: BusinessAccountInput!) { updateBusinessAccount(input: $input) { owner { email name } contactPersonName } }';
    const updated = await gw.gql(UPDATE, { input: { contactPersonName: '赵秘书' } }, as(token));
    try {
      expect(updated.body.errors).toBeUndefined();
      // The vendor knows the owner by e-mail only; the name is the owner's own profile name.
      expect(updated.body.data!.updateBusinessAccount).toEqual({ owner: { email: liNa.email, name: liNa.fullName }, contactPersonName: '赵秘书' });
      const me = await gw.gql('{ me { dreamreflex { businessAccount { owner { email name } contactPersonName } } } }', undefined, as(token));
      expect(me.body.data!.me).toEqual({ dreamreflex: { businessAccount: { owner: { email: liNa.email, name: liNa.fullName }, contactPersonName: '赵秘书' } } });
    } finally {
      await gw.gql(UPDATE, { input: { contactPersonName: liNa.fullName } }, as(token));
    }
  });

  it('submits the contact form without credentials, and refuses a failed Turnstile check', async () => {
    const SUBMIT = 'mutation($input: ContactFormInput!) { submitContactForm(input: $input) { id name email message isProcessed createdAt } }';
    const ok = await gw.gql(SUBMIT, { input: { name: '张三', email: 'zhangsan@example.com', message: '我想咨询一下产品价格', turnstileToken: '0.valid-token' } });
    expect(ok.body.data!.submitContactForm).toMatchObject({ name: '张三', message: '我想咨询一下产品价格', isProcessed: false });
    const refused = await gw.gql(SUBMIT, { input: { name: 'Bot', email: 'bot', message: 'spam', turnstileToken: 'invalid' } });
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', upstream: { status: 400 } });
  });
});
