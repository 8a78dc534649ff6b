import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { toGlobalId } from '../../src/globalId.js';
import { zammadDemoCredentials } from '../../src/simulators/zammad/index.js';
import { startTestGateway, withApiKey, type GraphQLResponse, type TestGateway } from '../support/gateway.js';

const TICKET_FIELDS = `id nativeId number title status vendorStatus note pendingTime tags articleCount
  group { name } state { name } zammadPriority { name } customerUser { email } owner { email }
  articles(first: 20) { totalCount nodes { nativeId type internal subject body contentType attachments { filename size contentType content } } }`;

const CREATE = `mutation($input: CreateZammadTicketInput!) { createZammadTicket(input: $input) { ${TICKET_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateZammadTicketInput!) { updateZammadTicket(id: $id, input: $input) { ${TICKET_FIELDS} } }`;
const ADD_ARTICLE = `mutation($id: ID!, $input: ZammadArticleInput!) { addZammadArticle(ticketId: $id, input: $input) { nativeId type internal body createdBy { login } ticket { articleCount } } }`;
const ADD_TAG = 'mutation($id: ID!, $tag: String!) { addZammadTicketTag(ticketId: $id, tag: $tag) { tags } }';
const REMOVE_TAG = 'mutation($id: ID!, $tag: String!) { removeZammadTicketTag(ticketId: $id, tag: $tag) { tags } }';
const DELETE = 'mutation($id: ID!) { deleteZammadTicket(id: $id) { deletedId } }';

interface Ticket {
  id: string;
  nativeId: string;
  title: string;
  tags: string[];
  articles: { nodes: { body: string; attachments: { filename: string; content: string }[] }[] };
}
const dataOf = <T>(response: GraphQLResponse, field: string): T => {
  expect(response.body.errors).toBeUndefined();
  return response.body.data![field] as T;
};
const firstError = (response: GraphQLResponse) => response.body.errors?.[0];

