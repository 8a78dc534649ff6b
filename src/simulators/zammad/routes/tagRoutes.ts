import type { Router } from 'express';
import { hasGroupAccess } from '../permissions.js';
import { findTicket } from '../recordLookup.js';
import { actorOf, paramsOf, type ZammadContext } from '../ZammadContext.js';
import { notAuthorized, unprocessable } from '../ZammadError.js';
import type { TicketRecord, UserRecord } from '../ZammadRecords.js';

/** Only ticket tags are simulated. Tags are an agent tool: customers get 403 even on their own tickets. */
function taggedTicket(ctx: ZammadContext, user: UserRecord, params: Record<string, unknown>, access: 'read' | 'change'): TicketRecord {
  if (params.object !== 'Ticket') throw unprocessable(`Invalid object '${String(params.object ?? '')}'`);
  const ticket = findTicket(ctx.store, params.o_id);
  if (!hasGroupAccess(ctx.store, user, ticket.group_id, access)) throw notAuthorized();
  return ticket;
}

function itemOf(params: Record<string, unknown>): string {
  const item = typeof params.item === 'string' ? params.item.trim() : '';
  if (item === '') throw unprocessable("Need 'item' param");
  return item;
}

export function registerTagRoutes(router: Router, ctx: ZammadContext): void {
  router.get('/api/v1/tags', ...ctx.authed, (req, res) => {
    const ticket = taggedTicket(ctx, actorOf(res).user, paramsOf(req), 'read');
    res.json({ tags: [...ticket.tags] });
  });

  /** Answers `true` with 201 Created, also when the ticket already had the tag. */
  router.post('/api/v1/tags/add', ...ctx.authed, (req, res) => {
    const params = paramsOf(req);
    const ticket = taggedTicket(ctx, actorOf(res).user, params, 'change');
    const item = itemOf(params);
    if (!ticket.tags.includes(item)) {
      ticket.tags.push(item);
      ctx.store.tagItemId(item);
      ticket.updated_at = ctx.clock.now();
    }
    res.status(201).json(true);
  });

  router.delete('/api/v1/tags/remove', ...ctx.authed, (req, res) => {
    const params = paramsOf(req);
    const ticket = taggedTicket(ctx, actorOf(res).user, params, 'change');
    const item = itemOf(params);
    if (ticket.tags.includes(item)) {
      ticket.tags = ticket.tags.filter((t) => t !== item);
      ticket.updated_at = ctx.clock.now();
    }
    res.json(true);
  });

  /** Tag names containing `term` (case-insensitive), alphabetical; `[{id, value}]`. */
  router.get('/api/v1/tag_search', ...ctx.authed, (req, res) => {
    const term = typeof req.query.term === 'string' ? req.query.term.trim().toLowerCase() : '';
    const limit = Number(req.query.limit ?? 10) || 10;
    const items = ctx.store.tagItems()
      .filter((t) => t.name.toLowerCase().includes(term))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .slice(0, limit);
    res.json(items.map((t) => ({ id: t.id, value: t.name })));
  });
}
