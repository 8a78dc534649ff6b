import type { LimitFunction } from 'p-limit';
import { ignoreBatches, type BatchObserver } from '../shared/observedBatch.js';
import { BadUserInputError, ErrorCode, NotFoundError, TesseraError } from '../../errors.js';
import type {
  Page,
  TicketPriority,
  TicketStatus,
  ZammadArticleModel,
  ZammadAttachmentModel,
  ZammadGroupModel,
  ZammadOrganizationModel,
  ZammadTicketModel,
  ZammadTicketNeeds,
  ZammadTicketPriorityModel,
  ZammadTicketStateModel,
  ZammadUserModel,
} from '../../models.js';
import { readNumberedPages, type NumberedSlice, type PageRequest } from '../../pagination.js';
import { ZAMMAD_MAX_PER_PAGE, type TicketSearchParams, type ZammadAuth, type ZammadClient } from './client.js';
import { onePageWindow } from '../shared/onePageWindow.js';
import { replaceInLoader } from '../shared/primeLoader.js';
import type { PersonRole, TicketFeed } from '../shared/TicketFeed.js';
import { createZammadLoaders, isZammadId, type ZammadLoaders, type ZammadPage } from './loaders.js';
import {
  articleBody,
  articleOf,
  checkTag,
  namedTicket,
  newTicketBody,
  priorityOfName,
  statusOfStateType,
  ticketOf,
  ticketUpdateBody,
  userBody,
  userOf,
  type NewZammadTicket,
  type ZammadArticleInput,
  type ZammadTicketChanges,
  type ZammadUserInput,
} from './mapping.js';
import { ticketSearchQuery, ticketsOfQuery, type ZammadTicketFilter } from './query.js';
import { planTicketRead, type ZammadTicketList, type ZammadTicketRead } from './ticketReadPlan.js';

/** Attachments larger than this are not downloaded into a GraphQL response (base64 adds a third). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const source = 'ZAMMAD' as const;

/** Which ticket field holds each role's person, for the merged connection. */
const PERSON_FIELD = { CREATOR: 'createdBy', ASSIGNEE: 'owner', CUSTOMER: 'customer' } as const satisfies Record<PersonRole, keyof ZammadTicketFilter>;

/**
 * Zammad as one request sees it: whose credentials it uses (and on whose behalf), its
 * loaders, and every operation in model terms. Created per request; resolvers call only this.
 */
export class ZammadSource {
  private readonly loaders: ZammadLoaders;
  private viewer: Promise<ZammadUserModel> | undefined;

  constructor(
    private readonly client: ZammadClient,
    private readonly auth: ZammadAuth,
    private readonly limit: LimitFunction,
    observe: BatchObserver = ignoreBatches,
  ) {
    this.loaders = createZammadLoaders(client, auth, limit, observe);
  }

  // --- tickets ---

  ticket(id: string): Promise<ZammadTicketModel | null> {
    return this.loaders.ticketById.load(id);
  }

  /**
   * Newest first. `rawQuery` is the caller's own Zammad query, AND-ed unescaped with the filter.
   * `needs`, what the query reads of the tickets, picks the search (`planTicketRead`).
   */
  tickets(request: PageRequest, filter?: ZammadTicketFilter | null, rawQuery?: string | null, needs?: ZammadTicketNeeds): Promise<NumberedSlice<ZammadTicketModel>> {
    return this.searchTickets(request, ticketSearchQuery(filter, rawQuery), planTicketRead(needs));
  }

  /** Tickets whose customer is this user, newest first. */
  customerTickets(userId: string, request: PageRequest, needs?: ZammadTicketNeeds): Promise<NumberedSlice<ZammadTicketModel>> {
    return this.searchTickets(request, ticketsOfQuery('customer_id', userId), planTicketRead(needs));
  }

  organizationTickets(organizationId: string, request: PageRequest, needs?: ZammadTicketNeeds): Promise<NumberedSlice<ZammadTicketModel>> {
    return this.searchTickets(request, ticketsOfQuery('organization_id', organizationId), planTicketRead(needs));
  }

