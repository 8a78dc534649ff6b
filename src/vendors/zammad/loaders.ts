import DataLoader from 'dataloader';
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
import { ZAMMAD_MAX_PER_PAGE, type NumberedParams, type ZammadAuth, type ZammadClient } from './client.js';
import { articleOf, groupOf, organizationOf, ticketOf, ticketPriorityOf, ticketStateOf, userOf } from './mapping.js';
import { quoted } from './query.js';

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
 * reads) and are primed from every list the source reads. Groups, states and priorities are
 * short lists: each is read once per request and every by-ID lookup is served from it. A 404
 * is `null`; any other failure is that key's error.
 */
export function createZammadLoaders(client: ZammadClient, auth: ZammadAuth, limit: LimitFunction): ZammadLoaders {
  function byId<Raw, Model>(get: (auth: ZammadAuth, id: string) => Promise<Raw>, map: (raw: Raw) => Model) {
    return new DataLoader<string, Model | null>((ids) =>
      Promise.all(ids.map((id) => (isZammadId(id) ? limit(() => get.call(client, auth, id)).then(map, nullIfNotFound) : null))),
    );
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

  return {
    ticketById: byId(client.getTicket, ticketOf),
    userById: byId(client.getUser, userOf),
    userByEmail: new DataLoader<string, ZammadUserModel | null>(
      async (emails) => {
        // One search for the whole batch; every address is a quoted phrase, and only exact matches count (the search is by words).
        const query = `email:(${emails.map(quoted).join(' OR ')})`;
        const found = await limit(() => client.searchUsers(auth, { query, page: 1, per_page: ZAMMAD_MAX_PER_PAGE.search }));
        const byEmail = new Map(found.records.map(userOf).flatMap((user) => (user.email ? [[user.email, user] as const] : [])));
        return emails.map((email) => byEmail.get(email) ?? null);
      },
      { maxBatchSize: USERS_PER_EMAIL_SEARCH },
    ),
    organizationById: byId(client.getOrganization, organizationOf),
    articleById: byId(client.getArticle, articleOf),
    articlesByTicketId: new DataLoader((ids) =>
      Promise.all(ids.map((id) => limit(() => client.listArticlesByTicket(auth, id)).then((raws) => raws.map(articleOf), asError))),
    ),
    tagsByTicketId: new DataLoader((ids) => Promise.all(ids.map((id) => limit(() => client.listTags(auth, id)).catch(asError)))),
    groupById: fromList(groupList),
    ticketStateById: fromList(ticketStateList),
    ticketPriorityById: fromList(ticketPriorityList),
    groupList,
    ticketStateList,
    ticketPriorityList,
  };
}

function nullIfNotFound(error: unknown): null | Error {
  if (error instanceof TesseraError && error.code === ErrorCode.NOT_FOUND) return null;
  return asError(error);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
