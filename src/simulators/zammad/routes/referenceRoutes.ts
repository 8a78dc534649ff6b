import type { Request, Router } from 'express';
import { permits } from '../permissions.js';
import { INDEX_PER_PAGE_DEFAULT, INDEX_PER_PAGE_MAX, pageOf, paginationOf, rubyToI } from '../pagination.js';
import { groupAttributes, groupExpanded, iso, priorityAttributes, stateAttributes, stateExpanded } from '../renderRecords.js';
import { actorOf, flag, paramsOf, type ZammadContext } from '../ZammadContext.js';
import { notAuthorized, notFound, recordInvalid } from '../ZammadError.js';

const page = <T>(req: Request, items: readonly T[]): T[] =>
  pageOf(items, paginationOf(req.query as Record<string, unknown>, { default: INDEX_PER_PAGE_DEFAULT, max: INDEX_PER_PAGE_MAX }));

function byId<T extends { id: number }>(model: string, items: readonly T[], raw: unknown): T {
  const found = /^\s*\d/.test(String(raw ?? '')) ? items.find((item) => item.id === rubyToI(raw)) : undefined;
  if (!found) throw notFound(model, String(raw ?? ''));
  return found;
}

/** Groups, ticket states, ticket priorities and roles: readable by every user; created by admins. */
export function registerReferenceRoutes(router: Router, ctx: ZammadContext): void {
  const { store } = ctx;

  router.get('/api/v1/groups', ...ctx.authed, (req, res) => {
    const render = flag(req.query.expand) ? groupExpanded : groupAttributes;
    res.json(page(req, store.groups()).map((g) => render(store, g)));
  });
  router.get('/api/v1/groups/:id', ...ctx.authed, (req, res) => {
    const group = byId('Group', store.groups(), req.params.id);
    res.json(flag(req.query.expand) ? groupExpanded(store, group) : groupAttributes(store, group));
  });
  router.post('/api/v1/groups', ...ctx.authed, (req, res) => {
    const { user } = actorOf(res);
    if (!permits(store, user, 'admin.group')) throw notAuthorized();
    const params = paramsOf(req);
    const name = String(params.name ?? '').trim();
    if (name === '') throw recordInvalid(["Name can't be blank"]);
    if (store.groups().some((g) => g.name.toLowerCase() === name.toLowerCase())) throw recordInvalid(['Name has already been taken']);
    const now = ctx.clock.now();
    const group = store.addGroup({
      name, active: params.active === undefined ? true : flag(params.active), note: String(params.note ?? ''), email_address_id: null, signature_id: null,
      assignment_timeout: null, follow_up_possible: 'yes', follow_up_assignment: true, created_by_id: user.id, updated_by_id: user.id, created_at: now, updated_at: now,
    });
    res.status(201).json(groupAttributes(store, group));
  });

  router.get('/api/v1/ticket_states', ...ctx.authed, (req, res) => {
    res.json(page(req, store.states).map((s) => (flag(req.query.expand) ? stateExpanded(store, s) : stateAttributes(s))));
  });
  router.get('/api/v1/ticket_states/:id', ...ctx.authed, (req, res) => {
    const state = byId('Ticket::State', store.states, req.params.id);
    res.json(flag(req.query.expand) ? stateExpanded(store, state) : stateAttributes(state));
  });
  router.post('/api/v1/ticket_states', ...ctx.authed, (req, res) => {
    if (!permits(store, actorOf(res).user, 'admin.object')) throw notAuthorized();
    const params = paramsOf(req);
    const name = String(params.name ?? '').trim();
    if (name === '') throw recordInvalid(["Name can't be blank"]);
    const stateTypeId = rubyToI(params.state_type_id);
    if (!store.stateTypes.some((t) => t.id === stateTypeId)) throw recordInvalid(['State type must exist']);
    const state = store.addState({
      name, state_type_id: stateTypeId, next_state_id: null, ignore_escalation: flag(params.ignore_escalation), default_create: false,
      default_follow_up: false, active: params.active === undefined ? true : flag(params.active), note: params.note === undefined ? null : String(params.note),
    });
    res.status(201).json(stateAttributes(state));
  });

  router.get('/api/v1/ticket_priorities', ...ctx.authed, (req, res) => void res.json(page(req, store.priorities).map(priorityAttributes)));
  router.get('/api/v1/ticket_priorities/:id', ...ctx.authed, (req, res) => {
    res.json(priorityAttributes(byId('Ticket::Priority', store.priorities, req.params.id)));
  });
  router.post('/api/v1/ticket_priorities', ...ctx.authed, (req, res) => {
    if (!permits(store, actorOf(res).user, 'admin.object')) throw notAuthorized();
    const params = paramsOf(req);
    const name = String(params.name ?? '').trim();
    if (name === '') throw recordInvalid(["Name can't be blank"]);
    const priority = store.addPriority({
      name, default_create: false, ui_icon: null, ui_color: null, active: params.active === undefined ? true : flag(params.active),
      note: params.note === undefined ? null : String(params.note),
    });
    res.status(201).json(priorityAttributes(priority));
  });

  const installedAt = iso(Date.UTC(2025, 2, 3, 8, 0, 0));
  const renderRole = (role: (typeof store.roles)[number]) => ({ ...role, active: true, default_at_signup: role.name === 'Customer', created_at: installedAt, updated_at: installedAt });
  router.get('/api/v1/roles', ...ctx.authed, (req, res) => void res.json(page(req, store.roles).map(renderRole)));
  router.get('/api/v1/roles/:id', ...ctx.authed, (req, res) => void res.json(renderRole(byId('Role', store.roles, req.params.id))));
}