  /** The normalized priority; from the priority list when the ticket came without its name (a search answered with assets). */
  async ticketPriorityLevel(ticket: ZammadTicketModel): Promise<TicketPriority | null> {
    if (ticket.priority.name !== null) return ticket.normalizedPriority;
    return priorityOfName((await this.ticketPriority(ticket.priority)).name);
  }

  /** The normalized status, from the state's type (the state list: one call per request). */
  ticketStatus(ticket: ZammadTicketModel): Promise<TicketStatus> {
    return this.stateStatus(ticket.state);
  }

  /**
   * The names of the states Tessera reads as `status`, for filtering by a normalized status
   * (Zammad searches by state name; its state types are not searchable). One call per request.
   */
  async stateNamesIn(status: TicketStatus): Promise<string[]> {
    const states = await this.ticketStates();
    return states.flatMap((state) => (state.name !== null && state.detail && statusOfStateType(state.detail.stateType) === status ? [state.name] : []));
  }

  /** The normalized status of tickets in this state. */
  async stateStatus(state: ZammadTicketStateModel): Promise<TicketStatus> {
    return statusOfStateType((await this.ticketState(state)).detail.stateType);
  }

  /** A state with its detail; a state named on a ticket is looked up in the state list. */
  async ticketState(state: ZammadTicketStateModel): Promise<ZammadTicketStateModel & { detail: NonNullable<ZammadTicketStateModel['detail']> }> {
    if (state.detail) return { ...state, detail: state.detail };
    return withDetail(await this.loaders.ticketStateById.load(state.nativeId), 'ticket state', state.nativeId);
  }

  async ticketPriority(priority: ZammadTicketPriorityModel): Promise<ZammadTicketPriorityModel & { detail: NonNullable<ZammadTicketPriorityModel['detail']> }> {
    if (priority.detail) return { ...priority, detail: priority.detail };
    return withDetail(await this.loaders.ticketPriorityById.load(priority.nativeId), 'ticket priority', priority.nativeId);
  }

  /** A group with its detail; a group named on a ticket is looked up in the group list. */
  async groupDetail(group: ZammadGroupModel): Promise<ZammadGroupModel & { detail: NonNullable<ZammadGroupModel['detail']> }> {
    if (group.detail) return { ...group, detail: group.detail };
    return withDetail(await this.loaders.groupById.load(group.nativeId), 'group', group.nativeId);
  }

  group(id: string): Promise<ZammadGroupModel | null> {
    return this.loaders.groupById.load(id);
  }

  groups(): Promise<ZammadGroupModel[]> {
    return this.loaders.groupList();
  }

  ticketStates(): Promise<ZammadTicketStateModel[]> {
    return this.loaders.ticketStateList();
  }

  ticketPriorities(): Promise<ZammadTicketPriorityModel[]> {
    return this.loaders.ticketPriorityList();
  }

  /** The ticket's tags: from the ticket when Zammad sent them, else `GET /tags` (one call per ticket). */
  tags(ticket: ZammadTicketModel): Promise<string[]> {
    return ticket.tags ? Promise.resolve(ticket.tags) : this.loaders.tagsByTicketId.load(ticket.nativeId);
  }

  // --- articles ---

  /** Every article of the ticket the caller may see, oldest first (Zammad does not page them). */
  async articles(ticketId: string): Promise<ZammadArticleModel[]> {
    const articles = await this.loaders.articlesByTicketId.load(ticketId);
    for (const article of articles) this.loaders.articleById.prime(article.nativeId, article);
    return articles;
  }

  article(id: string): Promise<ZammadArticleModel | null> {
    return this.loaders.articleById.load(id);
  }

  /** The first article's body: what the customer first wrote. Null for a ticket without articles. */
  async firstArticleBody(ticketId: string): Promise<string | null> {
    return (await this.articles(ticketId))[0]?.body ?? null;
  }

