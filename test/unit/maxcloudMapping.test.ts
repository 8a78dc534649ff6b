import { describe, expect, it } from '@jest/globals';
import { companyOf, expiryOf, priorityOf, sessionOf, stateOfStatus, statusOfState, ticketOf } from '../../src/vendors/maxcloud/mapping.js';
import { rawEnvelope, rawLogin, rawSwitch, rawTicket, rawTicketSearch } from '../../src/vendors/maxcloud/types.js';
import { isTimeZone, zoneOffsetMinutes, zonedIsoUtc, zonedTimeMillis } from '../../src/vendors/maxcloud/zonedTime.js';
import { fixture } from '../support/fixtures.js';

const mc = (name: string) => fixture('maxcloud', name);
const dataOf = (name: string) => rawEnvelope.parse(mc(name)).data;
const SHANGHAI = 'Asia/Shanghai';

/** The doc's example ticket with the fields its queries use but its answer does not show. */
function docTicket(overrides: Record<string, unknown> = {}) {
  const [ticket] = (dataOf('tickets-search') as { tickets: Record<string, unknown>[] }).tickets;
  return rawTicket.parse({ ...ticket, ...overrides });
}

describe('MaxCloud mapping (on the doc’s own example payloads)', () => {
  it('maps the search example’s ticket, reading its zone-less times as China time', () => {
    const search = rawTicketSearch.parse(dataOf('tickets-search'));
    expect(search.total).toBe(118);
    expect(search.tickets.map((raw) => ticketOf(raw, SHANGHAI))).toEqual(mc('tickets-search.expected'));
  });

  it('reads the same wall-clock times in another configured zone, daylight saving included', () => {
    // 16:34:54 on 11 May 2023 in New York is EDT (UTC−4); in Berlin CEST (UTC+2).
    expect(ticketOf(docTicket(), 'America/New_York')).toMatchObject({ createdAt: '2023-05-11T20:34:54.000Z', updatedAt: '2023-05-11T20:37:43.000Z' });
    expect(ticketOf(docTicket(), 'Europe/Berlin').createdAt).toBe('2023-05-11T14:34:54.000Z');
    // In January New York is EST (UTC−5).
    expect(ticketOf(docTicket({ created_at: '2024-01-15 09:00:00' }), 'America/New_York').createdAt).toBe('2024-01-15T14:00:00.000Z');
  });

  it('maps the login example to a session with the user’s flags and companies', () => {
    expect(sessionOf(rawLogin.parse(dataOf('login')), SHANGHAI, rawLogin.parse(dataOf('login')))).toEqual(mc('login.expected'));
  });

  it('maps the switch example to a session that knows only the e-mail, or the login it followed', () => {
    const switched = rawSwitch.parse(dataOf('company-switch'));
    expect(sessionOf(switched, SHANGHAI)).toEqual(mc('company-switch.expected'));
    const afterLogin = sessionOf(switched, SHANGHAI, rawLogin.parse(dataOf('login')));
    expect(afterLogin.user).toEqual({ nativeId: '88', email: '<email>', groupAdmin: 1, admin: 2, changePassword: 0 });
    expect(afterLogin.token).toBe('<auth_token2>');
  });

  it('keeps labels, BU, resources and texts, and lower-cases and de-duplicates people', () => {
    const ticket = ticketOf(
      docTicket({
        group_tag: 'mtg',
        labels: ['日志bug', 'k8s'],
        team_id: 2,
        team_name: 'SRE',
        created_by: ' Ops.Admin@SpotMax.example ',
        assigned_to: '',
        notification_list: ['a@example.com', 'A@example.com', '', 'b@example.com'],
        content_type: 'markdown',
        content: '**pod** BackOff',
        root_cause: '镜像拉取超时',
        tips: 'Escalate to on-call',
        resources: [{ type: 'ec2', id: 'i-0abc', region: 'cn-north-1' }],
      }),
      SHANGHAI,
    );
    expect(ticket).toMatchObject({
      groupTag: 'mtg',
      labels: ['日志bug', 'k8s'],
      team: { nativeId: '2', name: 'SRE' },
      createdBy: { email: 'ops.admin@spotmax.example', name: null },
      assignedTo: null,
      notificationList: [
        { email: 'a@example.com', name: null },
        { email: 'b@example.com', name: null },
      ],
      contentType: 'markdown',
      content: '**pod** BackOff',
      rootCause: '镜像拉取超时',
      tips: 'Escalate to on-call',
      resources: [{ type: 'ec2', id: 'i-0abc', region: 'cn-north-1' }],
    });
  });

  it('reads leniently what the doc shows only once: labels as one string, null texts, no team, a numeric-string priority', () => {
    const ticket = ticketOf(docTicket({ labels: '日志bug, k8s', team_id: 0, tips: null, priority: '4', notification_list: null, updated_at: '' }), SHANGHAI);
    expect(ticket).toMatchObject({ labels: ['日志bug', 'k8s'], team: null, tips: null, priority: 'URGENT', vendorPriority: '4', notificationList: [], updatedAt: null });
  });

  it('refuses a ticket whose time is not a wall-clock time', () => {
    expect(rawTicket.safeParse({ ...(docTicket() as object), created_at: 'yesterday' }).success).toBe(false);
    expect(rawTicket.safeParse({ ...(docTicket() as object), created_at: '2023-02-30 10:00:00' }).success).toBe(false);
  });

  it('normalizes states and priorities as the schema documents', () => {
    expect(['new', 'open', 'pending', 'resolved', 'closed', ' Closed ', 'escalated'].map(statusOfState)).toEqual(['NEW', 'OPEN', 'PENDING', 'RESOLVED', 'CLOSED', 'CLOSED', 'OPEN']);
    expect(['1', '2', '3', '4', '0', '9', null].map(priorityOf)).toEqual(['LOW', 'NORMAL', 'HIGH', 'URGENT', 'NORMAL', 'NORMAL', null]);
    expect((['NEW', 'OPEN', 'PENDING', 'RESOLVED', 'CLOSED'] as const).map(stateOfStatus)).toEqual(['new', 'open', 'pending', 'resolved', 'closed']);
  });

  it('maps a company without a creation time', () => {
    expect(companyOf({ id: '3', name: ' OpsLab ', created_at: null }, SHANGHAI)).toEqual({ kind: 'MaxCloudCompany', source: 'MAXCLOUD', nativeId: '3', name: 'OpsLab', createdAt: null });
  });

  it('tells a token’s expiry only when the token says it (a JWT with exp)', () => {
    expect(expiryOf('a'.repeat(64))).toBeNull();
    const jwt = (payload: object) => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;
    expect(expiryOf(jwt({ exp: 1_700_000_000 }))).toBe('2023-11-14T22:13:20.000Z');
    expect(expiryOf(jwt({ sub: 'x' }))).toBeNull();
  });
});

