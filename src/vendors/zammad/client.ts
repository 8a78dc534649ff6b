import type { z } from 'zod';
import {
  UnauthenticatedError,
  upstreamGarbageError,
  upstreamHttpError,
  type FieldError,
  type TesseraError,
  type UpstreamError,
  type VendorComplaint,
} from '../../errors.js';
import { pathSegment } from '../shared/pathSegment.js';
import type { VendorHttp, VendorRequest, VendorResponse } from '../shared/VendorHttp.js';
import {
  rawArticle,
  rawErrorBody,
  rawGroup,
  rawOrganization,
  rawSearchResult,
  rawTagChange,
  rawTagList,
  rawTicket,
  rawTicketPriority,
  rawTicketSearchAssets,
  rawTicketState,
  rawUser,
  type RawArticleCreate,
  type RawTicketCreate,
  type RawTicketUpdate,
  type RawUserWrite,
} from './types.js';

/** The gateway's own Zammad account (`ZAMMAD_TOKEN`, `ZAMMAD_USERNAME`+`ZAMMAD_PASSWORD` or `ZAMMAD_OAUTH_TOKEN`). */
export type ZammadServiceCredentials =
  | { scheme: 'token'; token: string }
  | { scheme: 'basic'; username: string; password: string }
  | { scheme: 'oauth'; token: string };

/**
 * Whose credentials one request uses, decided per request: the caller's own `Authorization`
 * value (any of Zammad's three schemes, passed on verbatim), the service credentials, or
 * none (`error` is thrown on the first call). `onBehalfOf` goes to Zammad as `From`.
 */
export type ZammadAuth = ({ kind: 'caller'; authorization: string } | { kind: 'service' } | { kind: 'none'; error: TesseraError }) & {
  onBehalfOf?: string;
};

/** Page sizes Zammad allows (FACTS: over-cap values are silently reduced, so never ask for more). */
export const ZAMMAD_MAX_PER_PAGE = { search: 200, list: 100 } as const;

/** The variables holding each kind of service credential, for messages (never their values). */
const SERVICE_VARIABLES: Record<ZammadServiceCredentials['scheme'], string> = {
  token: 'ZAMMAD_TOKEN',
  basic: 'ZAMMAD_USERNAME/ZAMMAD_PASSWORD',
  oauth: 'ZAMMAD_OAUTH_TOKEN',
};

export interface NumberedParams {
  page: number;
  per_page: number;
}

export interface TicketSearchParams extends NumberedParams {
  query: string;
  sort_by: string;
  order_by: 'asc' | 'desc';
}

const API = '/api/v1';
/** Every read asks for association names too (see types.ts), except the ticket search that answers with assets. */
const EXPAND = { expand: true } as const;

/**
 * Zammad's REST API v1, one method per endpoint Tessera uses. Built once at start-up; it
 * holds the service credentials (static: Zammad tokens do not expire) and builds the
 * `Authorization` and `From` headers per call. Every method returns Zammad's validated raw
 * payload and throws `TesseraError`s with `source: ZAMMAD`.
 */
export class ZammadClient {
  constructor(
    private readonly http: Pick<VendorHttp, 'send' | 'download'>,
    private readonly service: ZammadServiceCredentials | undefined,
  ) {}

  get hasServiceCredentials(): boolean {
    return this.service !== undefined;
  }

  // --- tickets ---

  /** `GET /tickets/search`: the only ticket list that sorts and filters (`GET /tickets` is always id ascending). */
  searchTickets(auth: ZammadAuth, params: TicketSearchParams) {
    return this.send(auth, { method: 'GET', path: `${API}/tickets/search`, searchParams: { ...params, ...EXPAND, with_total_count: true } }, rawSearchResult(rawTicket));
  }

