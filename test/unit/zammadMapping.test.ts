import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '../../src/errors.js';
import {
  articleBody,
  articleOf,
  groupOf,
  newTicketBody,
  organizationOf,
  priorityOfName,
  statusOfStateType,
  ticketOf,
  ticketPriorityOf,
  ticketStateOf,
  ticketUpdateBody,
  userBody,
  userOf,
} from '../../src/vendors/zammad/mapping.js';
import {
  rawArticle,
  rawGroup,
  rawOrganization,
  rawSearchResult,
  rawTagList,
  rawTicket,
  rawTicketPriority,
  rawTicketState,
  rawUser,
} from '../../src/vendors/zammad/types.js';
import { fixture } from '../support/fixtures.js';

const zm = (name: string) => fixture('zammad', name);

describe('Zammad mapping (on payloads shaped as Zammad documents them)', () => {
  it('maps an expanded ticket, keeping the names Zammad gave for state, group and priority', () => {
    expect(ticketOf(rawTicket.parse(zm('ticket')))).toEqual({
      kind: 'ZammadTicket',
      source: 'ZAMMAD',
      nativeId: '42',
      number: '31042',
      title: 'Drucker im 3. Stock druckt nicht',
      state: { kind: 'ZammadTicketState', source: 'ZAMMAD', nativeId: '2', name: 'open', detail: null },
      group: { kind: 'ZammadGroup', source: 'ZAMMAD', nativeId: '1', name: 'Users', detail: null },
      priority: { kind: 'ZammadTicketPriority', source: 'ZAMMAD', nativeId: '2', name: '2 normal', detail: null },
      normalizedPriority: 'NORMAL',
      organizationNativeId: '3',
      customerNativeId: '7',
      ownerNativeId: '5',
      createdByNativeId: '7',
      updatedByNativeId: '5',
      note: null,
      articleCount: 2,
      tags: null,
      firstResponseAt: '2021-11-03T12:01:07.233Z',
      closeAt: null,
      lastContactAt: '2021-11-03T12:01:07.233Z',
      escalationAt: null,
      pendingTime: null,
      createdAt: '2021-11-03T11:51:13.759Z',
      updatedAt: '2021-11-03T12:01:07.250Z',
    });
  });

  it('reads owner_id 1 (Zammad’s "-" user) as unassigned, and a ticket without organization', () => {
    const { records, total } = rawSearchResult(rawTicket).parse(zm('tickets-search'));
    expect(total).toBeNull();
    const [pending] = records.map(ticketOf);
    expect(pending).toMatchObject({ nativeId: '43', ownerNativeId: null, organizationNativeId: null, note: 'called twice', pendingTime: '2021-11-10T08:00:00.000Z' });
    expect(pending!.state).toMatchObject({ nativeId: '3', name: 'pending reminder' });
  });

  it('reads a search answer wrapped with its total, and accepts IDs sent as strings', () => {
    const raw = { ...(zm('ticket') as object), id: '42', group_id: '1' };
    const page = rawSearchResult(rawTicket).parse({ records: [raw], total_count: 57 });
    expect(page.total).toBe(57);
    expect(ticketOf(page.records[0]!)).toMatchObject({ nativeId: '42', group: { nativeId: '1' } });
  });

  it('refuses a ticket of the wrong shape at the edge', () => {
    expect(rawTicket.safeParse({ ...(zm('ticket') as object), created_at: 'yesterday' }).success).toBe(false);
    expect(rawTicket.safeParse({ ...(zm('ticket') as object), title: undefined }).success).toBe(false);
  });

  it('maps articles with their attachments; empty strings become null', () => {
    const [web, note] = rawArticle.array().parse(zm('articles-by-ticket')).map(articleOf);
    expect(web).toEqual({
      kind: 'ZammadArticle',
      source: 'ZAMMAD',
      nativeId: '101',
      ticketNativeId: '42',
      type: 'web',
      sender: 'Customer',
      from: 'Nicole Braun <nicole.braun@zammad.org>',
      to: null,
      cc: null,
      subject: 'Drucker im 3. Stock druckt nicht',
      body: 'Seit heute früh kommt nur ein leeres Blatt heraus.',
      contentType: 'text/plain',
      internal: false,
      createdByNativeId: '7',
      createdAt: '2021-11-03T11:51:13.790Z',
      attachments: [
        {
          kind: 'ZammadAttachment',
          source: 'ZAMMAD',
          nativeId: '9',
          ticketNativeId: '42',
          articleNativeId: '101',
          filename: 'testseite.pdf',
          size: 24551,
          contentType: 'application/pdf',
        },
      ],
    });
    expect(note).toMatchObject({ type: 'note', sender: 'Agent', internal: true, contentType: 'text/html', to: null, cc: null, subject: null, attachments: [] });
  });

  it('maps a user: e-mail lower-cased, the display name, empty fields null, role names kept', () => {
    const user = userOf(rawUser.parse(zm('user')));
    expect(user).toEqual({
      kind: 'ZammadUser',
      source: 'ZAMMAD',
      nativeId: '7',
      login: 'nicole.braun@zammad.org',
      firstname: 'Nicole',
      lastname: 'Braun',
      name: 'Nicole Braun',
      email: 'nicole.braun@zammad.org',
      organizationNativeId: '3',
      active: true,
      vip: true,
      phone: '+49 30 1234567',
      mobile: null,
      note: null,
      roles: ['Customer'],
      createdAt: '2021-11-03T11:51:13.623Z',
      updatedAt: '2021-11-03T11:51:13.790Z',
    });
    expect(userOf(rawUser.parse({ ...(zm('user') as object), firstname: ' ', lastname: '' })).name).toBeNull();
    expect(userOf(rawUser.parse({ ...(zm('user') as object), roles: undefined })).roles).toBeNull();
  });

  it('maps an organization with its member IDs', () => {
    expect(organizationOf(rawOrganization.parse(zm('organization')))).toEqual({
      kind: 'ZammadOrganization',
      source: 'ZAMMAD',
      nativeId: '3',
      name: 'Zammad Foundation',
      shared: true,
      domain: null,
      active: true,
      note: null,
      memberNativeIds: ['7', '9'],
      createdAt: '2021-11-03T11:51:13.586Z',
      updatedAt: '2021-11-03T11:51:13.654Z',
    });
  });

  it('maps states, priorities and groups as full records', () => {
    const states = rawTicketState.array().parse(zm('ticket-states')).map(ticketStateOf);
    expect(states[6]).toEqual({
      kind: 'ZammadTicketState',
      source: 'ZAMMAD',
      nativeId: '7',
      name: 'pending close',
      detail: { stateType: 'pending action', active: true, note: null },
    });
    expect(rawTicketPriority.array().parse(zm('ticket-priorities')).map(ticketPriorityOf)[2]).toEqual({
      kind: 'ZammadTicketPriority',
      source: 'ZAMMAD',
      nativeId: '3',
      name: '3 high',
      detail: { active: true, note: null },
    });
    expect(rawGroup.array().parse(zm('groups')).map(groupOf)[0]).toEqual({
      kind: 'ZammadGroup',
      source: 'ZAMMAD',
      nativeId: '1',
      name: 'Users',
      detail: { active: true, note: 'Standard Group/Pool for Tickets.', createdAt: '2021-11-03T11:51:12.000Z', updatedAt: '2021-11-03T11:51:12.000Z' },
    });
    expect(rawTagList.parse(zm('tags')).tags).toEqual(['printer', '3rd floor']);
  });

  it('normalizes every state type Zammad ships', () => {
    const states = rawTicketState.array().parse(zm('ticket-states')).map(ticketStateOf);
    expect(states.map((s) => [s.name, statusOfStateType(s.detail!.stateType)])).toEqual([
      ['new', 'NEW'],
      ['open', 'OPEN'],
      ['pending reminder', 'PENDING'],
      ['closed', 'CLOSED'],
      ['merged', 'CLOSED'],
      ['removed', 'CLOSED'],
      ['pending close', 'PENDING'],
    ]);
  });

  it('normalizes Zammad’s priorities by word, else by leading number', () => {
    expect(['1 low', '2 normal', '3 high', '4 urgent', 'P1 critical', '5 sofort', 'Mittel', null].map(priorityOfName)).toEqual([
      'LOW',
      'NORMAL',
      'HIGH',
      'URGENT',
      'URGENT',
      'URGENT',
      'NORMAL',
      null,
    ]);
  });
});

