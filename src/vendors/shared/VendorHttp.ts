import got, { RequestError, TimeoutError, type Got, type Method, type Response } from 'got';
import type { Logger } from 'pino';
import { upstreamTransportError, type UpstreamCall } from '../../errors.js';
import type { Source } from '../../models.js';

export interface VendorHttpOptions {
  source: Source;
  /** Origin (and optional base path) under which the vendor's documented paths live. */
  baseUrl: string;
  timeoutMs: number;
  logger: Logger;
}

export interface VendorRequest {
  method: Method;
  /** Path as documented, starting with `/`; dynamic segments already passed through `pathSegment`. */
  path: string;
  searchParams?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
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

  constructor(options: VendorHttpOptions) {
    this.source = options.source;
    this.logger = options.logger;
    this.got = got.extend({
      prefixUrl: options.baseUrl,
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
    const call = { method: request.method, path: request.path };
    const started = performance.now();
    try {
      // got types the answer by a literal responseType; both are handled below.
      const response = (await this.got(request.path.replace(/^\//, ''), {
        method: request.method,
        searchParams: definedOnly(request.searchParams),
        json: request.json,
        form: request.form,
        headers: request.headers,
        responseType,
      })) as Response<string | Buffer>;
      this.logger.debug({ vendor: this.source, ...call, status: response.statusCode, ms: Math.round(performance.now() - started) }, 'upstream call');
      return { response, call };
    } catch (error) {
      const kind = error instanceof TimeoutError ? 'timeout' : 'unreachable';
      this.logger.warn(
        { vendor: this.source, ...call, failure: kind, errorCode: error instanceof RequestError ? error.code : undefined, ms: Math.round(performance.now() - started) },
        'upstream call failed',
      );
      if (error instanceof RequestError) throw upstreamTransportError(this.source, call, kind, error);
      throw error;
    }
  }

  private answer(response: Response<unknown>, call: { method: string; path: string }, body: unknown, bodyIsJson: boolean): VendorResponse {
    const contentType = String(response.headers['content-type'] ?? '');
    const retryAfterSeconds = retryAfterOf(response.headers['retry-after']);
    return { status: response.statusCode, body, bodyIsJson, contentType, retryAfterSeconds, call: { ...call, status: response.statusCode } };
  }
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
