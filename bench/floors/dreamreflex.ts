/**
 * Dreamreflex floor. The ticket list pages up to 100 (`limit`) and shows the caller's own
 * tickets, so one list call answers `nodes` of any of them (the demo user has 25).
 */
import type { Call } from '../floorVendors.js';

export interface RawDreamreflexTicket {
  id: string;
  title: string;
  creator_email: string;
  responder_email: string | null;
  created_at: string;
}

export const dreamreflexTicketGlobalId = (nativeId: string) => Buffer.from(`DreamreflexTicket:DREAMREFLEX:${nativeId}`, 'utf8').toString('base64url');

/** The caller's newest `limit` tickets (at most 100). */
export function dreamreflexTickets(call: Call, limit: number): Promise<{ total: number; items: RawDreamreflexTicket[] }> {
  return call('GET', '/api/tickets', { query: { skip: 0, limit } });
}

/** `nodes` of tickets (the bench asks for 21): one list page of 100. Depth 1. */
export async function dreamreflexNodes(call: Call, variables: { ids: string[] }) {
  const page = await dreamreflexTickets(call, 100);
  const byId = new Map(page.items.map((t) => [dreamreflexTicketGlobalId(t.id), t]));
  return { nodes: variables.ids.map((id) => (byId.has(id) ? { id, title: byId.get(id)!.title } : null)) };
}
