import DataLoader from 'dataloader';
import { ignoreBatches, observedBatch, type BatchObserver } from '../shared/observedBatch.js';
import type { LimitFunction } from 'p-limit';
import { ErrorCode, TesseraError } from '../../errors.js';
import type {
  ZammadArticleModel,
  ZammadGroupModel,
  ZammadOrganizationModel,
  ZammadTicketModel,
  ZammadTicketPriorityModel,
  ZammadTicketStateModel,
  ZammadUserModel,
} from '../../models.js';
import { createByIdReadPlanner } from '../shared/byIdReadPlanner.js';
import { createSharedReads, readKey } from '../shared/sharedReads.js';
import { ZAMMAD_MAX_PER_PAGE, type NumberedParams, type TicketSearchParams, type ZammadAuth, type ZammadClient } from './client.js';
import { articleOf, groupOf, organizationOf, ticketAssetsOf, ticketOf, ticketPriorityOf, ticketStateOf, userOf } from './mapping.js';
import { quoted } from './query.js';

/** A page of a Zammad list or search in model terms; `total` is null when Zammad gives none. */
export interface ZammadPage<Model> {
  items: Model[];
  total: number | null;
}

export interface ZammadLoaders {
  ticketById: DataLoader<string, ZammadTicketModel | null>;
  userById: DataLoader<string, ZammadUserModel | null>;
  /** Keyed by lower-cased e-mail address; a batch is one user search. */
  userByEmail: DataLoader<string, ZammadUserModel | null>;
  organizationById: DataLoader<string, ZammadOrganizationModel | null>;
  articleById: DataLoader<string, ZammadArticleModel | null>;
  /** All of a ticket's articles (Zammad returns them unpaginated), oldest first. */
  articlesByTicketId: DataLoader<string, ZammadArticleModel[]>;
  tagsByTicketId: DataLoader<string, string[]>;
  /** From the group list, read once per request whatever the number of groups asked for. */
  groupById: DataLoader<string, ZammadGroupModel | null>;
  ticketStateById: DataLoader<string, ZammadTicketStateModel | null>;
  ticketPriorityById: DataLoader<string, ZammadTicketPriorityModel | null>;
  /** The whole lists, memoized per request. */
  groupList: () => Promise<ZammadGroupModel[]>;
  ticketStateList: () => Promise<ZammadTicketStateModel[]>;
  ticketPriorityList: () => Promise<ZammadTicketPriorityModel[]>;
  /** List and search reads: an identical call within the request is made once, and what it returns answers by-ID reads. */
  searchTickets(params: TicketSearchParams): Promise<ZammadPage<ZammadTicketModel>>;
  /**
   * The same search answered with `assets` (no `expand`): its users, organizations and groups
   * answer by-ID reads too (a by-ID batch in flight meanwhile waits for it). The tickets' states
   * and priorities are unnamed (`namedTicket`).
   */
  searchTicketsWithAssets(params: TicketSearchParams): Promise<ZammadPage<ZammadTicketModel>>;
  /**
   * A user's role names when the record that answered for the user lacked them (a user from
   * assets without its roles): `GET /users/{id}?expand=true`, once per user per request.
   */
  rolesOf(user: ZammadUserModel): Promise<string[] | null>;
  searchUsers(params: NumberedParams & { query: string }): Promise<ZammadPage<ZammadUserModel>>;
  listUsers(params: NumberedParams): Promise<ZammadPage<ZammadUserModel>>;
  searchOrganizations(params: NumberedParams & { query: string }): Promise<ZammadPage<ZammadOrganizationModel>>;
  listOrganizations(params: NumberedParams): Promise<ZammadPage<ZammadOrganizationModel>>;
  /** `GET /users/me`; what it returns answers by-ID reads of the same user, as a list's records do. */
  me(): Promise<ZammadUserModel>;
  /** After a write: lists and searches are read again, and what they said no longer answers by-ID reads. */
  forgetLists(): void;
}

/** Zammad IDs are integers: anything else names no record, and costs no call. */
export const isZammadId = (id: string): boolean => /^\d{1,18}$/.test(id);

/** E-mail addresses looked up in one user search: its answer (at most 200 users) must hold every match. */
const USERS_PER_EMAIL_SEARCH = 50;

