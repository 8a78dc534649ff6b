import type { Request, Router } from 'express';
import { canReadOrganization, isAgent, permits } from '../permissions.js';
import { INDEX_PER_PAGE_DEFAULT, INDEX_PER_PAGE_MAX, pageOf, paginationOf, SEARCH_PER_PAGE_DEFAULT, SEARCH_PER_PAGE_MAX } from '../pagination.js';
import { findOrganization } from '../recordLookup.js';
import { organizationAttributes, organizationExpanded } from '../renderRecords.js';
import { organizationSearchDocument, organizationSearchSchema, organizationSortColumns } from '../searchDocuments.js';
import { searchRecords } from '../searchRecords.js';
import { actorOf, flag, paramsOf, type ZammadContext } from '../ZammadContext.js';
import { notAuthorized, recordInvalid } from '../ZammadError.js';
import type { OrganizationRecord, UserRecord } from '../ZammadRecords.js';

const render = (ctx: ZammadContext, req: Request, organization: OrganizationRecord) =>
  flag(paramsOf(req).expand) ? organizationExpanded(ctx.store, organization) : organizationAttributes(ctx.store, organization);

const mayEdit = (ctx: ZammadContext, user: UserRecord): boolean => permits(ctx.store, user, 'admin.organization') || isAgent(ctx.store, user);

/** Organization validations: a name, unique regardless of case. */
function checkName(ctx: ZammadContext, name: string, self?: OrganizationRecord): void {
  if (name.trim() === '') throw recordInvalid(["Name can't be blank"]);
  const taken = ctx.store.organizations().some((o) => o.id !== self?.id && o.name.toLowerCase() === name.trim().toLowerCase());
  if (taken) throw recordInvalid(['Name has already been taken']);
}

function apply(organization: OrganizationRecord, params: Record<string, unknown>): void {
  if (params.name !== undefined) organization.name = String(params.name).trim();
  if (params.shared !== undefined) organization.shared = flag(params.shared);
  if (params.domain !== undefined) organization.domain = String(params.domain ?? '');
  if (params.domain_assignment !== undefined) organization.domain_assignment = flag(params.domain_assignment);
  if (params.active !== undefined) organization.active = flag(params.active);
  if (params.note !== undefined) organization.note = String(params.note ?? '');
}

export function registerOrganizationRoutes(router: Router, ctx: ZammadContext): void {
  const { store } = ctx;

  /** Id ascending. Customers see only their own organization. */
  router.get('/api/v1/organizations', ...ctx.authed, (req, res) => {
    const { user } = actorOf(res);
    const visible = store.organizations().filter((o) => canReadOrganization(store, user, o));
    const page = pageOf(visible, paginationOf(req.query as Record<string, unknown>, { default: INDEX_PER_PAGE_DEFAULT, max: INDEX_PER_PAGE_MAX }));
    res.json(page.map((o) => render(ctx, req, o)));
  });

  router.get('/api/v1/organizations/search', ...ctx.authed, (req, res) => {
    const { user } = actorOf(res);
    if (!mayEdit(ctx, user)) throw notAuthorized();
    const params = paramsOf(req);
    const { page, total } = searchRecords(store.organizations(), (o) => organizationSearchDocument(store, o), organizationSearchSchema, {
      query: params.query ?? params.term,
      sortBy: params.sort_by ?? params['sort_by[]'],
      orderBy: params.order_by ?? params['order_by[]'],
      pagination: paginationOf(params, { default: SEARCH_PER_PAGE_DEFAULT, max: SEARCH_PER_PAGE_MAX }),
      defaultSortBy: 'updated_at',
      sortColumns: organizationSortColumns,
    }, ctx.clock.now());
    const records = page.map((o) => render(ctx, req, o));
    res.json(flag(params.with_total_count) ? { records, total_count: total } : records);
  });

  /**
   * A customer asking for another organization gets 403, except a customer without any
   * organization, who gets `{}` (a special case in OrganizationsController#show).
   */
  router.get('/api/v1/organizations/:id', ...ctx.authed, (req, res) => {
    const { user } = actorOf(res);
    const organization = findOrganization(store, req.params.id);
    if (!canReadOrganization(store, user, organization)) {
      if (user.organization_id === null) return void res.json({});
      throw notAuthorized();
    }
    res.json(render(ctx, req, organization));
  });

  router.post('/api/v1/organizations', ...ctx.authed, (req, res) => {
    const { user } = actorOf(res);
    if (!mayEdit(ctx, user)) throw notAuthorized();
    const params = paramsOf(req);
    checkName(ctx, String(params.name ?? ''));
    const now = ctx.clock.now();
    const organization = store.addOrganization({
      name: '', shared: true, domain: '', domain_assignment: false, active: true, note: '',
      created_by_id: user.id, updated_by_id: user.id, created_at: now, updated_at: now,
    });
    apply(organization, params);
    res.status(201).json(render(ctx, req, organization));
  });

  router.put('/api/v1/organizations/:id', ...ctx.authed, (req, res) => {
    const { user } = actorOf(res);
    const organization = findOrganization(store, req.params.id);
    if (!mayEdit(ctx, user)) throw notAuthorized();
    const params = paramsOf(req);
    if (params.name !== undefined) checkName(ctx, String(params.name ?? ''), organization);
    apply(organization, params);
    organization.updated_by_id = user.id;
    organization.updated_at = ctx.clock.now();
    res.json(render(ctx, req, organization));
  });
}
