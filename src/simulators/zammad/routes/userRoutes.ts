import type { Request, Response, Router } from 'express';
import { canChangeUser, canReadUser, isAgent, permits } from '../permissions.js';
import { pageOf, paginationOf, SEARCH_PER_PAGE_DEFAULT, SEARCH_PER_PAGE_MAX, USERS_PER_PAGE_DEFAULT, USERS_PER_PAGE_MAX } from '../pagination.js';
import { findUser } from '../recordLookup.js';
import { userAttributes, userExpanded } from '../renderRecords.js';
import { userSearchDocument, userSearchSchema, userSortColumns } from '../searchDocuments.js';
import { searchRecords } from '../searchRecords.js';
import { createUser, updateUser } from '../userInput.js';
import { actorOf, flag, paramsOf, type ZammadContext } from '../ZammadContext.js';
import { notAuthorized, unprocessable } from '../ZammadError.js';
import type { UserRecord } from '../ZammadRecords.js';

const render = (ctx: ZammadContext, req: Request, user: UserRecord) =>
  flag(paramsOf(req).expand) ? userExpanded(ctx.store, user) : userAttributes(user);

function search(ctx: ZammadContext, req: Request, res: Response): void {
  const { store } = ctx;
  const { user } = actorOf(res);
  if (!isAgent(store, user) && !permits(store, user, 'admin.user')) throw notAuthorized();
  const params = paramsOf(req);
  const roleFilter = [params.role_ids ?? params['role_ids[]']].flat().filter((v) => v !== undefined && v !== '').map(Number);
  // The system user "-" (id 1) is never a search hit.
  const candidates = store.users().filter((u) => u.id !== 1 && (roleFilter.length === 0 || u.role_ids.some((id) => roleFilter.includes(id))));
  const { page, total } = searchRecords(candidates, (u) => userSearchDocument(store, u), userSearchSchema, {
    query: params.query ?? params.term,
    sortBy: params.sort_by ?? params['sort_by[]'],
    orderBy: params.order_by ?? params['order_by[]'],
    pagination: paginationOf(params, { default: SEARCH_PER_PAGE_DEFAULT, max: SEARCH_PER_PAGE_MAX }),
    defaultSortBy: 'updated_at',
    sortColumns: userSortColumns,
  }, ctx.clock.now());
  const records = page.map((u) => (flag(params.expand) ? userExpanded(store, u) : userAttributes(u)));
  res.json(flag(params.with_total_count) ? { records, total_count: total } : records);
}

export function registerUserRoutes(router: Router, ctx: ZammadContext): void {
  const { store } = ctx;

  /** Id ascending; customers get only themselves. */
  router.get('/api/v1/users', ...ctx.authed, (req, res) => {
    const { user } = actorOf(res);
    const all = isAgent(store, user) || permits(store, user, 'admin.user') ? store.users() : [user];
    const page = pageOf(all, paginationOf(req.query as Record<string, unknown>, { default: USERS_PER_PAGE_DEFAULT, max: USERS_PER_PAGE_MAX }));
    res.json(page.map((u) => render(ctx, req, u)));
  });

  router.get('/api/v1/users/me', ...ctx.authed, (req, res) => void res.json(render(ctx, req, actorOf(res).user)));

  router.get('/api/v1/users/search', ...ctx.authed, (req, res) => search(ctx, req, res));
  router.post('/api/v1/users/search', ...ctx.authed, (req, res) => search(ctx, req, res));

  router.get('/api/v1/users/:id', ...ctx.authed, (req, res) => {
    const target = findUser(store, req.params.id);
    if (!canReadUser(store, actorOf(res).user, target)) throw notAuthorized();
    res.json(render(ctx, req, target));
  });

  router.post('/api/v1/users', ...ctx.authed, (req, res) => {
    const created = createUser(ctx, actorOf(res).user, paramsOf(req));
    res.status(201).json(render(ctx, req, created));
  });

  router.put('/api/v1/users/:id', ...ctx.authed, (req, res) => {
    const { user } = actorOf(res);
    const target = findUser(store, req.params.id);
    if (!canChangeUser(store, user, target)) throw notAuthorized();
    updateUser(ctx, user, target, paramsOf(req));
    res.json(render(ctx, req, target));
  });

  /** User admins only; a user still referenced by tickets or articles cannot go. Answers `{}`. */
  router.delete('/api/v1/users/:id', ...ctx.authed, (req, res) => {
    const { user } = actorOf(res);
    const target = findUser(store, req.params.id);
    if (!permits(store, user, 'admin.user')) throw notAuthorized();
    const referenced = target.id === 1 || store.tickets().some((t) =>
      t.customer_id === target.id || t.owner_id === target.id || t.created_by_id === target.id || t.updated_by_id === target.id
      || store.articlesOf(t.id).some((a) => a.created_by_id === target.id));
    if (referenced) throw unprocessable("Can't delete, object has references.");
    store.removeUser(target.id);
    res.json({});
  });
}
