import got, { AbortError, RequestError, TimeoutError, type Got, type Method, type Response } from 'got';
import type { Logger } from 'pino';
import type { ResponseCache } from '../../cache/ResponseCache.js';
import { gatewayOverloadedError, requestCancelledError, upstreamOutcomeUnknownError, upstreamTransportError, UpstreamError, type UpstreamCall } from '../../errors.js';
import type { Source } from '../../models.js';
import { currentWriteScope } from '../../writes/writeScope.js';
import { callerSignal } from './callerSignal.js';
import { timeoutBlame } from './timeoutBlame.js';
import type { VendorCallObserver } from './VendorCallObserver.js';
import { createVendorAgents } from './vendorAgents.js';

export interface VendorHttpOptions {
  source: Source;
  /** Origin (and optional base path) under which the vendor's documented paths live. */
  baseUrl: string;
  timeoutMs: number;
  logger: Logger;
  /** Most connections open to this vendor at once, for the whole process (default 64). */
  maxSockets?: number;
  /** Sees every call start and end (metrics, traces); none by default. */
  observer?: VendorCallObserver;
  /** Answers GETs from the response cache when it holds them (README "Response cache"); none by default. */
  cache?: ResponseCache;
  /** Whether a 2xx answer's envelope reports a failure (ThingsCloud's `result:false`, MaxCloud's `status`): never cached. */
  failedUnder2xx?: (response: VendorResponse) => boolean;
}

export interface VendorRequest {
  method: Method;
  /** Path as documented, starting with `/`; dynamic segments already passed through `pathSegment`. */
  path: string;
  searchParams?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** Aborts a read (not a write) when fired; by default the signal of the request the call is made for (`callerSignal`). */
  signal?: AbortSignal;
  /**
   * A POST (or other non-GET) that changes nothing at the vendor (a login, a token grant, a
   * search): its failures are read as a GET's. Any other non-GET is a write, and a write
   * that got no answer after it was sent is UPSTREAM_OUTCOME_UNKNOWN.
   */
  repeatable?: boolean;
}

export interface VendorResponse {
  status: number;
  /** Parsed JSON body; `undefined` when the body was empty. */
  body: unknown;
  /** False when a non-empty body was not JSON (HTML error pages, truncated bodies). */
  bodyIsJson: boolean;
  contentType: string;
  /** The `Retry-After` header in seconds (a 429's or 503's advice); undefined when absent or unreadable. */
  retryAfterSeconds?: number;
  call: Required<UpstreamCall>;
}

/**
 * The HTTP layer under every vendor client: one `got` instance per vendor, built once at
 * start-up. It sends, times out and maps transport failures; each vendor's client reads
 * statuses and envelopes, since every vendor reports failure its own way.
 */
export class VendorHttp {
  readonly source: Source;
  private readonly got: Got;
  private readonly logger: Logger;
  private readonly timeoutMs: number;
  private readonly observer: VendorCallObserver | undefined;
  private readonly cache: ResponseCache | undefined;
  private readonly failedUnder2xx: ((response: VendorResponse) => boolean) | undefined;

  constructor(options: VendorHttpOptions) {
    this.source = options.source;
    this.cache = options.cache;
    this.failedUnder2xx = options.failedUnder2xx;
    this.observer = options.observer;
    this.logger = options.logger;
    this.timeoutMs = options.timeoutMs;
    this.got = got.extend({
      prefixUrl: options.baseUrl,
      agent: createVendorAgents(options.maxSockets ?? 64),
      timeout: { request: options.timeoutMs },
      // Only reads are retried, once, and only when the vendor never processed them; writes never are.
      retry: { limit: 1, methods: ['GET'], statusCodes: [502, 503, 504], errorCodes: ['ECONNRESET', 'EPIPE', 'ECONNREFUSED'], backoffLimit: 200 },
      throwHttpErrors: false,
      followRedirect: false,
      responseType: 'text',
      headers: { 'user-agent': 'tessera-gateway', accept: 'application/json' },
    });
  }

