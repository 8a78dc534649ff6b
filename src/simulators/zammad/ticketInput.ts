import { createArticle } from './articleInput.js';
import { hasGroupAccess, isAgent } from './permissions.js';
import { ROLE_CUSTOMER, STATE_CLOSED } from './referenceData.js';
import type { ZammadContext } from './ZammadContext.js';
import { internalError, noLookupValue, notAuthorized, recordInvalid, unprocessable, ZammadError } from './ZammadError.js';
import type { TicketRecord, UserRecord } from './ZammadRecords.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const given = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

/**
 * `association_name_to_id_convert`: `group: "Users"` becomes `group_id: 1`; a name that
 * matches nothing is a 422 "No lookup value found for 'group': \"Nope\"".
 */
function resolveId(idParam: unknown, nameParam: unknown, attribute: string, byId: (id: number) => boolean, byName: (name: string) => number | undefined): number | undefined {
  if (given(idParam)) {
    const id = Number(idParam);
    // A dangling id fails on the database's foreign key: masked like an internal error.
    if (!Number.isInteger(id) || !byId(id)) throw new ZammadError('statement_invalid', `PG::ForeignKeyViolation: ERROR: insert or update on table "tickets" violates foreign key constraint on ${attribute}_id`);
    return id;
  }
  if (!given(nameParam)) return undefined;
  const id = byName(String(nameParam));
  if (id === undefined) throw noLookupValue(attribute, nameParam);
  return id;
}

function ticketRefs(ctx: ZammadContext, params: Record<string, unknown>) {
  const { store } = ctx;
  const userByLogin = (value: string) => store.userByLoginOrEmail(value)?.id;
  return {
    groupId: resolveId(params.group_id, params.group, 'group', (id) => store.group(id) !== undefined, (name) => store.groups().find((g) => g.name === name)?.id),
    stateId: resolveId(params.state_id, params.state, 'state', (id) => store.state(id) !== undefined, (name) => store.states.find((s) => s.name === name)?.id),
    priorityId: resolveId(params.priority_id, params.priority, 'priority', (id) => store.priority(id) !== undefined, (name) => store.priorities.find((p) => p.name === name)?.id),
    ownerId: resolveId(params.owner_id, params.owner, 'owner', (id) => store.user(id) !== undefined, userByLogin),
  };
}

/** `customer_id: "guess:<email>"` finds the customer by e-mail or signs one up. */
function guessCustomer(ctx: ZammadContext, email: string, now: number): UserRecord {
  // TicketsController renders this one itself: `{error: …}` without `error_human`.
  if (!EMAIL.test(email)) throw new ZammadError('rendered', `Invalid email '${email}' of customer`);
  const existing = ctx.store.userByEmail(email);
  if (existing) return existing;
  return ctx.store.addUser({
    login: email.toLowerCase(), firstname: '', lastname: '', email, password: '', organization_id: null, active: true, vip: false,
    phone: '', mobile: '', note: '', role_ids: [ROLE_CUSTOMER], group_access: new Map(),
    created_by_id: 1, updated_by_id: 1, created_at: now, updated_at: now,
  });
}

function customerOf(ctx: ZammadContext, actor: UserRecord, params: Record<string, unknown>, now: number): UserRecord | undefined {
  // Customers always open tickets for themselves (TicketsController drops customer/owner params).
  if (!isAgent(ctx.store, actor)) return actor;
  const raw = params.customer_id;
  if (typeof raw === 'string') {
    const guess = /^guess:(.+)$/.exec(raw);
    if (guess) return guessCustomer(ctx, guess[1] ?? '', now);
  }
  const id = resolveId(raw, typeof params.customer === 'string' ? params.customer : undefined, 'customer', (n) => ctx.store.user(n) !== undefined, (v) => ctx.store.userByLoginOrEmail(v)?.id);
  return id === undefined ? undefined : ctx.store.user(id);
}

function readTags(value: unknown): string[] {
  if (!given(value)) return [];
  // Zammad calls `params[:tags].split(',')`: anything but a string is a NoMethodError, an HTTP 500.
  if (typeof value !== 'string') throw internalError(`undefined method 'split' for an instance of ${Array.isArray(value) ? 'Array' : 'Hash'}`);
  return value.split(',').map((t) => t.trim()).filter((t) => t !== '');
}

function readTime(value: unknown, attribute: string): number | null {
  if (value === null || value === '') return null;
  const ms = Date.parse(String(value));
  if (Number.isNaN(ms)) throw unprocessable(`Invalid value for param '${attribute}': ${JSON.stringify(value)}`);
  return ms;
}