  /**
   * `GET /tickets/search` without `expand`: the page's tickets come in `assets` with the users,
   * organizations and groups they reference (see `rawTicketSearchAssets`), but without names.
   */
  searchTicketsWithAssets(auth: ZammadAuth, params: TicketSearchParams) {
    return this.send(auth, { method: 'GET', path: `${API}/tickets/search`, searchParams: { ...params, with_total_count: true } }, rawTicketSearchAssets);
  }

  getTicket(auth: ZammadAuth, id: string) {
    return this.send(auth, { method: 'GET', path: `${API}/tickets/${pathSegment(id, 'ticket ID')}`, searchParams: EXPAND }, rawTicket);
  }

  createTicket(auth: ZammadAuth, body: RawTicketCreate) {
    return this.send(auth, { method: 'POST', path: `${API}/tickets`, searchParams: EXPAND, json: body }, rawTicket);
  }

  /** An `article` in the body adds an article in the same call. */
  updateTicket(auth: ZammadAuth, id: string, body: RawTicketUpdate) {
    return this.send(auth, { method: 'PUT', path: `${API}/tickets/${pathSegment(id, 'ticket ID')}`, searchParams: EXPAND, json: body }, rawTicket);
  }

  /** Admins only; 200 with an empty body. */
  async deleteTicket(auth: ZammadAuth, id: string): Promise<void> {
    await this.send(auth, { method: 'DELETE', path: `${API}/tickets/${pathSegment(id, 'ticket ID')}` }, null);
  }

  // --- articles ---

  /** All of a ticket's articles the caller may see, oldest first, unpaginated. */
  listArticlesByTicket(auth: ZammadAuth, ticketId: string) {
    const path = `${API}/ticket_articles/by_ticket/${pathSegment(ticketId, 'ticket ID')}`;
    return this.send(auth, { method: 'GET', path, searchParams: EXPAND }, rawArticle.array());
  }

  getArticle(auth: ZammadAuth, id: string) {
    return this.send(auth, { method: 'GET', path: `${API}/ticket_articles/${pathSegment(id, 'article ID')}`, searchParams: EXPAND }, rawArticle);
  }

  createArticle(auth: ZammadAuth, body: RawArticleCreate) {
    return this.send(auth, { method: 'POST', path: `${API}/ticket_articles`, searchParams: EXPAND, json: body }, rawArticle);
  }

  /** `GET /ticket_attachment/{ticket_id}/{article_id}/{id}`: the file itself, as bytes. */
  async downloadAttachment(auth: ZammadAuth, ids: { ticketId: string; articleId: string; attachmentId: string }): Promise<Buffer> {
    const path = `${API}/ticket_attachment/${pathSegment(ids.ticketId, 'ticket ID')}/${pathSegment(ids.articleId, 'article ID')}/${pathSegment(ids.attachmentId, 'attachment ID')}`;
    const response = await this.http.download({ method: 'GET', path, headers: this.headers(auth) });
    this.check(auth, response);
    return response.bytes;
  }

  // --- tags ---

  async listTags(auth: ZammadAuth, ticketId: string): Promise<string[]> {
    const searchParams = { object: 'Ticket', o_id: ticketId };
    return (await this.send(auth, { method: 'GET', path: `${API}/tags`, searchParams }, rawTagList)).tags;
  }

  async addTag(auth: ZammadAuth, ticketId: string, tag: string): Promise<void> {
    await this.send(auth, { method: 'POST', path: `${API}/tags/add`, json: { item: tag, object: 'Ticket', o_id: Number(ticketId) } }, rawTagChange);
  }

  async removeTag(auth: ZammadAuth, ticketId: string, tag: string): Promise<void> {
    await this.send(auth, { method: 'DELETE', path: `${API}/tags/remove`, json: { item: tag, object: 'Ticket', o_id: Number(ticketId) } }, rawTagChange);
  }

  // --- users ---

  me(auth: ZammadAuth) {
    return this.send(auth, { method: 'GET', path: `${API}/users/me`, searchParams: EXPAND }, rawUser);
  }

