import type { z } from 'zod';
import {
  asServiceLogin,
  ErrorCode,
  UnauthenticatedError,
  UpstreamError,
  upstreamGarbageError,
  upstreamHttpError,
  type VendorComplaint,
} from '../../errors.js';
import type { TokenAuth } from '../shared/TokenAuth.js';
import type { SharedTokenSlot } from '../shared/SharedTokenStore.js';
import { TokenCache } from '../shared/TokenCache.js';
import { pathSegment } from '../shared/pathSegment.js';
import type { VendorHttp, VendorRequest, VendorResponse } from '../shared/VendorHttp.js';
import {
  rawBusinessAccount,
  rawCodeSent,
  rawContactSubmission,
  rawContract,
  rawDownloadUrl,
  rawErrorBody,
  rawList,
  rawMessage,
  rawProject,
  rawProjectFile,
  rawProjectLink,
  rawProjectTask,
  rawTicket,
  rawToken,
  rawUser,
} from './types.js';

/** Whose token a call uses. Resolved per request by the context. */
export type DreamreflexAuth = TokenAuth;

export interface DreamreflexServiceAccount {
  email: string;
  password: string;
}

/** Page sizes the vendor allows (`limit`). */
export const DREAMREFLEX_MAX_PAGE = { tickets: 100, contracts: 100, projects: 100, projectItems: 500 } as const;

export interface ListParams {
  skip: number;
  limit: number;
}

/**
 * Dreamreflex CSA's REST API, one method per documented endpoint. Built once at start-up;
 * holds the service token cache. Every method takes the per-request auth, returns the
 * vendor's raw (validated) payload and throws `TesseraError`s.
 */
export class DreamreflexClient {
  private readonly serviceToken: TokenCache | undefined;

  constructor(
    private readonly http: VendorHttp,
    service: DreamreflexServiceAccount | undefined,
    now: () => number = Date.now,
    /** Where replicas share the service token (Redis); absent: this process keeps its own. */
    sharedToken?: SharedTokenSlot,
  ) {
    this.serviceToken = service && new TokenCache({ acquire: () => this.loginService(service), now, ...(sharedToken && { shared: sharedToken }) });
  }

  get hasServiceAccount(): boolean {
    return this.serviceToken !== undefined;
  }

  // --- auth (no token needed) ---

  sendVerificationCode(email: string) {
    return this.anonymous({ method: 'POST', path: '/api/auth/send-code', json: { email } }, rawCodeSent);
  }

  register(body: { email: string; password: string; verification_code: string }) {
    return this.anonymous({ method: 'POST', path: '/api/auth/register', json: body }, rawUser);
  }

  login(email: string, password: string) {
    return this.anonymous({ method: 'POST', path: '/api/auth/login', json: { email, password }, repeatable: true }, rawToken);
  }

  /** The OAuth2 password-grant form endpoint; `username` carries the e-mail address. */
  loginWithForm(email: string, password: string) {
    return this.anonymous({ method: 'POST', path: '/api/auth/token', form: { username: email, password }, repeatable: true }, rawToken);
  }

  submitContactForm(body: { name: string; email: string; message: string; turnstileToken: string }) {
    return this.anonymous({ method: 'POST', path: '/api/owa/info', json: body }, rawContactSubmission);
  }

  // --- the signed-in user ---

  me(auth: DreamreflexAuth) {
    return this.authed(auth, { method: 'GET', path: '/api/auth/me' }, rawUser);
  }

  updateMe(auth: DreamreflexAuth, patch: Record<string, string>) {
    return this.authed(auth, { method: 'PATCH', path: '/api/users/me', json: patch }, rawUser);
  }

  changePassword(auth: DreamreflexAuth, body: { old_password: string; new_password: string }) {
    return this.authed(auth, { method: 'POST', path: '/api/users/me/change-password', json: body }, rawMessage);
  }

  // --- tickets ---

  listTickets(auth: DreamreflexAuth, params: ListParams & { status_filter?: 'pending' | 'replied' }) {
    return this.authed(auth, { method: 'GET', path: '/api/tickets', searchParams: { ...params } }, rawList(rawTicket));
  }

  getTicket(auth: DreamreflexAuth, id: string) {
    return this.authed(auth, { method: 'GET', path: `/api/tickets/${pathSegment(id, 'ticket ID')}` }, rawTicket);
  }

  createTicket(auth: DreamreflexAuth, body: { title: string; ticket_type: string; content: string }) {
    return this.authed(auth, { method: 'POST', path: '/api/tickets', json: body }, rawTicket);
  }

  updateTicket(auth: DreamreflexAuth, id: string, body: { title?: string; content?: string }) {
    return this.authed(auth, { method: 'PUT', path: `/api/tickets/${pathSegment(id, 'ticket ID')}`, json: body }, rawTicket);
  }

  async deleteTicket(auth: DreamreflexAuth, id: string): Promise<void> {
    await this.authed(auth, { method: 'DELETE', path: `/api/tickets/${pathSegment(id, 'ticket ID')}` }, null);
  }

  // --- business accounts ---

  myBusinessAccount(auth: DreamreflexAuth) {
    return this.authed(auth, { method: 'GET', path: '/api/business-accounts/me' }, rawBusinessAccount);
  }

  applyForBusinessAccount(auth: DreamreflexAuth, body: Record<string, string>) {
    return this.authed(auth, { method: 'POST', path: '/api/business-accounts/me/apply', json: body }, rawBusinessAccount);
  }

  updateMyBusinessAccount(auth: DreamreflexAuth, body: Record<string, string>) {
    return this.authed(auth, { method: 'PATCH', path: '/api/business-accounts/me', json: body }, rawBusinessAccount);
  }

