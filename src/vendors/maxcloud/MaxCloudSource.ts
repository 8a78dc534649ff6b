import type { LimitFunction } from 'p-limit';
import { ignoreBatches, type BatchObserver } from '../shared/observedBatch.js';
import { BadUserInputError, UnauthenticatedError } from '../../errors.js';
import type { MaxCloudCompanyModel, MaxCloudSessionModel, MaxCloudTicketModel, MaxCloudUserModel } from '../../models.js';
import { readNumberedPages, type NumberedSlice, type PageRequest } from '../../pagination.js';
import { onePageWindow } from '../shared/onePageWindow.js';
import { primedPage } from '../shared/primeLoader.js';
import type { TicketFeed } from '../shared/TicketFeed.js';
import type { MaxCloudAuth, MaxCloudClient, SearchOptions } from './client.js';
import { createMaxCloudLoaders, type MaxCloudLoaders } from './loaders.js';
import { companyById, companyOf, sessionOf, ticketOf } from './mapping.js';
import { feedQuery, searchWindow, ticketSearchQuery, type MaxCloudTicketFilter } from './query.js';
import type { RawTicket } from './types.js';

const source = 'MAXCLOUD' as const;

/** The caller's own token, for the mutation that needs it. */
export const MAXCLOUD_TOKEN_HEADER = 'x-maxcloud-token';
/** The company a caller's token is switched to. */
export const MAXCLOUD_COMPANY_HEADER = 'x-maxcloud-company-id';

/**
 * MaxCloud as one request sees it: whose token it uses (and in which company), its loaders,
 * and every operation in model terms. Created per request; resolvers call only this.
 */
export class MaxCloudSource {
  private readonly loaders: MaxCloudLoaders;
  private companyList: Promise<MaxCloudCompanyModel[] | null> | undefined;
  private accountRead: Promise<MaxCloudUserModel | null> | undefined;

  constructor(
    private readonly client: MaxCloudClient,
    private readonly auth: MaxCloudAuth,
    private readonly limit: LimitFunction,
    observe: BatchObserver = ignoreBatches,
  ) {
    this.loaders = createMaxCloudLoaders(client, auth, limit, observe);
  }

  // --- tickets ---

  /**
   * A slice of the tickets matching the filter, in MaxCloud's order (newest first in the
   * simulator; the doc does not say), with MaxCloud's total. `rawQuery` is the caller's own
   * MaxCloud query, AND-ed unescaped with the filter.
   */
  async tickets(request: PageRequest, filter?: MaxCloudTicketFilter | null, rawQuery?: string | null): Promise<NumberedSlice<MaxCloudTicketModel>> {
    const query = ticketSearchQuery(filter, rawQuery);
    const window = searchWindow(filter?.createdAt, this.client.now());
    const page = await readNumberedPages(request, this.client.pageSize, async (number, perPage) => {
      const result = await this.limit(() => this.client.searchTickets(this.auth, { page: number, page_size: perPage, query, ...window }));
      return { items: result.tickets, total: result.total, ...(typeof result.page_size === 'number' && { perPage: result.page_size }) };
    });
    return this.primed(page);
  }

  /** One ticket by its MaxCloud ID (see the loader: a search by `id:`); null when the caller's company has none. */
  ticket(id: string): Promise<MaxCloudTicketModel | null> {
    return this.loaders.ticketById.load(id);
  }

  /**
   * MaxCloud's tickets for the merged `tickets` connection, newest first. A status is searched
   * as its one MaxCloud state, a person as the reporter (`created_by`) or the assignee
   * (`assigned_to`); MaxCloud has no customers, so a customer's tickets are not asked of it. A
   * read is one search whose page is chosen so the slice lies on it (`onePageWindow`), checked
   * to be paged as asked and newest first.
   */
  ticketFeed(): TicketFeed {
    const cap = this.client.pageSize;
    return {
      // Half the page maximum: then one page practically always holds the slice.
      pageCap: Math.max(1, Math.floor(cap / 2)),
      supports: (query) => query.person?.role !== 'CUSTOMER',
      read: async (offset, limit, query) => {
        const search = feedQuery(query);
        if (search === null) return { items: [], total: 0 };
        const times = searchWindow(null, this.client.now());
        const strict: SearchOptions = { strict: true };
        const window = onePageWindow(offset, limit, cap);
        if (window === null) {
          // Only with a small MAXCLOUD_PAGE_SIZE at a deep offset: two pages of the maximum size hold the slice.
          const page = await readNumberedPages({ offset, limit }, cap, async (number, perPage) => {
            const result = await this.limit(() => this.client.searchTickets(this.auth, { page: number, page_size: perPage, query: search, ...times }, strict));
            return { items: result.tickets, total: result.total };
          });
          return { items: this.primed(page).items, total: page.total };
        }
        const result = await this.limit(() =>
          this.client.searchTickets(this.auth, { page: window.page, page_size: window.pageSize, query: search, ...times }, strict),
        );
        return { items: this.primed({ items: result.tickets.slice(window.skip, window.skip + limit) }).items, total: result.total };
      },
    };
  }

