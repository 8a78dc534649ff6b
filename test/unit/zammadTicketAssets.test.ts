import { describe, expect, it } from '@jest/globals';
import { namedTicket, ticketAssetsOf, ticketPriorityOf, ticketStateOf } from '../../src/vendors/zammad/mapping.js';
import type { ZammadTicketNeeds } from '../../src/models.js';
import { planTicketRead } from '../../src/vendors/zammad/ticketReadPlan.js';
import { rawTicketPriority, rawTicketSearchAssets, rawTicketState } from '../../src/vendors/zammad/types.js';
import { fixture } from '../support/fixtures.js';

/** A ticket search answered without `expand`, built from the docs' own records. */
function searchAnswer() {
  const { group: _g, state: _s, priority: _p, owner: _o, customer: _c, organization: _org, created_by: _cb, updated_by: _ub, ...ticket } = fixture('zammad', 'ticket') as Record<string, unknown>;
  const customer = fixture('zammad', 'user') as Record<string, unknown>;
  const [group] = fixture('zammad', 'groups') as Record<string, unknown>[];
  return {
    tickets: [42],
    tickets_count: 1,
    assets: {
      Ticket: { '42': ticket },
      User: {
        '7': { ...customer, roles: undefined },
        // What Zammad leaves a customer of an agent: ID and names.
        '5': { id: 5, firstname: 'Anna', lastname: 'Agent', image: null, active: true },
      },
      Organization: { '3': fixture('zammad', 'organization') },
      // A group as a customer sees it: trimmed, but named.
      Group: { '1': { id: 1, name: (group as { name: string }).name, active: true } },
      Role: { '3': { id: 3, name: 'Customer' } },
    },
  };
}

describe('a Zammad ticket search answered with assets', () => {
  it('reads the tickets, and takes the users, organizations and groups that are whole records', () => {
    const found = ticketAssetsOf(rawTicketSearchAssets.parse(searchAnswer()));
    expect(found.total).toBeNull();
    expect(found.tickets.map((t) => [t.nativeId, t.group.name, t.state.name, t.priority.name, t.normalizedPriority])).toEqual([['42', 'Users', null, null, null]]);
    // The trimmed agent is left to its by-ID read; the customer is named its roles from the assets' roles.
    expect(found.users.map((u) => [u.nativeId, u.email, u.roles])).toEqual([['7', 'nicole.braun@zammad.org', ['Customer']]]);
    expect(found.organizations.map((o) => o.nativeId)).toEqual(['3']);
    // Named, but without its detail: the group list answers that.
    expect(found.groups).toEqual([]);
  });

  it('refuses an answer that lists a ticket its assets lack', () => {
    const answer = searchAnswer();
    expect(rawTicketSearchAssets.safeParse({ ...answer, tickets: [42, 43] }).success).toBe(false);
  });

  it('names a ticket’s state and priority after the lists', () => {
    const [ticket] = ticketAssetsOf(rawTicketSearchAssets.parse(searchAnswer())).tickets;
    const states = (fixture('zammad', 'ticket-states') as unknown[]).map((s) => ticketStateOf(rawTicketState.parse(s)));
    const priorities = (fixture('zammad', 'ticket-priorities') as unknown[]).map((p) => ticketPriorityOf(rawTicketPriority.parse(p)));
    const named = namedTicket(ticket!, states, priorities);
    expect(named.state).toEqual(states.find((s) => s.nativeId === '2'));
    expect(named.priority.name).toBe(priorities.find((p) => p.nativeId === '2')!.name);
    expect(named.normalizedPriority).toBe('NORMAL');
    expect(namedTicket(ticket!, null, null)).toBe(ticket);
  });
});

describe('planTicketRead', () => {
  const none: ZammadTicketNeeds = { people: false, groupDetail: false, stateName: false, stateDetail: false, priorityName: false, priorityDetail: false };

  it.each<[string, Partial<ZammadTicketNeeds>, ReturnType<typeof planTicketRead>]>([
    ['ticket fields only', {}, { variant: 'expanded', lists: [] }],
    ['names only', { stateName: true, priorityName: true }, { variant: 'expanded', lists: [] }],
    ['people', { people: true }, { variant: 'assets', lists: [] }],
    ['people and names', { people: true, stateName: true, priorityName: true }, { variant: 'assets', lists: ['states', 'priorities'] }],
    ['a group’s detail', { groupDetail: true }, { variant: 'assets', lists: [] }],
    ['a group’s detail and the status', { groupDetail: true, stateDetail: true }, { variant: 'assets', lists: ['states'] }],
    ['a group’s detail and the state’s name', { groupDetail: true, stateName: true }, { variant: 'expanded', lists: ['groups'] }],
    ['the status', { stateDetail: true }, { variant: 'expanded', lists: ['states'] }],
  ])('reads %s the cheapest way', (_what, needs, plan) => {
    expect(planTicketRead({ ...none, ...needs })).toEqual(plan);
  });

  it('reads with assets, and no lists, when it is not told what the query needs', () => {
    expect(planTicketRead(undefined)).toEqual({ variant: 'assets', lists: [] });
  });
});
