import type { Request, Response, Router } from 'express';
import { canChangeTicket, canReadArticle, canReadTicket, hasGroupAccess, isAdmin } from '../permissions.js';
import { paginationOf, pageOf, SEARCH_PER_PAGE_DEFAULT, SEARCH_PER_PAGE_MAX, TICKETS_PER_PAGE_DEFAULT, TICKETS_PER_PAGE_MAX } from '../pagination.js';
import { findReadableTicket, findTicket } from '../recordLookup.js';
import { ticketAttributes, ticketExpanded } from '../renderRecords.js';
import { ticketSearchDocument, ticketSearchSchema, ticketSortColumns } from '../searchDocuments.js';
import { searchRecords } from '../searchRecords.js';
import { addArticleAssets, addTicketAssets, type Assets } from '../ticketAssets.js';
import { createTicket, updateTicket } from '../ticketInput.js';
import { actorOf, flag, paramsOf, type ZammadContext } from '../ZammadContext.js';
import { notAuthorized } from '../ZammadError.js';
import type { TicketRecord, UserRecord } from '../ZammadRecords.js';

/** TicketsController#ticket_all: the ticket with its visible articles, tags and everything they reference. */
function ticketAll(ctx: ZammadContext, user: UserRecord, ticket: TicketRecord) {
  const assets: Assets = {};
  addTicketAssets(ctx.store, assets, ticket);
  const articles = ctx.store.articlesOf(ticket.id).filter((a) => canReadArticle(ctx.store, user, ticket, a));
  for (const article of articles) addArticleAssets(ctx.store, assets, article);
  return { ticket_id: ticket.id, ticket_article_ids: articles.map((a) => a.id), assets, links: [], tags: [...ticket.tags], mentions: [] };
}

/** One ticket in the shape the request asked for (`expand`, `all`, `full`, or plain attributes). */
function renderTicket(ctx: ZammadContext, req: Request, user: UserRecord, ticket: TicketRecord): unknown {
  const params = req.query as Record<string, unknown>;
  if (flag(params.expand)) return ticketExpanded(ctx.store, ticket);
  if (flag(params.full)) return { id: ticket.id, assets: addTicketAssets(ctx.store, {}, ticket) };
  if (flag(params.all)) return ticketAll(ctx, user, ticket);
  return ticketAttributes(ctx.store, ticket);
}

function search(ctx: ZammadContext, req: Request, res: Response): void {
  const { store } = ctx;
  const { user } = actorOf(res);
  const params = paramsOf(req);
  const readable = store.tickets().filter((t) => canReadTicket(store, user, t));
  const { page, total } = searchRecords(
    readable,
    (t) => ticketSearchDocument(store, t, hasGroupAccess(store, user, t.group_id, 'read')),
    ticketSearchSchema,
    {
      query: params.query,
      sortBy: params.sort_by ?? params['sort_by[]'],
      orderBy: params.order_by ?? params['order_by[]'],
      pagination: paginationOf(params, { default: SEARCH_PER_PAGE_DEFAULT, max: SEARCH_PER_PAGE_MAX }),
      defaultSortBy: 'updated_at',
      sortColumns: ticketSortColumns,
    },
    ctx.clock.now(),
  );
  // Only newer Zammad versions answer `with_total_count` on ticket search; older ones ignore it.
  const withTotal = ctx.ticketSearchTotalCount && flag(params.with_total_count);
  if (flag(params.expand)) {
    const records = page.map((t) => ticketExpanded(store, t));
    res.json(withTotal ? { records, total_count: total } : records);
    return;
  }
  const assets: Assets = {};
  for (const ticket of page) addTicketAssets(store, assets, ticket);
  // `tickets_count` is the size of this page, not the number of matches.
  res.json({ tickets: page.map((t) => t.id), tickets_count: page.length, ...(withTotal ? { total_count: total } : {}), assets });
}

export function registerTicketRoutes(router: Router, ctx: ZammadContext): void {
  const { store } = ctx;

  /** Its own controller: always id ascending, a plain array; `sort_by`, `order_by` and `with_total_count` are ignored. */
  router.get('/api/v1/tickets', ...ctx.authed, (req, res) => {
    const { user } = actorOf(res);
    const params = req.query as Record<string, unknown>;
    const tickets = pageOf(
      store.tickets().filter((t) => canReadTicket(store, user, t)),
      paginationOf(params, { default: TICKETS_PER_PAGE_DEFAULT, max: TICKETS_PER_PAGE_MAX }),
    );
    if (flag(params.expand)) return void res.json(tickets.map((t) => ticketExpanded(store, t)));
    if (flag(params.full)) {
      const assets: Assets = {};
      for (const ticket of tickets) addTicketAssets(store, assets, ticket);
      return void res.json({ record_ids: tickets.map((t) => t.id), assets });
    }
    res.json(tickets.map((t) => ticketAttributes(store, t)));
  });

  router.get('/api/v1/tickets/search', ...ctx.authed, (req, res) => search(ctx, req, res));
  router.post('/api/v1/tickets/search', ...ctx.authed, (req, res) => search(ctx, req, res));

  router.get('/api/v1/tickets/:id', ...ctx.authed, (req, res) => {
    const { user } = actorOf(res);
    const ticket = findReadableTicket(store, user, req.params.id);
    res.json(renderTicket(ctx, req, user, ticket));
  });

  router.post('/api/v1/tickets', ...ctx.authed, (req, res) => {
    const { user } = actorOf(res);
    const ticket = createTicket(ctx, user, paramsOf(req));
    res.status(201).json(renderTicket(ctx, req, user, ticket));
  });

  router.put('/api/v1/tickets/:id', ...ctx.authed, (req, res) => {
    const { user } = actorOf(res);
    const ticket = findReadableTicket(store, user, req.params.id);
    if (!canChangeTicket(store, user, ticket)) throw notAuthorized();
    updateTicket(ctx, user, ticket, paramsOf(req));
    res.json(renderTicket(ctx, req, user, ticket));
  });

  /** Admins only; Zammad answers `head :ok`: status 200 and no body at all. */
  router.delete('/api/v1/tickets/:id', ...ctx.authed, (req, res) => {
    const { user } = actorOf(res);
    const ticket = findTicket(store, req.params.id);
    if (!isAdmin(store, user)) throw notAuthorized();
    store.removeTicket(ticket.id);
    res.status(200).end();
  });
}