  getUser(auth: ZammadAuth, id: string) {
    return this.send(auth, { method: 'GET', path: `${API}/users/${pathSegment(id, 'user ID')}`, searchParams: EXPAND }, rawUser);
  }

  /** `GET /users`: id ascending, no total. */
  listUsers(auth: ZammadAuth, params: NumberedParams) {
    return this.send(auth, { method: 'GET', path: `${API}/users`, searchParams: { ...params, ...EXPAND } }, rawUser.array());
  }

  searchUsers(auth: ZammadAuth, params: NumberedParams & { query: string }) {
    return this.send(auth, { method: 'GET', path: `${API}/users/search`, searchParams: { ...params, ...EXPAND, with_total_count: true } }, rawSearchResult(rawUser));
  }

  createUser(auth: ZammadAuth, body: RawUserWrite) {
    return this.send(auth, { method: 'POST', path: `${API}/users`, searchParams: EXPAND, json: body }, rawUser);
  }

  updateUser(auth: ZammadAuth, id: string, body: RawUserWrite) {
    return this.send(auth, { method: 'PUT', path: `${API}/users/${pathSegment(id, 'user ID')}`, searchParams: EXPAND, json: body }, rawUser);
  }

  // --- organizations ---

  getOrganization(auth: ZammadAuth, id: string) {
    return this.send(auth, { method: 'GET', path: `${API}/organizations/${pathSegment(id, 'organization ID')}`, searchParams: EXPAND }, rawOrganization);
  }

  listOrganizations(auth: ZammadAuth, params: NumberedParams) {
    return this.send(auth, { method: 'GET', path: `${API}/organizations`, searchParams: { ...params, ...EXPAND } }, rawOrganization.array());
  }

  searchOrganizations(auth: ZammadAuth, params: NumberedParams & { query: string }) {
    const searchParams = { ...params, ...EXPAND, with_total_count: true };
    return this.send(auth, { method: 'GET', path: `${API}/organizations/search`, searchParams }, rawSearchResult(rawOrganization));
  }

  // --- small lists: groups, states, priorities ---

  listGroups(auth: ZammadAuth, params: NumberedParams) {
    return this.send(auth, { method: 'GET', path: `${API}/groups`, searchParams: { ...params, ...EXPAND } }, rawGroup.array());
  }

  listTicketStates(auth: ZammadAuth, params: NumberedParams) {
    return this.send(auth, { method: 'GET', path: `${API}/ticket_states`, searchParams: { ...params, ...EXPAND } }, rawTicketState.array());
  }

  listTicketPriorities(auth: ZammadAuth, params: NumberedParams) {
    return this.send(auth, { method: 'GET', path: `${API}/ticket_priorities`, searchParams: { ...params, ...EXPAND } }, rawTicketPriority.array());
  }

  // --- plumbing ---

  /** `Authorization` (the caller's verbatim, or the service credentials) and `From`. Never logged. */
  private headers(auth: ZammadAuth): Record<string, string> {
    const authorization = this.authorizationOf(auth);
    return { authorization, ...(auth.onBehalfOf !== undefined && { from: auth.onBehalfOf }) };
  }

  private authorizationOf(auth: ZammadAuth): string {
    switch (auth.kind) {
      case 'caller':
        return auth.authorization;
      case 'none':
        throw auth.error;
      case 'service': {
        const service = this.service;
        if (!service) throw new UnauthenticatedError('Zammad has no service credentials configured.', { source: 'ZAMMAD' });
        switch (service.scheme) {
          case 'token':
            return `Token token=${service.token}`;
          case 'oauth':
            return `Bearer ${service.token}`;
          case 'basic':
            return `Basic ${Buffer.from(`${service.username}:${service.password}`, 'utf8').toString('base64')}`;
        }
      }
    }
  }