/** TicketsController#create. */
export function createTicket(ctx: ZammadContext, actor: UserRecord, params: Record<string, unknown>): TicketRecord {
  const { store } = ctx;
  const now = ctx.clock.now();
  const agent = isAgent(store, actor);
  const refs = ticketRefs(ctx, agent ? params : { ...params, owner_id: undefined, owner: undefined });
  const tags = readTags(params.tags);
  const customer = customerOf(ctx, actor, params, now);

  // TicketPolicy#create? checks the group first, before any validation.
  if (refs.groupId === undefined) throw unprocessable("Group can't be blank");
  if (agent && !hasGroupAccess(store, actor, refs.groupId, 'create')) throw notAuthorized();
  const title = typeof params.title === 'string' ? params.title.trim() : params.title === undefined || params.title === null ? '' : String(params.title);
  if (title === '') throw recordInvalid(["Title can't be blank"]);
  // The column is NOT NULL: without a customer the insert fails and Zammad names the column.
  if (!customer) throw unprocessable("Attribute 'customer_id' required!");

  const stateId = refs.stateId ?? store.states.find((s) => s.default_create)?.id ?? 1;
  const ticket = store.addTicket({
    title,
    group_id: refs.groupId,
    priority_id: refs.priorityId ?? store.priorities.find((p) => p.default_create)?.id ?? 2,
    state_id: stateId,
    organization_id: customer.organization_id,
    owner_id: refs.ownerId ?? 1,
    customer_id: customer.id,
    note: given(params.note) ? String(params.note) : null,
    first_response_at: null,
    close_at: stateId === STATE_CLOSED ? now : null,
    last_contact_at: null,
    create_article_type_id: null,
    create_article_sender_id: null,
    escalation_at: null,
    pending_time: params.pending_time === undefined ? null : readTime(params.pending_time, 'pending_time'),
    created_by_id: actor.id,
    updated_by_id: actor.id,
    created_at: now,
    updated_at: now,
    tags: [],
  });
  for (const tag of tags) if (!ticket.tags.includes(tag)) ticket.tags.push(tag);
  if (params.article !== undefined && params.article !== null && typeof params.article === 'object') {
    try {
      createArticle(ctx, actor, ticket, params.article as Record<string, unknown>);
    } catch (err) {
      // Zammad wraps the whole create in one transaction: a bad article leaves no ticket behind.
      store.removeTicket(ticket.id);
      throw err;
    }
  }
  return ticket;
}

/** TicketsController#update: a partial update; customers cannot move owner, customer or organization. */
export function updateTicket(ctx: ZammadContext, actor: UserRecord, ticket: TicketRecord, params: Record<string, unknown>): void {
  const { store } = ctx;
  const agent = isAgent(store, actor);
  const refs = ticketRefs(ctx, agent ? params : { ...params, owner_id: undefined, owner: undefined });
  let title = ticket.title;
  if (params.title !== undefined) {
    title = params.title === null ? '' : String(params.title).trim();
    if (title === '') throw recordInvalid(["Title can't be blank"]);
  }
  let customerId = ticket.customer_id;
  if (agent && (given(params.customer_id) || typeof params.customer === 'string')) {
    const customer = customerOf(ctx, actor, params, ctx.clock.now());
    if (customer) customerId = customer.id;
  }
  const pendingTime = params.pending_time === undefined ? ticket.pending_time : readTime(params.pending_time, 'pending_time');
  const article = params.article !== undefined && params.article !== null && typeof params.article === 'object' ? (params.article as Record<string, unknown>) : undefined;
  if (article && (article.body === undefined || article.body === null)) throw unprocessable("Need at least an 'article body' field.");

  const now = ctx.clock.now();
  const before: TicketRecord = { ...ticket, tags: [...ticket.tags] };
  const previousState = ticket.state_id;
  ticket.title = title;
  if (refs.groupId !== undefined) ticket.group_id = refs.groupId;
  if (refs.stateId !== undefined) ticket.state_id = refs.stateId;
  if (refs.priorityId !== undefined) ticket.priority_id = refs.priorityId;
  if (refs.ownerId !== undefined) ticket.owner_id = refs.ownerId;
  if (customerId !== ticket.customer_id) {
    ticket.customer_id = customerId;
    ticket.organization_id = store.user(customerId)?.organization_id ?? null;
  }
  if (params.note !== undefined) ticket.note = params.note === null ? null : String(params.note);
  ticket.pending_time = pendingTime;
  if (ticket.state_id === STATE_CLOSED && previousState !== STATE_CLOSED) ticket.close_at = now;
  ticket.updated_at = now;
  ticket.updated_by_id = actor.id;
  if (!article) return;
  try {
    createArticle(ctx, actor, ticket, article);
  } catch (err) {
    // The update and its article share one transaction in Zammad: roll the ticket back.
    Object.assign(ticket, before);
    throw err;
  }
}