  /** The file, base64-encoded. One download per call: contents are not cached. */
  async attachmentContent(attachment: ZammadAttachmentModel): Promise<string> {
    const tooLarge = () =>
      new BadUserInputError(`"${attachment.filename}" is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB; download it from Zammad directly.`, { source });
    if (attachment.size !== null && attachment.size > MAX_ATTACHMENT_BYTES) throw tooLarge();
    const ids = { ticketId: attachment.ticketNativeId, articleId: attachment.articleNativeId, attachmentId: attachment.nativeId };
    const bytes = await this.limit(() => this.client.downloadAttachment(this.auth, ids));
    // Zammad's size is what it recorded; the download is what counts.
    if (bytes.length > MAX_ATTACHMENT_BYTES) throw tooLarge();
    return bytes.toString('base64');
  }

  // --- users and organizations ---

  /** The Zammad user with this (lower-cased) e-mail address; null when there is none the caller may see. Batched: one search per request. */
  async userByEmail(email: string): Promise<ZammadUserModel | null> {
    const user = await this.loaders.userByEmail.load(email);
    if (user) this.loaders.userById.prime(user.nativeId, user);
    return user;
  }

  user(id: string): Promise<ZammadUserModel | null> {
    return this.loaders.userById.load(id);
  }

  /** Role names; a user known from a ticket search's assets without them is read once more, by ID. */
  userRoles(user: ZammadUserModel): Promise<string[] | null> {
    return this.loaders.rolesOf(user);
  }

  /**
   * Users, by Zammad's search when `query` is given (Zammad's own syntax, unescaped),
   * else the whole list in Zammad's order (by ID; Zammad gives no total then).
   */
  async users(request: PageRequest, query?: string | null): Promise<NumberedSlice<ZammadUserModel>> {
    const text = query?.trim();
    return text
      ? readNumberedPages(request, ZAMMAD_MAX_PER_PAGE.search, (number, perPage) => this.loaders.searchUsers({ query: text, page: number, per_page: perPage }))
      : readNumberedPages(request, ZAMMAD_MAX_PER_PAGE.list, (number, perPage) => this.loaders.listUsers({ page: number, per_page: perPage }));
  }

  organization(id: string): Promise<ZammadOrganizationModel | null> {
    return this.loaders.organizationById.load(id);
  }

  /** As `users`. */
  async organizations(request: PageRequest, query?: string | null): Promise<NumberedSlice<ZammadOrganizationModel>> {
    const text = query?.trim();
    return text
      ? readNumberedPages(request, ZAMMAD_MAX_PER_PAGE.search, (number, perPage) => this.loaders.searchOrganizations({ query: text, page: number, per_page: perPage }))
      : readNumberedPages(request, ZAMMAD_MAX_PER_PAGE.list, (number, perPage) => this.loaders.listOrganizations({ page: number, per_page: perPage }));
  }

  /** A slice of the organization's members, in Zammad's order; members the caller may not see are left out. */
  async organizationMembers(organization: ZammadOrganizationModel, request: PageRequest): Promise<Page<ZammadUserModel>> {
    const ids = organization.memberNativeIds.slice(request.offset, request.offset + request.limit);
    const users = await this.loaders.userById.loadMany(ids);
    // A customer of a shared organization may see its tickets but not every colleague's record.
    const failure = users.find((user): user is Error => user instanceof Error && !(user instanceof TesseraError && user.code === ErrorCode.FORBIDDEN));
    if (failure) throw failure;
    const visible = users.filter((user): user is ZammadUserModel => user !== null && !(user instanceof Error));
    return { items: visible, offset: request.offset, total: organization.memberNativeIds.length };
  }

  /** The user whose credentials this request uses (or on whose behalf it acts). One call per request. */
  me(): Promise<ZammadUserModel> {
    this.viewer ??= this.loaders.me().then((user) => replaceInLoader(user, this.loaders.userById));
    return this.viewer;
  }

