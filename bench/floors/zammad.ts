/**
 * Zammad floor. Ticket search without `expand` answers with `assets`: the page's tickets and
 * every user, organization and group they reference, so one call answers a ticket page with its
 * customer, owner and group.
 */
import type { Call } from '../floorVendors.js';

export interface ZammadSearch {
  tickets: number[];
  assets: {
    Ticket?: Record<string, { id: number; number: string; title: string; group_id: number; owner_id: number | null; customer_id: number; created_by_id: number; created_at: string }>;
    User?: Record<string, { id: number; login: string; email: string | null }>;
    Group?: Record<string, { id: number; name: string }>;
  };
}

/** Zammad's user 1 is the "-" placeholder: an owner_id of 1 means nobody owns the ticket. */
export const NOBODY = 1;

export const zammadTicketGlobalId = (nativeId: number) => Buffer.from(`ZammadTicket:ZAMMAD:${nativeId}`, 'utf8').toString('base64url');

/** The newest `perPage` tickets the caller may see, with their assets. */
export function zammadSearch(call: Call, perPage: number): Promise<ZammadSearch> {
  return call('GET', '/api/v1/tickets/search', { query: { query: '*', page: 1, per_page: perPage, sort_by: 'created_at', order_by: 'desc' } });
}

/** A ticket page of 20 with customer, owner and group: one search. Depth 1. */
export async function zammadTicketPage(call: Call) {
  const { tickets, assets } = await zammadSearch(call, 20);
  const user = (id: number | null) => {
    const u = id === null ? undefined : assets.User?.[String(id)];
    return u ? { login: u.login, email: u.email || null } : null;
  };
  return {
    zammadTickets: {
      nodes: tickets.map((id) => {
        const t = assets.Ticket![String(id)]!;
        const group = assets.Group?.[String(t.group_id)];
        return {
          id: zammadTicketGlobalId(t.id),
          number: t.number,
          title: t.title,
          customerUser: user(t.customer_id),
          owner: t.owner_id === NOBODY ? null : user(t.owner_id),
          group: group ? { name: group.name } : null,
        };
      }),
    },
  };
}