describe('Zammad write bodies', () => {
  it('creates a ticket with the customer guessed by e-mail, the group by name, tags joined and the first article', () => {
    expect(
      newTicketBody({
        title: 'Help',
        group: 'Users',
        customer: ' Nicole.Braun@Zammad.org ',
        priority: '3 high',
        tags: ['printer', ' urgent '],
        article: {
          subject: 'Help',
          body: '<b>broken</b>',
          contentType: 'HTML',
          internal: false,
          attachments: [{ filename: 'a.txt', contentBase64: 'aGVs\nbG8=', mimeType: 'text/plain' }, { filename: 'b.bin', contentBase64: 'AAEC' }],
        },
      }),
    ).toEqual({
      title: 'Help',
      group: 'Users',
      customer_id: 'guess:nicole.braun@zammad.org',
      priority: '3 high',
      tags: 'printer,urgent',
      article: {
        subject: 'Help',
        body: '<b>broken</b>',
        content_type: 'text/html',
        internal: false,
        attachments: [
          { filename: 'a.txt', data: 'aGVsbG8=', 'mime-type': 'text/plain' },
          { filename: 'b.bin', data: 'AAEC', 'mime-type': 'application/octet-stream' },
        ],
      },
    });
  });

  it('refuses tags with commas, customers that are not addresses and attachments that are not base64', () => {
    const base = { title: 't', group: 'Users', customer: 'a@b.c', article: { body: 'x' } };
    expect(() => newTicketBody({ ...base, tags: ['a,b'] })).toThrow(expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }));
    expect(() => newTicketBody({ ...base, customer: 'guess:x' })).toThrow(expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }));
    expect(() => articleBody({ body: 'x', attachments: [{ filename: 'f', contentBase64: 'not base64!' }] })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ fieldErrors: [{ field: 'attachments.0.contentBase64', message: 'not valid base64' }] }) }),
    );
  });

  it('sends only the changed ticket fields; unassigning sets owner_id 1', () => {
    expect(ticketUpdateBody({ state: 'closed', unassign: true, pendingTime: new Date('2024-05-01T10:00:00Z') })).toEqual({
      state: 'closed',
      owner_id: 1,
      pending_time: '2024-05-01T10:00:00.000Z',
    });
    expect(ticketUpdateBody({ article: { body: 'reply', type: 'email', to: 'x@y.z' } })).toEqual({
      article: { body: 'reply', content_type: 'text/plain', type: 'email', to: 'x@y.z' },
    });
    expect(ticketUpdateBody({})).toBeNull();
    expect(() => ticketUpdateBody({ owner: 'a@b.c', unassign: true })).toThrow(expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }));
  });

  it('builds user bodies with role and organization names', () => {
    expect(userBody({ firstname: 'Max', email: 'Max@Example.com', organization: 'Zammad Foundation', roles: ['Customer'], vip: false })).toEqual({
      firstname: 'Max',
      email: 'max@example.com',
      organization: 'Zammad Foundation',
      roles: ['Customer'],
      vip: false,
    });
  });
});
