import type { z } from 'zod';
import {
  BadUserInputError,
  ErrorCode,
  UnauthenticatedError,
  UpstreamError,
  upstreamGarbageError,
  upstreamHttpError,
  type FieldError,
  type TesseraError,
  type VendorComplaint,
} from '../../errors.js';
import type { SharedTokenSlot } from '../shared/SharedTokenStore.js';
import { createLocalTokenCallBudget, type TokenCallBudget, type TokenCallLimit } from '../shared/TokenCallBudget.js';
import { TokenCache, type IssuedToken } from '../shared/TokenCache.js';
import { pathSegment } from '../shared/pathSegment.js';
import type { VendorHttp, VendorRequest, VendorResponse } from '../shared/VendorHttp.js';
import { rawErrorBody, rawTeamDocument, rawTeamPage, rawToken, type RawTeam, type RawTeamWrite } from './types.js';

/**
 * Per request: whether the service credentials may be used (Lexiang has no per-user tokens:
 * the app acts *as* a staff member), and which staff member acts (`x-staff-id`).
 */
export type LexiangAuth = ({ kind: 'service' } | { kind: 'none'; error: TesseraError }) & { staffId: string | undefined };

/** The app's credentials (`LEXIANG_APP_KEY`/`LEXIANG_APP_SECRET`). */
export interface LexiangAppCredentials {
  appKey: string;
  appSecret: string;
}

/** Largest `per_page` asked for. Lexiang's maximum is unconfirmed (other list endpoints allow 100–1000), so the page adapter checks `meta.per_page`. */
export const LEXIANG_MAX_PER_PAGE = 100;

export const JSON_API_MEDIA_TYPE = 'application/vnd.api+json';

/** How a single-team read ended: Lexiang's own "no such team" and an unknown route are both 404s. */
export type SingleTeamRead = { kind: 'found'; team: RawTeam } | { kind: 'notFound' } | { kind: 'noSuchEndpoint' };

/**
 * The documented 404 body of a team endpoint: ``不存在ID为`…`的team资源``. Anything else on a 404
 * (for a well-formed ID, see `teamPath`) is a route Lexiang does not have.
 */
const TEAM_NOT_FOUND = /^不存在ID为`.*`的team资源$/s;

/**
 * Team IDs are 32 hex digits in every documented example (UUIDs without dashes). Letters,
 * digits, `-` and `_` are accepted, in case of other UUID spellings; anything else cannot be a
 * team's ID and is never sent, since what a server in front of Lexiang answers for it (a 404 of
 * its own for `%2F`, say) proves nothing about Lexiang's routes.
 */
const WELL_FORMED_TEAM_ID = /^[0-9A-Za-z_-]{1,64}$/;

/** How long a known-missing single-team endpoint is not asked again (Lexiang might add it; scanning works meanwhile). */
const SINGLE_TEAM_RECHECK_MS = 60 * 60_000;
/** After a 429 from the token endpoint, wait this long when Lexiang does not say (its window is 10 minutes). */
const TOKEN_COOLDOWN_DEFAULT_MS = 60_000;
const TOKEN_COOLDOWN_MAX_MS = 10 * 60_000;
const TOKEN_CALL = { method: 'POST', path: '/cgi-bin/token' } as const;
/** Lexiang's documented limit on the token endpoint, counted across replicas when they share Redis. */
export const LEXIANG_TOKEN_CALL_LIMIT: TokenCallLimit = { calls: 20, windowMs: 10 * 60_000 };

/** How replicas share the app token and the token endpoint's budget (Redis); absent: this process alone. */
export interface LexiangTokenSharing {
  token: SharedTokenSlot;
  budget: TokenCallBudget;
}

/**
 * Tencent Lexiang's open API, K吧 part: one method per documented endpoint. Built once at
 * start-up; holds the app token. The token endpoint allows only 20 calls per 10 minutes, so
 * concurrent requests share one acquisition, the token lives until shortly before expiry, a
 * 401 re-acquires it once, and a 429 there stops further token calls until Lexiang's
 * `Retry-After` has passed (callers get a retryable UPSTREAM_RATE_LIMITED meanwhile). With
 * `sharing`, replicas share the token, count their token calls against the budget together
 * (none past it: UPSTREAM_RATE_LIMITED) and share the cool-down.
 */
export class LexiangClient {
  private readonly token: TokenCache;
  private readonly tokenBudget: TokenCallBudget;
  private singleTeamEndpointMissingAt: number | undefined;
  private teamTotal: number | undefined;
  private teamPageMax: number | undefined;

