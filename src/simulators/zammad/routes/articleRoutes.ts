import type { Router } from 'express';
import { createArticle } from '../articleInput.js';
import { canChangeTicket, canReadArticle } from '../permissions.js';
import { findArticle, findReadableTicket, findTicket } from '../recordLookup.js';
import { articleAttributes } from '../renderRecords.js';
import { actorOf, paramsOf, type ZammadContext } from '../ZammadContext.js';
import { notAuthorized, ZammadError } from '../ZammadError.js';

export function registerArticleRoutes(router: Router, ctx: ZammadContext): void {
  const { store } = ctx;

  /** All of a ticket's articles the caller may see, oldest first, never paginated. */
  router.get('/api/v1/ticket_articles/by_ticket/:ticket_id', ...ctx.authed, (req, res) => {
    const { user } = actorOf(res);
    const ticket = findReadableTicket(store, user, req.params.ticket_id);
    res.json(store.articlesOf(ticket.id).filter((a) => canReadArticle(store, user, ticket, a)).map((a) => articleAttributes(store, a)));
  });

  router.get('/api/v1/ticket_articles/:id', ...ctx.authed, (req, res) => {
    const { user } = actorOf(res);
    const article = findArticle(store, req.params.id);
    const ticket = findTicket(store, article.ticket_id);
    if (!canReadArticle(store, user, ticket, article)) throw notAuthorized();
    res.json(articleAttributes(store, article));
  });

  router.post('/api/v1/ticket_articles', ...ctx.authed, (req, res) => {
    const { user } = actorOf(res);
    const params = paramsOf(req);
    const ticket = findReadableTicket(store, user, params.ticket_id);
    if (!canChangeTicket(store, user, ticket)) throw notAuthorized();
    const article = createArticle(ctx, user, ticket, params);
    res.status(201).json(articleAttributes(store, article));
  });

  /**
   * The raw bytes of an attachment, with its stored content type. Zammad answers a ticket/article
   * mismatch and a file of another article with 401s (Exceptions::NotAuthorized), not 404s.
   */
  router.get('/api/v1/ticket_attachment/:ticket_id/:article_id/:id', ...ctx.authed, (req, res) => {
    const { user } = actorOf(res);
    const ticket = findReadableTicket(store, user, req.params.ticket_id);
    const article = findArticle(store, req.params.article_id);
    if (article.ticket_id !== ticket.id) throw new ZammadError('unauthorized', 'No access, article_id/ticket_id is not matching.');
    if (!canReadArticle(store, user, ticket, article)) throw notAuthorized();
    const file = article.attachments.find((a) => String(a.id) === req.params.id);
    if (!file) throw new ZammadError('unauthorized', 'Requested file id is not linked with article_id.');
    const disposition = req.query.disposition === 'inline' ? 'inline' : 'attachment';
    res.attachment(file.filename);
    if (disposition === 'inline') res.set('Content-Disposition', (res.get('Content-Disposition') ?? '').replace(/^attachment/, 'inline'));
    res.set('Content-Type', file.preferences['Content-Type'] ?? file.preferences['Mime-Type'] ?? 'application/octet-stream');
    res.status(200).send(file.content);
  });
}