describe('Zammad writes', () => {
  let gw: TestGateway;
  const asAdmin = (q: string, variables?: Record<string, unknown>) => gw.gql(q, variables, withApiKey);
  const asAgent = (q: string, variables?: Record<string, unknown>) =>
    gw.gql(q, variables, { 'x-zammad-authorization': `Token token=${zammadDemoCredentials.agentToken}` });

  const newTicket = async (overrides: Record<string, unknown> = {}): Promise<Ticket> =>
    dataOf<Ticket>(
      await asAdmin(CREATE, { input: { title: 'Printer offline', group: 'Users', customer: 'nicole.braun@zammad.org', article: { body: 'It is offline.' }, ...overrides } }),
      'createZammadTicket',
    );

  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());
  beforeEach(() => {
    gw.zammad.clearFaults();
    gw.zammad.requests.reset();
  });

  it('creates a ticket with its first article, an attachment, tags and a new customer guessed by e-mail', async () => {
    const content = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x10]);
    const ticket = await newTicket({
      title: '发票抬头需要更正',
      group: 'Billing 账务',
      customer: 'New.Customer@Example.org',
      priority: '3 high',
      tags: ['invoice', 'urgent'],
      article: { subject: '发票', body: '<p>请重开发票</p>', contentType: 'HTML', attachments: [{ filename: 'scan.pdf', contentBase64: content.toString('base64'), mimeType: 'application/pdf' }] },
    });
    expect(ticket).toMatchObject({
      title: '发票抬头需要更正',
      status: 'NEW',
      vendorStatus: 'new',
      group: { name: 'Billing 账务' },
      zammadPriority: { name: '3 high' },
      customerUser: { email: 'new.customer@example.org' },
      owner: null,
      tags: ['invoice', 'urgent'],
      articleCount: 1,
    });
    expect(ticket.articles.nodes).toHaveLength(1);
    expect(ticket.articles.nodes[0]).toMatchObject({ subject: '发票', body: '<p>请重开发票</p>', contentType: 'text/html' });
    const [file] = ticket.articles.nodes[0]!.attachments;
    expect(file).toMatchObject({ filename: 'scan.pdf', size: content.length, contentType: 'application/pdf' });
    expect(Buffer.from(file!.content, 'base64').equals(content)).toBe(true);

    const stored = gw.zammadStore.ticket(Number(ticket.nativeId))!;
    expect(stored).toMatchObject({ title: '发票抬头需要更正', tags: ['invoice', 'urgent'] });
    expect(gw.zammadStore.user(stored.customer_id)!.email).toBe('new.customer@example.org');
    // One create; the answer is the ticket, so reading it back costs no GET /tickets/:id.
    expect(gw.zammad.requests.count('POST /api/v1/tickets')).toBe(1);
    expect(gw.zammad.requests.count('GET /api/v1/tickets/:id')).toBe(0);
  });

  it('updates state, priority, owner and note, then unassigns, returning the ticket as stored', async () => {
    const { id, nativeId } = await newTicket();
    const pendingTime = '2030-01-01T08:00:00.000Z';
    const updated = dataOf<Ticket>(
      await asAdmin(UPDATE, { id, input: { state: 'pending reminder', pendingTime, priority: '1 low', owner: zammadDemoCredentials.agentEmail, note: 'waiting for toner' } }),
      'updateZammadTicket',
    );
    expect(updated).toMatchObject({
      status: 'PENDING',
      vendorStatus: 'pending reminder',
      pendingTime,
      zammadPriority: { name: '1 low' },
      owner: { email: zammadDemoCredentials.agentEmail },
      note: 'waiting for toner',
    });
    const unassigned = dataOf<Ticket>(await asAdmin(UPDATE, { id, input: { unassign: true, state: 'open' } }), 'updateZammadTicket');
    expect(unassigned).toMatchObject({ owner: null, status: 'OPEN' });
    expect(gw.zammadStore.ticket(Number(nativeId))!.owner_id).toBe(1);
  });

  it('adds articles, alone or with an update, and the ticket shows them', async () => {
    const { id } = await newTicket();
    const article = dataOf<Ticket>(await asAdmin(ADD_ARTICLE, { id, input: { body: 'Internal remark', internal: true, type: 'note' } }), 'addZammadArticle');
    expect(article).toMatchObject({ type: 'note', internal: true, body: 'Internal remark', createdBy: { login: 'tessera.admin' }, ticket: { articleCount: 2 } });
    const updated = dataOf<Ticket>(await asAdmin(UPDATE, { id, input: { title: 'Printer offline (3rd floor)', article: { body: 'Reply by phone', type: 'phone' } } }), 'updateZammadTicket');
    expect(updated.title).toBe('Printer offline (3rd floor)');
    expect(updated.articles.nodes.map((a) => a.body)).toEqual(['It is offline.', 'Internal remark', 'Reply by phone']);
  });

  it('adds and removes tags, reading the ticket back each time', async () => {
    const { id, nativeId } = await newTicket({ tags: ['printer'] });
    expect(dataOf<Ticket>(await asAdmin(ADD_TAG, { id, tag: 'toner' }), 'addZammadTicketTag').tags).toEqual(['printer', 'toner']);
    expect(dataOf<Ticket>(await asAdmin(REMOVE_TAG, { id, tag: 'printer' }), 'removeZammadTicketTag').tags).toEqual(['toner']);
    expect(gw.zammadStore.tagsOf(Number(nativeId))).toEqual(['toner']);
    const refused = await asAdmin(ADD_TAG, { id, tag: 'a,b' });
    expect(firstError(refused)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', source: 'ZAMMAD' } });
  });

  it('creates and updates users', async () => {
    const created = dataOf<Ticket>(
      await asAdmin('mutation($input: ZammadUserInput!) { createZammadUser(input: $input) { id nativeId email name roles organization { name } vip } }', {
        input: { firstname: 'Max', lastname: 'Muster', email: 'Max.Muster@Example.org', organization: 'Tessera Demo GmbH', vip: true },
      }),
      'createZammadUser',
    );
    expect(created).toMatchObject({ email: 'max.muster@example.org', name: 'Max Muster', organization: { name: 'Tessera Demo GmbH' }, vip: true });
    const updated = dataOf<Ticket>(
      await asAdmin('mutation($id: ID!, $input: ZammadUserInput!) { updateZammadUser(id: $id, input: $input) { phone note vip } }', {
        id: created.id,
        input: { phone: '+49 30 1', note: 'prefers phone', vip: false },
      }),
      'updateZammadUser',
    );
    expect(updated).toEqual({ phone: '+49 30 1', note: 'prefers phone', vip: false });
    expect(gw.zammadStore.user(Number(created.nativeId))).toMatchObject({ phone: '+49 30 1', vip: false });
  });

  it('lets an administrator delete a ticket; an agent gets FORBIDDEN', async () => {
    const { id, nativeId } = await newTicket();
    const refused = await asAgent(DELETE, { id });
    expect(refused.body.data).toBeNull();
    expect(firstError(refused)).toMatchObject({ extensions: { code: 'FORBIDDEN', source: 'ZAMMAD', upstream: { method: 'DELETE', path: `/api/v1/tickets/${nativeId}`, status: 403 } } });
    expect(gw.zammadStore.ticket(Number(nativeId))).toBeDefined();

    expect(dataOf<Ticket>(await asAdmin(DELETE, { id }), 'deleteZammadTicket')).toEqual({ deletedId: id });
    expect(gw.zammadStore.ticket(Number(nativeId))).toBeUndefined();
    const gone = await asAdmin('query($id: ID!) { node(id: $id) { id } }', { id });
    expect(gone.body.data!.node).toBeNull();
    expect(firstError(gone)).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });

  it('maps Zammad’s validation errors to BAD_USER_INPUT with their fields, and a missing ticket to NOT_FOUND', async () => {
    const blank = await asAdmin(CREATE, { input: { title: '', group: 'Users', customer: 'nicole.braun@zammad.org', article: { body: 'x' } } });
    expect(firstError(blank)).toMatchObject({
      message: expect.stringContaining("Title can't be blank"),
      extensions: { code: 'BAD_USER_INPUT', source: 'ZAMMAD', fieldErrors: [{ field: 'title', message: "Title can't be blank" }], upstream: { status: 422 } },
    });
    const noGroup = await asAdmin(CREATE, { input: { title: 't', group: 'No such group', customer: 'nicole.braun@zammad.org', article: { body: 'x' } } });
    expect(firstError(noGroup)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', source: 'ZAMMAD', fieldErrors: [{ field: 'group' }] } });

    const missing = await asAdmin(UPDATE, { id: toGlobalId('ZammadTicket', 'ZAMMAD', '999999'), input: { title: 'x' } });
    expect(firstError(missing)).toMatchObject({ extensions: { code: 'NOT_FOUND', source: 'ZAMMAD', upstream: { method: 'PUT', path: '/api/v1/tickets/999999', status: 404 } } });
  });

  it('refuses bad input before calling Zammad', async () => {
    const { id } = await newTicket();
    gw.zammad.requests.reset();
    const nothing = await asAdmin(UPDATE, { id, input: {} });
    const badFile = await asAdmin(ADD_ARTICLE, { id, input: { body: 'x', attachments: [{ filename: 'a', contentBase64: '%%%' }] } });
    const wrongType = await asAdmin(UPDATE, { id: toGlobalId('ZammadUser', 'ZAMMAD', '3'), input: { title: 'x' } });
    for (const response of [nothing, badFile, wrongType]) expect(firstError(response)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(gw.zammad.requests.count()).toBe(0);
  });
});