  getBusinessAccount(auth: DreamreflexAuth, id: string) {
    return this.authed(auth, { method: 'GET', path: `/api/business-accounts/${pathSegment(id, 'business account ID')}` }, rawBusinessAccount);
  }

  // --- contracts ---

  listContracts(auth: DreamreflexAuth, params: ListParams) {
    return this.authed(auth, { method: 'GET', path: '/api/contracts/me', searchParams: { ...params } }, rawList(rawContract));
  }

  getContract(auth: DreamreflexAuth, id: string) {
    return this.authed(auth, { method: 'GET', path: `/api/contracts/${pathSegment(id, 'contract ID')}` }, rawContract);
  }

  setContractSigned(auth: DreamreflexAuth, id: string, isSigned: boolean) {
    const path = `/api/contracts/${pathSegment(id, 'contract ID')}/sign-status`;
    return this.authed(auth, { method: 'PATCH', path, json: { is_signed: isSigned } }, rawContract);
  }

  // --- projects ---

  listProjects(auth: DreamreflexAuth, params: ListParams) {
    return this.authed(auth, { method: 'GET', path: '/api/projects/me', searchParams: { ...params } }, rawList(rawProject));
  }

  getProject(auth: DreamreflexAuth, id: string) {
    return this.authed(auth, { method: 'GET', path: `/api/projects/${pathSegment(id, 'project ID')}` }, rawProject);
  }

  listProjectFiles(auth: DreamreflexAuth, projectId: string, params: ListParams & { filename?: string; tag?: string }) {
    const path = `/api/projects/${pathSegment(projectId, 'project ID')}/files`;
    return this.authed(auth, { method: 'GET', path, searchParams: { ...params } }, rawList(rawProjectFile));
  }

  createFileDownloadUrl(auth: DreamreflexAuth, fileId: string) {
    const path = `/api/projects/files/${pathSegment(fileId, 'file ID')}/download-url`;
    return this.authed(auth, { method: 'POST', path, repeatable: true }, rawDownloadUrl);
  }

  listProjectLinks(auth: DreamreflexAuth, projectId: string, params: ListParams) {
    const path = `/api/projects/${pathSegment(projectId, 'project ID')}/links`;
    return this.authed(auth, { method: 'GET', path, searchParams: { ...params } }, rawList(rawProjectLink));
  }

  listProjectTasks(auth: DreamreflexAuth, projectId: string, params: ListParams & { status?: 'pending' | 'completed' }) {
    const path = `/api/projects/${pathSegment(projectId, 'project ID')}/tasks`;
    return this.authed(auth, { method: 'GET', path, searchParams: { ...params } }, rawList(rawProjectTask));
  }

  // --- plumbing ---

  private async loginService(service: DreamreflexServiceAccount) {
    const token = await asServiceLogin('DREAMREFLEX', 'DREAMREFLEX_EMAIL/DREAMREFLEX_PASSWORD', () => this.login(service.email, service.password));
    return { token: token.access_token, expiresInSeconds: token.expires_in };
  }

  private anonymous<S extends z.ZodType>(request: VendorRequest, schema: S): Promise<z.infer<S>> {
    return this.send(request, schema) as Promise<z.infer<S>>;
  }

  /** Sends with the caller's token, or the service token (re-acquired once if Dreamreflex rejects it). */
  private authed<S extends z.ZodType>(auth: DreamreflexAuth, request: VendorRequest, schema: S): Promise<z.infer<S>>;
  private authed(auth: DreamreflexAuth, request: VendorRequest, schema: null): Promise<undefined>;
  private authed(auth: DreamreflexAuth, request: VendorRequest, schema: z.ZodType | null): Promise<unknown> {
    const withToken = (token: string) => this.send({ ...request, headers: { authorization: `Bearer ${token}` } }, schema);
    switch (auth.kind) {
      case 'user':
        return withToken(auth.token);
      case 'service':
        if (!this.serviceToken) throw new UnauthenticatedError('Dreamreflex has no service account configured.', { source: 'DREAMREFLEX' });
        return this.serviceToken.withToken(withToken, isRejectedToken);
      case 'none':
        throw auth.error;
    }
  }

  private async send(request: VendorRequest, schema: z.ZodType | null): Promise<unknown> {
    const response = await this.http.send(request);
    if (response.status < 200 || response.status >= 300) throw failureOf(response);
    if (!response.bodyIsJson) throw upstreamGarbageError('DREAMREFLEX', response.call);
    if (schema === null) return undefined;
    const parsed = schema.safeParse(response.body);
    if (!parsed.success) throw upstreamGarbageError('DREAMREFLEX', response.call, parsed.error);
    return parsed.data;
  }
}

function isRejectedToken(error: unknown): boolean {
  return error instanceof UpstreamError && error.code === ErrorCode.UNAUTHENTICATED;
}

/** Reads Dreamreflex's `{detail}` error body (either form) into a complaint. */
export function complaintOf(body: unknown): VendorComplaint {
  const parsed = rawErrorBody.safeParse(body);
  if (!parsed.success) return {};
  const { detail } = parsed.data;
  if (typeof detail === 'string') return { message: detail };
  const fieldErrors = detail.map((item) => ({
    // FastAPI prefixes the location with where the value came from: body, query or path.
    field: (item.loc ?? []).filter((part, i) => !(i === 0 && ['body', 'query', 'path'].includes(String(part)))).join('.') || 'request',
    message: item.msg,
  }));
  return { message: fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; '), fieldErrors };
}

function failureOf(response: VendorResponse): UpstreamError {
  return upstreamHttpError('DREAMREFLEX', response.call, response.bodyIsJson ? complaintOf(response.body) : {});
}