describe('zonedTimeMillis', () => {
  it('reads China time at UTC+8', () => {
    expect(zonedIsoUtc('2023-05-11 16:34:54', SHANGHAI)).toBe('2023-05-11T08:34:54.000Z');
    expect(zonedIsoUtc('2023-05-11 16:34:54', 'UTC')).toBe('2023-05-11T16:34:54.000Z');
  });

  it('reads the hour a fall-back repeats as the later one, and a time a spring-forward skips with the old offset', () => {
    // Berlin: 29 Oct 2023 02:30 happens twice (CEST, then CET); 26 Mar 2023 02:30 never happens.
    expect(zonedIsoUtc('2023-10-29 02:30:00', 'Europe/Berlin')).toBe('2023-10-29T01:30:00.000Z');
    expect(zonedIsoUtc('2023-03-26 02:30:00', 'Europe/Berlin')).toBe('2023-03-26T01:30:00.000Z');
    expect(zonedIsoUtc('2023-03-26 03:30:00', 'Europe/Berlin')).toBe('2023-03-26T01:30:00.000Z');
  });

  it('gives the offset Intl gives at every instant, across the year’s changes, though it remembers steady days', () => {
    const formats = new Map<string, Intl.DateTimeFormat>();
    const direct = (epochMs: number, timeZone: string) => {
      if (!formats.has(timeZone)) formats.set(timeZone, new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }));
      const name = formats.get(timeZone)!.formatToParts(epochMs).find((p) => p.type === 'timeZoneName')!.value;
      const m = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name)!;
      return m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
    };
    // Half-hour and southern-hemisphere changes included (Lord Howe, Santiago), and a zone that never changes.
    for (const timeZone of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kathmandu']) {
      for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2024, 0, 1); t += 37 * 60_000) {
        if (zoneOffsetMinutes(t, timeZone) !== direct(t, timeZone)) throw new Error(`${timeZone} at ${new Date(t).toISOString()}`);
      }
    }
  });

  it('reads a value that carries its own zone as written, and an unreadable one as NaN', () => {
    expect(zonedTimeMillis('2023-05-11T16:34:54Z', SHANGHAI)).toBe(Date.parse('2023-05-11T16:34:54Z'));
    expect(zonedTimeMillis('11/05/2023', SHANGHAI)).toBeNaN();
  });

  it('knows IANA zones from other strings', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