  /** Sends a request whose answer is JSON (or empty). */
  async send(request: VendorRequest): Promise<VendorResponse> {
    return this.cache ? this.cache.send(this.source, request, () => this.sendUncached(request), this.failedUnder2xx) : this.sendUncached(request);
  }

  private async sendUncached(request: VendorRequest): Promise<VendorResponse> {
    const { response, call } = await this.exchange(request, 'text');
    const { body, bodyIsJson } = parseBody(String(response.body));
    return this.answer(response, call, body, bodyIsJson);
  }

  /**
   * Sends a request whose answer is a file (an attachment download): the body is kept as bytes,
   * since decoding a binary file as text would corrupt it. A JSON answer (a vendor's error body)
   * is parsed as well, for the client's error mapping.
   */
  async download(request: VendorRequest): Promise<VendorResponse & { bytes: Buffer }> {
    const { response, call } = await this.exchange(request, 'buffer');
    const contentType = String(response.headers['content-type'] ?? '');
    const bytes = Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body);
    const { body, bodyIsJson } = /json/i.test(contentType) ? parseBody(bytes.toString('utf8')) : { body: undefined, bodyIsJson: false };
    return { ...this.answer(response, call, body, bodyIsJson), bytes };
  }

  private async exchange(request: VendorRequest, responseType: 'text' | 'buffer'): Promise<{ response: Response<string | Buffer>; call: { method: Method; path: string } }> {
    const end = this.observer?.start({ source: this.source, method: request.method, path: request.path });
    if (!end) return this.transfer(request, responseType);
    try {
      const result = await this.transfer(request, responseType);
      end({ status: result.response.statusCode });
      return result;
    } catch (error) {
      end({ error });
      throw error;
    }
  }

  private async transfer(request: VendorRequest, responseType: 'text' | 'buffer'): Promise<{ response: Response<string | Buffer>; call: { method: Method; path: string } }> {
    const call = { method: request.method, path: request.path };
    const started = performance.now();
    const write = isWrite(request);
    // Only reads stop when the client goes away: a write the vendor may already be applying runs to its end.
    const signal = write ? undefined : (request.signal ?? callerSignal());
    // A create under an idempotency key waits longer for its write than its caller does (see writeScope.ts).
    const writeScope = write ? currentWriteScope() : undefined;
    try {
      // got types the answer by a literal responseType; both are handled below.
      const response = (await this.got(request.path.replace(/^\//, ''), {
        method: request.method,
        searchParams: definedOnly(request.searchParams),
        json: request.json,
        form: request.form,
        headers: request.headers,
        responseType,
        signal,
        ...(writeScope && { timeout: { request: writeScope.writeTimeoutMs } }),
      })) as Response<string | Buffer>;
      // Checked first: building the line costs an allocation per call even when debug lines are off.
      if (this.logger.isLevelEnabled('debug')) this.logger.debug({ ...this.logFields(call), status: response.statusCode, ms: Math.round(performance.now() - started) }, 'upstream call');
      if (write && isProxyGiveUp(response.statusCode)) {
        if (writeScope) writeScope.sentWrites += 1;
        throw upstreamOutcomeUnknownError(this.source, { ...call, status: response.statusCode }, 'proxy');
      }
      if (writeScope && response.statusCode < 300) writeScope.sentWrites += 1;
      return { response, call };
    } catch (error) {
      const ms = Math.round(performance.now() - started);
      // The client went away: not the vendor's failure, so not logged or reported as one.
      if (error instanceof AbortError && signal?.aborted) {
        this.logger.debug({ ...this.logFields(call), ms }, 'upstream call cancelled: the client went away');
        throw requestCancelledError(this.source, call);
      }
      if (error instanceof UpstreamError) throw error;
      // A write that reached the vendor and got no answer may have been applied: never "retryable", whoever is to blame.
      if (write && error instanceof RequestError && wasSent(error)) {
        if (writeScope) writeScope.sentWrites += 1;
        this.logger.warn({ ...this.logFields(call), failure: 'outcome-unknown', errorCode: error.code, ms }, 'upstream write got no answer');
        throw upstreamOutcomeUnknownError(this.source, call, error instanceof TimeoutError ? 'timeout' : 'connection', error);
      }
      // How late the timer fired (got's timings are per attempt): late means the gateway's loop was stalled, not that the vendor was slow.
      const timerLateMs = error instanceof TimeoutError ? Date.now() - error.timings.start - this.timeoutMs : 0;
      if (error instanceof TimeoutError && timeoutBlame(this.timeoutMs, timerLateMs) === 'gateway') {
        this.logger.warn({ ...this.logFields(call), failure: 'gateway-stalled', timerLateMs, ms }, 'upstream call timed out while the gateway was overloaded');
        throw gatewayOverloadedError(this.source, call, error);
      }
      // Only a failing connection is the vendor being unreachable. Whatever else got reports (a
      // body that cannot be serialised, a bug) happened here before the request left: not the
      // vendor's failure and not worth repeating, so it goes up as an unexpected error (masked,
      // logged). Its cause is kept, never got's error itself, which holds the request's headers.
      if (!(error instanceof TimeoutError) && !isTransportFailure(error)) {
        throw new Error(`${call.method} ${call.path} to ${this.source} failed in the gateway before reaching the vendor`, {
          cause: error instanceof RequestError ? error.cause : error,
        });
      }
      const kind = error instanceof TimeoutError ? 'timeout' : 'unreachable';
      this.logger.warn(
        { ...this.logFields(call), failure: kind, errorCode: error instanceof RequestError ? error.code : undefined, ms: Math.round(performance.now() - started) },
        'upstream call failed',
      );
      if (error instanceof RequestError) throw upstreamTransportError(this.source, call, kind, error);
      throw error;
    }
  }

  /** What every line about a call says: the vendor, method and path (the logger adds the ID of the request it was made for). */
  private logFields(call: { method: string; path: string }) {
    return { vendor: this.source, ...call };
  }

  private answer(response: Response<unknown>, call: { method: string; path: string }, body: unknown, bodyIsJson: boolean): VendorResponse {
    const contentType = String(response.headers['content-type'] ?? '');
    const retryAfterSeconds = retryAfterOf(response.headers['retry-after']);
    return { status: response.statusCode, body, bodyIsJson, contentType, retryAfterSeconds, call: { ...call, status: response.statusCode } };
  }
}