  private async send<S extends z.ZodType>(auth: ZammadAuth, request: VendorRequest, schema: S): Promise<z.infer<S>>;
  private async send(auth: ZammadAuth, request: VendorRequest, schema: null): Promise<undefined>;
  private async send(auth: ZammadAuth, request: VendorRequest, schema: z.ZodType | null): Promise<unknown> {
    const response = await this.http.send({ ...request, headers: this.headers(auth) });
    this.check(auth, response);
    if (schema === null) return undefined;
    if (!response.bodyIsJson) throw upstreamGarbageError('ZAMMAD', response.call);
    const parsed = schema.safeParse(response.body);
    if (!parsed.success) throw upstreamGarbageError('ZAMMAD', response.call, parsed.error);
    return parsed.data;
  }

  /** Throws for any non-2xx answer. */
  private check(auth: ZammadAuth, response: VendorResponse): void {
    if (response.status >= 200 && response.status < 300) return;
    // A rejected service credential is the gateway's configuration, not the caller's mistake.
    if (response.status === 401 && auth.kind === 'service' && this.service) {
      throw new UnauthenticatedError(`Zammad rejected the service credentials (${SERVICE_VARIABLES[this.service.scheme]}).`, {
        source: 'ZAMMAD',
        upstream: response.call,
      });
    }
    throw failureOf(response);
  }
}

/**
 * Reads Zammad's `{error, error_human}` body into a complaint. A 422's message keeps the
 * fields it names (`Validation failed: Title can't be blank, …` → `title`).
 */
export function complaintOf(body: unknown, status: number): VendorComplaint {
  const parsed = rawErrorBody.safeParse(body);
  if (!parsed.success) return {};
  const { error, error_human: human } = parsed.data;
  // Zammad puts the whole "Validation failed: A, B" in `error`; `error_human` may hold only A.
  const message = error !== undefined && VALIDATION_PREFIX.test(error) ? error : (human ?? error ?? parsed.data.message);
  if (!message) return {};
  const fieldErrors = status === 422 || VALIDATION_PREFIX.test(message) ? fieldErrorsOf(message) : [];
  return { message, ...(fieldErrors.length > 0 && { fieldErrors }) };
}

const VALIDATION_PREFIX = /^Validation failed:\s*/i;
/** Rails' full messages: a humanized attribute (`Title`, `First response at`), then the complaint. */
const RAILS_FULL_MESSAGE = /^([A-Z][A-Za-z]*(?: [a-z]+){0,3}?) (?:can't|can’t|cannot|is|are|has|have|must|should|doesn't|does not|was|needs to)\b/;
/** Zammad's own phrasings that name a field. */
const NAMED_FIELD = [/^No lookup value found for '([\w.]+)'/, /^Attribute '([\w.]+)' required/, /^String is needed as ref value .* for '([\w.]+)'/];

/**
 * The fields a Zammad validation message names: `Validation failed: Title can't be blank,
 * Group can't be blank` → title, group (Rails joins full messages with ", "; each starts
 * with a capital). Also reads Zammad's lookup and required-attribute messages. Empty when
 * the message names no field.
 */
export function fieldErrorsOf(message: string): FieldError[] {
  const named = NAMED_FIELD.map((pattern) => pattern.exec(message)).find(Boolean);
  if (named) return [{ field: named[1]!, message }];
  const validation = VALIDATION_PREFIX.test(message);
  const parts = message.replace(VALIDATION_PREFIX, '').split(/, (?=[A-Z])/);
  // Without the prefix only a message that is exactly one Rails full message counts (Zammad's `error_human`).
  if (!validation && parts.length !== 1) return [];
  const errors: FieldError[] = [];
  for (const part of parts) {
    const match = RAILS_FULL_MESSAGE.exec(part.trim());
    if (!match) {
      if (validation) errors.push({ field: 'base', message: part.trim() });
      continue;
    }
    errors.push({ field: match[1]!.toLowerCase().replace(/ /g, '_'), message: part.trim() });
  }
  return errors;
}

function failureOf(response: VendorResponse): UpstreamError {
  return upstreamHttpError('ZAMMAD', response.call, response.bodyIsJson ? complaintOf(response.body, response.status) : {});
}
