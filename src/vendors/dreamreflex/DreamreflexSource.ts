import type { LimitFunction } from 'p-limit';
import { ignoreBatches, type BatchObserver } from '../shared/observedBatch.js';
import type {
  BusinessAccountModel,
  ContactSubmissionModel,
  ContractModel,
  DreamreflexSessionModel,
  DreamreflexTicketModel,
  DreamreflexUserModel,
  FileDownloadModel,
  Page,
  ProjectFileModel,
  ProjectLinkModel,
  ProjectModel,
  ProjectTaskModel,
  TicketStatus,
} from '../../models.js';
import { ErrorCode, TesseraError } from '../../errors.js';
import { readSlice, type PageRequest } from '../../pagination.js';
import { DREAMREFLEX_MAX_PAGE, type DreamreflexAuth, type DreamreflexClient } from './client.js';
import { replaceInLoader } from '../shared/primeLoader.js';
import { readKey } from '../shared/sharedReads.js';
import type { TicketFeed } from '../shared/TicketFeed.js';
import { createDreamreflexLoaders, type DreamreflexLoaders } from './loaders.js';
import {
  businessAccountOf,
  contactSubmissionOf,
  contractOf,
  fileDownloadOf,
  projectFileOf,
  projectLinkOf,
  projectTaskOf,
  sessionOf,
  snakeCaseBody,
  ticketOf,
  ticketStatusFilter,
  userOf,
} from './mapping.js';

export interface CompanyDetails {
  companyName?: string | null;
  taxNumber?: string | null;
  certificationInfo?: string | null;
  communicationAddress?: string | null;
  contactPersonName?: string | null;
  contactPhone?: string | null;
}

/**
 * Dreamreflex as one request sees it: its credentials, its loaders, and every operation
 * in model terms. Created per request by the context; resolvers call only this.
 */
export class DreamreflexSource {
  private readonly loaders: DreamreflexLoaders;
  private viewer: Promise<DreamreflexUserModel> | undefined;
  private ownBusinessAccount: Promise<BusinessAccountModel | null> | undefined;

  constructor(
    private readonly client: DreamreflexClient,
    private readonly auth: DreamreflexAuth,
    private readonly limit: LimitFunction,
    observe: BatchObserver = ignoreBatches,
    private readonly now: () => number = Date.now,
  ) {
    this.loaders = createDreamreflexLoaders(client, auth, limit, observe);
  }

  // --- reads ---

  ticket(id: string): Promise<DreamreflexTicketModel | null> {
    return this.loaders.tickets.byId.load(id);
  }

  async tickets(request: PageRequest, status?: TicketStatus | null): Promise<Page<DreamreflexTicketModel>> {
    const statusFilter = status ? ticketStatusFilter(status) : undefined;
    // No Dreamreflex ticket can be in this status: answer without asking.
    if (statusFilter === null) return { items: [], offset: request.offset, total: 0 };
    return readSlice(request, DREAMREFLEX_MAX_PAGE.tickets, (skip, limit) => this.loaders.tickets.page({ skip, limit, status_filter: statusFilter }));
  }

  /**
   * Dreamreflex's tickets for the merged `tickets` connection, newest first. Only a ticket's
   * creator can see it, so the caller's tickets are all there is: a person's created (or
   * customer) tickets are the caller's when the person is the caller, none otherwise. Who
   * replied cannot be filtered on upstream, so Dreamreflex takes no part in assigned-ticket lists.
   */
  ticketFeed(): TicketFeed {
    return {
      pageCap: DREAMREFLEX_MAX_PAGE.tickets,
      supports: (query) => query.person?.role !== 'ASSIGNEE',
      read: async (offset, limit, query) => {
        if (query.person && (await this.me()).email.toLowerCase() !== query.person.email) return { items: [], total: 0 };
        const page = await this.tickets({ offset, limit }, query.status);
        return { items: page.items, total: page.total };
      },
    };
  }

  contract(id: string): Promise<ContractModel | null> {
    return this.loaders.contracts.byId.load(id);
  }

  async contracts(request: PageRequest): Promise<Page<ContractModel>> {
    return readSlice(request, DREAMREFLEX_MAX_PAGE.contracts, (skip, limit) => this.loaders.contracts.page({ skip, limit }));
  }

  project(id: string): Promise<ProjectModel | null> {
    return this.loaders.projects.byId.load(id);
  }

  async projects(request: PageRequest): Promise<Page<ProjectModel>> {
    return readSlice(request, DREAMREFLEX_MAX_PAGE.projects, (skip, limit) => this.loaders.projects.page({ skip, limit }));
  }

  async projectFiles(projectId: string, request: PageRequest, filter: { filename?: string | null; tag?: string | null }): Promise<Page<ProjectFileModel>> {
    const page = await readSlice(request, DREAMREFLEX_MAX_PAGE.projectItems, (skip, limit) => {
      const params = { skip, limit, filename: filter.filename ?? undefined, tag: filter.tag ?? undefined };
      return this.loaders.once(readKey(`/api/projects/${projectId}/files`, params), () => this.limit(() => this.client.listProjectFiles(this.auth, projectId, params)));
    });
    return { ...page, items: page.items.map(projectFileOf) };
  }

  async projectLinks(projectId: string, request: PageRequest): Promise<Page<ProjectLinkModel>> {
    const page = await readSlice(request, DREAMREFLEX_MAX_PAGE.projectItems, (skip, limit) =>
      this.loaders.once(readKey(`/api/projects/${projectId}/links`, { skip, limit }), () => this.limit(() => this.client.listProjectLinks(this.auth, projectId, { skip, limit }))),
    );
    return { ...page, items: page.items.map(projectLinkOf) };
  }

