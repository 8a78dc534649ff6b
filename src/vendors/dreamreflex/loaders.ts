import DataLoader from 'dataloader';
import { ignoreBatches, observedBatch, type BatchObserver } from '../shared/observedBatch.js';
import type { LimitFunction } from 'p-limit';
import { ErrorCode, TesseraError } from '../../errors.js';
import type { BusinessAccountModel, ContractModel, DreamreflexTicketModel, ProjectModel } from '../../models.js';
import { createByIdReadPlanner } from '../shared/byIdReadPlanner.js';
import { createSharedReads, readKey, type SharedReads } from '../shared/sharedReads.js';
import { DREAMREFLEX_MAX_PAGE, type DreamreflexAuth, type DreamreflexClient, type ListParams } from './client.js';
import { businessAccountOf, contractOf, projectOf, ticketOf } from './mapping.js';

/** A list page in model terms, with the vendor's total of records matching the filter. */
export interface ListedPage<Model> {
  items: Model[];
  total: number;
}

/**
 * Loaders for a record that has both a by-ID read and a list of the caller's own: the by-ID
 * loader, and list pages that prime it (identical pages within the request are read once).
 */
export interface ListedLoaders<Model, Filter extends object = object> {
  byId: DataLoader<string, Model | null>;
  page(params: ListParams & Partial<Filter>): Promise<ListedPage<Model>>;
}

export interface DreamreflexLoaders {
  tickets: ListedLoaders<DreamreflexTicketModel, { status_filter: 'pending' | 'replied' }>;
  contracts: ListedLoaders<ContractModel>;
  projects: ListedLoaders<ProjectModel>;
  businessAccountById: DataLoader<string, BusinessAccountModel | null>;
  /** Any other list read, made once per request however often it is asked for (key: `readKey`). */
  once: SharedReads;
  /** After a write: list pages are read again, and what they said no longer answers by-ID reads. */
  forgetLists(): void;
}

/**
 * Per-request loaders, keyed by Dreamreflex's native ID. Dreamreflex has no bulk read by IDs,
 * but tickets, contracts and projects each have a list of the caller's own (up to 100 a page,
 * with the total): a batch of IDs is planned by `byIdReadPlanner`, one GET per ID or the list's
 * pages when those are fewer (`nodes` of 21 tickets of a caller with at most 100 is one call).
 * An ID the list lacks is read alone: only that read tells a missing record (404, `null`) from
 * someone else's (403, an error). There is no total to plan with before the request's first
 * list read (it differs per caller), so a batch of two or more starts with the list's first page.
 * Business accounts have no list: one GET per distinct ID.
 */
export function createDreamreflexLoaders(client: DreamreflexClient, auth: DreamreflexAuth, limit: LimitFunction, observe: BatchObserver = ignoreBatches): DreamreflexLoaders {
  const shared = createSharedReads();
  const forgets: (() => void)[] = [];

  function listed<Raw, Model extends { nativeId: string }, Filter extends object = object>(
    path: string,
    maxPage: number,
    list: (auth: DreamreflexAuth, params: ListParams & Partial<Filter>) => Promise<{ items: Raw[]; total: number }>,
    get: (auth: DreamreflexAuth, id: string) => Promise<Raw>,
    map: (raw: Raw) => Model,
  ): ListedLoaders<Model, Filter> {
    const page = (params: ListParams & Partial<Filter>): Promise<ListedPage<Model>> => {
      // Only the unfiltered list's total says how many pages all of the caller's records take.
      const { skip: _skip, limit: _limit, ...filter } = params;
      const whole = Object.values(filter).every((value) => value === undefined);
      const read = shared(readKey(path, params as Record<string, string | number | undefined>), async () => {
        const raw = await limit(() => list.call(client, auth, params));
        const items = raw.items.map(map);
        for (const item of items) byId.prime(item.nativeId, item);
        return { items, total: raw.total };
      });
      return planner.sight(read, whole);
    };
    const planner = createByIdReadPlanner<Model>({
      readOne: (id) => limit(() => get.call(client, auth, id)).then(map, nullOrThrow),
      list: {
        maxPageSize: maxPage,
        readPage: async (index, size) => ({ ...(await page({ skip: index * size, limit: size } as ListParams & Partial<Filter>)), pageSize: size }),
        absentMeansNull: false,
      },
    });
    const byId = new DataLoader<string, Model | null>(observedBatch(observe, `${path} by ID`, (ids) => planner.load(ids)));
    forgets.push(() => planner.forget());
    return { byId, page };
  }

  return {
    tickets: listed('/api/tickets', DREAMREFLEX_MAX_PAGE.tickets, client.listTickets, client.getTicket, ticketOf),
    contracts: listed('/api/contracts/me', DREAMREFLEX_MAX_PAGE.contracts, client.listContracts, client.getContract, contractOf),
    projects: listed('/api/projects/me', DREAMREFLEX_MAX_PAGE.projects, client.listProjects, client.getProject, projectOf),
    businessAccountById: new DataLoader<string, BusinessAccountModel | null>(
      observedBatch(observe, 'businessAccountById', (ids) =>
        Promise.all(ids.map((id) => limit(() => client.getBusinessAccount(auth, id)).then(businessAccountOf, nullOrThrow).catch(asError))),
      ),
    ),
    once: shared,
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