/** Whether the request may change something at the vendor (see `VendorRequest.repeatable`). */
function isWrite(request: VendorRequest): boolean {
  return request.method !== 'GET' && request.method !== 'HEAD' && request.repeatable !== true;
}

/**
 * Whether the vendor may have received the whole request: got saw it leave (`timings.upload`).
 * A refused connection, a failed DNS lookup or a timeout while connecting never sent it.
 */
function wasSent(error: RequestError): boolean {
  return error.timings?.upload !== undefined;
}

/**
 * Error codes of a connection that failed, could not be made or timed out at the socket: the
 * vendor (or the network to it) is unreachable. Anything else got reports is not a transport failure.
 */
const TRANSPORT_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'ERR_STREAM_PREMATURE_CLOSE',
  'EPROTO',
]);

function isTransportFailure(error: unknown): boolean {
  return error instanceof RequestError && TRANSPORT_ERROR_CODES.has(error.code);
}

/** A gateway or proxy in front of the vendor gave up waiting (502, 504): whether the vendor applied the write is unknown. */
function isProxyGiveUp(status: number): boolean {
  return status === 502 || status === 504;
}

function parseBody(text: string): { body: unknown; bodyIsJson: boolean } {
  if (text.trim() === '') return { body: undefined, bodyIsJson: true };
  try {
    return { body: JSON.parse(text) as unknown, bodyIsJson: true };
  } catch {
    return { body: undefined, bodyIsJson: false };
  }
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
function retryAfterOf(value: string | undefined): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function definedOnly(params: VendorRequest['searchParams']): Record<string, string | number | boolean> | undefined {
  if (!params) return undefined;
  const entries = Object.entries(params).filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined);
  return entries.length ? Object.fromEntries(entries) : undefined;
}
