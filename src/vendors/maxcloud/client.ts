import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { z } from 'zod';
import {
  ErrorCode,
  UnauthenticatedError,
  UpstreamError,
  upstreamGarbageError,
  upstreamHttpError,
  upstreamRefusalError,
  type TesseraError,
  type UpstreamCall,
} from '../../errors.js';
import type { SharedTokenSlot } from '../shared/SharedTokenStore.js';
import { TokenCache, type IssuedToken } from '../shared/TokenCache.js';
import type { VendorHttp, VendorRequest, VendorResponse } from '../shared/VendorHttp.js';
import { expiryOf } from './mapping.js';
import { rawEnvelope, rawLogin, rawSwitch, rawTicketSearch, type RawCompany, type RawEnvelope, type RawSwitch, type RawTicketSearchRequest } from './types.js';
import { zonedTimeMillis } from './zonedTime.js';

const SOURCE = 'MAXCLOUD' as const;

/** The gateway's own MaxCloud account (`MAXCLOUD_USERNAME`, `MAXCLOUD_PASSWORD`, optionally `MAXCLOUD_COMPANY_ID`). */
export interface MaxCloudServiceAccount {
  email: string;
  password: string;
  /** The company to work in (digits); absent: the login's default company. */
  companyId?: string;
}

/**
 * Whose token one request uses: the caller's own (`x-maxcloud-token`), switched to
 * `companyId` when the caller names one (`x-maxcloud-company-id`); the service account's; or
 * none (`error` is thrown on the first call that needs a token).
 */
export type MaxCloudAuth = { kind: 'caller'; token: string; companyId?: string } | { kind: 'service' } | { kind: 'none'; error: TesseraError };

export interface MaxCloudClientOptions {
  service?: MaxCloudServiceAccount;
  /** The IANA zone MaxCloud's zone-less times are read in. */
  timeZone: string;
  /** The largest `page_size` asked for (FACTS: MaxCloud's maximum is unconfirmed). */
  pageSize: number;
  now?: () => number;
  /** How many (caller token, company) switches are remembered; the least recently used is forgotten first. */
  callerSwitchCapacity?: number;
  logger?: Logger;
  /** Where replicas share the service account's token (Redis, `serviceTokenMaterial`); absent: this process logs in on its own. */
  sharedServiceToken?: SharedTokenSlot;
}

/**
 * MaxCloud documents no token lifetime and its tokens are opaque. A token is renewed after
 * this long (or when MaxCloud rejects it, whichever comes first): two calls an hour at most.
 */
export const ASSUMED_TOKEN_LIFETIME_SECONDS = 3600;

/**
 * What names the service account's shared token in Redis (and derives its encryption key).
 * The tag changes whenever the details stored with the token (`MaxCloudCompanies`) change
 * shape, so replicas of two versions never read each other's.
 */
export function serviceTokenMaterial(baseUrl: string, account: MaxCloudServiceAccount): string[] {
  return [baseUrl, account.email, account.password, account.companyId ?? '', 'session-companies-v1'];
}

/** The company a token is scoped to and every company its account has, as the login or switch answered. */
export interface MaxCloudCompanies {
  /** The account the token belongs to. */
  email: string;
  company: RawCompany;
  companies: RawCompany[];
}

/** A token's companies, as kept with it (the token cache's details; JSON when another replica stored them). */
function companiesOfAnswer(answer: RawSwitch): MaxCloudCompanies {
  return { email: answer.email, company: answer.company, companies: answer.all_company.length > 0 ? answer.all_company : [answer.company] };
}

function isCompanies(details: unknown): details is MaxCloudCompanies {
  const value = details as Partial<MaxCloudCompanies> | null | undefined;
  return typeof value?.email === 'string' && typeof value.company?.id === 'string' && Array.isArray(value.companies);
}

export interface SearchOptions {
  /**
   * For the merged tickets connection: the answer must be paged exactly as asked and list its
   * tickets newest first (the doc does not say how search orders them), else UPSTREAM_ERROR
   * rather than a wrong merge.
   */
  strict?: boolean;
}

/**
 * MaxCloud's API as documented: login, company switch, ticket search. Built once at start-up.
 * It holds the service account's company-scoped token (one acquisition shared by concurrent
 * requests, and with `sharedServiceToken` by the replicas; renewed before the assumed expiry
 * or once when rejected) and the company-scoped tokens of callers who name a company
 * (switched once per token and company, remembered under a SHA-256 digest of the token, never
 * the token itself, and in this process only: a caller's token is not the gateway's to store).
 * Every method returns the validated `data` of MaxCloud's envelope and throws `TesseraError`s
 * with `source: MAXCLOUD`.
 */
export class MaxCloudClient {
  readonly timeZone: string;
  readonly pageSize: number;
  readonly now: () => number;
  private readonly service: TokenCache | undefined;
  /** Caller tokens switched to a company, keyed by the token's digest and the company; bounded, least recently used first out. */
  private readonly callerScopes: LRUCache<string, TokenCache>;
  private readonly logger: Logger | undefined;