  constructor(
    private readonly http: Pick<VendorHttp, 'send'>,
    credentials: LexiangAppCredentials,
    /** The staff member writes act as when a request names none (`LEXIANG_STAFF_ID`). */
    readonly defaultStaffId: string | undefined,
    private readonly now: () => number = Date.now,
    sharing?: LexiangTokenSharing,
  ) {
    this.tokenBudget = sharing?.budget ?? createLocalTokenCallBudget(now);
    this.token = new TokenCache({ acquire: () => this.acquireToken(credentials), now, ...(sharing && { shared: sharing.token }) });
  }

  /** True while Lexiang is known to lack `GET /v1/teams/{id}`: single reads then go straight to the list. */
  get singleTeamEndpointMissing(): boolean {
    return this.singleTeamEndpointMissingAt !== undefined && this.now() - this.singleTeamEndpointMissingAt < SINGLE_TEAM_RECHECK_MS;
  }

  /**
   * The team list's total and page size as the last list read saw them: how many pages a by-ID
   * batch would cost (a planning figure for the call planner, never returned as data). The page
   * size is LEXIANG_MAX_PER_PAGE until Lexiang serves fewer than asked for.
   */
  get teamListHint(): { total: number; pageSize: number } | undefined {
    return this.teamTotal === undefined ? undefined : { total: this.teamTotal, pageSize: this.teamPageMax ?? LEXIANG_MAX_PER_PAGE };
  }

  // --- teams ---

  async listTeams(auth: LexiangAuth, params: { page: number; per_page: number; sort: 'created_at' | '-created_at' }) {
    const page = this.parsed(await this.authed(auth, { method: 'GET', path: '/cgi-bin/v1/teams', searchParams: { ...params } }), rawTeamPage);
    this.teamTotal = page.meta.total;
    if (page.meta.per_page < params.per_page) this.teamPageMax = page.meta.per_page;
    return page;
  }

  /**
   * `GET /v1/teams/{id}`: seen only in third-party material, so an unknown-route 404 is an
   * answer, not a failure. Only a 404 for a well-formed ID that is not Lexiang's "no such team"
   * marks the route missing (for the whole process, an hour): a malformed ID is refused first.
   */
  async getTeam(auth: LexiangAuth, id: string): Promise<SingleTeamRead> {
    const response = await this.authed(auth, { method: 'GET', path: teamPath(id) });
    if (response.status === 404) {
      const { message } = response.bodyIsJson ? complaintOf(response.body) : {};
      if (message !== undefined && TEAM_NOT_FOUND.test(message)) return { kind: 'notFound' };
      this.singleTeamEndpointMissingAt = this.now();
      return { kind: 'noSuchEndpoint' };
    }
    const team = this.parsed(response, rawTeamDocument).data;
    this.singleTeamEndpointMissingAt = undefined;
    return { kind: 'found', team };
  }

  async createTeam(auth: LexiangAuth, body: RawTeamWrite) {
    requireStaff(auth);
    return this.parsed(await this.authed(auth, { method: 'POST', path: '/cgi-bin/v1/teams', json: body }), rawTeamDocument).data;
  }

  /** Lexiang replaces the whole member list with `relationships.orgs` when the body has it. */
  async updateTeam(auth: LexiangAuth, id: string, body: RawTeamWrite) {
    const path = teamPath(id);
    requireStaff(auth);
    return this.parsed(await this.authed(auth, { method: 'PATCH', path, json: body }), rawTeamDocument).data;
  }

  /** Moves the team to the recycle bin (204). */
  async hideTeam(auth: LexiangAuth, id: string): Promise<void> {
    const path = `${teamPath(id)}/hide`;
    requireStaff(auth);
    this.parsed(await this.authed(auth, { method: 'DELETE', path }), null);
  }

  // --- plumbing ---

  private async acquireToken(credentials: LexiangAppCredentials): Promise<IssuedToken> {
    // Asking again while refused would only spend the next window's budget: repeat Lexiang's last answer instead.
    if (!(await this.tokenBudget.take())) throw upstreamHttpError('LEXIANG', { ...TOKEN_CALL, status: 429 });
    const response = await this.http.send({
      ...TOKEN_CALL,
      repeatable: true,
      json: { grant_type: 'client_credentials', app_key: credentials.appKey, app_secret: credentials.appSecret },
    });
    if (response.status === 429) {
      const waitMs = response.retryAfterSeconds === undefined ? TOKEN_COOLDOWN_DEFAULT_MS : response.retryAfterSeconds * 1000;
      await this.tokenBudget.refuseUntil(this.now() + Math.min(Math.max(waitMs, 1000), TOKEN_COOLDOWN_MAX_MS));
      throw failureOf(response);
    }
    // A bad key is a 400 with field errors, a bad secret a 401: either way the gateway's configuration is wrong.
    if (response.status === 400 || response.status === 401) {
      throw new UnauthenticatedError('Lexiang rejected the service credentials (LEXIANG_APP_KEY/LEXIANG_APP_SECRET).', {
        source: 'LEXIANG',
        upstream: response.call,
      });
    }
    const token = this.parsed(response, rawToken);
    return { token: token.access_token, expiresInSeconds: token.expires_in };
  }