  // --- companies ---

  /**
   * The companies the request's account belongs to, from the login or switch answer behind its
   * token. A caller's token used without `x-maxcloud-company-id` has none at hand (MaxCloud
   * lists companies only when it issues a token): BAD_USER_INPUT saying so.
   */
  async companies(): Promise<MaxCloudCompanyModel[]> {
    const companies = await this.knownCompanies();
    if (companies === null) {
      throw new BadUserInputError(
        `MaxCloud lists a token's companies only when it issues one: send ${MAXCLOUD_COMPANY_HEADER} with ${MAXCLOUD_TOKEN_HEADER}, or use the companies maxCloudLogin returned.`,
        { source },
      );
    }
    return companies;
  }

  /** One of the account's companies; null when it has none with this ID. */
  async company(id: string): Promise<MaxCloudCompanyModel | null> {
    return (await this.companies()).find((company) => company.nativeId === id) ?? null;
  }

  /** A ticket's company, named when the account's company list is at hand (it costs no call then); else known by ID only. */
  async ticketCompany(ticket: MaxCloudTicketModel): Promise<MaxCloudCompanyModel> {
    const companies = await this.knownCompanies();
    return companies?.find((company) => company.nativeId === ticket.companyNativeId) ?? companyById(ticket.companyNativeId);
  }

  /**
   * The account this request's token belongs to, as far as MaxCloud said when it issued the
   * token (an e-mail address, no ID for a switched token); null for a caller's token used
   * without a company (MaxCloud says nothing of it then).
   */
  async account(): Promise<MaxCloudUserModel | null> {
    this.accountRead ??= this.client.companiesOf(this.auth).then((known) =>
      known === null ? null : { nativeId: null, email: known.email.trim().toLowerCase(), groupAdmin: null, admin: null, changePassword: null },
    );
    return this.accountRead;
  }

  // --- sessions ---

  /**
   * Logs in as a MaxCloud user and, when `companyId` is not the login's company, switches to
   * it: the session's token is then scoped to that company. Nothing is cached: the token is
   * the caller's, to send as `x-maxcloud-token`.
   */
  async login(email: string, password: string, companyId?: string | null): Promise<MaxCloudSessionModel> {
    const login = await this.limit(() => this.client.login(email.trim(), password));
    if (companyId == null || companyId === login.company.id) return sessionOf(login, this.client.timeZone, login);
    const switched = await this.limit(() => this.client.switchCompany(login.token, companyId));
    return sessionOf(switched, this.client.timeZone, login);
  }

  /** Switches the caller's own token (`x-maxcloud-token`) to a company: a new token scoped to it. */
  async switchCompany(companyId: string): Promise<MaxCloudSessionModel> {
    if (this.auth.kind !== 'caller') {
      if (this.auth.kind === 'none') throw this.auth.error;
      throw new UnauthenticatedError(`maxCloudSwitchCompany switches your own token: send ${MAXCLOUD_TOKEN_HEADER} (from maxCloudLogin).`, { source });
    }
    const token = this.auth.token;
    const switched = await this.limit(() => this.client.switchCompany(token, companyId));
    return sessionOf(switched, this.client.timeZone);
  }

  // --- plumbing ---

  private knownCompanies(): Promise<MaxCloudCompanyModel[] | null> {
    this.companyList ??= this.client
      .companiesOf(this.auth)
      .then((known) => (known === null ? null : known.companies.map((company) => companyOf(company, this.client.timeZone))));
    return this.companyList;
  }

  private primed<P extends { items: RawTicket[] }>(page: P) {
    return primedPage(page, (raw: RawTicket) => ticketOf(raw, this.client.timeZone), this.loaders.ticketById);
  }
}