  // --- writes (each returns the record as Zammad answered it) ---

  async createTicket(input: NewZammadTicket): Promise<ZammadTicketModel> {
    const raw = await this.limit(() => this.client.createTicket(this.auth, newTicketBody(input)));
    this.loaders.forgetLists();
    return replaceInLoader(ticketOf(raw), this.loaders.ticketById);
  }

  async updateTicket(id: string, changes: ZammadTicketChanges): Promise<ZammadTicketModel> {
    const body = ticketUpdateBody(changes);
    if (body === null) throw new BadUserInputError('Nothing to change: give at least one field.', { source });
    const raw = await this.limit(() => this.client.updateTicket(this.auth, zammadId(id, 'ticket'), body));
    this.loaders.forgetLists();
    this.forgetTicketParts(id);
    return replaceInLoader(ticketOf(raw), this.loaders.ticketById);
  }

  /** Admins only: Zammad refuses others with 403 (FORBIDDEN). */
  async deleteTicket(id: string): Promise<void> {
    await this.limit(() => this.client.deleteTicket(this.auth, zammadId(id, 'ticket')));
    this.loaders.forgetLists();
    this.forgetTicketParts(id);
    this.loaders.ticketById.clear(id).prime(id, null);
  }

  async addArticle(ticketId: string, input: ZammadArticleInput): Promise<ZammadArticleModel> {
    const ticket = Number(zammadId(ticketId, 'ticket'));
    const raw = await this.limit(() => this.client.createArticle(this.auth, { ticket_id: ticket, ...articleBody(input) }));
    // The ticket's article count and update time changed too.
    this.loaders.forgetLists();
    this.forgetTicketParts(ticketId);
    this.loaders.ticketById.clear(ticketId);
    return replaceInLoader(articleOf(raw), this.loaders.articleById);
  }

  /** Adds a tag and reads the ticket back. */
  async addTag(ticketId: string, tag: string): Promise<ZammadTicketModel> {
    await this.limit(() => this.client.addTag(this.auth, zammadId(ticketId, 'ticket'), checkTag(tag)));
    return this.reread(ticketId);
  }

  async removeTag(ticketId: string, tag: string): Promise<ZammadTicketModel> {
    await this.limit(() => this.client.removeTag(this.auth, zammadId(ticketId, 'ticket'), checkTag(tag)));
    return this.reread(ticketId);
  }

  async createUser(input: ZammadUserInput): Promise<ZammadUserModel> {
    const body = userBody(input);
    if (!body.email && !body.login && !body.firstname && !body.lastname) {
      throw new BadUserInputError('A Zammad user needs at least an e-mail address, a login or a name.', { source });
    }
    const raw = await this.limit(() => this.client.createUser(this.auth, body));
    this.loaders.forgetLists();
    return replaceInLoader(userOf(raw), this.loaders.userById);
  }

  async updateUser(id: string, input: ZammadUserInput): Promise<ZammadUserModel> {
    const body = userBody(input);
    if (Object.keys(body).length === 0) throw new BadUserInputError('Nothing to change: give at least one field.', { source });
    const raw = await this.limit(() => this.client.updateUser(this.auth, zammadId(id, 'user'), body));
    this.loaders.forgetLists();
    const user = replaceInLoader(userOf(raw), this.loaders.userById);
    if (this.viewer) this.viewer = this.viewer.then((me) => (me.nativeId === user.nativeId ? user : me));
    return user;
  }

  // --- the merged tickets connection ---

