/** MaxCloud floor: one ticket search answers a page (up to MaxCloud's page size). */
import type { Call } from '../floorVendors.js';

export interface RawMaxCloudTicket {
  id: number;
  subject: string;
  created_by: string;
  assigned_to: string;
  created_at: string;
}

export const maxCloudTicketGlobalId = (nativeId: number) => Buffer.from(`MaxCloudTicket:MAXCLOUD:${nativeId}`, 'utf8').toString('base64url');

/** The company's newest `pageSize` tickets. */
export async function maxCloudSearch(call: Call, pageSize: number): Promise<{ total: number; tickets: RawMaxCloudTicket[] }> {
  const envelope = await call<{ status: number; err_code?: number; message?: string; data: { total: number; tickets: RawMaxCloudTicket[] } }>('POST', '/api/tickets/search', {
    body: { page: 1, page_size: pageSize, query: '' },
  });
  if (envelope.err_code) throw new Error(`MaxCloud search: ${envelope.message ?? envelope.err_code}`);
  return envelope.data;
}

/** A page of 50 tickets with their creator and assignee: one search. Depth 1. */
export async function maxCloudTicketPage(call: Call) {
  const { tickets } = await maxCloudSearch(call, 50);
  const person = (email: string) => (email.trim() === '' ? null : { email: email.trim().toLowerCase() });
  return { maxCloudTickets: { nodes: tickets.map((t) => ({ id: maxCloudTicketGlobalId(t.id), title: t.subject, creator: person(t.created_by), assignee: person(t.assigned_to) })) } };
}