  async projectTasks(projectId: string, request: PageRequest, status?: 'PENDING' | 'COMPLETED' | null): Promise<Page<ProjectTaskModel>> {
    const vendorStatus = status ? (status === 'COMPLETED' ? ('completed' as const) : ('pending' as const)) : undefined;
    const page = await readSlice(request, DREAMREFLEX_MAX_PAGE.projectItems, (skip, limit) => {
      const params = { skip, limit, status: vendorStatus };
      return this.loaders.once(readKey(`/api/projects/${projectId}/tasks`, params), () => this.limit(() => this.client.listProjectTasks(this.auth, projectId, params)));
    });
    return { ...page, items: page.items.map(projectTaskOf) };
  }

  /** A fresh pre-signed URL; each call asks the vendor (URLs expire, so they are not cached). */
  async fileDownload(fileId: string): Promise<FileDownloadModel> {
    const raw = await this.limit(() => this.client.createFileDownloadUrl(this.auth, fileId));
    return fileDownloadOf(raw, this.now());
  }

  businessAccount(id: string): Promise<BusinessAccountModel | null> {
    return this.loaders.businessAccountById.load(id);
  }

  /** The caller's own business account; null when they have none. One call per request. */
  myBusinessAccount(): Promise<BusinessAccountModel | null> {
    this.ownBusinessAccount ??= this.limit(() => this.client.myBusinessAccount(this.auth)).then(businessAccountOf, (error: unknown) => {
      if (error instanceof TesseraError && error.code === ErrorCode.NOT_FOUND) return null;
      throw error;
    });
    return this.ownBusinessAccount;
  }

  /** The user whose token this request uses. One call per request. */
  me(): Promise<DreamreflexUserModel> {
    this.viewer ??= this.limit(() => this.client.me(this.auth)).then(userOf);
    return this.viewer;
  }

  // --- writes ---

  async sendVerificationCode(email: string) {
    return this.limit(() => this.client.sendVerificationCode(email));
  }

  async register(input: { email: string; password: string; verificationCode: string }): Promise<DreamreflexUserModel> {
    const raw = await this.limit(() => this.client.register({ email: input.email, password: input.password, verification_code: input.verificationCode }));
    return userOf(raw);
  }

  async login(input: { email: string; password: string; flow?: 'JSON' | 'OAUTH2_FORM' | null }): Promise<DreamreflexSessionModel> {
    const raw = await this.limit(() =>
      input.flow === 'OAUTH2_FORM' ? this.client.loginWithForm(input.email, input.password) : this.client.login(input.email, input.password),
    );
    return sessionOf(raw, this.now());
  }

  async updateProfile(input: { fullName?: string | null; phoneNumber?: string | null; avatarUrl?: string | null; bio?: string | null }) {
    const raw = await this.limit(() => this.client.updateMe(this.auth, snakeCaseBody(input)));
    const user = userOf(raw);
    this.viewer = Promise.resolve(user);
    return user;
  }

  async changePassword(input: { oldPassword: string; newPassword: string }) {
    const raw = await this.limit(() => this.client.changePassword(this.auth, { old_password: input.oldPassword, new_password: input.newPassword }));
    return { message: raw.message };
  }

  async createTicket(input: { title: string; ticketType: DreamreflexTicketModel['ticketType']; content: string }) {
    const raw = await this.limit(() => this.client.createTicket(this.auth, { title: input.title, ticket_type: input.ticketType.toLowerCase(), content: input.content }));
    this.loaders.forgetLists();
    return replaceInLoader(ticketOf(raw), this.loaders.tickets.byId);
  }

  async updateTicket(id: string, input: { title?: string | null; content?: string | null }) {
    const raw = await this.limit(() => this.client.updateTicket(this.auth, id, snakeCaseBody(input)));
    this.loaders.forgetLists();
    return replaceInLoader(ticketOf(raw), this.loaders.tickets.byId);
  }

  async deleteTicket(id: string): Promise<void> {
    await this.limit(() => this.client.deleteTicket(this.auth, id));
    this.loaders.forgetLists();
    this.loaders.tickets.byId.clear(id).prime(id, null);
  }

  async setContractSigned(id: string, isSigned: boolean) {
    const raw = await this.limit(() => this.client.setContractSigned(this.auth, id, isSigned));
    this.loaders.forgetLists();
    return replaceInLoader(contractOf(raw), this.loaders.contracts.byId);
  }

  async applyForBusinessAccount(input: CompanyDetails) {
    const raw = await this.limit(() => this.client.applyForBusinessAccount(this.auth, snakeCaseBody(input)));
    return this.primeOwnAccount(businessAccountOf(raw));
  }

  async updateBusinessAccount(input: CompanyDetails) {
    const raw = await this.limit(() => this.client.updateMyBusinessAccount(this.auth, snakeCaseBody(input)));
    return this.primeOwnAccount(businessAccountOf(raw));
  }

  async submitContactForm(input: { name: string; email: string; message: string; turnstileToken: string }): Promise<ContactSubmissionModel> {
    return contactSubmissionOf(await this.limit(() => this.client.submitContactForm(input)));
  }

  // --- plumbing ---

  private primeOwnAccount(account: BusinessAccountModel): BusinessAccountModel {
    this.ownBusinessAccount = Promise.resolve(account);
    return replaceInLoader(account, this.loaders.businessAccountById);
  }
}
