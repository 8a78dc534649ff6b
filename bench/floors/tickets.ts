/**
 * The cross-vendor floor: 50 tickets merged newest first from MaxCloud, Zammad and Dreamreflex,
 * each ticket with its people's e-mail addresses. One read of 50 per vendor, all three in
 * parallel (Zammad's people come in the search's `assets`). Depth 1.
 */
import type { Call, FloorVendors } from '../floorVendors.js';
import { dreamreflexTicketGlobalId, dreamreflexTickets } from './dreamreflex.js';
import { maxCloudSearch, maxCloudTicketGlobalId } from './maxcloud.js';
import { NOBODY, zammadSearch, zammadTicketGlobalId } from './zammad.js';

interface Merged {
  source: string;
  createdAt: string;
  node: { id: string; title: string; createdAt: string; people: { email: string }[] };
}

const uniqueEmails = (emails: (string | null | undefined)[]) =>
  [...new Set(emails.flatMap((e) => (e && e.trim() !== '' ? [e.trim().toLowerCase()] : [])))].map((email) => ({ email }));

/** MaxCloud writes China time without a zone (the gateway's default zone, Asia/Shanghai, has no DST). */
const chinaTime = (text: string) => new Date(`${text.replace(' ', 'T')}+08:00`).toISOString();
/** Dreamreflex writes UTC, sometimes without the `Z`. */
const naiveUtc = (text: string) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`).toISOString();

async function fromMaxCloud(call: Call, first: number): Promise<Merged[]> {
  const { tickets } = await maxCloudSearch(call, first);
  return tickets.map((t) => {
    const createdAt = chinaTime(t.created_at);
    return { source: 'MAXCLOUD', createdAt, node: { id: maxCloudTicketGlobalId(t.id), title: t.subject, createdAt, people: uniqueEmails([t.created_by, t.assigned_to]) } };
  });
}

async function fromZammad(call: Call, first: number): Promise<Merged[]> {
  const { tickets, assets } = await zammadSearch(call, first);
  const email = (id: number | null) => (id === null || id === NOBODY ? null : assets.User?.[String(id)]?.email);
  return tickets.map((id) => {
    const t = assets.Ticket![String(id)]!;
    const createdAt = new Date(t.created_at).toISOString();
    return {
      source: 'ZAMMAD',
      createdAt,
      node: { id: zammadTicketGlobalId(t.id), title: t.title, createdAt, people: uniqueEmails([email(t.created_by_id), email(t.customer_id), email(t.owner_id)]) },
    };
  });
}

async function fromDreamreflex(call: Call, first: number): Promise<Merged[]> {
  const { items } = await dreamreflexTickets(call, first);
  return items.map((t) => {
    const createdAt = naiveUtc(t.created_at);
    return { source: 'DREAMREFLEX', createdAt, node: { id: dreamreflexTicketGlobalId(t.id), title: t.title, createdAt, people: uniqueEmails([t.creator_email, t.responder_email]) } };
  });
}

export async function mergedTickets(vendors: FloorVendors) {
  const first = 50;
  const lists = await Promise.all([fromMaxCloud(vendors.maxcloud, first), fromZammad(vendors.zammad, first), fromDreamreflex(vendors.dreamreflex, first)]);
  // Newest first; at the same instant by source name, each vendor's own order kept (a stable sort of the concatenation).
  const all = lists.flat().sort((a, b) => (a.createdAt !== b.createdAt ? (a.createdAt > b.createdAt ? -1 : 1) : a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  return { tickets: { nodes: all.slice(0, first).map((m) => m.node) } };
}