  constructor(
    private readonly http: Pick<VendorHttp, 'send'>,
    options: MaxCloudClientOptions,
  ) {
    this.timeZone = options.timeZone;
    this.pageSize = options.pageSize;
    this.now = options.now ?? Date.now;
    this.logger = options.logger;
    this.callerScopes = new LRUCache({ max: options.callerSwitchCapacity ?? 1000 });
    const account = options.service;
    const shared = options.sharedServiceToken;
    this.service = account && new TokenCache({ acquire: () => this.acquireServiceToken(account), now: this.now, ...(shared && { shared }) });
  }

  get hasServiceAccount(): boolean {
    return this.service !== undefined;
  }

  // --- sessions (no token, or the caller's own) ---

  /** `POST /api/login`: a token scoped to the account's default company. */
  login(email: string, password: string) {
    return this.send({ method: 'POST', path: '/api/login', json: { email, password }, repeatable: true }, rawLogin);
  }

  /** `POST /api/company/switch` with `token`: a new token scoped to the company. The token goes raw in `authorization`, without `Bearer`. */
  switchCompany(token: string, companyId: string) {
    return this.send({ method: 'POST', path: '/api/company/switch', headers: { authorization: token }, json: { company_id: Number(companyId) }, repeatable: true }, rawSwitch);
  }

  // --- tickets ---

  /** `POST /api/tickets/search`. */
  searchTickets(auth: MaxCloudAuth, body: RawTicketSearchRequest, options: SearchOptions = {}) {
    return this.authed(auth, async (token) => {
      const { data, call } = await this.exchange({ method: 'POST', path: '/api/tickets/search', headers: { authorization: token }, json: body, repeatable: true }, rawTicketSearch);
      if (options.strict) this.checkStrict(body, data, call);
      return data;
    });
  }

  /**
   * The company the request's token is scoped to and all of its account's, from the login or
   * switch answer behind it (acquiring the token if need be). Null for a caller's token used
   * as is: MaxCloud tells a token's companies only when it issues one.
   */
  async companiesOf(auth: MaxCloudAuth): Promise<MaxCloudCompanies | null> {
    const scope = this.scopeOf(auth);
    if (scope === null) return null;
    const { details } = await scope.held();
    return isCompanies(details) ? details : null;
  }

  // --- plumbing ---

  /**
   * Logs in with the service account and, when `MAXCLOUD_COMPANY_ID` is set, switches to it.
   * The switch is made even when that company is the login's default: the token is then
   * scoped to the configured company whatever MaxCloud takes as the default (it does not
   * document how it chooses), at one call per token lifetime.
   */
  private async acquireServiceToken(account: MaxCloudServiceAccount): Promise<IssuedToken> {
    const login = await asServiceStep('MAXCLOUD_USERNAME/MAXCLOUD_PASSWORD', () => this.login(account.email, account.password));
    let answer: RawSwitch = login;
    if (account.companyId !== undefined) {
      // The login lists the account's companies: a company outside it is a configuration mistake, said without asking.
      if (login.all_company.length > 0 && !login.all_company.some((company) => company.id === account.companyId)) {
        throw new UnauthenticatedError('The MaxCloud service account is not a member of the company MAXCLOUD_COMPANY_ID names.', { source: SOURCE });
      }
      answer = await asServiceStep('MAXCLOUD_COMPANY_ID', () => this.switchCompany(login.token, account.companyId!));
    }
    return this.issued(answer);
  }

  /**
   * A login or switch answer's token, with the companies it names. Its lifetime: to its own
   * `exp` when it has one ahead of our clock (else clocks disagree, and MaxCloud's rejection decides).
   */
  private issued(answer: RawSwitch): IssuedToken {
    const expiresAt = expiryOf(answer.token);
    const left = expiresAt === null ? 0 : (Date.parse(expiresAt) - this.now()) / 1000;
    return { token: answer.token, expiresInSeconds: left > 0 ? left : ASSUMED_TOKEN_LIFETIME_SECONDS, details: companiesOfAnswer(answer) };
  }

  /** The token cache behind a request's auth; null for a caller's token used as is. */
  private scopeOf(auth: MaxCloudAuth): TokenCache | null {
    switch (auth.kind) {
      case 'none':
        throw auth.error;
      case 'service':
        if (!this.service) throw new UnauthenticatedError('MaxCloud has no service account configured.', { source: SOURCE });
        return this.service;
      case 'caller': {
        const { token, companyId } = auth;
        if (companyId === undefined) return null;
        const key = `${createHash('sha256').update(token).digest('hex')}:${companyId}`;
        const known = this.callerScopes.get(key);
        if (known) return known;
        const scope = new TokenCache({ acquire: async () => this.issued(await this.switchCompany(token, companyId)), now: this.now });
        this.callerScopes.set(key, scope);
        return scope;
      }
    }
  }

