import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Source } from './models.js';

/** Every `extensions.code` Tessera sends. Clients switch on these; they are part of the API. */
export const ErrorCode = {
  /** Credentials missing, expired or rejected (by Tessera or by a vendor). */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** Authenticated, but the vendor refuses this caller the record or action. */
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  /** The request is wrong: a malformed ID, an argument out of range, a vendor validation error. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** The vendor answered with a server error or a response Tessera cannot read. */
  UPSTREAM_ERROR: 'UPSTREAM_ERROR',
  /** The vendor did not answer in time. */
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  /** The vendor could not be reached at all (connection refused, DNS, reset). */
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  /** The vendor asked Tessera to slow down (HTTP 429); retry later. */
  UPSTREAM_RATE_LIMITED: 'UPSTREAM_RATE_LIMITED',
  /**
   * A write was sent but its answer never came (a timeout or a broken connection after sending, a
   * proxy's 502/504): the vendor may or may not have applied it. Not `retryable` unless the request
   * carried an idempotency key: check first, or repeat a create with the same key.
   */
  UPSTREAM_OUTCOME_UNKNOWN: 'UPSTREAM_OUTCOME_UNKNOWN',
  /** Another request with this idempotency key is still running; retry shortly with the same key. */
  IDEMPOTENCY_KEY_IN_USE: 'IDEMPOTENCY_KEY_IN_USE',
  /** Tessera's own limit on credential checks or e-mails, per caller or per account; `retryAfterSeconds` says when to retry. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** This deployment has no base URL for the vendor. */
  VENDOR_NOT_CONFIGURED: 'VENDOR_NOT_CONFIGURED',
  /** Safelist mode: the request's operation is not registered in the operation manifest (HTTP 403). */
  OPERATION_NOT_IN_SAFELIST: 'OPERATION_NOT_IN_SAFELIST',
  /**
   * Tessera itself is too busy: a request refused at the door (HTTP 503 with `Retry-After`), or a
   * vendor call that ran out of time because the gateway's own event loop stalled, not the vendor. Retry later.
   */
  OVERLOADED: 'OVERLOADED',
  /** The caller went away before the answer; the vendor calls it needed were stopped. Nobody normally sees this one. */
  REQUEST_CANCELLED: 'REQUEST_CANCELLED',
  /**
   * The operation is over one of the gateway's limits (depth, aliases, tokens, estimated or counted
   * vendor calls, …): `extensions.limit` names it and `extensions.max` is its value. Refused before
   * any vendor call (HTTP 400), or, for the per-request count of vendor calls, the fields past it fail.
   */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** Anything else. The detail is logged under the request ID, never sent. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** What Tessera knows of the upstream call behind an error. Never the query string, a body or a header. */
export interface UpstreamCall {
  method: string;
  /** Path without query string, e.g. `/api/tickets/507f…`. */
  path: string;
  /** HTTP status, when the vendor answered. */
  status?: number;
}

/** A vendor's complaint about one input field, e.g. `{ field: 'title', message: 'String should have at most 200 characters' }`. */
export interface FieldError {
  field: string;
  message: string;
}

export interface TesseraErrorOptions {
  source?: Source;
  upstream?: UpstreamCall;
  fieldErrors?: FieldError[];
  /** Whether repeating the same request later may succeed. */
  retryable?: boolean;
  /** HTTP status for errors raised before execution (e.g. a bad API key). */
  httpStatus?: number;
  /** The vendor's own error code (ThingsCloud's `errcode`), for callers who know the vendor's table. */
  vendorCode?: number | string;
  /** The gateway limit the request went over (`extensions.limit`, `.max`, and `.found` when known). */
  limit?: { name: string; max: number; found?: number };
  /** Seconds until a retry can succeed (`extensions.retryAfterSeconds`). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * The one base class of every error Tessera shows a client. Its message is safe to show:
 * it never carries credentials, vendor bodies or URLs with query strings.
 */
export class TesseraError extends GraphQLError {
  readonly code: ErrorCode;
  /** The vendor the error concerns (`source` is taken: GraphQLError uses it for the query text). */
  readonly vendor: Source | undefined;

  constructor(message: string, code: ErrorCode, options: TesseraErrorOptions = {}) {
    super(message, {
      extensions: {
        code,
        ...(options.source && { source: options.source }),
        ...(options.upstream && { upstream: options.upstream }),
        ...(options.fieldErrors?.length && { fieldErrors: options.fieldErrors }),
        ...(options.retryable !== undefined && { retryable: options.retryable }),
        ...(options.httpStatus && { http: { status: options.httpStatus } }),
        ...(options.vendorCode !== undefined && { vendorCode: options.vendorCode }),
        ...(options.limit && { limit: options.limit.name, max: options.limit.max, ...(options.limit.found !== undefined && { found: options.limit.found }) }),
        ...(options.retryAfterSeconds !== undefined && { retryAfterSeconds: options.retryAfterSeconds }),
      },
      originalError: options.cause instanceof Error ? options.cause : undefined,
    });
    this.name = 'TesseraError';
    this.code = code;
    this.vendor = options.source;
  }
}

export class NotFoundError extends TesseraError {
  constructor(message: string, options: TesseraErrorOptions = {}) {
    super(message, ErrorCode.NOT_FOUND, options);
  }
}

export class BadUserInputError extends TesseraError {
  constructor(message: string, options: TesseraErrorOptions = {}) {
    super(message, ErrorCode.BAD_USER_INPUT, options);
  }
}

/**
 * A request over one of the gateway's limits (README "Limits and failure behaviour"). Structural
 * limits are QUERY_TOO_COMPLEX; an argument over its cap (`nodes(ids)`) is BAD_USER_INPUT, like
 * `first` above its maximum.
 */
export class LimitExceededError extends TesseraError {
  constructor(message: string, limit: { name: string; max: number; found?: number }, options: TesseraErrorOptions & { code?: ErrorCode } = {}) {
    super(message, options.code ?? ErrorCode.QUERY_TOO_COMPLEX, { ...options, limit });
    this.name = 'LimitExceededError';
  }
}

export class UnauthenticatedError extends TesseraError {
  constructor(message: string, options: TesseraErrorOptions = {}) {
    super(message, ErrorCode.UNAUTHENTICATED, options);
  }
}

export class VendorNotConfiguredError extends TesseraError {
  constructor(source: Source, variable: string) {
    super(`${vendorName(source)} is not configured on this gateway (set ${variable}).`, ErrorCode.VENDOR_NOT_CONFIGURED, { source });
  }
}

/** An upstream call failed; `code` says how. */
export class UpstreamError extends TesseraError {
  constructor(message: string, code: ErrorCode, options: TesseraErrorOptions & { source: Source; upstream: UpstreamCall }) {
    super(message, code, options);
    this.name = 'UpstreamError';
  }
}

const vendorNames: Record<Source, string> = {
  MAXCLOUD: 'MaxCloud',
  THINGSCLOUD: 'ThingsCloud',
  ZAMMAD: 'Zammad',
  LEXIANG: 'Lexiang',
  DREAMREFLEX: 'Dreamreflex',
};

export function vendorName(source: Source): string {
  return vendorNames[source];
}

/** What a vendor said about a failure, already extracted from its own error envelope. */
export interface VendorComplaint {
  /** A short human message from the vendor (e.g. `工单不存在`); shown to the client for 4xx only. */
  message?: string;
  fieldErrors?: FieldError[];
  /** The vendor's own error code, passed on as `extensions.vendorCode`. */
  vendorCode?: number | string;
}

/**
 * The one mapping from an upstream HTTP failure to a Tessera error. Vendor messages are
 * passed on only for client errors (4xx), where they tell the caller what to fix; a server
 * error's body may hold internals and is never shown.
 */
export function upstreamHttpError(source: Source, call: Required<UpstreamCall>, complaint: VendorComplaint = {}): UpstreamError {
  return upstreamFailure(source, call, call.status, complaint);
}

/**
 * A failure the vendor reports inside its envelope rather than (only) in the HTTP status
 * (ThingsCloud: HTTP 200 `{result:false, errcode}`). Its code is read like an HTTP status
 * when it looks like one; any other code is a refused request. `upstream.status` stays the
 * real HTTP status and the code travels as `extensions.vendorCode`.
 */
export function upstreamRefusalError(source: Source, call: Required<UpstreamCall>, vendorCode: number, complaint: VendorComplaint = {}): UpstreamError {
  const statusLike = Number.isInteger(vendorCode) && vendorCode >= 400 && vendorCode < 600 ? vendorCode : 400;
  return upstreamFailure(source, call, statusLike, { ...complaint, vendorCode });
}

function upstreamFailure(source: Source, call: Required<UpstreamCall>, status: number, complaint: VendorComplaint): UpstreamError {
  const vendor = vendorName(source);
  const said = complaint.message ? `: ${truncate(complaint.message, 300)}` : '';
  const options = { source, upstream: call, fieldErrors: complaint.fieldErrors, vendorCode: complaint.vendorCode };
  switch (true) {
    case status === 401:
      return new UpstreamError(`${vendor} rejected the credentials${said}`, ErrorCode.UNAUTHENTICATED, options);
    case status === 403:
      return new UpstreamError(`${vendor} refused access${said}`, ErrorCode.FORBIDDEN, options);
    case status === 404:
      return new UpstreamError(`${vendor} has no such record${said}`, ErrorCode.NOT_FOUND, options);
    case status === 429:
      return new UpstreamError(`${vendor} is rate limiting requests; retry later`, ErrorCode.UPSTREAM_RATE_LIMITED, { ...options, retryable: true });
    case status >= 400 && status < 500:
      return new UpstreamError(`${vendor} rejected the request${said}`, ErrorCode.BAD_USER_INPUT, options);
    default:
      return new UpstreamError(`${vendor} failed with ${status === call.status ? 'HTTP' : 'error code'} ${status}`, ErrorCode.UPSTREAM_ERROR, {
        ...options,
        retryable: status >= 500,
      });
  }
}

/**
 * Runs a service-credential login. A refusal means the gateway's configuration is wrong, not
 * the caller's request: it becomes UNAUTHENTICATED naming the variables (never their values).
 */
export async function asServiceLogin<T>(source: Source, variables: string, login: () => Promise<T>): Promise<T> {
  try {
    return await login();
  } catch (error) {
    if (error instanceof TesseraError && (error.code === ErrorCode.UNAUTHENTICATED || error.code === ErrorCode.FORBIDDEN)) {
      throw new UnauthenticatedError(`${vendorName(source)} rejected the service credentials (${variables}).`, { source });
    }
    throw error;
  }
}

/** Connection-level failures: no HTTP answer at all. */
export function upstreamTransportError(source: Source, call: UpstreamCall, kind: 'timeout' | 'unreachable', cause?: unknown): UpstreamError {
  const vendor = vendorName(source);
  return kind === 'timeout'
    ? new UpstreamError(`${vendor} did not answer in time`, ErrorCode.UPSTREAM_TIMEOUT, { source, upstream: call, retryable: true, cause })
    : new UpstreamError(`${vendor} could not be reached`, ErrorCode.UPSTREAM_UNAVAILABLE, { source, upstream: call, retryable: true, cause });
}

/**
 * A write that reached the vendor (or may have) and got no answer: a timeout or a broken
 * connection after the request was sent, or a proxy's 502/504. Repeating it blindly could
 * apply it twice (a second ticket), so it is not retryable; the message says what is safe.
 */
export function upstreamOutcomeUnknownError(source: Source, call: UpstreamCall, what: 'timeout' | 'connection' | 'proxy', cause?: unknown): UpstreamError {
  const vendor = vendorName(source);
  const happened = {
    timeout: `${vendor} did not answer in time`,
    connection: `The connection to ${vendor} broke`,
    proxy: `A proxy in front of ${vendor} answered HTTP ${call.status ?? 502}`,
  }[what];
  return new UpstreamError(
    `${happened} after the ${call.method} was sent: ${vendor} may or may not have applied it. Check before sending it again; ` +
      'a create sent with an idempotency key (its `idempotencyKey` argument or the Idempotency-Key header) can be repeated safely with the same key.',
    ErrorCode.UPSTREAM_OUTCOME_UNKNOWN,
    { source, upstream: call, retryable: false, cause },
  );
}

/**
 * A vendor call that timed out while the gateway's own event loop was stalled for a good part of
 * its time: the gateway's overload, not the vendor's slowness, so no `source` blames the vendor.
 */
export function gatewayOverloadedError(source: Source, call: UpstreamCall, cause?: unknown): TesseraError {
  return new TesseraError(`Tessera was too busy to wait for ${vendorName(source)}; retry later`, ErrorCode.OVERLOADED, { upstream: call, retryable: true, cause });
}

/** A vendor call stopped (or never sent) because the caller went away: not the vendor's failure. */
export function requestCancelledError(source: Source, call: UpstreamCall): TesseraError {
  return new TesseraError(`The request was cancelled by the client before ${vendorName(source)} answered`, ErrorCode.REQUEST_CANCELLED, { upstream: call });
}

/** A 2xx answer that is not what the vendor documents (not JSON, wrong shape). */
export function upstreamGarbageError(source: Source, call: Required<UpstreamCall>, cause?: unknown): UpstreamError {
  return new UpstreamError(`${vendorName(source)} sent a response Tessera cannot read`, ErrorCode.UPSTREAM_ERROR, { source, upstream: call, cause });
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Codes that graphql-js and Apollo produce themselves and that are safe to pass through. */
const passThroughCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * Apollo's `formatError`: Tessera's own errors and GraphQL's request errors pass;
 * anything else (a bug, a library's exception) becomes "Unexpected error." and is
 * logged in full by the caller-supplied `report`.
 */
/**
 * Whether `createErrorFormatter` masks this error as "Unexpected error." — a bug or a library's
 * exception, not one of Tessera's errors nor GraphQL's own request errors — so that its detail
 * belongs in the log, under the request's ID.
 */
export function isUnexpectedError(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof TesseraError || (error instanceof GraphQLError && error.originalError instanceof TesseraError)) return false;
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  if (typeof code === 'string' && passThroughCodes.has(code) && original instanceof GraphQLError) return false;
  return !isApolloRequestRefusal(original);
}

export function createErrorFormatter(report: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const ours = original instanceof TesseraError || (error instanceof GraphQLError && error.originalError instanceof TesseraError);
    if (ours) return withoutStack(formatted);
    const code = formatted.extensions?.code;
    // GraphQL's and Apollo's own request errors (parse, validation, variable coercion) are GraphQLErrors that
    // no resolver threw; a resolver's unknown exception unwraps to something else and is masked.
    if (typeof code === 'string' && passThroughCodes.has(code) && original instanceof GraphQLError) return withoutStack(formatted);
    // Apollo refuses some malformed requests with a 4xx status but no code (a persisted-query hash that is not the
    // SHA-256 of the text sent with it, an unknown persisted-query version): the caller's mistake, said as Apollo says it.
    if (isApolloRequestRefusal(original)) return { message: formatted.message, extensions: { code: 'BAD_REQUEST' } };
    report(original);
    return {
      message: 'Unexpected error.',
      ...(formatted.locations && { locations: formatted.locations }),
      ...(formatted.path && { path: formatted.path }),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

function isApolloRequestRefusal(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.path !== undefined || error.extensions.code !== undefined) return false;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

function withoutStack(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions || !('stacktrace' in formatted.extensions)) return formatted;
  const { stacktrace: _dropped, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}