  /** Sends with the app token (re-acquired once if Lexiang rejects it) and the acting staff member. */
  private async authed(auth: LexiangAuth, request: VendorRequest): Promise<VendorResponse> {
    if (auth.kind === 'none') throw auth.error;
    const headers: Record<string, string> = {
      accept: JSON_API_MEDIA_TYPE,
      ...(request.json !== undefined && { 'content-type': JSON_API_MEDIA_TYPE }),
      ...(auth.staffId && { 'x-staff-id': auth.staffId }),
    };
    return this.token.withToken(async (token) => {
      const response = await this.http.send({ ...request, headers: { ...headers, authorization: `Bearer ${token}` } });
      if (response.status === 401) throw failureOf(response);
      return response;
    }, isRejectedToken);
  }

  /** Checks the status and parses the body; `schema: null` for a 204. */
  private parsed<S extends z.ZodType>(response: VendorResponse, schema: S): z.infer<S>;
  private parsed(response: VendorResponse, schema: null): undefined;
  private parsed(response: VendorResponse, schema: z.ZodType | null): unknown {
    if (response.status < 200 || response.status >= 300) throw failureOf(response);
    if (!response.bodyIsJson) throw upstreamGarbageError('LEXIANG', response.call);
    if (schema === null) return undefined;
    const parsed = schema.safeParse(response.body);
    if (!parsed.success) throw upstreamGarbageError('LEXIANG', response.call, parsed.error);
    return parsed.data;
  }
}

/** Whether an ID can be a team's at all (see WELL_FORMED_TEAM_ID); others are refused before any call. */
export function isWellFormedTeamId(id: string): boolean {
  return WELL_FORMED_TEAM_ID.test(id);
}

/** `/cgi-bin/v1/teams/{id}`, refusing (before any call) an ID that cannot be a team's. */
function teamPath(id: string): string {
  if (!WELL_FORMED_TEAM_ID.test(id)) throw new BadUserInputError(`"${id.slice(0, 64)}" is not a Lexiang team ID.`, { source: 'LEXIANG' });
  return `/cgi-bin/v1/teams/${pathSegment(id, 'team ID')}`;
}

/** Writes need the acting staff member; refusing here means no call (not even for a token) is made. */
function requireStaff(auth: LexiangAuth): void {
  if (!auth.staffId) {
    throw new BadUserInputError('Lexiang needs to know which staff member makes this change: send the x-lexiang-staff-id header (or set LEXIANG_STAFF_ID).', {
      source: 'LEXIANG',
    });
  }
}

function isRejectedToken(error: unknown): boolean {
  return error instanceof UpstreamError && error.code === ErrorCode.UNAUTHENTICATED;
}

/** Reads any of Lexiang's error bodies into a complaint; field-keyed errors keep their field names. */
export function complaintOf(body: unknown): VendorComplaint {
  const parsed = rawErrorBody.safeParse(body);
  if (!parsed.success) return {};
  const { errors } = parsed.data;
  const messages: string[] = [];
  const fieldErrors: FieldError[] = [];
  if (Array.isArray(errors)) {
    for (const error of errors) {
      const text = error.detail ?? error.title;
      if (text === undefined) continue;
      const field = error.source?.pointer?.split('/').filter(Boolean).at(-1) ?? error.source?.parameter;
      if (field) fieldErrors.push({ field, message: text });
      else messages.push(text);
    }
  } else {
    for (const [key, value] of Object.entries(errors)) {
      const texts = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
      if (key === 'detail') messages.push(...texts);
      else fieldErrors.push(...texts.map((message) => ({ field: key, message })));
    }
  }
  const said = [...messages, ...fieldErrors.map((e) => `${e.field}: ${e.message}`)].join('; ');
  return { ...(said && { message: said }), ...(fieldErrors.length > 0 && { fieldErrors }) };
}

function failureOf(response: VendorResponse): UpstreamError {
  return upstreamHttpError('LEXIANG', response.call, response.bodyIsJson ? complaintOf(response.body) : {});
}