  /**
   * Zammad's tickets for the merged `tickets` connection, newest first. A status is searched as
   * the names of the states of that type; a person by `created_by.email`, `owner.email` or
   * `customer.email`. A read is one search call: its page is chosen so the slice lies on it.
   */
  ticketFeed(): TicketFeed {
    const cap = ZAMMAD_MAX_PER_PAGE.search;
    return {
      // Half the search maximum: then one page practically always holds the slice (`onePageWindow`).
      pageCap: cap / 2,
      supports: () => true,
      read: async (offset, limit, query) => {
        const filter: ZammadTicketFilter = {};
        if (query.status) {
          filter.states = await this.stateNamesIn(query.status);
          if (filter.states.length === 0) return { items: [], total: 0 };
        }
        if (query.person) filter[PERSON_FIELD[query.person.role]] = query.person.email;
        const search = ticketSearchQuery(filter);
        // The feed is not told the selection: see `planTicketRead`.
        const plan = planTicketRead(undefined);
        const window = onePageWindow(offset, limit, cap);
        if (window === null) {
          const page = await this.searchTickets({ offset, limit }, search, plan);
          return { items: page.items, total: page.totalKnown ? page.total : null };
        }
        const result = await this.searchPage({ query: search, page: window.page, per_page: window.pageSize, sort_by: 'created_at', order_by: 'desc' }, plan);
        return { items: result.items.slice(window.skip, window.skip + limit), total: result.total };
      },
    };
  }

  // --- plumbing ---

  private async searchTickets(request: PageRequest, query: string, plan: ZammadTicketRead): Promise<NumberedSlice<ZammadTicketModel>> {
    // No ticket asked for (`first: 0`, a count): no field will read a list.
    if (request.limit === 0) plan = { ...plan, lists: [] };
    return readNumberedPages(request, ZAMMAD_MAX_PER_PAGE.search, (number, perPage) =>
      this.searchPage({ query, page: number, per_page: perPage, sort_by: 'created_at', order_by: 'desc' }, plan),
    );
  }

  /**
   * One page of a ticket search, as the plan says. The lists it names start with the search (one
   * wave); tickets from assets are named after the state and priority lists when those are read.
   */
  private async searchPage(params: TicketSearchParams, plan: ZammadTicketRead): Promise<ZammadPage<ZammadTicketModel>> {
    // A list that fails fails the fields that read it (with its error), not the tickets.
    const start = <T>(list: ZammadTicketList, read: () => Promise<T>) => (plan.lists.includes(list) ? read().catch(() => null) : null);
    void start('groups', () => this.groups());
    const states = start('states', () => this.ticketStates());
    const priorities = start('priorities', () => this.ticketPriorities());
    if (plan.variant === 'expanded') return this.loaders.searchTickets(params);
    const page = await this.loaders.searchTicketsWithAssets(params);
    if (!states && !priorities) return page;
    const [stateList, priorityList] = await Promise.all([states, priorities]);
    const items = page.items.map((ticket) => replaceInLoader(namedTicket(ticket, stateList, priorityList), this.loaders.ticketById));
    return { ...page, items };
  }

  private async reread(ticketId: string): Promise<ZammadTicketModel> {
    this.loaders.forgetLists();
    this.loaders.ticketById.clear(ticketId);
    this.forgetTicketParts(ticketId);
    const ticket = await this.ticket(ticketId);
    if (!ticket) throw new NotFoundError('Zammad has no such ticket (any more).', { source });
    return ticket;
  }

  /** After a write, what hangs off a ticket is read again when asked for. */
  private forgetTicketParts(ticketId: string): void {
    this.loaders.articlesByTicketId.clear(ticketId);
    this.loaders.tagsByTicketId.clear(ticketId);
  }


}

/** A Zammad ID for a write: digits only. */
function zammadId(id: string, what: string): string {
  if (!isZammadId(id)) throw new BadUserInputError(`"${id.slice(0, 40)}" is not a Zammad ${what} ID.`, { source });
  return id;
}

function withDetail<M extends { detail: unknown }>(model: M | null, what: string, id: string): M & { detail: NonNullable<M['detail']> } {
  if (!model?.detail) throw new NotFoundError(`Zammad lists no ${what} with ID ${id} for this caller.`, { source });
  return model as M & { detail: NonNullable<M['detail']> };
}