  /**
   * Runs `call` with the request's token. A company-scoped token MaxCloud rejects is acquired
   * again once (a new login, or a new switch with the caller's own token, which MaxCloud then
   * judges); a caller's token used as is is never replaced: its rejection is the caller's
   * UNAUTHENTICATED.
   */
  private async authed<T>(auth: MaxCloudAuth, call: (token: string) => Promise<T>): Promise<T> {
    const scope = this.scopeOf(auth);
    if (scope === null) return call((auth as { token: string }).token);
    return scope.withToken(call, isRejectedToken);
  }

  private async send<S extends z.ZodType>(request: VendorRequest, schema: S): Promise<z.infer<S>> {
    return (await this.exchange(request, schema)).data;
  }

  private async exchange<S extends z.ZodType>(request: VendorRequest, schema: S): Promise<{ data: z.infer<S>; call: Required<UpstreamCall> }> {
    const response = await this.http.send(request);
    let envelope: RawEnvelope;
    try {
      envelope = envelopeOf(response);
    } catch (error) {
      if (error instanceof UpstreamError) {
        const requestId = requestIdOf(response.body);
        this.logger?.warn({ vendor: SOURCE, ...response.call, vendorCode: error.extensions.vendorCode, requestId }, 'MaxCloud refused the call');
      }
      throw error;
    }
    const parsed = schema.safeParse(envelope.data);
    if (!parsed.success) throw upstreamGarbageError(SOURCE, response.call, parsed.error);
    return { data: parsed.data as z.infer<S>, call: response.call };
  }

  private checkStrict(body: RawTicketSearchRequest, data: z.infer<typeof rawTicketSearch>, call: Required<UpstreamCall>): void {
    if (typeof data.page_size === 'number' && data.page_size !== body.page_size) {
      throw new UpstreamError(`MaxCloud paged by ${data.page_size} although asked for ${body.page_size}; set MAXCLOUD_PAGE_SIZE to at most ${data.page_size}.`, ErrorCode.UPSTREAM_ERROR, {
        source: SOURCE,
        upstream: call,
      });
    }
    const times = data.tickets.map((ticket) => zonedTimeMillis(ticket.created_at, this.timeZone));
    if (times.some((time, i) => i > 0 && time > times[i - 1]!)) {
      throw new UpstreamError('MaxCloud did not list its tickets newest first, so they cannot be merged with the other vendors’.', ErrorCode.UPSTREAM_ERROR, {
        source: SOURCE,
        upstream: call,
      });
    }
  }
}

/** MaxCloud's answer to a token it no longer accepts: HTTP 401, or status 401 in the envelope. */
function isRejectedToken(error: unknown): boolean {
  return error instanceof UpstreamError && error.code === ErrorCode.UNAUTHENTICATED;
}

/**
 * A step of the service account's token acquisition. A refusal is the gateway's configuration,
 * not the caller's request: UNAUTHENTICATED naming the variables (never their values), with
 * MaxCloud's code. MaxCloud refuses a wrong password as a bad request (status 400), so that
 * counts as a refusal too.
 */
async function asServiceStep<T>(variables: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    const refused: string[] = [ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN, ErrorCode.BAD_USER_INPUT];
    if (error instanceof UpstreamError && refused.includes(error.code)) {
      const vendorCode = error.extensions.vendorCode as number | string | undefined;
      throw new UnauthenticatedError(`MaxCloud refused the service account (${variables}).`, { source: SOURCE, vendorCode, cause: error });
    }
    throw error;
  }
}

/**
 * The success envelope of an answer, or the error it stands for. MaxCloud reports failures in
 * the envelope, often under HTTP 200: `status` other than 200 or `err_code` other than 0 is
 * a failure whatever the HTTP status. `err_code` travels as `extensions.vendorCode`.
 *
 * When HTTP itself fails, its status decides the error code. When HTTP says 200 and the
 * envelope's `status` is an HTTP error status (MaxCloud's `status` mirrors HTTP's meaning:
 * 400, 401, 403, …), that status decides and is what `upstream.status` reports; otherwise
 * `err_code` is read as a refused request.
 */
export function envelopeOf(response: VendorResponse): RawEnvelope {
  const parsed = response.bodyIsJson ? rawEnvelope.safeParse(response.body) : undefined;
  const envelope = parsed?.success ? parsed.data : undefined;
  const complaint = { message: envelope?.message || undefined, vendorCode: envelope?.err_code || undefined };
  if (response.status < 200 || response.status >= 300) return fail(upstreamHttpError(SOURCE, response.call, complaint));
  if (!envelope) return fail(upstreamGarbageError(SOURCE, response.call, parsed?.error));
  if (envelope.status === 200 && envelope.err_code === 0) return envelope;
  if (envelope.status >= 400 && envelope.status < 600) {
    return fail(upstreamHttpError(SOURCE, { ...response.call, status: envelope.status }, { ...complaint, vendorCode: envelope.err_code || envelope.status }));
  }
  return fail(upstreamRefusalError(SOURCE, response.call, envelope.err_code || envelope.status, { message: complaint.message }));
}

function fail(error: UpstreamError): never {
  throw error;
}

function requestIdOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('request_id' in body)) return undefined;
  return typeof body.request_id === 'string' ? body.request_id.slice(0, 64) : undefined;
}