/** Pages of a small list read until a short page; a handful of groups or states is one call. */
const SMALL_LIST_PAGE = ZAMMAD_MAX_PER_PAGE.list;
const SMALL_LIST_MAX_PAGES = 20;

/**
 * Per-request loaders, keyed by Zammad's native IDs. Zammad has no bulk read by IDs, so a
 * batch of users, organizations or tickets is one GET per distinct key under the request's
 * concurrency limit: the loaders de-duplicate (fifty tickets of five customers cost five user
 * reads) and are primed from every list and search the source reads. A by-ID batch first waits
 * for the request's list and search reads in flight (`byIdReadPlanner`): a user both searched
 * for and followed from a ticket in one query is read once. (Searching by IDs would be one call
 * per batch, but the search index lags behind writes and needs Elasticsearch: reads by ID are exact.) Groups, states and priorities are
 * short lists: each is read once per request and every by-ID lookup is served from it (or from
 * a ticket search's assets). A 404 is `null`; any other failure is that key's error.
 */
export function createZammadLoaders(client: ZammadClient, auth: ZammadAuth, limit: LimitFunction, observe: BatchObserver = ignoreBatches): ZammadLoaders {
  const shared = createSharedReads();
  const forgets: (() => void)[] = [];

  function byId<Raw, Model extends { nativeId: string }>(get: (auth: ZammadAuth, id: string) => Promise<Raw>, map: (raw: Raw) => Model) {
    const planner = createByIdReadPlanner<Model>({
      readOne: (id) => (isZammadId(id) ? limit(() => get.call(client, auth, id)).then(map, nullOrThrow) : Promise.resolve(null)),
      plausible: isZammadId,
    });
    forgets.push(() => planner.forget());
    const loader = new DataLoader<string, Model | null>(observedBatch(observe, `${get.name.replace(/^get/, '').toLowerCase()}ById`, (ids) => planner.load(ids)));
    /** One list or search call, made once per request, priming this loader when it lands. */
    const listed = <P>(key: string, read: () => Promise<P>, page: (raw: P) => { records: Raw[]; total: number | null }): Promise<ZammadPage<Model>> =>
      planner.sight(
        shared(key, async () => {
          const raw = page(await limit(read));
          const items = raw.records.map(map);
          for (const item of items) loader.prime(item.nativeId, item);
          return { items, total: raw.total };
        }),
        false,
      );
    /** Records another read returned, already mapped (a search's assets): they answer by-ID reads from when it lands. */
    const sighted = (read: Promise<Model[]>): Promise<Model[]> => {
      const tracked = planner.sight(
        read.then((items) => {
          for (const item of items) loader.prime(item.nativeId, item);
          return { items, total: null };
        }),
        false,
      );
      return tracked.then((page) => page.items);
    };
    return { loader, listed, sighted };
  }

  function memoizedList<Raw, Model>(read: (auth: ZammadAuth, params: NumberedParams) => Promise<Raw[]>, map: (raw: Raw) => Model) {
    let list: Promise<Model[]> | undefined;
    return () =>
      (list ??= (async () => {
        const all: Raw[] = [];
        for (let page = 1; page <= SMALL_LIST_MAX_PAGES; page++) {
          const records = await limit(() => read.call(client, auth, { page, per_page: SMALL_LIST_PAGE }));
          all.push(...records);
          if (records.length < SMALL_LIST_PAGE) break;
        }
        return all.map(map);
      })());
  }

  function fromList<Model extends { nativeId: string }>(list: () => Promise<Model[]>) {
    return new DataLoader<string, Model | null>(async (ids) => {
      const byId = new Map((await list()).map((model) => [model.nativeId, model]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  const groupList = memoizedList(client.listGroups, groupOf);
  const ticketStateList = memoizedList(client.listTicketStates, ticketStateOf);
  const ticketPriorityList = memoizedList(client.listTicketPriorities, ticketPriorityOf);

  const tickets = byId(client.getTicket, ticketOf);
  const users = byId(client.getUser, userOf);
  const organizations = byId(client.getOrganization, organizationOf);
  const records = <T>(list: T[]) => ({ records: list, total: null });
  const groupById = fromList(groupList);
  /** Users primed from assets that came without their role names. */
  const unnamedRoles = new Set<string>();
  const expandedUser = new DataLoader<string, ZammadUserModel | null>((ids) =>
    Promise.all(ids.map((id) => limit(() => client.getUser(auth, id)).then(userOf, nullOrThrow).catch(asError))),
  );

  const searchUsers = (params: NumberedParams & { query: string }) =>
    users.listed(readKey('/users/search', { ...params }), () => client.searchUsers(auth, params), (page) => page);

  return {
    ticketById: tickets.loader,
    userById: users.loader,
    userByEmail: new DataLoader<string, ZammadUserModel | null>(
      observedBatch(observe, 'userByEmail', async (emails) => {
        // One search for the whole batch; every address is a quoted phrase, and only exact matches count (the search is by words).
        const query = `email:(${emails.map(quoted).join(' OR ')})`;
        const found = await searchUsers({ query, page: 1, per_page: ZAMMAD_MAX_PER_PAGE.search });
        const byEmail = new Map(found.items.flatMap((user) => (user.email ? [[user.email, user] as const] : [])));
        return emails.map((email) => byEmail.get(email) ?? null);
      }),
      { maxBatchSize: USERS_PER_EMAIL_SEARCH },
    ),
    organizationById: organizations.loader,
    articleById: byId(client.getArticle, articleOf).loader,
    articlesByTicketId: new DataLoader(
      observedBatch(observe, 'articlesByTicketId', (ids: readonly string[]) =>
        Promise.all(ids.map((id) => limit(() => client.listArticlesByTicket(auth, id)).then((raws) => raws.map(articleOf), asError))),
      ),
    ),
    tagsByTicketId: new DataLoader(observedBatch(observe, 'tagsByTicketId', (ids: readonly string[]) => Promise.all(ids.map((id) => limit(() => client.listTags(auth, id)).catch(asError))))),
    groupById,
    ticketStateById: fromList(ticketStateList),
    ticketPriorityById: fromList(ticketPriorityList),
    groupList,
    ticketStateList,
    ticketPriorityList,
    searchTickets: (params) => tickets.listed(readKey('/tickets/search', { ...params, expand: true }), () => client.searchTickets(auth, params), (page) => page),
    searchTicketsWithAssets: (params) => {
      const answer = shared(readKey('/tickets/search', { ...params, expand: false }), async () =>
        ticketAssetsOf(await limit(() => client.searchTicketsWithAssets(auth, params))),
      );
      // The tickets' caller sees a failure; the by-ID reads then go on as without the assets.
      const ignore = () => undefined;
      users
        .sighted(
          answer.then((found) => {
            for (const user of found.users) if (user.roles === null) unnamedRoles.add(user.nativeId);
            return found.users;
          }),
        )
        .catch(ignore);
      organizations.sighted(answer.then((found) => found.organizations)).catch(ignore);
      answer.then((found) => {
        for (const group of found.groups) groupById.prime(group.nativeId, group);
      }, ignore);
      return tickets.sighted(answer.then((found) => found.tickets)).then(async (items) => ({ items, total: (await answer).total }));
    },
    rolesOf: async (user) => {
      if (user.roles !== null || !unnamedRoles.has(user.nativeId)) return user.roles;
      return (await expandedUser.load(user.nativeId))?.roles ?? null;
    },
    searchUsers,
    listUsers: (params) => users.listed(readKey('/users', { ...params }), () => client.listUsers(auth, params), records),
    searchOrganizations: (params) =>
      organizations.listed(readKey('/organizations/search', { ...params }), () => client.searchOrganizations(auth, params), (page) => page),
    me: async () => (await users.listed('/users/me', () => client.me(auth), (raw) => records([raw]))).items[0]!,
    listOrganizations: (params) => organizations.listed(readKey('/organizations', { ...params }), () => client.listOrganizations(auth, params), records),
    forgetLists: () => {
      shared.clear();
      for (const forget of forgets) forget();
    },
  };
}

/** A 404 is `null`; anything else stays that key's failure. */
function nullOrThrow(error: unknown): null {
  if (error instanceof TesseraError && error.code === ErrorCode.NOT_FOUND) return null;
  throw error;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
